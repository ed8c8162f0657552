"""Word comments on the findings: ``reportlint annotate 报告.docx`` -> ``报告.reportlint.docx``.

For a .docx the output is the same document with one Word comment per finding, anchored on exactly
the text the finding points at. A comment can only start and end at run boundaries, so the runs
that a span cuts are split first: a run is exploded into one run per content child (text, tab,
break …), each with a copy of the original run properties (font, size, bold … are kept), and a text
run is cut at the span's edges. Offsets are mapped with the reader's own paragraph walk (the
"accept all changes" text with list numbers), so a comment lands where the finding's columns say.
A span inside a rendered list number (``一、`` from numbering.xml: not in any run) anchors on the
whole paragraph; an empty span on one character next to it.

For a .txt/.md input the output is a new .docx: one paragraph per line (so paragraph N is line N),
with the comments. The original file is never written.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.readers.docx import (
    _RPR,
    _T,
    _Walker,
)

if TYPE_CHECKING:
    from reportlint.engine import FileResult
    from reportlint.findings import Finding

AUTHOR = "reportlint"
INITIALS = "RL"
SUFFIX = ".reportlint.docx"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class AnnotateError(Exception):
    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


def output_path(path: str) -> Path:
    """``报告.docx`` / ``报告.txt`` -> ``报告.reportlint.docx`` beside it."""
    p = Path(path)
    return p.with_name(p.stem + SUFFIX)


def comment_text(finding: Finding, lang: str = "zh") -> str:
    text = f"{finding.code} {finding.message(lang)}"
    if finding.fix is not None:
        hint = finding.fix.message_en if lang == "en" else finding.fix.message_zh
        if hint:
            text += ("\nfix: " if lang == "en" else "\n建议：") + hint
    return text


# ------------------------------------------------------------------------------ offset mapping


@dataclass
class _Segment:
    start: int  # offsets in the paragraph text *without* the rendered list number
    end: int
    run: object  # the w:r element
    child: object  # the w:t / w:tab / … element that produced the text


class _MapWalker(_Walker):
    """The reader's walk, also recording which run element produced which characters."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.paragraphs: list[tuple[object | None, list[_Segment]]] = []  # per block
        self._cur_p = None
        self._segs: list[_Segment] = []
        self._pos = 0

    def paragraph(self, p, kind, table=None, row=None, col=None) -> None:
        self._cur_p = p
        super().paragraph(p, kind, table, row, col)

    def text(self, p) -> str:
        self._segs = []
        self._pos = 0
        return super().text(p)

    def _append(self, text, kind, place, prefix_len, style, comments) -> None:
        super()._append(text, kind, place, prefix_len, style, comments)
        self.paragraphs.append((self._cur_p, self._segs))
        self._cur_p, self._segs = None, []

    def _emit(self, text: str, r, child) -> None:
        super()._emit(text, r, child)
        if text:
            self._segs.append(_Segment(self._pos, self._pos + len(text), r, child))
            self._pos += len(text)


def _walk(package, body) -> _MapWalker:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    from reportlint.readers.docx import _comments, _element, _Numbering, _related, _Styles

    main = package.main_document_part
    styles = _Styles(_element(_related(main, RT.STYLES)))
    numbering = _Numbering(_element(_related(main, RT.NUMBERING)), styles)
    walker = _MapWalker(numbering, styles, _comments(_element(_related(main, RT.COMMENTS))))
    walker.body(body)
    return walker


# ------------------------------------------------------------------------------ run splitting


def _explode(r, cuts: set[int], segments: list[_Segment]) -> None:
    """Replace run ``r`` by one run per content child, text runs also cut at ``cuts``."""
    rpr = r.find(_RPR)
    starts = {id(s.child): s for s in segments if s.run is r}
    new_runs = []
    for child in list(r):
        if child is rpr:
            continue
        pieces = [child]
        seg = starts.get(id(child))
        if seg is not None and child.tag == _T:
            text = child.text or ""
            inner = sorted(c - seg.start for c in cuts if seg.start < c < seg.end)
            if inner:
                pieces = []
                bounds = [0, *inner, len(text)]
                for a, b in zip(bounds, bounds[1:]):
                    t = copy.deepcopy(child)
                    t.text = text[a:b]
                    t.set(_XML_SPACE, "preserve")
                    pieces.append(t)
        for piece in pieces:
            nr = copy.deepcopy(r)
            for c in list(nr):
                nr.remove(c)
            if rpr is not None:
                nr.append(copy.deepcopy(rpr))
            nr.append(piece if piece is not child else copy.deepcopy(child))
            new_runs.append(nr)
    parent = r.getparent()
    at = parent.index(r)
    for k, nr in enumerate(new_runs):
        parent.insert(at + k, nr)
    parent.remove(r)


def _text_span(finding: Finding, prefix: int, length: int) -> tuple[int, int] | None:
    """The finding's span in run-text offsets; None when it lies in the rendered list number."""
    s, e = finding.start - prefix, finding.end - prefix
    if e <= 0 and not (s == e == 0 and length):
        return None
    s, e = max(0, s), max(0, e)
    if s == e:  # an empty span: the character after it (or before, at the end)
        s, e = (s, s + 1) if s < length else (max(0, s - 1), s)
    return s, min(e, length)


