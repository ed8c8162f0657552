"""Baseline: old findings are accepted, new ones fail; keyed by text, not line numbers."""

from __future__ import annotations

import json
from pathlib import Path

from reportlint.cli import main

REPORT = """XX镇2025年工作总结

2025年，全镇新建高标准农田xx亩。

全镇新建高标准农田xx亩。
"""


def run(args, capsys):
    code = main(["check", "--no-config", "--select", "P", "--output-format", "concise", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_write_then_only_new_findings_fail(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "reports" / "总结.txt"
    report.parent.mkdir()
    report.write_text(REPORT, encoding="utf-8")
    baseline = tmp_path / ".reportlint-baseline.json"

    code, out, err = run(["--write-baseline", str(baseline), "reports"], capsys)
    assert code == 0 and out == "" and "3" in err  # everything recorded, nothing left to fail
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["tool"] == "reportlint" and data["version"] == 1
    assert {e["path"] for e in data["findings"]} == {"reports/总结.txt"}
    assert sum(e["count"] for e in data["findings"]) == 3
    assert all("line" not in e for e in data["findings"])

    assert run(["--baseline", str(baseline), "reports"], capsys)[:2] == (0, "")

    # paragraphs inserted above and edits elsewhere move the old findings: still accepted
    edited = REPORT.replace("XX镇2025年工作总结\n", "XX镇2025年工作总结\n\n（此处新增一段说明。）\n\n新增第二段。\n")
    edited = edited.replace("全镇新建高标准农田xx亩。\n", "全镇新建高标准农田xx亩。\n", 1)
    report.write_text(edited + "\n新增：改造危房XX户。\n", encoding="utf-8")
    code, out, _ = run(["--baseline", str(baseline), "reports"], capsys)
    assert code == 1
    assert len(out.splitlines()) == 1 and "XX户" in out  # only the new finding

    # the baseline works from another current folder (paths relative to the baseline file)
    monkeypatch.chdir(report.parent)
    code, out, _ = run(["--baseline", str(baseline), "总结.txt"], capsys)
    assert code == 1 and len(out.splitlines()) == 1


def test_counts_matter(tmp_path, capsys):
    report = tmp_path / "a.txt"
    report.write_text("青山镇2025年工作总结\n\n新建农田xx亩。\n", encoding="utf-8")
    baseline = tmp_path / "b.json"
    run(["--write-baseline", str(baseline), str(report)], capsys)
    # the same sentence a second time: the same fingerprint, one more than recorded
    report.write_text("青山镇2025年工作总结\n\n新建农田xx亩。\n\n新建农田xx亩。\n", encoding="utf-8")
    code, out, _ = run(["--baseline", str(baseline), str(report)], capsys)
    assert code == 1 and len(out.splitlines()) == 1


def test_bad_baseline_is_a_usage_error(tmp_path, capsys):
    report = tmp_path / "a.txt"
    report.write_text("XX镇2025年工作总结\n", encoding="utf-8")
    for content in (None, "{not json", '{"tool": "other"}'):
        path = tmp_path / "b.json"
        if content is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(content, encoding="utf-8")
        code, _, err = run(["--baseline", str(path), str(report)], capsys)
        assert code == 2 and "b.json" in err and "Traceback" not in err
