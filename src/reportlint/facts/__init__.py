"""Facts: what is extracted once per document and shared by all rules.

Each kind of fact lives in its own module of this package and is computed on first use (a
``cached_property``), so a run that selects only some rules pays only for the facts they read.
"""

from __future__ import annotations

from functools import cached_property

from reportlint.document import Document
from reportlint.facts.quantities import QuantityIndex
from reportlint.facts.periods import PeriodFacts, extract_periods
from reportlint.facts.report import ReportInfo, report_info
from reportlint.facts.sentences import SentenceIndex
from reportlint.outline import Outline

__all__ = ["Facts", "ReportInfo", "extract_facts", "report_info"]


class Facts:
    def __init__(self, document: Document, outline: Outline, kind: str):
        self.document = document
        self.outline = outline
        self.kind = kind

    @cached_property
    def report(self) -> ReportInfo:
        """The report's kind and own periods as its title states them."""
        return report_info(self.outline.title_text, self.kind)

    @cached_property
    def periods(self) -> PeriodFacts:
        """The title's summary and plan periods, and every period mention with its role (Y rules)."""
        return extract_periods(self.outline)

    @cached_property
    def quantities(self) -> QuantityIndex:
        """Numbers with unit and interval (``.of(ruleset.arithmetic)``; A rules)."""
        return QuantityIndex(self.document)

    @cached_property
    def sentences(self) -> SentenceIndex:
        """Sentences and clauses with their quantities (``.of(ruleset.arithmetic)``; A rules)."""
        return SentenceIndex(self.document, self.quantities)


def extract_facts(document: Document, outline: Outline, kind: str) -> Facts:
    return Facts(document, outline, kind)
