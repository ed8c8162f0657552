"""Shortcuts of the pipeline core and the S/A/Y rules give what the plain code gives."""

from __future__ import annotations

from reportlint.document import Block, Document
from reportlint.findings import Finding, Fix, Severity
from reportlint.rules import all_rules
from reportlint.rules.base import Context


def test_finding_clamps_and_fields_as_keywords():
    """``Rule.finding`` builds its Finding by position and clamps by comparisons: the same as
    keywords and ``max``/``min``."""
    rule = next(r for r in all_rules() if r.code == "A201")()
    doc = Document("r.txt", "txt", [])
    ctx = Context(document=doc, outline=None, facts=None, ruleset=None)  # type: ignore[arg-type]
    fix = Fix(1, 2, "x")
    for text in ("", "一", "一二三四五六七八九十"):
        block = Block(0, text, 1)
        n = len(text)
        for start in range(-3, n + 4):
            for end in range(-3, n + 4):
                for severity in (None, Severity.INFO):
                    got = rule.finding(ctx, block, start, end, "中", "en", fix=fix, severity=severity)
                    s = max(0, min(start, n))
                    want = Finding(
                        path="r.txt", code="A201", name=rule.name, severity=severity or rule.severity,
                        message_zh="中", message_en="en", block=block, start=s, end=max(s, min(end, n)), fix=fix,
                    )
                    assert got == want
