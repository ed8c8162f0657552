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
from reportlint.prefilter import Gate, _parsed, led, trigger
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
    line: bool = False  # scope = "line"
    nonempty: bool = False  # no match can be empty: no empty spans to drop


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


def _nonempty(regex: str) -> bool:
    """Can no match of ``regex`` be empty? From the parsed regex's smallest width, which ``re``
    itself trusts to skip positions too close to the end of a text; False when unsure."""
    parsed = _parsed(regex)
    return parsed is not None and parsed.getwidth()[0] > 0


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
        out.append(
            _Compiled(p, regex, exceptions, trigger(p.regex), exception_gate, p.scope == "line", _nonempty(p.regex))
        )
    return CompiledPatterns(out)


def text_blocks(blocks: Sequence[Block]) -> Iterator[Block]:
    """The blocks to look at: every block (table cells included) except HTML comment lines."""
    for block in blocks:
        if block.text.strip() and not _COMMENT.match(block.text):
            yield block


def _blocks(ctx: Context) -> list[Block]:
    """``text_blocks`` of the document, listed once for the four rules of this family."""
    return ctx.shared("placeholders.blocks", lambda: list(text_blocks(ctx.document.blocks)))


_span = re.Match.span  # map(_span, finditer): the spans without a Python-level step per match


def _excepted(c: _Compiled, text: str) -> list[tuple[int, int]]:
    exceptions = c.exceptions
    if c.exception_gate is not None:
        exceptions = [exceptions[i] for i in c.exception_gate.candidates(text)]
    return [s for x in exceptions for s in map(_span, x.finditer(text))]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _inline_matches(c: _Compiled, text: str, gated: bool = False) -> list[tuple[int, int]]:
    """The non-empty matches of ``c`` in ``text`` that lie inside no match of its exceptions, in
    the order of the text. ``gated``: ``text`` holds one of the trigger characters (the list's
    ``Gate`` tested them)."""
    if not gated and c.trigger is not None and c.trigger.search(text) is None:
        return []
    spans = [*map(_span, c.regex.finditer(text))]
    if not c.nonempty:
        spans = [s for s in spans if s[0] != s[1]]
    if spans and c.exceptions:
        excepted = _excepted(c, text)
        if excepted:
            spans = [s for s in spans if not _inside(excepted, s[0], s[1])]
    return spans


def _line_hit(compiled: Sequence[_Compiled], text: str) -> tuple[int, int, Pattern] | None:
    """The stripped text as one hit when it is made of nothing but matches of the line patterns
    ``compiled`` (and whitespace), with the pattern of the first such match (or of the first
    pattern matching it whole)."""
    stripped = text.strip()
    if not stripped:
        return None
    lo = len(text) - len(text.lstrip())
    hi = lo + len(stripped)
    spans: list[tuple[int, int]] = []
    first: Pattern | None = None
    first_start = len(text)
    for c in compiled:
        if c.trigger is not None and c.trigger.search(stripped) is None:
            continue
        if c.regex.fullmatch(stripped) and not _inside(_excepted(c, text), lo, hi):
            return lo, hi, c.pattern
        got = _inline_matches(c, text, True)  # its trigger is in ``stripped``, so in ``text``
        if got:
            spans += got
            if got[0][0] < first_start:  # the matches come in the order of the text
                first, first_start = c.pattern, got[0][0]
    if first is None:
        return None
    # every character of text[lo:hi] lies in a match or is whitespace: walk the matches in order
    # of their starts, each gap between what they cover must be whitespace
    spans.sort()
    pos = lo
    for a, b in spans:
        if a > pos:
            if a >= hi:
                break
            if not text[pos:a].isspace():
                return None
        if b > pos:
            pos = b
    if pos < hi and not text[pos:hi].isspace():
        return None
    return lo, hi, first


def _by_start(h: tuple[int, int, Pattern]) -> tuple[int, int]:
    return h[0], -h[1]


def _find(compiled: Sequence[_Compiled], text: str, lines: bool) -> list[tuple[int, int, Pattern]]:
    """``find_hits`` as plain (start, end, pattern) tuples."""
    gate = getattr(compiled, "gate", None)
    gated = gate is not None
    if gated:  # only the patterns whose trigger characters occur in the text
        compiled = [compiled[i] for i in gate.candidates(text)]
        if not compiled:
            return []
    hits: list[tuple[int, int, Pattern]] = []
    sources = 0  # how many patterns (or the line test) gave hits
    line_patterns = None
    for c in compiled:
        if c.line:
            if lines:
                if line_patterns is None:
                    line_patterns = [c]
                else:
                    line_patterns.append(c)
            continue
        spans = _inline_matches(c, text, gated)
        if spans:
            sources += 1
            p = c.pattern
            hits += [(a, b, p) for a, b in spans]
    if line_patterns is not None:
        hit = _line_hit(line_patterns, text)
        if hit is not None:
            sources += 1
            hits.append(hit)
    if not hits:
        return hits
    if sources > 1:  # one pattern's matches come sorted and apart; several must be ordered
        hits.sort(key=_by_start)
    return _merged(hits, text)


def find_hits(compiled: Sequence[_Compiled], text: str, *, lines: bool = True) -> list[Hit]:
    """All hits of ``compiled`` in ``text``, merged so that touching spans make one hit."""
    return [Hit(*h) for h in _find(compiled, text, lines)]


_JOINERS = frozenset("-/:－／：~～")  # xxxx-xx-xx, xx:xx, xx/xx are one token


def _merged(hits: list[tuple[int, int, Pattern]], text: str) -> list[tuple[int, int, Pattern]]:
    """``merge`` of hits already ordered by start (then longest first)."""
    if len(hits) == 1:
        return hits
    out = []
    start, end, pattern = hits[0]
    for a, b, p in hits:
        if a <= end or (a == end + 1 and text[end:a] in _JOINERS):
            if b > end:
                end = b
            continue
        out.append((start, end, pattern))
        start, end, pattern = a, b, p
    out.append((start, end, pattern))
    return out


def merge(hits: list[Hit], text: str = "") -> list[Hit]:
    """Hits that overlap, touch, or are joined by one ``-`` ``/`` ``:`` make one hit."""
    if not hits:
        return []
    return [Hit(*h) for h in _merged(sorted(hits, key=_by_start), text)]


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

    Subclasses name the list (``patterns``) and build the message of a hit on ``text[start:end]``
    found by ``pattern`` (``message``); ``one_per_block`` makes one finding per block spanning all
    its hits (residue lines).
    """

    patterns: str  # "placeholders" | "masks" | "empty_slots" | "residue"
    one_per_block: bool = False

    def message(self, text: str, start: int, end: int, pattern: Pattern) -> tuple[str, str]:  # pragma: no cover
        raise NotImplementedError

    def check(self, ctx: Context) -> Iterator[Finding]:
        compiled = compile_patterns(getattr(ctx.ruleset, self.patterns))
        if not compiled:
            return
        message = self.message
        for block in _blocks(ctx):
            text = block.text
            hits = _find(compiled, text, block.kind is not BlockKind.CELL)
            if not hits:
                continue
            if self.one_per_block:
                hits = [(hits[0][0], hits[-1][1], hits[0][2])]
            for start, end, pattern in hits:
                zh, en = message(text, start, end, pattern)
                yield self.finding(ctx, block, start, end, zh, en)
