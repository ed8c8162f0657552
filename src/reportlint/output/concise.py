"""Concise output: one line per finding, ``path:line:col: CODE message``.

Table cells of a .docx add their place: ``path:line:col: CODE [表2 第3行 第1列] message``.
Nothing else is printed (no summary; nothing at all when there are no findings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from reportlint.output import cell_label, terminal_safe

if TYPE_CHECKING:
    from reportlint.engine import FileResult
    from reportlint.findings import Finding


def _one_line(text: str) -> str:
    return " ".join(text.split("\n")).replace("\r", " ")


def format_finding(finding: Finding, lang: str = "zh") -> str:
    where = cell_label(finding.block, lang)
    place = f"[{where}] " if where else ""
    message = _one_line(finding.message(lang))
    return terminal_safe(f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {place}{message}")


def render_concise(results: list[FileResult], stream: TextIO, *, lang: str = "zh") -> None:
    for result in results:
        if result.error is not None:
            continue
        for finding in result.findings:
            stream.write(format_finding(finding, lang) + "\n")
