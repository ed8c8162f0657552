"""Inline suppressions: HTML comments in .txt/.md, Word comments in .docx."""

from __future__ import annotations

import io

import docx

from reportlint.config import Settings
from reportlint.engine import lint_document
from reportlint.readers.docx import read_docx
from reportlint.readers.text import read_text
from reportlint.suppress import parse_directive


def codes(doc, select=("P301",)):
    return [(f.line, f.code) for f in lint_document(doc, Settings(select=select)).findings]


def test_parse_directive_forms():
    assert parse_directive("reportlint: disable=A201") == ("disable", ("A201",))
    assert parse_directive("reportlint: disable=a201, P3 -- 口径不同") == ("disable", ("A201", "P3"))
    assert parse_directive("reportlint：disable-file") == ("disable-file", ("",))
    assert parse_directive("reportlint: disable-file=P304") == ("disable-file", ("P304",))
    assert parse_directive("普通批注：请核实数字") is None


def test_next_line_only_and_prefixes():
    text = "青山镇工作总结\n<!-- reportlint: disable=P3 -->\n\nXX镇完成任务。\nXX村完成任务。\n"
    assert codes(read_text(text.encode(), "a.md", "md")) == [(5, "P301")]


def test_other_codes_are_not_silenced():
    text = "<!-- reportlint: disable=S101 -->\nXX镇完成任务。\n"
    assert codes(read_text(text.encode(), "a.txt")) == [(2, "P301")]


def _docx_with_comment(comment: str) -> bytes:
    d = docx.Document()
    d.add_paragraph("青山镇2025年工作总结")
    p = d.add_paragraph("XX镇完成任务。")
    d.add_comment(p.runs, text=comment, author="科员", initials="KY")
    d.add_paragraph("XX村完成任务。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_word_comment_silences_its_paragraph():
    doc = read_docx(_docx_with_comment("reportlint: disable=P301 -- 模板示例"), "a.docx")
    assert codes(doc) == [(3, "P301")]


def test_ordinary_word_comment_silences_nothing():
    doc = read_docx(_docx_with_comment("请核实"), "a.docx")
    assert codes(doc) == [(2, "P301"), (3, "P301")]
