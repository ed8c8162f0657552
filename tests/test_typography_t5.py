"""T5xx on the seeds and examples, the confusables table pair by pair, and property tests of --fix."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from reportlint.config import Settings
from reportlint.data.typography import Confusable, TypographyData
from reportlint.engine import lint_document, lint_path
from reportlint.fix import apply_to_text, edits_of, fix_text_bytes, is_safe
from reportlint.readers.text import read_text
from reportlint.rulesets import load_ruleset

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
T_ONLY = Settings(select=("T",))


def lint(text: str, select: tuple[str, ...] = ("T",)):
    return lint_document(read_text(text.encode("utf-8"), "x.txt"), Settings(select=select)).findings


def fix(text: str) -> str:
    return fix_text_bytes(text.encode("utf-8"), "x.txt", "txt", T_ONLY)[0].decode("utf-8")


# ------------------------------------------------------------------------------ seeds, examples

# Every T finding on the seeds except T502, read by eye: each is true.
SEED_FINDINGS = {
    "000": set(),
    "001": set(),
    "002": {
        (6, "T508"),  # “河长制”、“路段长制”
        (8, "T501"),  # “儿童之家“x个
        (15, "T504"),  # 于此同时
        (14, "T504"),  # 展现当担作为
        (20, "T503"),  # 发展的的主要目标
        (23, "T503"),  # 生态环境环境指标
    },
    "003": set(),
    "004": {(21, "T508")},  # “艾滋病”、“特殊人群”
}


@pytest.mark.parametrize("prefix", sorted(SEED_FINDINGS))
def test_seed_findings(prefix):
    seed = next(SEEDS.glob(f"{prefix}_*.txt"))
    res = lint_path(str(seed), T_ONLY)
    others = {(f.line, f.code) for f in res.findings if f.code != "T502"}
    assert others == SEED_FINDINGS[prefix]
    # all five seeds are typed with ASCII commas: one T502 per paragraph, never per character
    t502 = [f for f in res.findings if f.code == "T502"]
    assert t502 and all("本段有" in f.message_zh for f in t502)
    assert len({f.line for f in t502}) == len(t502)
    # and the T502 fixes change nothing but punctuation (and a swallowed space)
    for f in t502:
        for e in edits_of(f.block.text, f.fix):
            old = f.block.text[e.start : e.end]
            assert old.rstrip(" ") in ",;:?!.()" and len(old.rstrip(" ")) == 1, old
            assert e.replacement == old[0].translate(str.maketrans(",;:?!.()", "，；：？！。（）"))


def test_seed_000_is_one_finding_per_paragraph():
    seed = next(SEEDS.glob("000_*.txt"))
    res = lint_path(str(seed), T_ONLY)
    lines = Counter(f.line for f in res.findings if f.code == "T502")
    assert max(lines.values()) == 1 and len(lines) >= 10


CLEAN_DOCUMENTS = [ROOT / "examples" / "2025年工作总结.docx", *sorted((ROOT / "tests" / "fixtures").glob("*.txt"))]
FAULTY_EXAMPLE = ROOT / "examples" / "青山镇2025年工作总结及2026年工作计划.txt"  # the README's demo, faulty on purpose


@pytest.mark.parametrize("path", CLEAN_DOCUMENTS, ids=lambda p: p.name)
def test_clean_example_and_fixtures_have_no_t_finding(path):
    assert lint_path(str(path), T_ONLY).findings == []


def test_faulty_example_has_exactly_its_planted_t_errors():
    found = [(f.line, f.code, f.block.text[f.start : f.end]) for f in lint_path(str(FAULTY_EXAMPLE), T_ONLY).findings]
    assert found == [(9, "T504", "于此同时"), (21, "T503", "的的")]


def test_rule_examples():
    from reportlint.rules import all_rules

    for rule in all_rules():
        if rule.code.startswith("T"):
            assert lint(rule.bad + "\n", (rule.code,)), rule.code
            assert lint(rule.good + "\n", (rule.code,)) == [], rule.code


# ------------------------------------------------------------------------------ confusables

TABLE = load_ruleset("annual").typography.confusables


def test_table_size():
    assert len(TABLE) >= 150
    assert len({e.wrong for e in TABLE}) == len(TABLE)


@pytest.mark.parametrize("entry", TABLE, ids=lambda e: e.wrong)
def test_each_pair(entry: Confusable):
    sample = entry.example or entry.wrong
    text = f"今年以来，{sample}，全镇各项工作有序推进。\n"
    found = [f for f in lint(text, ("T504",))]
    assert len(found) == 1, [f.message_zh for f in found]
    f = found[0]
    assert f"“{entry.wrong}”应为“{entry.right}”" in f.message_zh
    assert is_safe(f)  # --fix applies it (no digit, numeral or year changes)
    fixed = apply_to_text(f.block.text, [f.fix])
    assert lint(fixed + "\n", ("T504",)) == []
    # the correct form never matches, alone or in a sentence
    assert lint(f"今年以来，{entry.right}，全镇各项工作有序推进。\n", ("T504",)) == []
    assert lint(entry.right + "\n", ("T504",)) == []


def test_no_pattern_matches_another_pairs_correct_form():
    for e in TABLE:
        rx = re.compile(e.regex)
        assert not [o.right for o in TABLE if rx.search(o.right)], e.wrong


CORRECT_PROSE = """
与此同时，截至目前全镇已完成年度投资的86%，申报截止日期为10月31日，截止时间以邮戳为准。
党员干部应当担负起责任，群众相当担心汛期安全，龙头企业充当担保人，敢于担当、善于作为。
这一政策既使企业受益，又使群众得到实惠；我们既使用传统渠道，又开拓线上市场。
即使困难再大，我们也要按部就班推进，再接再厉，决不一筹莫展，群众迫不及待，备受瞩目。
召开座谈会3场，建立工作台账，开设专用账户，做好部署安排，统筹安排资金。
全镇农民收入成倍增长，成倍受益的是广大群众；只好象征性收取费用，老人们爱好象棋。
事关健康安全的事情无小事，严峻工作形势下更要毫无耐心不足之虞、耐心细致。
坐落于青山脚下的村庄，一座落成于明代的古桥，召开恳谈会2场，发放蚊帐户均一顶。
新建职工之家俱乐部1个，群众加倍受益；把问题澄清彻底，使陈旧习惯彻底改变，未必竟然如此。
清算账目后发现挂帐篷的支架损坏，相关健全制度的要求、有关健身设施的安排已落实。
""".strip()


def test_correct_prose_is_silent():
    assert lint(CORRECT_PROSE + "\n", ("T504",)) == []


def test_schema_refuses_a_pattern_matching_the_correct_form():
    with pytest.raises(ValidationError):
        Confusable(wrong="截止", right="截止日期")
    with pytest.raises(ValidationError):
        Confusable(wrong="截止目前", right="截至目前", pattern="截[止至]")
    with pytest.raises(ValidationError):
        Confusable(wrong="截止目前", right="截至目前", pattern="截止(?=今年)")  # misses its own example
    with pytest.raises(ValidationError):
        TypographyData(doubled_chars=["的的"])
    with pytest.raises(ValidationError):
        TypographyData(reduplications=["研究讨论"])


def test_user_ruleset_extends_the_table(tmp_path):
    extra = tmp_path / "mine.toml"
    extra.write_text('[typography]\nconfusables = [ { wrong = "青山真", right = "青山镇" } ]\n', encoding="utf-8")
    doc = read_text("青山真2025年完成投资3亿元。\n".encode(), "x.txt")
    res = lint_document(doc, Settings(select=("T504",), extend_ruleset=(str(extra),)))
    assert [f.fix.replacement for f in res.findings] == ["青山镇"]


def test_confusable_gate_drops_no_match():
    """T504's gate lets through every entry that matches: the same hits as trying every entry,
    on the table's own forms and on a user entry without a required character."""
    from reportlint.prefilter import Gate
    from reportlint.rules.typography.t504_confusable import CompiledEntries, _LazyPattern, find_confusables

    entries = list(TABLE) + [Confusable(wrong="甲乙", right="甲丙", pattern="[甲乙]{2}")]
    table = CompiledEntries((e, _LazyPattern(e.regex)) for e in entries)
    table.gate = Gate([e.regex for e in entries])
    every = list(table)
    forms = [x for e in entries for x in (e.wrong, e.right, e.example or "")] + ["甲乙", "乙乙", "乙", "，目前", "6月底"]
    rnd = random.Random(5)
    texts = [rnd.choice(forms) + rnd.choice(forms) + rnd.choice(forms) for _ in range(3000)] + [CORRECT_PROSE]
    for text in texts:
        assert find_confusables(text, table) == find_confusables(text, every), text


