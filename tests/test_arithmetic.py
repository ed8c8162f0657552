"""Arithmetic (A2xx): quantity extraction, interval tolerance, properties, .docx tables, coverage."""

from __future__ import annotations

import copy
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from docx_fixtures import EXAMPLE_REPORT, EXAMPLE_TABLE, report_docx
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from reportlint.config import Settings
from reportlint.data.arithmetic import ArithmeticData
from reportlint.engine import lint_document, lint_path
from reportlint.facts.quantities import extract_quantities
from reportlint.readers.docx import read_docx
from reportlint.readers.text import read_text
from reportlint.rules.arithmetic.a208_rate_feasible import feasible
from reportlint.rulesets import load_ruleset

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
ARITH = load_ruleset("annual").arithmetic


def quantities(text: str):
    doc = read_text(text.encode("utf-8"), "q.txt", "txt")
    return extract_quantities(doc, ARITH)


def texts(text: str) -> list[str]:
    return [q.text for q in quantities(text).quantities]


def lint(text: str, select: str = "A", fmt: str = "txt"):
    doc = read_text(text.encode("utf-8"), f"case.{fmt}", fmt)
    return lint_document(doc, Settings(select=(select,)))


# ------------------------------------------------------------------------------ extraction


@pytest.mark.parametrize(
    "text",
    [
        "完成S205省道XX段路面改造",
        "新建及改造10千伏线路",
        "XX国家4A级旅游景区",
        "建成5G基站",
        "G318国道",
        "2025年工作总结",
        "于1月5日召开",
        "第3季度",
        "“十四五”规划",
        "县政府〔2025〕12号文件",
        "207国道、251省道",
        "2026-01-22 发布于四川",
        "“四化一堤”有序实施",
        "实施一批重点项目",
        "二十届四中全会",
    ],
)
def test_numbers_inside_names_are_not_quantities(text):
    assert texts(text) == []


def test_arabic_numbers_multipliers_and_separators():
    qf = quantities("总投资4.2亿元，固投4.9个亿，产量1.2万吨，1,234人，1，234户，积分2.8万。")
    got = {q.text: q for q in qf.quantities}
    assert got["4.2亿元"].value == Decimal("420000000") and got["4.2亿元"].family == "money"
    assert got["4.2亿元"].lo == Decimal("415000000") and got["4.2亿元"].hi == Decimal("425000000")
    assert got["4.9个亿"].value == Decimal("490000000")
    assert got["1.2万吨"].family == "mass"
    assert got["1,234人"].value == 1234 and got["1,234人"].lo == got["1,234人"].hi == 1234
    assert got["1，234户"].value == 1234
    assert got["2.8万"].value == 28000


def test_chinese_numerals_need_a_measure_word():
    qf = quantities("新增一百二十三人，两个村，三千五百亩，一是加强领导，统一部署。")
    assert [q.text for q in qf.quantities] == ["一百二十三人", "两个", "三千五百亩"]
    assert [q.value for q in qf.quantities][:2] == [123, 2]


def test_percentages_points_and_intervals():
    got = {q.text: q for q in quantities("化解率97.4%，提高1.5个百分点，占百分之三十。").quantities}
    assert (got["97.4%"].lo, got["97.4%"].hi) == (Decimal("97.35"), Decimal("97.45"))
    assert got["1.5个百分点"].is_point
    assert got["百分之三十"].is_percent and got["百分之三十"].value == 30


def test_approximations_are_bounds_and_ranges_span():
    got = {q.text: q for q in quantities("清理1800余吨，近3.5万元，约50人，300人以上，3至5个，63%~68%，5000万元至1亿元项目3个。").quantities}
    assert got["1800余吨"].approx == "min" and got["1800余吨"].hi is None
    assert got["3.5万元"].approx == "max" and got["3.5万元"].lo == 0
    assert got["50人"].approx == "about" and got["50人"].lo < 50 < got["50人"].hi
    assert got["300人以上"].lo == 300 and got["300人以上"].hi is None
    assert (got["3至5个"].lo, got["3至5个"].hi) == (3, 5)
    assert got["63%~68%"].lo == Decimal("62.5") and got["63%~68%"].hi == Decimal("68.5")
    assert got["5000万元至1亿元"].approx == "range"
    assert got["3个"].value == 3


def test_unparsed_spans_are_counted():
    result = lint("参保率达xx.xx%，完成投资5 9亿元。", "A201")
    assert result.stats["unparsed"] == 2


def test_relations_are_counted():
    result = lint("全年排查矛盾纠纷156起，成功调解152起，调解成功率97.4%。\n民生支出1.56亿元，占一般公共预算支出2.08亿元的75%。\n")
    assert result.findings == []
    assert result.stats["relations"] >= 2
    assert result.stats["relations.rate"] == 1 and result.stats["relations.share"] == 1


