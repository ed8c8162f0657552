"""Property tests (issue 7): for arbitrary text — control characters, NUL, lone surrogates in the
bytes, very long lines, random heading-like lines, random report-like Chinese — ``check`` in every
output format and ``outline`` complete without an exception, every location lies inside the
document, json/json-lines/sarif parse, and ``--fix`` is idempotent and never changes a digit.

Bounded: ~50–80 examples each, no deadline, so the whole file runs in well under a minute.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cli_run import run_cli
from reportlint.config import Settings
from reportlint.document import BlockKind, ReadError
from reportlint.engine import lint_document
from reportlint.output import FORMATS, render
from reportlint.readers.text import read_text

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
FEW = settings(SETTINGS, max_examples=25)

# ------------------------------------------------------------------------------- strategies

MARKERS = [
    "一、", "二、", "三、", "十一、", "（一）", "（二）", "(三)", "（十）", "1.", "2．", "3、", "10.", "（1）", "(2)", "①", "②",
    "一是", "二是", "三是", "第一，", "第二，", "首先，", "其次，", "第一章", "第二节", "一、（一）", "1.1", "（一）1.", "",
]
FRAGMENTS = [
    "青山镇2025年工作总结及2026年工作计划", "2025年上半年工作总结", "第三季度工作计划", "工作回顾", "存在的问题", "下一步工作打算",
    "全年新建高标准农田3200亩", "同比增长12.5%", "增长%", "约亿元", "xx", "XX", "××", "某某", "□□", "***", "〔2025〕",
    "，", "。", "、", "；", "：", ",", ".", ";", " ", "  ", "\u3000", "“", "”", "\"", "《", "》", "（", "）", "(", ")", "【", "】",
    "……", "...", "——", "-", "十四五", "“十四五”", "二〇二五年", "2024年", "2026年", "12月", "第四季度", "上半年",
    "党的二十届三中全会", "以来", "与2024年相比", "截至2025年底", "完成投资5.6亿元", "的的", "进一步步", "再再", "做为", "既使",
    "一是加强领导；二是完善制度；四是强化考核。", "以下五个方面", "此处隐藏", "下载后查看", "VIP", "<!-- reportlint: ignore -->",
    "# 标题", "**加粗**", "[链接](http://x)", "reportlint: disable=T502", "附件[/a]结束", "[b]粗[/b]", "%", "%25", "::", "\t",
]
CONTROLS = st.sampled_from(["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1c", "\x1f", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\u200b", "\u202e", "\ufffd"])
ANY_CHAR = st.characters(blacklist_categories=("Cs",))  # lone surrogates cannot be written as text: see the byte tests


@st.composite
def report_line(draw):
    kind = draw(st.integers(0, 9))
    if kind <= 3:  # heading-like
        marker = draw(st.sampled_from(MARKERS))
        rest = "".join(draw(st.lists(st.sampled_from(FRAGMENTS), max_size=4)))
        return marker + rest
    if kind <= 6:  # report-like sentence
        return "".join(draw(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12)))
    if kind == 7:  # arbitrary unicode
        return draw(st.text(ANY_CHAR, max_size=40))
    if kind == 8:  # with control characters
        parts = draw(st.lists(st.one_of(CONTROLS, st.sampled_from(FRAGMENTS)), max_size=8))
        return "".join(parts)
    return ""


@st.composite
def documents(draw):
    lines = draw(st.lists(report_line(), max_size=30))
    if draw(st.integers(0, 9)) == 0:  # one very long line
        frag = draw(st.sampled_from(FRAGMENTS[:20]))
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, frag * draw(st.integers(200, 1500)))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(lines)
    if draw(st.booleans()):
        text += newline
    return text


# --------------------------------------------------------------------------------- helpers


run = run_cli

def reader_lines(text: str) -> list[str]:
    """The lines as the text reader numbers them."""
    parts = re.split(r"\r\n|\r|\n", text)
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()
    return parts


def check_locations_json(findings: list[dict], lines: list[str]) -> None:
    for f in findings:
        assert 1 <= f["line"] <= max(len(lines), 1), f
        assert f["end_line"] == f["line"] or f["line"] <= f["end_line"] <= len(lines), f
        line = lines[f["line"] - 1] if lines else ""
        assert 1 <= f["column"] <= f["end_column"] <= len(line) + 1, (f, line)
        if "fix" in f:
            assert 1 <= f["fix"]["start_column"] <= f["fix"]["end_column"] <= len(line) + 1, (f, line)


def render_all(results) -> dict[str, str]:
    out = {}
    for fmt in FORMATS:
        buf = io.StringIO()
        render(fmt, results, buf, lang="zh", color=False, width=100)
        out[fmt] = buf.getvalue()
    buf = io.StringIO()
    render("concise", results, buf, lang="en")
    out["concise-en"] = buf.getvalue()
    return out


def check_outputs(outs: dict[str, str], n_findings: int) -> None:
    assert len(json.loads(outs["json"])) == n_findings
    # one record per line, also for str.splitlines() (U+0085, U+2028, U+2029 are escaped)
    jl = [json.loads(x) for x in outs["json-lines"].splitlines() if x.strip()]
    assert len(jl) == n_findings
    sarif = json.loads(outs["sarif"])
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"][0]["results"]) == n_findings
    for line in outs["github"].split("\n"):  # one workflow command per line: CR/LF escaped
        assert line.startswith("::") or not line.strip() or "|" in line or line.startswith(("#", "-")), line


# ----------------------------------------------------------------------- in-process pipeline


@SETTINGS
@given(documents())
@example("\ufeff\ufeff")  # a byte-order mark, then U+FEFF as text (the reader dropped both)
def test_pipeline_and_every_renderer(text):
    data = text.encode("utf-8")
    try:
        doc = read_text(data, "r.txt", "txt")
    except ReadError as exc:
        assert "r.txt" in exc.message("zh") and "r.txt" in exc.message("en")
        return
    lines = reader_lines(text[1:] if text.startswith("\ufeff") else text)
    assert [b.text for b in doc.blocks] == lines or (not text and doc.blocks == [])
    res = lint_document(doc, Settings())
    for f in res.findings:
        assert f.block is doc.blocks[f.block.index]
        assert 0 <= f.start <= len(f.block.text) and f.end <= len(f.block.text), (f.code, f.start, f.end, f.block.text)
        assert 1 <= f.line <= len(doc.blocks)
        if f.fix is not None:
            assert 0 <= f.fix.start <= f.fix.end <= len(f.block.text), f.code
    check_locations_json([f.to_dict() for f in res.findings], [b.text for b in doc.blocks])
    check_outputs(render_all([res]), len(res.findings))


@SETTINGS
@given(documents(), st.sampled_from(["txt", "md"]))
def test_outline_never_fails(text, fmt):
    from rich.console import Console

    from reportlint.docs import outline_tree
    from reportlint.engine import analyse

    try:
        doc = read_text(text.encode("utf-8"), f"r.{fmt}", fmt)
    except ReadError:
        return
    outline, facts, ruleset, kind = analyse(doc, Settings())
    buf = io.StringIO()
    Console(file=buf, highlight=False, soft_wrap=True, width=100).print(outline_tree(doc, outline, kind, "zh"))
    Console(file=buf, highlight=False, soft_wrap=True, width=100).print(outline_tree(doc, outline, kind, "en"))


# ------------------------------------------------------------------------------ command line


@settings(SETTINGS, max_examples=30)
@given(documents(), st.sampled_from(["txt", "md"]), st.lists(st.sampled_from(FORMATS), min_size=1, max_size=2, unique=True))
def test_cli_every_format(text, suffix, formats):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"报告.{suffix}"
        p.write_bytes(text.encode("utf-8"))
        lines = reader_lines(text[1:] if text.startswith("\ufeff") else text)
        for fmt in formats:
            code, out, err = run(["check", "--no-config", "--no-progress", "--jobs", "1", "--color", "never", "--output-format", fmt, str(p)])
            assert code in (0, 1, 2), (fmt, code)
            if code == 2:
                assert str(p) in err, err
                continue
            if fmt == "json":
                check_locations_json(json.loads(out), lines)
            elif fmt == "json-lines":
                check_locations_json([json.loads(x) for x in out.split("\n") if x.strip()], lines)
            elif fmt == "sarif":
                for r in json.loads(out)["runs"][0]["results"]:
                    region = r["locations"][0]["physicalLocation"]["region"]
                    line = lines[region["startLine"] - 1]
                    assert 1 <= region["startColumn"] <= region["endColumn"] <= len(line) + 1
        code, out, err = run(["outline", str(p)])
        assert code in (0, 2)
        if code == 2:
            assert str(p) in err


@FEW
@given(st.one_of(
    st.binary(max_size=3000),
    documents().map(lambda t: t.encode("gb18030")),
    documents().map(lambda t: t.encode("utf-16")),
    documents().map(lambda t: t.encode("big5", "replace")),
    st.tuples(documents(), st.integers(0xD800, 0xDFFF)).map(  # a lone surrogate inside the bytes
        lambda tc: (tc[0][: len(tc[0]) // 2] + chr(tc[1]) + tc[0][len(tc[0]) // 2 :]).encode("utf-8", "surrogatepass")
    ),
    st.text(ANY_CHAR, max_size=200).map(lambda t: t.encode("utf-8") + b"\\ud800\\udfff"),  # escapes written as text
), st.sampled_from(["txt", "md", "docx"]))
def test_arbitrary_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"x.{suffix}"
        p.write_bytes(data)
        code, out, err = run(["check", "--no-config", "--no-progress", "--jobs", "1", "--output-format", "json", str(p)])
        assert code in (0, 1, 2)
        if code == 2:
            assert str(p) in err, err
        else:
            json.loads(out)
        code, out, err = run(["outline", str(p)])
        assert code in (0, 2)


# ------------------------------------------------------------------------------------ --fix

_DIGITS = re.compile(r"[\d〇零一二三四五六七八九十百千万亿两]")


@SETTINGS
@given(documents(), st.sampled_from(["utf-8", "gb18030", "utf-8-sig"]))
@example("××××“……***以下五个方面", "gb18030")  # read as Thai (cp874): columns past the line end
@example("\ufeff青山镇2025年工作总结及2026年工作计划\n一、工作总结\n", "gb18030")  # the GB18030 BOM counted as a column
def test_fix_is_idempotent_and_keeps_every_digit(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "报告.txt"
        p.write_bytes(data)
        argv = ["check", "--no-config", "--no-progress", "--jobs", "1", "--output-format", "json", "--fix", str(p)]
        code, out, err = run(argv)
        first = p.read_bytes()
        assert sorted(os.listdir(d)) == ["报告.txt"]  # no temp file left
        if code == 2 and first == data:
            return  # not fixable (e.g. not text, or not re-encodable): untouched
        before = data.decode(encoding)
        after = first.decode(encoding)
        assert _DIGITS.findall(after) == _DIGITS.findall(before)
        assert len(reader_lines(after)) == len(reader_lines(before))
        code2, out2, err2 = run(argv)
        assert p.read_bytes() == first, "a second --fix changed the file"
        check_locations_json(json.loads(out2) if code2 != 2 else [], reader_lines(after.lstrip("\ufeff")))


# ------------------------------------------------------------------------------------ .docx


@st.composite
def docx_paragraphs(draw):
    lines = draw(st.lists(report_line(), max_size=15))
    # XML 1.0 cannot hold most control characters: python-docx refuses them
    return [re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", s) for s in lines]


@FEW
@given(docx_paragraphs(), st.booleans())
@example(["0X\r"], False)  # a finding in a paragraph holding a line break
def test_docx_locations_inside_the_document(paragraphs, with_table):
    import docx

    from reportlint.readers.docx import read_docx

    d = docx.Document()
    for i, text in enumerate(paragraphs):
        d.add_paragraph(text)
        if with_table and i == len(paragraphs) // 2:
            t = d.add_table(rows=2, cols=2)
            t.cell(0, 0).text = paragraphs[0] if paragraphs else ""
            t.cell(1, 1).text = "同比增长%，约亿元,xx"
    buf = io.BytesIO()
    d.save(buf)
    doc = read_docx(buf.getvalue(), "r.docx")
    n_paragraphs = len(d.paragraphs)
    res = lint_document(doc, Settings())
    for f in res.findings:
        b = f.block
        assert 0 <= b.line <= n_paragraphs
        if b.kind is BlockKind.PARAGRAPH:
            # python-docx renders a line break (w:br, w:cr) as "\n"; the reader as one space, so
            # that a block stays one line for columns (readers/docx.py)
            assert b.line >= 1 and d.paragraphs[b.line - 1].text.replace("\n", " ") == b.text[b.number_prefix :]
        assert 1 <= f.column <= f.end_column <= len(b.text) + 1, (f.code, f.column, f.end_column, b.text)
    check_outputs(render_all([res]), len(res.findings))


@pytest.mark.parametrize("text", [
    "\x00" * 5 + "一、总体情况\n",
    "一、" + "\u202e" * 100 + "\n",
    "\r" * 1000,
    "\n" * 5000,
    "（一）" * 3000 + "\n",
    "一是" * 5000,
    "2025年" * 5000 + "\n",
    "“" * 3000 + "”" * 10,
    "[/a]" * 100 + "[b]" * 100,
    "\t" * 1000 + "xx\n",
    "\ufeff\ufeff一、总体\n",
], ids=lambda t: f"{len(t)}:{t[:6]!r}")
def test_edge_texts(text, tmp_path):
    p = tmp_path / "e.txt"
    p.write_bytes(text.encode("utf-8"))
    for fmt in FORMATS:
        code, out, err = run(["check", "--no-config", "--jobs", "1", "--color", "never", "--output-format", fmt, str(p)])
        assert code in (0, 1, 2)
        if fmt == "json" and code != 2:
            check_locations_json(json.loads(out), reader_lines(text.lstrip("\ufeff") if text.startswith("\ufeff") else text))


@settings(SETTINGS, max_examples=10)
@given(docx_paragraphs())
def test_docx_fix_is_idempotent_and_keeps_every_digit(paragraphs):
    import docx

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "报告.docx"
        doc = docx.Document()
        for text in paragraphs:
            doc.add_paragraph(text)
        doc.save(p)
        before = [para.text for para in docx.Document(p).paragraphs]
        argv = ["check", "--no-config", "--no-progress", "--jobs", "1", "--output-format", "json", "--fix", "--in-place", str(p)]
        run(argv)
        first = p.read_bytes()
        after = [para.text for para in docx.Document(p).paragraphs]
        assert len(after) == len(before)
        assert _DIGITS.findall("\n".join(after)) == _DIGITS.findall("\n".join(before))
        assert sorted(os.listdir(d)) == ["报告.docx"]
        run(argv)
        assert p.read_bytes() == first, "a second --fix changed the .docx"
        code, out, err = run(["outline", str(p)])
        assert code == 0
