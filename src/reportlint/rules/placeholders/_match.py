"""Matching ruleset patterns against blocks: shared by the P3xx rules.

The rules of this family are generic: what a placeholder, a mask, an empty number slot or a
download-site line looks like is data (``[[placeholders]]``, ``[[masks]]``, ``[[empty_slots]]``,
``[[residue]]`` in ``rulesets/base.toml``). This module applies a list of such patterns to a text:

- ``scope = "inline"``: every match is a hit, unless it lies inside a match of one of the
  pattern's ``exceptions``.
- ``scope = "line"``: the pattern speaks only about whole blocks. A block is hit when its stripped
  text is made of nothing but matches of the list's line patterns (one pattern matching it
  entirely, or several side by side: ``更新时间:2023-11 来源:网友投稿``); the hit is the stripped
  text. Line patterns are skipped in table cells (``lines=False``): a cell that only says
  ``举报`` is a column header, not residue.

Hits that overlap, touch or are joined by one ``-``/``/``/``:`` are merged into one span, so
``xx.xx``, ``××ｘ`` or ``xxxx-xx-xx`` is one finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from reportlint.document import Block, BlockKind
from reportlint.findings import Finding
from reportlint.frozen import by_identity
from reportlint.prefilter import Gate, led, trigger
from reportlint.rules.base import Context, Rule

if TYPE_CHECKING:  # schema types only: rules read frozen records (reportlint.frozen)
    from reportlint.data.ruleset import Pattern


_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True, slots=True)
class _Compiled:
    pattern: Pattern
    regex: re.Pattern[str]
    exceptions: tuple[re.Pattern[str], ...]
    trigger: re.Pattern[str] | None  # a character every match contains: skip blocks without it
    exception_gate: Gate | None = None  # which exceptions can match a text at all

    @property
    def line(self) -> bool:
        return self.pattern.scope == "line"


class Hit(NamedTuple):
    """A span of ``block.text`` and the first pattern that produced it (a named tuple: a long
    template report holds hundreds of them, and a tuple is built several times faster than a
    frozen dataclass)."""

    start: int
    end: int
    pattern: Pattern


@lru_cache(maxsize=512)
def _compile_one(regex: str, exceptions: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    return led(regex), tuple(led(x) for x in exceptions)


class CompiledPatterns(list):
    """The compiled patterns of one list, with a ``Gate`` that picks those a text can match
    (a list of a few patterns, most requiring rare strings such as site names: pooled)."""

    def __init__(self, items: list[_Compiled]):
        super().__init__(items)
        self.gate = Gate([c.pattern.regex for c in items], pool_strings=True)


@by_identity
def compile_patterns(patterns: Sequence[Pattern]) -> list[_Compiled]:
    """A ruleset's pattern list compiled, with the pre-filters (once per loaded ruleset)."""
    out = []
    for p in patterns:
        regex, exceptions = _compile_one(p.regex, tuple(p.exceptions))
        exception_gate = Gate(p.exceptions) if len(exceptions) > 1 else None
        out.append(_Compiled(p, regex, exceptions, trigger(p.regex), exception_gate))
    return CompiledPatterns(out)


def text_blocks(blocks: Sequence[Block]) -> Iterator[Block]:
    """The blocks to look at: every block (table cells included) except HTML comment lines."""
    for block in blocks:
        if block.text.strip() and not _COMMENT.match(block.text):
            yield block


def _blocks(ctx: Context) -> list[Block]:
    """``text_blocks`` of the document, listed once for the four rules of this family."""
    return ctx.shared("placeholders.blocks", lambda: list(text_blocks(ctx.document.blocks)))


