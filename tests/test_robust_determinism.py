"""Determinism (issue 7): the same input gives byte-identical output across runs, across
``--jobs`` values and across hash seeds (set/dict iteration order), for every output format."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
FORMATS = ("rich", "concise", "json", "json-lines", "sarif", "github")

REPORT = """青山镇2025年工作总结及2026年工作计划

一、2024年工作回顾

全年新建高标准农田3200亩,新建标准化茶厂xx座，同比增长%。

（一）产业发展稳中有进

一是加强领导；二是完善制度；四是强化考核。

二、存在的问题

（一）产业链条较短 。

三、2026年工作计划

以下三个方面：做好做好各项工作……
"""


def _corpus(d: Path) -> None:
    import docx

    d.mkdir(parents=True, exist_ok=True)
    for i in range(6):
        (d / f"{i:02d}-报告.txt").write_text(REPORT.replace("3200", str(3200 + i)), encoding="utf-8")
    (d / "gb.md").write_bytes(REPORT.encode("gb18030"))
    doc = docx.Document()
    for line in REPORT.splitlines():
        if line:
            doc.add_paragraph(line)
    t = doc.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "指标"
    t.cell(1, 1).text = "增长%，xx万元"
    doc.save(d / "w.docx")
    (d / "broken.docx").write_bytes(b"PK\x03\x04broken")
    (d / "junk.txt").write_bytes(bytes(range(256)) * 20)
    (d / "上期").mkdir(exist_ok=True)
    (d / "上期" / "青山镇2024年工作总结.txt").write_text(REPORT.replace("2025", "2024").replace("2026", "2025"), encoding="utf-8")


_SCRIPT = textwrap.dedent(
    """
    import io, json, os, sys
    from contextlib import redirect_stdout, redirect_stderr
    sys.path.insert(0, {src!r})
    from reportlint.cli import main
    folder, out_dir = sys.argv[1], sys.argv[2]
    for fmt in {formats!r}:
        for jobs in ("1", "2"):
            for lang in ("zh", "en"):
                err = io.StringIO()
                target = os.path.join(out_dir, f"{{fmt}}-{{jobs}}-{{lang}}.out")
                with redirect_stderr(err), redirect_stdout(io.StringIO()):
                    code = main(["check", "--no-config", "--no-progress", "--color", "never", "--lang", lang,
                                 "--jobs", jobs, "--output-format", fmt, "-o", target, folder])
                with open(target + ".err", "w", encoding="utf-8") as fh:
                    fh.write(f"{{code}}\\n" + err.getvalue())
    """
)


def _run(folder: Path, out_dir: Path, seed: str) -> dict[str, bytes]:
    out_dir.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(SRC)}
    for k in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "CI", "REPORTLINT_DEBUG"):
        env.pop(k, None)
    proc = subprocess.run(
        [sys.executable, "-c", _SCRIPT.format(src=str(SRC), formats=FORMATS), str(folder), str(out_dir)],
        capture_output=True,
        text=True,
        timeout=170,
        env=env,
        cwd=folder.parent,
    )
    assert proc.returncode == 0, proc.stderr
    return {p.name: p.read_bytes() for p in sorted(out_dir.iterdir())}


def test_byte_identical_across_runs_jobs_and_hash_seeds(tmp_path):
    folder = tmp_path / "reports"
    _corpus(folder)
    a = _run(folder, tmp_path / "a", "1")
    b = _run(folder, tmp_path / "b", "4242")
    assert a.keys() == b.keys() and len(a) == len(FORMATS) * 2 * 2 * 2
    for name in a:
        assert a[name] == b[name], f"{name} differs between two runs (hash seeds 1 and 4242)"
    for fmt in FORMATS:
        for lang in ("zh", "en"):
            one, two = a[f"{fmt}-1-{lang}.out"], a[f"{fmt}-2-{lang}.out"]
            assert one == two, f"{fmt}/{lang}: --jobs 1 and --jobs 2 differ"
            assert a[f"{fmt}-1-{lang}.out.err"] == a[f"{fmt}-2-{lang}.out.err"]
    # the corpus has findings, unreadable files, a table and a previous report: not a trivial output
    findings = json.loads(a["json-1-zh.out"])
    assert len(findings) > 20
    assert {Path(f["path"]).name for f in findings} >= {"00-报告.txt", "gb.md", "w.docx"}
    assert a["json-1-zh.out.err"].startswith(b"2\n")
    assert b"broken.docx" in a["json-1-zh.out.err"] and b"junk.txt" in a["json-1-zh.out.err"]


def test_in_process_runs_are_identical(tmp_path):
    """Caches warmed by a first run (rulesets, patterns, lru caches) do not change a second run."""
    from contextlib import redirect_stderr, redirect_stdout

    from reportlint.cli import main

    folder = tmp_path / "reports"
    _corpus(folder)
    outs = []
    for _ in range(2):
        got = {}
        for fmt in FORMATS:
            out, err = io.StringIO(), io.StringIO()
            with redirect_stdout(out), redirect_stderr(err):
                code = main(["check", "--no-config", "--no-progress", "--color", "never", "--jobs", "1", "--output-format", fmt, str(folder)])
            got[fmt] = (code, out.getvalue(), err.getvalue())
        outs.append(got)
    assert outs[0] == outs[1]


def test_fix_diff_is_deterministic(tmp_path):
    from contextlib import redirect_stderr, redirect_stdout

    from reportlint.cli import main

    folder = tmp_path / "reports"
    _corpus(folder)
    diffs = []
    for _ in range(2):
        out = io.StringIO()
        with redirect_stdout(out), redirect_stderr(io.StringIO()):
            main(["check", "--no-config", "--jobs", "1", "--diff", str(folder)])
        diffs.append(out.getvalue())
    assert diffs[0] == diffs[1] and diffs[0]
