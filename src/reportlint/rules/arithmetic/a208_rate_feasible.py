"""A208 rate-infeasible: a rate given with only its whole must be k ÷ n for some whole number k (GRIM)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from reportlint.findings import Finding, Severity
from reportlint.rules.arithmetic._common import HUNDRED, any_of, checked, data, rate_mentions, role, sentences, show
from reportlint.rules.base import Context, Rule

_SLACK = Decimal("1e-12")


def feasible(n: int, lo: Decimal, hi: Decimal) -> bool:
    """Is there a whole number 0 ≤ k ≤ n with k ÷ n × 100 in [lo, hi]?"""
    kmin = max((lo * n / HUNDRED - _SLACK).to_integral_value(ROUND_CEILING), Decimal(0))
    kmax = min((hi * n / HUNDRED + _SLACK).to_integral_value(ROUND_FLOOR), Decimal(n))
    return kmin <= kmax


class RateInfeasible(Rule):
    code = "A208"
    name = "rate-infeasible"
    severity = Severity.ERROR
    summary = (
        "只给出总数和比率时（排查76起，调处成功率98.7%），比率必须能由某个整数分子得到（75÷76=98.68%）；"
        "只报告不可能的比率。",
        "When only the whole and the rate are given (76 cases, 98.7%), the rate must come from some whole "
        "number k (75 ÷ 76 = 98.68%); only impossible rates are reported.",
    )
    why = (
        "这是统计学中的 GRIM 检验：76起纠纷的成功率只能是 k÷76 的某个值，写成 98.6% 说明总数或比率有误。"
        "只对“排查、受理、发现”等词标明的整数总数、且句中没有分子时核对；总数较大时几乎任何比率都可能，规则自然不报。",
        "This is the GRIM test: the success rate of 76 cases can only be one of k ÷ 76, so 98.6% means the count "
        "or the rate is wrong. Checked only for a whole-number total marked by 排查, 受理, 发现 … with no part "
        "in the sentence; with a large total almost any rate is possible and nothing is reported.",
    )
    bad = "排查化解矛盾纠纷76起，调处成功率98.6%。"
    good = "排查化解矛盾纠纷76起，调处成功率98.7%。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        d = data(ctx)
        whole_re = any_of(tuple(d.whole_words))
        stems = set(d.feasible_stems)
        for sent in sentences(ctx):
            if len(sent.quantities) < 2:
                continue
            for rate, name, stem in rate_mentions(sent, d):
                if stem not in stems or rate.approx or rate.lo is None or rate.hi is None or rate.hi > HUNDRED + 1:
                    continue
                ci = sent.clause_index(rate.start)
                before = [
                    q
                    for q in sent.quantities
                    if q.end <= rate.start and q.family and not q.is_percent and sent.clause_index(q.start) >= ci - 1
                ]
                if not before:
                    continue
                roles = [role(sent, q, stem, whole_re) for q in before]
                if "part" in roles:
                    continue  # A201 checks part ÷ whole
                wholes = [q for q, r in zip(before, roles) if r == "whole"]
                counts = [q for q in before if q.unit in d.units and d.units[q.unit].discrete]
                if len(wholes) != 1 or len(counts) != 1 or wholes[0] is not counts[0]:
                    continue
                whole = wholes[0]
                if whole.approx or whole.lo != whole.hi or whole.value <= 0:
                    continue
                n = int(whole.value)
                checked(ctx, "feasible")
                if feasible(n, rate.lo, rate.hi):
                    continue
                k = int((rate.value * n / HUNDRED).to_integral_value(ROUND_FLOOR))
                near = [x for x in (k, k + 1) if 0 <= x <= n]
                shown = "，".join(f"{x} ÷ {n} = {show(Decimal(x) * HUNDRED / n, max(2, rate.decimals + 1))}%" for x in near)
                shown_en = ", ".join(f"{x} ÷ {n} = {show(Decimal(x) * HUNDRED / n, max(2, rate.decimals + 1))}%" for x in near)
                yield self.finding(
                    ctx,
                    sent.block,
                    rate.start,
                    rate.end,
                    f"{name} {rate.text} 不可能由总数 {whole.text} 中的整数得到（{shown}）",
                    f"{name} {rate.text} cannot be a whole number out of {whole.text} ({shown_en})",
                )
