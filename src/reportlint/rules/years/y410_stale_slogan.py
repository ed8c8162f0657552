"""Y410 stale-slogan: a phrase bound to past years describes the report's own period."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.facts.periods import find_mentions
from reportlint.findings import Finding, Severity
from reportlint.frozen import by_identity
from reportlint.prefilter import Gate, compiled
from reportlint.rules.base import Context, Rule
from reportlint.rules.years.common import SENTENCE_END, five_year, multi_year_context, plan_period, summary_period

_HISTORY = re.compile(r"期间|时期|以来|过去|回顾|历程|曾|当年|那时|五年来|这些年")


@by_identity
def _slogans(calendar):
    """The calendar's slogans with their compiled regexes, and the gate telling which of them can
    match a text (in their order)."""
    slogans = [(sl, compiled(sl.regex)) for sl in calendar.slogan_list]
    return slogans, Gate([sl.regex for sl in calendar.slogan_list])


class StaleSlogan(Rule):
    code = "Y410"
    name = "stale-slogan"
    severity = Severity.WARNING
    summary = (
        "只属于特定年份的提法（“决胜全面建成小康社会”“脱贫攻坚收官之年”属于2020年及以前）不应用来描述报告自己的期间。",
        "A phrase bound to past years (“决胜全面建成小康社会”, “脱贫攻坚收官之年”: 2020 and before) "
        "must not describe the report's own period.",
    )
    why = (
        "2023年的报告自称“全面建成小康社会的决胜之年”，说明定调语是从旧材料里沿用的；"
        "提到往年时（“十三五”期间、2020年……）不提示。提法与年份见 rulesets/calendar.toml。",
        "A 2023 report calling its year “全面建成小康社会的决胜之年” reuses an old template; "
        "mentions dated to their years (“十三五”期间, 2020年…) are not reported.",
    )
    bad = "青山镇2023年工作总结\n2023年，我镇紧紧围绕决胜全面建成小康社会目标，……"
    good = "青山镇2023年工作总结\n2023年，我镇紧紧围绕推进乡村全面振兴目标，……"

    def check(self, ctx: Context) -> Iterator[Finding]:
        s, p = summary_period(ctx), plan_period(ctx)
        own = s.year if s is not None else None
        if own is None and p is not None and ctx.facts.periods.title.plan is not None:
            own = p.year  # a plan on its own: 2026年工作要点
        slogans, gate = _slogans(ctx.ruleset.calendar)
        for block, offset, section in self._blocks(ctx):
            text = block.text
            for i in gate.candidates(text):  # (most paragraphs hold no slogan's characters)
                sl, rx = slogans[i]
                for hit in rx.finditer(text, offset):
                    a = offset
                    for e in SENTENCE_END.finditer(text, offset, hit.start()):
                        a = e.end()
                    e2 = SENTENCE_END.search(text, hit.end())
                    b = e2.start() if e2 else len(text)
                    said = self._stated_year(block, a, hit.start())
                    if said is not None:
                        year, whose = said, "本句所述为"  # “2023年是……决胜之年”
                        whose_en = "the sentence speaks of"
                    else:
                        if own is None or multi_year_context(section):
                            continue  # a section looking back over several years: “十三五”发展成效
                        if _HISTORY.search(text[a:b]) or self._dated(ctx, block, a, b, sl.last):
                            continue
                        year, whose, whose_en = own, "本报告期间为", "this report is about"
                    if year <= sl.last:
                        continue
                    yield self.finding(
                        ctx, block, hit.start(), hit.end(),
                        f"“{hit.group(0)}”属于{sl.zh}，{whose}{year}年",
                        f"“{hit.group(0)}” belongs to {sl.en}; {whose_en} {year}",
                    )

    @staticmethod
    def _stated_year(block, a: int, stop: int) -> int | None:
        """The year of “2023年是……” when the sentence opens with it before the phrase."""
        for m in find_mentions(block, a, stop):
            if m.kind == "year" and m.role == "statement" and not m.placeholder and m.period is not None:
                return m.period.year
        return None

    @staticmethod
    def _blocks(ctx: Context):
        for para in ctx.outline.preamble:
            yield para.block, para.offset, None
        for section in ctx.outline.walk():
            for para in section.paragraphs:
                yield para.block, para.offset, section

    @staticmethod
    def _dated(ctx: Context, block, a: int, b: int, last: int) -> bool:
        """The sentence names a year (or a five-year plan) within the slogan's time."""
        for m in find_mentions(block, a, b):
            p = m.period
            if m.kind in ("year", "span") and p is not None and p.year is not None and p.year <= last:
                return True
            if m.kind == "five-year":
                plan = five_year(ctx, m.five_year)
                if plan is not None and plan.year <= last:  # type: ignore[operator]
                    return True
        return False
