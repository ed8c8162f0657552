"""Results of checking files that have not changed since an earlier run (like ruff's cache or
ESLint's ``--cache``).

A pre-commit hook or a CI job checks the same reports again and again, and most of them have not
changed. The findings of a file depend only on its bytes, on the path it was given as (findings
carry it; per-file-ignores match it), on the resolved settings, on the rulesets, and on the code
that checks it. An entry is keyed by a hash of all of them, so an edited report, configuration,
ruleset or reportlint gets a new key: an entry is never stale, only unused. Rules depend on
nothing else (no clock, no environment, no other file: the cross-report checks Y490/Y491 run
after the cache, on every run).

What is stored is what a parallel worker sends back (``reportlint.parallel``): the findings
before the cross-report checks, the document (renderers quote it), the counters, and the
cross-report summary. It is loaded with an unpickler that builds nothing but those classes, so a
tampered entry cannot run code; it is rejected and recomputed.

Where: the ``results`` folder of the user's cache (``reportlint.cache``), at most
``MAX_RESULTS`` entries, the least recently used removed first; inputs over ``STORE_MAX_BYTES``
are always checked. Off with ``--no-cache`` or
``REPORTLINT_NO_CACHE=1``, and never used by ``--fix``/``--diff`` (they rewrite the file).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint import cache

if TYPE_CHECKING:
    from reportlint.config import Settings
    from reportlint.results import FileResult

FORMAT = "2"  # bump when what is stored changes shape
MAX_RESULTS = 20_000  # entries (a report's is 10-100 KB)
# inputs larger than this are not stored: pickling the result of a 10 MB text (~60,000 findings)
# would double the peak memory of the run (measured: 195 -> 358 MB), and such inputs are rare
STORE_MAX_BYTES = 2_000_000
FOLDER = "results"
# third-party code that decides what a file reads as (outline parser, .docx package, encoding
# guess): import name -> distribution name as in its ``*.dist-info`` folder
_DEPENDENCIES = {"lark": "lark", "lxml": "lxml", "docx": "python_docx", "charset_normalizer": "charset_normalizer"}


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The code and data a result was computed by, the Python version, and the third-party
    packages that read and parse.

    An installed wheel is identified by its ``RECORD`` (the sha256 of every file of the package,
    grammars and rulesets included): content only, so a CI job that installs the same version
    again and restores the cache folder reuses it. A source checkout or an editable install is
    identified by the name, size and modification time of every module, grammar and ruleset (as
    Python checks its bytecode cache): an edit changes them. A dependency is identified by its
    ``*.dist-info`` folder name (name and version), else by its location, size and time.
    """
    from reportlint import __version__

    h = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version}".encode())
    package = Path(__file__).resolve().parent
    record = _wheel_record(package)
    if record is not None:
        h.update(record)
    else:
        _hash_sources(h, package)
    _hash_dependencies(h)
    return h.hexdigest()


def _wheel_record(package: Path) -> bytes | None:
    """The RECORD of the wheel this package was installed from, if it lists the package's own
    files (an editable install's lists only a path file)."""
    try:
        for name in os.listdir(package.parent):
            if name.startswith("reportlint-") and name.endswith(".dist-info"):
                data = (package.parent / name / "RECORD").read_bytes()
                if b"reportlint/__init__.py," in data and b"reportlint/resultcache.py," in data:
                    return data
    except OSError:
        pass
    return None


def _hash_sources(h, package: Path) -> None:
    from reportlint.resources import resource_dir

    folders = [(str(package), ".py")]
    for kind in ("grammars", "rulesets"):
        try:
            folders.append((str(resource_dir(kind)), ""))
        except FileNotFoundError:
            h.update(f"{kind}|absent".encode())
    for folder, suffix in folders:  # os.scandir: pathlib's glob costs ~10 ms here
        todo = [folder]
        while todo:
            entries = sorted(os.scandir(todo.pop()), key=lambda e: e.name)
            for e in entries:
                if e.is_dir(follow_symlinks=False):
                    if e.name != "__pycache__":
                        todo.append(e.path)
                elif e.name.endswith(suffix):
                    st = e.stat()
                    h.update(f"{os.path.relpath(e.path, folder)}|{st.st_size}|{st.st_mtime_ns}\n".encode())


