"""Y403 review-period-leftover: the review calls its own period by another year (last year's template)."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.findings import Finding, Severity
from reportlint.rules.base import Context, Rule
from reportlint.rules.years.common import (
    explicit_review,
    mentions,
    multi_year_context,
    opening_paragraph,
    paren,
    paragraph_mentions,
    plan_period,
    resolve,
    section_part,
    summary_period,
)

_NARRATIVE_ROLES = {"opening", "statement", "plain", "report", "history"}


class ReviewPeriodLeftover(Rule):
    code = "Y403"
    name = "review-period-leftover"
    severity = Severity.ERROR
    summary = (
        "总结部分的开头语（“2024年，在县委……”）、“现将××年工作总结如下”、“××年是……之年”所写的期间应是标题的总结期间。",
        "The review's opening year (“2024年，在县委…”), “现将××年…总结如下” and “××年是…之年” must name the title's summary period.",
    )
    why = (
        "总结的开头一句最容易从上一年的材料里原样留下：2025年的总结写着“2024年，在县委、县政府的坚强领导下”，"
        "或2019年的报告写“现将2020年各项工作情况总结如下”。读者第一眼就会看到。",
        "The opening sentence is what survives from last year's file: a 2025 review that starts "
        "“2024年，在县委、县政府的坚强领导下”, a 2019 report saying it summarises 2020.",
    )
    bad = "青山镇2025年工作总结\n2024年，在县委、县政府的坚强领导下，我镇较好完成了年度目标任务。\n一、主要工作\n……"
    good = "青山镇2025年工作总结\n2025年，在县委、县政府的坚强领导下，我镇较好完成了年度目标任务。\n一、主要工作\n……"

    def check(self, ctx: Context) -> Iterator[Finding]:
        summary = summary_period(ctx)
        if summary is None or summary.years != 1:
            return
        for lm in mentions(ctx):
            m = lm.mention
            if m.role not in ("opening", "statement", "report") or m.kind not in ("year", "sub") or m.placeholder:
                continue
            if section_part(ctx, lm.section) not in ("preamble", "review"):
                continue
            if m.role != "report" and not opening_paragraph(ctx, lm):
                continue  # deep in the review a past year can open a paragraph of history
            if m.kind == "sub" and summary.granularity == "year":
                continue  # 上半年，… in an annual review is narrative
            said = resolve(m, summary)
            if said is None or not said.disjoint(summary):
                continue
            if m.role != "report":
                plan = plan_period(ctx)
                if (
                    plan is not None
                    and said.overlaps(plan)
                    and (m.role == "statement" or not explicit_review(ctx, lm.section))
                ):
                    continue  # the plan's own period: plan text in a part we took for the review
                if multi_year_context(lm.section):
                    continue
                others = paragraph_mentions(ctx, lm)
                if any(
                    o.role in _NARRATIVE_ROLES and o.kind in ("year", "sub", "relative") and not o.placeholder
                    and (o.kind == "relative" or (resolve(o, summary) is not None and resolve(o, summary) != said))
                    for o in others
                ):
                    continue  # a year-by-year narrative, or the summary's own year named too
            how = {"opening": "开头写", "statement": "称", "report": "写“现将"}[m.role]
            quoted = f"{m.text}…”" if m.role == "report" else f"“{m.text}”"
            yield self.finding(
                ctx,
                m.block,
                m.start,
                m.end,
                f"标题为{summary.label()}工作总结，但总结部分{how}{quoted}{paren(m.text, said.label())}，疑为沿用往期材料",
                f"the title reviews {summary.label('en')} but the review speaks of {said.label('en')} as its own "
                f"period — left over from an earlier report?",
            )
