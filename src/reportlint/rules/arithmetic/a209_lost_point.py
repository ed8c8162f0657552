"""A209 lost-decimal-point: digits split by a space before 亿/万/% (“5 9亿元”, “108 3%”)."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.findings import Finding, Severity
from reportlint.rules.arithmetic._common import quantity_facts
from reportlint.rules.base import Context, Rule


class LostDecimalPoint(Rule):
    code = "A209"
    name = "lost-decimal-point"
    severity = Severity.ERROR
    summary = (
        "数字中间出现空格且紧接万、亿或%（“5 9亿元”“108 3%”），多半是复制时丢失了小数点。",
        "Digits split by a space right before 万, 亿 or % (“5 9亿元”, “108 3%”) usually lost their decimal "
        "point in copying.",
    )
    why = (
        "从PDF或网页复制数字时，小数点常变成空格：“5 9亿元”读者无法判断是5.9亿元还是59亿元，任何计算也无从核对。"
        "是否补上小数点需要人工确认，因此不提供自动修改。",
        "Copying from a PDF or a web page often turns a decimal point into a space: “5 9亿元” may be 5.9 or 59 "
        "亿元, and no figure built on it can be checked. Only a human can tell, so no automatic fix is offered.",
    )
    bad = "全年完成固定资产投资5 9亿元，同比增长108 3%。"
    good = "全年完成固定资产投资5.9亿元，同比增长108.3%。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        qf = quantity_facts(ctx)
        for block, start, end, text in qf.lost_points:
            head, _, tail = text.partition(" ") if " " in text else text.partition("\t")
            guess = f"{head}.{tail}"

            yield self.finding(
                ctx,
                block,
                start,
                end,
                f"数字“{text}”中间有空格，可能丢失了小数点（{guess}？）",
                f"the number “{text}” is split by a space; a decimal point may have been lost ({guess}?)",

            )
