"""Sentences and clauses of a document, each with the quantities inside it.

Arithmetic relations are looked for inside one sentence (split at 。！？；) and its clauses (split
at ，：), never across a document. A comma inside a number (``1，234``) splits nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from reportlint.document import Block, Document
from reportlint.facts.quantities import Quantity, QuantityFacts

# (the lookahead names the characters a match starts with: every other position fails at once)
_SENTENCE_END = re.compile(r"(?=[。！？；!?;….])(?:[。！？；!?;…]+|\.(?!\d)|(?<!\d)\.)")
_CLAUSE_END = re.compile(r"[，,：:]")


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

    def after_in_clause(self, q: Quantity) -> str:
        _, e = self.clause(q.start)
        return self.block.text[q.end : e]


def split_block(block: Block, quantities: list[Quantity]) -> list[Sentence]:
    text = block.text
    starts = [q.start for q in quantities]
    ends = [q.end for q in quantities]

    def in_number(i: int) -> bool:
        k = bisect_right(starts, i - 1) - 1  # the last quantity starting before i
        return k >= 0 and i < ends[k]

    bounds = [0]
    for m in _SENTENCE_END.finditer(text):
        if not in_number(m.start()):
            bounds.append(m.end())
    if bounds[-1] != len(text):
        bounds.append(len(text))
    # the clause marks of the whole block, found once (each is one character: a mark at i belongs
    # to the sentence [s, e) with s <= i < e)
    marks = [m.start() for m in _CLAUSE_END.finditer(text)]
    marks = [i for i in marks if not in_number(i)] if starts else marks
    out: list[Sentence] = []
    qi = 0
    nq = len(quantities)
    ci = 0
    nc = len(marks)
    for s, e in zip(bounds, bounds[1:]):
        if e <= s:
            continue
        sent = Sentence(block, s, e)
        while qi < nq and quantities[qi].start < e:
            if quantities[qi].start >= s:
                sent.quantities.append(quantities[qi])
            qi += 1
        while ci < nc and marks[ci] < s:
            ci += 1
        clause_starts = [s]
        while ci < nc and marks[ci] < e:
            clause_starts.append(marks[ci] + 1)
            ci += 1
        sent.clause_starts = clause_starts
        out.append(sent)
    return out


def document_sentences(document: Document, qf: QuantityFacts) -> list[Sentence]:
    """The sentences of the blocks that hold quantities, in document order."""
    sentences: list[Sentence] = []
    for block in document.blocks:
        qs = qf.by_block.get(block.index)
        if qs:
            sentences.extend(split_block(block, qs))
    return sentences
