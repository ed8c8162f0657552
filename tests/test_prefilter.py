"""The pre-filters may only skip work, never a match (reportlint.prefilter)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from reportlint import prefilter
from reportlint.prefilter import Gate, compiled, first_class, gate_literals, led, required_literals, text_clauses, trigger_chars
from reportlint.rulesets import load_ruleset

CASES = Path(__file__).parent / "cases"


def _ruleset_regexes() -> list[str]:
    rs = load_ruleset("annual")
    out = [p.regex for name in ("placeholders", "masks", "empty_slots", "residue") for p in getattr(rs, name)]
    out += [x for name in ("placeholders", "masks", "empty_slots", "residue") for p in getattr(rs, name) for x in p.exceptions]
    out += [e.regex for e in rs.typography.confusables]
    out += list(rs.typography.halfwidth_exempt) + list(rs.typography.doubled_exceptions)
    out += list(rs.outline.title_exclude) + list(rs.outline.announce)
    return out


def _texts() -> list[str]:
    lines = []
    for path in sorted(CASES.glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8")).get("case", []):
            lines += case["text"].splitlines()
    return [ln for ln in lines if ln.strip()]


def test_literals():
    assert required_literals("原创力文档|道客巴巴") == {"原创力文档", "道客巴巴"}
    assert required_literals("(?:参保|参合)率") == {"参保率", "参合率"}
    assert required_literals(r"\d+万元") == {"万元"}
    assert required_literals("(?i:VIP)下载") == {"vip下载"}  # compared with the lowercased text
    assert required_literals("ab?c") is None  # no string of two characters is certain
    assert required_literals("x*") is None


def test_ascii_case_table_matches_the_general_computation():
    for c in "abcdefghijklmnopqrstuvwxyz":
        fast = {c, c.upper()} | set(prefilter._ASCII_FOLDS.get(c, ""))
        assert prefilter._case_variants({c, c.upper()}) == fast, c
    assert "\u212a" in trigger_chars("(?i)k")  # KELVIN SIGN matches k under IGNORECASE


def test_every_match_holds_a_literal_and_a_trigger_character():
    texts = _texts()
    regexes = _ruleset_regexes()
    texts += ["前" + lit + "后" for rx in regexes for lit in (required_literals(rx) or ())]
    for rx in regexes:
        lits, chars, pattern = required_literals(rx), trigger_chars(rx), re.compile(rx)
        for text in texts:
            for m in pattern.finditer(text):
                if m.end() == m.start():
                    continue
                if lits is not None:
                    assert any(x in m.group().lower() for x in lits), (rx, m.group())
                if chars is not None:
                    assert not chars.isdisjoint(m.group()), (rx, m.group())


@pytest.mark.parametrize(
    "regex,body",
    [
        (r"[上下]半年|\d+年", r"\d上下"),
        (r"(?<!x)ab", "a"),
        (r"a?b", "ab"),
        (r"(?:第)?\d", r"\d第"),
        (r"^\s*[（(]\d", r"\(\s（"),
        (r"a*", None),  # may match empty
        (r"[^a]b", None),  # negated class
        (r".b", None),
        (r"(?i)ab", None),
        (r"x?(?i:ab)c", None),  # a scoped case-insensitive group: "ABc" matches
        (r"(?:a|(?i:b))c", None),
        (r"x?(?-i:ab)c", "ax"),
    ],
)
def test_first_class(regex, body):
    assert first_class(regex) == body


@pytest.mark.parametrize("regex,text", [(r"x?(?i:ab)c", "ABc"), (r"(?<=y)(?i:ab)", "yAB"), (r"q*(?i:k)", "\u212a")])
def test_led_finds_what_re_finds_under_scoped_flags(regex, text):
    assert re.search(regex, text)
    assert led(regex).search(text)


def test_every_match_starts_in_its_first_class():
    texts = _texts()
    for rx in _ruleset_regexes():
        body = first_class(rx)
        if body is None:
            continue
        first = re.compile(f"[{body}]")
        for text in texts:
            for m in re.finditer(rx, text):
                if m.end() > m.start():
                    assert first.match(text, m.start()), (rx, m.group())


@pytest.mark.parametrize("pool", [False, True])
def test_gate_keeps_every_regex_that_matches(pool):
    regexes = _ruleset_regexes()
    gate = Gate(regexes, pool_strings=pool)
    patterns = [compiled(rx) for rx in regexes]
    for text in _texts() + ["\u212aVIP文档", "BOOK118.COM 下载", "ſ"]:
        kept = set(gate.candidates(text))
        for i, p in enumerate(patterns):
            if any(m.end() > m.start() for m in p.finditer(text)):
                assert i in kept, (regexes[i], text)


def test_pooled_strings_change_no_candidate():
    regexes = _ruleset_regexes()
    plain, pooled = Gate(regexes), Gate(regexes, pool_strings=True)
    texts = _texts() + ["前" + lit + "后" for rx in regexes for lit in (required_literals(rx) or ())]
    for text in texts:
        assert pooled.candidates(text) == plain.candidates(text), text


def test_text_clauses():
    assert text_clauses(r"第\d+页，共\d+页") == tuple(frozenset(c) for c in "共第页，")
    # a look-ahead speaks of the text too; a negative one says nothing
    assert text_clauses(r"[xX](?=[ \t]*(?:光|线))") == (frozenset("xX"), frozenset("光线"))
    assert text_clauses(r"[xX](?![ \t]*光)") == (frozenset("xX"),)
    assert text_clauses(r"(?:增长|增幅)%|个百分点") == (frozenset("增个"),)  # one of each branch
    assert text_clauses(r"年[ \t]+月|年月") == (frozenset("年"), frozenset("月"))
    # under IGNORECASE only characters without case are certain
    assert text_clauses(r"(?i)vip文档") == (frozenset("文"), frozenset("档"))
    assert text_clauses(r"(?i:k)m") == (frozenset("m"),)
    assert text_clauses(r"a?b*") is None


def test_gate_literals_keep_single_characters_beside_longer_strings():
    assert gate_literals(r"\d+[ \t]*(?:[%％]|个百分点)") == {"%", "％", "个百分点"}
    assert gate_literals(r"[%％]") is None  # single characters only: the keys test them
    assert required_literals(r"\d+[ \t]*(?:[%％]|个百分点)") is None


def test_every_text_a_regex_matches_meets_its_clauses_and_gate_literals():
    texts = _texts()
    for rx in _ruleset_regexes():
        clauses, lits, pattern = text_clauses(rx), gate_literals(rx), re.compile(rx)
        for text in texts:
            if any(m.end() > m.start() for m in pattern.finditer(text)):
                for cl in clauses or ():
                    assert not cl.isdisjoint(text), (rx, text, cl)
                m = next(m for m in pattern.finditer(text) if m.end() > m.start())
                if lits is not None:
                    assert any(x in m.group().lower() for x in lits), (rx, m.group())


def test_gate_candidates_hold_a_trigger_character():
    regexes = _ruleset_regexes()
    gate = Gate(regexes)
    for text in _texts():
        for i in gate.candidates(text):
            chars = trigger_chars(regexes[i])
            assert chars is None or not chars.isdisjoint(text), (regexes[i], text)


@pytest.mark.parametrize("text", ["\u212a", "\u0130", "\u0131", "\u017f"])
def test_case_folding_characters_turn_the_literal_test_off(text):
    assert prefilter.folded("VIP" + text) is None


def test_any_of_finds_a_string_exactly_when_a_flat_alternation_does():
    import random

    rng = random.Random(7)
    alphabet = "ab.c文档您可能*"
    for _ in range(300):
        strings = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 12))}
        flat = re.compile("|".join(map(re.escape, sorted(strings))))
        trie = prefilter.any_of(strings)
        for _ in range(20):
            text = "".join(rng.choice(alphabet + "xyz") for _ in range(rng.randint(0, 12)))
            assert (trie.search(text) is None) == (flat.search(text) is None), (strings, text)
    assert prefilter.any_of(["您可能关注的文档", "您可能喜欢的文档"]).pattern == "您可能(?:关注的文档|喜欢的文档)"


def test_uncased_characters_are_the_lowercase_of_nothing_else():
    """``Gate`` keys a required string on a character of it that a text must hold itself when its
    lowercase holds the string: no other code point lowercases (``str.lower`` or ``re``'s fold)
    onto such a character."""
    import sys

    from _sre import unicode_tolower

    for cp in range(sys.maxunicode + 1):
        x = chr(cp)
        for c in set(x.lower()) | {chr(unicode_tolower(cp))}:
            assert c == x or not prefilter._uncased(c), (hex(cp), c)


def _passes_every_test(rx: str, text: str) -> bool:
    """What ``Gate`` decided before its keys were chosen by rarity: a regex is a candidate when
    the text meets every one of its character tests and holds one of its strings."""
    chars = set(text)
    clauses = text_clauses(rx) or ()
    trig = trigger_chars(rx)
    if any(cl.isdisjoint(chars) for cl in clauses) or (trig is not None and trig.isdisjoint(chars)):
        return False
    lits = gate_literals(rx)
    if lits is not None:
        ideographs = Gate._ideographs(lits) or frozenset()
        if not ideographs <= chars:
            return False
        low = prefilter.folded(text)
        if low is not None and not any(x in low for x in lits):
            return False
    return True


def _random_texts(regexes: list[str], n: int, seed: int) -> list[str]:
    """Texts made of pieces of the regexes' required strings and characters, everyday characters,
    case changes and the characters that fold onto ASCII letters."""
    import random

    rng = random.Random(seed)
    pieces = sorted({x for rx in regexes for x in (gate_literals(rx) or ())}) or ["文档"]
    singles = sorted({c for rx in regexes for cl in (text_clauses(rx) or ()) for c in cl} | set("年月日上下文大第个元.0123 \t"))
    singles += ["\u212a", "\u0130", "\u0131", "\u017f", "ｘ", "Ｘ"]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(0, 8)):
            r = rng.random()
            if r < 0.35:
                x = rng.choice(pieces)
                parts.append(x.upper() if rng.random() < 0.3 else x[: rng.randint(1, len(x))] if rng.random() < 0.3 else x)
            else:
                parts.append(rng.choice(singles))
        out.append("".join(parts))
    return out


@pytest.mark.parametrize("pool", [False, True])
def test_rarity_keys_skip_no_match_and_keep_no_more_than_every_test(pool):
    regexes = _ruleset_regexes()
    gate = Gate(regexes, pool_strings=pool)
    patterns = [compiled(rx) for rx in regexes]
    for text in _random_texts(regexes, 3000, 11) + _texts():
        got = gate.candidates(text)
        assert got == sorted(set(got)), text  # in order, once each
        allowed = [i for i, rx in enumerate(regexes) if _passes_every_test(rx, text)]
        assert set(got) <= set(allowed), text
        for i in set(allowed) - set(got):  # skipped by a key alone: the regex cannot match
            assert not any(m.end() > m.start() for m in patterns[i].finditer(text)), (regexes[i], text)


def test_everyday_characters_meet_no_key_of_the_residue_gate():
    """The residue patterns require rare strings whose characters include everyday ones (下载,
    全文, 文档, 上传): keyed by rarity, a paragraph of everyday characters reaches none of them."""
    rs = load_ruleset("annual")
    gate = Gate([p.regex for p in rs.residue], pool_strings=True)
    text = "上下文大第年个元全新人点时收推三。全年完成投资3.5亿元，同比增长12%，下达文件28个，上传下达。"
    assert gate.candidates(text) == []
    hit = gate._keys.intersection(text)
    assert not any(gate._by_char[c][0] for c in hit)  # no key met alone, only firsts of pairs
