"""P3xx on the five seed reports, in table cells, with a user ruleset, and on the rules' own examples.

The expected lines below were read off the seeds by eye (``cat -n``, ``grep -n``): every line
that holds a template placeholder (P301) and every line left by the sharing site (P304).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.config import Settings
from reportlint.document import Block, BlockKind, Document
from reportlint.engine import lint_document, lint_path
from reportlint.readers.text import read_text
from reportlint.rules import get_rule

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

# seed file prefix -> lines with a placeholder (xxxx年, XX镇, xx个, 党的XX大 …)
PLACEHOLDER_LINES = {
    "000": set(),
    "001": {16, 17, 20, 24, 30},
    "002": {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 19, 20, 21, 22, 23, 24, 26, 27, 28, 29, 30, 31},
    "003": {6, 9, 11, 13, 15, 18, 20},
    "004": set(),
}

# seed file prefix -> lines left by the document-sharing site
RESIDUE_LINES = {
    # .docxVIP title, • 0, • 0, • 约4.99千字, • 约 11页, • 2026-01-22 发布于四川, • 举报, .docx title,
    # 您可能关注的文档, 文档评论(0), 1亿VIP精品文档, 相关文档
    "000": {1, 3, 4, 5, 6, 7, 8, 10, 44, 46, 48, 50},
    "001": set(),
    "002": set(),
    # 更新时间:2022-10, 来源:网友投稿, ---此处隐藏0字,下载后查看---
    "003": {2, 3, 4},
    # 更新时间:2023-11 来源:网友投稿, ---此处隐藏4290字,下载后查看---
    "004": {3, 15},
}


def _seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def _findings(prefix: str):
    result = lint_path(str(_seed(prefix)), Settings(select=("P",)))
    assert result.error is None
    return result.findings


pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not present")


@pytest.mark.parametrize("prefix", sorted(PLACEHOLDER_LINES))
def test_seed_placeholder_lines(prefix):
    lines = {f.line for f in _findings(prefix) if f.code == "P301"}
    assert lines == PLACEHOLDER_LINES[prefix]


@pytest.mark.parametrize("prefix", sorted(RESIDUE_LINES))
def test_seed_residue_lines_one_finding_each(prefix):
    residue = [f.line for f in _findings(prefix) if f.code == "P304"]
    assert sorted(residue) == sorted(RESIDUE_LINES[prefix])  # one finding per line


@pytest.mark.parametrize("prefix", sorted(RESIDUE_LINES))
def test_seed_clean_lines_have_no_p_finding(prefix):
    expected = PLACEHOLDER_LINES[prefix] | RESIDUE_LINES[prefix]
    found = {f.line for f in _findings(prefix)}
    assert found == expected
    assert not [f for f in _findings(prefix) if f.code in ("P302", "P303")]


def test_seed_001_spans_and_messages():
    by_line = {}
    for f in _findings("001"):
        by_line.setdefault(f.line, []).append(f)
    title = by_line[16]
    assert [(f.column, f.end_column) for f in title] == [(1, 3), (4, 6)]
    assert "占位符“XX”未替换为实际内容：“XX区XX镇”" in title[0].message_zh
    assert 'placeholder "XX" left in the text: "XX区XX镇202"' in title[1].message_en
    # S205省道 and 4A级 on lines 20 and 24 are not placeholders: only the XX are reported
    assert all(f.block.text[f.start : f.end] == "XX" for f in by_line[20] + by_line[24])


def test_seed_002_keeps_1_plus_x_model_silent():
    line30 = [f for f in _findings("002") if f.line == 30]
    texts = [f.block.text[f.start : f.end] for f in line30]
    assert texts == ["xx", "xx", "xx"]  # 新xx, 智慧xx, xx支 — not the X of “三支队伍+X”


def test_seed_residue_span_is_the_stripped_line():
    for f in _findings("000"):
        if f.code == "P304":
            assert f.block.text[f.start : f.end] == f.block.text.strip()


# ---- table cells -----------------------------------------------------------------------------


def _doc(*cells: str) -> Document:
    blocks = [Block(index=0, text="青山镇2025年工作总结", line=1, kind=BlockKind.PARAGRAPH)]
    for i, text in enumerate(cells, start=1):
        blocks.append(Block(index=i, text=text, line=1, kind=BlockKind.CELL, table=1, row=i, col=2))
    return Document(path="report.docx", format="docx", blocks=blocks)


def test_placeholder_in_a_table_cell_carries_its_position():
    result = lint_document(_doc("完成投资xx万元"), Settings(select=("P301",)))
    (f,) = result.findings
    assert (f.block.table, f.block.row, f.block.col) == (1, 1, 2)
    assert (f.column, f.end_column) == (5, 7)


def test_line_residue_words_are_headers_in_table_cells():
    result = lint_document(_doc("举报", "相关文档", "实施方案.docx", "比上年增长%", "×"), Settings(select=("P",)))
    assert result.findings == []


def test_inline_residue_is_reported_in_table_cells():
    result = lint_document(_doc("---此处隐藏120字,下载后查看---"), Settings(select=("P304",)))
    assert [f.block.row for f in result.findings] == [1]


# ---- rulesets --------------------------------------------------------------------------------


def test_a_user_ruleset_adds_placeholder_patterns(tmp_path):
    extra = tmp_path / "ours.toml"
    extra.write_text(
        "[[placeholders]]\n"
        "id = \"unit-name\"\n"
        "regex = '〈单位名称〉'\n"
        "zh = \"单位名称未填\"\n"
        "en = \"unit name not filled in\"\n",
        encoding="utf-8",
    )
    doc = read_text("〈单位名称〉2025年工作总结\n".encode(), "r.txt")
    result = lint_document(doc, Settings(select=("P301",), extend_ruleset=(str(extra),)))
    assert [(f.column, f.end_column) for f in result.findings] == [(1, 7)]
    assert "单位名称未填" in result.findings[0].message_zh


# ---- the rules' own documentation examples ---------------------------------------------------


@pytest.mark.parametrize("code", ["P301", "P302", "P303", "P304"])
def test_documented_examples(code):
    rule = get_rule(code)
    assert rule is not None and rule.name and rule.summary[0] and rule.why[1]

    def run(text: str):
        doc = read_text((text + "\n").encode(), "example.txt")
        return lint_document(doc, Settings(select=(code,))).findings

    assert run(rule.bad), f"{code}: the bad example yields no finding"
    assert run(rule.good) == [], f"{code}: the good example yields a finding"
