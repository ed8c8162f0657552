"""Y401 heading-period-mismatch: a review or plan heading names another period than the title."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.facts.periods import heading_title_range
from reportlint.findings import Finding, Severity
from reportlint.prefilter import compiled
from reportlint.rules.base import Context, Rule
from reportlint.rules.structure.common import heading_label
from reportlint.rules.years.common import (
    mentions,
    own_parts,
    paren,
    plan_period,
    resolve,
    section_part,
    summary_period,
    title,
)

_OWN_ROLES = {"plain", "opening", "statement", "report"}
# what may stand between the period and the part's name: 2025年(度)(全镇)(重点)工作回顾
_FILLER = re.compile(r"^(?:度|全年|全镇|全乡|全街道|我镇|我乡|主要|重点|各项|工作|的|及|和|、|\s)*$")


def _names_its_part(ctx: Context, rest: str, part: str) -> bool:
    """The heading goes on from the period straight to the part's name (``工作回顾``): the period
    is the section's own, not a qualifier of something else (``2024年中央预算内项目推进情况``)."""
    spec = ctx.ruleset.parts.get(part)  # type: ignore[call-overload]
    for pattern in spec.heading if spec else []:
        hit = compiled(pattern).search(rest)
        if hit and _FILLER.match(rest[: hit.start()]):
            return True
    return False


class HeadingPeriodMismatch(Rule):
    code = "Y401"
    name = "heading-period-mismatch"
    severity = Severity.ERROR
    summary = (
        "总结部分或计划部分的标题写的年度、季度、半年，应与报告标题的总结期间、计划期间一致。",
        "A review or plan heading must name the same period as the report's title (year, half, quarter).",
    )
    why = (
        "标题是2025年工作总结，正文却是“一、2024年工作回顾”，几乎总是套用了上一年的模板没改全；"
        "季度报告的“二、第三季度工作计划”出现在计划第四季度的报告里也是同样的错误。",
        "A 2025 report whose first heading reads “2024年工作回顾” was almost always built from last "
        "year's file; a Q4 plan headed “第三季度工作计划” is the same leftover.",
    )
    bad = "青山镇2025年工作总结及2026年工作计划\n一、2024年工作回顾\n……\n三、2026年工作计划\n……"
    good = "青山镇2025年工作总结及2026年工作计划\n一、2025年工作回顾\n……\n三、2026年工作计划\n……"

    def check(self, ctx: Context) -> Iterator[Finding]:
        tp = title(ctx)
        summary, plan = summary_period(ctx), plan_period(ctx)
        seen: set[int] = set()
        for lm in mentions(ctx, ("heading",)):
            section = lm.section
            if section is None or id(section) in seen:
                continue
            seen.add(id(section))  # the first period word of a heading speaks for it
            m = lm.mention
            if m.kind not in ("year", "sub") or m.placeholder or m.role not in _OWN_ROLES:
                continue  # 2021年以来, 与2024年相比, “十四五”, 2021—2025年: not the section's own period
            parts = own_parts(ctx, section)
            if len(parts) != 1 or section_part(ctx, section) != next(iter(parts)):
                continue
            part = next(iter(parts))
            anchor = summary if part == "review" else plan if part == "plan" else None
            if anchor is None or anchor.years != 1:
                continue
            _, b = heading_title_range(section.heading)
            if not _names_its_part(ctx, m.block.text[m.end : b], part):
                continue
            said = resolve(m, anchor)
            if said is None or not said.disjoint(anchor):
                continue
            head = heading_label(section.heading, 30)
            if part == "review":
                zh = f"标题为{anchor.label()}工作总结，但本节标题为“{head}”{paren(head, said.label())}"
                en = f"the title reviews {anchor.label('en')} but this heading says {said.label('en')}"
            elif tp.plan is not None:
                zh = f"标题的计划期间为{anchor.label()}，但本节标题为“{head}”{paren(head, said.label())}"
                en = f"the title plans for {anchor.label('en')} but this heading says {said.label('en')}"
            else:
                zh = (
                    f"总结期间为{summary.label() if summary else '—'}，计划应为{anchor.label()}，"
                    f"但本节标题为“{head}”{paren(head, said.label())}"
                )
                en = (
                    f"the report reviews {summary.label('en') if summary else '-'}, so its plan is for "
                    f"{anchor.label('en')}, but this heading says {said.label('en')}"
                )
            yield self.finding(ctx, m.block, m.start, m.end, zh, en)
