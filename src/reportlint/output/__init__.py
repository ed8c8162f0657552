"""Render: turn FileResults into text for people (rich, concise) or tools (json).

The renderers only read Finding / Block / FileResult fields; they know nothing about readers or
rules. ``rich`` is imported lazily, by the rich renderer only: concise and json output must start fast.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

from reportlint.document import Block, BlockKind

if TYPE_CHECKING:  # engine pulls in the whole pipeline; renderers need only its dataclass
    from reportlint.engine import FileResult

FORMATS = ("rich", "concise", "json", "json-lines", "sarif", "github")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """Text for a terminal or a CI log: control characters quoted from a document or a file name
    (ESC opens terminal escape sequences that can hide or rewrite output) become U+FFFD.
    Tab, CR and LF are left to the caller."""
    return _CONTROL.sub("\ufffd", text)


_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_LINE_BREAK = re.compile("[\x85\u2028\u2029]")


def json_text(value, **kwargs) -> str:
    """``json.dumps`` keeping Chinese readable (``ensure_ascii=False``) but escaping the three
    characters JSON leaves raw that ``str.splitlines()`` and many line readers take for line
    ends (U+0085, U+2028, U+2029): quoted from a document, they would split a JSON line."""
    import json

    return _LINE_BREAK.sub(lambda m: _LINE_BREAKS[m.group()], json.dumps(value, ensure_ascii=False, **kwargs))


def render(
    fmt: str,
    results: list[FileResult],
    stream: TextIO,
    *,
    lang: str = "zh",
    color: bool | None = None,
    width: int | None = None,
) -> None:
    """Write ``results`` (already in print order, findings sorted) to ``stream`` in format ``fmt``.

    FileResults with ``error`` set are skipped by concise and json (the CLI reports read errors on
    stderr); the rich summary line counts them.
    """
    if fmt == "concise":
        from reportlint.output.concise import render_concise

        render_concise(results, stream, lang=lang)
    elif fmt == "json":
        from reportlint.output.json_output import render_json

        render_json(results, stream, lang=lang)
    elif fmt == "rich":
        from reportlint.output.rich_output import render_rich

        render_rich(results, stream, lang=lang, color=color, width=width)
    elif fmt == "json-lines":
        from reportlint.output.jsonl import render_jsonl

        render_jsonl(results, stream, lang=lang)
    elif fmt == "sarif":
        from reportlint.output.sarif import render_sarif

        render_sarif(results, stream, lang=lang)
    elif fmt == "github":
        import os

        from reportlint.output.github import render_github

        render_github(results, stream, lang=lang, summary_path=os.environ.get("GITHUB_STEP_SUMMARY") or None)
    else:
        raise ValueError(f"unknown output format {fmt!r} (choose from {', '.join(FORMATS)})")


def cell_label(block: Block, lang: str = "zh") -> str:
    """``表2 第3行 第1列`` / ``table 2 row 3 col 1`` for a table cell, ``""`` otherwise."""
    if block.kind is not BlockKind.CELL:
        return ""
    if lang == "en":
        return f"table {block.table} row {block.row} col {block.col}"
    return f"表{block.table} 第{block.row}行 第{block.col}列"


def location_label(block: Block, column: int, lang: str = "zh") -> str:
    """Where a finding is, as the reader of the document would look for it.

    ``12:5`` in a text file, ``第12段`` / ``paragraph 12`` for a .docx body paragraph, the cell
    label for a .docx table cell.
    """
    if block.kind is BlockKind.CELL:
        return cell_label(block, lang)
    if block.kind is BlockKind.PARAGRAPH:
        return f"paragraph {block.line}" if lang == "en" else f"第{block.line}段"
    return f"{block.line}:{column}"