def test_a_users_not_quantities_pattern_counts_wherever_it_starts(tmp_path):
    # the scan's first-character lookahead is derived from the patterns: a pattern starting with
    # a character no shipped pattern starts with (甲) is not silently ignored
    extra = tmp_path / "ours.toml"
    extra.write_text("[arithmetic]\nnot_quantities = ['甲\\d+号楼']\n", encoding="utf-8")
    data = load_ruleset("annual", (str(extra),)).arithmetic
    doc = read_text("完成甲12号楼改造，新建住房120户。".encode("utf-8"), "q.txt", "txt")
    assert [q.text for q in extract_quantities(doc, data).quantities] == ["120户"]
    assert texts("完成乙12号楼改造，新建住房120户。")[0].startswith("12")


def test_ruleset_data_is_validated():
    with pytest.raises(ValidationError):
        ArithmeticData(not_quantities=["(unclosed"])
    with pytest.raises(ValidationError):
        ArithmeticData(units={"亩": {"family": "area", "factor": "not a number"}})
    with pytest.raises(ValidationError):
        ArithmeticData(unknown_key=[])


# ------------------------------------------------------------------------------ properties


def _rounded(x: Decimal, places: int) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _pct(x: Decimal) -> str:
    return format(x, "f")


@settings(max_examples=300, deadline=None)
@given(whole=st.integers(1, 20000), data=st.data(), places=st.integers(0, 2))
def test_correctly_rounded_rate_is_never_reported(whole, data, places):
    part = data.draw(st.integers(0, whole))
    rate = _rounded(Decimal(part) * 100 / whole, places)
    text = f"排查矛盾纠纷{whole}起，成功化解{part}起，化解率{_pct(rate)}%。\n"
    assert [f.message_zh for f in lint(text, "A201").findings] == []


@settings(max_examples=300, deadline=None)
@given(whole=st.integers(1, 20000), data=st.data(), places=st.integers(0, 2), k=st.integers(1, 50), sign=st.sampled_from([1, -1]))
def test_rate_off_by_more_than_its_rounding_is_reported(whole, data, places, k, sign):
    part = data.draw(st.integers(0, whole))
    exact = Decimal(part) * 100 / whole
    ulp = Decimal(1).scaleb(-places)
    wrong = _rounded(exact, places) + sign * k * ulp
    assume(wrong >= 0)
    assume(abs(wrong - exact) > ulp / 2)  # beyond the rounding interval of the printed value
    text = f"排查矛盾纠纷{whole}起，成功化解{part}起，化解率{_pct(wrong)}%。\n"
    findings = lint(text, "A201").findings
    assert len(findings) == 1, text
    assert f"{part} ÷ {whole}" in findings[0].message_zh


@settings(max_examples=300, deadline=None)
@given(whole=st.integers(1, 400), data=st.data(), places=st.integers(0, 2))
def test_grim_never_reports_a_possible_rate(whole, data, places):
    part = data.draw(st.integers(0, whole))
    rate = _rounded(Decimal(part) * 100 / whole, places)
    h = Decimal(1).scaleb(-places) / 2
    assert feasible(whole, rate - h, rate + h)
    text = f"受理信访件{whole}件，办结率{_pct(rate)}%。\n"
    assert lint(text, "A208").findings == []


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.integers(1, 5000), min_size=2, max_size=5))
def test_rounded_parts_of_a_rounded_total_are_never_reported(parts):
    # parts in 万元 with one decimal (tenths of 万), the total rounded to 亿元 with two decimals
    values = [Decimal(p) / 10 for p in parts]
    total = _rounded(sum(values) / 10000, 2)
    assume(total > 0)
    listed = "、".join(f"项目{chr(0x7532 + i)}投资{format(v, 'f')}万元" for i, v in enumerate(values))
    text = f"完成投资{format(total, 'f')}亿元，其中{listed}。\n"
    assert lint(text, "A203").findings == []


# ------------------------------------------------------------------------------ .docx tables


def _docx_findings(table, select="A210"):
    doc = read_docx(report_docx(["青山镇2025年工作总结", "表1　各村茶叶产业发展情况", table]), "t.docx")
    return lint_document(doc, Settings(select=(select,)))


def test_docx_table_total_that_adds_up_is_silent():
    result = _docx_findings(EXAMPLE_TABLE)
    assert result.findings == []
    assert result.stats["relations.table"] == 3


def test_docx_table_total_mismatch_carries_table_row_col():
    table = copy.deepcopy(EXAMPLE_TABLE)
    table[-1][1] = "8400"
    findings = _docx_findings(table).findings
    assert len(findings) == 1
    f = findings[0]
    assert (f.block.table, f.block.row, f.block.col) == (1, 6, 2)
    assert "合计行“茶园面积（亩）”列为 8400，而所汇总各行之和为 8500" in f.message_zh
    d = f.to_dict()
    assert d["table"] == 1 and d["row"] == 6 and d["col"] == 2


