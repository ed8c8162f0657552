"""P301 placeholder: a template placeholder (xxxx年, XX镇, ××, 某某) where a number or a name belongs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlint.findings import Severity
from reportlint.rules.placeholders._match import PatternRule

if TYPE_CHECKING:
    from reportlint.data.ruleset import Pattern


class Placeholder(PatternRule):
    code = "P301"
    name = "placeholder"
    severity = Severity.ERROR
    summary = (
        "模板占位符（xxxx年、XX镇、××、某某等）未替换为实际内容",
        "a template placeholder (“xxxx年”, “XX镇”, “××”, “某某” …) was never replaced by the real number or name",
    )
    why = (
        "报告多由往年材料或网上范文改写而来，“xx个”“XX镇”“党的XX大”这类占位符一旦留在正式报告里，"
        "说明数字和名称没有核实，上报后会被一眼看出。占位符的样式是规则集数据（[[placeholders]]），"
        "S205省道、4A级景区、X光、3×4米、1+X等正常写法不报。",
        "Reports are usually rewritten from last year's text or a model essay found online; a placeholder "
        "such as “xx个”, “XX镇” or “党的XX大” left in a submitted report shows that numbers and names were "
        "never checked. The placeholder shapes are ruleset data ([[placeholders]]); ordinary text such as "
        "S205省道, 4A级景区, X光, 3×4米 or 1+X is not reported.",
    )
    bad = "xxxx年，XX镇新建村级文化广场xx个，完成投资xx.51亿元。"
    good = "2025年，青山镇新建村级文化广场12个，完成投资3.51亿元。"

    patterns = "placeholders"

    def message(self, text: str, start: int, end: int, p: Pattern) -> tuple[str, str]:
        mark = text[start:end]
        ev = text[start - 4 if start > 4 else 0 : end + 4].strip()  # a few characters around it, to find it
        if ev == mark:
            return (f"占位符“{mark}”未替换为实际内容（{p.zh}）", f'placeholder "{mark}" left in the text ({p.en})')
        return (
            f"占位符“{mark}”未替换为实际内容：“{ev}”（{p.zh}）",
            f'placeholder "{mark}" left in the text: "{ev}" ({p.en})',
        )
