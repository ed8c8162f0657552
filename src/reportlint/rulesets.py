"""Rulesets: the domain knowledge rules use, kept as data in ``rulesets/*.toml``.

``base.toml`` holds what is common to every report (placeholder and residue patterns, section
names, outline words); ``annual.toml``, ``half-year.toml`` and ``quarterly.toml`` say which parts
each kind of report needs and how its title is recognised. A user can extend them with
``extend-ruleset`` files of the same schema. Every file is validated by the pydantic models below
(``extra="forbid"``): a typo in a key is an error naming the file and the key, never silence.

Merging: tables merge key by key, lists are concatenated, scalars are replaced.

What rules get is a frozen record tree (``reportlint.frozen``), stored in the user's cache keyed
by the bytes of every file involved (``reportlint.cache``): a later process loads it without
importing pydantic, parsing TOML or compiling the validation regexes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint import cache
from reportlint.prefilter import compiled
from reportlint.resources import resource_dir

if TYPE_CHECKING:
    from pydantic import ValidationError

    from reportlint.frozen import Record

    Ruleset = Record  # a frozen ``reportlint.data.ruleset.Ruleset``

KINDS = ("annual", "half-year", "quarterly")


class RulesetError(Exception):
    def __init__(self, path: str, key: str, problem: str):
        self.path, self.key, self.problem = path, key, problem
        super().__init__(f"{path}: {key}: {problem}")

    def message(self, lang: str = "zh") -> str:
        if lang == "en":
            return f"invalid ruleset {self.path}: key '{self.key}': {self.problem}"
        return f"规则集文件 {self.path} 有误：键“{self.key}”：{self.problem}"


def first_error(exc: ValidationError) -> dict:
    """The error to show: an unknown key first (a typo there explains the rest), else the first."""
    errors = exc.errors()
    return next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])


def _load_file(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulesetError(str(path), "-", "file not found / 文件不存在") from None
    except UnicodeDecodeError as exc:
        raise RulesetError(str(path), "-", f"not valid TOML: {exc}") from None
    # shared, never mutated: ``_merge`` copies a table before merging into it and builds new lists
    return _parse_file(str(path), text)


@lru_cache(maxsize=64)
def _parse_file(path: str, text: str) -> dict:
    """Parse and validate one ruleset file; cached by its content, so ``base.toml`` is validated
    once per process however many kinds extend it."""
    data = _parse_toml(path, text)
    from pydantic import ValidationError

    from reportlint.data.ruleset import RulesetFile

    try:
        RulesetFile.model_validate(data)
    except ValidationError as exc:
        err = first_error(exc)
        key = ".".join(str(p) for p in err["loc"]) or "-"
        raise RulesetError(path, key, err["msg"]) from None
    return data


def _parse_toml(path: str, text: str) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesetError(path, "-", f"not valid TOML: {exc}") from None


def _merge(into: dict, new: dict) -> dict:
    for key, value in new.items():
        if key in ("name", "description", "extends"):
            continue
        old = into.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            into[key] = _merge(dict(old), value)
        elif isinstance(old, list) and isinstance(value, list):
            into[key] = old + value
        else:
            into[key] = value
    return into


def _resolve(name_or_path: str) -> Path:
    p = Path(name_or_path)
    if p.suffix == ".toml" and (p.exists() or p.is_absolute() or "/" in name_or_path):
        return p
    return resource_dir("rulesets") / f"{name_or_path}.toml"


def _load_chain(name_or_path: str, seen: tuple[str, ...] = ()) -> dict:
    path = _resolve(name_or_path)
    if str(path) in seen:
        raise RulesetError(str(path), "extends", "circular extends / 循环继承")
    data = _load_file(path)
    merged: dict = {}
    for parent in data.get("extends", []):
        _merge(merged, _load_chain(parent, seen + (str(path),)))
    _merge(merged, data)
    merged.setdefault("sources", [])
    merged["sources"] = list(merged["sources"]) + [str(path)]
    return merged


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise RulesetError(str(path), "-", "file not found / 文件不存在") from None
    except OSError as exc:
        raise RulesetError(str(path), "-", str(exc)) from None


def _shipped_bytes() -> list[bytes]:
    """Every shipped ruleset file (name and bytes): the chains of shipped names stay inside them."""
    folder = resource_dir("rulesets")
    return [f.name.encode() + b"\0" + f.read_bytes() for f in sorted(folder.glob("*.toml"))]


def _user_files(name_or_path: str, seen: tuple[str, ...] = ()) -> list[bytes]:
    """Path and bytes of a user's ruleset file and of the user files it extends (shipped parents
    are covered by ``_shipped_bytes``). Only user files are parsed here; they are small."""
    path = _resolve(name_or_path)
    if path.parent == resource_dir("rulesets") or str(path) in seen:
        return []
    raw = _read_bytes(path)
    out = [str(path).encode("utf-8", "surrogatepass") + b"\0" + raw]
    try:
        parents = _parse_toml(str(path), raw.decode("utf-8")).get("extends", [])
    except (RulesetError, UnicodeDecodeError):
        return out  # reported when the file is validated
    for parent in parents if isinstance(parents, list) else []:
        if isinstance(parent, str):
            out += _user_files(parent, seen + (str(path),))
    return out


@lru_cache(maxsize=64)
def load_ruleset(name: str, extend: tuple[str, ...] = ()) -> Ruleset:
    """Load a shipped ruleset by name (``annual``) or a TOML path, then apply ``extend`` files."""
    parts = [name, *extend, *_shipped_bytes(), *_user_files(name)]
    for extra in extend:
        parts.append(_read_bytes(Path(extra)))
    return cache.cached(cache.key("ruleset", *parts), lambda: _validated_ruleset(name, extend))


def _validated_ruleset(name: str, extend: tuple[str, ...]) -> Ruleset:
    from pydantic import ValidationError

    from reportlint.data.ruleset import Ruleset as RulesetModel
    from reportlint.frozen import freeze

    merged = _load_chain(name)
    for extra in extend:
        path = Path(extra)
        data = _load_file(path)
        _merge(merged, data)
        merged["sources"] = list(merged["sources"]) + [str(path)]
    try:
        return freeze(RulesetModel.model_validate(merged))
    except ValidationError as exc:  # pragma: no cover - each file was valid on its own
        err = first_error(exc)
        raise RulesetError(name, ".".join(map(str, err["loc"])), err["msg"]) from None


@lru_cache(maxsize=1)
def kind_rulesets() -> list[tuple[str, Ruleset]]:
    """The shipped kinds, most specific first (for title detection)."""
    out = [(k, load_ruleset(k)) for k in KINDS]
    out.sort(key=lambda kr: -(kr[1].priority or 0))
    return out


@lru_cache(maxsize=1)
def _kind_detectors() -> list[tuple[str, tuple[re.Pattern[str], ...]]]:
    """``detect`` of each shipped kind, most specific first: read from the merged files (each
    validated), without building the whole ``Ruleset`` of every kind just to detect one."""

    def build() -> list:
        out = []
        for k in KINDS:
            merged = _load_chain(k)
            out.append([k, merged.get("priority") or 0, list(merged.get("detect", []))])
        return out

    detectors = cache.cached(cache.key("detect", *_shipped_bytes()), build)
    detectors = sorted(detectors, key=lambda kpd: -kpd[1])
    return [(k, tuple(compiled(p) for p in d)) for k, _, d in detectors]


def detect_kind(title: str | None) -> str:
    """The kind of report a title names; ``annual`` when nothing more specific matches."""
    if title:
        for kind, detect in _kind_detectors():
            if any(rx.search(title) for rx in detect):
                return kind
    return "annual"
