"""Build .docx files in code for the reader tests (python-docx plus raw numbering XML via lxml).

The report levels follow GB/T 9704-2012 7.3.3: ``一、`` ``（一）`` ``1.`` ``（1）``. In the documents
built here those numbers exist only in numbering.xml — the paragraph text never contains them, just
like a Word document whose headings use automatic list numbering.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

# (numFmt, lvlText) of the four report levels
REPORT_LEVELS: tuple[tuple[str, str], ...] = (
    ("chineseCounting", "%1、"),
    ("chineseCounting", "（%2）"),
    ("decimal", "%3."),
    ("decimal", "（%4）"),
)
REPORT_ABSTRACT = 90  # ids chosen not to collide with python-docx's template numbering
REPORT_NUM = 91
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


# ------------------------------------------------------------------------------ numbering


def _numbering_el(doc):
    return doc.part.numbering_part.element


def level_xml(
    ilvl: int,
    fmt: str,
    text: str,
    start: int = 1,
    restart: int | None = None,
    pstyle: str | None = None,
    suff: str | None = None,
    legal: bool = False,
) -> str:
    """One ``w:lvl`` element as XML text (namespace prefix ``w`` must be declared by the caller)."""
    parts = [f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>']
    if restart is not None:
        parts.append(f'<w:lvlRestart w:val="{restart}"/>')
    if pstyle:
        parts.append(f'<w:pStyle w:val="{pstyle}"/>')
    if legal:
        parts.append("<w:isLgl/>")
    if suff:
        parts.append(f'<w:suff w:val="{suff}"/>')
    parts.append(f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')
    return "".join(parts)


def add_abstract_num(doc, abstract_id: int, levels: Sequence[str | tuple] = REPORT_LEVELS, **common) -> int:
    """Add a ``w:abstractNum``. ``levels``: ``level_xml`` strings or (fmt, lvlText[, start]) tuples."""
    xml_levels = []
    for i, lv in enumerate(levels):
        if isinstance(lv, str):
            xml_levels.append(lv)
        else:
            fmt, text, *rest = lv
            xml_levels.append(level_xml(i, fmt, text, start=rest[0] if rest else 1, **common))
    el = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{"".join(xml_levels)}</w:abstractNum>'
    )
    numbering = _numbering_el(doc)
    first_num = numbering.find(qn("w:num"))  # schema order: every abstractNum before the first num
    if first_num is not None:
        first_num.addprevious(el)
    else:
        numbering.append(el)
    return abstract_id


def add_num(doc, num_id: int, abstract_id: int, start_overrides: dict[int, int] | None = None) -> int:
    """Add a ``w:num`` instance of ``abstract_id``; ``start_overrides`` maps ilvl -> startOverride."""
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
        for ilvl, start in (start_overrides or {}).items()
    )
    _numbering_el(doc).append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>')
    )
    return num_id


def numbered_pPr(num_id: int | None, ilvl: int | None) -> str:
    inner = ""
    if ilvl is not None:
        inner += f'<w:ilvl w:val="{ilvl}"/>'
    if num_id is not None:
        inner += f'<w:numId w:val="{num_id}"/>'
    return f"<w:numPr {nsdecls('w')}>{inner}</w:numPr>"


def set_numbering(paragraph, num_id: int | None, ilvl: int | None = 0) -> None:
    """Give a paragraph its own ``w:numPr`` (either part may be left out to inherit it from the style)."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(numbered_pPr(num_id, ilvl)))


