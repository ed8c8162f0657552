"""check --fix / --diff / --in-place: encodings, BOM, newlines, atomic writes, refusal, idempotence, .docx runs."""

from __future__ import annotations

import codecs
import io
import os
import shutil
from pathlib import Path

import docx
import pytest
from docx_fixtures import new_document, numbered, to_bytes

from reportlint.cli import main
from reportlint.config import Settings
from reportlint.findings import Fix
from reportlint.fix import FixError, apply_to_text, atomic_write, edits_of, fix_file, fix_text_bytes, fixed_docx_path, split_lines

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

BAD = "2025年,在县委、县政府的坚强领导下,全镇于此同时推进布署。\n全年新建“儿童之家“3个,建成村级养老服务站12个。\n"
GOOD = "2025年，在县委、县政府的坚强领导下，全镇与此同时推进部署。\n全年新建“儿童之家”3个，建成村级养老服务站12个。\n"
T_ONLY = Settings(select=("T",))


def _fix(data: bytes, fmt: str = "txt", encoding: str | None = None) -> bytes:
    return fix_text_bytes(data, f"x.{fmt}", fmt, T_ONLY, encoding)[0]


# ------------------------------------------------------------------------------ pure helpers


def test_split_lines_keeps_every_separator():
    text = "一\r\n二\n三\r四"
    lines, seps = split_lines(text)
    assert lines == ["一", "二", "三", "四"]
    assert "".join(a + b for a, b in zip(lines, seps)) == text
    lines, seps = split_lines("一\n二\n")
    assert lines == ["一", "二"] and seps == ["\n", "\n"]


def test_edits_are_minimal():
    text = "于此同时,全镇"
    assert [(e.start, e.end, e.replacement) for e in edits_of(text, Fix(0, 5, "与此同时，"))] == [(0, 1, "与"), (4, 5, "，")]


def test_apply_right_to_left():
    assert apply_to_text("a,b,c", [Fix(1, 2, "，"), Fix(3, 4, "，")]) == "a，b，c"


# ------------------------------------------------------------------------------ text files


def test_fix_utf8():
    assert _fix(BAD.encode("utf-8")).decode("utf-8") == GOOD


@pytest.mark.parametrize(
    "encoding,bom",
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)],
)
def test_encoding_and_bom_preserved(encoding, bom):
    data = bom + BAD.encode(encoding)
    assert _fix(data) == bom + GOOD.encode(encoding)


