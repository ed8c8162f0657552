"""Y406 mid-period-data: a full-period summary reports data only up to an early month."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.facts.periods import Period
from reportlint.findings import Finding, Severity
from reportlint.numerals import parse_number
from reportlint.rules.base import Context, Rule
from reportlint.rules.years.common import mentions, section_part, title

_CUMULATIVE_AFTER = re.compile(r"^\s*(?:份)?\s*(?:[，,]\s*)?(?:累计|共计|合计|全镇累计|全乡累计)")
_ASOF_MONTH = re.compile(
    r"截[至止](?:到|至)?\s*(?:(?P<y>(?:19|20)\d{2})\s*年)?\s*"
    r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月(?:份)?\s*(?:底|末|止|\d{1,2}\s*日)"
)
_CLAUSE_END = re.compile(r"[。；;！？!?]")
_FIGURE = re.compile(r"\d")
_FINISHED = re.compile(r"全部|全面完成|均已|均完成|提前|已于|顺利完成|如期完成")
_GAP = 6  # months of the period left out before the data counts as a leftover


class MidPeriodData(Rule):
    code = "Y406"
    name = "mid-period-data"
    severity = Severity.WARNING
    summary = (
        "全年（或自年初起）的总结不应以“截至上半年”“1至6月累计”这类只到期中的数据作为总结数据。",
        "A summary of the whole year should not report data only up to mid-year (“截至上半年”, “1至6月累计”).",
    )
    why = (
        "年度总结里出现“截至上半年”“截至6月底”，通常是从半年总结里搬来的数据没有更新；"
        "年终材料一般至少用到10月、11月的数据。只提示，不作为错误。",
        "“截至上半年” in an annual review is usually half-year data that was never updated; annual "
        "reports are written with data to October or November. A warning, not an error.",
    )
    bad = "青山镇2025年工作总结\n一、主要工作\n截至上半年，全镇完成固定资产投资2.1亿元。"
    good = "青山镇2025年工作总结\n一、主要工作\n截至11月底，全镇完成固定资产投资4.2亿元。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        s = title(ctx).summary
        if s is None or s.years != 1 or s.first != 1 or s.last <= _GAP:
            return
        limit = s.last - _GAP
        # (block, start, end, text, month) of every cumulative data point of the review
        points: list[tuple[object, int, int, str, int]] = []
        for lm in mentions(ctx):
            m = lm.mention
            p = m.period
            if m.kind not in ("sub", "year") or p is None or m.placeholder or p.first != 1 or p.is_full_year:
                continue
            if section_part(ctx, lm.section) not in ("preamble", "review"):
                continue
            if p.year is not None and s.year is not None and p.year != s.year:
                continue
            if m.role == "asof" or _CUMULATIVE_AFTER.match(m.block.text[m.end : m.end + 8]):
                points.append((m.block, m.start, m.end, m.text, p.last))
        for block, offset in self._review_blocks(ctx):
            for mm in _ASOF_MONTH.finditer(block.text, offset):
                month = parse_number(mm.group("m"))
                year = int(mm.group("y")) if mm.group("y") else None
                if not month or (year is not None and s.year is not None and year != s.year):
                    continue
                points.append((block, mm.start(), mm.end(), mm.group(0), month))
        points = [pt for pt in points if self._is_data(pt[0].text, pt[2])]  # type: ignore[attr-defined]
        latest: dict[int, int] = {}
        for block, _, _, _, month in points:
            latest[id(block)] = max(latest.get(id(block), 0), month)
        points.sort(key=lambda t: (t[0].index, t[1]))  # type: ignore[attr-defined]
        for block, start, end, text, month in points:
            if month <= limit and latest[id(block)] <= limit:  # not a step towards a later figure
                yield self._finding(ctx, block, start, end, text, month, s)

    @staticmethod
    def _is_data(text: str, end: int) -> bool:
        """The clause after the date reports a figure (截至上半年，完成投资2.1亿元), not the
        moment something was finished (截至6月底，已全部完成整改)."""
        stop = _CLAUSE_END.search(text, end)
        clause = text[end : stop.start() if stop else len(text)]
        return bool(_FIGURE.search(clause)) and not _FINISHED.search(clause)

    def _review_blocks(self, ctx: Context):
        for para in ctx.outline.preamble:
            yield para.block, para.offset
        for section in ctx.outline.walk():
            if section_part(ctx, section) == "review":
                for para in section.paragraphs:
                    yield para.block, para.offset

    def _finding(self, ctx: Context, block, start: int, end: int, text: str, month: int, s: Period) -> Finding:
        return self.finding(
            ctx,
            block,
            start,
            end,
            f"标题为{s.label()}工作总结，总结数据却只到{month}月（“{text}”），疑为期中材料未更新",
            f"the title reviews {s.label('en')} but this figure only runs to month {month} (“{text}”): "
            "mid-period data left in?",
        )
