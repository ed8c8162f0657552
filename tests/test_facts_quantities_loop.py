"""The token loop of facts.quantities gives what the plain loop gives.

The token pattern does not match at a lone Chinese numeral that nothing can follow within a token
(capture_led's skip), the loop reads a token's groups in one call, and _quantity looks a unit's
data and the words before a number up through sets derived once per ruleset: ``plain_block`` is
the loop without those shortcuts (the plain token pattern, a group per name, the data's dicts),
and both must give the same quantities, unparsed spans and lost points on any text.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reportlint.document import Block
from reportlint.facts import quantities as Q
from reportlint.facts.scan import capture_led
from reportlint.frozen import Record
from reportlint.numerals import cn_to_int
from reportlint.rulesets import load_ruleset

ANNUAL = load_ruleset("annual").arithmetic
# data with empty words (the schema allows them): no shortcut may assume a word has a character
ODD = Record(
    "ArithmeticData",
    {
        **vars(ANNUAL),
        "approx_before": {**ANNUAL.approx_before, "": "about"},
        "units": {**ANNUAL.units, "": Record("UnitInfo", {"family": "none", "factor": "1", "discrete": False})},
    },
)
ALPHABET = st.sampled_from(
    list("0123456789.,，一二两三四五十百千万亿零〇个分之余多约近超以上下左右元亩人%％年月第号 \t“”（）—至~xX是进步")
)
TEXT = st.lists(ALPHABET, max_size=40).map("".join)


def plain_block(block: Block, pat: Q._Patterns, facts: Q.QuantityFacts) -> list[Q.Quantity]:
    """extract_block as written before the shortcuts (the reference)."""
    token = capture_led(Q._HAS_NUMBER.pattern[1:-1], pat.token_body)
    text = block.text
    if not text or not Q._HAS_NUMBER.search(text):
        return []
    covered = Q._Cover(pat.not_q, text)
    hm = Q._HEADING_NUM.match(text)
    heading_end = hm.end(1) if hm else -1
    out = []
    n_lost = len(facts.lost_points)
    if " " in text or "\t" in text:
        for m in Q._LOST_POINT.finditer(text):
            if not covered(m.start()):
                facts.lost_points.append((block, m.start(), m.end(), m.group(0)))
                facts.unparsed.append((block, m.start(), m.end(), "lost-point"))
    if Q._PLACEHOLDER_GATE.search(text):
        for m in Q._PLACEHOLDER_NUM.finditer(text):
            facts.unparsed.append((block, m.start(), m.end(), "placeholder"))
    lost = [(s, e) for b, s, e, _ in facts.lost_points[n_lost:]]
    pos = 0
    while pos < len(text):
        m = token.search(text, pos)
        if not m:
            break
        s, pos = m.span("all")
        if s < heading_end:
            continue
        if s > 0 and (text[s - 1].isdigit() or text[s - 1] == "." or text[s - 1] in Q._X):
            continue
        if any(ls <= s < le for ls, le in lost):
            continue
        if covered(s):
            continue
        q = plain_quantity(block, text, m, s, pos, pat, facts)
        if q is None:
            continue
        r = pat.range_sep.match(text, q.end)
        if r and r.end() > r.start():
            m2 = token.match(text, r.end())
            if m2 and (m2.group("ar") or m2.group("cn")) and not covered(m2.start("all")):
                q2 = plain_quantity(block, text, m2, *m2.span("all"), pat, facts)
                if q2 is not None and (not q.unit or q.family == q2.family):
                    q = Q._range(q, q2, text, pat)
                    pos = q.end
        out.append(q)
    return out


def plain_quantity(block, text, m, start, end, pat, facts):
    pct, ar, cn, mid, mult_s, mid2, unit, after = m.group("pct", "ar", "cn", "mid", "mult", "mid2", "unit", "after")
    mult_s = (mult_s or "").lstrip("个")
    unit = unit or ""
    pct = bool(pct)
    if cn:
        if Q._bare(cn, pct, mult_s, unit):
            return None
        if cn_to_int(cn) is None:
            facts.unparsed.append((block, start, end, "numeral"))
            return None
        number, decimals = cn, 0
    else:
        number = ar
        dot = ar.find(".")
        decimals = len(ar) - dot - 1 if dot >= 0 else 0
    if pct:
        unit = "%"
    mult = pat.mults.get(mult_s, Q._ONE) if mult_s else Q._ONE
    info = pat.units.get(unit) if unit else None
    discrete = bool(info and info.discrete)
    exact = bool(cn) or (discrete and decimals == 0 and not mult_s)
    kind = pat.data.approx_after.get(after) if after else None
    if mid or mid2:
        kind = "min"
    if kind is None:
        for n in sorted({len(w) for w in pat.data.approx_before}, reverse=True):
            kind = pat.data.approx_before.get(text[start - n : start]) if start >= n else None
            if kind:
                break
    return Q.Quantity(
        block, start, end, text[start:end], number, unit, info.family if info else None, decimals, kind,
        bool(cn), mult, pat.factors.get(unit, Q._ONE) if unit else Q._ONE, exact, pat.widen,
    )


def facts_of(extract, text: str, data):
    block = Block(0, text, 1)
    facts = Q.QuantityFacts()
    qs = extract(block, Q._patterns(data), facts)
    fields = [
        (q.start, q.end, q.text, q.number, q.unit, q.family, q.decimals, q.approx, q.chinese, q.multiplier,
         q.scale, q.exact, q.value, q.lo, q.hi)
        for q in qs
    ]
    return fields, [u[1:] for u in facts.unparsed], [p[1:] for p in facts.lost_points]


@settings(max_examples=1500, deadline=None)
@given(TEXT)
@example("百分之五，三百分之五十，进一步，一是二是")
@example("一 个，五余万元，三至五个，两千亩，十，十五，约三万人，近一 成")
@example("1. 一万元至三是，二十四个亿，超5万")
def test_extract_block_is_the_plain_loop(text):
    assert facts_of(Q.extract_block, text, ANNUAL) == facts_of(plain_block, text, ANNUAL)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_extract_block_with_empty_words(text):
    assert facts_of(Q.extract_block, text, ODD) == facts_of(plain_block, text, ODD)


def test_lone_numerals_are_skipped_by_the_pattern():
    token = Q._patterns(ANNUAL).token
    assert [m.group("all") for m in re.finditer(token, "进一步三是")] == []
    assert token.search("百分之五").group("all") == "百分之五"  # 百 may open 百分之
    assert token.search("三个").group("all") == "三个"
    assert token.search("五 亩").group("all") == "五 亩"
    assert token.search("一五").group("all") == "一五"
