"""A203 parts-exceed-total: the parts listed after 其中 cannot add up to more than their total."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from reportlint.facts.quantities import Quantity
from reportlint.findings import Finding, Severity
from reportlint.rules.arithmetic._common import add, checked, data, disjoint, iv, sentences, words
from reportlint.rules.base import Context, Rule

_PER_HEAD = re.compile(r"人均|户均|平均|亩均|每|最[大高多小低少]|单[个项户]")
# between two parts: a separator, then the next part's name (水稻2.1万亩、玉米0.8万亩)
_JOINER = re.compile(r"^[ \t]*(?:、|和|及|与|以及|；)[ \t]*[\u4e00-\u9fffA-Za-z“”‘’（）()·\-—]*[ \t]*$")
_FIRST_NAME = re.compile(r"^[ \t]*[\u4e00-\u9fffA-Za-z“”‘’（）()·\-—]*[ \t]*$")


def in_unit_of(value: Decimal, q: Quantity) -> str:
    """``value`` (base units) written in ``q``'s printed multiplier and unit: 11000万 元 → 1.1亿元."""
    number = (value / (q.scale or Decimal(1))).quantize(Decimal(1).scaleb(-6)).normalize()
    suffix = q.text[len(q.text) - len(q.text.lstrip("0123456789.,，")) :] if q.number[:1].isdigit() else q.unit
    for w in ("余", "多", "以上", "以下", "左右", "以内"):
        suffix = suffix.replace(w, "")
    return format(number, "f") + suffix


class PartsExceedTotal(Rule):
    code = "A203"
    name = "parts-exceed-total"
    severity = Severity.ERROR
    summary = (
        "“总数W，其中A a、B b、C c”：各部分之和不能大于总数；列出“其他/其余”时各部分之和应等于总数。",
        "“total W, 其中 A a、B b、C c”: the parts cannot add up to more than the total; when the list ends "
        "with 其他/其余 they must add up to it.",
    )
    why = (
        "“其中”后的分项常在改稿时只改了一处。分项可能不全（粮食作物只列了主要几种），所以只有分项之和超过总数、"
        "或列出“其他/其余”后仍对不上时才报告；单位按万、亿换算（万元与亿元可以相加）。可能相互重叠的分项"
        "（其中女性…、党员…）、人均数不参与求和。",
        "Parts after 其中 are often edited without their total. A list may be incomplete (only the main crops), "
        "so the rule reports only parts that add up to more than the total, or a list closed by 其他/其余 that "
        "does not add up; 万 and 亿 are converted (万元 and 亿元 add up). Parts that may overlap (女性, 党员 …) "
        "and per-head figures are not summed.",
    )
    bad = "粮食播种面积3.2万亩，其中水稻2.1万亩、玉米0.8万亩、大豆0.5万亩。"
    good = "粮食播种面积3.2万亩，其中水稻2.1万亩、玉米0.8万亩、大豆0.3万亩。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        d = data(ctx)
        overlap = words(d.overlapping_parts)
        rest = words(d.rest_words)
        for sent in sentences(ctx):
            if len(sent.quantities) < 2:
                continue
            text = sent.block.text
            k = text.find("其中", sent.start, sent.end)
            while k >= 0:
                yield from self._check_at(ctx, sent, k, overlap, rest)
                k = text.find("其中", k + 2, sent.end)

    def _check_at(self, ctx, sent, k, overlap, rest) -> Iterator[Finding]:
        text = sent.block.text
        j = k + 2
        while j < sent.end and text[j] in " \t，,：:":
            j += 1
        cs, ce = sent.clause(j)
        region = [q for q in sent.quantities if j <= q.start and q.end <= ce]
        if not region:
            return
        fam = region[0].family
        if not fam or region[0].is_percent or region[0].is_point or any(q.family != fam for q in region):
            return
        # the parts must be a plain list: names and 、/和/及 between them, no verbs with numbers
        prev_end = j
        for n, q in enumerate(region):
            between = text[prev_end : q.start]
            if not (_JOINER if n else _FIRST_NAME).match(between) or _PER_HEAD.search(between):
                return
            prev_end = q.end
        # every amount of the parts' unit before 其中 in the sentence may be their total: the
        # nearest one (in the clause before 其中) is reported, but any total that fits keeps quiet
        totals = [
            q
            for q in sent.quantities
            if q.end <= k and q.family == fam and not q.is_percent and not _PER_HEAD.search(sent.before_in_clause(q))
        ]
        if not totals or sent.clause_index(totals[-1].start) < sent.clause_index(k) - 1:
            return
        if any(t.hi is None for t in totals):
            return
        total = totals[-1]
        checked(ctx, "parts")
        region_text = text[j:ce]
        for q in region:
            if q.lo is not None and all(q.lo >= t.hi and disjoint(iv(q), iv(t)) for t in totals):
                yield self.finding(
                    ctx,
                    sent.block,
                    q.start,
                    q.end,
                    f"其中一项 {q.text} 大于总数 {total.text}",
                    f"one part, {q.text}, is larger than its total {total.text}",
                )
                return
        if len(region) < 2 or overlap.search(region_text):
            return
        s = (Decimal(0), Decimal(0))
        for q in region:
            s = add(s, iv(q))
        terms = " + ".join(q.text for q in region)
        total_sum = sum((q.value for q in region), Decimal(0))
        shown = in_unit_of(total_sum, total)
        if s[0] is not None and all(s[0] >= t.hi and disjoint(s, iv(t)) for t in totals):
            yield self.finding(
                ctx,
                sent.block,
                region[0].start,
                region[-1].end,
                f"其中各项之和 {terms} = {shown}，大于总数 {total.text}",
                f"the parts after 其中 add up to {terms} = {shown}, more than the total {total.text}",
            )
        elif rest.search(region_text) and all(disjoint(s, iv(t)) for t in totals):
            yield self.finding(
                ctx,
                sent.block,
                region[0].start,
                region[-1].end,
                f"其中各项（含其他）之和 {terms} = {shown}，与总数 {total.text} 不符",
                f"the parts after 其中 (with the rest) add up to {terms} = {shown}, not the total {total.text}",
            )
