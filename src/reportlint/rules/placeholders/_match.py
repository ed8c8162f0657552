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
from reportlint.prefilter import Gate, _c, _parsed, led, trigger, trigger_chars
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
    # ``marks``: characters every match of the pattern holds one of (its trigger set), and for
    # each exception the most of them one of its matches can hold (``_most``): an exception
    # whose matches hold fewer than every span cannot contain a span, and is not searched for
    marks: frozenset[str] | None = None
    limits: tuple[float, ...] = ()
    # for each exception, when its matches cannot be empty and consume only characters of a
    # known class: that class (``_consumed``), else None; see ``_may_hold``
    consumed: tuple[tuple[re.Pattern[str], re.Pattern[str]] | None, ...] = ()


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


_INF = float("inf")
_FLAGS_UNSURE = re.IGNORECASE | re.ASCII | re.LOCALE  # classes then match other characters
_CATEGORIES = {
    _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D",
    _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_NOT_SPACE: r"\S",
    _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W",
}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({_c.POSSESSIVE_REPEAT} if hasattr(_c, "POSSESSIVE_REPEAT") else set())
_NOTHING = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}  # consume no character


def _class_meets(items, chars: frozenset[str]) -> bool:
    """Can the character class ``items`` (a parsed ``[...]``) match one of ``chars``? True when
    unsure."""
    negate = bool(items) and items[0][0] is _c.NEGATE
    for ch in chars:
        o = ord(ch)
        hit = False
        for op, av in items[1:] if negate else items:
            if op is _c.LITERAL:
                hit = av == o
            elif op is _c.RANGE:
                hit = av[0] <= o <= av[1]
            elif op is _c.CATEGORY and av in _CATEGORIES:
                hit = re.fullmatch(_CATEGORIES[av], ch) is not None
            else:
                return True
            if hit:
                break
        if hit != negate:
            return True
    return False


def _most_seq(seq, chars: frozenset[str]) -> float:
    total: float = 0
    for op, av in seq:
        if op is _c.LITERAL:
            total += chr(av) in chars
        elif op is _c.IN:
            total += _class_meets(av, chars)
        elif op is _c.NOT_LITERAL or op is _c.ANY:
            total += 1
        elif op in _REPEATS:
            _lo, hi, sub = av
            n = _most_seq(sub, chars) if hi else 0
            total += 0 if not n else _INF if hi == _c.MAXREPEAT else hi * n
        elif op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if add_flags & _FLAGS_UNSURE:
                return _INF
            total += _most_seq(sub, chars)
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            total += _most_seq(av, chars)
        elif op is _c.BRANCH:
            total += max(_most_seq(b, chars) for b in av[1])
        elif op not in _NOTHING:  # back-references, conditionals …: no bound
            return _INF
    return total


def _most(regex: str, chars: frozenset[str]) -> float:
    """The most characters of ``chars`` one match of ``regex`` can hold (``inf``: no bound
    known). ``[xX](?=光)`` holds one x, ``\\d\\s*[xX]`` one, ``x+`` any number."""
    parsed = _parsed(regex)
    if parsed is None or parsed.state.flags & _FLAGS_UNSURE:
        return _INF
    return _most_seq(parsed, chars)


def _consumed_seq(seq, out: set[str]) -> bool:
    for op, av in seq:
        if op is _c.LITERAL:
            out.add(re.escape(chr(av)))
        elif op is _c.IN:
            for iop, iav in av:
                if iop is _c.LITERAL:
                    out.add(re.escape(chr(iav)))
                elif iop is _c.RANGE:
                    out.add(f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}")
                elif iop is _c.CATEGORY and iav in _CATEGORIES:
                    out.add(_CATEGORIES[iav])
                else:  # a negated class …
                    return False
        elif op in _REPEATS:
            if av[1] and not _consumed_seq(av[2], out):
                return False
        elif op is _c.SUBPATTERN:
            if av[1] & _FLAGS_UNSURE or not _consumed_seq(av[3], out):
                return False
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            if not _consumed_seq(av, out):
                return False
        elif op is _c.BRANCH:
            if not all(_consumed_seq(b, out) for b in av[1]):
                return False
        elif op not in _NOTHING:  # any character, back-references …
            return False
    return True


