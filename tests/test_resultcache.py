"""The results of unchanged files kept between runs (reportlint.resultcache)."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from cli_run import run_cli
from conftest import ROOT, SEEDS
from reportlint import engine, resultcache
from reportlint.config import Settings
from reportlint.previous import Summary
from test_workflow_previous import CUR_NAME, folder

EXAMPLE = ROOT / "examples" / "青山镇2025年工作总结及2026年工作计划.txt"
JSON = ("check", "--no-config", "--no-progress", "--exit-zero", "--output-format", "json")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(d))
    return d


def _entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / "results").rglob("*.pickle"))


def _report(tmp_path: Path, name: str = "报告.txt", source: Path = EXAMPLE) -> str:
    p = tmp_path / name
    shutil.copyfile(source, p)
    return str(p)


def _no_linting(monkeypatch) -> None:
    def fail(*_a, **_k):
        raise AssertionError("checked again instead of reusing the stored result")

    monkeypatch.setattr(engine, "lint_document", fail)


def test_a_second_check_of_an_unchanged_file_reuses_its_result(tmp_path, cache_dir, monkeypatch):
    path = _report(tmp_path)
    first = resultcache.lint_path(path, Settings())
    assert first.findings and first.outline is not None  # the caller of a miss gets everything
    assert len(_entries(cache_dir)) == 1
    _no_linting(monkeypatch)
    again = resultcache.lint_path(path, Settings())
    assert again.findings == first.findings and again.document == first.document
    assert again.stats == first.stats and again.kind == first.kind and again.suppressed == first.suppressed
    assert isinstance(again.cross, Summary) and again.outline is None and again.facts is None


def test_every_input_of_a_result_is_in_its_key(tmp_path, cache_dir):
    path = _report(tmp_path)
    data = Path(path).read_bytes()
    key = resultcache.entry_key(path, data, Settings(), None)
    assert key == resultcache.entry_key(path, data, Settings(), None)
    other = _report(tmp_path, "另一份.txt")
    extend = tmp_path / "extra.toml"
    extend.write_text("", encoding="utf-8")
    keys = {
        key,
        resultcache.entry_key(path, data + b"\n", Settings(), None),  # the bytes
        resultcache.entry_key(other, data, Settings(), None),  # the path findings carry
        resultcache.entry_key(path, data, Settings(select=("P3",)), None),  # the settings
        resultcache.entry_key(path, data, Settings(lang="en"), None),
        resultcache.entry_key(path, data, Settings(), "gb18030"),  # --encoding
        resultcache.entry_key(path, data, Settings(extend_ruleset=(str(extend),)), None),
    }
    assert len(keys) == 7
    # an extending ruleset is keyed by its content, not only its name
    before = resultcache.entry_key(path, data, Settings(extend_ruleset=(str(extend),)), None)
    extend.write_text("# edited\n", encoding="utf-8")
    assert resultcache.entry_key(path, data, Settings(extend_ruleset=(str(extend),)), None) != before
    extend.unlink()
    assert resultcache.entry_key(path, data, Settings(extend_ruleset=(str(extend),)), None) is None


def test_the_key_follows_the_shipped_rulesets(tmp_path, monkeypatch):
    from reportlint import resources

    copy = tmp_path / "rulesets"
    shutil.copytree(resources.resource_dir("rulesets"), copy)
    real = resources.resource_dir
    monkeypatch.setattr(resources, "resource_dir", lambda kind: copy if kind == "rulesets" else real(kind))
    resultcache.code_fingerprint.cache_clear()
    try:
        before = resultcache.code_fingerprint()
        target = copy / "base.toml"
        target.write_bytes(target.read_bytes() + b"\n")
        resultcache.code_fingerprint.cache_clear()
        assert resultcache.code_fingerprint() != before
    finally:
        resultcache.code_fingerprint.cache_clear()


def test_an_edited_file_is_checked_again(tmp_path, cache_dir):
    path = _report(tmp_path)
    assert not any("XX镇" in f.message_zh for f in resultcache.lint_path(path, Settings()).findings)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("\nXX镇将继续努力。\n")
    got = resultcache.lint_path(path, Settings())
    assert any(f.code == "P301" and "XX镇" in f.message_zh for f in got.findings)
    assert len(_entries(cache_dir)) == 2


@pytest.mark.parametrize("jobs", ("1", "2"))
def test_cold_and_warm_runs_print_the_same(tmp_path, cache_dir, jobs):
    reports = tmp_path / "reports"
    reports.mkdir()
    for p in sorted(SEEDS.glob("*.txt")) + [EXAMPLE, *sorted((ROOT / "examples").glob("*.docx"))]:
        shutil.copy(p, reports / p.name)
    (reports / "pair").mkdir()
    folder(reports / "pair")  # a report and its predecessor: Y490/Y491 come after the cache
    argv = [*JSON, "--jobs", jobs, str(reports)]
    cold = run_cli(argv)
    entries = _entries(cache_dir)
    assert len(entries) == len(list(reports.rglob("*.*")))
    warm = run_cli(argv)
    assert warm == cold and '"Y490"' in cold[1] and '"Y491"' in cold[1]
    assert _entries(cache_dir) == entries
    for fmt in ("concise", "sarif", "rich"):  # renderers quote the stored document
        fresh = run_cli([*argv, "--no-cache", "--output-format", fmt])
        assert run_cli([*argv, "--output-format", fmt]) == fresh


def test_no_cache_neither_reads_nor_writes_results(tmp_path, cache_dir):
    path = _report(tmp_path)
    run_cli([*JSON, "--no-cache", path])
    assert _entries(cache_dir) == []
    run_cli([*JSON, path])
    assert len(_entries(cache_dir)) == 1


def _plant(cache_dir: Path, path: str, payload: bytes) -> Path:
    """Replace the stored result of ``path`` by ``payload``."""
    run_cli([*JSON, path])
    (entry,) = _entries(cache_dir)
    entry.write_bytes(payload)
    return entry


def test_a_stored_result_is_trusted_but_never_by_fix(tmp_path, cache_dir):
    path = _report(tmp_path)
    Path(path).write_text("青山镇2025年工作总结\n\n一、工作回顾\n\n全年完成投资5亿元,同比增长12%。\n", encoding="utf-8")
    normal = run_cli([*JSON, path])
    assert '"T502"' in normal[1]
    (entry,) = _entries(cache_dir)
    stored = resultcache.load(entry.stem)
    stored.findings = []
    entry.write_bytes(pickle.dumps(stored, protocol=5))
    assert run_cli([*JSON, path])[1].strip() == "[]"  # proof that the entry is what a check reads
    # --diff and --fix rewrite the file: they always check it
    code, out, _ = run_cli(["check", "--no-config", "--diff", path])
    assert code == 1 and "+全年完成投资5亿元，同比增长12%。" in out


class _Evil:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


@pytest.mark.parametrize("payload", (b"\x80\x05garbage", b"", pickle.dumps(_Evil()), pickle.dumps({"not": "a result"})))
def test_a_corrupt_or_tampered_entry_is_checked_again(tmp_path, cache_dir, monkeypatch, payload):
    monkeypatch.chdir(tmp_path)
    path = _report(tmp_path)
    expected = run_cli([*JSON, "--no-cache", path])
    entry = _plant(cache_dir, path, payload)
    assert run_cli([*JSON, path]) == expected
    assert not (tmp_path / "pwned").exists()
    assert entry.read_bytes() != payload  # replaced by a good one
    assert resultcache.load(entry.stem) is not None


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(blocker))
    path = _report(tmp_path)
    assert run_cli([*JSON, path]) == run_cli([*JSON, "--no-cache", path])


def test_prune_keeps_the_most_recently_used(tmp_path, cache_dir):
    paths = [_report(tmp_path, f"{i}.txt") for i in range(5)]
    for i, p in enumerate(paths):
        resultcache.lint_path(p, Settings())
    entries = _entries(cache_dir)
    assert len(entries) == 5
    order = sorted(entries, key=lambda e: e.stat().st_mtime_ns)
    for age, e in enumerate(order):
        os.utime(e, ns=(10**18 + age * 10**9, 10**18 + age * 10**9))
    resultcache.load(order[0].stem)  # used again: now the most recent
    resultcache.prune(limit=3)
    kept = _entries(cache_dir)
    assert len(kept) == 2 and order[0] in kept and order[-1] in kept


def test_a_huge_input_is_not_stored(tmp_path, cache_dir, monkeypatch):
    monkeypatch.setattr(resultcache, "STORE_MAX_BYTES", EXAMPLE.stat().st_size - 1)
    path = _report(tmp_path)
    assert resultcache.lint_path(path, Settings()).findings
    assert _entries(cache_dir) == []


def test_a_stored_result_is_reused_without_importing_the_pipeline(tmp_path):
    import subprocess
    import sys

    path = _report(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPORTLINT_")}
    env.update(PYTHONPATH=str(ROOT / "src"), REPORTLINT_CACHE_DIR=str(tmp_path / "cache"))
    code = (
        "import sys\nfrom reportlint.cli import main\n"
        f"code = main(['check', '--no-config', '--output-format', 'concise', {path!r}])\n"
        "print('LOADED', 'lark' in sys.modules, 'reportlint.engine' in sys.modules, code)\n"
    )
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120) for _ in range(2)]
    assert "LOADED True True 1" in runs[0].stdout, runs[0].stderr  # checked: the whole pipeline
    assert "LOADED False False 1" in runs[1].stdout, runs[1].stderr  # reused: none of it
    assert runs[0].stdout == runs[1].stdout.replace("LOADED False False", "LOADED True True")
