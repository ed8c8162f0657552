"""The period facts' shortcuts answer as the plain scans and patterns they stand for."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.facts import periods as P

# characters and words the period patterns care about, and some they don't
_CHARS = list(
    "0123456789１２３４٣〇○零一二三四五六七八九十百xXｘＸ×今本明来下去上前第半个“\"‘”’-—–~～至到－"
    "年季度月份Q .．\t\n\u3000\xa0aA的是在比较与由从自截至现将工作总结计划以来底初末同期基础上，。；,"
)
_WORDS = [
    "2024年", "2021—2025年", "2021年至2025年", "１至３月", "1-3月", "十四五", "“十四五”", "第三季度",
    "前三季度", "Q3", "上半年", "下一年度", "xxxx年", "二〇二五年", "20xx年", "19  99 年", "2020 ~ 2023年度",
    "十二月", "较", "与", "相比", "以来", "基础上", "现将", "总结如下", "是", "，", "我镇", "截至", "到", "的",
]
_TEXT = st.lists(st.one_of(st.sampled_from(_CHARS), st.sampled_from(_WORDS)), max_size=40).map("".join)


def _searched(pattern: re.Pattern[str], text: str, begin: int, end: str | int) -> list:
    out, pos = [], begin
    while (m := pattern.search(text, pos)) is not None:
        out.append((m.span(end), m.groupdict()))
        pos = m.end(end)
    return out


def _anchored(pattern: re.Pattern[str], starts: frozenset[str], text: str, begin: int, end: str | int) -> list:
    anchors = [a.start() for a in P._ANCHOR.finditer(text, begin)]
    return [(m.span(end), m.groupdict()) for m in P._anchored_scan(pattern, starts, text, begin, anchors, end)]


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.integers(0, 3))
def test_anchored_scan_finds_what_the_search_does(text, begin):
    begin = min(begin, len(text))
    assert _anchored(P._TOKEN, P._TOKEN_STARTS, text, begin, "all") == _searched(P._TOKEN, text, begin, "all")
    assert _anchored(P._SPAN, P._SPAN_STARTS, text, begin, 0) == _searched(P._SPAN, text, begin, 0)


def test_leading_characters_cover_digits_and_whitespace():
    """The walk back counts \\d and \\s by str.isdecimal and str.isspace: the same characters."""
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        assert c.isdecimal() == bool(re.match(r"\d", c)), hex(cp)
        assert c.isspace() == bool(re.match(r"\s", c)), hex(cp)


def test_token_starts_spell_out_the_first_class():
    first = re.compile(f"[{P._TOKEN_FIRST}]")
    assert P._TOKEN_STARTS == {c for c in map(chr, range(0x10000)) if first.match(c)}


@settings(max_examples=400, deadline=None)
@given(_TEXT, _TEXT, st.sampled_from(["2024年", "上年", "第三季度", "“十四五”", "1至9月"]), st.integers(0, 5))
def test_role_shortcut_answers_as_the_patterns(before, after, word, begin):
    text = before + word + after
    start, end = len(before), len(before) + len(word)
    begin = min(begin, start)
    for kind in ("year", "relative", "sub", "five-year"):
        assert P._role(text, start, end, kind, begin) == P._context_role(text, start, end, kind, begin)


@settings(max_examples=600, deadline=None)
@given(_TEXT, st.integers(0, 3))
def test_a_span_ends_where_the_shortcut_looks(text, begin):
    """find_mentions runs _SPAN only when _may_end_span says a match can end at an anchor."""
    begin = min(begin, len(text))
    first = P._ANCHOR.search(text, begin)
    anchors = [a.start() for a in P._ANCHOR.finditer(text, first.start())] if first else []
    if P._SPAN.search(text, begin) is not None:
        assert P._may_end_span(text, anchors)


def test_span_shortcut_on_spans():
    for text in ["2021—2025年", "2021年至2025年", "2020 ~ 2023年度", "自2019年-  2020 年以来", "从2018到２０２0年"]:
        anchors = [a.start() for a in P._ANCHOR.finditer(text)]
        assert P._may_end_span(text, anchors) == (P._SPAN.search(text) is not None), text
    assert not P._may_end_span("2024年是关键之年", [a.start() for a in P._ANCHOR.finditer("2024年是关键之年")])


def test_five_year_numbers():
    assert P._FIVE_YEAR_N == {f"十{d}": 10 + k for k, d in enumerate("一二三四五六七", 1)}