def _hash_dependencies(h) -> None:
    import importlib.util

    listed: dict[str, list[str]] = {}
    for module, dist in _DEPENDENCIES.items():
        try:
            spec = importlib.util.find_spec(module)
            origin = spec.origin if spec else None
        except (ImportError, ValueError):
            origin = None
        if not origin:
            h.update(f"{module}|absent".encode())
            continue
        where = str(Path(origin).parent.parent)  # site-packages/<module>/__init__.py
        if where not in listed:
            try:
                listed[where] = sorted(n for n in os.listdir(where) if n.endswith(".dist-info"))
            except OSError:
                listed[where] = []
        infos = [n for n in listed[where] if n.split("-")[0].lower().replace(".", "_") == dist]
        if infos:
            h.update(f"{module}|{where}|{'|'.join(infos)}".encode())
            continue
        try:
            st = os.stat(origin)
            h.update(f"{module}|{origin}|{st.st_size}|{st.st_mtime_ns}".encode())
        except OSError:
            h.update(f"{module}|absent".encode())


def entry_key(path: str, data: bytes, settings: Settings, encoding: str | None) -> str | None:
    """The name of the entry for checking ``data`` (the bytes of ``path``) with ``settings``;
    None when a file the settings name (an extending ruleset) cannot be read."""
    h = hashlib.sha256(code_fingerprint().encode())

    def part(b: bytes | str) -> None:
        b = b.encode("utf-8", "surrogatepass") if isinstance(b, str) else b
        h.update(len(b).to_bytes(8, "little") + b)

    part(path)
    part(os.path.abspath(path))  # per-file-ignores resolve a relative path against the current folder
    part(repr(settings))  # a frozen dataclass of strings, tuples, numbers and enums
    part(repr(encoding))
    for extra in settings.extend_ruleset:
        try:
            part(Path(extra).read_bytes())
        except OSError:
            return None
    part(data)
    return h.hexdigest()[:40]


def _file(key: str) -> Path:
    return cache.cache_dir() / FOLDER / key[:2] / f"{key}.pickle"


# the classes of a stored result (what ``frozen.loads`` may build; anything else is rejected)
_CLASSES = frozenset({
    ("reportlint.results", "FileResult"),
    ("reportlint.document", "Document"),
    ("reportlint.document", "Block"),
    ("reportlint.document", "BlockKind"),
    ("reportlint.findings", "Finding"),
    ("reportlint.findings", "Fix"),
    ("reportlint.findings", "Severity"),
    ("reportlint.previous", "Summary"),
    ("collections", "Counter"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("decimal", "Decimal"),
})


def load(key: str) -> FileResult | None:
    """The stored result, or None (absent, unreadable, corrupt, not a result)."""
    from reportlint.frozen import loads
    from reportlint.results import FileResult

    f = _file(key)
    try:
        value = loads(f.read_bytes(), _CLASSES)
    except Exception:  # noqa: BLE001 - any problem with an entry means "not cached"
        return None
    if not isinstance(value, FileResult) or value.document is None:
        return None
    try:
        os.utime(f)  # recently used: pruned last
    except OSError:
        pass
    return value


def store(key: str, result: FileResult) -> None:
    """Store what a worker would send back for ``result``; never raises."""
    from reportlint.frozen import dumps

    try:
        data = dumps(result)
    except Exception:  # noqa: BLE001 - a result that does not pickle is not cached
        return
    cache.write_atomic(f"{FOLDER}/{key[:2]}/{key}.pickle", data)


def lint_path(path: str, settings: Settings, encoding: str | None = None) -> FileResult:
    """``engine.lint_path`` through the cache: the stored result when this file, with these
    settings and this code, was checked before; otherwise check it and store the result."""
    from reportlint.document import ReadError
    from reportlint.readers import read_bytes
    from reportlint.results import FileResult

    try:
        data = read_bytes(path, max_size=settings.max_input_size)
    except ReadError as exc:
        return FileResult(path=path, error=exc)
    key = entry_key(path, data, settings, encoding) if cache.enabled() and len(data) <= STORE_MAX_BYTES else None
    if key is not None:
        hit = load(key)
        if hit is not None:
            return hit
    from reportlint.engine import lint_bytes  # the whole pipeline: imported on a miss only

    result = lint_bytes(data, path, settings, encoding)
    if key is not None and result.error is None:
        from reportlint.previous import summary_of

        result.cross = summary_of(result, settings)
        store(key, dataclasses.replace(result, outline=None, facts=None, ruleset=None))
    return result


def prune(limit: int = MAX_RESULTS) -> None:
    """Keep at most ``limit`` entries, removing the least recently used; never raises."""
    if not cache.enabled():
        return
    root = cache.cache_dir() / FOLDER
    try:
        shards = [d.path for d in os.scandir(root) if d.is_dir(follow_symlinks=False)]
        entries = [e.path for d in shards for e in os.scandir(d) if e.name.endswith(".pickle")]
    except OSError:
        return
    cache.remove_oldest(entries, limit, int(limit * 0.9))  # down to 90%: not pruning on every run
