"""Y405 review-future-year: the review reports a change up to a year after its own period."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.findings import Finding, Severity
from reportlint.rules.base import Context, Rule
from reportlint.rules.years.common import mentions, paragraph_mentions, section_part, summary_period


class ReviewFutureYear(Rule):
    code = "Y405"
    name = "review-future-year"
    severity = Severity.ERROR
    summary = (
        "总结部分“由A年的……提高到B年的……”中，B不能晚于总结期间，A与B也不能是同一年。",
        "In the review, “由A年的…提高到B年的…” cannot end after the summary period, nor start and end in the same year.",
    )
    why = (
        "2019年的总结写“由2020年的14646元提高到2020年的16403元”：一个还没到的年份被当作已完成，"
        "起止又是同一年，数字的来历也就无从核对。",
        "A 2019 review saying “由2020年的14646元提高到2020年的16403元” reports a year that has not "
        "happened, with both ends in the same year: the figures cannot be checked.",
    )
    bad = "青山镇2019年工作总结\n一、主要工作\n农民人均可支配收入由2020年的14646元提高到2020年的16403元。"
    good = "青山镇2019年工作总结\n一、主要工作\n农民人均可支配收入由2018年的14646元提高到2019年的16403元。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        summary = summary_period(ctx)
        for lm in mentions(ctx):
            m = lm.mention
            if m.role != "to" or m.kind != "year" or m.placeholder or m.period is None or m.period.year is None:
                continue
            to = m.period
            start = [
                o for o in paragraph_mentions(ctx, lm)
                if o.role == "from" and o.kind == "year" and o.start < m.start and o.period is not None
            ]
            frm = start[-1].period if start else None
            if frm is not None and frm.year == to.year:
                yield self.finding(
                    ctx, m.block, start[-1].start, m.end,
                    f"“由{frm.year}年的……到{to.year}年的……”起止是同一年，其中一个年份有误",
                    f"the change runs from {frm.year} to {to.year}: the same year at both ends, one of them is wrong",
                )
                continue
            if summary is None or summary.years != 1:
                continue
            if section_part(ctx, lm.section) not in ("preamble", "review"):
                continue
            if to.last_year > summary.last_year:  # type: ignore[operator]
                yield self.finding(
                    ctx, m.block, m.start, m.end,
                    f"标题为{summary.label()}工作总结，总结部分却写“……到{m.text}的……”（{to.year}年晚于总结期间）",
                    f"the title reviews {summary.label('en')} but the review reports a level reached in {to.year}, "
                    f"after the summary period",
                )
