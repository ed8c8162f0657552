"""The period model behind the Y rules: titles, plan expectations, mention roles, the calendar."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint.config import Settings
from reportlint.document import Block
from reportlint.engine import lint_document, lint_path
from reportlint.facts.periods import Period, find_mentions, following, plan_follows, title_periods
from reportlint.readers.text import read_text
from reportlint.rulesets import RulesetError, load_ruleset

from conftest import SEEDS


def _label(p: Period | None) -> str | None:
    return None if p is None else p.label()


@pytest.mark.parametrize(
    "title,summary,plan",
    [
        ("青山镇2025年工作总结及2026年工作计划", "2025年", "2026年"),
        ("2024年上半年工作总结和下半年工作打算", "2024年上半年", "2024年下半年"),
        ("2023年第三季度工作总结及第四季度工作计划", "2023年第三季度", "2023年第四季度"),
        ("2023年第四季度工作总结及第一季度工作计划", "2023年第四季度", "2024年第一季度"),
        ("乡镇2022年第一季度工作总结和第二季度工作计划", "2022年第一季度", "2022年第二季度"),
        ("2025年三季度工作总结及四季度工作打算", "2025年第三季度", "2025年第四季度"),
        ("2025年Q3工作总结及Q4工作计划", "2025年第三季度", "2025年第四季度"),
        ("2025年1至9月工作总结", "2025年1至9月", None),
        ("2025年1-10月工作总结及2026年工作计划", "2025年1至10月", "2026年"),
        ("2025年前三季度工作总结和第四季度工作计划", "2025年1至9月", "2025年第四季度"),
        ("二〇二五年工作总结", "2025年", None),
        ("2025年度工作总结", "2025年", None),
        ("2025年工作总结和明年工作计划", "2025年", "2026年"),
        ("镇2023年工作总结和2024年工作谋划", "2023年", "2024年"),
        ("2024年工作总结和2024年工作思路", "2024年", "2024年"),
        ("2026年工作要点", None, "2026年"),
        ("乡镇人民政府年度工作总结及下一步工作计划", "全年", None),  # the year is unknown
        ("xxxx年工作总结及xxxx年工作计划", None, None),  # placeholders: never guessed
        ("20XX年上半年工作总结", None, None),
        ("青山镇2021年政府工作报告", None, None),  # the session's year, not the period reviewed
        ("2025年度党风廉政建设工作报告", "2025年", None),
        ("2025年上半年工作总结及全年工作打算", "2025年上半年", None),  # 全年: which year is not said
        ("“十四五”工作总结", None, None),  # a five-year review: its years are calendar data
        ("2021—2025年工作总结", "2021—2025年", None),
    ],
)
def test_title_periods(title, summary, plan):
    tp = title_periods(title)
    assert (_label(tp.summary), _label(tp.plan)) == (summary, plan)


def test_title_placeholders_and_five_year_reviews_are_flagged_unknown():
    tp = title_periods("xxxx年工作总结及xxxx年工作计划")
    assert tp.summary_placeholder and tp.plan_placeholder and tp.expected_plan is None
    assert title_periods("“十四五”工作总结").summary_five_year == 14


@pytest.mark.parametrize(
    "summary,expected",
    [
        (Period(2025), Period(2026)),
        (Period(2025, 1, 6), Period(2025, 7, 12)),
        (Period(2025, 7, 9), Period(2025, 10, 12)),
        (Period(2025, 10, 12), Period(2026, 1, 3)),  # Q4 → Q1 of the next year
        (Period(2025, 1, 9), Period(2025, 10, 12)),  # 1至9月 → the rest of the year
        (Period(None, 7, 9), Period(None, 10, 12)),
        (Period(2021, 1, 12, 5), None),
    ],
)
def test_following(summary, expected):
    assert following(summary) == expected


@pytest.mark.parametrize(
    "summary,plan,ok",
    [
        (Period(2025), Period(2026), True),
        (Period(2025), Period(2026, 1, 3), True),
        (Period(2025), Period(2025), False),
        (Period(2025), Period(2027), False),
        (Period(2025, 1, 6), Period(2025, 7, 12), True),
        (Period(2025, 1, 6), Period(2025, 7, 9), True),
        (Period(2025, 7, 9), Period(2025, 10, 12), True),
        (Period(2025, 7, 9), Period(2026, 4, 6), False),
        (Period(2025, 10, 12), Period(2026, 1, 3), True),
        (Period(2025, 1, 10), Period(2026), True),  # 1至10月 with next year's plan
        (Period(2025, 1, 9), Period(2025, 10, 12), True),
        (Period(2025), Period(2026, 1, 12, 5), True),  # a 十五五 plan after a 2025 summary
        (Period(None, 7, 9), Period(None, 10, 12), True),
        (Period(None, 7, 9), Period(None, 4, 6), False),
        (Period(None), Period(2026), None),  # unknown year: don't know
    ],
)
def test_plan_follows(summary, plan, ok):
    assert plan_follows(summary, plan) is ok


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2024年，在县委的坚强领导下", [("2024年", "opening")]),
        ("一是2024年，新建村道12公里", [("2024年", "opening")]),
        ("2024年全镇上下凝心聚力", [("2024年", "opening")]),
        ("2024年在县委的坚强领导下", [("2024年", "opening")]),
        ("现将2020年各项工作情况总结如下", [("2020年", "report")]),
        ("现将2025年工作总结及2026年工作计划报告如下", [("2025年", "report"), ("2026年", "plain")]),
        ("2026年是“十五五”规划的开局之年", [("2026年", "statement"), ("“十五五”", "plain")]),
        ("较2023年增加1.2万亩", [("2023年", "comparison")]),
        ("比2023年增长5%", [("2023年", "comparison")]),
        ("2024年同期", [("2024年", "comparison")]),
        ("与2024年相比", [("2024年", "comparison")]),
        ("比上年增长", [("上年", "comparison")]),
        ("在2025年基础上", [("2025年", "baseline")]),
        ("以2020年为基期", [("2020年", "baseline")]),
        ("到2030年森林覆盖率达到70%", [("2030年", "target")]),
        ("力争2026年建成", [("2026年", "target")]),
        ("2026年底前完成", [("2026年", "date")]),
        ("2027年前建成", [("2027年", "target")]),
        ("于2019年建成投产", [("2019年", "date")]),
        ("2025年度的油茶产业项目", [("2025年度", "plain")]),
        ("2019年以来", [("2019年", "history")]),
        ("自2021年以来", [("2021年", "history")]),
        ("“十四五”以来", [("“十四五”", "history")]),
        ("截至2024年底", [("2024年", "asof")]),
        ("截至上半年，全镇", [("上半年", "asof")]),
        ("2024年12月", [("2024年", "date")]),
        ("由2020年的14646元提高到2022年的16403元", [("2020年", "from"), ("2022年", "to")]),
        ("2021—2025年", [("2021—2025年", "span")]),
        ("1至9月累计完成3.3亿元", [("1至9月", "plain")]),
        ("2024年新建高标准农田", [("2024年", "plain")]),
        ("三十四五岁的青年", []),
        ("二十大民生实事", []),
    ],
)
def test_mention_roles(text, expected):
    got = [(m.text, m.role) for m in find_mentions(Block(0, text, 1))]
    assert got == expected


def test_mention_periods():
    (m,) = find_mentions(Block(0, "二〇二五年第三季度全镇完成投资", 1))
    assert m.period == Period(2025, 7, 9)
    (m,) = find_mentions(Block(0, "xxxx年，全镇", 1))
    assert m.placeholder and m.role == "opening"
    (m,) = find_mentions(Block(0, "“十四五”时期", 1))
    assert m.kind == "five-year" and m.five_year == 14 and m.period is None


_PIECES = list("2025年01至9月上下半第一二三四季度今明去“”十四五以来较同期，。现将总结如下是之xX度Q-—") + ["2024年", "第三季度", "“十四五”"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_mentions_never_fail_and_stay_in_the_text(text):
    for m in find_mentions(Block(0, text, 1)):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
    title_periods(text)


@given(
    st.integers(min_value=1990, max_value=2100),
    st.sampled_from([(1, 12), (1, 6), (7, 12), (1, 3), (4, 6), (7, 9), (10, 12), (1, 9)]),
)
def test_the_following_period_always_follows(year, months):
    p = Period(year, *months)
    nxt = following(p)
    assert nxt is not None and plan_follows(p, nxt) is True
    assert nxt.start == p.end + 1


# ------------------------------------------------------------------------------------ calendar


def test_calendar_data_is_complete_and_ordered():
    cal = load_ruleset("annual").calendar
    assert (cal.plan_by_number[14].first, cal.plan_by_number[14].last) == (2021, 2025)
    assert (cal.plan_by_number[15].first, cal.plan_by_number[15].last) == (2026, 2030)
    twentieth = cal.congress_by_number[20]
    assert twentieth.opened.isoformat() == "2022-10-16"
    assert [d.strftime("%Y-%m") for d in twentieth.plenums] == ["2022-10", "2023-02", "2024-07", "2025-10"]
    assert all(len(cal.congress_by_number[n].plenums) == 7 and cal.congress_by_number[n].complete for n in (16, 17, 18, 19))
    years = {a.id: a.year for a in cal.anniversaries}
    assert years["party-founding"] + 100 == 2021 and years["reform-opening"] + 40 == 2018


def test_calendar_rejects_unknown_keys(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[calendar]\nfive_year_plan = []\n', encoding="utf-8")
    with pytest.raises(RulesetError) as exc:
        load_ruleset("annual", (str(bad),))
    assert "calendar" in exc.value.key


def test_calendar_rejects_unordered_plenums(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        "[[calendar.congresses]]\nnumber = 21\nopened = 2027-10-01\nplenums = [2028-02-01, 2027-10-20]\n",
        encoding="utf-8",
    )
    with pytest.raises(RulesetError):
        load_ruleset("annual", (str(bad),))


def _run(text: str, code: str, extend: tuple[str, ...] = ()):
    doc = read_text(text.encode("utf-8"), "case.txt", "txt")
    return lint_document(doc, Settings(select=(code,), extend_ruleset=extend)).findings


def test_extend_ruleset_teaches_the_calendar_a_new_plan_and_congress(tmp_path):
    text = "青山镇2031年工作总结\n2031年，我镇深入学习贯彻党的二十一大精神。\n一、主要工作\n2031年是“十六五”规划的收官之年。\n"
    assert _run(text, "Y407") == [] and _run(text, "Y408") == []  # unknown is silence
    extra = tmp_path / "calendar-2031.toml"
    extra.write_text(
        "[[calendar.five_year_plans]]\nnumber = 16\nfirst = 2031\nlast = 2035\n\n"
        "[[calendar.congresses]]\nnumber = 21\nopened = 2032-10-15\n",
        encoding="utf-8",
    )
    (f,) = _run(text, "Y407", (str(extra),))
    assert "其“收官之年”应是2035年，文中写的是2031年" in f.message_zh
    (g,) = _run(text, "Y408", (str(extra),))
    assert "2032年10月" in g.message_zh


def test_seeds_are_silent_under_the_year_rules():
    """The five seeds use their years correctly where the Y rules can tell (seed 002's years are
    placeholders, which leave the model unknown)."""
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        result = lint_path(str(path), Settings(select=("Y",)))
        found += [(path.name, f.code, f.line) for f in result.findings]
    assert found == []


@pytest.mark.parametrize("code", [f"Y4{n:02d}" for n in range(1, 12)])
def test_documented_examples_behave(code):
    """Each Y rule's own bad example is reported and its good example is not."""
    from reportlint.rules import get_rule

    rule = get_rule(code)
    assert rule is not None
    assert [f.code for f in _run(rule.bad, code)], f"{code}: the bad example is not reported"
    assert _run(rule.good, code) == [], f"{code}: the good example is reported"


