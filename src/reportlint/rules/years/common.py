"""Helpers shared by the Y rules: which part of the report a mention sits in, and the report's
own periods resolved against the calendar.

Parts are those of the S rules (``reportlint.rules.structure.parts``): a top-level section is the
review, the problems or the plan by its heading; its subsections inherit that part. The preamble
(after the title, before the first section) introduces the review.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from reportlint.facts.periods import LocatedMention, Mention, Period, TitlePeriods
from reportlint.outline import Section
from reportlint.rules.base import Context
from reportlint.rules.structure.parts import heading_parts

_MULTI_YEAR_HEADING = re.compile(r"五年|以来|历程|十[一二三四五六七]五|时期|期间|近年|历年|\d{4}\s*[-—–~至到]\s*\d{4}")
SENTENCE_END = re.compile(r"[。！？!?；;]")
# "2025年我镇将…", "今年，全镇要…" — a time as the time of what the plan will do
WILL = re.compile(
    r"^\s*[，,]?\s*(?:(?:我镇|我乡|我街道|我局|我委|我办|我们|全镇|全乡|全街道|全县|全区|全局|镇党委|镇政府)\s*)?"
    r"(?:将|要|计划|拟|力争|确保|争取|重点|着力|继续|努力)"
)


def top(section: Section) -> Section:
    while section.parent is not None:
        section = section.parent
    return section


def own_parts(ctx: Context, section: Section) -> set[str]:
    return heading_parts(section.title, ctx)


def section_part(ctx: Context, section: Section | None) -> str | None:
    """``review`` / ``problems`` / ``plan`` for a section (by its top-level section), ``preamble``
    for None; None when the top-level heading names several parts or none in a non-summary."""
    if section is None:
        return "preamble"
    return ctx.shared("years.section-parts", lambda: _section_parts(ctx)).get(id(section))


def _section_parts(ctx: Context) -> dict[int, str | None]:
    """id of every section of the outline -> the part of its top-level section (the sections live
    as long as the context that holds this, so their ids stay theirs)."""
    parts: dict[int, str | None] = {}
    for head in ctx.outline.sections:
        part = _top_part(ctx, head)
        for s in head.walk():
            parts[id(s)] = part
    return parts


def _top_part(ctx: Context, head: Section) -> str | None:
    parts = own_parts(ctx, head)
    if len(parts) == 1:
        return next(iter(parts))
    if parts or not ctx.facts.report.is_summary:
        return None
    # a thematic section of a summary (一、经济发展提质增效) is review content — but only before
    # the problems or the plan: after them, “三、全力做好“十四五”开局工作” is anyone's guess
    for other in ctx.outline.sections:
        if other is head:
            return "review"
        if own_parts(ctx, other) & {"problems", "plan"}:
            return None
    return None


def title(ctx: Context) -> TitlePeriods:
    return ctx.facts.periods.title


def summary_period(ctx: Context) -> Period | None:
    """The summary period with a known year, if the title states one (“十四五”工作总结: the
    plan's years, from the calendar)."""
    tp = title(ctx)
    s = tp.summary
    if s is None and tp.summary_five_year is not None:
        s = five_year(ctx, tp.summary_five_year)
    return s if s is not None and s.year is not None else None


def explicit_review(ctx: Context, section: Section | None) -> bool:
    """The section's top-level heading names the review itself (``一、2025年工作回顾``)."""
    return section is not None and own_parts(ctx, top(section)) == {"review"}


def plan_period(ctx: Context) -> Period | None:
    """The plan period (the title's, else the one after the summary) with a known year."""
    p = title(ctx).expected_plan
    return p if p is not None and p.year is not None else None


def resolve(mention: Mention, anchor: Period | None) -> Period | None:
    """The mention's period, a year-less one (第三季度) taking the anchor's year."""
    p = mention.period
    if p is None or mention.placeholder:
        return None
    if p.year is None:
        if anchor is None or anchor.year is None or mention.kind != "sub":
            return None
        return p.with_year(anchor.year)
    return p


def mentions(ctx: Context, where: tuple[str, ...] = ("preamble", "body")) -> Iterator[LocatedMention]:
    for lm in ctx.facts.periods.mentions:
        if lm.where in where:
            yield lm


def paragraph_mentions(ctx: Context, lm: LocatedMention) -> list[Mention]:
    """The other mentions of the same paragraph (not the heading sentence of its block)."""
    return [
        o.mention
        for o in ctx.facts.periods.in_block(lm.mention.block)
        if o.where == lm.where and o.mention is not lm.mention
    ]


def multi_year_context(section: Section | None) -> bool:
    """The section (or an ancestor) reviews several years: “十四五”以来, 过去五年, 2021—2025年."""
    while section is not None:
        if _MULTI_YEAR_HEADING.search(section.title):
            return True
        section = section.parent
    return False


def five_year(ctx: Context, number: int | None) -> Period | None:
    if number is None:
        return None
    plan = ctx.ruleset.calendar.plan_by_number.get(number)
    if plan is None:
        return None
    return Period(plan.first, 1, 12, plan.last - plan.first + 1)


def month_index(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def writing_horizon(ctx: Context) -> int | None:
    """The last month (absolute index) in which the report can have been written, if known:
    the end of its summary period (or the month before its plan starts) plus the writing margin."""
    s = summary_period(ctx)
    ref = None
    if s is not None:
        ref = s.end
    else:
        p = title(ctx).plan
        if p is not None and p.year is not None:
            ref = p.start - 1  # type: ignore[operator]
    if ref is None:
        return None
    return ref + ctx.ruleset.calendar.writing_months


def month_label(index: int, lang: str = "zh") -> str:
    y, m = divmod(index, 12)
    return f"{y}年{m + 1}月" if lang == "zh" else f"{y}-{m + 1:02d}"


def quote(text: str, width: int = 24) -> str:
    text = text.strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def opening_paragraph(ctx: Context, lm: LocatedMention) -> bool:
    """The mention is in the preamble, or in the first paragraph of a top-level section (or of
    the first subsection of one): where a report states its own period, and where last year's
    template survives."""
    if lm.where == "preamble":
        return True
    section = lm.section
    if lm.where != "body" or section is None or lm.paragraph_index != 0:
        return False
    if section.parent is None:
        return True
    parent = section.parent
    return (
        parent.parent is None
        and not any(p.text.strip() for p in parent.paragraphs)
        and parent.children[0] is section
    )


def relative_anchored(ctx: Context, others: list[Mention]) -> bool:
    """Some other mention is a narrative relative year (今年, 明年 …): the paragraph is relative-dated."""
    return any(o.kind == "relative" and o.role in ("opening", "plain", "statement", "history") for o in others)


def paren(quoted: str, label: str) -> str:
    """``（2025年第三季度）`` after a quotation, unless the quotation already says it."""
    return "" if label in quoted else f"（{label}）"


THIS_YEAR = ("今年", "本年", "本年度")


def this_year_anchor(ctx: Context) -> Mention | None:
    """A ``今年以来`` / ``今年，`` in the preamble or the review: the report was written in its
    summary year, so there 今年 is the summary year. None when the report does not say so."""
    s = summary_period(ctx)
    if s is None or s.years != 1:
        return None
    for lm in mentions(ctx):
        m = lm.mention
        if (
            m.kind == "relative" and m.relative in THIS_YEAR and m.role in ("history", "opening")
            and section_part(ctx, lm.section) in ("preamble", "review")
        ):
            return m
    return None
