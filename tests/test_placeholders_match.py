"""The shared matcher of the P3xx rules: its shortcuts against the plain computations they replace.

``_match`` skips work it can prove useless: the empty-span filter for a pattern that cannot match
empty, the search for an exception whose matches cannot hold a span (too few of the pattern's
trigger characters, or no match at the positions that could hold it), a character-by-character
cover test for line patterns. Each test below compares a shortcut with the plain way on many
random texts.
"""

from __future__ import annotations

import dataclasses
import random
import re
from types import SimpleNamespace

import pytest

from reportlint.prefilter import led
from reportlint.rulesets import load_ruleset
from reportlint.rules.placeholders import _match
from reportlint.rules.placeholders._match import _consumed, _may_hold, _most, _nonempty, compile_patterns, find_hits


def _pattern(regex: str, scope: str = "inline", exceptions: tuple[str, ...] = ()):
    return SimpleNamespace(regex=regex, scope=scope, exceptions=exceptions, zh=regex, en=regex)


def _plain_hits(patterns, text: str, lines: bool = True) -> list[tuple[int, int, object]]:
    """``find_hits`` the plain way: every pattern searched, every character of a line marked."""

    def inline(p) -> list[tuple[int, int]]:
        spans = [m.span() for m in re.finditer(p.regex, text) if m.start() != m.end()]
        excepted = [m.span() for x in p.exceptions for m in re.finditer(x, text)]
        return [(a, b) for a, b in spans if not any(s <= a and b <= e for s, e in excepted)]

    hits = [(a, b, p) for p in patterns if p.scope != "line" for a, b in inline(p)]
    stripped = text.strip()
    if lines and stripped:
        lo = len(text) - len(text.lstrip())
        hi = lo + len(stripped)
        covered = [False] * len(text)
        first = None
        first_start = len(text)
        whole = None
        for p in patterns:
            if p.scope != "line":
                continue
            if re.fullmatch(p.regex, stripped):
                excepted = [m.span() for x in p.exceptions for m in re.finditer(x, text)]
                if not any(s <= lo and hi <= e for s, e in excepted):
                    whole = (lo, hi, p)
                    break
            for a, b in inline(p):
                covered[a:b] = [True] * (b - a)
                if a < first_start:
                    first, first_start = p, a
        if whole is not None:
            hits.append(whole)
        elif first is not None and all(covered[i] or text[i].isspace() for i in range(lo, hi)):
            hits.append((lo, hi, first))
    hits.sort(key=lambda h: (h[0], -h[1]))
    out: list[tuple[int, int, object]] = []
    for a, b, p in hits:
        if out and (a <= out[-1][1] or (a == out[-1][1] + 1 and text[out[-1][1]] in "-/:－／：~～")):
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b, out[-1][2])
            continue
        out.append((a, b, p))
    return out


_PATTERN_SETS = [
    [_pattern(r"x*"), _pattern(r"a?b*"), _pattern(r"(?=a)"), _pattern(r"\s*", "line"), _pattern(r"a+", "line"),
     _pattern(r"b|", "line", (r"bb",))],
    [_pattern(r"[ab]+", "line"), _pattern(r"c", "line"), _pattern(r"a", exceptions=(r"ba", r"a+c", r"^a")),
     _pattern(r"(?i)A")],
    [_pattern(r"a\s*b", "line"), _pattern(r"b-?", "line"), _pattern(r"x", "line"), _pattern(r"$", "line"),
     _pattern(r"c+", exceptions=(r"cc",))],
    [_pattern(r"a+", exceptions=(r"ba", r"a{2}b", r"[ab]c", r"(?<=c)a\s*a", r"^a", r"a-a")),
     _pattern(r"[ab]+\s?", "line", (r"a{2}", r"b\sa")), _pattern(r"(?:a|b)x?", exceptions=(r"[^c]x", r"\wa"))],
]


@pytest.mark.parametrize("per_try", [0, 40])
@pytest.mark.parametrize("index", range(len(_PATTERN_SETS)))
def test_find_hits_equals_the_plain_way(index, per_try, monkeypatch):
    monkeypatch.setattr(_match, "_CHARS_PER_TRY", per_try)  # 0: always the anchored tries
    patterns = _PATTERN_SETS[index]
    compiled = compile_patterns(patterns)
    rnd = random.Random(index)
    alphabet = list("abcx-/: \t\n\r") + ["\u3000", "ab", "  "]
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        for lines in (True, False):
            got = [tuple(h) for h in find_hits(compiled, text, lines=lines)]
            assert got == _plain_hits(patterns, text, lines), (text, lines)


_TOKENS = (
    "x X ｘ Ｘ xx XX xxxx × ×× 某 某某 0 1 12 2025 . - / : ～ \t \u3000 \n 光 线 型 + ＋ [x] | ｜ * *** ＊＊ □□ ○○ 〇 一 "
    "〔 〕 … 增长 达 约 % ％ 个百分点 万元 亿元 共计 人次 第 （ ） ( ) ___ 年 月 日 举报 相关文档 .docx VIP 文档 • 约 千字 字 页 "
    "发布于 四川 更新时间 来源 网友投稿 隐藏 此处 下载后查看 镇 区 ， 。 A 级 4A 上传人 文档评论 收藏 -1- 2023-11 百度文库"
).split(" ") + [" ", "  ", ""]


