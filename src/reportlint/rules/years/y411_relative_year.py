"""Y411 relative-year-word: 今年/去年 used for two different years in one report."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.facts.periods import Period
from reportlint.findings import Finding, Severity
from reportlint.outline import Section
from reportlint.rules.base import Context, Rule
from reportlint.rules.years.common import (
    THIS_YEAR,
    WILL,
    mentions,
    opening_paragraph,
    paragraph_mentions,
    plan_period,
    section_part,
    summary_period,
    this_year_anchor,
    top,
)

_LAST_YEAR = ("去年", "上年", "上一年", "上年度", "上一年度")


class RelativeYearWord(Rule):
    code = "Y411"
    name = "relative-year-word"
    severity = Severity.WARNING
    summary = (
        "总结部分以“今年”指总结年度（“今年以来”）时，计划部分不能再用“今年”指计划年度，总结部分开头也不能用“去年”称总结期间。",
        "Once the review uses 今年 for the summary year (“今年以来”), the plan cannot use 今年 for the "
        "plan year, nor the review open with 去年.",
    )
    why = (
        "同一份材料里“今年”先指2025年、后指2026年，说明计划部分是从次年年初写的材料里搬来的，"
        "或总结部分是年底写的，读者无法判断“今年”究竟是哪一年；应改为明确的年份或“明年”。",
        "One report whose 今年 means 2025 in the review and 2026 in the plan mixes text written at "
        "different times; the reader cannot tell which year is meant. Name the year.",
    )
    bad = (
        "青山镇2025年工作总结及2026年工作计划\n今年以来，我镇较好完成了年度目标任务。\n一、2025年工作回顾\n……\n"
        "二、2026年工作计划\n今年，我镇将重点抓好以下工作。"
    )
    good = (
        "青山镇2025年工作总结及2026年工作计划\n今年以来，我镇较好完成了年度目标任务。\n一、2025年工作回顾\n……\n"
        "二、2026年工作计划\n2026年，我镇将重点抓好以下工作。"
    )

    @staticmethod
    def _plan_heading_names(ctx: Context, section: Section | None, plan: Period) -> bool:
        """The plan section's top-level heading names the plan period (``二、2026年工作计划``):
        a ``下一步`` section may begin with finishing this year's work, where 今年 is right."""
        if section is None:
            return False
        head = top(section)
        return any(
            lm.section is head and lm.mention.kind == "year" and lm.mention.period is not None
            and lm.mention.period.overlaps(plan)
            for lm in mentions(ctx, ("heading",))
        )

    def check(self, ctx: Context) -> Iterator[Finding]:
        summary = summary_period(ctx)
        if summary is None or summary.years != 1:
            return
        anchor = this_year_anchor(ctx)
        if anchor is None:
            return
        plan = plan_period(ctx)
        where = f"第{anchor.block.line}行“{anchor.text}{'以来' if anchor.role == 'history' else ''}”"
        where_en = f"line {anchor.block.line}"
        for lm in mentions(ctx):
            m = lm.mention
            if m.kind != "relative" or m is anchor:
                continue
            part = section_part(ctx, lm.section)
            if (
                part == "plan" and plan is not None and plan.year != summary.year and m.relative in THIS_YEAR
                and m.period is not None and m.period.is_full_year
                and (m.role == "opening" or (m.role == "plain" and WILL.match(m.block.text[m.end : m.end + 16])))
                and self._plan_heading_names(ctx, lm.section, plan)
            ):
                yield self.finding(
                    ctx, m.block, m.start, m.end,
                    f"总结部分以“今年”指{summary.year}年（{where}），计划部分的“{m.text}”却指计划年度{plan.year}年",
                    f"the review uses 今年 for {summary.year} ({where_en}) but here in the plan it means {plan.year}",
                )
            elif (
                part in ("preamble", "review") and m.relative in _LAST_YEAR and m.role == "opening"
                and m.period is not None and m.period.is_full_year and opening_paragraph(ctx, lm)
                and not any(
                    o.role in ("opening", "plain", "statement", "history") and o.kind in ("year", "relative")
                    for o in paragraph_mentions(ctx, lm)
                )  # 去年，……；今年以来，……: a contrast, not a leftover
            ):
                yield self.finding(
                    ctx, m.block, m.start, m.end,
                    f"本报告以“今年”指{summary.year}年（{where}），总结部分开头却写“{m.text}，”（{summary.year - 1}年）",
                    f"the report uses 今年 for {summary.year} ({where_en}) but the review opens with "
                    f"{m.text} ({summary.year - 1})",
                )
