"""JSON output: a list of ``Finding.to_dict(lang)`` over all files, in order (the external contract)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from reportlint.output import json_text

if TYPE_CHECKING:
    from reportlint.engine import FileResult


def render_json(results: list[FileResult], stream: TextIO, *, lang: str = "zh") -> None:
    items = [
        finding.to_dict(lang)
        for result in results
        if result.error is None
        for finding in result.findings
    ]
    stream.write(json_text(items, indent=2) + "\n")
