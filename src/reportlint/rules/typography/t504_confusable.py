"""T504 confusable-word: a word written with a look-alike or sound-alike character (于此同时 → 与此同时).

The table is ruleset data (``[typography] confusables``: more than 300 pairs common in official
writing). An entry whose wrong form can also be correct text carries a ``pattern`` that says
where it is wrong: ``截止`` only before 目前/月底/a date (``截止日期`` is right), ``既使`` not in
``既使……又……``, ``当担`` not in ``应当担负``. The schema refuses an entry whose pattern finds
anything in its own correct form. Each finding has the single correction and a fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reportlint.findings import Finding, Fix, Severity
from reportlint.frozen import by_identity
from reportlint.prefilter import Gate, chars_of, text_clauses
from reportlint.prefilter import compiled as compile_regex
from reportlint.rules.base import Context, Rule
from reportlint.rules.typography._text import context, exempt_spans, text_blocks

if TYPE_CHECKING:  # schema types only: rules read frozen records (reportlint.frozen)
    from reportlint.data.typography import Confusable


class CompiledEntries(tuple):
    """(entry, compiled pattern) pairs, with a ``_Picker`` that picks the entries a text can match."""

    picker: _Picker


class _LazyPattern:
    """A pattern compiled on its first use: most entries never meet a text they could match."""

    __slots__ = ("regex", "_rx")

    def __init__(self, regex: str):
        self.regex = regex
        self._rx: re.Pattern[str] | None = None

    def finditer(self, text: str):
        if self._rx is None:
            self._rx = compile_regex(self.regex)
        return self._rx.finditer(text)


class _Picker:
    """Which entries a text can match, decided from the text's characters.

    Like a ``Gate``, each entry is keyed on one character every text it matches holds
    (``text_clauses`` of one character), and an entry whose key a text holds is let through when
    the text holds all its required characters; its regex then decides. A ``Gate`` keys on the
    character the fewest regexes share, for confusables an everyday one (开 展 进 推 大 上) that
    lets a dozen entries of every paragraph through to slower tests. Here the key is a character
    of the wrong form that the right form lacks when there is one (the slip itself: 绌 in 弄巧成绌,
    rare in correct text), so few entries pass the key, and the regex is the only further test.
    The entries without a required character go through a ``Gate`` of their own."""

    def __init__(self, entries) -> None:
        needs: list[frozenset[str]] = []
        uses: dict[str, int] = {}
        for e in entries:
            clauses = text_clauses(e.regex) or ()
            need = frozenset(next(iter(cl)) for cl in clauses if len(cl) == 1)
            needs.append(need)
            for c in need:
                uses[c] = uses.get(c, 0) + 1
        self._by_key: dict[str, int] = {}  # key character -> bit mask of the entries keyed on it
        self._need: dict[int, frozenset[str]] = {}
        rest: list[int] = []
        for i, (e, need) in enumerate(zip(entries, needs)):
            if not need:
                rest.append(i)
                continue
            slip = set(e.wrong) - set(e.right)
            key = min(need, key=lambda c: (c not in slip, uses[c], c))
            self._by_key[key] = self._by_key.get(key, 0) | (1 << i)
            self._need[i] = need
        self._keys = frozenset(self._by_key)
        self._rest = rest
        self._rest_gate = Gate([entries[i].regex for i in rest]) if rest else None

    def candidates(self, text: str) -> list[int]:
        """The indices, in order, of the entries that can match ``text``."""
        chars = chars_of(text)
        bits = 0
        by_key = self._by_key
        for c in self._keys.intersection(chars):
            bits |= by_key[c]
        out = []
        need = self._need
        while bits:
            low = bits & -bits
            bits ^= low
            i = low.bit_length() - 1
            if need[i] <= chars:
                out.append(i)
        if self._rest_gate is not None:
            got = [self._rest[k] for k in self._rest_gate.candidates(text)]
            if got:
                out = sorted(out + got)
        return out


@by_identity
def _entries_of(data) -> tuple[tuple[Confusable, re.Pattern[str]], ...]:
    """The confusables of a ruleset's typography table, each with its (lazily compiled) pattern,
    and a ``_Picker`` over them."""
    out = CompiledEntries((e, _LazyPattern(e.regex)) for e in data.confusables)
    out.picker = _Picker(data.confusables)
    return out


def find_confusables(text: str, entries) -> list[tuple[int, int, Confusable]]:
    """Non-overlapping matches, longest first at any position."""
    hits = []
    picker = getattr(entries, "picker", None)
    for entry, rx in entries if picker is None else (entries[i] for i in picker.candidates(text)):
        for m in rx.finditer(text):
            if m.end() > m.start():
                hits.append((m.start(), m.end(), entry))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out: list[tuple[int, int, Confusable]] = []
    for h in hits:
        if out and h[0] < out[-1][1]:
            continue
        out.append(h)
    return out


class ConfusableWord(Rule):
    code = "T504"
    name = "confusable-word"
    severity = Severity.WARNING
    summary = (
        "常见错别字和易混词：于此同时→与此同时、截止目前→截至目前、再接再励→再接再厉等（规则集词表）。",
        "Common miswritten words in official prose: “于此同时”→“与此同时”, “截止目前”→“截至目前”, “再接再励”→“再接再厉” … (ruleset table).",
    )
    why = (
        "公文里的错别字最损害文稿的严肃性，输入法又最容易把音近形近的词打错。词表只收有唯一正确写法的词，"
        "并按上下文限定：“截止日期”“截止时间”是对的，只有“截止目前”“截止到6月底”这类表示“到某时为止”的用法才报。",
        "A miswritten word undermines an official document more than anything, and input methods produce "
        "sound-alike and look-alike words easily. The table only holds words with one correct form, limited by "
        "context: “截止日期” and “截止时间” are right; only “截止目前” / “截止到6月底” (up to a time) are reported.",
    )
    bad = "于此同时，截止目前全镇已完成布署，干部群众再接再励。"
    good = "与此同时，截至目前全镇已完成部署，干部群众再接再厉。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        entries = _entries_of(ctx.ruleset.typography)
        for block in text_blocks(ctx):
            text = block.text
            hits = find_confusables(text, entries)
            if not hits:
                continue  # the usual case: no exempt span to look up
            spans = exempt_spans(ctx, block, marker=False)
            for a, b, entry in hits:
                if spans.overlaps(a, b):
                    continue
                got = text[a:b]
                repl = entry.replacement
                yield self.finding(
                    ctx, block, a, b,
                    f"“{entry.wrong}”应为“{entry.right}”：{context(text, a, b)}",
                    f'"{entry.wrong}" should be "{entry.right}": {context(text, a, b)}',
                    fix=Fix(a, b, repl, f"“{got}”改为“{repl}”", f'replace "{got}" with "{repl}"'),
                )