def test_docx_table_rate_columns_and_subtotals():
    table = [
        ["单位", "投资（万元）", "完成率"],
        ["青山村", "12.3", "95%"],
        ["石桥村", "10.2", "90%"],
        ["小计", "22.5", "92.5%"],
        ["柳溪村", "5.0", "80%"],
        ["小计", "5.0", "80%"],
        ["合计", "27.5", "88%"],
    ]
    assert _docx_findings(table).findings == []
    table[-1][1] = "29.5"
    findings = _docx_findings(table).findings
    assert [(f.block.row, f.block.col) for f in findings] == [(7, 2)]


# ------------------------------------------------------------------------------ whole documents


def test_example_report_has_no_arithmetic_finding():
    doc = read_docx(report_docx(EXAMPLE_REPORT), "example.docx")
    result = lint_document(doc, Settings(select=("A",)))
    assert result.findings == []
    assert result.stats["relations"] >= 8


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed reports not present")
def test_seed_reports_have_no_false_arithmetic_alarm():
    # every A finding on the five seeds was read by hand; the seeds' arithmetic is right
    for path in sorted(SEEDS.glob("*.txt")):
        result = lint_path(str(path), Settings(select=("A",)))
        assert [f.message_zh for f in result.findings] == [], path.name


def test_relations_stay_inside_a_sentence():
    text = "全年排查矛盾纠纷156起。成功调解152起，调解成功率96.4%。\n" * 3
    assert lint(text).findings == []


def test_docx_table_with_the_total_first():
    table = [
        ["村名", "户数", "人口"],
        ["合计", "35", "120"],
        ["青山村", "10", "40"],
        ["石桥村", "12", "45"],
        ["柳溪村", "13", "35"],
    ]
    assert _docx_findings(table).findings == []
    table[1][1] = "36"
    findings = _docx_findings(table).findings
    assert [(f.block.row, f.block.col) for f in findings] == [(2, 2)]
    assert "列为 36，而所汇总各行之和为 35" in findings[0].message_zh


def test_docx_table_rate_column():
    table = [
        ["指标", "年度目标（万元）", "完成（万元）", "完成率"],
        ["税收收入", "5000", "4800", "96%"],
        ["非税收入", "1200", "1260", "105%"],
    ]
    assert _docx_findings(table, "A211").findings == []
    table[1][3] = "98%"
    findings = _docx_findings(table, "A211").findings
    assert [(f.block.table, f.block.row, f.block.col) for f in findings] == [(1, 2, 4)]
    assert "4800 ÷ 5000 = 96.00%" in findings[0].message_zh


@settings(max_examples=200, deadline=None)
@given(a=st.integers(1, 5000), b=st.integers(1, 10000), places=st.integers(0, 2))
def test_correctly_rounded_growth_is_never_reported(a, b, places):
    verb = "增加到" if b >= a else "下降到"
    change = "增长" if b >= a else "下降"
    g = _rounded(abs(Decimal(b - a)) * 100 / a, places)
    text = f"农户由{a}户{verb}{b}户，{change}{_pct(g)}%。\n"
    assert lint(text, "A207").findings == []


@settings(max_examples=200, deadline=None)
@given(a=st.integers(1, 5000), b=st.integers(1, 10000), places=st.integers(0, 2), k=st.integers(1, 30))
def test_growth_off_by_more_than_its_rounding_is_reported(a, b, places, k):
    verb = "增加到" if b >= a else "下降到"
    change = "增长" if b >= a else "下降"
    exact = abs(Decimal(b - a)) * 100 / a
    ulp = Decimal(1).scaleb(-places)
    wrong = _rounded(exact, places) + k * ulp
    assume(abs(wrong - exact) > ulp / 2)
    text = f"农户由{a}户{verb}{b}户，{change}{_pct(wrong)}%。\n"
    assert len(lint(text, "A207").findings) == 1, text


def test_docx_table_total_against_the_text():
    assert lint_document(read_docx(report_docx(EXAMPLE_REPORT), "e.docx"), Settings(select=("A212",))).findings == []
    report = [x.replace("全镇茶园面积达到8500亩", "全镇茶园面积达到8600亩") if isinstance(x, str) else x for x in EXAMPLE_REPORT]
    findings = lint_document(read_docx(report_docx(report), "e.docx"), Settings(select=("A212",))).findings
    assert len(findings) == 1
    assert "正文“茶园面积”为 8600亩，而表格合计行为 8500亩" in findings[0].message_zh
    assert findings[0].block.table is None  # reported where the text is