@pytest.mark.parametrize("name", ["placeholders", "masks", "empty_slots", "residue"])
def test_find_hits_equals_the_plain_way_on_the_shipped_ruleset(name, monkeypatch):
    monkeypatch.setattr(_match, "_CHARS_PER_TRY", 0)
    patterns = getattr(load_ruleset("base"), name)
    compiled = compile_patterns(patterns)
    rnd = random.Random(name)
    for _ in range(1500):
        text = "".join(rnd.choice(_TOKENS) for _ in range(rnd.choice((1, 2, 4, 8, 20))))
        for lines in (True, False):
            got = [tuple(h) for h in find_hits(compiled, text, lines=lines)]
            assert got == _plain_hits(patterns, text, lines), (text, lines)


def test_the_shortcuts_are_set_up_for_the_shipped_placeholder_exceptions():
    x_marks = frozenset("xXｘＸ")
    assert _most(r"[xXｘＸ](?=[ \t]*(?:光|射线|线))", x_marks) == 1
    assert _most(r"(?:^|[|｜])\s*[xXｘＸ]\s*(?:[|｜]|$)", x_marks) == 1
    assert _most(r"x{2,3}", x_marks) == 3
    assert _most(r"x+", x_marks) == float("inf")
    assert _most(r"(?i:x)", x_marks) == float("inf")
    assert _most(r"\W", x_marks) == 0
    one, run = _consumed(r"(?:^|[|｜])\s*[xXｘＸ]\s*(?:[|｜]|$)")
    assert one.match("｜") and one.match("\u3000") and not one.match("镇") and run.fullmatch("x |")
    assert _consumed(r"[^a]") is None and _consumed(r"x*") is None and _consumed(r"a.b") is None
    assert _nonempty(r"\d*[xX]+") and not _nonempty(r"x*") and not _nonempty(r"a|")


def test_an_exception_that_cannot_hold_a_span_is_not_searched_for(monkeypatch):
    monkeypatch.setattr(_match, "_CHARS_PER_TRY", 0)
    (c,) = compile_patterns([_pattern(r"[xX]+", exceptions=(r"\d[ \t]*[xX][ \t]*\d", r"[xX](?=光)"))])
    searched = []

    class Spy:
        def __init__(self, rx):
            self.rx = rx

        def match(self, *a):
            return self.rx.match(*a)

        def finditer(self, text):
            searched.append(self.rx.pattern)
            return self.rx.finditer(text)

    c = dataclasses.replace(c, exceptions=tuple(Spy(x) for x in c.exceptions))
    assert _match._inline_matches(c, "新建xx个，3x4米，X光") == [(2, 4)]
    assert searched == [c.exceptions[0].rx.pattern, c.exceptions[1].rx.pattern]  # the x of 3x4, the X of X光
    searched.clear()
    assert _match._inline_matches(c, "新建xx个，x个") == [(2, 4), (6, 7)]
    assert searched == []  # xx holds two x, the lone x has no digit beside it and no 光 after it


def _random_regex(rnd: random.Random, depth: int = 0) -> str:
    atoms = ["a", "b", "x", "[ab]", "[xX]", r"\d", r"\s", "[ \t]", "-", r"\w", "[a-c]", r"\W", r"\S", "(?:a|bx)", "(?:x|)"]
    r = rnd.random()
    if r < 0.55 or depth > 2:
        s = rnd.choice(atoms)
    elif r < 0.65:
        s = f"(?:{_random_regex(rnd, depth + 1)}|{_random_regex(rnd, depth + 1)})"
    elif r < 0.75:
        s = f"(?={_random_regex(rnd, depth + 1)})"
    elif r < 0.8:
        s = "(?<!" + rnd.choice("abx") + ")"
    elif r < 0.85:
        s = rnd.choice(["^", "$", r"\b", r"\B"])
    else:
        s = f"(?!{_random_regex(rnd, depth + 1)})"
    q = rnd.random()
    if q < 0.15:
        s = f"(?:{s})*"
    elif q < 0.25:
        s = f"(?:{s})+"
    elif q < 0.3:
        s = f"(?:{s})+?"
    elif q < 0.35:
        s = f"(?:{s}){{1,3}}"
    return s


def test_an_exception_match_holding_a_span_is_always_seen():
    """What the shortcuts prove (no match holds the span) is never wrong: compared with every
    match ``finditer`` gives, for random exceptions, texts and spans."""
    rnd = random.Random(7)
    alphabet = list("abxX1 \t-c") + ["ab", "xx"]
    held = 0
    for _ in range(300):
        rx = "".join(_random_regex(rnd) for _ in range(rnd.randint(1, 3)))
        try:
            x = led(rx)
        except re.error:
            continue
        consumed = _consumed(rx)
        marks = frozenset(rnd.sample("abxX1", 2))
        most = _most(rx, marks)
        for _ in range(20):
            text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 12)))
            a = rnd.randrange(len(text))
            b = rnd.randint(a + 1, len(text))
            if not any(m.start() <= a and b <= m.end() for m in x.finditer(text)):
                continue
            held += 1
            assert sum(ch in marks for ch in text[a:b]) <= most, (rx, text, a, b)
            assert consumed is None or _may_hold(x, consumed, text, [(a, b)]), (rx, text, a, b)
    assert held > 100