_TITLES = [
    "青山镇2025年工作总结及2026年工作计划", "2024年上半年工作总结和下半年工作打算", "2023年第四季度工作总结及第一季度工作计划",
    "xxxx年工作总结", "2026年工作要点", "“十四五”工作总结", "青山镇2021年政府工作报告", "",
]
_LINES = [
    "一、2024年工作回顾", "二、第三季度工作计划", "三、存在的问题", "2024年，在县委的领导下，我镇将抓好工作。",
    "今年以来，全镇完成投资3亿元。", "今年，我镇将重点抓好以下工作。", "截至上半年，完成税收1亿元。",
    "2026年是“十四五”规划的开局之年。", "深入学习贯彻党的二十大和二十届二中、三中、四中全会精神。",
    "由2020年的1万元提高到2020年的2万元。", "2022年是中国共产党成立100周年。", "决胜全面建成小康社会。",
    "“十三五”时期（2016—2020年）", "（一）2025年重点工作推进情况", "力争2023年建成。", "去年，全镇实现增长。",
]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_TITLES), st.lists(st.sampled_from(_LINES), max_size=12))
def test_year_rules_never_fail_on_any_arrangement(title, lines):
    text = "\n".join([title, *lines]) + "\n"
    doc = read_text(text.encode("utf-8"), "case.txt", "txt")
    for f in lint_document(doc, Settings(select=("Y",))).findings:
        assert f.code.startswith("Y")
        assert 0 <= f.start <= f.end <= len(f.block.text)
        assert f.message_zh and f.message_en


