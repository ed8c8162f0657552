"""Cross-report check: this period's report against the previous one (Y490 copied, Y491 plan)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docx_fixtures import report_docx
from reportlint.cli import main
from reportlint.previous import mentioned, unit_of

PREV = """青山镇2024年工作总结及2025年工作计划

2024年，青山镇在县委、县政府的坚强领导下，统筹推进各项工作。现将全年工作情况总结如下。

一、2024年工作回顾

（一）产业发展稳中有进

全年新建高标准农田3200亩，新建标准化茶厂2座，带动茶农增收1200余万元，茶叶品牌影响力不断提升。

（二）民生保障持续加强

2024年新增城镇就业岗位360个，改造农村危房45户，城乡居民医保参保率达到98.6%。

二、存在的问题

一是产业链条较短；二是基础设施仍有短板。

三、2025年工作计划

（一）做强特色茶叶产业。新建高标准农田2000亩。

（二）建设智慧养老服务平台。新建村级养老服务站2个。

（三）推进农村人居环境整治。完成改厕500户。
"""

CUR = """青山镇2025年工作总结及2026年工作计划

2025年，青山镇在县委、县政府的坚强领导下，统筹推进各项工作。现将全年工作情况总结如下。

一、2025年工作回顾

（一）产业发展稳中有进

全年新建高标准农田3200亩，新建标准化茶厂2座，带动茶农增收1200余万元，茶叶品牌影响力不断提升。

（二）民生保障持续加强

2025年新增城镇就业岗位360个，改造农村危房45户，城乡居民医保参保率达到98.6%。

（三）人居环境持续改善

完成农村改厕520户，人居环境整治成效明显。

二、存在的问题

一是产业链条较短；二是基础设施仍有短板。

三、2026年工作计划

（一）做强特色产业。新建高标准农田2000亩。
"""

PREV_NAME = "青山镇2024年工作总结及2025年工作计划.txt"
CUR_NAME = "青山镇2025年工作总结及2026年工作计划.txt"


def run(args, capsys):
    code = main(["check", "--no-config", "--output-format", "json", *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip().startswith("[") else out), err


def folder(tmp_path: Path, prev: str = PREV, cur: str = CUR) -> Path:
    (tmp_path / PREV_NAME).write_text(prev, encoding="utf-8")
    (tmp_path / CUR_NAME).write_text(cur, encoding="utf-8")
    return tmp_path


def test_explicit_previous(tmp_path, capsys):
    folder(tmp_path)
    code, items, _ = run(["--select", "Y49", "--previous", str(tmp_path / PREV_NAME), str(tmp_path / CUR_NAME)], capsys)
    assert code == 1
    got = [(i["code"], i["line"], i["severity"]) for i in items]
    assert got == [("Y491", 5, "info"), ("Y490", 9, "warning"), ("Y490", 13, "warning")]
    assert "（二）建设智慧养老服务平台" in items[0]["message"] and "第23行" in items[0]["message"]
    assert "完全相同" in items[1]["message"] and "只改了年份" in items[2]["message"]
    # the preamble formula is the same every year and is not reported; 人居环境 is reviewed; 茶叶 is in between
    assert not any("人居环境" in i["message"] or "茶叶产业" in i["message"] for i in items)
    assert items[1]["column"] == 1 and items[1]["end_column"] == len(CUR.splitlines()[8]) + 1


def test_automatic_pairing_in_a_folder(tmp_path, capsys, monkeypatch):
    folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, items, _ = run(["--select", "Y49", "."], capsys)
    assert code == 1 and {i["path"] for i in items} == {f"./{CUR_NAME}"}
    # only the current report named: its predecessor is found beside it
    code, items2, _ = run(["--select", "Y49", CUR_NAME], capsys)
    assert [(i["code"], i["line"]) for i in items2] == [(i["code"], i["line"]) for i in items]


def test_no_pairing_for_another_unit_or_year(tmp_path, capsys):
    folder(tmp_path, prev=PREV.replace("青山镇", "绿水镇"))
    (tmp_path / PREV_NAME).rename(tmp_path / "绿水镇2024年工作总结.txt")
    assert run(["--select", "Y49", str(tmp_path)], capsys)[:2] == (0, [])
    other = tmp_path / "other"
    folder(other.mkdir() or other, prev=PREV.replace("2024年", "2023年").replace("2025年工作计划", "2024年工作计划"))
    assert run(["--select", "Y49", str(other)], capsys)[:2] == (0, [])


def test_select_ignore_suppress_and_docs(tmp_path, capsys):
    folder(tmp_path)
    assert run(["--ignore", "Y49", "--select", "Y", str(tmp_path / CUR_NAME)], capsys)[:2] == (0, [])
    suppressed = CUR.replace("全年新建高标准农田3200亩", "<!-- reportlint: disable=Y490 -- 同一工程跨年 -->\n全年新建高标准农田3200亩")
    (tmp_path / CUR_NAME).write_text(suppressed, encoding="utf-8")
    _, items, _ = run(["--select", "Y490,P390", str(tmp_path / CUR_NAME)], capsys)
    assert [i["code"] for i in items] == ["Y490"]  # the other copy; no P390 for a cross-report code
    assert main(["rule", "Y491"]) == 0
    assert "plan-not-reviewed" in capsys.readouterr()[0]


def test_docx_previous_and_sarif(tmp_path, capsys, monkeypatch):
    jsonschema = pytest.importorskip("jsonschema")
    from conftest import ROOT

    prev = tmp_path / "青山镇2024年工作总结.docx"
    prev.write_bytes(report_docx([line for line in PREV.splitlines() if line.strip()]))
    (tmp_path / CUR_NAME).write_text(CUR, encoding="utf-8")
    code, items, _ = run(["--select", "Y490", "--previous", str(prev), str(tmp_path / CUR_NAME)], capsys)
    assert code == 1 and items and all("段）" in i["message"] for i in items)
    monkeypatch.chdir(tmp_path)
    main(["check", "--no-config", "--select", "Y49", "--output-format", "sarif", "--previous", prev.name, CUR_NAME])
    log = json.loads(capsys.readouterr()[0])
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {"Y490", "Y491"} <= {r["id"] for r in rules}
    for res in log["runs"][0]["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]


def test_unreadable_previous_is_an_error(tmp_path, capsys):
    folder(tmp_path)
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    code, _, err = run(["--previous", str(tmp_path / "bad.docx"), str(tmp_path / CUR_NAME)], capsys)
    assert code == 2 and "bad.docx" in err


def test_mentioned_and_unit():
    review = "全年新建高标准农田3200亩茶叶品牌影响力不断提升人居环境整治成效明显"
    assert mentioned("推进农村人居环境整治", review) is True
    assert mentioned("建设智慧养老服务平台", review) is False
    assert mentioned("做强特色茶叶产业", review + "产业发展") is None  # some words only: say nothing
    assert unit_of("青山镇2025年工作总结及2026年工作计划") == "青山镇"
    assert unit_of("2025年青山镇工作总结") == "青山镇"
    assert unit_of("县教育局2025年上半年工作总结") == "县教育局"
