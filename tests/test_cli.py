"""End-to-end command line: exit codes, JSON contract, config, errors without tracebacks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint.cli import main
from reportlint.rules import all_rules

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = next((ROOT / "examples").glob("青山镇*.txt"))

CLEAN = """青山镇2025年工作总结及2026年工作计划

2025年，青山镇在县委、县政府的坚强领导下，统筹推进各项工作。现将全年工作情况总结如下。

一、2025年工作回顾

（一）产业发展稳中有进

全年新建高标准农田3200亩，新建标准化茶厂2座。

（二）民生保障持续加强

新增城镇就业岗位360个，改造农村危房45户。

二、存在的问题

一是产业链条较短；二是基础设施仍有短板。

三、2026年工作计划

（一）做强特色产业。新建高标准农田2000亩。

（二）补齐民生短板。新建村级养老服务站2个。
"""

JSON_KEYS = {"path", "code", "name", "severity", "message", "line", "column", "end_line", "end_column"}


def run(args, capsys, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        import io

        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_clean_report_exits_0(tmp_path, capsys):
    p = write(tmp_path, "clean.txt", CLEAN)
    code, out, err = run(["check", "--no-config", "--output-format", "concise", str(p)], capsys)
    assert (code, out, err) == (0, "", "")


def test_example_exits_1_with_concise_findings(capsys):
    code, out, err = run(["check", "--no-config", "--output-format", "concise", str(EXAMPLE)], capsys)
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert lines and all(line.startswith(f"{EXAMPLE}:") for line in lines)
    codes = {line.split(": ")[1].split()[0] for line in lines}
    assert {"P301", "P304", "S101"} <= codes


def test_json_contract(capsys):
    code, out, _ = run(["check", "--no-config", "--output-format", "json", str(EXAMPLE)], capsys)
    assert code == 1
    data = json.loads(out)
    assert data and isinstance(data, list)
    for item in data:
        assert JSON_KEYS <= set(item)
        assert item["severity"] in ("error", "warning", "info")
        assert item["line"] >= 1 and item["column"] >= 1 and item["end_column"] >= item["column"]
        assert item["path"] == str(EXAMPLE)
    p301 = next(i for i in data if i["code"] == "P301")
    line = EXAMPLE.read_text(encoding="utf-8").splitlines()[p301["line"] - 1]
    assert line[p301["column"] - 1 : p301["end_column"] - 1].lower().startswith("xx")


def test_lang_en(capsys):
    _, out_zh, _ = run(["check", "--no-config", "--output-format", "json", str(EXAMPLE)], capsys)
    _, out_en, _ = run(["check", "--no-config", "--output-format", "json", "--lang", "en", str(EXAMPLE)], capsys)
    zh, en = json.loads(out_zh), json.loads(out_en)
    assert [i["code"] for i in zh] == [i["code"] for i in en]
    # English prose around the Chinese evidence it quotes, and a different text from the Chinese one
    assert all(re.search(r"[A-Za-z]{3,}", i["message"]) for i in en)
    assert all(a["message"] != b["message"] for a, b in zip(zh, en))


def test_select_and_ignore(capsys):
    _, out, _ = run(["check", "--no-config", "--output-format", "json", "--select", "P", str(EXAMPLE)], capsys)
    assert {i["code"][0] for i in json.loads(out)} == {"P"}
    _, out, _ = run(["check", "--no-config", "--output-format", "json", "--ignore", "P,S101", str(EXAMPLE)], capsys)
    codes = {i["code"] for i in json.loads(out)}
    assert not any(c.startswith("P") for c in codes) and "S101" not in codes


def test_unknown_code_is_usage_error(capsys):
    code, out, err = run(["check", "--select", "Z999", str(EXAMPLE)], capsys)
    assert code == 2 and "Z999" in err and "Traceback" not in err


def test_stdin(capsys, monkeypatch):
    code, out, _ = run(["check", "--no-config", "--output-format", "concise", "-"], capsys, stdin="XX镇2025年工作总结\n".encode(), monkeypatch=monkeypatch)
    assert code == 1 and out.startswith("-:1:1: P301")


def test_unreadable_files_exit_2_and_others_still_checked(tmp_path, capsys):
    write(tmp_path, "a.txt", "XX镇2025年工作总结\n")
    (tmp_path / "b.doc").write_bytes(b"\xd0\xcf\x11\xe0old word")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "d.docx").write_bytes(b"junk bytes, not a zip")
    (tmp_path / "e.docx").write_bytes(b"PK\x03\x04truncated")
    (tmp_path / "notes.png").write_bytes(b"\x89PNG")
    code, out, err = run(["check", "--no-config", "--output-format", "concise", str(tmp_path)], capsys)
    assert code == 2
    assert "a.txt:1:1: P301" in out
    errs = err.strip().splitlines()
    assert len(errs) == 4, err
    assert any("b.doc" in e and ".docx" in e for e in errs)
    assert any("c.pdf" in e for e in errs)
    assert any("d.docx" in e for e in errs) and any("e.docx" in e for e in errs)
    assert "Traceback" not in err and "png" not in err


def test_missing_file_exit_2(tmp_path, capsys):
    code, _, err = run(["check", str(tmp_path / "nope.txt")], capsys)
    assert code == 2 and "nope.txt" in err and "不存在" in err


def test_config_discovery_ignore_severity_and_per_file(tmp_path, capsys):
    sub = tmp_path / "reports" / "2025"
    sub.mkdir(parents=True)
    write(sub, "a.txt", "XX镇2025年工作总结\n")
    write(sub, "draft-b.txt", "XX镇2025年工作总结\n")
    write(tmp_path, "reportlint.toml", 'severity = { P301 = "info" }\n[per-file-ignores]\n"reports/*/draft-*.txt" = ["P"]\n')
    code, out, _ = run(["check", "--output-format", "json", str(sub)], capsys)
    data = json.loads(out)
    assert [(Path(i["path"]).name, i["code"], i["severity"]) for i in data] == [("a.txt", "P301", "info")]
    assert code == 0  # info is below the default fail level (warning)
    code, _, _ = run(["check", "--fail-on", "info", "--output-format", "json", str(sub)], capsys)
    assert code == 1


def test_pyproject_config_and_invalid_key(tmp_path, capsys):
    write(tmp_path, "pyproject.toml", '[tool.reportlint]\nignore = ["P301"]\n')
    p = write(tmp_path, "a.txt", "XX镇2025年工作总结\n")
    code, out, _ = run(["check", "--output-format", "concise", str(p)], capsys)
    assert "P301" not in out
    write(tmp_path, "pyproject.toml", '[tool.reportlint]\nignroe = ["P301"]\n')
    from reportlint.config import find_config

    find_config.cache_clear()
    code, out, err = run(["check", str(p)], capsys)
    assert code == 2 and "ignroe" in err and "pyproject.toml" in err and "Traceback" not in err
    find_config.cache_clear()


def test_broken_user_ruleset_names_file_and_key(tmp_path, capsys):
    bad = write(tmp_path, "mine.toml", '[[placeholders]]\nid = "x"\nregex = "("\nzh = "坏"\nen = "bad"\n')
    p = write(tmp_path, "a.txt", CLEAN)
    code, _, err = run(["check", "--no-config", "--extend-ruleset", str(bad), str(p)], capsys)
    assert code == 2 and "mine.toml" in err and "placeholders.0.regex" in err
    bad.write_text('[[placeholders]]\nid = "x"\nregx = "XX"\nzh = "a"\nen = "b"\n', encoding="utf-8")
    code, _, err = run(["check", "--no-config", "--extend-ruleset", str(bad), str(p)], capsys)
    assert code == 2 and "regx" in err


def test_user_ruleset_extends_placeholders(tmp_path, capsys):
    extra = write(tmp_path, "mine.toml", '[[placeholders]]\nid = "tbd"\nregex = "待填写"\nzh = "待填写标记"\nen = "to-be-filled marker"\n')
    p = write(tmp_path, "a.txt", CLEAN.replace("360个", "待填写个"))
    code, out, _ = run(["check", "--no-config", "--output-format", "concise", "--extend-ruleset", str(extra), str(p)], capsys)
    assert code == 1 and "P301" in out and "待填写" in out


def test_inline_suppression(tmp_path, capsys):
    text = "<!-- reportlint: disable=P301 -- 模板示例 -->\nXX镇2025年工作总结\nXX镇\n"
    p = write(tmp_path, "a.txt", text)
    _, out, _ = run(["check", "--no-config", "--output-format", "concise", "--select", "P301", str(p)], capsys)
    assert out.splitlines() == [f"{p}:3:1: P301 " + out.split("P301 ", 1)[1].splitlines()[0]]
    p.write_text("<!-- reportlint: disable-file -->\nXX镇2025年工作总结\n", encoding="utf-8")
    code, out, _ = run(["check", "--no-config", "--output-format", "concise", str(p)], capsys)
    assert (code, out) == (0, "")


def test_rule_and_rules(capsys):
    code, out, _ = run(["rules"], capsys)
    assert code == 0 and all(r.code in out for r in all_rules())
    code, out, _ = run(["rule", "p301"], capsys)
    assert code == 0 and "P301" in out and "错误示例" in out
    code, out, _ = run(["rule", "P301", "--lang", "en"], capsys)
    assert "Why it matters" in out
    code, _, err = run(["rule", "X123"], capsys)
    assert code == 2 and "X123" in err


def test_outline_command(capsys):
    code, out, _ = run(["outline", str(EXAMPLE)], capsys)
    assert code == 0
    assert "青山镇2025年工作总结及2026年工作计划" in out and "2025年工作回顾" in out and "存在的问题" in out


def test_module_entry_point_has_no_traceback_on_junk(tmp_path):
    junk = tmp_path / "junk.docx"
    junk.write_bytes(os.urandom(2000))
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", str(junk)], capture_output=True, text=True, env=env)
    assert proc.returncode == 2
    assert "junk.docx" in proc.stderr and "Traceback" not in proc.stderr
