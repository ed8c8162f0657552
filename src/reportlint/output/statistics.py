"""``--statistics``: how many findings of each rule, most frequent first (like ``ruff --statistics``).

Text formats print one aligned line per code (``  12  P301  placeholder``); json prints a list of
``{"code", "name", "count"}`` and json-lines one such object per line.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from reportlint.engine import FileResult


def statistics(results: list[FileResult]) -> list[dict]:
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for r in results:
        if r.error is not None:
            continue
        for f in r.findings:
            counts[f.code] += 1
            names[f.code] = f.name
    return [{"code": c, "name": names[c], "count": n} for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def render_statistics(fmt: str, results: list[FileResult], stream: TextIO) -> None:
    rows = statistics(results)
    if fmt in ("json", "sarif"):
        stream.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "json-lines":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    width = max((len(str(r["count"])) for r in rows), default=1)
    for r in rows:
        stream.write(f"{str(r['count']).rjust(width)}  {r['code']}  {r['name']}\n")
