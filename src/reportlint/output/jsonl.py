"""JSON Lines output: one ``Finding.to_dict(lang)`` object per line (same fields as json)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from reportlint.engine import FileResult


def render_jsonl(results: list[FileResult], stream: TextIO, *, lang: str = "zh") -> None:
    for result in results:
        if result.error is not None:
            continue
        for finding in result.findings:
            stream.write(json.dumps(finding.to_dict(lang), ensure_ascii=False) + "\n")
