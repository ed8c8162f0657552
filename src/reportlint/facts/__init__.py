"""Facts: what is extracted once per document and shared by all rules.

Each kind of fact lives in its own module of this package and is computed on first use (a
``cached_property``), so a run that selects only some rules pays only for the facts they read.
"""

from __future__ import annotations

from functools import cached_property

from typing import TYPE_CHECKING

from reportlint.document import Document
from reportlint.facts.periods import PeriodFacts, extract_periods
from reportlint.facts.report import ReportInfo, report_info
from reportlint.outline import Outline

if TYPE_CHECKING:
    from reportlint.facts.quantities import QuantityFacts
    from reportlint.facts.sentences import Sentence
    from reportlint.rulesets import Ruleset

__all__ = ["Facts", "ReportInfo", "extract_facts", "report_info"]


class Facts:
    def __init__(self, document: Document, outline: Outline, kind: str, ruleset: Ruleset):
        self.document = document
        self.outline = outline
        self.kind = kind
        self.ruleset = ruleset  # the data some facts are extracted with (units, multipliers …)

    @cached_property
    def report(self) -> ReportInfo:
        """The report's kind and own periods as its title states them."""
        return report_info(self.outline.title_text, self.kind)

    @cached_property
    def periods(self) -> PeriodFacts:
        """The title's summary and plan periods, and every period mention with its role (Y rules)."""
        return extract_periods(self.outline)

    @cached_property
    def quantities(self) -> QuantityFacts:
        """Numbers with unit and interval, per block (A rules)."""
        from reportlint.facts.quantities import extract_quantities

        return extract_quantities(self.document, self.ruleset.arithmetic)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences and clauses that hold quantities, with those quantities (A rules)."""
        from reportlint.facts.sentences import document_sentences

        return document_sentences(self.document, self.quantities)


def extract_facts(document: Document, outline: Outline, kind: str, ruleset: Ruleset) -> Facts:
    return Facts(document, outline, kind, ruleset)