def _consumed(regex: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """A one-character class holding every character a match of ``regex`` consumes (its
    look-arounds consume none): ``(?:^|[|｜])\\s*[xX]`` -> ``[|｜\\sxX]``, with the regex of a run
    of them; None when there is no such class short of every character, or a match may be
    empty."""
    parsed = _parsed(regex)
    out: set[str] = set()
    if parsed is None or parsed.state.flags & _FLAGS_UNSURE or not _nonempty(regex):
        return None
    if not _consumed_seq(parsed, out) or not out:
        return None
    body = "".join(sorted(out))
    try:
        return re.compile(f"[{body}]"), re.compile(f"[{body}]+")
    except re.error:  # pragma: no cover - every part is escaped
        return None


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
        marks = trigger_chars(p.regex) if exceptions else None
        limits = tuple(_most(x, marks) for x in p.exceptions) if marks is not None else ()
        if not any(n < _INF for n in limits):
            marks, limits = None, ()
        consumed = tuple(_consumed(x) for x in p.exceptions)
        compiled_one = _Compiled(
            p, regex, exceptions, trigger(p.regex), exception_gate, p.scope == "line", _nonempty(p.regex),
            marks, limits, consumed,
        )
        out.append(compiled_one)
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


def _may_hold(x: re.Pattern[str], consumed: tuple[re.Pattern[str], re.Pattern[str]], text: str, spans) -> bool:
    """Can a match of the exception ``x`` (never empty, consuming only characters of the class
    ``consumed``: the class and a run of it) hold one of ``spans``? Such a match lies in the run
    of those characters around the span and starts at the latest where the span does, and it is
    what ``x.match`` finds at its start (``finditer`` searches, and a search finds at a position
    what a match there does). So when no match at those positions reaches the end of the span,
    none of ``finditer``'s holds it: a few anchored tries instead of searching the whole text
    for an exception that seldom applies."""
    one, run = consumed
    match = x.match
    for a, b in spans:
        if run.fullmatch(text, a, b) is None:
            continue  # a character no match of x consumes
        start = a
        while start and one.match(text, start - 1) is not None:
            start -= 1
        for pos in range(start, a + 1):
            m = match(text, pos)
            if m is not None and m.end() >= b:
                return True
    return False


# ``_may_hold`` tries a few positions per span where a search goes through the whole text: it is
# the cheaper way while the spans are fewer than one per this many characters
_CHARS_PER_TRY = 40


def _excepted(c: _Compiled, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The matches of those exceptions of ``c`` that can hold one of ``spans``: only these are
    searched for."""
    if c.exception_gate is not None:
        wanted = c.exception_gate.candidates(text)
    else:
        wanted = range(len(c.exceptions))
    if c.marks is not None:  # as many trigger characters as a span holds: not in every exception
        least = min(sum(map(c.marks.__contains__, text[a:b])) for a, b in spans)
        wanted = [i for i in wanted if c.limits[i] >= least]
    exceptions = c.exceptions
    consumed = c.consumed if len(spans) * _CHARS_PER_TRY < len(text) else ()
    return [
        s
        for i in wanted
        if not consumed or consumed[i] is None or _may_hold(exceptions[i], consumed[i], text, spans)
        for s in map(_span, exceptions[i].finditer(text))
    ]


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
        excepted = _excepted(c, text, spans)
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
        if c.regex.fullmatch(stripped) and not _inside(_excepted(c, text, [(lo, hi)]), lo, hi):
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
    """Hits already ordered by start (then longest first) that overlap, touch, or are joined by one
    ``-`` ``/`` ``:`` made one hit."""
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
        finding = self.finding
        for block in _blocks(ctx):
            text = block.text
            hits = _find(compiled, text, block.kind is not BlockKind.CELL)
            if not hits:
                continue
            if self.one_per_block:
                hits = [(hits[0][0], hits[-1][1], hits[0][2])]
            for start, end, pattern in hits:
                zh, en = message(text, start, end, pattern)
                yield finding(ctx, block, start, end, zh, en)
