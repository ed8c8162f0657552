"""File discovery: which files ``reportlint check PATH...`` checks.

A folder is walked for .txt/.md/.docx (and the formats that get a "convert it first" error).
Inside a git work tree the walk asks git (``git ls-files --cached --others --exclude-standard``),
so whatever ``.gitignore`` (and ``.git/info/exclude``, the global excludes file) ignores is not
checked; outside one, or without git, the folder is walked directly. Hidden folders and files,
Word lock files (``~$…``) and tool folders (.git, node_modules, .venv …) are skipped either way.
``exclude`` globs from the nearest config file drop walked files too (relative to the config
file's folder; a pattern may name a folder, a path or a file name). A file named on the command
line is always checked, unless ``--force-exclude`` is given (useful under pre-commit, which
passes every staged file by name).

The result is sorted within each folder argument and keeps the order of the arguments.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from reportlint.config import Settings

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}


def wanted_suffixes() -> set[str]:
    from reportlint.readers import SUPPORTED_SUFFIXES, _CONVERT

    return set(SUPPORTED_SUFFIXES) | set(_CONVERT)


ANNOTATED_SUFFIX = ".reportlint.docx"  # written by ``reportlint annotate``: never checked as a report


def _skip_name(name: str) -> bool:
    return name.startswith(("~$", ".")) or name.lower().endswith(ANNOTATED_SUFFIX)


def _git_files(folder: Path) -> list[str] | None:
    """Files under ``folder`` that git does not ignore (tracked or untracked); None outside a work tree."""
    import subprocess  # only folders are walked through git: a file argument needs none

    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."],
            cwd=folder,
            capture_output=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    names = out.stdout.decode("utf-8", "surrogateescape").split("\0")
    return sorted({n for n in names if n})


def _walk_files(folder: Path, unreadable: list[str]) -> list[str]:
    """Files under ``folder``; sub-folders that cannot be listed are added to ``unreadable``."""
    found = []

    def failed(exc: OSError) -> None:
        unreadable.append(str(exc.filename) if exc.filename else str(folder))

    for root, dirs, names in os.walk(folder, followlinks=False, onerror=failed):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        rel_root = Path(root).relative_to(folder)
        for name in names:
            found.append((rel_root / name).as_posix())
    return sorted(found)


def folder_files(folder: str, unreadable: list[str] | None = None) -> list[str]:
    """Checkable files under ``folder`` (paths joined onto ``folder`` as given), sorted.

    A symbolic link with a report's suffix that leads nowhere (dangling, or a loop) is kept: the
    reader reports it, so the summary counts it instead of the walk hiding it. Sub-folders that
    cannot be listed are appended to ``unreadable``."""
    base = Path(folder)
    suffixes = wanted_suffixes()
    rels = _git_files(base)
    if rels is None:
        rels = _walk_files(base, unreadable if unreadable is not None else [])
    out = []
    for rel in rels:
        parts = PurePosixPath(rel).parts
        if any(p in SKIP_DIRS or p.startswith(".") for p in parts[:-1]) or _skip_name(parts[-1]):
            continue
        if PurePosixPath(rel).suffix.lower() not in suffixes:
            continue
        full = base / rel
        if not full.is_file() and not full.is_symlink():  # a tracked file deleted from the work tree
            continue
        out.append(os.path.join(folder, *parts))
    return sorted(out)


def is_excluded(path: str, settings: Settings) -> bool:
    """Whether ``path`` matches an ``exclude`` glob of its settings (relative to the config folder)."""
    patterns = getattr(settings, "exclude", ()) or ()
    if not patterns or path == "-":
        return False
    p = Path(path).resolve()
    rel = None
    if settings.root:
        try:
            rel = p.relative_to(Path(settings.root).resolve()).as_posix()
        except ValueError:
            rel = None
    rel = rel or Path(path).as_posix()
    parts = rel.split("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]  # every ancestor folder and the file
    for pattern in patterns:
        pat = pattern.rstrip("/")
        for cand in candidates:
            if fnmatch.fnmatch(cand, pat):
                return True
        if "/" not in pat and any(fnmatch.fnmatch(part, pat) for part in parts):
            return True
    return False


def discover(
    paths: Iterable[str],
    settings_of: Callable[[str], Settings] | None = None,
    *,
    force_exclude: bool = False,
) -> tuple[list[str], list[str], list[str]]:
    """Files to check (sorted within each folder), the paths that do not exist and the folders
    that could not be listed (no permission, vanished mid-walk)."""
    files: list[str] = []
    missing: list[str] = []
    unreadable: list[str] = []
    seen: set[str] = set()

    def add(f: str) -> None:
        if f not in seen:
            seen.add(f)
            files.append(f)

    for raw in paths:
        if raw == "-":
            files.append("-")
            continue
        p = Path(raw)
        if p.is_dir():
            for f in folder_files(raw, unreadable):
                if settings_of is not None and is_excluded(f, settings_of(f)):
                    continue
                add(f)
        elif p.exists() or p.is_symlink():
            if force_exclude and settings_of is not None and is_excluded(raw, settings_of(raw)):
                continue
            add(raw)
        else:
            missing.append(raw)
    return files, missing, unreadable
