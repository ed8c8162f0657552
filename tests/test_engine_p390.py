"""The engine runs P390 last and hands it the findings of the rules it ran: the result is exactly
that of running every selected rule in registry order, P390 running all other rules again itself."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import SEEDS

from reportlint.config import Settings
from reportlint.engine import analyse, lint_document
from reportlint.readers.text import read_text
from reportlint.rules import Context, all_rules
from reportlint.suppress import collect

DIRECTIVES = [
    "<!-- reportlint: disable=A201 -->",
    "<!-- reportlint: disable=T5,S101 -- 口径不同 -->",
    "<!-- reportlint: disable=P301 -->",
    "<!-- reportlint: disable=Z901,Y4 -->",
    "<!-- reportlint: disable -->",
    "<!-- reportlint: disable-file=A207 -->",
]


def _documents():
    docs = []
    for k, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        lines = path.read_text(encoding="utf-8").split("\n")
        out = []
        for i, line in enumerate(lines):
            if line.strip() and (i + k) % 4 == 0:
                out.append(DIRECTIVES[(i + k) % len(DIRECTIVES)])
            out.append(line)
        out.append(DIRECTIVES[k % len(DIRECTIVES)])  # one with no line after it
        docs.append(read_text("\n".join(out).encode(), f"d{k}.md", "md"))
    return docs


def _reference(doc, settings: Settings):
    """The engine as it was: selected rules in registry order, P390 among them, on its own."""
    outline, facts, ruleset, _ = analyse(doc, settings)
    ctx = Context(document=doc, outline=outline, facts=facts, ruleset=ruleset)
    findings = []
    for rule_cls in all_rules():
        if not settings.is_selected(rule_cls.code, doc.path):
            continue
        for f in rule_cls().check(ctx):
            f.severity = settings.severity_of(f.code, f.severity)
            findings.append(f)
    sup = collect(doc)
    kept = sorted((f for f in findings if not sup.covers(f)), key=lambda f: f.sort_key)
    return [f.to_dict() for f in kept], len(findings) - len(kept), Counter(ctx.stats)


@pytest.mark.parametrize(
    "select",
    [None, ("P390",), ("P390", "A"), ("P390", "S", "T"), ("P3", "Y"), ("A201", "P390", "Y401")],
)
def test_p390_run_last_is_the_old_engine(select):
    settings = Settings(select=select)
    docs = _documents()
    assert any(collect(d).directives for d in docs)
    for doc in docs:
        got = lint_document(doc, settings)
        want, suppressed, stats = _reference(doc, settings)
        assert [f.to_dict() for f in got.findings] == want
        assert got.suppressed == suppressed
        assert Counter(got.stats) == stats
