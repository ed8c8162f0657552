"""Y404 plan-targets-past: the plan part plans for a period that is already over."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.findings import Finding, Severity
from reportlint.rules.base import Context, Rule
from reportlint.rules.years.common import (
    SENTENCE_END,
    mentions,
    paragraph_mentions,
    plan_period,
    relative_anchored,
    resolve,
    section_part,
    summary_period,
    WILL,
)

# an opening year speaks for the plan only when its sentence says what will be done
_FUTURE = re.compile(r"将|要|计划|力争|确保|争取|拟|着力|预计|目标")
_DONE = re.compile(r"已|了|完成率|同比|实现[^将]{0,4}增长")


class PlanTargetsPast(Rule):
    code = "Y404"
    name = "plan-targets-past"
    severity = Severity.ERROR
    summary = (
        "计划部分写的年份不能早于计划期间：2026年的计划里不应出现“2025年，我镇将……”或“力争2024年完成”。",
        "The plan must not plan for a period that is over: no “2025年，我镇将…” in a 2026 plan, no “力争2024年完成”.",
    )
    why = (
        "计划部分的年份停留在过去，说明计划是从上一年的材料里照搬的，或者年份写错；"
        "“在2025年基础上”“较2025年”这样的比较和基数不受此限。",
        "A plan that still names a past year was copied from last year's file or mistyped; "
        "comparisons and baselines (“在2025年基础上”, “较2025年”) are not plans and are not flagged.",
    )
    bad = "青山镇2025年工作总结及2026年工作计划\n……\n三、2026年工作计划\n2025年，我镇将重点抓好以下工作。"
    good = "青山镇2025年工作总结及2026年工作计划\n……\n三、2026年工作计划\n2026年，我镇将重点抓好以下工作。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        plan = plan_period(ctx)
        if plan is None or plan.years != 1:
            return
        summary = summary_period(ctx)
        for lm in mentions(ctx, ("body",)):
            m = lm.mention
            if m.placeholder or section_part(ctx, lm.section) != "plan":
                continue
            if m.kind != "year" and not (m.kind == "sub" and m.role == "opening" and plan.granularity != "year"):
                continue  # a quarter or half counts only as the opening of a quarterly or half-year plan
            said = resolve(m, plan)
            if said is None or said.end >= plan.start:  # type: ignore[operator]
                continue  # not in the past
            after = m.block.text[m.end : m.end + 20]
            text = m.block.text
            stop = SENTENCE_END.search(text, m.end)
            sentence = text[m.end : stop.start() if stop else len(text)]
            opening_plan = m.role == "opening" and _FUTURE.search(sentence) and not _DONE.search(sentence)
            if opening_plan or m.role == "statement" or (m.role == "plain" and WILL.match(after)):
                others = paragraph_mentions(ctx, lm)
                if relative_anchored(ctx, others) or any(
                    resolve(o, plan) is not None and resolve(o, plan).overlaps(plan)  # type: ignore[union-attr]
                    for o in others
                    if o.kind == "year"
                ):
                    continue  # the paragraph contrasts the past year with the plan's own
                how = "开头写" if m.role == "opening" else "写"
            elif m.role == "target" and summary is not None and said.last_year < summary.year:  # type: ignore[operator]
                how = "以过去的年份为目标："
            else:
                continue
            yield self.finding(
                ctx,
                m.block,
                m.start,
                m.end,
                f"计划期间为{plan.label()}，但计划部分{how}“{m.text}”（{said.label()}已经过去）",
                f"the plan is for {plan.label('en')} but the plan part names {said.label('en')}, which is already over",
            )
