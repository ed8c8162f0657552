"""A210 table-total-mismatch: a 合计/总计/小计 row of a .docx table must equal the rows it closes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from reportlint.document import Block, BlockKind
from reportlint.findings import Finding, Severity
from reportlint.frozen import by_identity
from reportlint.rules.arithmetic._common import add, checked, data, disjoint, quantity_facts, words
from reportlint.rules.base import Context, Rule

_NUMBER = re.compile(r"^[+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_EMPTY = {"", "-", "—", "－", "/", "／", "—-", "--"}
_ROUNDED_HEADER = re.compile(r"万|亿|千|元|亩|吨|公里|千米|米|公顷|平方|立方|斤|公斤|千克|小时")

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")

Cell = tuple[str, Block, int, int]  # text, block, start, end (the span a finding marks)


def tables(ctx: Context) -> list[dict[int, dict[int, Cell]]]:
    """``_grid`` of the document, found once for A210, A211 and A212 (which only read it)."""
    return ctx.shared("arithmetic.tables", lambda: _grid(ctx.document.blocks))


@by_identity
def total_labels(d) -> frozenset[str]:
    """The ruleset's total-row labels without their blanks, once per arithmetic table ``d``."""
    return frozenset(re.sub(r"\s", "", x) for x in d.total_labels)


def _grid(blocks: list[Block]) -> list[dict[int, dict[int, Cell]]]:
    """Tables as row -> col -> cell: .docx tables, and Markdown pipe tables (| 合计 | 8500 |)."""
    docx: dict[int, dict[int, dict[int, Cell]]] = {}
    pipes: list[dict[int, dict[int, Cell]]] = []
    current: dict[int, dict[int, Cell]] | None = None
    for b in blocks:
        if b.kind is BlockKind.CELL:
            if b.table is None or b.row is None or b.col is None:
                continue
            row = docx.setdefault(b.table, {}).setdefault(b.row, {})
            if b.col in row:
                text, first, s, e = row[b.col]
                row[b.col] = (text + b.text, first, s, e) if text.strip() else (text + b.text, b, 0, len(b.text))
            else:
                row[b.col] = (b.text, b, 0, len(b.text))
            continue
        if "|" in b.text and _PIPE_ROW.match(b.text):
            if _PIPE_RULE.match(b.text):
                continue
            if current is None:
                current = {}
                pipes.append(current)
            cells: dict[int, Cell] = {}
            bars = [i for i, ch in enumerate(b.text) if ch == "|"]
            for c, (i, j) in enumerate(zip(bars, bars[1:]), start=1):
                raw = b.text[i + 1 : j]
                lead = len(raw) - len(raw.lstrip())
                cells[c] = (raw, b, i + 1 + lead, i + 1 + len(raw.rstrip()))
            current[len(current) + 1] = cells
        else:
            current = None
    return list(docx.values()) + pipes


def _number(text: str) -> tuple[Decimal, int] | None:
    t = text.strip().replace("，", ",")
    if not _NUMBER.match(t):
        return None
    t = t.replace(",", "")
    return Decimal(t), (len(t.split(".", 1)[1]) if "." in t else 0)


def _interval(value: Decimal, decimals: int, exact: bool) -> tuple[Decimal, Decimal]:
    if exact and decimals == 0:
        return value, value
    half = Decimal(5).scaleb(-decimals - 1)
    return value - half, value + half


