""".docx reader: bytes -> Document, with Word's automatic list numbers rendered into the text.

What the reader sees in Word is what the outline must see. python-docx's ``paragraph.text`` is not
that (../shared/NOTES.md): it has no automatic list numbers, drops tracked insertions and ignores
content controls. So this module extracts text over lxml itself, and python-docx at most opens the
package (relationships, parts, core properties): a well-formed package is opened here over zipfile
and lxml the way python-docx would open it, without importing python-docx (see ``_read_fast``);
anything unusual, and every error, goes through python-docx itself.

Blocks
    One PARAGRAPH block per top-level body paragraph, in body order; ``line`` is its 1-based index
    among python-docx's ``Document.paragraphs`` (direct ``w:p`` children of ``w:body``).
    Paragraphs inside a block-level content control (``w:sdt``, e.g. Word's table of contents or a
    cover page) or a block-level ``w:customXml`` are not in ``Document.paragraphs``; they are still
    text the reader sees, so they become PARAGRAPH blocks too, carrying the ``line`` of the last
    counted paragraph before them (0 if none), like a table.
    Tables: one CELL block per paragraph inside a cell (an empty cell still gives one block with
    empty text), ``table`` = 1-based number of the top-level table in body order, ``row`` = 1-based
    ``w:tr``, ``col`` = 1-based *grid* column where the cell starts (``w:gridBefore`` and
    ``w:gridSpan`` counted, so columns line up across rows with merged cells), ``line`` = the last
    body paragraph before the table. A horizontally merged cell is one ``w:tc`` and so one block; the
    continuation cells of a vertical merge (``w:vMerge`` without ``restart``) are skipped — their
    text lives in the first cell of the merge. Nested tables are flattened into the outer cell
    (their paragraphs keep the outer table/row/col).

Text (the "accept all changes" view)
    Inserted (``w:ins``, ``w:moveTo``) text is kept; deleted (``w:del``/``w:delText``,
    ``w:moveFrom``) text is dropped. Hyperlinks, smart tags, ``w:customXml``, ``w:fldSimple``,
    ``w:sdt``/``w:sdtContent``, ``w:dir``/``w:bdo`` and the base text of ``w:ruby`` are descended
    into. Complex fields: the instruction part (``w:instrText``, and anything between ``begin`` and
    ``separate``) is not text, the result is. ``w:tab``/``w:ptab`` -> ``\\t``;
    ``w:noBreakHyphen`` -> ``-``; ``w:softHyphen`` and ``w:sym`` -> nothing. A line break
    (``w:br`` of type textWrapping, ``w:cr``) -> one space, so a block stays one line for column
    maths; page and column breaks -> nothing (Word shows no character). Hidden runs (``w:vanish``)
    are skipped. Text boxes, drawings, embedded objects, footnote/endnote reference marks and math
    are skipped entirely, so no text is ever produced twice (``mc:AlternateContent`` holds the same
    text box twice).

Numbering model (ECMA-376 17.9, as Word applies it)
    A paragraph's numbering is ``(numId, ilvl)`` from its own ``w:pPr/w:numPr``; a missing numId or
    ilvl is inherited from its paragraph style (``w:pStyle``, or the default paragraph style),
    following ``w:basedOn``. A style's numPr without ``w:ilvl`` uses the level of the abstract
    numbering whose ``w:pStyle`` names the style, else level 0. ``numId`` 0 means "no numbering".
    ``w:num`` -> ``w:abstractNumId`` -> ``w:abstractNum`` (one ``w:numStyleLink`` hop is followed
    to the abstractNum carrying the matching ``w:styleLink``); ``w:lvlOverride`` may replace a level
    (``w:lvl``) or its start (``w:startOverride``).
    Counters: nums that share an abstractNum share one set of counters (a list continues across
    them); a num with a ``w:startOverride`` has its own set (Word's "restart numbering"). Using
    level L sets its counter to ``start`` on first use or after a reset, else adds one, then resets
    every deeper level D whose ``w:lvlRestart`` allows it (absent: any shallower level restarts D;
    0: never; r: levels 0..r-1 restart D). A numbered paragraph advances its counter even when it is
    empty (Word still shows the number, and so does this reader).
    Rendering: ``w:lvlText`` with each ``%N`` replaced by level N-1's counter (its ``start`` if that
    level has not been used yet) in level N-1's own ``w:numFmt`` (``w:isLgl`` forces decimal).
    ``bullet`` renders nothing (a bullet is not a number), ``none`` renders the placeholder empty.
    The separator ``w:suff``: ``nothing`` -> ""; ``space`` -> " "; ``tab`` (default) -> "" because
    lvlText normally ends in its own punctuation (``一、`` ``（一）`` ``1.``), except that a space is
    inserted where the number would otherwise run into the text (``1.`` + ``2025年`` would read as
    ``1.2025年``; ``%1`` + ``加强``). ``Block.number_prefix`` is the length of the rendered number
    plus separator, so offsets after it map back to the runs.

Robustness: every failure is a ReadError with a one-line Chinese and English message. A zip bomb
guard (declared sizes in the central directory, member count, compression ratio) runs before
anything is inflated.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from reportlint.document import Block, BlockKind, Document, ReadError

MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024  # sum of declared uncompressed sizes, bytes
MAX_DOCX_MEMBERS = 10_000
MAX_DOCX_RATIO = 200  # a member this many times smaller than its content ...
RATIO_MIN_SIZE = 10 * 1024 * 1024  # ... and larger than this is refused

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MIB = 1024 * 1024

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


_VAL = _w("val")
_P, _R, _T, _TBL, _TR, _TC = _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc")
_PPR, _RPR, _PSTYLE, _NUMPR, _NUMID, _ILVL = _w("pPr"), _w("rPr"), _w("pStyle"), _w("numPr"), _w("numId"), _w("ilvl")
_SDT, _SDT_CONTENT, _CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
_FLDCHAR, _FLDCHAR_TYPE = _w("fldChar"), _w("fldCharType")
_BR, _BR_TYPE = _w("br"), _w("type")
_RUBY, _RUBY_BASE = _w("ruby"), _w("rubyBase")
_VANISH = _w("vanish")
_CRS, _CRE, _CREF, _ID = _w("commentRangeStart"), _w("commentRangeEnd"), _w("commentReference"), _w("id")
_TCPR, _TRPR, _GRID_SPAN, _GRID_BEFORE, _VMERGE = _w("tcPr"), _w("trPr"), _w("gridSpan"), _w("gridBefore"), _w("vMerge")

# Containers whose children are runs (or more containers) that belong to the paragraph's text.
_RUN_CONTAINERS = frozenset(
    _w(t) for t in ("hyperlink", "smartTag", "customXml", "fldSimple", "ins", "moveTo", "dir", "bdo", "sdtContent")
)
# Run children that produce text (others — delText, instrText, sym, drawings, references — produce none).
_RUN_TEXT = {_w("tab"): "\t", _w("ptab"): "\t", _w("cr"): " ", _w("noBreakHyphen"): "-"}
_FALSE = ("0", "false", "off")


# ------------------------------------------------------------------------------ number formats

_ZH_LOWER = ("〇一二三四五六七八九", "十", "百", "千", "万", "亿", "零")
_ZH_LEGAL = ("零壹贰叁肆伍陆柒捌玖", "拾", "佰", "仟", "万", "亿", "零")
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _chinese(n: int, chars: tuple[str, ...], short_ten: bool) -> str:
    """Chinese counting (一百零一, 二十一, 一万零五); ``short_ten`` writes 10–19 as 十…, not 一十…."""
    digits, ten, hundred, thousand, wan, yi, zero = chars
    if n <= 0:
        return digits[0]

    def below_10000(x: int) -> str:
        out, pending_zero = [], False
        for unit, name in ((1000, thousand), (100, hundred), (10, ten), (1, "")):
            d = x // unit % 10
            if d:
                if pending_zero and out:
                    out.append(zero)
                out.append(digits[d] + name)
                pending_zero = False
            else:
                pending_zero = True
        return "".join(out)

    groups = []  # (value below 10000, unit name), most significant first
    for unit, name in ((10**8, yi), (10**4, wan), (1, "")):
        groups.append((n // unit % 10000 if unit < 10**8 else n // unit, name))
    out: list[str] = []
    for value, name in groups:
        if value:
            if out and value < 1000 and out[-1] != zero:
                out.append(zero)
            out.append(below_10000(value) + name)
        elif out and out[-1] != zero:
            out.append(zero)
    text = "".join(out).rstrip(zero) or digits[0]
    if short_ten and 10 <= n < 20:
        text = text[1:]  # 一十二 -> 十二
    return text


def _letters(n: int, base: str) -> str:
    if n <= 0:
        return ""
    return chr(ord(base) + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Word: Z, AA, BB …


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def _enclosed(n: int, ranges: tuple[tuple[int, int, int], ...]) -> str:
    for lo, hi, base in ranges:
        if lo <= n <= hi:
            return chr(base + n - lo)
    return str(n)


def format_number(n: int, fmt: str) -> str:
    """Render counter value ``n`` in a ``w:numFmt`` format (unknown formats fall back to decimal)."""
    if fmt in ("decimal", "decimalHalfWidth", "arabicAbjad", "ordinal", "cardinalText", "ordinalText"):
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _chinese(n, _ZH_LOWER, short_ten=True)
    if fmt in ("chineseLegalSimplified", "japaneseLegal"):
        return _chinese(n, _ZH_LEGAL, short_ten=False)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_ZH_LOWER[0][int(d)] for d in str(max(n, 0)))
    if fmt in ("ideographTraditional",):
        return _HEAVENLY_STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("ideographZodiac", "ideographZodiacTraditional"):
        return _EARTHLY_BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _enclosed(n, ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1)))
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, ((1, 20, 0x2474),))
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, ((1, 20, 0x2488),))
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULL_WIDTH)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n, "A")
    if fmt == "lowerLetter":
        return _letters(n, "a")
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


# ------------------------------------------------------------------------------ styles, numbering


def _int(value: str | None, default: int | None = None) -> int | None:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def _find(el, tag: str):
    """``el.find(tag)`` for a plain tag: the first child element with it. The walker asks this
    thousands of times of small elements (pPr, rPr, tcPr …), where a plain loop is several times
    faster than ``find``'s path machinery (comments and processing instructions never match: their
    ``tag`` is not a string)."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def _child_val(el, tag: str) -> str | None:
    if el is None:
        return None
    child = _find(el, tag)
    return None if child is None else child.get(_VAL)


