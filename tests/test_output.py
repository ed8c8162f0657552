"""Renderers: concise, json and rich output built from hand-made findings."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from conftest import ROOT
from reportlint.document import Block, BlockKind, Document, ReadError
from reportlint.engine import FileResult
from reportlint.findings import Finding, Fix, Severity
from reportlint.output import FORMATS, render
from reportlint.output.rich_output import source_window, summary_line

CONTRACT_KEYS = {"path", "code", "name", "severity", "message", "line", "column", "end_line", "end_column"}

RATE_TEXT = "排查156起，成功调解152起，调解成功率96.4%。"
RATE_START = RATE_TEXT.index("96.4%")


def finding(block, code="A201", severity=Severity.ERROR, start=0, end=1, zh="中文信息", en="English message",
            path="报告.txt", fix=None, name="some-rule"):
    return Finding(path=path, code=code, name=name, severity=severity, message_zh=zh, message_en=en,
                   block=block, start=start, end=end, fix=fix)


def text_result(findings, path="报告.txt", kind="annual", suppressed=0):
    blocks = sorted({f.block for f in findings}, key=lambda b: b.index)
    doc = Document(path=path, format="txt", blocks=blocks)
    return FileResult(path=path, findings=findings, document=doc, kind=kind, suppressed=suppressed)


def unreadable(path="旧.doc"):
    return FileResult(path=path, error=ReadError(path, "不支持 .doc 文件", "cannot read .doc files"))


def rate_finding(path="报告.txt", line=12):
    block = Block(index=0, text=RATE_TEXT, line=line)
    return finding(block, start=RATE_START, end=RATE_START + 5, path=path,
                   zh="152 ÷ 156 = 97.44%，文中为 96.4%", en="152 / 156 = 97.44%, the text says 96.4%",
                   name="rate-mismatch")


def cell_finding(path="表.docx"):
    block = Block(index=7, text="合计 1,250", line=5, kind=BlockKind.CELL, table=2, row=3, col=1)
    return finding(block, code="A210", start=3, end=8, path=path, zh="合计不等于各项之和", en="total is not the sum")


def paragraph_finding(path="表.docx"):
    block = Block(index=11, text="二是加强xxxx年安全生产。", line=12, kind=BlockKind.PARAGRAPH)
    return finding(block, code="P301", severity=Severity.WARNING, start=4, end=9, path=path,
                   zh="占位符“xxxx年”", en="placeholder 'xxxx年'")


def docx_result(findings, path="表.docx"):
    doc = Document(path=path, format="docx", blocks=[f.block for f in findings])
    return FileResult(path=path, findings=findings, document=doc, kind="half-year")


def out(fmt, results, **kw):
    stream = io.StringIO()
    render(fmt, results, stream, **kw)
    return stream.getvalue()


def rich_out(results, lang="zh", width=100):
    return out("rich", results, lang=lang, color=False, width=width)


def caret_column_check(output, source_marker, span_text):
    """The caret line under the source line containing ``source_marker`` starts under ``span_text``."""
    lines = output.splitlines()
    i = next(k for k, line in enumerate(lines) if source_marker in line and "│" in line)
    source, caret = lines[i], lines[i + 1]
    assert set(caret.replace("│", "").replace("^", "")) <= {" "}
    expected = cell_len(source[: source.index(span_text)])
    assert cell_len(caret[: caret.index("^")]) == expected
    return source, caret


# --- interface ---------------------------------------------------------------------------------


def test_formats_and_unknown_format():
    assert FORMATS == ("rich", "concise", "json", "json-lines", "sarif", "github")
    with pytest.raises(ValueError):
        out("xml", [])


def test_concise_and_json_do_not_import_rich():
    code = (
        "import io, sys\n"
        "from reportlint.output import render\n"
        "render('concise', [], io.StringIO()); render('json', [], io.StringIO())\n"
        "print(any(m == 'rich' or m.startswith('rich.') for m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "src")}, check=True)
    assert proc.stdout.strip() == "False"


# --- concise -----------------------------------------------------------------------------------


def test_concise_lines_exact():
    results = [text_result([rate_finding()]), unreadable(), docx_result([paragraph_finding(), cell_finding()])]
    assert out("concise", results) == (
        "报告.txt:12:22: A201 152 ÷ 156 = 97.44%，文中为 96.4%\n"
        "表.docx:12:5: P301 占位符“xxxx年”\n"
        "表.docx:5:4: A210 [表2 第3行 第1列] 合计不等于各项之和\n"
    )


def test_concise_english():
    results = [text_result([rate_finding()]), docx_result([cell_finding()])]
    assert out("concise", results, lang="en") == (
        "报告.txt:12:22: A201 152 / 156 = 97.44%, the text says 96.4%\n"
        "表.docx:5:4: A210 [table 2 row 3 col 1] total is not the sum\n"
    )


def test_concise_nothing_when_no_findings():
    assert out("concise", []) == ""
    assert out("concise", [text_result([]), unreadable()]) == ""


def test_concise_keeps_one_line_per_finding():
    f = finding(Block(index=0, text="abc", line=1), zh="第一行\n第二行")
    assert out("concise", [text_result([f])]) == "报告.txt:1:1: A201 第一行 第二行\n"


# --- json --------------------------------------------------------------------------------------


def test_json_contract_keys_and_order():
    fix = Fix(start=2, end=4, replacement="的", message_zh="删去重复的“的”", message_en="remove the doubled 的")
    doubled = finding(Block(index=1, text="我们的的工作", line=3), code="T501", severity=Severity.INFO,
                      start=2, end=4, fix=fix)
    results = [text_result([rate_finding(), doubled]), unreadable(), docx_result([cell_finding()])]
    data = json.loads(out("json", results))
    assert [d["code"] for d in data] == ["A201", "T501", "A210"]
    rate, dbl, cell = data
    assert set(rate) == CONTRACT_KEYS
    assert rate == {"path": "报告.txt", "code": "A201", "name": "rate-mismatch", "severity": "error",
                    "message": "152 ÷ 156 = 97.44%，文中为 96.4%", "line": 12, "column": RATE_START + 1,
                    "end_line": 12, "end_column": RATE_START + 6}
    assert set(dbl) == CONTRACT_KEYS | {"fix"}
    assert dbl["severity"] == "info"
    assert dbl["fix"] == {"start_column": 3, "end_column": 5, "replacement": "的", "message": "删去重复的“的”"}
    assert set(cell) == CONTRACT_KEYS | {"table", "row", "col"}
    assert (cell["table"], cell["row"], cell["col"], cell["line"]) == (2, 3, 1, 5)


def test_json_english_utf8_and_deterministic():
    results = [text_result([rate_finding()]), docx_result([paragraph_finding()])]
    text = out("json", results, lang="en")
    assert text == out("json", results, lang="en")
    assert "报告.txt" in text and "\\u" not in text  # ensure_ascii=False
    assert text.startswith("[\n  {\n    \"path\"")  # indent 2
    data = json.loads(text)
    assert [d["message"] for d in data] == ["152 / 156 = 97.44%, the text says 96.4%", "placeholder 'xxxx年'"]


@pytest.mark.parametrize("fmt", ["json", "json-lines", "sarif"])
def test_json_escapes_the_line_breaks_that_json_leaves_raw(fmt):
    # quoted from a document, U+2028/U+2029/U+0085 would split a record for splitlines() readers
    block = Block(index=0, line=1, text="甲\u2028乙\u2029丙\x85丁", kind=BlockKind.PARAGRAPH)
    results = [text_result([finding(block, zh="引文“甲\u2028乙\u2029丙\x85丁”", end=7)])]
    text = out(fmt, results)
    assert not set(text) & {"\u2028", "\u2029", "\x85"}
    if fmt == "json-lines":
        (line,) = text.splitlines()
        assert json.loads(line)["message"] == "引文“甲\u2028乙\u2029丙\x85丁”"
    else:
        assert "甲\u2028乙\u2029丙\x85丁" in json.dumps(json.loads(text), ensure_ascii=False)


def test_json_empty_list():
    assert json.loads(out("json", [])) == []
    assert json.loads(out("json", [unreadable(), text_result([])])) == []


# --- rich --------------------------------------------------------------------------------------


def test_rich_shows_file_location_code_severity_message():
    text = rich_out([text_result([rate_finding()])])
    assert "报告.txt（年度报告）" in text
    assert f"12:{RATE_START + 1} A201 错误 152 ÷ 156 = 97.44%，文中为 96.4%" in text
    assert RATE_TEXT in text
    assert "\x1b" not in text  # color=False: no escape sequences


def test_rich_caret_under_cjk_span():
    text = rich_out([text_result([rate_finding()])])
    source, caret = caret_column_check(text, RATE_TEXT, "96.4%")
    # the expected column computed independently: gutter + cells of the CJK prefix
    gutter = cell_len(source[: source.index(RATE_TEXT)])
    assert cell_len(caret[: caret.index("^")]) == gutter + cell_len(RATE_TEXT[:RATE_START])
    assert caret.count("^") == cell_len("96.4%")
    assert caret.rstrip().endswith("^")


def test_rich_caret_width_counts_wide_characters():
    line = "二是加强xxxx年安全生产。"
    f = finding(Block(index=0, text=line, line=7), start=line.index("安全"), end=line.index("安全") + 2)
    text = rich_out([text_result([f])])
    _, caret = caret_column_check(text, line, "安全")
    assert caret.count("^") == 4  # two CJK characters, two cells each


def test_rich_escapes_document_text():
    a = finding(Block(index=0, text="见附件[/a]结束。", line=1), start=3, end=7, zh="[red]不是样式[/red]")
    b = finding(Block(index=1, text="这是[b]粗体[/b]文字", line=2), start=2, end=13)
    text = rich_out([text_result([a, b])])
    assert "附件[/a]结束" in text
    assert "[b]粗体[/b]" in text
    assert "[red]不是样式[/red]" in text
    caret_column_check(text, "附件[/a]结束", "[/a]")
    caret_column_check(text, "[b]粗体[/b]", "[b]")


def test_rich_tabs_expanded_consistently():
    line = "\t一、\t总体情况\t完成"
    start = line.index("总体")
    f = finding(Block(index=0, text=line, line=4), start=start, end=start + 4)
    text = rich_out([text_result([f])])
    assert "\t" not in text
    source, caret = caret_column_check(text, "总体情况", "总体情况")
    assert caret.count("^") == 8


def test_rich_control_characters_never_reach_the_terminal():
    line = "甲\x1b[31m乙\r丙\n丁"
    f = finding(Block(index=0, text=line, line=1), start=line.index("丁"), end=line.index("丁") + 1)
    text = rich_out([text_result([f])])
    assert "\x1b" not in text and "\r" not in text
    source, caret = caret_column_check(text, "甲", "丁")


@pytest.mark.parametrize("span_at", [0, 250, 495])
def test_rich_long_line_windowed_around_span(span_at):
    line = "中" * span_at + "xxxx年" + "文" * (495 - span_at)
    assert len(line) == 500 and RATE_START == 21
    f = finding(Block(index=0, text=line, line=140), start=span_at, end=span_at + 5)
    text = rich_out([text_result([f])], width=100)
    assert all(cell_len(row) <= 100 for row in text.splitlines())
    source, caret = caret_column_check(text, "xxxx年", "xxxx年")
    assert caret.count("^") == cell_len("xxxx年")
    body = source.split("│ ", 1)[1]
    assert body.startswith("…") == (span_at > 0)
    assert body.endswith("…") == (span_at < 495)
    assert cell_len(source) >= 90  # the window uses the available width


def test_rich_span_longer_than_window_starts_at_span():
    line = "前言" + "很长的一句话" * 60
    f = finding(Block(index=0, text=line, line=2), start=2, end=len(line))
    text = rich_out([text_result([f])], width=60)
    assert all(cell_len(row) <= 60 for row in text.splitlines())
    source, caret = caret_column_check(text, "前言", "很长")  # some context before a long span
    assert "│ 前言很长" in source and source.endswith("…")
    assert cell_len(caret) == cell_len(source) - 1  # the caret runs to the cut


def test_rich_span_at_end_of_line():
    line = "本年度共完成"
    f = finding(Block(index=0, text=line, line=3), start=len(line), end=len(line))
    text = rich_out([text_result([f])])
    lines = text.splitlines()
    i = next(k for k, row in enumerate(lines) if line in row)
    assert cell_len(lines[i + 1][: lines[i + 1].index("^")]) == cell_len(lines[i])


def test_rich_docx_paragraph_and_cell_locations():
    text = rich_out([docx_result([paragraph_finding(), cell_finding()])])
    assert "表.docx（半年报告）" in text
    assert "第12段 P301 警告 占位符“xxxx年”" in text
    assert "表2 第3行 第1列 A210 错误 合计不等于各项之和" in text
    caret_column_check(text, "二是加强", "xxxx年")
    caret_column_check(text, "合计 1,250", "1,250")
    en = rich_out([docx_result([paragraph_finding(), cell_finding()])], lang="en")
    assert "paragraph 12 P301 warning placeholder 'xxxx年'" in en
    assert "table 2 row 3 col 1 A210 error total is not the sum" in en
    assert "(half-year report)" in en


def test_rich_fix_hint():
    fix = Fix(start=2, end=4, replacement="的", message_zh="删去重复的“的”", message_en="remove the doubled 的")
    f = finding(Block(index=0, text="我们的的工作", line=3), code="T501", start=2, end=4, fix=fix)
    assert "删去重复的“的”" in rich_out([text_result([f])])
    assert "remove the doubled 的" in rich_out([text_result([f])], lang="en")


def test_rich_severity_labels():
    b = Block(index=0, text="文字", line=1)
    fs = [finding(b, severity=s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    text = rich_out([text_result(fs)])
    assert "A201 错误" in text and "A201 警告" in text and "A201 提示" in text


def test_rich_color_when_forced():
    text = out("rich", [text_result([rate_finding()])], color=True, width=100)
    assert "\x1b[" in text
    assert "96.4%" in text


def test_rich_summary_zh():
    b = Block(index=0, text="文字", line=1)
    results = [
        text_result([rate_finding(), finding(b, severity=Severity.WARNING), finding(b, severity=Severity.WARNING)],
                    suppressed=2),
        unreadable(),
        text_result([], path="干净.txt"),
    ]
    text = rich_out(results)
    expected = "共检查 3 个文件：发现 3 个问题（错误 1，警告 2，提示 0），1 个文件无法读取，已按行内指令忽略 2 个"
    assert text.rstrip("\n").splitlines()[-1] == expected
    assert "干净.txt" not in text  # files without findings get no header
    assert "旧.doc" not in text  # read errors go to stderr (printed by the CLI)


def test_rich_summary_en():
    b = Block(index=0, text="文字", line=1)
    results = [text_result([rate_finding(), finding(b, severity=Severity.WARNING)]), text_result([], path="b.txt")]
    assert summary_line(results, "en") == "Checked 2 files: 2 findings (1 error, 1 warning, 0 info)"
    results.append(unreadable())
    results[0].suppressed = 1
    assert summary_line(results, "en") == (
        "Checked 3 files: 2 findings (1 error, 1 warning, 0 info), 1 file could not be read, "
        "1 suppressed by inline directives"
    )
    text = rich_out(results, lang="en", width=200)
    assert text.rstrip("\n").splitlines()[-1] == summary_line(results, "en")


def test_rich_no_findings():
    text = rich_out([text_result([])])
    assert text == "共检查 1 个文件：未发现问题\n"
    assert rich_out([text_result([])], lang="en") == "Checked 1 file: no findings\n"
    assert rich_out([]) == "共检查 0 个文件：未发现问题\n"


# --- source_window invariants --------------------------------------------------------------------

_CHARS = st.sampled_from(list("中文报告年xX1 .，。“”—…\t[]/") + ["\u200b", "\n", "\x1b"])


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(_CHARS, max_size=200).map("".join),
    start=st.integers(0, 210),
    length=st.integers(0, 30),
    width=st.integers(20, 120),
)
def test_source_window_keeps_caret_under_span(text, start, length, width):
    from reportlint.output.rich_output import display_segments

    start = min(start, len(text))
    end = min(start + length, len(text))
    shown, offset, caret_width = source_window(text, start, end, width)
    assert caret_width >= 1
    if cell_len("".join(display_segments(text))) + (start == len(text)) > width:
        assert cell_len(shown) <= width
        assert offset + caret_width <= width
    # the cells before the caret are exactly the shown text before the span's first segment
    segments = display_segments(text)
    if start < len(text):
        k, cells = 0, 0
        while cells < offset:
            cells += cell_len(shown[k])
            k += 1
        assert cells == offset
        if cell_len(segments[start]) > 0:  # zero-width characters may sit just before the span
            rest = shown[k:].lstrip("\u200b")
            assert rest.startswith(segments[start])
    else:
        assert offset == cell_len(shown)


def test_summary_and_statistics_show_arithmetic_coverage():
    from collections import Counter

    from reportlint.output.statistics import relation_statistics

    res = FileResult(path="a.txt", stats=Counter({"relations": 5, "relations.rate": 3, "relations.share": 2, "unparsed": 1}))
    assert summary_line([res], "zh").endswith("；核验数字关系 5 处，无法解析 1 处")
    assert summary_line([res], "en").endswith("; 5 numeric relations verified, 1 number-like spans not parsed")
    assert relation_statistics([res]) == [
        {"relation": "rate", "count": 3},
        {"relation": "share", "count": 2},
        {"relation": "unparsed", "count": 1},
    ]
    assert "核验" not in summary_line([FileResult(path="b.txt")], "zh")
