"""The report as its title describes it: kind, summary year, plan year, whether it promises a plan."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlint.numerals import cn_to_int

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*年|([〇零一二三四五六七八九]{4})年")
_PLAN_WORDS = re.compile(r"计划|打算|思路|谋划|要点|安排|规划|设想|重点工作|目标任务")
_CONNECTIVE = re.compile(r"以及|[及和暨与并]")
_SUMMARY_WORDS = re.compile(r"总结|回顾|工作情况|完成情况|推进情况|汇报|述职|报告")


@dataclass(slots=True)
class ReportInfo:
    title: str | None
    kind: str  # "annual" | "half-year" | "quarterly"
    summary_year: int | None  # the year the report reviews, when the title states it
    plan_year: int | None  # the year the plan is for, when the title states it
    is_summary: bool  # the title announces a review (总结, 汇报 …), or names no kind at all
    promises_plan: bool  # the title announces a plan (…及2026年工作计划)
    plan_phrase: str | None  # the words of the title that promise the plan


def _years(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _YEAR.finditer(text):
        if m.group(1):
            out.append((int(m.group(1)), m.start()))
        else:
            v = cn_to_int(m.group(2))
            if v and 1900 < v < 2200:
                out.append((v, m.start()))
    return out


def report_info(title: str | None, kind: str) -> ReportInfo:
    if not title:
        return ReportInfo(None, kind, None, None, True, False, None)
    plan = _PLAN_WORDS.search(title)
    summary = _SUMMARY_WORDS.search(title)
    years = _years(title)
    summary_year = plan_year = None
    if plan and summary and summary.start() < plan.start():
        before = [y for y, pos in years if pos < summary.start()]
        between = [y for y, pos in years if summary.start() <= pos < plan.start()]
        summary_year = before[-1] if before else None
        plan_year = between[-1] if between else None
    elif summary and years:
        summary_year = years[0][0]
    elif plan and years:
        plan_year = years[0][0]
    plan_phrase = None
    if plan:
        # from the connective (及/和/暨/与) before the plan word to its end: "及2026年工作计划"
        conns = list(_CONNECTIVE.finditer(title, 0, plan.start()))
        plan_phrase = title[conns[-1].start() if conns else plan.start() : plan.end()]
    return ReportInfo(
        title=title,
        kind=kind,
        summary_year=summary_year,
        plan_year=plan_year,
        is_summary=bool(summary) or not plan,
        promises_plan=bool(plan),
        plan_phrase=plan_phrase,
    )
