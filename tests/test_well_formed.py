"""Acceptance for the whole tool: well-formed reports are silent (no error, no warning) in every
format, and a report read from .docx with automatic numbering gives the same outline and the same
findings as the same report in .txt, apart from locations."""

from __future__ import annotations

from pathlib import Path

import pytest

from docx_fixtures import report_docx, report_txt
from reportlint.config import Settings
from reportlint.engine import lint_document, lint_path
from reportlint.findings import Severity
from reportlint.readers.docx import read_docx
from reportlint.readers.text import read_text

ROOT = Path(__file__).resolve().parents[1]
WELL_FORMED = sorted((ROOT / "tests" / "fixtures").glob("well_formed_*.txt"))


def loud(findings):
    return [f"{f.line}:{f.column} {f.code} {f.message_zh}" for f in findings if f.severity.rank >= Severity.WARNING.rank]


@pytest.mark.parametrize("path", WELL_FORMED, ids=lambda p: p.stem)
def test_well_formed_txt_is_silent(path):
    assert len(WELL_FORMED) >= 3
    assert loud(lint_path(str(path), Settings()).findings) == []


@pytest.mark.parametrize("path", WELL_FORMED, ids=lambda p: p.stem)
def test_well_formed_docx_with_automatic_numbering_is_silent(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    doc = read_docx(report_docx(lines), path.stem + ".docx")
    assert loud(lint_document(doc, Settings()).findings) == []


def test_shipped_docx_example_is_silent():
    assert loud(lint_path(str(ROOT / "examples" / "2025年工作总结.docx"), Settings()).findings) == []


# A report with errors of several kinds whose numbering is in sequence (numbering.xml only counts).
FAULTY = [
    "青山镇2025年工作总结及2026年工作计划",
    "2025年，青山镇在县委、县政府的坚强领导下统筹推进各项工作，现将全年工作情况总结如下。",
    "一、2025年工作回顾",
    "（一）产业发展稳中有进",
    "全年新建高标准农田3200亩，新建标准化茶厂2座，带动茶农户均增收1.2万元。",
    "（二）民生保障持续加强",
    "完成xx所学校的校舍维修，新建村级养老服务站3个。一是完善救助机制，二是加强就业服务，四是深化医保改革。",
    "二、存在的问题",
    "一是产业链条较短；二是基础设施仍有短板。",
    "三、下一步工作打算",
    "2026年，我镇将重点抓好以下三个方面工作。",
    "（一）做强特色产业。新建高标准农田2000亩。",
    "（二）补齐民生短板。新建村级养老服务站2个。",
    "（三）提升治理效能。深化网格化管理。",
    "（四）加强党的建设。落实全面从严治党主体责任。",
    "---此处隐藏1260字,下载后查看---",
]


def test_docx_and_txt_give_the_same_outline_and_findings():
    txt = lint_document(read_text(report_txt(FAULTY), "r.txt"), Settings())
    dox = lint_document(read_docx(report_docx(FAULTY), "r.docx"), Settings())

    def shape(res):
        return [(s.level, s.number, s.title) for s in res.outline.walk()]

    assert res_title(txt) == res_title(dox)
    assert shape(txt) == shape(dox)
    assert len(shape(txt)) == 9
    got_txt = [(f.code, f.message_zh) for f in txt.findings]
    got_docx = [(f.code, f.message_zh) for f in dox.findings]
    assert got_txt == got_docx
    assert {"P301", "P304", "S106", "S107"} <= {c for c, _ in got_txt}


def res_title(res):
    return res.outline.title_text
