"""Rulesets: the domain knowledge rules use, kept as data in ``rulesets/*.toml``.

``base.toml`` holds what is common to every report (placeholder and residue patterns, section
names, outline words); ``annual.toml``, ``half-year.toml`` and ``quarterly.toml`` say which parts
each kind of report needs and how its title is recognised. A user can extend them with
``extend-ruleset`` files of the same schema. Every file is validated by the pydantic models below
(``extra="forbid"``): a typo in a key is an error naming the file and the key, never silence.

Merging: tables merge key by key, lists are concatenated, scalars are replaced.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator

from reportlint.data import StrictModel, check_regex
from reportlint.data.arithmetic import ArithmeticData
from reportlint.data.calendar import CalendarData
from reportlint.data.typography import TypographyData
from reportlint.prefilter import compiled
from reportlint.resources import resource_dir

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover
    import tomli as tomllib  # type: ignore[no-redef]

PartName = Literal["review", "problems", "plan"]
KINDS = ("annual", "half-year", "quarterly")




class Pattern(StrictModel):
    """A text pattern with a human description, e.g. one kind of placeholder."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    regex: str
    zh: str  # what a match is, in Chinese (used in messages)
    en: str
    scope: Literal["inline", "line"] = "inline"  # line: the whole stripped block must match
    exceptions: list[str] = []  # regexes; a match lying inside an exception match is not reported

    _v_regex = field_validator("regex")(classmethod(lambda cls, v: check_regex(v)))

    @field_validator("exceptions")
    @classmethod
    def _v_exceptions(cls, v: list[str]) -> list[str]:
        return [check_regex(x) for x in v]


class PartPatterns(StrictModel):
    heading: list[str] = []  # regexes searched in a section heading's title
    body: list[str] = []  # regexes searched in body paragraphs: the part is discussed without a heading

    @field_validator("heading", "body")
    @classmethod
    def _v(cls, v: list[str]) -> list[str]:
        return [check_regex(x) for x in v]


class OutlineWords(StrictModel):
    title_keywords: list[str] = []  # a title names the kind of document (总结, 计划 …)
    title_exclude: list[str] = []  # regexes: blocks that look like titles but are not (file names)
    toc_headings: list[str] = []  # words of a table-of-contents heading (目录)
    announce: list[str] = []  # regexes with group "n": "以下五个方面" announces n parts

    @field_validator("title_exclude", "announce")
    @classmethod
    def _v(cls, v: list[str]) -> list[str]:
        return [check_regex(x) for x in v]


class RulesetFile(StrictModel):
    """Schema of one ruleset TOML file (all keys optional so files can extend each other)."""

    name: str | None = None
    description: str | None = None
    extends: list[str] = []
    kind: Literal["annual", "half-year", "quarterly"] | None = None
    detect: list[str] = []  # regexes on the title that select this kind
    priority: int | None = None  # higher is tried first when detecting the kind
    required_parts: list[PartName] | None = None
    outline: OutlineWords = OutlineWords()
    parts: dict[PartName, PartPatterns] = {}
    placeholders: list[Pattern] = []
    masks: list[Pattern] = []
    empty_slots: list[Pattern] = []
    residue: list[Pattern] = []
    arithmetic: ArithmeticData = ArithmeticData()
    calendar: CalendarData = CalendarData()
    typography: TypographyData = TypographyData()

    @field_validator("detect")
    @classmethod
    def _v_detect(cls, v: list[str]) -> list[str]:
        return [check_regex(x) for x in v]


class Ruleset(RulesetFile):
    """A merged, ready-to-use ruleset."""

    sources: list[str] = []


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
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesetError(path, "-", f"not valid TOML: {exc}") from None
    try:
        RulesetFile.model_validate(data)
    except ValidationError as exc:
        err = first_error(exc)
        key = ".".join(str(p) for p in err["loc"]) or "-"
        raise RulesetError(path, key, err["msg"]) from None
    return data


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


@lru_cache(maxsize=64)
def load_ruleset(name: str, extend: tuple[str, ...] = ()) -> Ruleset:
    """Load a shipped ruleset by name (``annual``) or a TOML path, then apply ``extend`` files."""
    merged = _load_chain(name)
    for extra in extend:
        path = Path(extra)
        data = _load_file(path)
        _merge(merged, data)
        merged["sources"] = list(merged["sources"]) + [str(path)]
    try:
        return Ruleset.model_validate(merged)
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
    out = []
    for k in KINDS:
        merged = _load_chain(k)
        out.append((k, merged.get("priority") or 0, tuple(compiled(p) for p in merged.get("detect", []))))
    out.sort(key=lambda kpd: -kpd[1])
    return [(k, d) for k, _, d in out]


def detect_kind(title: str | None) -> str:
    """The kind of report a title names; ``annual`` when nothing more specific matches."""
    if title:
        for kind, detect in _kind_detectors():
            if any(rx.search(title) for rx in detect):
                return kind
    return "annual"
