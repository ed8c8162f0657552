"""P303 empty-number-slot: a unit or percent sign whose number was never filled in (同比增长%)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlint.findings import Severity
from reportlint.rules.placeholders._match import PatternRule, shorten

if TYPE_CHECKING:
    from reportlint.data.ruleset import Pattern


class EmptyNumberSlot(PatternRule):
    code = "P303"
    name = "empty-number-slot"
    severity = Severity.ERROR
    summary = (
        "数字空缺：单位或百分号前没有数字（同比增长%、约亿元、共计人次、第（ ）条）",
        "empty number slot: a unit or percent sign with no number before it (“同比增长%”, “约亿元”, “共计人次”, “第（ ）条”)",
    )
    why = (
        "模板中待填的数字常被留空，只剩“同比增长%”“完成万元”“参合率达 %”。只在单位紧跟动词或介词"
        "（增长、达、约、完成、共计……）时报告；“突破亿元”“超亿元项目”“投资亿元以上”“万元户”"
        "“百亿元产业集群”等本来没有数字的说法，以及表头“比上年增长%”不报。",
        "Numbers to be filled into a template are often left out, leaving “同比增长%”, “完成万元” or "
        "“参合率达 %”. Only a unit that directly follows a verb or preposition (增长, 达, 约, 完成, 共计 …) is "
        "reported; phrases that carry no number by design (突破亿元, 超亿元项目, 投资亿元以上, 万元户, "
        "百亿元产业集群) and table headers such as “比上年增长%” are not.",
    )
    bad = "全年完成固定资产投资万元，同比增长%，参合率达 %。"
    good = "全年完成固定资产投资3200万元，同比增长8.5%，参合率达98.2%。"

    patterns = "empty_slots"

    def message(self, text: str, start: int, end: int, p: Pattern) -> tuple[str, str]:
        ev = shorten(text[start:end])
        return (
            f"数字空缺：“{ev}”缺少数值（{p.zh}）",
            f'empty number slot: "{ev}" has no number ({p.en})',
        )
