"""What checking one file gives: its findings and what the later stages (renderers, cross-report
checks, --fix, annotate) need. Apart from the engine that makes it, so that a run reusing stored
results (reportlint.resultcache) imports nothing of the pipeline."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlint.document import Document, ReadError
from reportlint.findings import Finding

if TYPE_CHECKING:
    from reportlint.facts import Facts
    from reportlint.outline import Outline
    from reportlint.rulesets import Ruleset


@dataclass(slots=True)
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    document: Document | None = None
    outline: Outline | None = None
    facts: Facts | None = None
    ruleset: Ruleset | None = None
    kind: str | None = None
    error: ReadError | None = None
    suppressed: int = 0
    stats: Counter[str] = field(default_factory=Counter)  # what the rules examined (Context.stats)
    cross: object | None = None  # reportlint.previous.Summary for Y490/Y491, made by parallel workers
