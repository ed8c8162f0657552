"""The user's cache of validated rulesets and configurations and of the outline parser's tables
(like Python's ``__pycache__``).

Validating the shipped rulesets means importing pydantic and compiling several hundred regular
expressions: most of a fresh process's start-up. The result depends only on the bytes of the
TOML files and on the schema code, so it is stored once, keyed by a hash of both, and loaded by
later processes (``reportlint.frozen``). An edited file gets a new key; nothing is ever stale.

Where: ``$REPORTLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/reportlint``, else ``~/.cache/reportlint``.
Off with ``--no-cache`` or ``REPORTLINT_NO_CACHE=1``. The cache is an optimisation only: a
folder that cannot be created or written, or an unreadable or corrupt entry, silently means
"validate again" (a corrupt entry is replaced). Entries are written atomically (temporary file +
rename); the folder keeps at most ``MAX_ENTRIES`` files, the least recently written removed first.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from reportlint import __version__

FORMAT = "1"  # bump when what is stored changes shape
MAX_ENTRIES = 64
_disabled = False


def disable(off: bool = True) -> None:
    """``--no-cache``: neither read nor write for the rest of this process (``off=False``: the
    default again, for a command line run in process after one with ``--no-cache``)."""
    global _disabled
    _disabled = off


def enabled() -> bool:
    return not _disabled and os.environ.get("REPORTLINT_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    explicit = os.environ.get("REPORTLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "reportlint"


def source_hash(tag: str, *modules: str) -> str:
    """A hash of ``tag`` and the source of ``modules`` (paths relative to the package, globs
    allowed): what a cache entry was computed by, so that editing that code in a checkout
    invalidates the entry even without a version bump."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256(f"{FORMAT}|{__version__}|{tag}".encode())
    for pattern in modules:
        for f in sorted(here.glob(pattern)):
            try:
                h.update(f.name.encode() + b"\0" + f.read_bytes())
            except OSError:
                h.update(f.name.encode() + b"\0missing")
    return h.hexdigest()


@lru_cache(maxsize=1)
def schema_fingerprint() -> str:
    """The code that turns TOML into records: the schema modules, the record type, the loader."""
    return source_hash(str(sys.version_info[:2]), "data/*.py", "frozen.py", "rulesets.py")


def key(kind: str, *parts: bytes | str) -> str:
    """The name of a cache entry: ``kind`` plus a hash of the schema code and of ``parts``."""
    h = hashlib.sha256(schema_fingerprint().encode())
    for p in parts:
        b = p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little") + b)
    return f"{kind}-{h.hexdigest()[:32]}"


def load(name: str) -> Any | None:
    """The records stored under ``name``, or None (absent, unreadable, corrupt, cache off)."""
    if not enabled():
        return None
    from reportlint.frozen import loads

    try:
        data = (cache_dir() / f"{name}.pickle").read_bytes()
        return loads(data)
    except Exception:  # noqa: BLE001 - any problem with an entry means "not cached"
        return None


def store(name: str, value: Any) -> None:
    """Store records under ``name``; never raises."""
    if not enabled():
        return
    from reportlint.frozen import dumps

    if write_atomic(f"{name}.pickle", dumps(value)):
        try:
            _prune(cache_dir())
        except OSError:
            pass


def write_atomic(name: str, data: bytes) -> bool:
    """Write ``data`` as the cache file ``name`` (a path relative to the cache folder; temporary
    file + rename); False when the cache folder cannot be created or written. Never raises."""
    target = cache_dir() / name
    folder = target.parent
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
        tmp = None
        return True
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no cache
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(folder: Path) -> None:
    remove_oldest([str(p) for p in folder.glob("*.pickle") if p.is_file()], MAX_ENTRIES, MAX_ENTRIES)


def remove_oldest(paths: list[str], limit: int, keep: int) -> None:
    """When there are more than ``limit`` of ``paths``, remove all but the ``keep`` most recently
    written (or used: readers may touch an entry); never raises."""
    if len(paths) <= limit:
        return
    dated = []
    for p in paths:
        try:
            dated.append((os.stat(p).st_mtime_ns, p))
        except OSError:
            pass
    dated.sort()
    for _, p in dated[: max(0, len(dated) - keep)]:
        try:
            os.unlink(p)
        except OSError:
            pass


def cached(name: str, build: Callable[[], Any]) -> Any:
    """The entry ``name``, built (and stored) by ``build()`` when it is not in the cache."""
    value = load(name)
    if value is None:
        value = build()
        store(name, value)
    return value
