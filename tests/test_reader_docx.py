"""The .docx reader: automatic numbering, tracked changes, tables, comments, properties, errors."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx_fixtures import (
    EXAMPLE_REPORT,
    REPORT_ABSTRACT,
    REPORT_NUM,
    SMALL_REPORT,
    add_num,
    add_numbered_style,
    append_xml,
    build_example_report,
    level_xml,
    new_document,
    numbered,
    report_docx,
    report_txt,
    set_numbering,
    to_bytes,
)

from reportlint.document import BlockKind, ReadError
from reportlint.readers import read_path
from reportlint.readers.docx import MAX_DOCX_UNCOMPRESSED, format_number, read_docx
from reportlint.readers.text import read_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "2025年工作总结.docx"


def texts(data: bytes, kind: BlockKind | None = BlockKind.PARAGRAPH) -> list[str]:
    doc = read_docx(data, "t.docx")
    return [b.text for b in doc.blocks if kind is None or b.kind is kind]


# ------------------------------------------------------------------------------ numbering


def test_report_levels_render_without_typed_numbers():
    doc = new_document()
    for text, ilvl in [
        ("工作回顾", 0),
        ("经济发展", 1),
        ("主要指标", 2),
        ("生产总值", 3),
        ("固定资产投资", 3),
        ("项目建设", 2),
        ("民生保障", 1),
        ("就业", 2),  # restarts under the new （二）
        ("存在的问题", 0),
        ("产业", 1),  # restarts under the new 二、
    ]:
        numbered(doc, text, ilvl)
    assert texts(to_bytes(doc)) == [
        "一、工作回顾",
        "（一）经济发展",
        "1.主要指标",
        "（1）生产总值",
        "（2）固定资产投资",
        "2.项目建设",
        "（二）民生保障",
        "1.就业",
        "二、存在的问题",
        "（一）产业",
    ]


def test_number_prefix_is_the_rendered_length():
    doc = new_document()
    numbered(doc, "工作回顾", 0)
    numbered(doc, "经济发展", 1)
    doc.add_paragraph("正文")
    blocks = read_docx(to_bytes(doc), "t.docx").blocks
    assert [(b.text, b.number_prefix) for b in blocks] == [("一、工作回顾", 2), ("（一）经济发展", 3), ("正文", 0)]
    assert all(b.text[b.number_prefix :] == t for b, t in zip(blocks, ["工作回顾", "经济发展", "正文"]))


def test_counting_to_eleven_and_twenty_one():
    doc = new_document()
    for i in range(21):
        numbered(doc, f"第{i + 1}项", 0)
    out = texts(to_bytes(doc))
    assert out[9] == "十、第10项"
    assert out[10] == "十一、第11项"
    assert out[19] == "二十、第20项"
    assert out[20] == "二十一、第21项"


def test_style_inherited_numbering():
    doc = new_document(
        [
            level_xml(0, "chineseCounting", "%1、"),
            level_xml(1, "chineseCounting", "（%2）", pstyle="ReportH2"),
            level_xml(2, "decimal", "%3."),
        ]
    )
    add_numbered_style(doc, "ReportH1", REPORT_NUM, 0)
    add_numbered_style(doc, "ReportH2", REPORT_NUM, None)  # no ilvl: the level whose pStyle names it
    base = add_numbered_style(doc, "ReportH3", REPORT_NUM, 2)
    derived = doc.styles.add_style("ReportH3Derived", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = base  # numPr inherited through basedOn
    doc.add_paragraph("工作回顾", style="ReportH1")
    doc.add_paragraph("经济发展", style="ReportH2")
    doc.add_paragraph("主要指标", style="ReportH3Derived")
    doc.add_paragraph("项目建设", style="ReportH3")
    off = doc.add_paragraph("不编号", style="ReportH1")
    set_numbering(off, 0, None)  # numId 0 on the paragraph switches the style's numbering off
    doc.add_paragraph("存在的问题", style="ReportH1")
    blocks = read_docx(to_bytes(doc), "t.docx").blocks
    assert [b.text for b in blocks] == ["一、工作回顾", "（一）经济发展", "1.主要指标", "2.项目建设", "不编号", "二、存在的问题"]
    assert blocks[0].style == "ReportH1" and blocks[2].style == "ReportH3Derived"


def test_paragraph_ilvl_with_style_num_id():
    doc = new_document()
    add_numbered_style(doc, "List1", REPORT_NUM, 0)
    doc.add_paragraph("工作回顾", style="List1")
    p = doc.add_paragraph("经济发展", style="List1")
    set_numbering(p, None, 1)  # own ilvl, numId from the style
    assert texts(to_bytes(doc)) == ["一、工作回顾", "（一）经济发展"]


def test_start_override_restarts_and_shared_abstract_continues():
    doc = new_document()
    add_num(doc, 92, REPORT_ABSTRACT)  # same abstractNum, no override: continues numId 91's list
    add_num(doc, 93, REPORT_ABSTRACT, {0: 5})  # restart at 五
    numbered(doc, "甲", 0, REPORT_NUM)
    numbered(doc, "乙", 0, 92)
    numbered(doc, "丙", 0, 93)
    numbered(doc, "丁", 0, 93)
    numbered(doc, "戊", 0, REPORT_NUM)
    assert texts(to_bytes(doc)) == ["一、甲", "二、乙", "五、丙", "六、丁", "三、戊"]


@pytest.mark.parametrize(
    ("fmt", "text", "start", "expected"),
    [
        ("chineseCountingThousand", "%1、", 11, ["十一、", "十二、"]),
        ("chineseCountingThousand", "%1、", 20, ["二十、", "二十一、"]),
        ("chineseCountingThousand", "%1、", 100, ["一百、", "一百零一、"]),
        ("ideographTraditional", "%1、", 1, ["甲、", "乙、"]),
        ("chineseLegalSimplified", "%1、", 10, ["壹拾、", "壹拾壹、"]),
        ("decimalEnclosedCircle", "%1", 1, ["①", "②"]),
        ("decimal", "%1", 1, ["1 ", "2 "]),  # a bare number is kept apart from the text
        ("decimalFullWidth", "%1．", 9, ["９．", "１０．"]),
        ("decimal", "第%1条", 1, ["第1条", "第2条"]),
        ("upperLetter", "%1.", 26, ["Z.", "AA."]),
        ("lowerRoman", "(%1)", 3, ["(iii)", "(iv)"]),
        ("bullet", "\u2022", 1, ["", ""]),
        ("none", "", 1, ["", ""]),
    ],
)
def test_number_formats(fmt, text, start, expected):
    doc = new_document([(fmt, text, start)])
    numbered(doc, "项目", 0)
    numbered(doc, "项目", 0)
    assert texts(to_bytes(doc)) == [e + "项目" for e in expected]


def test_format_number_directly():
    assert format_number(11, "chineseCounting") == "十一"
    assert format_number(1010, "chineseCountingThousand") == "一千零一十"
    assert format_number(10005, "chineseCountingThousand") == "一万零五"
    assert format_number(3, "chineseLegalSimplified") == "叁"
    assert format_number(2025, "ideographDigital") == "二〇二五"
    assert format_number(11, "ideographTraditional") == "甲"
    assert format_number(21, "decimalEnclosedCircle") == "㉑"
    assert format_number(4, "upperRoman") == "IV"
    assert format_number(7, "someFutureFormat") == "7"


def test_multi_level_text_legal_and_restart_rules():
    doc = new_document(
        [
            level_xml(0, "chineseCounting", "第%1章"),
            level_xml(1, "decimal", "%1.%2", legal=True, suff="space"),  # isLgl: %1 as decimal
            level_xml(2, "decimal", "（%3）", restart=0),  # never restarts
        ]
    )
    numbered(doc, "总则", 0)
    numbered(doc, "目的", 1)
    numbered(doc, "甲", 2)
    numbered(doc, "任务", 0)
    numbered(doc, "原则", 1)
    numbered(doc, "乙", 2)
    assert texts(to_bytes(doc)) == ["第一章总则", "1.1 目的", "（1）甲", "第二章任务", "2.1 原则", "（2）乙"]


def test_separator_keeps_number_and_digits_apart():
    doc = new_document()
    numbered(doc, "工作回顾", 0)
    numbered(doc, "经济", 1)
    numbered(doc, "2025年主要指标", 2)  # "1." + "2025年" must not read as "1.2025年"
    numbered(doc, "项目建设", 2)
    assert texts(to_bytes(doc))[2:] == ["1. 2025年主要指标", "2.项目建设"]


def test_empty_numbered_paragraph_advances_the_counter():
    doc = new_document()
    numbered(doc, "甲", 0)
    numbered(doc, "", 0)
    numbered(doc, "丙", 0)
    assert texts(to_bytes(doc)) == ["一、甲", "二、", "三、丙"]


def test_numbering_in_table_cells_counts_too():
    doc = new_document()
    numbered(doc, "甲", 0)
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    set_numbering(cell.paragraphs[0], REPORT_NUM, 0)
    cell.paragraphs[0].add_run("乙")
    numbered(doc, "丙", 0)
    assert texts(to_bytes(doc), None) == ["一、甲", "二、乙", "三、丙"]


def test_missing_numbering_definitions_are_ignored():
    doc = new_document()
    numbered(doc, "不存在的列表", 0, num_id=777)
    numbered(doc, "不存在的级别", 7)
    assert texts(to_bytes(doc)) == ["不存在的列表", "不存在的级别"]


# ------------------------------------------------------------------------------ text


def test_tracked_changes_accept_all_view():
    doc = new_document()
    p = doc.add_paragraph("全年完成")
    append_xml(
        p,
        '<w:ins w:id="1" w:author="审核" w:date="2026-01-05T00:00:00Z"><w:r><w:t>地区生产总值</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="审核" w:date="2026-01-05T00:00:00Z"><w:r><w:delText>17.9</w:delText></w:r></w:del>'
        '<w:ins w:id="3" w:author="审核" w:date="2026-01-05T00:00:00Z"><w:r><w:t>18.6</w:t></w:r></w:ins>'
        '<w:r><w:t>亿元</w:t></w:r>'
        '<w:moveFrom w:id="4" w:author="审核"><w:r><w:t>旧位置</w:t></w:r></w:moveFrom>',
    )
    assert texts(to_bytes(doc)) == ["全年完成地区生产总值18.6亿元"]


def test_inline_containers_fields_and_breaks():
    doc = new_document()
    p = doc.add_paragraph("甲")
    append_xml(
        p,
        '<w:hyperlink r:id="rId999" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        "<w:r><w:t>链接</w:t></w:r></w:hyperlink>"
        '<w:smartTag w:uri="u" w:element="e"><w:r><w:t>标记</w:t></w:r></w:smartTag>'
        "<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>9</w:t></w:r></w:fldSimple>'
        "<w:r><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:noBreakHyphen/><w:t>丁</w:t>"
        '<w:br w:type="page"/><w:sym w:font="Symbol" w:char="F0B7"/><w:t>戊</w:t></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
        '<w:r><w:footnoteReference w:id="1"/></w:r>',
    )
    assert texts(to_bytes(doc)) == ["甲链接标记控件39\t乙 丙-丁戊"]


def test_text_box_is_never_duplicated():
    doc = new_document()
    p = doc.add_paragraph("正文")
    box = "<w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent>"
    append_xml(
        p,
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
        f"{box}</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>",
    )
    out = texts(to_bytes(doc), None)
    assert "".join(out).count("文本框") <= 1
    assert out[0].startswith("正文")


def test_block_level_content_control_paragraphs_are_read_but_not_counted():
    doc = new_document()
    doc.add_paragraph("第一段")
    sdt = (
        '<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:sdtPr/><w:sdtContent>'
        "<w:p><w:r><w:t>目录</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    from docx.oxml import parse_xml

    doc.paragraphs[0]._p.addnext(parse_xml(sdt))
    doc.add_paragraph("第二段")
    blocks = read_docx(to_bytes(doc), "t.docx").blocks
    assert [(b.text, b.line) for b in blocks] == [("第一段", 1), ("目录", 1), ("第二段", 2)]


# ------------------------------------------------------------------------------ tables


def test_tables_become_cells_with_coordinates():
    doc = new_document()
    doc.add_paragraph("标题")
    doc.add_paragraph("表前一段")
    table = doc.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"{r}{c}"
    a = table.cell(0, 0).merge(table.cell(0, 1))  # horizontal merge
    a.text = "合并"
    v = table.cell(1, 2).merge(table.cell(2, 2))  # vertical merge
    v.text = "纵向"
    inner = table.cell(2, 0).add_table(rows=1, cols=2)  # nested table
    inner.cell(0, 0).text = "内1"
    inner.cell(0, 1).text = "内2"
    doc.add_paragraph("表后一段")
    d = read_docx(to_bytes(doc), "t.docx")
    cells = [(b.text, b.table, b.row, b.col, b.line) for b in d.blocks if b.kind is BlockKind.CELL]
    assert cells == [
        ("合并", 1, 1, 1, 2),
        ("02", 1, 1, 3, 2),
        ("10", 1, 2, 1, 2),
        ("11", 1, 2, 2, 2),
        ("纵向", 1, 2, 3, 2),
        ("20", 1, 3, 1, 2),
        ("内1", 1, 3, 1, 2),
        ("内2", 1, 3, 1, 2),
        ("", 1, 3, 1, 2),  # python-docx ends a cell with a paragraph after a nested table
        ("21", 1, 3, 2, 2),
    ]
    assert [b.index for b in d.blocks] == list(range(len(d.blocks)))
    assert [b.text for b in d.body_blocks] == ["标题", "表前一段", "表后一段"]
    assert d.blocks[-1].line == 3
    assert all(b.in_table for b in d.blocks if b.kind is BlockKind.CELL)


def test_table_first_has_line_zero_and_tables_are_numbered():
    doc = new_document()
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "甲"
    doc.add_paragraph("段")
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "乙"
    d = read_docx(to_bytes(doc), "t.docx")
    assert [(b.text, b.kind, b.table, b.line) for b in d.blocks] == [
        ("甲", BlockKind.CELL, 1, 0),
        ("段", BlockKind.PARAGRAPH, None, 1),
        ("乙", BlockKind.CELL, 2, 1),
    ]


def test_cell_with_two_paragraphs_gives_two_blocks():
    doc = new_document()
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "12"
    cell.add_paragraph("万元")
    d = read_docx(to_bytes(doc), "t.docx")
    assert [(b.text, b.row, b.col) for b in d.blocks] == [("12", 1, 1), ("万元", 1, 1)]


# ------------------------------------------------------------------------------ metadata


def test_core_properties():
    from datetime import datetime, timezone

    doc = new_document()
    doc.add_paragraph("正文")
    props = doc.core_properties
    props.title = "青山镇2025年工作总结"
    props.author = "党政办"
    props.last_modified_by = "审核人"
    props.created = datetime(2026, 1, 6, 9, 0, tzinfo=timezone.utc)
    props.modified = datetime(2026, 1, 8, 16, 30, tzinfo=timezone.utc)
    d = read_docx(to_bytes(doc), "t.docx")
    assert d.format == "docx"
    assert d.properties["title"] == "青山镇2025年工作总结"
    assert d.properties["author"] == "党政办"
    assert d.properties["last_modified_by"] == "审核人"
    assert d.properties["created"].startswith("2026-01-06T09:00:00")
    assert d.properties["modified"].startswith("2026-01-08T16:30:00")


def test_missing_core_properties_are_not_invented():
    doc = new_document()
    doc.add_paragraph("正文")
    data = to_bytes(doc)
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                continue
            if item.filename == "_rels/.rels":
                content = re.sub(rb"<Relationship [^>]*core-properties[^>]*/>", b"", content)
            out.writestr(item, content)
    assert read_docx(buf.getvalue(), "t.docx").properties == {}


def test_comments_attach_to_their_paragraph():
    doc = new_document()
    doc.add_paragraph("第一段")
    p2 = doc.add_paragraph()
    run = p2.add_run("调解成功率97.4%")
    doc.add_comment(run, text="reportlint: disable=A201", author="审核")
    p3 = doc.add_paragraph()
    r3 = p3.add_run("第三段")
    doc.add_comment(r3, text="请核实", author="审核")
    doc.add_comment(r3, text="reportlint: disable=T501", author="审核")
    blocks = read_docx(to_bytes(doc), "t.docx").blocks
    assert blocks[0].comments == ()
    assert blocks[1].comments == ("reportlint: disable=A201",)
    assert blocks[2].comments == ("请核实", "reportlint: disable=T501")


def test_comment_range_spanning_paragraphs():
    doc = new_document()
    p1 = doc.add_paragraph("甲")
    p2 = doc.add_paragraph("乙")
    doc.add_paragraph("丙")
    doc.add_comment(p1.runs[0], text="reportlint: disable=S101", author="a")
    # move the range end (and reference) from p1 to p2: the comment covers 甲 and 乙
    for el in list(p1._p):
        if el.tag.endswith("commentRangeEnd") or (el.tag.endswith("}r") and el.find(".//{*}commentReference") is not None):
            p2._p.append(el)
    blocks = read_docx(to_bytes(doc), "t.docx").blocks
    assert [b.comments for b in blocks] == [("reportlint: disable=S101",), ("reportlint: disable=S101",), ()]


# ------------------------------------------------------------------------------ errors


def _minimal_docx() -> bytes:
    doc = new_document()
    doc.add_paragraph("正文")
    return to_bytes(doc)


def _rezip(data: bytes, replace: dict[str, bytes | None]) -> bytes:
    """Copy a zip, replacing (bytes), removing (None) or adding members."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename not in replace:
                out.writestr(item, src.read(item.filename))
        for name, content in replace.items():
            if content is not None:
                out.writestr(name, content)
    return buf.getvalue()


