"""A207 growth-mismatch: “由A增加到B，增长X%” (and 增加N, 提高N个百分点, 翻一番) must agree with A and B."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from reportlint.facts.quantities import HUNDRED, Quantity
from reportlint.findings import Finding, Severity
from reportlint.frozen import by_identity
from reportlint.rules.arithmetic._common import checked, compiled, data, disjoint, iv, places_for, ratio, sentences, show, sub
from reportlint.rules.arithmetic.a203_parts_total import in_unit_of
from reportlint.rules.base import Context, Rule

# 由2.66亿元, 从上年的120户, 由2020年的1.2万元, 由201x年的2.66亿元
_YEAR = r"(?:\d{4}|\d{2,3}[xX×ｘＸ]{1,2}|[xX×ｘＸ]{4})年"
_FROM = re.compile(rf"(?:由|从)(?:[\u4e00-\u9fff]|{_YEAR}){{0,8}}$")
_STATED = re.compile(
    r"^[ \t]*[，,]?[ \t]*(?P<yoy>同比|较上年|比上年|较去年|比去年)?[ \t]*(?P<verb>增长|增加|提高|提升|上升|下降|减少|降低|增幅|降幅)(?:比例|率|幅度)?了?(?:为|达到|达)?[ \t]*$"
)
_DOUBLED = re.compile(r"^[ \t]*[，,]?[ \t]*(?:实现|比上年|较上年|同比)?[ \t]*翻了?(?P<n>一|两|二|三)番(?P<more>多|以上|有余)?")
_DOUBLE_TOL = Decimal("0.1")  # 翻一番 is read loosely: 1.8× to 2.2× is fine


@by_identity
def _verbs(d) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """The regex of "verb between A and B" and the falling verbs, once per arithmetic table ``d``
    (None: the ruleset names no growth verb)."""
    verbs = sorted(d.growth_up + d.growth_down, key=len, reverse=True)
    if not verbs:
        return None
    between = compiled(
        r"^[ \t]*(?P<verb>" + "|".join(re.escape(v) for v in verbs) + rf")(?:到|至)?[ \t]*(?:{_YEAR}的?|[上本今去]年的?)?[ \t]*$"
    )
    return between, frozenset(d.growth_down)


class GrowthMismatch(Rule):
    code = "A207"
    name = "growth-mismatch"
    severity = Severity.ERROR
    summary = (
        "“由A增加到B，增长X%”“提高N个百分点”“增加N”“翻一番”应与A、B相符；两个百分数之差应写作“个百分点”。",
        "“由A增加到B，增长X%”, “提高N个百分点”, “增加N” and “翻一番” must agree with A and B; the difference of "
        "two percentages is written in 个百分点.",
    )
    why = (
        "增长率由起草人手算，常见错误是用差额除以新值、算错小数位，或把百分点写成百分比（由20%提高到30%"
        "是提高10个百分点、增长50%）。只在同一句中给出起点、终点和增幅时核算，数值按印刷精度取区间；"
        "“翻一番”按约数理解（1.8～2.2倍不报告）。",
        "Growth rates are computed by hand: the difference divided by the new value, a misplaced decimal, or "
        "percent written for percentage points (20% to 30% is 10 points, or 50% growth). Checked only when one "
        "sentence gives the start, the end and the change; printed values are intervals; “翻一番” is read "
        "loosely (1.8× to 2.2× passes).",
    )
    bad = "一般公共预算收入由2.66亿元增加到4.559亿元，增长55%。"
    good = "一般公共预算收入由2.66亿元增加到4.559亿元，增长71.4%。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        verbs = _verbs(data(ctx))
        if verbs is None:
            return
        between, down = verbs
        for sent in sentences(ctx):
            qs = sent.quantities
            if len(qs) < 2:
                continue
            text = sent.block.text
            for i in range(len(qs) - 1):
                a, b = qs[i], qs[i + 1]
                if not a.family or a.family != b.family or not _FROM.search(sent.before_in_clause(a)):
                    continue
                m = between.match(text[a.end : b.start])
                if not m or not a.value:
                    continue
                falling = m.group("verb") in down or b.value < a.value
                rest = text[b.end : sent.end]
                dm = _DOUBLED.match(rest)
                if dm:
                    f = self._doubled(ctx, sent, a, b, dm)
                    if f:
                        yield f
                    continue
                if i + 2 >= len(qs):
                    continue
                c = qs[i + 2]
                sm = _STATED.match(text[b.end : c.start])
                if not sm:
                    continue
                if sm.group("yoy") and re.search(_YEAR, sent.before_in_clause(a)):
                    continue  # 由2020年的A增加到2025年的B，同比增长X%: 同比 is against last year, not A
                f = self._stated(ctx, sent, a, b, c, falling)
                if f:
                    yield f

    def _stated(self, ctx, sent, a: Quantity, b: Quantity, c: Quantity, falling: bool):
        diff = sub(iv(a), iv(b)) if falling else sub(iv(b), iv(a))
        dv = (a.value - b.value) if falling else (b.value - a.value)
        verb = "下降" if falling else "增长"
        if c.is_point or (c.family == a.family and not c.is_percent):
            if c.is_point and not a.is_percent:
                return None
            checked(ctx, "growth")
            if not disjoint(diff, iv(c)):
                return None
            shown = f"{show(dv, c.decimals)}个百分点" if c.is_point else in_unit_of(dv, c)
            return self.finding(
                ctx, sent.block, c.start, c.end,
                f"{a.text} 到 {b.text} 相差 {shown}，文中为 {c.text}",
                f"from {a.text} to {b.text} is a change of {shown}, the text says {c.text}",
            )
        if not c.is_percent:
            return None
        growth = ratio(diff, iv(a))
        gv = dv * HUNDRED / a.value
        checked(ctx, "growth")
        if not disjoint(growth, iv(c)):
            return None
        places = places_for(c)
        if a.is_percent and not disjoint(diff, iv(c)):
            pts = show(dv, max(a.decimals, b.decimals))
            return self.finding(
                ctx, sent.block, c.start, c.end,
                f"两个百分数 {a.text}、{b.text} 之差应写作 {pts}个百分点（{verb}率为 {show(gv, places)}%），文中为 {c.text}",
                f"the difference of {a.text} and {b.text} is {pts} percentage points (a change of {show(gv, places)}%), "
                f"the text says {c.text}",
            )
        formula = f"({b.text} − {a.text}) ÷ {a.text}" if not falling else f"({a.text} − {b.text}) ÷ {a.text}"
        return self.finding(
            ctx, sent.block, c.start, c.end,
            f"{verb} {c.text} 与 {formula} = {show(gv, places)}% 不符",
            f"{'growth' if not falling else 'decrease'} {c.text} does not match {formula} = {show(gv, places)}%",
        )

    def _doubled(self, ctx, sent, a: Quantity, b: Quantity, dm: re.Match[str]):
        n = {"一": 1, "两": 2, "二": 2, "三": 3}[dm.group("n")]
        factor = Decimal(2**n)
        r = ratio(iv(b), iv(a))
        upper = None if dm.group("more") else factor * HUNDRED * (1 + _DOUBLE_TOL)  # 翻一番多: at least
        expected = (factor * HUNDRED * (1 - _DOUBLE_TOL), upper)
        checked(ctx, "growth")
        if not disjoint(r, expected):
            return None
        times = b.value / a.value
        start = b.end + dm.start("n") - 1
        return self.finding(
            ctx, sent.block, start, b.end + dm.end(),
            f"“{dm.group(0).strip('，, ')}”即 {factor} 倍，而 {b.text} ÷ {a.text} = {show(times, 2)} 倍",
            f"“{dm.group(0).strip('，, ')}” means ×{factor}, but {b.text} ÷ {a.text} = {show(times, 2)}×",
        )