# ------------------------------------------------------------------------------ properties of --fix

FRAGMENTS = [
    "全镇", "完成", "的", "的的", "了了", "是是", "环境环境", "工作", "发展", "和和平花园", "常常", "研究研究",
    "2025年", "二〇二五年", "xxxx年", "XX镇", "20xx年", "××", "某某", "1,234", "3.5", "12", "96.2%",
    "，", ",", "。", ".", "；", ";", "：", ":", "？", "?", "！", "!", "、", "，，", "。。",
    "（", "）", "(", ")", "(一)", "（一）", "1.", "1、", "“", "”", "\"", "‘", "’", "《", "》", "〔", "〕",
    "...", "。。。", "…", "……", " ", "　", "》、《", "”、“",
    "于此同时", "与此同时", "截止目前", "截止到6月底", "截止日期", "布署", "当担", "应当担负", "既使", "又",
    "https://a.cn/x?y=1,2", "附件.docx", "Hello, World", "一是", "ABC", "PM2.5",
]
GUARDED = [r"[0-9]", r"[〇零一二三四五六七八九十百千万亿两]", r"年", r"[xX×]+", r"某", r"XX镇|20xx年|xxxx年"]

lines_strategy = st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join), min_size=1, max_size=6)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines_strategy)
def test_fix_properties(lines):
    text = "\n".join(lines) + "\n"
    once = fix(text)
    # idempotent: a second --fix changes nothing
    assert fix(once) == once
    # never a digit, a numeral, a year or a placeholder
    for rx in GUARDED:
        assert re.findall(rx, once) == re.findall(rx, text), rx
    # nothing the fix claims to repair is left: no finding with a safe fix remains
    assert [f.message_zh for f in lint(once) if is_safe(f)] == []
    # the line structure is kept
    assert once.count("\n") == text.count("\n")


