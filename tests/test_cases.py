"""Data-driven rule cases: tests/cases/<CODE>.toml.

Each file holds ``[[case]]`` tables::

    [[case]]
    name = "what the case shows"
    text = '''the report text (a .txt unless format = "md")'''
    ruleset = "annual"          # optional; default: detected from the title
    expect = [                  # the findings of this rule, in document order; [] = none
      { line = 3, column = 1, end_column = 5, contains = "xxxx年", severity = "error" },
    ]

Only the file's rule runs (``rule = "CODE"`` at the top overrides the file name). An optional
``fixed = '''…'''`` is the text after applying the rule's safe fixes (``check --fix``). Every key of an
expectation is optional except ``line``; ``contains`` / ``contains_en`` are substrings of the
Chinese / English message.
"""

from __future__ import annotations

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
from pathlib import Path

import pytest

from reportlint.config import Settings
from reportlint.engine import lint_document
from reportlint.readers.text import read_text
from reportlint.rules import all_rules

CASES = Path(__file__).parent / "cases"
_KEYS = {"line", "column", "end_column", "contains", "contains_en", "severity", "table", "row", "col"}


def _load():
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        code = data.get("rule", path.stem)
        for i, case in enumerate(data.get("case", [])):
            yield pytest.param(code, case, id=f"{path.stem}:{i}:{case.get('name', '')}")


def run_case(code: str, case: dict):
    fmt = case.get("format", "txt")
    doc = read_text(case["text"].encode("utf-8"), f"case.{fmt}", fmt)
    settings = Settings(select=(code,), ruleset=case.get("ruleset"))
    return lint_document(doc, settings).findings


@pytest.mark.parametrize("code,case", list(_load()))
def test_case(code: str, case: dict):
    assert "expect" in case, "a case must say what it expects (expect = [] for none)"
    findings = run_case(code, case)
    got = [f"{f.line}:{f.column}-{f.end_column} {f.code} {f.message_zh}" for f in findings]
    assert len(findings) == len(case["expect"]), "\n".join(got) or "no findings"
    for f, exp in zip(findings, case["expect"]):
        unknown = set(exp) - _KEYS
        assert not unknown, f"unknown expectation keys {unknown}"
        assert f.code == code
        assert f.line == exp["line"], got
        if "column" in exp:
            assert f.column == exp["column"], got
        if "end_column" in exp:
            assert f.end_column == exp["end_column"], got
        if "contains" in exp:
            assert exp["contains"] in f.message_zh, got
        if "contains_en" in exp:
            assert exp["contains_en"] in f.message_en, got
        if "severity" in exp:
            assert f.severity.value == exp["severity"], got
        for key in ("table", "row", "col"):
            if key in exp:
                assert getattr(f.block, key) == exp[key], got
    if "fixed" in case:  # the text after `check --fix` with only this rule selected
        from reportlint.fix import fix_text_bytes

        fmt = case.get("format", "txt")
        settings = Settings(select=(code,), ruleset=case.get("ruleset"))
        new, _ = fix_text_bytes(case["text"].encode("utf-8"), f"case.{fmt}", fmt, settings)
        assert new.decode("utf-8") == case["fixed"]


def test_every_rule_has_positive_and_negative_cases():
    for rule in all_rules():
        path = CASES / f"{rule.code}.toml"
        assert path.exists(), f"{rule.code} has no case file"
        cases = tomllib.loads(path.read_text(encoding="utf-8")).get("case", [])
        assert any(c.get("expect") for c in cases), f"{rule.code}: no case with a finding"
        assert any(c.get("expect") == [] for c in cases), f"{rule.code}: no true-negative case"
