"""A201 rate-mismatch: a rate stated with its part and whole must equal part ÷ whole."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.findings import Finding, Severity
from reportlint.rules.arithmetic._common import (
    any_of,
    checked,
    data,
    disjoint,
    iv,
    places_for,
    rate_mentions,
    ratio,
    role,
    sentences,
    show,
    shown_number,
)
from reportlint.rules.base import Context, Rule


class RateMismatch(Rule):
    code = "A201"
    name = "rate-mismatch"
    severity = Severity.ERROR
    summary = (
        "同一句中给出分子、分母和比率时（排查128起、化解124起、化解率96.9%），比率应等于分子÷分母。",
        "When one sentence gives a part, its whole and the rate (128 cases, 124 resolved, 96.9%), the rate "
        "must equal part ÷ whole.",
    )
    why = (
        "化解率、整改率、调解成功率等是审阅者最常核算的数字，算错会让人怀疑整份材料的数据。"
        "只有比率名称与分子的动词对应（调解—调解成功率、化解—化解率、整改—整改率）、分母由“排查”“受理”“发现”"
        "等词标明、二者单位相同并在同一句中时才核算；按文中数字的印刷精度取区间（97.4% 即 97.35%～97.45%），"
        "计算区间与所写区间无交集才报告。",
        "Resolution, rectification and mediation rates are the figures reviewers recompute first; a wrong "
        "one casts doubt on every number. The rule only checks when the rate's name matches the part's verb "
        "(“调解” / “调解成功率”, “化解” / “化解率”, “整改” / “整改率”), the whole is marked by “排查”, “受理”, “发现” …, both "
        "share a unit and sit in one sentence. Every printed value stands for the interval that rounds to it "
        "(97.4% = [97.35, 97.45]); only intervals that cannot overlap are reported.",
    )
    bad = "全年排查矛盾纠纷156起，成功调解152起，调解成功率96.4%。"
    good = "全年排查矛盾纠纷156起，成功调解152起，调解成功率97.4%。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        d = data(ctx)
        whole_re = any_of(tuple(d.whole_words))
        for sent in sentences(ctx):
            if len(sent.quantities) < 3:
                continue
            for rate, name, stem in rate_mentions(sent, d):
                if not stem:
                    continue
                before = [q for q in sent.quantities if q.end <= rate.start and q.family and not q.is_percent and not q.is_point]
                roles = {id(q): role(sent, q, stem, whole_re) for q in before}
                parts = [q for q in before if roles[id(q)] == "part"]
                if not parts:
                    continue
                # every (part, whole) pairing is a reading; any reading that fits keeps the rule quiet,
                # the nearest pair is the one shown
                readings = []
                for part in parts:
                    wholes = [q for q in before if roles[id(q)] == "whole" and q.family == part.family and q is not part]
                    wholes.sort(key=lambda w: abs(w.start - part.start))
                    readings.extend((part, w) for w in wholes)
                if not readings:
                    continue
                checked(ctx, "rate")
                if not all(disjoint(ratio(iv(p), iv(w)), iv(rate)) for p, w in readings):
                    continue
                # shown: the part nearest the rate, with the whole nearest that part
                part, whole = max(readings, key=lambda pw: (pw[0].start, -abs(pw[1].start - pw[0].start)))
                if not whole.value:
                    continue
                value = part.value * 100 / whole.value
                places = places_for(rate)
                pv, wv = shown_number(part), shown_number(whole)
                if part.scale != whole.scale:
                    pv, wv = part.text, whole.text
                zh = f"{name} {rate.text} 与 {pv} ÷ {wv} = {show(value, places)}% 不符"
                en = f"{name} {rate.text} does not match {pv} ÷ {wv} = {show(value, places)}%"
                yield self.finding(ctx, sent.block, rate.start, rate.end, zh, en)
