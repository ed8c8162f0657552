"""``Gate``'s shared scan for key characters (``key_hits``) and its two ways of testing the other
characters of a text (``in`` on the text, or the set of its characters for a long text) decide
exactly alike (reportlint.prefilter)."""

from __future__ import annotations

import pytest

from reportlint import prefilter
from reportlint.prefilter import Gate, key_hits
from reportlint.rulesets import load_ruleset
from test_prefilter import _random_texts, _ruleset_regexes, _texts


def _all_texts(regexes):
    return _random_texts(regexes, 1500, 23) + _texts() + ["", "abc", "ASCII only: 12% x 3", "\u212a" * 3]


@pytest.mark.parametrize("pool", [False, True])
def test_set_path_decides_as_the_in_path(monkeypatch, pool):
    regexes = _ruleset_regexes()
    gate = Gate(regexes, pool_strings=pool)
    texts = _all_texts(regexes)
    by_in = [gate.candidates(t) for t in texts]
    monkeypatch.setattr(prefilter, "_SHORT", -1)  # every text is "long": tested against its set
    prefilter.new_document()
    by_set = [gate.candidates(t) for t in texts]
    assert by_set == by_in


def test_key_hits_are_the_key_characters_of_the_text(monkeypatch):
    Gate(_ruleset_regexes())
    texts = _all_texts(_ruleset_regexes())
    for text in texts:
        assert key_hits(text) == prefilter._KEYS & set(text), text
    monkeypatch.setattr(prefilter, "_SHORT", -1)
    prefilter.new_document()
    for text in texts:
        assert key_hits(text) == prefilter._KEYS & set(text), text


def test_a_new_gate_sees_its_keys_in_texts_scanned_before_it():
    """The shared scan is compiled again for a new gate's keys, and what was found before it
    is forgotten: a text scanned before the gate existed must not hide the gate's keys."""
    text = "甲乙丙丁戊己庚辛壬癸"
    prefilter.new_document()
    assert key_hits(text) == prefilter._KEYS & set(text)
    gate = Gate(["丁(?:戊|卯)"])  # keyed on 丁 or 戊 (characters no other test gate uses)
    assert gate.candidates(text) == [0]
    assert key_hits(text) == prefilter._KEYS & set(text)
    assert gate.candidates("甲乙丙") == []


def test_huge_and_ascii_blocks():
    regexes = _ruleset_regexes()
    gate = Gate(regexes, pool_strings=True)
    rs = load_ruleset("annual")
    word = rs.typography.confusables[0].regex
    base = "全年完成投资3.5亿元，同比增长12%，下达文件28个。" * 2000
    for text in (base, base + "原创力文档", base + word, "x" * 300_000 + "xxxx年", "ascii only " * 50_000):
        assert len(text) > prefilter._SHORT
        kept = gate.candidates(text)
        assert kept == sorted(set(kept))
        prefilter.new_document()
        short = [gate.candidates(text[i : i + 5000]) for i in range(0, len(text), 5000)]
        # every regex a piece lets through, the whole text lets through
        assert set().union(*map(set, short)) <= set(kept), text[-20:]


def test_a_plan_kept_by_marshal_decides_alike(monkeypatch):
    """A fresh command line takes a gate's plan from the regex cache file (``recache.memo``):
    the plan read back by ``marshal`` must make a gate deciding exactly alike."""
    import marshal

    regexes = _ruleset_regexes()
    texts = _all_texts(regexes)
    for pool in (False, True):
        gate = Gate(regexes, pool_strings=pool)
        plan = prefilter._gate_plan("\0".join(["1" if pool else "0", *regexes]))
        kept = marshal.loads(marshal.dumps(plan))
        monkeypatch.setattr(prefilter, "_gate_plan", lambda spec, kept=kept: kept)
        again = Gate(regexes, pool_strings=pool)
        monkeypatch.undo()
        assert [again.candidates(t) for t in texts] == [gate.candidates(t) for t in texts]


def test_a_regex_holding_nul_is_planned_apart():
    gate = Gate(["a\0b", "原创力文档", "x+"])
    assert gate.candidates("a\0b") == [0]
    assert gate.candidates("原创力文档 xx") == [1, 2]
    assert gate.candidates("ab") == []


@pytest.mark.parametrize("short", [True, False])
def test_a_key_is_tested_with_the_two_characters_it_stands_beside(monkeypatch, short):
    """A regex keyed on a character of a required string is let through only by a text holding
    that character beside its neighbour in the string (``Gate._gram``), on both ways of testing."""
    if not short:
        monkeypatch.setattr(prefilter, "_SHORT", -1)
    prefilter.new_document()
    gate = Gate(["清彻", "脱贫攻坚", r"(?:原创力|道客)文档", r"\*\*"])
    assert gate.candidates("清理河道，彻底整治") == []
    assert gate.candidates("水质清彻") == [0]
    assert gate.candidates("脱贫后，攻克难关，坚持") == []
    assert gate.candidates("巩固脱贫攻坚成果") == [1]
    assert gate.candidates("原创文件，道路文档") == []
    assert gate.candidates("见原创力文档网") == [2]
    assert gate.candidates("a * b * c") == []
    assert gate.candidates("**要点**") == [3]