def test_gb18030_stays_gb18030(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_bytes(BAD.encode("gb18030"))
    outcome = fix_file(str(path), T_ONLY)
    assert outcome.changed and outcome.applied >= 5
    data = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert data.decode("gb18030") == GOOD


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_newline_style_preserved(newline):
    data = BAD.replace("\n", newline).encode("utf-8")
    assert _fix(data) == GOOD.replace("\n", newline).encode("utf-8")


def test_mixed_newlines_and_missing_final_newline_preserved():
    data = "第一行,内容\r\n第二行,内容\n第三行,内容".encode()
    assert _fix(data) == "第一行，内容\r\n第二行，内容\n第三行，内容".encode()


def test_idempotent_on_seeds():
    for seed in sorted(SEEDS.glob("*.txt")):
        once = _fix(seed.read_bytes())
        assert _fix(once) == once, seed.name


def test_fix_never_changes_digits_or_placeholders_on_seeds():
    import re

    for seed in sorted(SEEDS.glob("*.txt")):
        before = seed.read_text(encoding="utf-8")
        after = _fix(seed.read_bytes()).decode("utf-8")
        for rx in (r"[0-9]", r"[xX×]+", r"\d{4}年", "XX镇|xx镇"):
            assert re.findall(rx, before) == re.findall(rx, after), (seed.name, rx)


def test_seed_000_fully_fixed_for_half_width():
    seed = next(SEEDS.glob("000_*.txt"))
    after = _fix(seed.read_bytes()).decode("utf-8")
    from reportlint.readers.text import read_text
    from reportlint.engine import lint_document

    res = lint_document(read_text(after.encode(), "x.txt"), Settings(select=("T502",)))
    assert res.findings == []


def test_refuses_when_file_changed_on_disk(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_bytes(BAD.encode())
    with pytest.raises(FixError) as err:
        atomic_write(str(path), GOOD.encode(), expect=b"something else")
    assert "已被修改" in err.value.zh
    assert path.read_bytes() == BAD.encode()


def test_refuses_changed_file_through_fix_file(tmp_path, monkeypatch):
    path = tmp_path / "报告.txt"
    path.write_bytes(BAD.encode())
    import reportlint.fix as fixmod

    real = fixmod.fix_text_bytes

    def sneaky(data, *a, **kw):
        out = real(data, *a, **kw)
        path.write_bytes(BAD.encode() + "新增一行。\n".encode())  # someone saves the file meanwhile
        return out

    monkeypatch.setattr(fixmod, "fix_text_bytes", sneaky)
    with pytest.raises(FixError):
        fix_file(str(path), T_ONLY)
    assert path.read_bytes() == BAD.encode() + "新增一行。\n".encode()


def test_atomic_write_keeps_original_when_replace_fails(tmp_path, monkeypatch):
    path = tmp_path / "报告.txt"
    path.write_bytes(BAD.encode())

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(FixError):
        fix_file(str(path), T_ONLY)
    assert path.read_bytes() == BAD.encode()
    assert [p.name for p in tmp_path.iterdir()] == ["报告.txt"]  # no temporary file left behind


def test_unencodable_fix_is_refused(monkeypatch):
    import reportlint.fix as fixmod

    real = fixmod.encode_like
    calls = []

    def encode(text, *a):
        calls.append(text)
        if len(calls) > 1:  # the fixed text: pretend the encoding cannot hold "，"
            raise UnicodeEncodeError("x", text, 0, 1, "cannot encode")
        return real(text, *a)

    monkeypatch.setattr(fixmod, "encode_like", encode)
    with pytest.raises(FixError) as err:
        fix_text_bytes(BAD.encode(), "x.txt", "txt", T_ONLY)
    assert "无法用原编码" in err.value.zh


def test_refuses_when_bytes_do_not_round_trip(monkeypatch):
    import reportlint.fix as fixmod

    monkeypatch.setattr(fixmod, "encode_like", lambda text, *a: b"different")
    with pytest.raises(FixError) as err:
        fix_text_bytes(BAD.encode(), "x.txt", "txt", T_ONLY)
    assert "未作修改" in err.value.zh


def test_only_t_family_fixes_are_applied():
    # a placeholder (P301) has no fix; the outline is never touched; only T fixes change the text
    text = "xxxx年,XX镇完成投资xx万元。\n"
    assert _fix(text.encode()).decode() == "xxxx年，XX镇完成投资xx万元。\n"


# ------------------------------------------------------------------------------ CLI


def test_cli_fix_twice(tmp_path, capsys):
    path = tmp_path / "报告.txt"
    path.write_bytes(BAD.encode())
    rc = main(["check", str(path), "--select", "T", "--fix", "--output-format", "concise", "--no-config"])
    assert path.read_text(encoding="utf-8") == GOOD
    assert rc == 0  # nothing remains
    err = capsys.readouterr().err
    assert "已修复" in err
    before = path.read_bytes()
    rc = main(["check", str(path), "--select", "T", "--fix", "--output-format", "concise", "--no-config"])
    assert path.read_bytes() == before and rc == 0
    assert "已修复" not in capsys.readouterr().err


def test_cli_fix_reports_what_remains(tmp_path, capsys):
    path = tmp_path / "报告.txt"
    path.write_bytes("确保生态环境环境指标走在全县前列,全面完成任务。\n".encode())
    rc = main(["check", str(path), "--select", "T", "--fix", "--output-format", "concise", "--no-config"])
    out = capsys.readouterr().out
    assert rc == 1
    assert "T503" in out and "T502" not in out
    assert path.read_text(encoding="utf-8") == "确保生态环境环境指标走在全县前列，全面完成任务。\n"


def test_cli_diff_writes_nothing(tmp_path, capsys):
    path = tmp_path / "报告.txt"
    path.write_bytes(BAD.encode())
    rc = main(["check", str(path), "--select", "T", "--diff", "--no-config"])
    out = capsys.readouterr().out
    assert rc == 1
    assert path.read_bytes() == BAD.encode()
    assert "-2025年,在县委" in out and "+2025年，在县委" in out
    path.write_bytes(GOOD.encode())
    assert main(["check", str(path), "--select", "T", "--diff", "--no-config"]) == 0
    assert capsys.readouterr().out == ""


# ------------------------------------------------------------------------------ .docx


def _docx_with_runs() -> bytes:
    doc = new_document()
    doc.add_paragraph("青山镇2025年工作总结")
    numbered(doc, "工作回顾", 0)
    p = doc.add_paragraph()
    r1 = p.add_run("2025年,全镇于此同时推进")
    r1.bold = True
    p.add_run("布署")
    r3 = p.add_run("工作,成效明显。")
    r3.italic = True
    # a fix spanning two runs: "," ends one run, the space it swallows starts the next
    q = doc.add_paragraph()
    q.add_run("干部群众再接再厉,")
    q.add_run(" 奋力开创新局面。")
    numbered(doc, "存在的问题,短板弱项", 0)  # a half-width comma after rendered numbering "二、"
    return to_bytes(doc)


def test_docx_fix_inside_runs(tmp_path, capsys):
    path = tmp_path / "报告.docx"
    path.write_bytes(_docx_with_runs())
    original = path.read_bytes()
    outcome = fix_file(str(path), T_ONLY)
    assert path.read_bytes() == original  # the original is kept
    out = Path(fixed_docx_path(str(path)))
    assert out.name == "报告.fixed.docx" and out.exists()
    d = docx.Document(str(out))  # python-docx opens the result
    texts = [p.text for p in d.paragraphs]
    assert texts[2] == "2025年，全镇与此同时推进部署工作，成效明显。"
    runs = d.paragraphs[2].runs
    assert runs[0].text == "2025年，全镇与此同时推进" and runs[0].bold  # formatting kept
    assert runs[1].text == "部署"
    assert runs[2].text == "工作，成效明显。" and runs[2].italic
    # spanning two runs: reported, not applied
    assert texts[3] == "干部群众再接再厉, 奋力开创新局面。"
    assert [f.code for f in outcome.not_applied] == ["T502"]
    # text after the rendered list number "二、" is fixed inside its run
    assert texts[4] == "存在的问题，短板弱项"
    # fixing the fixed copy again changes nothing more
    again = fix_file(str(out), T_ONLY, in_place=True)
    assert not again.changed


def test_docx_in_place(tmp_path):
    path = tmp_path / "报告.docx"
    path.write_bytes(_docx_with_runs())
    fix_file(str(path), T_ONLY, in_place=True)
    assert not Path(fixed_docx_path(str(path))).exists()
    assert docx.Document(str(path)).paragraphs[2].text == "2025年，全镇与此同时推进部署工作，成效明显。"


def test_docx_cli_reports_unapplied(tmp_path, capsys):
    path = tmp_path / "报告.docx"
    path.write_bytes(_docx_with_runs())
    rc = main(["check", str(path), "--select", "T", "--fix", "--output-format", "concise", "--no-config"])
    captured = capsys.readouterr()
    assert rc == 1
    assert "报告.fixed.docx" in captured.err and "未自动修复" in captured.err
    assert "T502" in captured.out and "再接再厉," in captured.out


def test_docx_example_is_clean(tmp_path):
    example = Path(__file__).resolve().parents[1] / "examples" / "2025年工作总结.docx"
    path = tmp_path / "a.docx"
    shutil.copy(example, path)
    outcome = fix_file(str(path), T_ONLY)
    assert not outcome.changed and outcome.output is None
    assert not Path(fixed_docx_path(str(path))).exists()


def test_docx_table_cells_and_hyperlinks(tmp_path):
    from docx_fixtures import append_xml

    doc = new_document()
    doc.add_paragraph("青山镇2025年工作总结")
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "全年完成投资3.2亿元,同比增长12%"
    p = doc.add_paragraph("详见")
    append_xml(p, '<w:hyperlink w:anchor="x"><w:r><w:t>《统计公报》、《年鉴》</w:t></w:r></w:hyperlink>')
    path = tmp_path / "报告.docx"
    path.write_bytes(to_bytes(doc))
    outcome = fix_file(str(path), T_ONLY)
    assert outcome.applied == 2 and not outcome.not_applied
    d = docx.Document(fixed_docx_path(str(path)))
    assert d.tables[0].cell(0, 1).text == "全年完成投资3.2亿元，同比增长12%"
    from reportlint.readers.docx import read_docx

    texts = [b.text for b in read_docx(Path(fixed_docx_path(str(path))).read_bytes(), "x.docx").blocks]
    assert "详见《统计公报》《年鉴》" in texts


def test_docx_diff_writes_nothing(tmp_path, capsys):
    path = tmp_path / "报告.docx"
    path.write_bytes(_docx_with_runs())
    rc = main(["check", str(path), "--select", "T", "--diff", "--no-config"])
    out = capsys.readouterr().out
    assert rc == 1
    assert "+2025年，全镇与此同时推进部署工作，成效明显。" in out
    assert not Path(fixed_docx_path(str(path))).exists()


def test_suppressed_findings_are_not_fixed():
    text = "<!-- reportlint: disable=T502 -->\n2025年,全镇于此同时推进。\n"
    out = fix_text_bytes(text.encode(), "x.md", "md", T_ONLY)[0].decode()
    assert out == "<!-- reportlint: disable=T502 -->\n2025年,全镇与此同时推进。\n"


def test_cli_fix_with_json_output_keeps_stdout_json(tmp_path, capsys):
    import json

    path = tmp_path / "报告.txt"
    path.write_bytes("确保生态环境环境指标走在全县前列,全面完成任务。\n".encode())
    main(["check", str(path), "--select", "T", "--fix", "--output-format", "json", "--no-config"])
    data = json.loads(capsys.readouterr().out)
    assert [d["code"] for d in data] == ["T503"]
