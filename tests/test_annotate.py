"""Word comments on the findings: anchors on the exact spans, formatting kept, original untouched."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docx_fixtures import append_xml, report_document, to_bytes
from reportlint.annotate import annotate_docx, output_path
from reportlint.cli import main
from reportlint.findings import Finding, Severity
from reportlint.readers.docx import read_docx


def anchors(data: bytes) -> dict[str, tuple[str, str, str]]:
    """comment id -> (anchored text, author, comment text), the anchor read from the body XML."""
    document = docx.Document(io.BytesIO(data))
    open_ids: dict[str, list[str]] = {}
    found: dict[str, str] = {}
    for el in document.element.body.iter():
        if el.tag == qn("w:commentRangeStart"):
            open_ids[el.get(qn("w:id"))] = []
        elif el.tag == qn("w:commentRangeEnd"):
            found[el.get(qn("w:id"))] = "".join(open_ids.pop(el.get(qn("w:id"))))
        elif el.tag in (qn("w:t"), qn("w:tab")):
            for parts in open_ids.values():
                parts.append(el.text or "" if el.tag == qn("w:t") else "\t")
    return {str(c.comment_id): (found[str(c.comment_id)], c.author, c.text) for c in document.comments}


def synthetic(block, start, end, code="P301", path="x.docx"):
    return Finding(path=path, code=code, name="placeholder", severity=Severity.ERROR,
                   message_zh=f"第{start}至{end}字", message_en="span", block=block, start=start, end=end)


def mixed_document() -> bytes:
    doc = report_document([
        "XX镇2025年工作总结及2026年工作计划",
        "一、xxxx年工作回顾",
        "全年新建农田xx亩，完成投资约亿元。",
        [["项目", "数量"], ["农田", "XX亩"]],
        "二、2026年工作计划",
    ])
    p = doc.add_paragraph()
    p.add_run("另新建村级广场x").bold = True
    p.add_run("x个，").italic = True
    append_xml(p, '<w:ins w:id="9" w:author="a" w:date="2026-01-01T00:00:00Z"><w:r><w:t>插入XX字</w:t></w:r></w:ins>')
    append_xml(p, '<w:del w:id="10" w:author="a" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>删去xx</w:delText></w:r></w:del>')
    append_xml(p, '<w:r><w:t xml:space="preserve">，</w:t><w:tab/><w:t>末尾</w:t></w:r>')
    return to_bytes(doc)


def test_every_comment_anchors_its_span_and_formatting_is_kept(tmp_path):
    data = mixed_document()
    doc = read_docx(data, "x.docx")
    blocks = doc.blocks
    last = blocks[-1]
    assert last.text == "另新建村级广场xx个，插入XX字，\t末尾"
    heading = next(b for b in blocks if b.text.startswith("一、"))
    cell = next(b for b in blocks if b.text == "XX亩")
    body = next(b for b in blocks if "约亿元" in b.text)
    findings = [
        synthetic(last, 7, 9),  # across a bold and an italic run
        synthetic(last, 12, 14),  # inside a tracked insertion
        synthetic(last, 10, 16),  # overlapping the one before, out of the insertion
        synthetic(last, 16, 19),  # a run with text, tab, text
        synthetic(last, 3, 3),  # an empty span: the character after it
        synthetic(heading, heading.number_prefix, heading.number_prefix + 4),
        synthetic(heading, 0, 2),  # inside the rendered list number: the whole paragraph
        synthetic(cell, 0, 2),
        synthetic(body, body.text.index("约亿元"), body.text.index("约亿元") + 3, code="P303"),
    ]
    out, n = annotate_docx(data, findings)
    assert n == len(findings)
    got = anchors(out)
    assert len(got) == len(findings)
    expected = [f.block.text[f.start:f.end] for f in findings]
    expected[4] = last.text[3:4]
    expected[6] = heading.text[heading.number_prefix:]
    assert [got[str(i)][0] for i in range(len(findings))] == expected
    assert all(author == "reportlint" for _, author, _ in got.values())
    assert [got[str(i)][2].split()[0] for i in range(len(findings))] == [f.code for f in findings]
    # the text is what it was: same blocks when read again
    assert [b.text for b in read_docx(out, "y.docx").blocks] == [b.text for b in blocks]
    # formatting of split runs is kept
    runs = [(r.text, r.bold, r.italic) for r in docx.Document(io.BytesIO(out)).paragraphs[-1].runs if r.text]
    assert ("x", True, None) in runs and ("x", None, True) in runs
    assert runs[0] == ("另新建", True, None)  # cut where the empty span at 3 starts


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(st.text(alphabet="甲乙丙xX1 ，", min_size=1, max_size=5), min_size=1, max_size=5),
    spans=st.lists(st.tuples(st.integers(0, 25), st.integers(0, 25)), min_size=1, max_size=4),
)
def test_random_run_splits(pieces, spans):
    doc = docx.Document()
    p = doc.add_paragraph()
    for k, piece in enumerate(pieces):
        p.add_run(piece).bold = bool(k % 2)
    data = to_bytes(doc)
    block = read_docx(data, "r.docx").blocks[0]
    text = block.text
    findings = []
    for a, b in spans:
        s, e = sorted((min(a, len(text)), min(b, len(text))))
        if s < e:
            findings.append(synthetic(block, s, e))
    if not findings:
        return
    out, _ = annotate_docx(data, findings)
    got = anchors(out)
    assert [got[str(i)][0] for i in range(len(findings))] == [text[f.start:f.end] for f in findings]
    assert read_docx(out, "r.docx").blocks[0].text == text


def test_cli_annotate_docx_never_touches_the_original(tmp_path, capsys):
    src = tmp_path / "报告.docx"
    src.write_bytes(mixed_document())
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    code = main(["annotate", "--no-config", "--output-format", "concise", str(src)])
    out, err = capsys.readouterr()
    assert code == 1
    target = tmp_path / "报告.reportlint.docx"
    assert output_path(str(src)) == target and target.exists() and str(target) in err
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    got = anchors(target.read_bytes())
    lines = out.splitlines()
    assert len(got) == len(lines)  # one comment per finding printed
    assert {a for a, _, _ in got.values()} >= {"XX", "xxxx", "xx", "约亿元"}
    # a folder walk does not check the annotated copy
    main(["check", "--no-config", "--output-format", "concise", str(tmp_path)])
    assert ".reportlint.docx" not in capsys.readouterr()[0]


def test_cli_annotate_text_writes_a_docx_rendering(tmp_path, capsys):
    src = tmp_path / "计划.md"
    text = "XX镇2025年工作总结\n\n全年新建农田xx亩，完成投资约亿元。\n"
    src.write_text(text, encoding="utf-8")
    code = main(["check", "--annotate", "--no-config", "--select", "P", "--output-format", "concise", str(src)])
    out, err = capsys.readouterr()
    assert code == 1 and src.read_text(encoding="utf-8") == text
    target = tmp_path / "计划.reportlint.docx"
    data = target.read_bytes()
    assert [p.text for p in docx.Document(io.BytesIO(data)).paragraphs] == text.splitlines()
    got = anchors(data)
    assert sorted(a for a, _, _ in got.values()) == sorted(["XX", "xx", "约亿元"])
    assert len(out.splitlines()) == 3


def test_no_findings_no_file(tmp_path, capsys):
    src = tmp_path / "好.txt"
    src.write_text("青山镇2025年工作总结\n\n今年完成了各项任务。\n", encoding="utf-8")
    assert main(["annotate", "--no-config", "--select", "P", str(src)]) == 0
    assert "未发现问题" in capsys.readouterr()[1]
    assert not (tmp_path / "好.reportlint.docx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_annotated_document(tmp_path):
    src = tmp_path / "报告.docx"
    src.write_bytes(mixed_document())
    assert main(["annotate", "--no-config", "--output-format", "concise", str(src)]) == 1
    target = tmp_path / "报告.reportlint.docx"
    profile = tmp_path / "lo-profile"
    proc = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(target)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp_path / "报告.reportlint.pdf"
    assert proc.returncode == 0 and pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), proc.stdout + proc.stderr