def annotate_docx(source: bytes, findings: list[Finding], lang: str = "zh") -> tuple[bytes, int]:
    """The annotated document and the number of comments added."""
    import docx
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    document = docx.Document(io.BytesIO(source))
    body = document.element.body
    walker = _walk(document.part.package, body)
    for f in findings:
        i = f.block.index
        if i >= len(walker.blocks) or walker.blocks[i].text != f.block.text:
            raise AnnotateError("文件在检查后被修改过，请重新运行", "the file changed after it was checked; run again")

    # pass 1: split runs so that every span edge is a run edge
    cuts_by_block: dict[int, set[int]] = {}
    for f in findings:
        p, segs = walker.paragraphs[f.block.index]
        length = segs[-1].end if segs else 0
        span = _text_span(f, f.block.number_prefix, length)
        if p is not None and span is not None:
            cuts_by_block.setdefault(f.block.index, set()).update(span)
    for index, cuts in cuts_by_block.items():
        _, segs = walker.paragraphs[index]
        runs: dict[int, list[_Segment]] = {}
        order = []
        for s in segs:
            if id(s.run) not in runs:
                runs[id(s.run)] = []
                order.append(s.run)
            runs[id(s.run)].append(s)
        for r in order:
            rs = runs[id(r)]
            if any(rs[0].start < c < rs[-1].end for c in cuts):
                _explode(r, cuts, rs)

    # pass 2: map again over the split runs and anchor the comments
    walker = _walk(document.part.package, body)
    added = 0
    for f in findings:
        p, segs = walker.paragraphs[f.block.index]
        if p is None:
            continue
        paragraph = Paragraph(p, document._body)
        length = segs[-1].end if segs else 0
        span = _text_span(f, f.block.number_prefix, length)
        if span is None or not segs:
            span = (0, length)
        s, e = span
        chosen = [seg for seg in segs if seg.start < e and seg.end > s] or segs
        if chosen:
            first, last = chosen[0].run, chosen[-1].run
        else:  # an empty paragraph: anchor on an empty run
            first = last = paragraph.add_run("")._r
        document.add_comment(
            [Run(first, paragraph), Run(last, paragraph)], text=comment_text(f, lang), author=AUTHOR, initials=INITIALS
        )
        added += 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), added


def annotate_text(result: FileResult, lang: str = "zh") -> tuple[bytes, int]:
    """A .docx rendering of a .txt/.md document (one paragraph per line) with the comments."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    by_block: dict[int, list[Finding]] = {}
    for f in result.findings:
        by_block.setdefault(f.block.index, []).append(f)
    added = 0
    for block in result.document.blocks:
        text = block.text
        paragraph = document.add_paragraph()
        fs = by_block.get(block.index, [])
        spans = {}
        cuts = {0, len(text)}
        for f in fs:
            span = _text_span(f, 0, len(text)) or (0, len(text))
            spans[id(f)] = span
            cuts.update(span)
        bounds = sorted(c for c in cuts if 0 <= c <= len(text))
        pieces = []
        for a, b in zip(bounds, bounds[1:]):
            if a < b:
                pieces.append((a, b, paragraph.add_run(text[a:b])))
        for f in fs:
            s, e = spans[id(f)]
            chosen = [run for a, b, run in pieces if a < e and b > s]
            if not chosen:
                chosen = [paragraph.add_run("")]
            document.add_comment(chosen, text=comment_text(f, lang), author=AUTHOR, initials=INITIALS)
            added += 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), added


def annotate_result(result: FileResult, lang: str = "zh", target: str | Path | None = None) -> tuple[Path, int]:
    """Write the annotated .docx for one checked file; return its path and the comment count."""
    if result.document is None or result.path == "-":
        raise AnnotateError("标准输入无法生成批注文件", "cannot annotate standard input")
    out = Path(target) if target else output_path(result.path)
    if out.resolve() == Path(result.path).resolve():
        raise AnnotateError(f"{out}：输出文件不能覆盖原文件", f"{out}: the output would overwrite the original")
    import docx

    if not hasattr(docx.document.Document, "add_comment"):
        raise AnnotateError("生成批注需要 python-docx 1.2 或更新版本（pip install -U python-docx）",
                            "annotating needs python-docx 1.2 or later (pip install -U python-docx)")
    if result.document.format == "docx":
        try:
            source = Path(result.path).read_bytes()
        except OSError as exc:
            raise AnnotateError(f"{result.path}：无法重新读取（{exc.strerror or exc}）", f"{result.path}: cannot read it again ({exc.strerror or exc})") from None
        data, n = annotate_docx(source, result.findings, lang)
    else:
        data, n = annotate_text(result, lang)
    from reportlint.fix import FixError, atomic_write

    try:  # atomic: a crash mid-write never leaves a half-written .reportlint.docx
        atomic_write(str(out), data)
    except FixError as exc:
        raise AnnotateError(exc.zh, exc.en) from None
    return out, n
