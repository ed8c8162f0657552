"""Y407 five-year-plan-phase: “2026年是“十四五”开局之年” — a year and a five-year plan that don't match."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reportlint.findings import Finding, Severity
from reportlint.rules.base import Context, Rule
from reportlint.rules.years.common import (
    SENTENCE_END,
    THIS_YEAR,
    five_year,
    mentions,
    section_part,
    summary_period,
    this_year_anchor,
)

_BRACKET_SPAN = re.compile(
    r"\s*(?:规划|时期|期间|计划)?\s*[（(]\s*((?:19|20)\d{2})\s*年?\s*(?:[-—–~～至到]+|－)\s*((?:19|20)\d{2})\s*年?\s*[)）]"
)
_BETWEEN = re.compile(r"^\s*(?:规划|时期|计划)?\s*(?:实施|发展|建设|规划实施)?\s*(?:的)?\s*")


@lru_cache(maxsize=16)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


class FiveYearPlanPhase(Rule):
    code = "Y407"
    name = "five-year-plan-phase"
    severity = Severity.ERROR
    summary = (
        "“××年是“十四五”开局之年/收官之年”中的年份必须是该五年规划的第一年/最后一年（十四五 = 2021—2025年，十五五 = 2026—2030年）；括注的起止年份也须与规划一致。",
        "In “××年是“十N五”开局/收官之年” the year must be the plan's first/last year "
        "(十四五 = 2021–2025, 十五五 = 2026–2030); a bracketed span must match the plan too.",
    )
    why = (
        "开局之年、收官之年是报告最常见的定调语，也最容易随模板沿用到下一年：2026年的计划写成"
        "“2026年是“十四五”规划的开局之年”，说明定调语没有更新。五年规划的起止年份见 rulesets/calendar.toml。",
        "A bracketed span must match too: “十三五”时期（2016—2020年）. "
        "“开局之年/收官之年” sets the tone of a report and is easily carried over from a template: "
        "“2026年是“十四五”规划的开局之年” was not updated. The plans' years are in rulesets/calendar.toml.",
    )
    bad = "青山镇2025年工作总结及2026年工作计划\n……\n三、2026年工作计划\n2026年是“十四五”规划的开局之年。"
    good = "青山镇2025年工作总结及2026年工作计划\n……\n三、2026年工作计划\n2026年是“十五五”规划的开局之年。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        yield from self._phases(ctx)
        yield from self._spans(ctx)

    def _spans(self, ctx: Context) -> Iterator[Finding]:
        """“十三五”时期（2016—2020年）: the years in brackets must be the plan's."""
        for lm in mentions(ctx, ("preamble", "body", "heading")):
            o = lm.mention
            if o.kind != "five-year":
                continue
            hit = _BRACKET_SPAN.match(o.block.text, o.end)
            plan = five_year(ctx, o.five_year)
            if not hit or plan is None:
                continue
            y1, y2 = int(hit.group(1)), int(hit.group(2))
            if (y1, y2) == (plan.year, plan.last_year):
                continue
            name = o.text.strip("“”\"")
            yield self.finding(
                ctx, o.block, o.start, hit.end(),
                f"{name}为{plan.year}—{plan.last_year}年，括注却是{y1}—{y2}年",
                f"{name} runs {plan.year}–{plan.last_year}, but the brackets say {y1}–{y2}",
            )

    def _phases(self, ctx: Context) -> Iterator[Finding]:
        words = ctx.ruleset.calendar.phase_words
        first_re, last_re = _compiled(tuple(words.first)), _compiled(tuple(words.last))
        all_mentions = list(mentions(ctx, ("preamble", "body", "heading")))
        anchor = this_year_anchor(ctx)
        summary = summary_period(ctx)
        anchor_year = summary.year if summary is not None else None
        for i, lm in enumerate(all_mentions):
            m = lm.mention
            if m.role != "statement" or m.placeholder:
                continue
            if m.kind == "relative":
                # 今年是…: only where the review has fixed 今年 as the summary year (今年以来)
                if (
                    anchor is None
                    or m.relative not in THIS_YEAR
                    or not m.period.is_full_year  # type: ignore[union-attr]
                    or section_part(ctx, lm.section) not in ("preamble", "review")
                ):
                    continue
                year = anchor_year
                said = f"“{m.text}”（{year}年）"
            elif m.kind == "year" and m.period is not None and m.period.year is not None:
                year = m.period.year
                said = f"{year}年"
            else:
                continue
            text = m.block.text
            end = SENTENCE_END.search(text, m.end)
            stop = end.start() if end else len(text)
            for other in all_mentions[i + 1 :]:
                o = other.mention
                if o.block is not m.block or o.start >= stop:
                    break
                if o.kind in ("year", "relative") and o.role == "statement":
                    break  # the next clause has its own subject: 2025年是…，2026年是…
                if o.kind != "five-year":
                    continue
                plan = five_year(ctx, o.five_year)
                if plan is None:
                    continue  # the calendar does not know this plan: silence
                rest = text[o.end : stop]
                lead = _BETWEEN.match(rest)
                rest = rest[lead.end() if lead else 0 :]
                hit = first_re.match(rest) if first_re is not None else None
                if hit:
                    want, phase_en = plan.year, "first"
                else:
                    hit = last_re.match(rest) if last_re is not None else None
                    if not hit:
                        continue
                    want, phase_en = plan.last_year, "last"
                if want == year:
                    continue
                name = o.text.strip("“”\"")
                yield self.finding(
                    ctx,
                    m.block,
                    m.start,
                    o.end,
                    f"{name}为{plan.year}—{plan.last_year}年，其“{hit.group(0)}”应是{want}年，文中写的是{said}",
                    f"{name} runs {plan.year}–{plan.last_year}: its {phase_en} year is {want}, not {year}",
                )
