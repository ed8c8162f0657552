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
from reportlint.prefilter import Gate
from reportlint.prefilter import compiled as compile_regex
from reportlint.rules.base import Context, Rule
from reportlint.rules.typography._text import context, exempt_spans, text_blocks

if TYPE_CHECKING:  # schema types only: rules read frozen records (reportlint.frozen)
    from reportlint.data.typography import Confusable


class CompiledEntries(tuple):
    """(entry, compiled pattern) pairs, with a ``Gate`` that picks the entries a text can match."""

    gate: Gate


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


@by_identity
def _entries_of(data) -> tuple[tuple[Confusable, re.Pattern[str]], ...]:
    """The confusables of a ruleset's typography table, each with its (lazily compiled) pattern,
    and a ``Gate`` over them (keyed on their rarest characters: the slip itself, 绌 in 弄巧成绌, when
    it is rare in reports)."""
    out = CompiledEntries((e, _LazyPattern(e.regex)) for e in data.confusables)
    out.gate = Gate([e.regex for e in data.confusables])
    return out


def find_confusables(text: str, entries) -> list[tuple[int, int, Confusable]]:
    """Non-overlapping matches, longest first at any position."""
    gate = getattr(entries, "gate", None)
    if gate is not None:
        picked = gate.candidates(text)
        if not picked:
            return []  # most blocks: no entry can match
        entries = [entries[i] for i in picked]
    hits = []
    for entry, rx in entries:
        for m in rx.finditer(text):
            if m.end() > m.start():
                hits.append((m.start(), m.end(), entry))
    if not hits:
        return hits
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
