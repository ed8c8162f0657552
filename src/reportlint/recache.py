"""Compiled regular expressions kept between runs of the command line (like ``__pycache__``).

Python compiles a regular expression in Python code, and a character class over the CJK block
(``[\\u4e00-\\u9fff]``) costs milliseconds: the rules, facts, rulesets and the Lark grammar compile
several hundred patterns, most of a fresh process's time on a small report. The compiler's
output (``re._compiler``: flags, the SRE code list, group names) depends only on the pattern,
the flags and the Python version, so the command line stores it in the cache folder
(``reportlint.cache``) and hands it straight to ``_sre.compile`` in later runs. The regex engine
validates code it is given, and the file name carries the Python version and the SRE magic
number, so a stale or damaged entry is at worst recompiled.

The pre-filters' analyses of ruleset regexes (``reportlint.prefilter``: which characters and
strings every match contains) are pure functions of the pattern too and are kept in the same
file (``memo``).

``install()`` is called by the command line only: importing reportlint as a library never
patches ``re``. On a Python whose ``re`` internals differ it does nothing.
"""

from __future__ import annotations

import atexit
import functools
import marshal
import re
import sys
from typing import Callable, TypeVar

from reportlint import cache

try:  # CPython 3.11+
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - 3.10 or another implementation: no cache
    _compiler = None  # type: ignore[assignment]

T = TypeVar("T")
MAX_ENTRIES = 4000  # beyond this, a save keeps only the patterns this run used
_original = _compiler.compile if _compiler is not None else None
_entries: dict[tuple, tuple] = {}
_used: set[tuple] = set()
_added = 0


@functools.lru_cache(maxsize=1)
def _file_name() -> str:
    """Named by the Python version, the SRE magic number and the code of the analyses stored
    with ``memo`` (and the character ranks ``Gate`` plans its keys by), so a change to any of
    them starts a new file."""
    tag = f"{sys.version}|{getattr(_sre, 'MAGIC', '')}|{getattr(_sre, 'CODESIZE', '')}"
    return f"regex-{cache.source_hash(tag, 'recache.py', 'prefilter.py', 'char_ranks.py')[:16]}.marshal"


def _installed() -> bool:
    return _compiler is not None and _compiler.compile is _compile


def memo(fn: Callable[[str], T]) -> Callable[[str], T]:
    """Keep the results of ``fn``, a pure function of one regex string whose results marshal
    can store (the pre-filters' analyses in ``reportlint.prefilter``), in the same file once
    ``install()`` ran; a plain call otherwise."""
    name = fn.__qualname__

    @functools.wraps(fn)
    def wrapper(arg: str) -> T:
        if not _installed():
            return fn(arg)
        key = ("memo", name, arg)
        try:
            value = _entries[key]
        except KeyError:
            global _added
            value = _entries[key] = fn(arg)
            _added += 1
        _used.add(key)
        return value

    return wrapper


def _load_file() -> dict:
    try:
        data = marshal.loads((cache.cache_dir() / _file_name()).read_bytes())
    except Exception:  # noqa: BLE001 - absent or damaged: start empty
        return {}
    return data if isinstance(data, dict) else {}


def _compile(p, flags=0):
    """``re._compiler.compile`` with the compiler's output looked up first."""
    if not isinstance(p, (str, bytes)) or flags & re.DEBUG:
        return _original(p, flags)
    key = (p, int(flags))
    entry = _entries.get(key)
    if entry is not None:
        try:
            compiled = _sre.compile(p, *entry)
            _used.add(key)
            return compiled
        except Exception:  # noqa: BLE001 - not valid code for this engine: compile again
            pass
    parsed = _parser.parse(p, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    entry = (int(flags) | int(parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    compiled = _sre.compile(p, *entry)
    global _added
    _entries[key] = entry
    _used.add(key)
    _added += 1
    return compiled


def install() -> None:
    """Route this process's regex compilations through the cache (idempotent)."""
    if _compiler is None or _installed() or not cache.enabled():
        return
    _entries.update(_load_file())
    _compiler.compile = _compile
    atexit.register(save)


def uninstall() -> None:
    if _installed():
        _compiler.compile = _original


def save() -> None:
    """Write what this run compiled, merged with what other runs wrote meanwhile."""
    global _added
    if not _added or not cache.enabled():
        return
    merged = _load_file()
    merged.update(_entries)
    if len(merged) > MAX_ENTRIES:
        merged = {k: v for k, v in merged.items() if k in _used}
    try:
        data = marshal.dumps(merged)
    except ValueError:  # pragma: no cover - an entry marshal cannot hold: keep no file
        return
    if cache.write_atomic(_file_name(), data):
        _added = 0
