"""Text reader: encodings, BOMs, newlines, stdin-free decoding."""

from __future__ import annotations

import codecs

import pytest

from reportlint.document import ReadError
from reportlint.readers.text import decode, read_text

REPORT = "青山镇2025年工作总结\n一、2025年工作回顾\n全年排查矛盾纠纷156起，成功调解152起。\n"


@pytest.mark.parametrize(
    "data,encoding,bom",
    [
        (REPORT.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + REPORT.encode("utf-8"), "utf-8-sig", True),
        (codecs.BOM_UTF16_LE + REPORT.encode("utf-16-le"), "utf-16", True),
        (codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be"), "utf-16", True),
        (codecs.BOM_UTF32_LE + REPORT.encode("utf-32-le"), "utf-32", True),
        (REPORT.encode("gb18030"), "gb18030", False),
        (REPORT.encode("gbk"), "gb18030", False),
    ],
)
def test_encodings_give_the_same_blocks(data, encoding, bom):
    doc = read_text(data, "r.txt")
    assert doc.encoding == encoding
    assert doc.bom is bom
    assert [b.text for b in doc.blocks] == REPORT.splitlines()
    assert [b.line for b in doc.blocks] == [1, 2, 3]


def test_gb18030_beyond_gbk():
    text = "镕基 𠮷 青山镇工作总结\n"  # 𠮷 needs GB18030's four-byte form
    doc = read_text(text.encode("gb18030"), "r.txt")
    assert doc.blocks[0].text == text.strip("\n")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_newline_style_is_recorded_and_lines_split(newline):
    doc = read_text(newline.join(["第一行", "第二行", ""]).encode(), "r.txt")
    assert doc.newline == newline
    assert [b.text for b in doc.blocks] == ["第一行", "第二行"]


def test_last_line_without_newline_and_empty_lines_kept():
    doc = read_text("甲\n\n乙".encode(), "r.txt")
    assert [(b.line, b.text) for b in doc.blocks] == [(1, "甲"), (2, ""), (3, "乙")]


def test_big5_is_not_silently_read_as_gb18030():
    text = "青山鎮二零二五年工作總結，全年完成農田改造三千二百畝，新建茶廠兩座，帶動茶農增收。" * 3
    text, used, _ = decode(text.encode("big5"), "r.txt")
    assert used == "big5"
    assert "青山鎮" in text


@pytest.mark.parametrize("text", ["一、(【", "二、【", "青山镇", "（一）2025年", "××××“……***以下五个方面"])
def test_a_few_gb18030_bytes_are_not_read_as_a_single_byte_code_page(text):
    # found by hypothesis: on 7 bytes charset-normalizer preferred an Arabic code page (…۰۱(۰ﺝ);
    # and Thai (cp874) for a line whose GB2312 symbols (× “ …) outnumber its ideographs
    decoded, used, _ = decode(text.encode("gb18030"), "r.txt")
    assert (decoded, used) == (text, "gb18030")


def test_binary_junk_is_a_read_error_with_chinese_message():
    with pytest.raises(ReadError) as exc:
        read_text(bytes(range(0, 32)) * 200, "junk.txt")
    assert "junk.txt" in exc.value.zh


def test_explicit_wrong_encoding_is_a_read_error():
    with pytest.raises(ReadError) as exc:
        read_text("青山镇".encode("utf-8"), "r.txt", encoding="ascii")
    assert "--encoding" in exc.value.zh


def test_the_decoder_drops_the_bom_and_nothing_more():
    # the codec (utf-8-sig, utf-16, utf-32) removes the byte-order mark; a second U+FEFF is text
    # (found by hypothesis: it was dropped as well, shifting the columns of the first line)
    for encoding in ("utf-8-sig", "utf-16", "utf-32"):
        doc = read_text("\ufeff一、概述\n".encode(encoding), "r.txt")  # the codec writes the mark itself
        assert doc.bom and [b.text for b in doc.blocks] == ["\ufeff一、概述"], encoding


def test_a_gb18030_byte_order_mark_is_dropped_and_kept_by_fix(tmp_path):
    # found by the --fix property test: GB18030 encodes U+FEFF as 84 31 95 33, its byte-order mark,
    # which the codec keeps as text: columns then counted it, and the user's editor does not
    from reportlint.fix import encode_like

    data = b"\x84\x31\x95\x33" + "一、青山镇 2025年\n".encode("gb18030")
    text, used, bom = decode(data, "r.txt")
    assert (text, used, bom) == ("一、青山镇 2025年\n", "gb18030", True)
    assert read_text(data, "r.txt").blocks[0].text == "一、青山镇 2025年"
    assert encode_like(text, used, bom, data) == data
    assert encode_like(text, "gb18030", False, data) == data[4:]
    assert decode(data, "r.txt", "gb18030") == (text, "gb18030", True)  # --encoding, and --fix's re-reads
