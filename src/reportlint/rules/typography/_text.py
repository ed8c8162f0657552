"""Character classes and spans shared by the typography rules (T501–T509).

``exempt_spans`` are the parts of a block no typography rule looks at: URLs, e-mail addresses,
file names, Markdown code and link targets (ruleset ``halfwidth_exempt``), and a heading's
outline marker at the start of the block (marker style is T505's business).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from reportlint.document import Block
from reportlint.frozen import by_identity
from reportlint.outline import match_heading
from reportlint.prefilter import Gate, compiled
from reportlint.rules.base import Context

CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{CJK_CLASS}]")
FW_OPEN = "“‘（《〈【「『〔"
FW_CLOSE = "”’）》〉】」』〕"
FW_STOP = "，。、；：？！…—·"
FULL_WIDTH_PUNCT = FW_OPEN + FW_CLOSE + FW_STOP


def is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff")


def cjk_count(text: str) -> int:
    return len(CJK_RE.findall(text))


def quote(text: str, width: int = 16) -> str:
    """A short excerpt as quoted in a message."""
    text = text.strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def context(text: str, start: int, end: int, before: int = 6, after: int = 6) -> str:
    """The matched text with a few characters around it, as quoted in a message."""
    a = max(0, start - before)
    b = min(len(text), end + after)
    return ("…" if a > 0 else "") + text[a:b] + ("…" if b < len(text) else "")


@lru_cache(maxsize=8)
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(compiled(p) for p in patterns)


class Spans:
    """A sorted set of [start, end) ranges with a fast membership test."""

    __slots__ = ("ranges", "_starts")

    def __init__(self, ranges: list[tuple[int, int]]):
        merged: list[tuple[int, int]] = []
        if len(ranges) == 1:  # the usual case when there is any: no sort, no merge
            a, b = ranges[0]
            if b > a:
                merged.append((a, b))
        else:
            for a, b in sorted(r for r in ranges if r[1] > r[0]):
                if merged and a <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(merged[-1][1], b))
                else:
                    merged.append((a, b))
        self.ranges = merged
        self._starts = [a for a, _ in merged]

    def covers(self, i: int) -> bool:
        k = bisect_right(self._starts, i) - 1
        return k >= 0 and self.ranges[k][0] <= i < self.ranges[k][1]

    def overlaps(self, a: int, b: int) -> bool:
        return any(self.covers(i) for i in range(a, max(a + 1, b)))


_NO_SPANS = Spans([])  # what most blocks have (never changed: Spans are read only)


def heading_marker_end(block: Block) -> int:
    """Offset just after the outline marker a block opens with (0 when it opens with none)."""
    h = match_heading(block)
    return h.end if h is not None else 0


def marker_end(ctx: Context, block: Block) -> int:
    """``heading_marker_end(block)``, looked up once per block of the document (T501, T502 and
    T509 all ask)."""
    return exemptions(ctx).marker_end(block)


def exempt_spans(ctx: Context, block: Block, *, marker: bool = True) -> Spans:
    """The exempt spans of a block, built once per document and block: the spans with the
    heading's outline marker (``marker=True``) are those without it plus the marker."""
    return exemptions(ctx).spans(block, marker)


@by_identity
def _exempt_patterns(ruleset) -> tuple:
    """(inline regexes, line regexes, one gate over both) of a ruleset: the gate's indices past
    the inline ones are line patterns, so a block's characters are looked at once, not twice.
    The residue patterns require rare strings (site names, 下载 …) but are keyed on everyday
    characters (上 下 文 大), so the gate searches for all their strings at once first
    (``pool_strings``): one search instead of a string test per pattern on most blocks."""
    inline = tuple(ruleset.typography.halfwidth_exempt) + tuple(p.regex for p in ruleset.residue if p.scope == "inline")
    lines = tuple(rf"\s*(?:{p.regex})(?:\s*(?:{p.regex}))*\s*" for p in ruleset.residue if p.scope == "line")
    return _compiled(inline), _compiled(lines), Gate(inline + lines, pool_strings=True)


def exemptions(ctx: Context) -> Exemptions:
    """The document's ``Exemptions``: a rule asking for the spans of every block fetches it once
    (``exempt_spans`` looks it up on each call)."""
    return ctx.shared("typography.exempt", lambda: Exemptions(ctx))


class Exemptions:
    """The exempt spans of one document's blocks (``spans(block, marker)``, as ``exempt_spans``),
    each built on first request (every T rule asks, block by block), with what building them needs
    looked up once."""

    __slots__ = ("inline", "lines", "gate", "md", "plain", "marked", "ends")

    def __init__(self, ctx: Context):
        self.inline, self.lines, self.gate = _exempt_patterns(ctx.ruleset)
        self.md = ctx.document.format == "md"
        self.plain: dict[int, Spans] = {}  # block index -> its spans
        self.marked: dict[int, Spans] = {}  # block index -> its spans and its heading's marker
        self.ends: dict[int, int] = dict(ctx.outline.marker_ends if ctx.outline is not None else ())  # block index -> heading_marker_end

    def marker_end(self, block: Block) -> int:
        end = self.ends.get(block.index)
        if end is None:
            end = self.ends[block.index] = heading_marker_end(block)
        return end

    def spans(self, block: Block, marker: bool = True) -> Spans:
        got = (self.marked if marker else self.plain).get(block.index)
        if got is not None:
            return got
        plain = self.plain.get(block.index)
        if plain is None:
            plain = self.plain[block.index] = self._build(block.text)
        if not marker:
            return plain
        end = self.marker_end(block)
        got = self.marked[block.index] = Spans(plain.ranges + [(0, end)]) if end else plain
        return got

    def _build(self, text: str) -> Spans:
        ranges: list[tuple[int, int]] = []
        # download-site residue is P304's business, not typography: inline patterns where they match,
        # line patterns when the whole line is made of their matches
        inline = self.inline
        n = len(inline)
        whole = False
        for i in self.gate.candidates(text):
            if i < n:
                ranges.extend(m.span() for m in inline[i].finditer(text))
            elif not whole and self.lines[i - n].fullmatch(text):
                whole = True
        if whole:
            ranges.append((0, len(text)))
        if self.md:
            s = text.lstrip()
            if s.startswith(("```", "~~~", "    ", "\t")):
                ranges.append((0, len(text)))
        return Spans(ranges) if ranges else _NO_SPANS


def text_blocks(ctx: Context) -> list[Block]:
    """Blocks worth a typography check: non-blank, not an HTML comment line, not fenced code.
    Listed once per document: every typography rule walks them."""
    return ctx.shared("typography.text-blocks", lambda: list(_text_blocks(ctx)))


def _text_blocks(ctx: Context):
    in_fence = False
    for block in ctx.document.blocks:
        text = block.text
        if ctx.document.format == "md" and text.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence or not text.strip():
            continue
        if text.lstrip().startswith("<!--"):
            continue
        yield block