def _excepted(c: _Compiled, text: str) -> list[tuple[int, int]]:
    exceptions = c.exceptions
    if c.exception_gate is not None:
        exceptions = [exceptions[i] for i in c.exception_gate.candidates(text)]
    return [(e.start(), e.end()) for x in exceptions for e in x.finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _inline_matches(c: _Compiled, text: str, gated: bool = False) -> list[tuple[int, int]]:
    """The non-empty matches of ``c`` in ``text`` that lie inside no match of its exceptions.
    ``gated``: ``text`` passed the list's ``Gate``, which tested the trigger characters already."""
    if not gated and c.trigger is not None and c.trigger.search(text) is None:
        return []
    spans = [m.span() for m in c.regex.finditer(text)]
    spans = [s for s in spans if s[0] != s[1]]
    if spans and c.exceptions:
        excepted = _excepted(c, text)
        if excepted:
            spans = [(a, b) for a, b in spans if not _inside(excepted, a, b)]
    return spans


def _line_hit(compiled: Sequence[_Compiled], text: str) -> Hit | None:
    stripped = text.strip()
    if not stripped:
        return None
    lo = len(text) - len(text.lstrip())
    hi = lo + len(stripped)
    covered = [False] * len(text)
    first: Pattern | None = None
    first_start = len(text)
    for c in compiled:
        if c.trigger is not None and c.trigger.search(stripped) is None:
            continue
        if c.regex.fullmatch(stripped) and not _inside(_excepted(c, text), lo, hi):
            return Hit(lo, hi, c.pattern)
        for a, b in _inline_matches(c, text):
            for i in range(a, b):
                covered[i] = True
            if a < first_start:
                first, first_start = c.pattern, a
    if first is None:
        return None
    if all(covered[i] or text[i].isspace() for i in range(lo, hi)):
        return Hit(lo, hi, first)
    return None


def find_hits(compiled: Sequence[_Compiled], text: str, *, lines: bool = True) -> list[Hit]:
    """All hits of ``compiled`` in ``text``, merged so that touching spans make one hit."""
    gate = getattr(compiled, "gate", None)
    gated = gate is not None
    if gated:  # only the patterns whose trigger characters occur in the text
        compiled = [compiled[i] for i in gate.candidates(text)]
        if not compiled:
            return []
    hits = [Hit(a, b, c.pattern) for c in compiled if not c.line for a, b in _inline_matches(c, text, gated)]
    if lines:
        line_patterns = [c for c in compiled if c.line]
        if line_patterns:
            hit = _line_hit(line_patterns, text)
            if hit is not None:
                hits.append(hit)
    return merge(hits, text)


_JOINERS = frozenset("-/:－／：~～")  # xxxx-xx-xx, xx:xx, xx/xx are one token


def merge(hits: list[Hit], text: str = "") -> list[Hit]:
    """Hits that overlap, touch, or are joined by one ``-`` ``/`` ``:`` make one hit."""
    hits = sorted(hits, key=lambda h: (h.start, -h.end))
    out: list[Hit] = []
    for h in hits:
        if out and (
            h.start <= out[-1].end or (h.start == out[-1].end + 1 and text[out[-1].end : h.start] in _JOINERS)
        ):
            last = out[-1]
            if h.end > last.end:
                out[-1] = Hit(last.start, h.end, last.pattern)
            continue
        out.append(h)
    return out


def evidence(text: str, start: int, end: int, limit: int = 40) -> str:
    """The hit with the ideograph that follows it (``XX`` -> ``XX镇``) or, failing that, the two
    ideographs before it (``xx`` -> ``清廉xx``): what the clerk can search for in Word."""
    tail = end
    while tail < len(text) and tail - end < 5 and text[tail] in "%％A":  # xx%, xA级
        tail += 1
    if tail < len(text) and _IDEOGRAPH.match(text[tail]):
        tail += 1
    if tail > end:
        end = tail
    else:
        before = start
        while before > 0 and start - before < 2 and _IDEOGRAPH.match(text[before - 1]):
            before -= 1
        start = before
    return shorten(text[start:end], limit)


def shorten(s: str, limit: int = 40) -> str:
    s = s.strip()
    return s if len(s) <= limit else s[: limit - 1] + "…"


class PatternRule(Rule):
    """An abstract rule that reports the hits of one pattern list of the ruleset.

    Subclasses name the list (``patterns``) and build the message of a hit (``message``);
    ``one_per_block`` makes one finding per block spanning all its hits (residue lines).
    """

    patterns: str  # "placeholders" | "masks" | "empty_slots" | "residue"
    one_per_block: bool = False

    def message(self, text: str, hit: Hit, whole_line: bool) -> tuple[str, str]:  # pragma: no cover
        raise NotImplementedError

    def check(self, ctx: Context) -> Iterator[Finding]:
        compiled = compile_patterns(getattr(ctx.ruleset, self.patterns))
        if not compiled:
            return
        for block in _blocks(ctx):
            text = block.text
            hits = find_hits(compiled, text, lines=block.kind is not BlockKind.CELL)
            if not hits:
                continue
            if self.one_per_block:
                hits = [Hit(hits[0].start, hits[-1].end, hits[0].pattern)]
            stripped = text.strip()
            for hit in hits:
                whole = text[hit.start : hit.end].strip() == stripped
                zh, en = self.message(text, hit, whole)
                yield self.finding(ctx, block, hit.start, hit.end, zh, en)
