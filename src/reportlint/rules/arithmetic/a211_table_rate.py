"""A211 table-rate-mismatch: a 完成率 or 增长 column must agree with the columns it is computed from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from reportlint.findings import Finding, Severity
from reportlint.rules.arithmetic._common import HUNDRED, checked, disjoint, quantity_facts, ratio, show, sub
from reportlint.rules.arithmetic.a210_table_total import _interval, _number, tables
from reportlint.rules.base import Context, Rule

# which column a rate column is computed from, by header words; a header must match exactly one
_COMPLETION_RATE = re.compile(r"完成率|完成比例|完成进度|完成目标的?|完成计划的?")
_DONE = re.compile(r"完成|实际|实绩")
_TARGET = re.compile(r"目标|任务|计划|预算")
_GROWTH_RATE = re.compile(r"增长|增幅|增速|同比|比上年")
_CURRENT = re.compile(r"本年|今年|本期|当年|(?:19|20)\d\d年?(?!.*(?:上年|同期))")
_PREVIOUS = re.compile(r"上年|去年|同期|上期")
_RATE_WORD = re.compile(r"率|%|％|比例|比重|占比|增长|增幅|增速|同比|进度")
_PERCENT_CELL = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*[%％]?\s*$")
_ROUNDED = re.compile(r"万|亿|千|元|亩|吨|公里|米|公顷|平方|立方")


def _cell_percent(text: str) -> tuple[Decimal, int] | None:
    m = _PERCENT_CELL.match(text)
    if not m:
        return None
    t = m.group(1)
    return Decimal(t), (len(t.split(".", 1)[1]) if "." in t else 0)


class TableRateMismatch(Rule):
    code = "A211"
    name = "table-rate-mismatch"
    severity = Severity.ERROR
    summary = (
        "表格（Word 或 Markdown）中“完成率”列应等于“完成”列÷“目标/任务/计划”列，“增长%”列应等于（本年−上年）÷上年；"
        "只在表头能唯一确定来源列时核对。",
        "In a table (Word or Markdown) a completion-rate column must equal the done column ÷ the target column, and a "
        "growth column (this year − last year) ÷ last year; checked only when the headers name the source "
        "columns unambiguously.",
    )
    why = (
        "表格中的比率列常在修改数据后漏改。规则只在表头清楚时核对：完成率列旁恰有一个“完成”列和一个"
        "“目标/任务/计划”列，或增长列旁恰有一个“本年/2025年”列和一个“上年/同期”列；数值按印刷精度取区间。",
        "Rate columns are often left behind when a table's figures change. The rule only checks when the "
        "headers are clear: exactly one done column and one target column next to a completion rate, or one "
        "this-year and one last-year column next to a growth rate; printed values are intervals.",
    )
    bad = "| 项目 | 年度目标（万元） | 完成（万元） | 完成率 |\n| 税收 | 5000 | 4800 | 98% |"
    good = "| 项目 | 年度目标（万元） | 完成（万元） | 完成率 |\n| 税收 | 5000 | 4800 | 96% |"

    def check(self, ctx: Context) -> Iterator[Finding]:
        quantity_facts(ctx)
        for rows in tables(ctx):
            yield from self._table(ctx, rows)

    def _table(self, ctx, rows) -> Iterator[Finding]:
        order = sorted(rows)
        first_data = next((r for r in order if any(_number(c[0]) or _cell_percent(c[0]) for c in rows[r].values() if c[0].strip() and not re.search(r"[\u4e00-\u9fff]", c[0]))), None)
        if first_data is None or first_data == order[0]:
            return
        cols = sorted({c for r in order for c in rows[r]})
        headers = {c: re.sub(r"\s", "", "".join(rows[r][c][0] for r in order if r < first_data and c in rows[r])) for c in cols}
        plans = []
        for c in cols:
            h = headers[c]
            if _COMPLETION_RATE.search(h):
                done = [x for x in cols if x != c and _DONE.search(headers[x]) and not _RATE_WORD.search(headers[x])]
                target = [x for x in cols if x != c and _TARGET.search(headers[x]) and not _DONE.search(headers[x]) and not _RATE_WORD.search(headers[x])]
                if len(done) == 1 and len(target) == 1:
                    plans.append(("completion", c, done[0], target[0]))
            elif _GROWTH_RATE.search(h) and _RATE_WORD.search(h) and not _PREVIOUS.search(h):
                cur = [x for x in cols if x != c and _CURRENT.search(headers[x]) and not _PREVIOUS.search(headers[x]) and not _RATE_WORD.search(headers[x])]
                prev = [x for x in cols if x != c and _PREVIOUS.search(headers[x]) and not _RATE_WORD.search(headers[x])]
                if len(cur) == 1 and len(prev) == 1:
                    plans.append(("growth", c, cur[0], prev[0]))
        for kind, c, a, b in plans:
            for r in order:
                if r < first_data or c not in rows[r] or a not in rows[r] or b not in rows[r]:
                    continue
                text, block, cs, ce = rows[r][c]
                stated = _cell_percent(text)
                na, nb = _number(rows[r][a][0]), _number(rows[r][b][0])
                if stated is None or na is None or nb is None or nb[0] == 0:
                    continue
                ia = _interval(na[0], na[1], not _ROUNDED.search(headers[a]))
                ib = _interval(nb[0], nb[1], not _ROUNDED.search(headers[b]))
                half = Decimal(5).scaleb(-stated[1] - 1)
                si = (stated[0] - half, stated[0] + half)
                if kind == "completion":
                    computed = ratio(ia, ib)
                    value = na[0] * HUNDRED / nb[0]
                    formula = f"{rows[r][a][0].strip()} ÷ {rows[r][b][0].strip()}"
                else:
                    if nb[0] < 0:
                        continue
                    computed = ratio(sub(ia, ib), ib)
                    value = (na[0] - nb[0]) * HUNDRED / nb[0]
                    formula = f"({rows[r][a][0].strip()} − {rows[r][b][0].strip()}) ÷ {rows[r][b][0].strip()}"
                checked(ctx, "table-rate")
                if not disjoint(computed, si):
                    continue
                places = max(2, stated[1] + 1)
                col = headers[c] or f"第{c}列"
                yield self.finding(
                    ctx,
                    block,
                    cs,
                    ce,
                    f"“{col}”列为 {text.strip()}，而 {formula} = {show(value, places)}%",
                    f"column “{col}” says {text.strip()}, but {formula} = {show(value, places)}%",
                )
