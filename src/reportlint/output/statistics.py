"""``--statistics``: how many findings of each rule, most frequent first (like ``ruff --statistics``),
then how many numeric relations of each kind the arithmetic rules verified.

Text formats print one aligned line per code (``  12  P301  placeholder``) and one per kind of
relation (``   5  relations  rate``); json prints a list of ``{"code", "name", "count"}`` followed by
``{"relation", "count"}`` objects (and ``{"relation": "unparsed", …}`` for number-like spans that
could not be read), json-lines one such object per line.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TextIO

from reportlint.output import json_text

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


def relation_statistics(results: list[FileResult]) -> list[dict]:
    """Numeric relations verified per kind (``Context.stats`` keys ``relations.<kind>``), then unparsed spans."""
    kinds: Counter[str] = Counter()
    unparsed = 0
    for r in results:
        if r.error is not None:
            continue
        unparsed += r.stats.get("unparsed", 0)
        for key, n in r.stats.items():
            if key.startswith("relations."):
                kinds[key.split(".", 1)[1]] += n
    rows = [{"relation": k, "count": n} for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))]
    if rows or unparsed:
        rows.append({"relation": "unparsed", "count": unparsed})
    return rows


def render_statistics(fmt: str, results: list[FileResult], stream: TextIO) -> None:
    rows = statistics(results) + relation_statistics(results)
    if fmt in ("json", "sarif"):
        stream.write(json_text(rows, indent=2) + "\n")
        return
    if fmt == "json-lines":
        for row in rows:
            stream.write(json_text(row) + "\n")
        return
    width = max((len(str(r["count"])) for r in rows), default=1)
    for r in rows:
        if "code" in r:
            stream.write(f"{str(r['count']).rjust(width)}  {r['code']}  {r['name']}\n")
        else:
            stream.write(f"{str(r['count']).rjust(width)}  relations  {r['relation']}\n")