@settings(max_examples=100, deadline=None)
@given(lines_strategy)
def test_every_safe_fix_repairs_its_finding(lines):
    """Apply one safe fix alone: the same rule no longer reports that span."""
    text = "\n".join(lines) + "\n"
    for f in lint(text):
        if not is_safe(f):
            continue
        block_text = apply_to_text(f.block.text, [f.fix])
        after = lint(block_text + "\n", (f.code,))
        end = f.fix.start + len(f.fix.replacement)
        same_place = [g for g in after if g.start < end and f.fix.start < g.end and g.fix is not None and g.fix.replacement == f.fix.replacement]
        assert not same_place, (f.code, f.block.text, block_text, [g.message_zh for g in same_place])


# ------------------------------------------------------------------------- helpers' equivalences

MARKER_TEXT = st.text(alphabet="()（）1２3aZ一二十①⑳ ，,：:；;。\n中", max_size=24)


@settings(max_examples=500, deadline=None)
@given(MARKER_TEXT)
def test_ends_list_marker_is_finditer(text):
    """T501 asks at each closing parenthesis whether a list marker ends there: the same positions
    as the matches of _LIST_MARKER over the whole text."""
    from reportlint.rules.typography.t501_pairs import _LIST_MARKER, _ends_list_marker

    ends = {m.end() - 1 for m in _LIST_MARKER.finditer(text)}
    assert {i for i, ch in enumerate(text) if ch in ")）" and _ends_list_marker(text, i)} == ends


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="（）()《》〈〉【】「」“”‘’\"1a一中，", max_size=16), st.lists(st.tuples(st.integers(0, 16), st.integers(0, 4)), max_size=3))
def test_clean_paragraph_has_nothing_to_pair(text, cuts):
    """A paragraph T501 finds clean (from its pair characters outside the exempt spans) has no
    bracket problem, no single quote and its double quotes alternate in even number."""
    from reportlint.rules.typography._text import Spans
    from reportlint.rules.typography.t501_pairs import _clean, _pairs_outside, bracket_problems, quote_items

    spans = Spans([(a, a + n) for a, n in cuts])
    skip = spans.covers if spans.ranges else None
    if not _clean(_pairs_outside(text, spans.ranges)):
        return
    assert bracket_problems(text, skip) == []
    assert quote_items(text, skip, "‘", "’", None, curly_in_latin=False) == []
    doubles = quote_items(text, skip, "“", "”", '"')
    assert [ch for _, ch in doubles] == ["“", "”"] * (len(doubles) // 2)


def _reference_marks(text, spans):
    """T502's find_marks as first written: every character of FULL decided in Python."""
    from reportlint.rules.typography._text import CJK_RE, FW_CLOSE, FW_OPEN, is_cjk
    from reportlint.rules.typography.t502_halfwidth import FULL, _NUMERALS, _chinese_after, _latin

    out, opens = [], []
    n = len(text)
    for i, ch in enumerate(text):
        if ch not in FULL or spans.covers(i):
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if ch == "(":
            opens.append(i)
            continue
        if ch == ")":
            if opens:
                a = opens.pop()
                if CJK_RE.search(text, a + 1, i) is not None:
                    out += [(a, a + 1, "（", "(", i), (i, i + 1, "）", ")", a)]
            continue
        if nxt == ch or prev == ch:
            continue
        ok, swallow = False, 0
        if ch == ".":
            if (is_cjk(prev) and prev not in _NUMERALS) or prev in "%％":  # "" too: the start of the text
                if nxt == "" or is_cjk(nxt) or nxt in FW_OPEN or nxt in FW_CLOSE:
                    ok = True
                elif nxt == " ":
                    ok, swallow = _chinese_after(text, i + 1)
                    ok = ok and swallow > 0
        elif is_cjk(prev) or (prev != "" and prev in FW_CLOSE):
            ok, swallow = _chinese_after(text, i + 1)
        elif ch in ",;" and prev and (prev.isdigit() or prev in "%％" or _latin(prev)):
            ok = is_cjk(nxt) or (nxt != "" and nxt in FW_OPEN)
        if ok:
            out.append((i, i + 1 + swallow, FULL[ch], ch, -1))
    out.sort()
    return out


MARKS_TEXT = st.lists(
    st.sampled_from(list(",.;:?!() 一十〇中年%％”）“（《‘\"a1１²٣\n\t") + ["  ", "..", "(一)", "3.5", "\u3400", "\uf900"]), max_size=24
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(MARKS_TEXT, st.lists(st.tuples(st.integers(0, 24), st.integers(0, 5)), max_size=3), st.integers(0, 6))
def test_find_marks_is_the_reference(text, cuts, marker):
    """T502's regex classes (settled, no mark, decided one by one) and its scan after a heading's
    marker find the marks of the plain per-character rules; and where ``settled_pieces`` answers,
    its pieces describe and rewrite the paragraph as the marks do."""
    from reportlint.rules.typography._text import Spans
    from reportlint.rules.typography.t502_halfwidth import _described_marks, _described_pieces, find_marks, settled_pieces

    for spans in (Spans([(a, a + n) for a, n in cuts]), Spans([(0, marker)])):
        marks = find_marks(text, spans)
        assert marks == _reference_marks(text, spans)
        pieces = settled_pieces(text, spans)
        if pieces is None:
            continue
        assert len(pieces) // 2 == len(marks)
        if marks:
            got, want = _described_pieces(text, pieces), _described_marks(text, marks)
            assert got == want and list(got[2]) == list(want[2])
