"""Readers turn a file into a Document. They know nothing about rules."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from reportlint.document import Document, ReadError

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
DOCX_SUFFIXES = {".docx", ".docm"}
SUPPORTED_SUFFIXES = set(TEXT_SUFFIXES) | DOCX_SUFFIXES
_CONVERT = {
    ".doc": ("旧版 Word 格式 .doc", "old Word .doc format"),
    ".wps": ("WPS 文字格式 .wps", "WPS Writer .wps format"),
    ".pdf": ("PDF", "PDF"),
    ".rtf": ("RTF", "RTF"),
    ".odt": ("OpenDocument .odt", "OpenDocument .odt"),
}


def _unsupported(path: str, suffix: str) -> ReadError:
    if suffix in _CONVERT:
        zh, en = _CONVERT[suffix]
        return ReadError(
            path,
            f"{path}：不支持{zh}，请先另存为 .docx（Word/WPS“另存为”，或 soffice --headless --convert-to docx {Path(path).name}）",
            f"{path}: {en} is not supported; save it as .docx first (Word/WPS 'Save as', or soffice --headless --convert-to docx {Path(path).name})",
        )
    return ReadError(
        path,
        f"{path}：不支持的文件类型“{suffix or '无扩展名'}”，可检查 .txt、.md、.docx",
        f"{path}: unsupported file type '{suffix or 'no extension'}'; reportlint checks .txt, .md and .docx",
    )


DEFAULT_MAX_INPUT_SIZE = 50 * 1024 * 1024  # bytes; ``max-input-size`` / ``--max-input-size`` (0: no limit)


def format_size(n: int) -> str:
    """``50 MiB``, ``1.5 MiB``, ``200 KiB``, ``12 B``."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if value == int(value) or value >= 100 else f"{value:.1f} {unit}"
    return f"{n} B"


def _too_large(path: str, size: int | None, limit: int) -> ReadError:
    got = f"{format_size(size)}，" if size is not None else ""
    got_en = f"{format_size(size)}, " if size is not None else ""
    return ReadError(
        path,
        f"{path}：文件过大（{got}上限 {format_size(limit)}），未检查；如确需检查，请用 --max-input-size 或配置项 max-input-size 调高上限",
        f"{path}: file too large ({got_en}limit {format_size(limit)}); not checked — raise the limit with --max-input-size or the max-input-size setting",
    )


def _read_limited(fh, path: str, limit: int) -> bytes:
    """All of ``fh``, or ReadError when it holds more than ``limit`` bytes (0: no limit)."""
    if not limit:
        return fh.read()
    try:
        size = os.fstat(fh.fileno()).st_size
    except (OSError, AttributeError, ValueError):
        size = 0
    if size > limit:
        raise _too_large(path, size, limit)
    data = fh.read(limit + 1)  # a pipe, or a file that grew since fstat
    if len(data) > limit:
        raise _too_large(path, None, limit)
    return data


def read_path(
    path: str,
    encoding: str | None = None,
    stdin_format: str = "txt",
    *,
    max_size: int | None = None,
    max_docx_size: int | None = None,
) -> Document:
    """Read one file (or ``-`` for stdin) into a Document; raise ReadError with a clear message.

    ``max_size``: refuse inputs larger than this many bytes (default ``DEFAULT_MAX_INPUT_SIZE``,
    0 = no limit); ``max_docx_size``: the zip-bomb limit on a .docx's declared unpacked size.
    """
    if path == "-":
        limit = DEFAULT_MAX_INPUT_SIZE if max_size is None else max_size
        data = _read_limited(sys.stdin.buffer, "-", limit)
        from reportlint.readers.text import read_text

        return read_text(data, "-", stdin_format, encoding)
    return parse_bytes(read_bytes(path, max_size=max_size), path, encoding, max_docx_size=max_docx_size)


def read_bytes(path: str, *, max_size: int | None = None) -> bytes:
    """The bytes of the file ``path`` (a supported type, a regular file, within ``max_size``);
    ReadError otherwise. ``parse_bytes`` turns them into a Document."""
    limit = DEFAULT_MAX_INPUT_SIZE if max_size is None else max_size
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _unsupported(path, suffix)
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):  # a FIFO would block forever, a device never end
            raise ReadError(
                path,
                f"{path}：不是普通文件（管道、设备或套接字），未读取",
                f"{path}: not a regular file (a pipe, device or socket); not read",
            )
        with open(path, "rb") as fh:
            return _read_limited(fh, path, limit)
    except FileNotFoundError:
        raise ReadError(path, f"{path}：文件不存在", f"{path}: no such file") from None
    except PermissionError:
        raise ReadError(path, f"{path}：没有读取权限", f"{path}: permission denied") from None
    except IsADirectoryError:
        raise ReadError(path, f"{path}：是文件夹，不是文件", f"{path}: is a directory") from None
    except OSError as exc:
        raise ReadError(path, f"{path}：无法读取（{exc.strerror}）", f"{path}: cannot read ({exc.strerror})") from None


def parse_bytes(data: bytes, path: str, encoding: str | None = None, *, max_docx_size: int | None = None) -> Document:
    """The Document held by ``data``, the bytes of the file ``path`` (its suffix picks the reader)."""
    suffix = Path(path).suffix.lower()
    if suffix in DOCX_SUFFIXES:
        from reportlint.readers.docx import read_docx

        if max_docx_size:
            return read_docx(data, path, max_uncompressed=max_docx_size)
        return read_docx(data, path)
    from reportlint.readers.text import read_text

    return read_text(data, path, TEXT_SUFFIXES[suffix], encoding)