def add_numbered_style(doc, name: str, num_id: int, ilvl: int | None = 0, based_on: str | None = None):
    """A paragraph style whose pPr carries numPr (Word's "linked list style" for headings)."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[based_on] if based_on else doc.styles["Normal"]
    if num_id is not None:
        style.element.get_or_add_pPr().append(parse_xml(numbered_pPr(num_id, ilvl)))
    return style


def new_document(levels: Sequence[str | tuple] = REPORT_LEVELS) -> docx.document.Document:
    """A blank document with the four report levels as abstractNum 90 / num 91."""
    doc = docx.Document()
    add_abstract_num(doc, REPORT_ABSTRACT, levels)
    add_num(doc, REPORT_NUM, REPORT_ABSTRACT)
    return doc


def numbered(doc, text: str, ilvl: int, num_id: int = REPORT_NUM, style: str | None = None):
    p = doc.add_paragraph(text, style=style)
    set_numbering(p, num_id, ilvl)
    return p


def append_xml(paragraph, xml: str) -> None:
    """Append raw run-level XML (``w:`` prefix declared automatically) to a paragraph."""
    wrapper = parse_xml(f'<w:wrap {nsdecls("w")} xmlns:mc="{MC_NS}" xmlns:v="urn:schemas-microsoft-com:vml">{xml}</w:wrap>')
    for child in list(wrapper):
        paragraph._p.append(child)


def to_bytes(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# ------------------------------------------------------------------------------ reports

_MARKERS = (
    (0, re.compile(r"^[一二三四五六七八九十]+、")),
    (1, re.compile(r"^（[一二三四五六七八九十]+）")),
    (2, re.compile(r"^\d+\.")),
    (3, re.compile(r"^（\d+）")),
)

EAST_ASIAN_BODY = "仿宋_GB2312"


def _set_fonts(style, east_asian: str, size: float, bold: bool = False) -> None:
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.name = "Times New Roman"
    rpr = style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), east_asian)


def report_document(items: Iterable[str | list[list[str]]], *, heading_styles: bool = True):
    """A report whose heading numbers come only from numbering.xml.

    ``items`` are the lines of the report as they read in a .txt (with typed ``一、`` ``（一）``
    ``1.`` ``（1）``) or a table (a list of rows). The first line is the title. Typed markers are
    stripped and replaced by list numbering: levels 1 and 2 through heading styles that carry the
    numPr (style-inherited numbering), levels 3 and 4 through the paragraph's own numPr.
    The numbers in the text must be in sequence, since numbering.xml can only count.
    """
    doc = new_document()
    normal = doc.styles["Normal"]
    _set_fonts(normal, EAST_ASIAN_BODY, 16)
    title_style = doc.styles.add_style("报告标题", WD_STYLE_TYPE.PARAGRAPH)
    title_style.base_style = normal
    _set_fonts(title_style, "方正小标宋简体", 22)
    title_style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if heading_styles:
        h1 = add_numbered_style(doc, "一级标题", REPORT_NUM, 0)
        _set_fonts(h1, "黑体", 16)
        h2 = add_numbered_style(doc, "二级标题", REPORT_NUM, 1)
        _set_fonts(h2, "楷体_GB2312", 16)
    items = list(items)
    for k, item in enumerate(items):
        if isinstance(item, list):
            _add_table(doc, item)
            continue
        if k == 0:
            doc.add_paragraph(item, style=title_style)
            continue
        for ilvl, regex in _MARKERS:
            m = regex.match(item)
            if m:
                text = item[m.end() :]
                if heading_styles and ilvl < 2:
                    doc.add_paragraph(text, style=("一级标题", "二级标题")[ilvl])
                else:
                    numbered(doc, text, ilvl)
                break
        else:
            p = doc.add_paragraph(item)
            if item.strip():
                p.paragraph_format.first_line_indent = Pt(32)  # two characters of 三号
    return doc


def _add_table(doc, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = doc.styles["Table Grid"]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = value
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            if r == 0 or row[0] == "合计":
                for run in cell.paragraphs[0].runs:
                    run.bold = True


def plain_docx(*paragraphs: str) -> bytes:
    """A .docx of plain paragraphs (default styles, no numbering)."""
    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    return to_bytes(doc)


def report_docx(items: Iterable[str | list[list[str]]], **kw) -> bytes:
    return to_bytes(report_document(items, **kw))


def report_txt(items: Iterable[str | list[list[str]]]) -> bytes:
    """The same report as a .txt (tables left out: a .txt has none)."""
    return "\n".join(i for i in items if isinstance(i, str)).encode("utf-8") + b"\n"


# A small, well-formed annual report for the outline test (placeholder township on purpose).
SMALL_REPORT: list[str] = [
    "XX镇2025年工作总结及2026年工作计划",
    "2025年，我镇围绕年初确定的目标任务，扎实推进各项工作。现将有关情况报告如下。",
    "一、2025年工作回顾",
    "（一）经济运行稳中有进",
    "1.主要指标完成良好。全年完成地区生产总值18.6亿元，同比增长6.2%。",
    "2.项目建设有序推进。全年实施重点项目12个，已竣工8个。",
    "（二）民生保障持续加强",
    "1.新增城镇就业320人。",
    "2.完成农村户厕改造420户。",
    "二、存在的问题",
    "一是产业结构较为单一；二是基础设施仍有短板。",
    "三、2026年工作计划",
    "（一）推动产业提质增效",
    "（二）持续改善人居环境",
]

EXAMPLE_TABLE: list[list[str]] = [
    ["村名", "茶园面积（亩）", "其中当年新增（亩）", "带动农户（户）"],
    ["青山村", "2600", "400", "180"],
    ["石桥村", "2100", "300", "150"],
    ["柳溪村", "1900", "250", "120"],
    ["新塘村", "1900", "250", "110"],
    ["合计", "8500", "1200", "560"],
]

EXAMPLE_REPORT: list[str | list[list[str]]] = [
    "青山镇2025年工作总结及2026年工作计划",
    "2025年，青山镇在县委、县政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，"
    "全面贯彻落实党的二十大精神，紧紧围绕年初确定的目标任务，统筹推进经济发展、乡村振兴、民生保障和基层治理"
    "各项工作，全镇经济社会保持平稳健康发展。现将有关情况报告如下。",
    "一、2025年工作回顾",
    "（一）经济运行稳中有进",
    "1.主要指标完成良好。全年完成地区生产总值18.6亿元，同比增长6.2%；完成固定资产投资5.4亿元，同比增长8.0%；"
    "一般公共预算收入完成6800万元，为年度目标6500万元的104.6%。",
    "2.项目建设有序推进。全年实施重点项目12个，其中产业项目7个、基础设施项目5个，已竣工投产8个，"
    "完成投资3.2亿元。",
    "（二）乡村振兴扎实推进",
    "1.特色产业持续壮大。坚持把茶叶作为主导产业来抓，全年新增茶园面积1200亩，全镇茶园面积达到8500亩，"
    "带动农户560户。各村茶叶产业发展情况见下表。",
    "表1　2025年各村茶叶产业发展情况",
    EXAMPLE_TABLE,
    "2.人居环境明显改善。完成农村户厕改造420户，新建村级污水处理站3座，清理河道沟渠26公里，"
    "4个村全部建立生活垃圾收运体系。",
    "（三）民生保障持续加强",
    "1.就业社保稳步提升。新增城镇就业320人，城乡居民基本养老保险参保19700人，应参保20000人，参保率98.5%。",
    "2.基层治理不断深化。全年重点抓了两项工作：",
    "（1）矛盾纠纷调处。全年排查矛盾纠纷156起，成功调解152起，调解成功率97.4%。",
    "（2）安全生产监管。开展安全生产检查86次，整改隐患213处，全年未发生较大及以上安全事故。",
    "二、存在的问题",
    "一年来，我镇各项工作取得了一定成绩，但也存在一些不足：一是产业结构仍较单一，茶叶以初加工为主，"
    "产品附加值不高；二是基础设施仍有短板，部分村组道路等级偏低，雨季通行困难；三是干部队伍能力与高质量"
    "发展的要求还有差距，抓项目、促发展的本领有待提升。",
    "三、2026年工作计划",
    "2026年是“十五五”规划的开局之年。我镇将坚持稳中求进工作总基调，重点抓好以下三个方面工作。",
    "（一）推动产业提质增效。新增茶园面积800亩，建成茶叶精深加工厂1座，力争地区生产总值增长6%以上。",
    "（二）持续改善人居环境。完成农村户厕改造300户，新建村级污水处理站2座，实现生活垃圾分类处理全覆盖。",
    "（三）着力保障和改善民生。新增城镇就业300人以上，城乡居民基本养老保险参保率稳定在98%以上，"
    "矛盾纠纷调解成功率保持在95%以上。",
    "新的一年，我镇将在县委、县政府的坚强领导下，凝心聚力、真抓实干，奋力推动各项工作再上新台阶。",
    "",
    "青山镇人民政府",
    "2026年1月8日",
]


def build_example_report(path: str | Path) -> Path:
    """Write the well-formed numbered example report (shipped as examples/2025年工作总结.docx)."""
    from datetime import datetime

    doc = report_document(EXAMPLE_REPORT)
    for p in doc.paragraphs[-2:]:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.first_line_indent = None
    props = doc.core_properties
    props.title = "青山镇2025年工作总结及2026年工作计划"
    props.author = "青山镇党政办公室"
    props.last_modified_by = "青山镇党政办公室"
    props.created = datetime(2026, 1, 6, 9, 0, 0)
    props.modified = datetime(2026, 1, 8, 16, 30, 0)
    props.revision = 3
    props.comments = ""
    props.keywords = ""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


if __name__ == "__main__":  # python tests/docx_fixtures.py [PATH]
    import sys

    out = sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parents[1] / "examples" / "2025年工作总结.docx")
    print(build_example_report(out))
