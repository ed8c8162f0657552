"""The outline's fast paths give exactly what the grammar's marker terminals give one by one.

``match_heading`` matches the four heading markers as one alternation and ``find_enumerators``
skips blocks without a character every inline marker holds and leads its regexes by their first
characters; these tests compare both with the plain terminals on tricky inputs.
"""

from __future__ import annotations

import random

from reportlint.document import Block
from reportlint.numerals import parse_number
from reportlint.outline import _DIGITS_IN, _heading, find_enumerators, match_heading, syntax

SAMPLES = [
    "",
    " ",
    "一、总体情况",
    "一、二、三产业协调发展",
    "一、二季度完成投资1亿元，同比增长",
    "二、二季度工作计划",
    "（一）产业发展。一是粮食生产稳定。二是特色产业壮大。",
    "(二)项目建设",
    "（ 三 )民生",
    "1.招商引资",
    "1.5亿元",
    "2、3月份",
    "12．重点项目",
    "（1）道路",
    "(12) 桥梁",
    "## 三、2026年工作计划",
    "> **（四）党建**",
    "\u3000\u3000十一、其他",
    "一、",
    "1、",
    "一、，",
    "统一是基础，唯一是关键；一是抓好产业，二是抓好项目，三是",
    "第一，抓产业；第二、抓项目：第三：抓民生。第一书记到村",
    "第一、二季度",
    "其中：一是…二是…十一是…",
    "ASCII only text 1. 2. (1)",
    "一是",
    "第一，",
    "（一）\r",
    "一、工作回顾\r\n",
    "１．全角数字",
    "٣. Arabic-Indic digit",
]


def _reference_heading(text: str):
    """match_heading as a loop over the four marker terminals, level by level."""
    block = Block(0, text, 1)
    from reportlint.outline import _MD_PREFIX

    m = _MD_PREFIX.match(text)
    pos = m.end() if m else 0
    for level, regex in syntax().markers:
        mm = regex.match(text, pos)
        if mm:
            return _heading(block, level, mm, pos)
    return None


def _reference_enumerators(text: str, offset: int):
    syn = syntax()
    out = []
    for kind, regex in (("shi", syn.enum), ("ordinal", syn.ordinal)):
        for m in regex.finditer(text, offset):
            digits = _DIGITS_IN.search(m.group(0))
            n = parse_number(digits.group(0)) if digits else None
            if n:
                out.append((kind, n, m.start(), m.end()))
    return sorted(out, key=lambda e: e[2])


def _random_texts(count: int = 3000) -> list[str]:
    alphabet = "一二三四五六七八九十是第、，,。.．（）() \t\u30001234567890#>*季度月产：:；;书记\r"
    rnd = random.Random(7)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14))) for _ in range(count)]


def _key(h):
    return None if h is None else (h.level, h.marker, h.number, h.title, h.start, h.end, h.has_inline_body)


def test_heading_alternation_is_the_level_loop():
    assert syntax().heading is not None
    for text in SAMPLES + _random_texts():
        got = match_heading(Block(0, text, 1))
        assert _key(got) == _key(_reference_heading(text)), text


def test_enumerators_are_the_plain_terminals():
    for text in SAMPLES + _random_texts():
        for offset in (0, 1, 3):
            got = [(e.kind, e.number, e.start, e.end) for e in find_enumerators(Block(0, text, 1), offset)]
            assert got == _reference_enumerators(text, offset), (text, offset)


def _kind_sequences(count: int = 3000) -> list[list[str]]:
    """Token sequences as build_outline makes them: a lead of TITLE / TOC_ENTRY / PARA, then
    headings and paragraphs."""
    rnd = random.Random(11)
    out: list[list[str]] = [[], ["PARA"], ["TITLE"], ["H3"], ["TOC_ENTRY", "TOC_ENTRY", "TITLE", "H1"]]
    for _ in range(count):
        lead = [rnd.choice(["TITLE", "TOC_ENTRY", "PARA"]) for _ in range(rnd.randint(0, 5))]
        body = [rnd.choice(["H1", "H2", "H3", "H4", "PARA", "PARA"]) for _ in range(rnd.randint(0, 25))]
        out.append(lead + body)
    return out


def test_driven_tables_build_lark_s_tree():
    from lark import Token

    from reportlint.outline import _drive, _indexed

    syn = syntax()
    assert syn.tables is not None
    for kinds in _kind_sequences():
        want = _indexed(syn.parser.parse([Token(k, str(i)) for i, k in enumerate(kinds)], start="document"))
        assert _drive(syn.tables, kinds) == want, kinds


def test_walk_is_pre_order():
    from reportlint.config import Settings
    from reportlint.engine import analyse
    from reportlint.readers.text import read_text

    def nested(section):
        yield section
        for child in section.children:
            yield from nested(child)

    text = "标题工作总结\n一、甲\n（一）乙\n1.丙\n（1）丁\n2.戊\n（二）己\n二、庚\n1.辛\n（三）壬\n"
    outline = analyse(read_text(text.encode(), "a.txt"), Settings())[0]
    want = [s for top in outline.sections for s in nested(top)]
    assert len(want) >= 8 and any(s.children and s.children[0].children for s in want)
    assert list(outline.walk()) == want
    for top in outline.sections:
        assert list(top.walk()) == list(nested(top))


def test_marker_ends_are_heading_marker_end():
    """Typography reads the outline's marker ends instead of matching each heading again: they
    are what ``heading_marker_end`` gives, for every block the outline looked at."""
    from reportlint.config import Settings
    from reportlint.engine import analyse
    from reportlint.readers.text import read_text
    from reportlint.rules.typography._text import heading_marker_end

    text = "\n".join(["标题工作总结", "", "<!-- x -->"] + SAMPLES) + "\n"
    doc = read_text(text.encode(), "a.txt")
    ends = analyse(doc, Settings())[0].marker_ends
    assert ends and any(ends.values())
    for block in doc.blocks:
        if block.index in ends:
            assert ends[block.index] == heading_marker_end(block), block.text
        else:
            assert not block.text.strip() or block.text.lstrip().startswith("<!--"), block.text
