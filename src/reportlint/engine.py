"""The pipeline for one file: read -> Document -> outline -> facts -> rules -> filter."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from reportlint import prefilter
from reportlint.config import Settings
from reportlint.document import Document, ReadError
from reportlint.facts import Facts, extract_facts
from reportlint.findings import Finding
from reportlint.outline import Outline, build_outline
from reportlint.readers import parse_bytes, read_bytes
from reportlint.results import FileResult
from reportlint.rules import Context, all_rules
from reportlint.rulesets import detect_kind, load_ruleset
from reportlint.rules.unused_suppression import SELF as UNUSED_SUPPRESSION
from reportlint.suppress import findings_so_far, suppressions

if TYPE_CHECKING:
    from reportlint.rulesets import Ruleset


def analyse(doc: Document, settings: Settings) -> tuple[Outline, Facts, Ruleset, str]:
    """Outline, facts and the ruleset that applies to this document."""
    prefilter.new_document()  # what the pre-filters keep of block texts is this document's only
    base = load_ruleset("base", settings.extend_ruleset)
    outline = build_outline(doc, base.outline)
    if settings.ruleset:
        ruleset = load_ruleset(settings.ruleset, settings.extend_ruleset)
        kind = ruleset.kind or detect_kind(outline.title_text)
    else:
        kind = detect_kind(outline.title_text)
        ruleset = load_ruleset(kind, settings.extend_ruleset)
    return outline, extract_facts(doc, outline, kind, ruleset), ruleset, kind


_sort_key = attrgetter("sort_key")
_SELECTED: list[tuple[Settings, list]] = []  # the last settings without per-file-ignores and their rules


def _selected(settings: Settings, path: str | None) -> list:
    """The rules ``settings`` select for ``path``, in code order. Without per-file-ignores the
    path does not matter: the list is worked out once for the settings of a run, not per file."""
    if settings.per_file_ignores:
        return [r for r in all_rules() if settings.is_selected(r.code, path)]
    if _SELECTED and _SELECTED[0][0] is settings:
        return _SELECTED[0][1]
    rules = [r for r in all_rules() if settings.is_selected(r.code, path)]
    _SELECTED[:] = [(settings, rules)]
    return rules


def lint_document(doc: Document, settings: Settings) -> FileResult:
    outline, facts, ruleset, kind = analyse(doc, settings)
    ctx = Context(document=doc, outline=outline, facts=facts, ruleset=ruleset)
    path = doc.path if doc.path != "-" else None
    selected = _selected(settings, path)
    # P390 judges the directives against every other rule's findings: it runs last and is handed
    # the findings of the rules run here, so that it runs only the unselected ones again
    last = [r for r in selected if r.code == UNUSED_SUPPRESSION]
    so_far = findings_so_far(ctx)
    findings: list[Finding] = []
    for rule_cls in selected:
        if rule_cls.code == UNUSED_SUPPRESSION:
            continue
        own = so_far[rule_cls.code] = list(rule_cls().check(ctx))
        findings.extend(own)
    for rule_cls in last:
        findings.extend(rule_cls().check(ctx))
    if settings.severity:  # without overrides every finding keeps its rule's severity
        for f in findings:
            f.severity = settings.severity_of(f.code, f.severity)
    sup = suppressions(ctx)
    kept = [f for f in findings if not sup.covers(f)] if sup else list(findings)
    kept.sort(key=_sort_key)
    return FileResult(
        path=doc.path,
        findings=kept,
        document=doc,
        outline=outline,
        facts=facts,
        ruleset=ruleset,
        kind=kind,
        suppressed=len(findings) - len(kept),
        stats=ctx.stats,
    )


def lint_path(path: str, settings: Settings, encoding: str | None = None) -> FileResult:
    try:
        data = read_bytes(path, max_size=settings.max_input_size)
    except ReadError as exc:
        return FileResult(path=path, error=exc)
    return lint_bytes(data, path, settings, encoding)


def lint_bytes(data: bytes, path: str, settings: Settings, encoding: str | None = None) -> FileResult:
    """Check ``data``, the bytes read from the file ``path`` (``readers.read_bytes``)."""
    try:
        doc = parse_bytes(data, path, encoding, max_docx_size=settings.max_docx_size)
    except ReadError as exc:
        return FileResult(path=path, error=exc)
    return lint_document(doc, settings)