class TableTotalMismatch(Rule):
    code = "A210"
    name = "table-total-mismatch"
    severity = Severity.ERROR
    summary = (
        "表格（Word 表格或 Markdown 表格）中“合计/总计/小计”行的每一列应等于它所汇总的各行之和。",
        "In a table (Word or Markdown), each column of a 合计/总计/小计 row must equal the sum of the rows it closes.",
    )
    why = (
        "表格数据常被单独修改而忘了更新合计行。逐列核对：只核对各行都是数字的列，跳过比率、平均数、序号等列"
        "（表头含“率、%、均、序号”等），带单位换算的列（万元、亩）按印刷精度取区间；有“小计”时，合计等于各小计之和"
        "或各明细行之和均可。",
        "Table figures are often edited without their total row. Each column is checked when every row in it "
        "is a number; rate, average and index columns (headers with 率, %, 均, 序号 …) are skipped, and "
        "columns of rounded units (万元, 亩) are compared as intervals; with 小计 rows a 合计 may equal either the "
        "subtotals or the detail rows.",
    )
    bad = "| 村名 | 茶园面积（亩） |\n| 青山村 | 2600 |\n| 石桥村 | 2100 |\n| 合计 | 4600 |"
    good = "| 村名 | 茶园面积（亩） |\n| 青山村 | 2600 |\n| 石桥村 | 2100 |\n| 合计 | 4700 |"

    def check(self, ctx: Context) -> Iterator[Finding]:
        quantity_facts(ctx)
        d = data(ctx)
        labels = total_labels(d)
        unsummed = words(d.unsummed_headers)
        for rows in tables(ctx):
            yield from self._table(ctx, rows, labels, unsummed)

    def _table(self, ctx, rows, labels, unsummed) -> Iterator[Finding]:
        order = sorted(rows)
        if len(order) < 3:
            return

        def label(r: int) -> str:
            cells = rows[r]
            for c in sorted(cells):
                t = re.sub(r"\s", "", cells[c][0])
                if t and _number(t) is None:
                    return t
            return ""

        kinds = {}
        for r in order:
            lab = label(r)
            kinds[r] = "sub" if lab.startswith("小计") else ("total" if lab in labels or lab[:2] in ("合计", "总计") else None)
        if not any(kinds.values()):
            return
        if any("其中" in label(r) for r in order):
            return  # breakdown rows (其中：女性) are not summands
        first_data = next((r for r in order if any(_number(cell[0]) for cell in rows[r].values())), None)
        if first_data is None:
            return
        headers = {c: "".join(rows[r][c][0] for r in order if r < first_data and c in rows[r]) for c in rows[first_data]}
        start = first_data
        subs: list[int] = []
        for r in order:
            if r < first_data or not kinds[r]:
                continue
            if kinds[r] == "sub":
                readings = [[x for x in order if start <= x < r and not kinds[x]]]
                subs.append(r)
            else:
                detail = [x for x in order if first_data <= x < r and not kinds[x]]
                if not detail and r == first_data:
                    # the total comes first (合计 right under the header): it closes the rows below it
                    below = [x for x in order if x > r]
                    stop = next((x for x in below if kinds[x]), None)
                    detail = [x for x in below if stop is None or x < stop]
                readings = [detail]
                if subs:
                    readings.append(subs[:])
                    since = [x for x in order if start <= x < r and not kinds[x]]
                    readings.append(subs[:] + since)
                subs = []
            start = r + 1
            yield from self._row(ctx, rows, r, readings, headers, unsummed)

    def _row(self, ctx, rows, r, readings, headers, unsummed) -> Iterator[Finding]:
        total_cells = rows[r]
        for c, (text, block, cstart, cend) in sorted(total_cells.items()):
            got = _number(text)
            if got is None:
                continue
            header = headers.get(c, "")
            if unsummed.search(header):
                continue
            exact = not _ROUNDED_HEADER.search(header)
            results = []
            for summands in readings:
                if not summands:
                    continue
                s: tuple[Decimal | None, Decimal | None] = (Decimal(0), Decimal(0))
                point = Decimal(0)
                ok = True
                for x in summands:
                    t = rows[x][c][0].strip() if c in rows[x] else ""
                    n = _number(t)
                    if n is None:
                        if t in _EMPTY:
                            continue
                        ok = False
                        break
                    s = add(s, _interval(n[0], n[1], exact))
                    point += n[0]
                if ok:
                    results.append((s, point))
            if not results:
                continue
            checked(ctx, "table")
            stated = _interval(got[0], got[1], exact)
            if all(disjoint(s, stated) for s, _ in results):
                point = results[0][1]
                lab = re.sub(r"\s", "", next((cell[0] for _, cell in sorted(total_cells.items()) if cell[0].strip()), "合计"))
                col = header.strip() or f"第{c}列"
                yield self.finding(
                    ctx,
                    block,
                    cstart,
                    cend,
                    f"{lab}行“{col}”列为 {text.strip()}，而所汇总各行之和为 {format(point.normalize(), 'f')}",
                    f"the {lab} row, column “{col}”, says {text.strip()}, but the rows it closes add up to "
                    f"{format(point.normalize(), 'f')}",
                )