# Plain slotted classes, not dataclasses: building a dataclass costs about a millisecond at import.


class _Style:
    __slots__ = ("name", "based_on", "num_id", "ilvl")

    def __init__(self, name: str | None, based_on: str | None, num_id: str | None, ilvl: int | None) -> None:
        self.name = name
        self.based_on = based_on
        self.num_id = num_id  # from pPr/numPr, None when absent
        self.ilvl = ilvl


# python-docx's ``BabelFish.internal2ui`` table (docx/styles/__init__.py, python-docx 1.2): the
# styles.xml names Word shows capitalised. Copied so reading never imports python-docx.
_UI_STYLE_NAMES = {
    "caption": "Caption",
    "footer": "Footer",
    "header": "Header",
    **{f"heading {n}": f"Heading {n}" for n in range(1, 10)},
}


class _Styles:
    """styles.xml, read lazily: Word's template defines hundreds of styles, a report uses a few."""

    def __init__(self, root) -> None:
        self.default_paragraph: str | None = None
        self._elements: dict[str, object] = {}  # styleId -> its w:style (the last one, like a dict of _Style)
        self._styles: dict[str, _Style] = {}
        self._names: dict[str | None, str | None] = {}
        self._numbering: dict[str | None, tuple[str | None, int | None, str | None]] = {}
        if root is None:
            return
        style_id, style_type, default = _w("styleId"), _w("type"), _w("default")
        for st in root.iterchildren(_w("style")):
            sid = st.get(style_id)
            if sid is None:
                continue
            self._elements[sid] = st
            if st.get(style_type) == "paragraph" and st.get(default) in ("1", "true", "on"):
                self.default_paragraph = sid

    def get(self, style_id: str | None) -> _Style | None:
        """The style with this id, or None."""
        style = self._styles.get(style_id)  # type: ignore[arg-type]
        if style is None:
            st = self._elements.get(style_id)  # type: ignore[arg-type]
            if st is None:
                return None
            numpr = st.find(f"{_PPR}/{_NUMPR}")
            style = self._styles[style_id] = _Style(  # type: ignore[index]
                name=_child_val(st, _w("name")),
                based_on=_child_val(st, _w("basedOn")),
                num_id=_child_val(numpr, _NUMID),
                ilvl=_int(_child_val(numpr, _ILVL)),
            )
        return style

    @property
    def by_id(self) -> dict[str, _Style]:
        return {sid: self.get(sid) for sid in self._elements}  # type: ignore[misc]

    def name(self, style_id: str | None) -> str | None:
        """The style's name as python-docx reports ``style.name`` ("Heading 1", not "heading 1")."""
        if style_id in self._names:
            return self._names[style_id]
        style = self.get(style_id) if style_id else None
        name = None
        if style is not None and style.name is not None:
            name = _UI_STYLE_NAMES.get(style.name, style.name)
        self._names[style_id] = name
        return name

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, id of the style that carries the numId), following basedOn."""
        found = self._numbering.get(style_id)
        if found is not None:
            return found
        first = style_id
        num_id = ilvl = owner = None
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.get(style_id)
            if style is None:
                break
            if num_id is None and style.num_id is not None:
                num_id, owner = style.num_id, style_id
            if ilvl is None and style.ilvl is not None:
                ilvl = style.ilvl
            if num_id is not None and ilvl is not None:
                break
            style_id = style.based_on
        found = self._numbering[first] = (num_id, ilvl, owner)
        return found


class _Level:
    __slots__ = ("start", "fmt", "text", "restart", "legal", "suff", "pstyle")

    def __init__(
        self,
        start: int = 1,
        fmt: str = "decimal",
        text: str | None = None,  # w:lvlText; None when absent (nothing is rendered)
        restart: int | None = None,  # w:lvlRestart; None = restart after any shallower level
        legal: bool = False,  # w:isLgl
        suff: str = "tab",
        pstyle: str | None = None,
    ) -> None:
        self.start, self.fmt, self.text, self.restart = start, fmt, text, restart
        self.legal, self.suff, self.pstyle = legal, suff, pstyle

    def with_start(self, start: int) -> _Level:
        return _Level(start, self.fmt, self.text, self.restart, self.legal, self.suff, self.pstyle)


def _parse_level(el) -> _Level:
    fmt_el = el.find(_w("numFmt"))
    if fmt_el is None:  # Word 2010+ may wrap a custom format in mc:AlternateContent; take the fallback
        fmt_el = el.find(f"{{{_MC_NS}}}AlternateContent/{{{_MC_NS}}}Fallback/{_w('numFmt')}")
    legal = el.find(_w("isLgl"))
    return _Level(
        start=_int(_child_val(el, _w("start")), 1) or 0,
        fmt=(fmt_el.get(_VAL) if fmt_el is not None else None) or "decimal",
        text=_child_val(el, _w("lvlText")),
        restart=_int(_child_val(el, _w("lvlRestart"))),
        legal=legal is not None and legal.get(_VAL) not in _FALSE,
        suff=_child_val(el, _w("suff")) or "tab",
        pstyle=_child_val(el, _PSTYLE),
    )


class _Instance:
    __slots__ = ("counters_key", "levels")

    def __init__(self, counters_key: tuple[str, str], levels: dict[int, _Level]) -> None:
        self.counters_key = counters_key
        self.levels = levels


class _Numbering:
    """numbering.xml plus the running counters of every list."""

    def __init__(self, root, styles: _Styles) -> None:
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}  # abstractNumId -> numStyleLink style id
        self.linked_by: dict[str, str] = {}  # styleLink style id -> abstractNumId
        self.nums: dict[str, object] = {}  # numId -> w:num element (read lazily by ``instance``)
        self.counters: dict[tuple[str, str], list[int | None]] = {}
        self._instances: dict[str, _Instance | None] = {}
        if root is None:
            return
        for an in root.iterchildren(_w("abstractNum")):
            aid = an.get(_w("abstractNumId"))
            if aid is None:
                continue
            levels = {}
            for lvl in an.iterchildren(_w("lvl")):
                ilvl = _int(lvl.get(_w("ilvl")))
                if ilvl is not None and 0 <= ilvl <= 8:
                    levels[ilvl] = _parse_level(lvl)
            self.abstract[aid] = levels
            link = _child_val(an, _w("numStyleLink"))
            if link:
                self.style_link[aid] = link
            owner = _child_val(an, _w("styleLink"))
            if owner:
                self.linked_by[owner] = aid
        for num in root.iterchildren(_w("num")):
            nid = num.get(_w("numId"))
            if nid is not None:
                self.nums[nid] = num

    def _abstract_of(self, num_id: str, depth: int = 0) -> str | None:
        num = self.nums.get(num_id)
        aid = _child_val(num, _w("abstractNumId")) if num is not None else None
        if aid is None or depth > 3:
            return aid
        link = self.style_link.get(aid)
        if link:  # numStyleLink: the real definition is the abstractNum with the matching styleLink
            if link in self.linked_by:
                return self.linked_by[link]
            style_num, _, _ = self.styles.numbering(link)
            if style_num and style_num != num_id:
                return self._abstract_of(style_num, depth + 1)
        return aid

    def instance(self, num_id: str) -> _Instance | None:
        if num_id in self._instances:
            return self._instances[num_id]
        inst = None
        aid = self._abstract_of(num_id)
        if aid is not None and aid in self.abstract:
            levels = dict(self.abstract[aid])
            own_counters = False
            for ov in self.nums[num_id].iterchildren(_w("lvlOverride")):
                ilvl = _int(ov.get(_w("ilvl")))
                if ilvl is None or not 0 <= ilvl <= 8:
                    continue
                lvl_el = ov.find(_w("lvl"))
                if lvl_el is not None:
                    levels[ilvl] = _parse_level(lvl_el)
                start = _int(_child_val(ov, _w("startOverride")))
                if start is not None:
                    levels[ilvl] = levels.get(ilvl, _Level()).with_start(start)
                    own_counters = True
            inst = _Instance(("num", num_id) if own_counters else ("abstract", aid), levels)
        self._instances[num_id] = inst
        return inst

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        inst = self.instance(num_id)
        if inst is None or style_id is None:
            return None
        for ilvl, lvl in sorted(inst.levels.items()):
            if lvl.pstyle == style_id:
                return ilvl
        return None

    def advance(self, num_id: str, ilvl: int) -> str:
        """Count one paragraph at (numId, ilvl) and return its rendered number ("" if none)."""
        inst = self.instance(num_id)
        if inst is None:
            return ""
        levels = inst.levels
        level = levels.get(ilvl)
        if level is None:
            return ""
        counts = self.counters.setdefault(inst.counters_key, [None] * 9)
        counts[ilvl] = level.start if counts[ilvl] is None else counts[ilvl] + 1  # type: ignore[operator]
        for deeper in range(ilvl + 1, 9):
            d = levels.get(deeper)
            restart = d.restart if d is not None else None
            if restart is None or (restart != 0 and ilvl < restart):
                counts[deeper] = None
        if level.fmt == "bullet" or not level.text:
            return ""

        def placeholder(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k)
            value = counts[k]
            if value is None:
                value = lv.start if lv is not None else 1
            fmt = lv.fmt if lv is not None else "decimal"
            if level.legal and fmt not in ("none", "bullet"):
                fmt = "decimal"
            return format_number(value, fmt)

        return re.sub(r"%([1-9])", placeholder, level.text)

    def suffix(self, num_id: str, ilvl: int) -> str:
        inst = self.instance(num_id)
        level = inst.levels.get(ilvl) if inst else None
        return level.suff if level else "tab"


def _separator(number: str, suff: str, text: str) -> str:
    """What stands between a rendered number and the paragraph text (see the module docstring)."""
    if suff == "nothing" or not number:
        return ""
    if suff == "space":
        return " "
    last = number[-1]
    first = text[:1]
    if last.isascii() and last.isalnum():  # "%1" + "加强", "1.2" + "加强": keep them apart
        return " " if first and not first.isspace() else ""
    if last in ".．" and first.isascii() and first.isalnum():  # "1." + "2025年" is not "1.2025年"
        return " "
    return ""


# ------------------------------------------------------------------------------ text extraction


def _children(el, tag: str):
    """Children of ``el`` with ``tag``, looking through row/cell-level sdt and customXml wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            content = _find(child, _SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == _CUSTOM_XML:
            yield from _children(child, tag)


class _Walker:
    """Walks the body in order, producing blocks; holds the numbering and comment state."""

    def __init__(self, numbering: _Numbering, styles: _Styles, comments: dict[str, str]) -> None:
        self.numbering = numbering
        self.styles = styles
        self.comment_text = comments
        self.open_comments: dict[str, None] = {}  # ids of comment ranges open across paragraphs
        self.blocks: list[Block] = []
        self.line = 0  # counted top-level paragraphs so far
        self.tables = 0
        # per-paragraph state
        self._out: list[str] = []
        self._fields: list[bool] = []  # one per open complex field: True once past "separate"
        self._para_comments: dict[str, None] = {}

    # body ----------------------------------------------------------------------------------

    def body(self, body) -> None:
        for child in body:
            tag = child.tag
            if tag == _P:
                self.line += 1
                self.paragraph(child, BlockKind.PARAGRAPH)
            elif tag == _TBL:
                self.tables += 1
                self.table(child, self.tables, None)
            else:
                self._block_container(child, in_cell=None)

    def _block_container(self, el, in_cell: tuple[int, int, int] | None) -> None:
        """Block-level sdt/customXml (their paragraphs are not in Document.paragraphs) and markers."""
        tag = el.tag
        if tag == _SDT:
            content = _find(el, _SDT_CONTENT)
            if content is not None:
                self._blocks_in(content, in_cell)
        elif tag == _CUSTOM_XML:
            self._blocks_in(el, in_cell)
        elif tag == _CRS:
            self.open_comments[el.get(_ID, "")] = None
        elif tag == _CRE:
            self.open_comments.pop(el.get(_ID, ""), None)

    def _blocks_in(self, el, in_cell: tuple[int, int, int] | None) -> None:
        for child in el:
            tag = child.tag
            if tag == _P:
                if in_cell is None:
                    self.paragraph(child, BlockKind.PARAGRAPH)
                else:
                    self.paragraph(child, BlockKind.CELL, *in_cell)
            elif tag == _TBL:
                if in_cell is None:
                    self.tables += 1
                    self.table(child, self.tables, None)
                else:
                    self.table(child, in_cell[0], in_cell)
            else:
                self._block_container(child, in_cell)

    def table(self, tbl, number: int, outer: tuple[int, int, int] | None) -> None:
        """Cells in row order; ``outer`` set for a nested table (its cells keep outer coordinates)."""
        row_no = 0
        for tr in _children(tbl, _TR):
            row_no += 1
            trpr = _find(tr, _TRPR)
            col = 1 + (_int(_child_val(trpr, _GRID_BEFORE), 0) or 0)
            for tc in _children(tr, _TC):
                tcpr = _find(tc, _TCPR)
                span = max(1, _int(_child_val(tcpr, _GRID_SPAN), 1) or 1)
                vmerge = _find(tcpr, _VMERGE) if tcpr is not None else None
                continuation = vmerge is not None and vmerge.get(_VAL) in (None, "continue")
                if not continuation:
                    place = outer or (number, row_no, col)
                    before = len(self.blocks)
                    self._blocks_in(tc, place)
                    if len(self.blocks) == before and outer is None:  # a cell with no paragraph at all
                        self._append("", BlockKind.CELL, place, 0, None, ())
                col += span

    # paragraph -----------------------------------------------------------------------------

    def paragraph(self, p, kind: BlockKind, table: int | None = None, row: int | None = None, col: int | None = None) -> None:
        self._para_comments = dict(self.open_comments)
        text = self.text(p)
        ppr = _find(p, _PPR)
        pstyle = _find(ppr, _PSTYLE) if ppr is not None else None
        style_id = (pstyle.get(_VAL) if pstyle is not None else None) or self.styles.default_paragraph
        prefix = self._number(ppr, style_id, text)
        if prefix:
            text = prefix + text
        comment_text = self.comment_text
        comments = tuple(comment_text[c] for c in self._para_comments if c in comment_text) if comment_text else ()
        place = (table, row, col) if kind is BlockKind.CELL else None
        self._append(text, kind, place, len(prefix), self.styles.name(style_id), comments)

    def _append(self, text, kind, place, prefix_len, style, comments) -> None:
        table, row, col = place if place else (None, None, None)
        self.blocks.append(
            Block(
                index=len(self.blocks),
                text=text,
                line=self.line,
                kind=kind,
                table=table,
                row=row,
                col=col,
                number_prefix=prefix_len,
                style=style,
                comments=comments,
            )
        )

    def _number(self, ppr, style_id: str | None, text: str) -> str:
        numpr = _find(ppr, _NUMPR) if ppr is not None else None
        if numpr is None:
            num_id = ilvl = None
        else:
            num_id = _child_val(numpr, _NUMID)
            ilvl = _int(_child_val(numpr, _ILVL))
        if num_id is None or ilvl is None:
            s_num, s_ilvl, owner = self.styles.numbering(style_id)
            if num_id is None:
                num_id = s_num
                if ilvl is None and s_num is not None:
                    ilvl = s_ilvl
                    if ilvl is None:
                        ilvl = self.numbering.level_for_style(s_num, style_id)
                        if ilvl is None and owner != style_id:
                            ilvl = self.numbering.level_for_style(s_num, owner)
        if num_id is None or num_id == "0":
            return ""
        if ilvl is None or not 0 <= ilvl <= 8:
            ilvl = 0
        if not text.strip() and ppr is not None and ppr.find(f"{_RPR}/{_w('del')}") is not None:
            return ""  # a deleted, now empty paragraph: gone in the accept-all view
        number = self.numbering.advance(num_id, ilvl)
        if not number:
            return ""
        return number + _separator(number, self.numbering.suffix(num_id, ilvl), text)

    def text(self, p) -> str:
        """The accept-all text of one paragraph (without its list number)."""
        self._out = []
        self._fields = []  # complex fields do not span paragraphs here: a broken one cannot eat the rest
        self._inline(p)
        return "".join(self._out)

    def _inline(self, el) -> None:
        for child in el:
            tag = child.tag
            if tag == _R:
                self._run(child)
            elif tag in _RUN_CONTAINERS:
                self._inline(child)
            elif tag == _SDT:
                content = _find(child, _SDT_CONTENT)
                if content is not None:
                    self._inline(content)
            elif tag == _RUBY:
                base = _find(child, _RUBY_BASE)
                if base is not None:
                    self._inline(base)
            elif tag == _CRS:
                cid = child.get(_ID, "")
                self.open_comments[cid] = None
                self._para_comments[cid] = None
            elif tag == _CRE:
                self.open_comments.pop(child.get(_ID, ""), None)
            # everything else (pPr, del, moveFrom, bookmarks, proofErr, math …) carries no text

    def _emit(self, text: str, r, child) -> None:
        """One piece of a paragraph's text, produced by ``child`` of run ``r``. Subclasses that map
        text offsets back to the XML (annotate, fix) override this hook and call it."""
        self._out.append(text)

    def _run(self, r) -> None:
        rpr = _find(r, _RPR)
        hidden = False
        if rpr is not None:
            vanish = _find(rpr, _VANISH)
            hidden = vanish is not None and vanish.get(_VAL) not in _FALSE
        emit = self._emit
        fields = self._fields
        for child in r:
            tag = child.tag
            if tag == _T:
                if not hidden and all(fields):
                    emit(child.text or "", r, child)
            elif tag == _FLDCHAR:
                kind = child.get(_FLDCHAR_TYPE)
                if kind == "begin":
                    fields.append(False)
                elif kind == "separate" and fields:
                    fields[-1] = True
                elif kind == "end" and fields:
                    fields.pop()
            elif tag in _RUN_TEXT:
                if not hidden and all(fields):
                    emit(_RUN_TEXT[tag], r, child)
            elif tag == _BR:
                if not hidden and all(fields) and child.get(_BR_TYPE) not in ("page", "column"):
                    emit(" ", r, child)
            elif tag == _CREF:
                self._para_comments[child.get(_ID, "")] = None
            # delText, instrText, sym, softHyphen, drawing, pict, object, AlternateContent,
            # footnote/endnote references, lastRenderedPageBreak: no text


def _comments(part_el) -> dict[str, str]:
    """comment id -> its text (paragraphs joined by newlines), extracted like body text."""
    if part_el is None:
        return {}
    walker = _Walker(_Numbering(None, _Styles(None)), _Styles(None), {})
    out: dict[str, str] = {}
    for c in part_el.iterchildren(_w("comment")):
        cid = c.get(_ID)
        if cid is None:
            continue
        out[cid] = "\n".join(walker.text(p) for p in c.iter(_P)).strip()
    return out


# ------------------------------------------------------------------------------ package


def _guard_zip(data: bytes, path: str, max_uncompressed: int) -> None:
    """Refuse zip bombs by the central directory alone, before anything is inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except Exception:  # noqa: BLE001 - BadZipFile, EOFError, struct errors on a damaged directory …
        raise _not_zip(path) from None
    if len(infos) > MAX_DOCX_MEMBERS:
        raise ReadError(
            path,
            f"{path}：压缩包内文件过多（{len(infos)} 个，上限 {MAX_DOCX_MEMBERS} 个），疑似压缩炸弹，已拒绝读取；请用 Word/WPS 打开后另存为 .docx",
            f"{path}: too many files in the archive ({len(infos)}, limit {MAX_DOCX_MEMBERS}); refused as a possible zip bomb — open it in Word/WPS and save as .docx",
        )
    total = sum(i.file_size for i in infos)
    if total > max_uncompressed:
        from reportlint.readers import format_size
        raise ReadError(
            path,
            f"{path}：解压后过大（{format_size(total)}，上限 {format_size(max_uncompressed)}），疑似压缩炸弹，已拒绝读取；如是正常文档，请删去大图片或嵌入对象后重试，或用 --max-docx-size（配置项 max-docx-size）调高上限",
            f"{path}: too large when unpacked ({format_size(total)}, limit {format_size(max_uncompressed)}); refused as a possible zip bomb — remove large images or embedded objects and retry, or raise the limit with --max-docx-size (setting max-docx-size)",
        )
    for i in infos:
        ratio = i.file_size / max(i.compress_size, 1)
        if i.file_size > RATIO_MIN_SIZE and ratio > MAX_DOCX_RATIO:
            raise ReadError(
                path,
                f"{path}：压缩包中的 {i.filename} 压缩比异常（{ratio:.0f}:1），疑似压缩炸弹，已拒绝读取",
                f"{path}: member {i.filename} has an abnormal compression ratio ({ratio:.0f}:1); refused as a possible zip bomb",
            )


def _not_zip(path: str) -> ReadError:
    return ReadError(
        path,
        f"{path}：不是有效的 .docx 文件（不是完整的 zip 压缩包，可能已损坏、下载不完整或扩展名有误），请用 Word/WPS 打开后另存为 .docx",
        f"{path}: not a valid .docx (not a complete zip archive: damaged, truncated or misnamed); open it in Word/WPS and save it as .docx",
    )


def _no_document(path: str, data: bytes) -> ReadError:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            rels = zf.read("_rels/.rels") if "_rels/.rels" in zf.namelist() else b""
    except Exception:  # noqa: BLE001 - only used to choose the message
        rels = b""
    if b"purl.oclc.org/ooxml" in rels:
        return ReadError(
            path,
            f"{path}：是“Strict Open XML”格式的 Word 文档，暂不支持；请在 Word 中另存为普通的“Word 文档(*.docx)”",
            f"{path}: a 'Strict Open XML' Word document is not supported; save it as a regular 'Word Document (*.docx)'",
        )
    return ReadError(
        path,
        f"{path}：不是 Word 文档（压缩包中找不到正文部分 word/document.xml），请用 Word/WPS 打开后另存为 .docx",
        f"{path}: not a Word document (the archive has no main document part word/document.xml); open it in Word/WPS and save it as .docx",
    )


def _element(part):
    """A part's XML root: python-docx's parsed element, or the blob parsed safely."""
    if part is None:
        return None
    element = getattr(part, "element", None)
    if element is not None:
        return element
    from docx.oxml.parser import parse_xml

    return parse_xml(part.blob)


def _related(part, reltype: str):
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    return None


def _properties(package) -> dict[str, object]:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = _related(package, RT.CORE_PROPERTIES)  # not package.core_properties: it invents defaults
    props = getattr(part, "core_properties", None)
    out: dict[str, object] = {}
    if props is None:
        return out
    for key in ("title", "author", "last_modified_by"):
        value = getattr(props, key, None)
        if value:
            out[key] = value
    for key in ("created", "modified"):
        value = getattr(props, key, None)
        if value is not None:
            out[key] = value.isoformat()
    return out


# ------------------------------------------------------------------------------ fast package
#
# Importing python-docx costs more than reading a 30-page report with it, and its parser gives every
# element a Python proxy class. So ``_read_fast`` opens the package over zipfile and lxml the way
# python-docx 1.2's ``Package.open`` does: the same parts, reached through the same relationships,
# looked up in [Content_Types].xml the same way, the same parts parsed as XML with the same parser
# options, so the walker sees the same XML. Whatever python-docx could object to (a missing part or
# content type, XML it cannot parse, a relationship it cannot resolve, unusual core properties …)
# is not judged here: the fast path gives up (``_Fallback``, or any exception) and ``read_docx``
# falls back to ``_read``, which opens the package with python-docx as before, so every message and
# edge case stays exactly python-docx's. (Checked against the old reader on every .docx the tests
# build and on a few thousand mutated packages: same blocks, properties and messages.)

_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PR_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_RT_OFFICE_DOCUMENT, _RT_STYLES, _RT_NUMBERING, _RT_COMMENTS, _RT_IMAGE = (
    _RT + t for t in ("officeDocument", "styles", "numbering", "comments", "image")
)
_RT_CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_CT_CORE_PROPERTIES = "application/vnd.openxmlformats-package.core-properties+xml"
# The content types python-docx loads as XML parts (``PartFactory.part_type_for``): parsed on open.
_XML_PART_TYPES = frozenset(
    [_CT_CORE_PROPERTIES]
    + [
        f"application/vnd.openxmlformats-officedocument.wordprocessingml.{t}+xml"
        for t in ("comments", "document.main", "footer", "header", "numbering", "settings", "styles")
    ]
)
_CP_NS = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_DC_NS = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS_NS = "{http://purl.org/dc/terms/}"
_MAX_PART_DEPTH = 24  # python-docx walks the relationship graph recursively: leave deeper chains to it

_parser = None


class _Fallback(Exception):
    """Something the fast path does not model: python-docx reads the package instead."""


def _parse(blob: bytes):
    """``docx.oxml.parser.parse_xml`` with the same parser options, minus python-docx's element classes."""
    global _parser
    from lxml import etree

    if _parser is None:
        _parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    return etree.fromstring(blob, _parser)


class _FastPart:
    __slots__ = ("content_type", "reltype", "blob", "element", "rels")

    def __init__(self, reltype) -> None:
        self.reltype = reltype  # of the relationship python-docx first reached the part by
        self.content_type = self.blob = self.element = None
        self.rels: list[tuple] = []


def _fast_rels(zf: zipfile.ZipFile, source: str) -> list[tuple]:
    """(rId, reltype, is_external, target partname) of ``source``'s .rels item ("/": the package's)."""
    base, filename = posixpath.split(source)
    try:
        xml = zf.read(posixpath.join(base, "_rels", filename + ".rels")[1:])
    except KeyError:
        return []
    root = _parse(xml)
    if root.tag != _PR_NS + "Relationships":
        raise _Fallback
    rels = []
    for rel in root.findall(_PR_NS + "Relationship"):
        external = rel.get("TargetMode", "Internal") == "External"
        target = None if external else posixpath.abspath(posixpath.join(base, rel.get("Target")))
        rels.append((rel.get("Id"), rel.get("Type"), external, target))
    return rels


def _fast_package(zf: zipfile.ZipFile) -> tuple[dict[str, _FastPart], list[tuple]]:
    """Every part reachable from the package relationships, keyed by partname, and those relationships."""
    types = _parse(zf.read("[Content_Types].xml"))
    if types.tag != _CT_NS + "Types":
        raise _Fallback

    def content_types(tag: str, key: str) -> dict[str, str | None]:
        """Lower-cased ``key`` (part name, extension) -> content type, the last entry winning."""
        table = {}
        for item in types.findall(_CT_NS + tag):
            name = item.get(key)
            if name is None:
                raise _Fallback
            table[name.lower()] = item.get("ContentType")
        return table

    overrides, defaults = content_types("Override", "PartName"), content_types("Default", "Extension")
    parts: dict[str, _FastPart] = {}

    def walk(rels: list[tuple], depth: int) -> None:
        if depth > _MAX_PART_DEPTH:
            raise _Fallback
        for _rid, reltype, external, name in rels:
            if external or name in parts:
                continue
            part = parts[name] = _FastPart(reltype)
            part.rels = _fast_rels(zf, name)
            part.blob = zf.read(name[1:])
            key = name.lower()
            if key in overrides:
                part.content_type = overrides[key]
            else:
                ext = posixpath.splitext(name)[1]
                ext = ext[1:] if ext.startswith(".") else ext
                part.content_type = defaults[ext.lower()]  # KeyError: python-docx says why
            if reltype != _RT_IMAGE and part.content_type in _XML_PART_TYPES:
                part.element = _parse(part.blob)
            walk(part.rels, depth + 1)

    package_rels = _fast_rels(zf, "/")
    walk(package_rels, 0)
    return parts, package_rels


def _fast_related(parts: dict[str, _FastPart], rels: list[tuple], reltype: str) -> _FastPart | None:
    """``_related`` over the fast package: the first internal relationship of ``reltype`` by rId."""
    by_id = {rid: (rt, external, name) for rid, rt, external, name in rels}
    for rt, external, name in by_id.values():
        if rt == reltype and not external:
            return parts[name]
    return None


def _fast_element(part: _FastPart | None):
    """``_element`` over the fast package."""
    if part is None:
        return None
    if part.element is None:
        part.element = _parse(part.blob or b"")
    return part.element


def _w3cdtf(text: str):
    """python-docx's ``CT_CoreProperties._parse_W3CDTF_to_datetime``: ValueError if unparseable."""
    import datetime as dt

    parseable, offset = text[:19], text[19:]
    value = None
    s = parseable
    if len(s) == 19 and s.isascii() and s[4] == s[7] == "-" and s[10] == "T" and s[13] == s[16] == ":":
        digits = (s[0:4], s[5:7], s[8:10], s[11:13], s[14:16], s[17:19])
        if "".join(digits).isdigit():  # strptime("%Y-%m-%dT%H:%M:%S"), without importing _strptime
            try:
                value = dt.datetime(*map(int, digits))
            except ValueError:
                value = None
    if value is None:
        for template in ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%Y-%m", "%Y"):
            try:
                value = dt.datetime.strptime(parseable, template)
            except ValueError:
                continue
    if value is None:
        raise ValueError(text)
    if len(offset) == 6:
        match = re.match(r"([+-])(\d\d):(\d\d)", offset)
        if match is None:
            raise ValueError(offset)
        sign, hours, minutes = match.groups()
        factor = -1 if sign == "+" else 1
        value = value + dt.timedelta(hours=int(hours) * factor, minutes=int(minutes) * factor)
    return value.replace(tzinfo=dt.timezone.utc)


def _fast_properties(parts: dict[str, _FastPart], package_rels: list[tuple]) -> dict[str, object]:
    """``_properties`` over the fast package (python-docx's CoreProperties, read the same way)."""
    part = _fast_related(parts, package_rels, _RT_CORE_PROPERTIES)
    out: dict[str, object] = {}
    if part is None or part.reltype == _RT_IMAGE or part.content_type not in _XML_PART_TYPES:
        return out  # a plain part: python-docx gives it no core_properties
    if part.content_type != _CT_CORE_PROPERTIES or part.element.tag != _CP_NS + "coreProperties":
        raise _Fallback
    root = part.element
    for key, tag in (("title", _DC_NS + "title"), ("author", _DC_NS + "creator"), ("last_modified_by", _CP_NS + "lastModifiedBy")):
        el = root.find(tag)
        value = "" if el is None or el.text is None else el.text
        if value:
            out[key] = value
    for key, tag in (("created", _DCTERMS_NS + "created"), ("modified", _DCTERMS_NS + "modified")):
        el = root.find(tag)
        if el is None:
            continue
        try:
            value = _w3cdtf(el.text)  # a TypeError (no text) fails python-docx too: fall back
        except ValueError:
            continue
        out[key] = value.isoformat()
    return out


def _read_fast(data: bytes, path: str) -> Document:
    """``_read`` without python-docx; raises (anything) where python-docx must decide."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts, package_rels = _fast_package(zf)
    mains = [v for v in {r[0]: r[1:] for r in package_rels}.values() if v[0] == _RT_OFFICE_DOCUMENT]
    if len(mains) != 1 or mains[0][1]:
        raise _Fallback
    main = parts[mains[0][2]]
    root = _fast_element(main)
    body = root.find(_w("body")) if root.tag == _w("document") else None
    if body is None:
        raise _Fallback
    styles = _Styles(_fast_element(_fast_related(parts, main.rels, _RT_STYLES)))
    numbering = _Numbering(_fast_element(_fast_related(parts, main.rels, _RT_NUMBERING)), styles)
    comments = _comments(_fast_element(_fast_related(parts, main.rels, _RT_COMMENTS)))
    walker = _Walker(numbering, styles, comments)
    walker.body(body)
    return Document(path=path, format="docx", blocks=walker.blocks, properties=_fast_properties(parts, package_rels))


def read_docx(data: bytes, path: str, *, max_uncompressed: int = MAX_DOCX_UNCOMPRESSED) -> Document:
    """Read a .docx into a Document (see the module docstring); raise ReadError on any failure."""
    if not data:
        raise ReadError(path, f"{path}：文件为空，不是有效的 .docx", f"{path}: the file is empty, not a valid .docx")
    if data.startswith(_OLE_MAGIC):
        raise ReadError(
            path,
            f"{path}：文件已加密（设置了打开密码）或是旧版 .doc 格式，请在 Word/WPS 中取消密码后另存为不加密的 .docx 再检查",
            f"{path}: the file is encrypted (password-protected) or an old .doc; remove the password and save it as an unprotected .docx",
        )
    if not data.startswith(b"PK"):
        raise _not_zip(path)
    _guard_zip(data, path, max_uncompressed)
    try:
        return _read_fast(data, path)
    except Exception:  # noqa: BLE001, S110 - anything unusual: python-docx reads it below and words any error
        pass

    try:
        from lxml.etree import XMLSyntaxError
    except ImportError:  # pragma: no cover - lxml is a python-docx dependency
        XMLSyntaxError = SyntaxError  # type: ignore[assignment,misc]
    try:
        return _read(data, path)
    except ReadError:
        raise
    except (zipfile.BadZipFile, EOFError):
        raise _not_zip(path) from None
    except KeyError:
        raise _no_document(path, data) from None
    except XMLSyntaxError as exc:
        where = f"第 {exc.lineno} 行" if getattr(exc, "lineno", None) else "位置未知"
        raise ReadError(
            path,
            f"{path}：文档内部的 XML 已损坏（{where}），请用 Word/WPS 打开修复后另存为 .docx",
            f"{path}: the document's XML is damaged ({exc.msg if hasattr(exc, 'msg') else exc}); open it in Word/WPS to repair it and save it as .docx",
        ) from None
    except Exception as exc:  # noqa: BLE001 - anything python-docx/lxml/zipfile may raise
        detail = " ".join(f"{exc.__class__.__name__}: {exc}".split())[:160]
        raise ReadError(
            path,
            f"{path}：无法读取 .docx（{detail}），请用 Word/WPS 打开后另存为 .docx 再试",
            f"{path}: cannot read the .docx ({detail}); open it in Word/WPS, save it as .docx and retry",
        ) from None


def _read(data: bytes, path: str) -> Document:
    """The package opened by python-docx (called at the same stack depth as ever: a RecursionError
    inside python-docx words its message by where the limit is hit)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.package import Package

    package = Package.open(io.BytesIO(data))
    main = package.main_document_part  # KeyError when the package has no main document
    root = _element(main)
    body = root.find(_w("body")) if root is not None and root.tag == _w("document") else None
    if body is None:
        ct = getattr(main, "content_type", "?")
        raise ReadError(
            path,
            f"{path}：不是 Word 文档（主体内容类型为 {ct}，可能是改了扩展名的 Excel/PowerPoint 文件）",
            f"{path}: not a Word document (main part content type {ct}; perhaps a renamed Excel/PowerPoint file)",
        )
    styles = _Styles(_element(_related(main, RT.STYLES)))
    numbering = _Numbering(_element(_related(main, RT.NUMBERING)), styles)
    comments = _comments(_element(_related(main, RT.COMMENTS)))
    walker = _Walker(numbering, styles, comments)
    walker.body(body)
    return Document(path=path, format="docx", blocks=walker.blocks, properties=_properties(package))
