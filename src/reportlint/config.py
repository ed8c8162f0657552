"""Configuration: ``[tool.reportlint]`` in pyproject.toml or a ``reportlint.toml``, found from the
checked file's folder upward (the nearest wins); command-line flags override it."""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint import cache
from reportlint.findings import Severity
from reportlint.rulesets import first_error

if TYPE_CHECKING:
    from reportlint.data.config import ConfigFile


class ConfigError(Exception):
    def __init__(self, path: str, key: str, problem: str):
        self.path, self.key, self.problem = path, key, problem
        super().__init__(f"{path}: {key}: {problem}")

    def message(self, lang: str = "zh") -> str:
        if lang == "en":
            return f"invalid configuration {self.path}: key '{self.key}': {self.problem}"
        return f"配置文件 {self.path} 有误：键“{self.key}”：{self.problem}"


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$", re.IGNORECASE)


def parse_size(value) -> int:
    """A size in bytes from ``52428800``, ``"50MB"``, ``"50M"``, ``"50MiB"``, ``"1.5G"``, ``"200k"``.

    K/M/G are binary (1024-based), with or without a trailing ``B``/``iB``; 0 means "no limit".
    """
    if isinstance(value, bool):
        raise ValueError("expected a size such as 50MB / 应为大小，如 50MB")
    if isinstance(value, int):
        if value < 0:
            raise ValueError("a size cannot be negative / 大小不能为负数")
        return value
    m = _SIZE.match(str(value))
    if not m:
        raise ValueError(f"not a size: {value!r} (use e.g. 50MB, 200MB, 0 for no limit) / 不是有效的大小")
    return int(float(m.group(1)) * 1024 ** " kmg".index((m.group(2) or " ").lower()))


@dataclass(frozen=True)
class Settings:
    """Resolved settings for checking one file."""

    ruleset: str | None = None
    extend_ruleset: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None  # None: every rule
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()  # globs relative to ``root`` (see reportlint.walk)
    fail_on: Severity = Severity.WARNING
    lang: str = "zh"
    config_path: str | None = None
    root: str | None = None  # folder of the config file: per-file-ignores globs are relative to it
    max_input_size: int | None = None  # bytes; None: the reader's default (50 MiB), 0: no limit
    max_docx_size: int | None = None  # declared unpacked bytes of a .docx; None: the reader's default

    def is_selected(self, code: str, path: str | None = None) -> bool:
        if self.select is not None and not any(code.startswith(p) for p in self.select):
            return False
        if any(code.startswith(p) for p in self.ignore):
            return False
        if path and self.per_file_ignores:
            rel = _relative(path, self.root)
            for pattern, codes in self.per_file_ignores:
                if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(rel).name, pattern):
                    if any(code.startswith(p) for p in codes):
                        return False
        return True

    def severity_of(self, code: str, default: Severity) -> Severity:
        best, best_len = default, -1
        for prefix, sev in self.severity:
            if code.startswith(prefix) and len(prefix) > best_len:
                best, best_len = sev, len(prefix)
        return best


def _relative(path: str, root: str | None) -> str:
    # asked for every rule of every file: a path is resolved once (against the current folder)
    return _relative_from(path, root, os.getcwd())


@lru_cache(maxsize=4096)
def _relative_from(path: str, root: str | None, _cwd: str) -> str:
    p = Path(path).resolve()
    if root:
        try:
            return p.relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return Path(path).as_posix()


def _read_toml(path: Path) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), "-", f"not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(str(path), "-", str(exc)) from None


@lru_cache(maxsize=256)
def find_config(folder: str) -> tuple[str, ConfigFile] | None:
    """Nearest reportlint.toml or pyproject.toml with [tool.reportlint], from ``folder`` upward."""
    here = Path(folder).resolve()
    for d in (here, *here.parents):
        own = d / "reportlint.toml"
        if own.is_file():
            return str(own), _validate(own, _read_toml(own))
        py = d / "pyproject.toml"
        if py.is_file():
            data = _read_toml(py).get("tool", {}).get("reportlint")
            if data is not None:
                return str(py), _validate(py, data)
    return None


def _validate(path: Path, data: dict) -> ConfigFile:
    """The validated ``[tool.reportlint]`` table as a record; cached by its content (see
    reportlint.cache), so a later run does not import pydantic for an unchanged configuration."""

    def build():
        from pydantic import ValidationError

        from reportlint.data.config import ConfigFile
        from reportlint.frozen import freeze

        try:
            return freeze(ConfigFile.model_validate(data))
        except ValidationError as exc:
            err = first_error(exc)
            key = ".".join(str(p) for p in err["loc"]) or "-"
            raise ConfigError(str(path), key, err["msg"]) from None

    return cache.cached(cache.key("config", repr(data)), build)


def __getattr__(name: str):
    if name == "ConfigFile":  # the schema, for callers that validate themselves
        from reportlint.data.config import ConfigFile

        return ConfigFile
    raise AttributeError(name)


def _from_file(cpath: str, cfg: ConfigFile) -> Settings:
    root = Path(cpath).resolve().parent
    return Settings(
        ruleset=cfg.ruleset,
        extend_ruleset=tuple(str((root / p).resolve()) for p in cfg.extend_ruleset),
        select=tuple(cfg.select) if cfg.select is not None else None,
        ignore=tuple(cfg.ignore),
        severity=tuple((k.upper(), v) for k, v in cfg.severity.items()),
        per_file_ignores=tuple((k, tuple(c.upper() for c in v)) for k, v in cfg.per_file_ignores.items()),
        exclude=tuple(cfg.exclude),
        fail_on=cfg.fail_on or Severity.WARNING,
        lang=cfg.lang or "zh",
        config_path=cpath,
        root=str(root),
        max_input_size=cfg.max_input_size,
        max_docx_size=cfg.max_docx_size,
    )


def load_config_file(path: str) -> Settings:
    """Settings from an explicit ``--config`` file (reportlint.toml or pyproject.toml)."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(path, "-", "file not found / 文件不存在")
    data = _read_toml(p)
    if p.name == "pyproject.toml":
        data = data.get("tool", {}).get("reportlint", {})
    return _from_file(str(p), _validate(p, data))


def apply_overrides(base: Settings, overrides: dict) -> Settings:
    """Command-line flags over file settings: given values replace, ignore/extend-ruleset add."""
    changes = {k: v for k, v in overrides.items() if v is not None}
    if "extend_ruleset" in changes:
        changes["extend_ruleset"] = base.extend_ruleset + tuple(changes["extend_ruleset"])
    if "ignore" in changes:
        changes["ignore"] = base.ignore + tuple(changes["ignore"])
    return replace(base, **changes)


def settings_for(path: str, overrides: dict, use_config: bool = True) -> Settings:
    """Settings for one file: its nearest config file, then the command-line ``overrides``."""
    base = Settings()
    if use_config:
        found = find_config(str(Path(path).parent) if path != "-" else ".")
        if found:
            base = _from_file(*found)
    return apply_overrides(base, overrides)


__all__ = ["ConfigError", "ConfigFile", "Settings", "parse_size", "apply_overrides", "find_config", "load_config_file", "settings_for"]
