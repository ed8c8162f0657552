"""Readers turn a file into a Document. They know nothing about rules."""

from __future__ import annotations

import os
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


def read_path(path: str, encoding: str | None = None, stdin_format: str = "txt") -> Document:
    """Read one file (or ``-`` for stdin) into a Document; raise ReadError with a clear message."""
    if path == "-":
        data = sys.stdin.buffer.read()
        from reportlint.readers.text import read_text

        return read_text(data, "-", stdin_format, encoding)
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _unsupported(path, suffix)
    try:
        if os.path.isdir(path):
            raise IsADirectoryError(path)
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise ReadError(path, f"{path}：文件不存在", f"{path}: no such file") from None
    except PermissionError:
        raise ReadError(path, f"{path}：没有读取权限", f"{path}: permission denied") from None
    except IsADirectoryError:
        raise ReadError(path, f"{path}：是文件夹，不是文件", f"{path}: is a directory") from None
    except OSError as exc:
        raise ReadError(path, f"{path}：无法读取（{exc.strerror}）", f"{path}: cannot read ({exc.strerror})") from None
    if suffix in DOCX_SUFFIXES:
        from reportlint.readers.docx import read_docx

        return read_docx(data, path)
    from reportlint.readers.text import read_text

    return read_text(data, path, TEXT_SUFFIXES[suffix], encoding)
