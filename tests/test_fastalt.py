"""The rewritten alternations (facts.fastalt) match what the patterns joined match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.facts.fastalt import _opened_pattern, open_alternatives
from reportlint.rulesets import load_ruleset


def plain(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def spans(pattern: re.Pattern[str], text: str, pos: int = 0) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, pos)]


def test_alternatives_open_with_a_character():
    assert open_alternatives([r"\d+年"]) == r"[\d](?:[\d]){0,}+年"  # x+ -> xx*, possessive before 年
    assert open_alternatives([r"(?:1[89]|20)\d\d"]) == r"1[89][\d][\d]|20[\d][\d]"
    assert open_alternatives([r"(?<=[统唯])一"]) == r"一(?<=(?<=[统唯])一)"
    # neighbours sharing a start that matches one way only share it
    assert open_alternatives([r"\d+号", r"\d+届"]) == r"[\d](?:[\d]){0,}+(?:号|届)"
    # not possessive when what follows may start with the repeated character
    assert open_alternatives([r"\d+\d年"]) == r"[\d](?:[\d]){0,}[\d]年"


@pytest.mark.parametrize("pattern", [r"(\d+)年", r"(?P<n>\d)\1", r"(?i:a)+b", r"(?i)ab+", r"(?<=a", r"(?(1)a|b)"])
def test_what_it_does_not_know_is_kept(pattern):
    assert _opened_pattern(pattern) is None
    assert open_alternatives([r"\d+年", pattern]).endswith(f"|(?:{pattern})")


def test_no_patterns():
    assert open_alternatives([]) == ""


def test_the_rulesets_not_quantities():
    lines = ["2025年", "2025 年底", "1月5日至3月8日", "12-3月", "一二三四年", "1 2 3号", "2025-10-1", "2025.1.1a",
             "3+4", "3.5 + 4", "S205省道", "G-318", "5G", "10kV", "3.5千伏线路", "12号楼", "〔2025〕12号", "(1)",
             "0755-12345678", "13912345678", "9:30", "“十四五”", "统一", "一批", "二期工程", "第 3 季度", "二十届",
             "十四五规划", "3×4", "30周年", "四季度", "上半年", "207国道", "5线路建设", "一五期间"]
    for name in ("annual", "half-year", "quarterly"):
        patterns = list(load_ruleset(name).arithmetic.not_quantities)
        a, b = plain(patterns), re.compile(open_alternatives(patterns))
        for line in lines:
            for text in (line, "增长" + line + "个", line + line):
                assert spans(a, text) == spans(b, text), text


# random regexes of the kinds the rewrite handles (and some it keeps), over a small alphabet
_ATOMS = ["a", "b", "1", r"\d", "[ab]", "[12]", r"[\d.]", "[^a]", ".", r"\.", "-", "[ \t]", "x"]
_REPEATS = ["+", "*", "?", "{1,2}", "{2,3}", "{0,2}", "+?", "*?", "{2}", "++", "{1,}"]
_TESTS = ["(?<=[a1])", "(?<!b)", r"(?=\d)", "(?!a)", r"\b", "^", "$", "(?<=a.)"]


def _regexes(depth: int = 0) -> st.SearchStrategy[str]:
    atom = st.sampled_from(_ATOMS)
    if depth >= 2:
        return atom
    sub = st.deferred(lambda: _regexes(depth + 1))
    return st.one_of(
        atom,
        st.lists(sub, min_size=2, max_size=3).map("".join),
        st.tuples(atom, st.sampled_from(_REPEATS)).map("".join),  # (no repeat of a repeat: no blow-up)
        st.lists(sub, min_size=2, max_size=3).map(lambda alts: "(?:" + "|".join(alts) + ")"),
        st.tuples(st.sampled_from(_TESTS), sub).map("".join),
    )


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(_regexes(), _regexes()).map("".join), min_size=1, max_size=4),
       st.lists(st.text("ab1 2.-x\n", max_size=14), min_size=1, max_size=8))
def test_same_matches_as_the_patterns_joined(patterns, texts):
    try:
        a = plain(patterns)
    except re.error:
        return
    b = re.compile(open_alternatives(patterns))
    for text in texts:
        for pos in (0, 1):
            assert spans(a, text, pos) == spans(b, text, pos)
