"""Structure rules (S1xx) on the five real seed reports and on three well-formed reports.

Every S finding on a seed is listed and was checked by hand against the text:

- 000 (镇长工作总结及2026年工作计划) stops at "森林覆盖率" before download-site residue: S109,
  and the promised 2026 plan never comes: S104. Its missing problems part is not S103's to
  report (a truncated text may have lost it).
- 001 (XX镇2025年工作总结及2026年工作计划) has a table of contents whose 四、2026年工作要点 and its
  six （一）…（六） the body never reaches: S105 ×7; the body stops at "…附": S109; no plan: S104.
- 002 (年度工作总结及下一步工作计划): problems discussed in a paragraph (清醒地认识到……困难和问题),
  plan under 二、“十四五”的总体要求和目标任务: nothing to report.
- 003 (第一季度工作总结和第二季度工作计划): complete, nothing to report.
- 004 (2023年工作总结和2024年工作谋划): （三） is followed by （五） after the hidden-text residue:
  S101; no 2024 plan: S104; no problems part anywhere in the visible text: S103.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEEDS

from reportlint.config import Settings
from reportlint.engine import lint_path

FIXTURES = Path(__file__).parent / "fixtures"


def seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def s_findings(path: Path):
    result = lint_path(str(path), Settings(select=("S",)))
    assert result.error is None
    return result.findings


def codes_lines(path: Path) -> set[tuple[str, int]]:
    return {(f.code, f.line) for f in s_findings(path)}


EXPECTED = {
    "000": {("S104", 12), ("S109", 42)},
    "001": {("S105", n) for n in range(9, 16)} | {("S104", 16), ("S109", 35)},
    "002": set(),
    "003": set(),
    "004": {("S103", 1), ("S104", 1), ("S101", 19)},
}


class TestS1Seeds:
    """All S findings on the five seeds (the class name lets ``-k S1`` select these tests)."""

    @pytest.mark.parametrize("prefix", sorted(EXPECTED))
    def test_all_s_findings_on_seeds(self, prefix):
        assert codes_lines(seed(prefix)) == EXPECTED[prefix]

    @pytest.mark.parametrize("prefix", ["000", "001", "004"])
    def test_missing_promised_plan_is_reported(self, prefix):
        (f,) = [f for f in s_findings(seed(prefix)) if f.code == "S104"]
        assert "工作计划部分" in f.message_zh
        assert f.severity.value == "error"

    def test_seed_002_problems_in_a_paragraph_are_present(self):
        assert not [f for f in s_findings(seed("002")) if f.code in ("S103", "S104")]

    def test_seed_001_toc_mismatch(self):
        toc = [f for f in s_findings(seed("001")) if f.code == "S105"]
        assert [f.line for f in toc] == list(range(9, 16))
        assert "四、2026年工作要点" in toc[0].message_zh
        assert all("在正文中没有对应标题" in f.message_zh for f in toc)

    def test_seed_004_gap_between_3_and_5(self):
        (f,) = [f for f in s_findings(seed("004")) if f.code == "S101"]
        assert f.line == 19
        assert "“(三)”之后是“(五)”，缺少“(四)”" in f.message_zh
        assert (f.column, f.end_column) == (1, 4)

    @pytest.mark.parametrize(
        "prefix,truncated", [("000", True), ("001", True), ("002", False), ("003", False), ("004", False)]
    )
    def test_truncation(self, prefix, truncated):
        found = [f for f in s_findings(seed(prefix)) if f.code == "S109"]
        assert bool(found) == truncated

    def test_seed_000_cut_is_located_at_the_unfinished_sentence(self):
        (f,) = [f for f in s_findings(seed("000")) if f.code == "S109"]
        assert f.block.text[f.start : f.end].endswith("森林覆盖率")


class TestS1WellFormed:
    """Three well-formed reports of each kind: no S finding."""

    @pytest.mark.parametrize("name", ["annual", "half_year", "quarterly"])
    def test_well_formed_reports_have_no_structure_finding(self, name):
        path = FIXTURES / f"well_formed_{name}.txt"
        assert [f"{f.line} {f.code} {f.message_zh}" for f in s_findings(path)] == []

    @pytest.mark.parametrize(
        "name,kind", [("annual", "annual"), ("half_year", "half-year"), ("quarterly", "quarterly")]
    )
    def test_well_formed_reports_are_detected_as_their_kind(self, name, kind):
        result = lint_path(str(FIXTURES / f"well_formed_{name}.txt"), Settings(select=("S",)))
        assert result.kind == kind


def test_part_patterns_led_search_like_the_patterns():
    """parts._compiled leads an alternation that re would try at every position by its first
    characters (parts._led_any), and paragraph_parts skips _DECOR on long paragraphs: both must
    answer exactly as the plain patterns do."""
    import random
    import re

    from reportlint.rules.structure import parts as pp

    pats = (
        "存在的?(?:主要)?问题", "问题和不足", r"(?:清醒地?)?(?:认识|看到)到?.{0,20}(?:困难|问题)",
        r"(?:奋斗|主要|预期)目标$", r"\s*下一步", "(?i:ab)c", r"^\s*明年[，,]",
    )
    random.seed(7)
    alphabet = "存在的主要问题和不足清醒地认识到看困难奋斗预期目标下一步明年ABabc，,：: \t\n#*。"
    texts = ["", "\n", "下一步\n", "\nAbc"] + ["".join(random.choice(alphabet) for _ in range(random.randint(0, 40))) for _ in range(3000)]
    for k in range(1, len(pats) + 1):
        for chosen in (pats[:k], pats[k - 1 :], pats[-k:]):
            got = pp._compiled(chosen)
            for t in texts:
                assert any(p.search(t) for p in got) == any(re.search(p, t) for p in chosen), (chosen, t)
    for t in texts + [t * 9 for t in texts]:
        if len(t) - pp._DECOR_LEAD.match(t).end() > pp._HEADING_LIKE_MAX and not pp._DECOR_TRAIL.match(t, len(t) - 1):
            assert len(pp._DECOR.sub("", t)) > pp._HEADING_LIKE_MAX, t
