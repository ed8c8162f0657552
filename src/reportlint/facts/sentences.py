"""Sentences and clauses of a document, each with the quantities inside it.

Arithmetic relations are looked for inside one sentence (split at 。！？；) and its clauses (split
at ，：), never across a document. A comma inside a number (``1，234``) splits nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from reportlint.document import Block, Document
from reportlint.facts.quantities import Quantity, QuantityFacts

# a run of 。！？；!?;… or a full stop not between digits (3.5): written to open with a class of the
# characters a match starts with, so the engine skips to those at C speed (a look-ahead in front
# is entered at every position). After the first character: a "." needs no digit after it or none
# before it; any other mark takes the marks following it.
_SENTENCE_END = re.compile(r"[。！？；!?;….](?:(?<=\.)(?:(?!\d)|(?<!\d\.))|(?<!\.)[。！？；!?;…]*)")
_CLAUSE_END = re.compile(r"[，,：:]")
_MARKS = frozenset("。！？；!?;….，,：:")  # every character the two patterns can match


@dataclass(slots=True)
class Sentence:
    block: Block
    start: int  # offsets in block.text
    end: int
    quantities: list[Quantity] = field(default_factory=list)
    clause_starts: list[int] = field(default_factory=list)  # absolute offsets, first = start

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]

    def clause(self, offset: int) -> tuple[int, int]:
        """The clause (start, end) holding ``offset``."""
        i = bisect_right(self.clause_starts, offset) - 1
        i = max(i, 0)
        s = self.clause_starts[i]
        e = self.clause_starts[i + 1] - 1 if i + 1 < len(self.clause_starts) else self.end
        return s, e

    def clause_index(self, offset: int) -> int:
        return max(bisect_right(self.clause_starts, offset) - 1, 0)

    def before_in_clause(self, q: Quantity) -> str:
        """The text of ``q``'s clause before ``q``."""
        s, _ = self.clause(q.start)
        return self.block.text[s : q.start]


def split_block(block: Block, quantities: list[Quantity]) -> list[Sentence]:
    text = block.text
    # a mark inside a number (1，234) splits nothing; quantities do not overlap, so a mark is inside
    # one only if that quantity's text holds it: the test needs only the (rare) quantities that do
    holders = [q for q in quantities if not _MARKS.isdisjoint(q.text)]
    starts = [q.start for q in holders]
    ends = [q.end for q in holders]

    def in_number(i: int) -> bool:
        k = bisect_right(starts, i - 1) - 1  # the last quantity starting before i
        return k >= 0 and i < ends[k]

    if holders:
        bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text) if not in_number(m.start())]
    else:
        bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
    if bounds[-1] != len(text):
        bounds.append(len(text))
    # the clause marks of the whole block, found once, as the starts of the clauses they open
    # (each is one character: a mark at i belongs to the sentence [s, e) with s <= i < e)
    if holders:
        opens = [m.end() for m in _CLAUSE_END.finditer(text) if not in_number(m.start())]
    else:
        opens = [m.end() for m in _CLAUSE_END.finditer(text)]
    # the bounds rise from 0 to len(text) (every sentence end is a non-empty match), so the
    # sentences are contiguous: a sentence [s, e) takes the quantities starting in it and the clauses
    # its marks open, the next runs of the two sorted lists, found by bisection
    qstarts = [q.start for q in quantities]
    out: list[Sentence] = []
    qi = ci = 0
    s = 0
    for e in bounds[1:]:
        qj = bisect_left(qstarts, e, qi)
        cj = bisect_right(opens, e, ci)  # (a mark at e - 1 opens a clause at e)
        out.append(Sentence(block, s, e, quantities[qi:qj], [s, *opens[ci:cj]]))
        s, qi, ci = e, qj, cj
    return out


def document_sentences(document: Document, qf: QuantityFacts) -> list[Sentence]:
    """The sentences of the blocks that hold quantities, in document order."""
    sentences: list[Sentence] = []
    for block in document.blocks:
        qs = qf.by_block.get(block.index)
        if qs:
            sentences.extend(split_block(block, qs))
    return sentences
