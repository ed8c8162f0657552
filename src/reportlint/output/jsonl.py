"""JSON Lines output: one ``Finding.to_dict(lang)`` object per line (same fields as json)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from reportlint.output import json_text

if TYPE_CHECKING:
    from reportlint.engine import FileResult


def render_jsonl(results: list[FileResult], stream: TextIO, *, lang: str = "zh") -> None:
    for result in results:
        if result.error is not None:
            continue
        for finding in result.findings:
            stream.write(json_text(finding.to_dict(lang)) + "\n")