def _declare_size(data: bytes, member: str, size: int) -> bytes:
    """Patch a member's uncompressed size in the zip central directory (cheap zip bomb)."""
    raw = bytearray(data)
    name = member.encode()
    pos = 0
    while True:
        pos = raw.index(b"PK\x01\x02", pos)
        n_len = struct.unpack_from("<H", raw, pos + 28)[0]
        if raw[pos + 46 : pos + 46 + n_len] == name:
            struct.pack_into("<I", raw, pos + 24, size)
            return bytes(raw)
        pos += 4


def _error(data: bytes, name: str = "报告.docx", **kw) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_docx(data, name, **kw)
    err = info.value
    assert name in err.zh and name in err.en
    assert "\n" not in err.zh and "\n" not in err.en
    assert err.path == name
    return err


def test_junk_bytes():
    err = _error(b"this is not a word document at all" * 10)
    assert "不是有效的 .docx" in err.zh


def test_empty_file():
    assert "为空" in _error(b"").zh


def test_truncated_zip():
    data = _minimal_docx()
    assert "不是有效的 .docx" in _error(data[: len(data) // 2]).zh


def test_zip_without_document_part():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "你好")
    assert "找不到正文" in _error(buf.getvalue()).zh
    no_doc = _rezip(_minimal_docx(), {"word/document.xml": None})
    assert "找不到正文" in _error(no_doc).zh


def test_damaged_styles_part():
    bad = _rezip(_minimal_docx(), {"word/styles.xml": b"<w:styles"})
    assert "XML 已损坏" in _error(bad).zh


def test_macro_enabled_docm_is_read():
    data = report_docx(SMALL_REPORT)
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    types = types.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    d = read_docx(_rezip(data, {"[Content_Types].xml": types}), "r.docm")
    assert d.blocks[2].text == "一、2025年工作回顾"


def test_malformed_document_xml():
    bad = _rezip(_minimal_docx(), {"word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p>'})
    assert "XML 已损坏" in _error(bad).zh


def test_wrong_root_element():
    bad = _rezip(_minimal_docx(), {"word/document.xml": b'<?xml version="1.0"?><root/>'})
    assert "不是 Word 文档" in _error(bad).zh


def test_encrypted_or_old_doc():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    err = _error(ole)
    assert "加密" in err.zh and ".doc" in err.zh and "encrypted" in err.en


def test_zip_bomb_declared_size():
    start = time.perf_counter()
    bomb = _declare_size(_minimal_docx(), "word/document.xml", 300 * 1024 * 1024)
    err = _error(bomb)
    assert "压缩炸弹" in err.zh and "zip bomb" in err.en
    assert time.perf_counter() - start < 2


def test_zip_bomb_ratio():
    data = _rezip(_minimal_docx(), {"word/media/big.bin": b"\0" * 1000})
    bomb = _declare_size(data, "word/media/big.bin", 20 * 1024 * 1024)
    err = _error(bomb)
    assert "压缩比" in err.zh


def test_zip_bomb_member_count():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for i in range(10_001):
            zf.writestr(f"f{i}", b"")
    assert "文件过多" in _error(buf.getvalue()).zh


def test_real_zip_bomb_with_lower_limit():
    data = _rezip(_minimal_docx(), {"word/media/zeros.bin": b"\0" * (2 * 1024 * 1024)})
    assert read_docx(data, "ok.docx").blocks  # within the default limit
    assert "压缩炸弹" in _error(data, max_uncompressed=1024 * 1024).zh
    assert MAX_DOCX_UNCOMPRESSED == 200 * 1024 * 1024


def test_read_path_dispatches_docx(tmp_path):
    path = tmp_path / "报告.docx"
    path.write_bytes(report_docx(SMALL_REPORT))
    d = read_path(str(path))
    assert d.format == "docx" and d.blocks[2].text == "一、2025年工作回顾"
    junk = tmp_path / "坏文件.docx"
    junk.write_bytes(b"junk")
    with pytest.raises(ReadError) as info:
        read_path(str(junk))
    assert "坏文件.docx" in info.value.zh


# ------------------------------------------------------------------------------ outline


def _outline_key(doc):
    from reportlint.outline import build_outline
    from reportlint.rulesets import load_ruleset

    outline = build_outline(doc, load_ruleset("base").outline)
    return outline.title_text, [(s.level, s.number, s.title) for s in outline.walk()]


@pytest.mark.parametrize("report", [SMALL_REPORT, EXAMPLE_REPORT], ids=["small", "example"])
def test_outline_of_numbered_docx_equals_txt(report):
    docx_doc = read_docx(report_docx(report), "r.docx")
    txt_doc = read_text(report_txt(report), "r.txt")
    title, sections = _outline_key(docx_doc)
    assert (title, sections) == _outline_key(txt_doc)
    assert title == report[0]
    assert (1, 1, "2025年工作回顾") in sections and (1, 3, "2026年工作计划") in sections
    # the numbers really come from numbering.xml: the stored paragraph text has none
    from docx import Document as open_docx

    raw = [p.text for p in open_docx(io.BytesIO(report_docx(report))).paragraphs]
    assert "2025年工作回顾" in raw and not any(t.startswith("一、") for t in raw)


def test_example_report_file():
    assert EXAMPLE.exists(), "run: PYTHONPATH=src python tests/docx_fixtures.py"
    d = read_path(str(EXAMPLE))
    assert d.properties["title"] == "青山镇2025年工作总结及2026年工作计划"
    title, sections = _outline_key(d)
    assert title == "青山镇2025年工作总结及2026年工作计划"
    assert [s for s in sections if s[0] == 1] == [(1, 1, "2025年工作回顾"), (1, 2, "存在的问题"), (1, 3, "2026年工作计划")]
    cells = {(b.row, b.col): b.text for b in d.blocks if b.kind is BlockKind.CELL}
    assert cells[(6, 1)] == "合计"
    for col in (2, 3, 4):  # the 合计 row adds up
        assert sum(int(cells[(r, col)]) for r in range(2, 6)) == int(cells[(6, col)])


def test_build_example_report(tmp_path):
    out = build_example_report(tmp_path / "example.docx")
    assert _outline_key(read_path(str(out))) == _outline_key(read_text(report_txt(EXAMPLE_REPORT), "e.txt"))


# ------------------------------------------------------------------------------ performance


def test_thirty_pages_with_tables_read_fast():
    items: list = ["青山镇2025年工作总结及2026年工作计划"]
    for h1 in range(3):
        items.append(f"{'一二三'[h1]}、第{h1 + 1}部分")
        for h2 in range(4):
            items.append(f"（{'一二三四'[h2]}）第{h2 + 1}方面")
            for h3 in range(5):
                items.append(f"{h3 + 1}.工作事项。" + "全年完成地区生产总值18.6亿元，同比增长6.2%。" * 10)
            items.append([["村名", "面积", "户数"]] + [[f"村{i}", str(i * 10), str(i)] for i in range(1, 9)])
    data = report_docx(items)
    read_docx(data, "warm.docx")
    start = time.perf_counter()
    d = read_docx(data, "big.docx")
    elapsed = time.perf_counter() - start
    assert len(d.body_blocks) > 70 and elapsed < 0.3


# ------------------------------------------------------------------------------ LibreOffice oracle


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_renders_the_same_numbers(tmp_path):
    src = tmp_path / "numbered.docx"
    src.write_bytes(report_docx(SMALL_REPORT))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), str(src)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    lo_lines = [line.strip().replace("\t", "") for line in (tmp_path / "numbered.txt").read_text("utf-8-sig").splitlines()]
    ours = [b.text for b in read_docx(src.read_bytes(), "numbered.docx").blocks if b.number_prefix]
    assert ours
    for text in ours:
        assert text.replace("\t", "") in lo_lines
