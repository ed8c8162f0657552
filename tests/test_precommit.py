"""The pre-commit hook, end to end: pre-commit installs reportlint from this repository into its
own virtualenv (pip, from PyPI for the dependencies), a commit holding a report with a placeholder
is refused, and the same commit goes through once the report is fixed.

pre-commit reads ``.pre-commit-hooks.yaml`` from the *committed* tree of the repository at ``rev``,
so this test runs against the HEAD of the repository that holds it; it is skipped (with the reason)
when that HEAD does not have the hook file yet, or when pre-commit or git is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

BAD = "XX镇2025年工作总结\n\n2025年，全镇新建高标准农田3200亩。\n"
GOOD = "青山镇2025年工作总结\n\n2025年，全镇新建高标准农田3200亩。\n"


def _git(*args, cwd: Path, env=None, check=True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check)


def _head_with_hooks(repo: Path) -> str | None:
    try:
        head = _git("rev-parse", "HEAD", cwd=repo).stdout.strip()
        _git("cat-file", "-e", f"{head}:.pre-commit-hooks.yaml", cwd=repo)
    except (OSError, subprocess.CalledProcessError):
        return None
    return head


def precommit_roundtrip(hook_repo: Path, rev: str, work: Path) -> None:
    """Install the hook from ``hook_repo`` at ``rev`` into a new repository under ``work``; assert
    that a report with a placeholder is refused and the fixed report is committed."""
    env = dict(os.environ)
    env.update(
        PRE_COMMIT_HOME=str(work / "pre-commit-home"),
        GIT_AUTHOR_NAME="clerk", GIT_AUTHOR_EMAIL="clerk@example.org",
        GIT_COMMITTER_NAME="clerk", GIT_COMMITTER_EMAIL="clerk@example.org",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)
    repo = work / "reports"
    repo.mkdir()
    _git("init", "-q", cwd=repo, env=env)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: reportlint\n", encoding="utf-8"
    )
    report = repo / "2025年工作总结.txt"
    report.write_text(BAD, encoding="utf-8")
    pre_commit = [sys.executable, "-m", "pre_commit"]
    subprocess.run([*pre_commit, "install"], cwd=repo, env=env, check=True, capture_output=True, text=True)
    _git("add", ".", cwd=repo, env=env)

    refused = _git("commit", "-q", "-m", "2025年工作总结", cwd=repo, env=env, check=False)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "P301" in output and "XX镇" in output, output
    assert _git("rev-parse", "--verify", "-q", "HEAD", cwd=repo, env=env, check=False).returncode != 0

    report.write_text(GOOD, encoding="utf-8")
    _git("add", ".", cwd=repo, env=env)
    accepted = _git("commit", "-q", "-m", "2025年工作总结", cwd=repo, env=env, check=False)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert _git("log", "--format=%s", cwd=repo, env=env).stdout.strip() == "2025年工作总结"


def test_hook_file_declares_reportlint():
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "reportlint" and hook["language"] == "python"
    assert hook["entry"] == "reportlint check"
    import re

    pattern = re.compile(hook["files"])
    for name in ("2025年工作总结.docx", "a/b.txt", "计划.md", "x.markdown"):
        assert pattern.search(name), name
    for name in ("a.doc", "a.pdf", "a.docx.bak", "a.txt~"):
        assert not pattern.search(name), name


def test_commit_refused_then_accepted(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed")
    rev = _head_with_hooks(REPO)
    if rev is None:
        pytest.skip(f"HEAD of {REPO} has no committed .pre-commit-hooks.yaml (pre-commit only sees committed files)")
    precommit_roundtrip(REPO, rev, tmp_path)
