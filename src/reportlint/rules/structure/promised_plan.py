"""S104 promised-plan-missing: the title promises a plan that the body lacks."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.findings import Finding, Severity
from reportlint.rules.base import Context, Rule
from reportlint.rules.structure.ending import truncation
from reportlint.rules.structure.parts import present_parts, promised_plan


class PromisedPlanMissing(Rule):
    code = "S104"
    name = "promised-plan-missing"
    severity = Severity.ERROR
    summary = (
        "标题写明“及××年工作计划”“和下半年工作打算”等，正文就必须有相应的计划部分。",
        "A title that promises a plan (“…及2026年工作计划”, “和下半年工作打算”) needs a plan part in the body.",
    )
    why = (
        "标题承诺了计划而正文没有，是材料不完整最明显的标志：常见于下载的文档被截断，或只写了总结、忘了补计划。",
        "A promised plan that never comes is the plainest sign of an incomplete report: a downloaded "
        "text cut short, or a summary whose plan was never written.",
    )
    bad = "青山镇2025年工作总结及2026年工作计划\n一、2025年工作回顾\n……\n二、存在的问题\n……"
    good = "青山镇2025年工作总结及2026年工作计划\n一、2025年工作回顾\n……\n二、存在的问题\n……\n三、2026年工作计划\n……"

    def check(self, ctx: Context) -> Iterator[Finding]:
        outline = ctx.outline
        phrase = promised_plan(ctx.facts.report)
        if phrase is None or outline.title is None or not outline.sections:
            return
        if "plan" in present_parts(ctx):
            return
        block = outline.title
        start = block.text.find(phrase)
        end = start + len(phrase)
        if start < 0:
            start, end = 0, len(block.text.rstrip())
        cut = truncation(ctx) is not None
        yield self.finding(
            ctx,
            block,
            start,
            end,
            f"标题写明“{phrase}”，但正文没有工作计划部分" + ("（正文在中途中断）" if cut else ""),
            f'the title promises "{phrase}" but the body has no plan part' + (" (the text stops mid-way)" if cut else ""),
        )
