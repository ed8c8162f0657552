"""Documentation is generated from the registry: the README's rule table must be current, and
every rule's documentation complete in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from reportlint.docs import rule_text, rules_markdown
from reportlint.rules import all_rules

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_rule_table_is_current():
    text = README.read_text(encoding="utf-8")
    m = re.search(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", text, re.S)
    assert m, "README lacks the rules markers"
    assert m.group(1) == rules_markdown("zh"), "README rule table is stale: run `python tools/update_readme.py`"


def test_every_rule_is_documented_in_both_languages():
    rules = all_rules()
    assert rules
    for r in rules:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", r.name), r.code
        for zh, en in (r.summary, r.why):
            assert re.search(r"[\u4e00-\u9fff]", zh), r.code
            assert en and not re.search(r"[\u4e00-\u9fff]{3}", en.split("“")[0].split('"')[0]), r.code
        assert r.bad.strip() and r.good.strip() and r.bad != r.good, r.code
        assert r.code in rule_text(r, "zh") and r.code in rule_text(r, "en")