def test_extend_ruleset_replaces_a_slogan_by_id(tmp_path):
    text = "青山镇2023年工作总结\n一、主要工作\n我镇紧紧围绕决胜全面建成小康社会目标，扎实推进各项工作。\n"
    assert len(_run(text, "Y410")) == 1
    extra = tmp_path / "slogans.toml"
    extra.write_text(
        "[[calendar.slogans]]\nid = \"xiaokang-decisive\"\nregex = '决胜全面建成小康社会'\n"
        "first = 2017\nlast = 2023\nzh = \"x\"\nen = \"x\"\n",
        encoding="utf-8",
    )
    assert _run(text, "Y410", (str(extra),)) == []


def test_docx_headings_numbered_by_word(tmp_path):
    """Headings whose 一、 comes from numbering.xml are checked like typed ones."""
    from docx_fixtures import report_docx

    path = tmp_path / "report.docx"
    path.write_bytes(
        report_docx(
            [
                "青山镇2025年工作总结及2026年工作计划",
                "2024年，在县委、县政府的坚强领导下，我镇较好完成了年度目标任务。",
                "一、2024年工作回顾",
                "全年实现地区生产总值18.6亿元。",
                "二、2025年工作计划",
                "2025年，我镇将重点抓好以下工作。",
            ]
        )
    )
    found = [(f.code, f.line, f.block.text[f.start : f.end]) for f in lint_path(str(path), Settings(select=("Y",))).findings]
    assert found == [("Y403", 2, "2024年"), ("Y401", 3, "2024年"), ("Y401", 5, "2025年"), ("Y404", 6, "2025年")]
