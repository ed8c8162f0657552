"""The quantity scanner's shortcuts give what the plain scans give (facts.quantities)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.facts.quantities import _PLACEHOLDER_GATE, _PLACEHOLDER_NUM, _Cover, _patterns
from reportlint.rulesets import load_ruleset

NOT_Q = _patterns(load_ruleset("annual").arithmetic).not_q
# characters the patterns care about, and a few others
ALPHABET = st.sampled_from(list("0123456789.,，xX×ｘＸ一二三十百千万亿年月日号第期个%％元人亩 \t“”（）()Aab—-至、的是"))
TEXT = st.lists(ALPHABET, max_size=40).map("".join)


def covered_plain(pattern: re.Pattern[str], text: str) -> set[int]:
    return {i for m in pattern.finditer(text) for i in range(m.start(), m.end())}


@settings(max_examples=400, deadline=None)
@given(TEXT, st.lists(st.integers(0, 45), max_size=12))
def test_cover_is_finditer_coverage(text, queries):
    plain = covered_plain(NOT_Q, text)
    cover = _Cover(NOT_Q, text)
    for i in queries:  # any order, repeated, past the end
        assert cover(i) == (i in plain)


def test_cover_with_empty_matches():
    pattern = re.compile(r"x*")  # empty matches cover nothing, "xx" covers its two characters
    cover = _Cover(pattern, "axxbx")
    assert [cover(i) for i in range(6)] == [False, True, True, False, True, False]


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_placeholder_gate_is_necessary(text):
    if _PLACEHOLDER_NUM.search(text):
        assert _PLACEHOLDER_GATE.search(text)
