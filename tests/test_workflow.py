"""Workflow integration: github and json-lines output, --statistics, -o, folder walking
(.gitignore, exclude, --force-exclude), --jobs with output identical to --jobs 1, progress rules."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest

from reportlint.cli import main
from reportlint.document import Block, BlockKind
from reportlint.findings import Finding, Severity
from reportlint.output.github import annotation, escape_data, escape_property, step_summary
from reportlint.parallel import progress_wanted

PLACEHOLDER = "XX镇2025年工作总结\n\n今年新建农田xx亩。\n"
CLEAN = "青山镇2025年工作总结\n\n今年完成了各项任务。\n"


@pytest.fixture(autouse=True)
def _no_ci_env(monkeypatch):
    for var in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "CI", "PRE_COMMIT"):
        monkeypatch.delenv(var, raising=False)


def run(args, capsys):
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def write(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


# --- github ------------------------------------------------------------------------------------


def test_escaping():
    assert escape_data("50%\r\n下一行") == "50%25%0D%0A下一行"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_annotation_escapes_message_and_properties():
    block = Block(index=0, text="完成率100%", line=3)
    f = Finding(path="报告,第1:稿.txt", code="A201", name="rate-mismatch", severity=Severity.WARNING,
                message_zh="完成率 50%\n应为 60%", message_en="x", block=block, start=3, end=7)
    assert annotation(f) == (
        "::warning file=报告%2C第1%3A稿.txt,line=3,col=4,endLine=3,endColumn=8,"
        "title=A201 rate-mismatch::完成率 50%25%0A应为 60%25"
    )
    cell = Block(index=1, text="合计", line=0, kind=BlockKind.CELL, table=2, row=3, col=1)
    g = Finding(path="a.docx", code="A210", name="t", severity=Severity.INFO, message_zh="合计有误",
                message_en="bad total", block=cell, start=0, end=0)
    assert annotation(g) == "::notice file=a.docx,line=1,col=1,endLine=1,endColumn=1,title=A210 t::[表2 第3行 第1列] 合计有误"


def test_github_format_groups_per_file_and_is_auto_selected(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.txt", PLACEHOLDER)
    write(tmp_path, "b.txt", CLEAN)
    write(tmp_path, "c.txt", PLACEHOLDER)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, err = run(["check", "--no-config", "."], capsys)
    assert code == 1 and err == ""
    lines = out.splitlines()
    assert lines[0] == "::group::a.txt" and "::group::c.txt" in lines and "::group::b.txt" not in lines
    assert lines.count("::endgroup::") == 2
    errors = [line for line in lines if line.startswith("::error ")]
    assert errors and all("title=P301 placeholder::" in e for e in errors)
    assert errors[0].startswith("::error file=a.txt,line=1,col=1,endLine=1,endColumn=3,")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## reportlint")  # appended, never overwritten
    assert "| 文件 | 位置 | 代码 | 级别 | 说明 |" in text
    assert text.count("| P301 |") == len(errors)


def test_explicit_format_wins_over_github_actions(tmp_path, capsys, monkeypatch):
    write(tmp_path, "a.txt", PLACEHOLDER)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run(["check", "--no-config", "--output-format", "concise", str(tmp_path / "a.txt")], capsys)
    assert code == 1 and out.startswith(str(tmp_path / "a.txt") + ":1:1: P301")


def test_step_summary_escapes_pipes():
    from reportlint.engine import FileResult

    block = Block(index=0, text="a|b", line=1)
    f = Finding(path="x.txt", code="T501", name="n", severity=Severity.ERROR, message_zh="含|竖线\n两行",
                message_en="pipe | here", block=block, start=0, end=1)
    text = step_summary([FileResult(path="x.txt", findings=[f])], "en")
    assert "| x.txt | 1:1 | T501 | error | pipe \\| here |" in text


# --- json-lines, statistics, -o ----------------------------------------------------------------


def test_json_lines_equals_json(tmp_path, capsys):
    write(tmp_path, "a.txt", PLACEHOLDER)
    write(tmp_path, "b.txt", PLACEHOLDER)
    _, out_json, _ = run(["check", "--no-config", "--output-format", "json", str(tmp_path)], capsys)
    code, out_lines, _ = run(["check", "--no-config", "--output-format", "json-lines", str(tmp_path)], capsys)
    assert code == 1
    assert [json.loads(line) for line in out_lines.splitlines()] == json.loads(out_json)


def test_statistics(tmp_path, capsys):
    write(tmp_path, "a.txt", PLACEHOLDER)
    write(tmp_path, "b.txt", "XX镇2025年工作总结\n")
    code, out, _ = run(["check", "--no-config", "--select", "P301", "--statistics", "--output-format", "concise", str(tmp_path)], capsys)
    assert code == 1
    assert out == "3  P301  placeholder\n"
    code, out, _ = run(["check", "--no-config", "--select", "P301", "--statistics", "--output-format", "json", str(tmp_path)], capsys)
    assert json.loads(out) == [{"code": "P301", "name": "placeholder", "count": 3}]


def test_output_file(tmp_path, capsys):
    write(tmp_path, "a.txt", PLACEHOLDER)
    target = tmp_path / "out" / "result.txt"
    target.parent.mkdir()
    code, out, err = run(["check", "--no-config", "-o", str(target), str(tmp_path / "a.txt")], capsys)
    assert code == 1 and out == "" and err == ""
    assert target.read_text(encoding="utf-8").startswith(f"{tmp_path / 'a.txt'}:1:1: P301")  # concise by default
    code, _, err = run(["check", "--no-config", "-o", str(tmp_path / "no" / "such" / "dir.txt"), str(tmp_path / "a.txt")], capsys)
    assert code == 2 and "Traceback" not in err


def test_fail_on_and_exit_zero(tmp_path, capsys):
    write(tmp_path, "a.txt", PLACEHOLDER)
    assert run(["check", "--no-config", "--exit-zero", str(tmp_path)], capsys)[0] == 0
    # P301 is an error: fails at every level; demoted to info by config it passes --fail-on warning
    write(tmp_path, "reportlint.toml", '[severity]\nP301 = "info"\n')
    assert run(["check", "--select", "P301", "--fail-on", "warning", str(tmp_path)], capsys)[0] == 0
    assert run(["check", "--select", "P301", "--fail-on", "info", str(tmp_path)], capsys)[0] == 1


# --- many files ----------------------------------------------------------------------------------


def _names(out: str) -> set[str]:
    return {line.split(":")[0].removeprefix("./") for line in out.splitlines()}


def _git_repo(path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(path)], check=True)


def test_walk_respects_gitignore_and_exclude(tmp_path, capsys, monkeypatch):
    repo = tmp_path / "repo"
    _git_repo(repo)
    write(repo, ".gitignore", "drafts/\n*.bak.txt\n")
    write(repo, "2025/a.txt", PLACEHOLDER)
    write(repo, "2025/a.bak.txt", PLACEHOLDER)
    write(repo, "drafts/d.txt", PLACEHOLDER)
    write(repo, "archive/old.txt", PLACEHOLDER)
    write(repo, "2025/~$a.docx", "lock")
    monkeypatch.chdir(repo)
    _, out, _ = run(["check", "--no-config", "--select", "P301", "--output-format", "concise", "."], capsys)
    assert _names(out) == {"2025/a.txt", "archive/old.txt"}
    write(repo, "reportlint.toml", 'exclude = ["archive"]\n')
    _, out, _ = run(["check", "--select", "P301", "--output-format", "concise", "."], capsys)
    assert _names(out) == {"2025/a.txt"}
    # a file named on the command line is checked unless --force-exclude
    _, out, _ = run(["check", "--select", "P301", "--output-format", "concise", "archive/old.txt"], capsys)
    assert out.startswith("archive/old.txt:")
    code, out, _ = run(["check", "--select", "P301", "--force-exclude", "--output-format", "concise", "archive/old.txt", "2025/a.txt"], capsys)
    assert _names(out) == {"2025/a.txt"}


def test_walk_outside_git(tmp_path):
    from reportlint.walk import discover

    write(tmp_path, "b.txt", CLEAN)
    write(tmp_path, "a.md", CLEAN)
    write(tmp_path, ".hidden/x.txt", CLEAN)
    write(tmp_path, "sub/c.docx", "x")
    write(tmp_path, "sub/notes.png", "x")
    write(tmp_path, ".gitignore", "b.txt\n")  # not a git work tree: no effect
    files, missing, unreadable = discover([str(tmp_path), str(tmp_path / "nope.txt")])
    names = [Path(f).relative_to(tmp_path).as_posix() for f in files]
    assert names == ["a.md", "b.txt", "sub/c.docx"] and missing == [str(tmp_path / "nope.txt")] and unreadable == []


def test_jobs_output_identical(tmp_path, capsys):
    for i in range(12):
        text = PLACEHOLDER if i % 3 else CLEAN
        write(tmp_path, f"d{i % 4}/r{i:02}.txt", text.replace("xx亩", f"xx亩{i}"))
    (tmp_path / "d1" / "bad.docx").write_bytes(b"not a zip")
    outs = {}
    for jobs in ("1", "2", "3"):
        for fmt in ("concise", "json", "sarif"):
            code, out, err = run(["check", "--no-config", "--jobs", jobs, "--output-format", fmt, str(tmp_path)], capsys)
            assert code == 2 and "bad.docx" in err
            outs.setdefault(fmt, set()).add(out)
    assert all(len(v) == 1 for v in outs.values())
    assert run(["check", "--no-config", "--jobs", "0", str(tmp_path)], capsys)[0] == 2


class _Stream(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def test_progress_only_on_a_terminal_outside_ci(monkeypatch):
    assert progress_wanted(50, _Stream(True))
    assert not progress_wanted(3, _Stream(True))  # too few files to need one
    assert not progress_wanted(50, _Stream(False))
    monkeypatch.setenv("PRE_COMMIT", "1")
    assert not progress_wanted(50, _Stream(True))
    monkeypatch.delenv("PRE_COMMIT")
    monkeypatch.setenv("CI", "true")
    assert not progress_wanted(50, _Stream(True))


def test_progress_bar_runs_and_leaves_stdout_alone(tmp_path, capsys, monkeypatch):
    import reportlint.parallel as parallel

    for i in range(5):
        write(tmp_path, f"r{i}.txt", PLACEHOLDER)
    monkeypatch.setattr(parallel, "progress_wanted", lambda n, stream=None: True)
    code, out, _ = run(["check", "--no-config", "--jobs", "2", "--output-format", "concise", str(tmp_path)], capsys)
    assert code == 1 and len(out.splitlines()) == 10 and all(line.startswith(str(tmp_path)) for line in out.splitlines())
