"""The cache of validated rulesets and configurations (reportlint.cache, reportlint.frozen)."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint import cache, frozen
from reportlint.findings import Severity
from reportlint.frozen import Record, freeze
from reportlint.rulesets import KINDS, _validated_ruleset, load_ruleset

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "青山镇2025年工作总结及2026年工作计划.txt"


def _env(cache_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPORTLINT_")}
    env.update(PYTHONPATH=str(ROOT / "src"), REPORTLINT_CACHE_DIR=str(cache_dir), **extra)
    return env


def _run(cache_dir: Path, *argv: str, code: str | None = None, **extra: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-c", code] if code else [sys.executable, "-m", "reportlint", *argv]
    return subprocess.run(cmd, capture_output=True, text=True, env=_env(cache_dir, **extra), timeout=120)


CHECK = ("check", "--no-progress", "--output-format", "concise")


@pytest.mark.parametrize("name", ("base", *KINDS))
def test_a_cached_ruleset_is_the_validated_one(name):
    fresh = _validated_ruleset(name, ())
    assert frozen.loads(frozen.dumps(fresh)) == fresh
    assert load_ruleset(name) == fresh
    # what rules read through the records: computed fields and lookups survive the round trip
    assert fresh.typography.confusables[0].regex and fresh.typography.confusables[0].replacement
    assert fresh.calendar.plan_by_number[14].first == 2021
    assert isinstance(fresh.calendar.congress_by_number[20].opened, dt.date)


def test_records_are_read_only_and_compare_by_value():
    r = Record("X", {"a": 1, "b": (1, 2)})
    with pytest.raises(AttributeError):
        r.a = 2
    with pytest.raises(AttributeError):
        del r.a
    assert r == Record("X", {"a": 1, "b": (1, 2)}) and hash(r) == hash(Record("X", {"a": 1, "b": (1, 2)}))
    assert r != Record("X", {"a": 2, "b": (1, 2)})
    assert "a=1" in repr(r)


def test_freeze_keeps_severities_dates_and_nesting():
    from reportlint.data.config import ConfigFile

    cfg = freeze(ConfigFile.model_validate({"severity": {"T502": "info"}, "ignore": ["t509"]}))
    assert cfg.severity == {"T502": Severity.INFO} and cfg.ignore == ("T509",)
    assert frozen.loads(frozen.dumps(cfg)) == cfg


class _Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned > /dev/null",))


def test_a_tampered_entry_cannot_run_code():
    with pytest.raises(pickle.UnpicklingError):
        frozen.loads(pickle.dumps(_Evil()))
    with pytest.raises(pickle.UnpicklingError):
        frozen.loads(pickle.dumps(Path("/etc")))


def test_second_process_loads_the_cache_without_pydantic(tmp_path):
    probe = (
        "import sys\n"
        "from reportlint.cli import main\n"
        f"code = main([{', '.join(repr(a) for a in (*CHECK, '--no-config', str(EXAMPLE)))}])\n"
        "print('PYDANTIC', 'pydantic' in sys.modules, code)\n"
    )
    first = _run(tmp_path, code=probe)
    assert "PYDANTIC True 1" in first.stdout, first.stderr
    entries = sorted(p.name.split("-")[0] for p in tmp_path.glob("*.pickle"))
    assert entries == ["detect", "grammar", "ruleset", "ruleset"]  # kinds, outline parser, base + annual
    second = _run(tmp_path, code=probe)
    assert "PYDANTIC False 1" in second.stdout, second.stderr
    strip = lambda out: out.replace("PYDANTIC True", "").replace("PYDANTIC False", "")  # noqa: E731
    assert strip(second.stdout) == strip(first.stdout)


def test_a_warm_check_of_a_new_report_imports_no_lark_nor_pydantic(tmp_path):
    """The grammar's cache entry holds the marker terminals and the parse tables as plain data:
    once it is stored, checking a report no result is stored for (a result-cache miss) runs the
    whole pipeline without importing lark, and finds what a run with lark finds. Nor does it
    import pydantic (the ruleset schema, ~130 ms): the rulesets come from the cache too."""
    cache_dir = tmp_path / "cache"
    probe = (
        "import sys\n"
        "from reportlint.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('LARK', 'lark' in sys.modules, 'reportlint.engine' in sys.modules, code)\n"
        "print('PYDANTIC', 'pydantic' in sys.modules)\n"
    )
    reports = []
    for i in range(3):
        doc = tmp_path / f"r{i}.txt"
        doc.write_bytes(EXAMPLE.read_bytes() + f"\n第{i}稿\n".encode())
        reports.append(doc)
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe, *CHECK, "--no-config", str(doc)],
            capture_output=True, text=True, env=_env(cache_dir), timeout=120,
        )
        for doc in reports
    ]
    assert "LARK True True 1" in runs[0].stdout, runs[0].stderr  # the entry built: lark needed
    for run in runs[1:]:
        assert "LARK False True 1" in run.stdout, run.stderr  # pipeline run, tables from the cache
        assert "PYDANTIC False" in run.stdout, run.stderr
    findings = [
        r.stdout.replace(str(doc), "R").replace("LARK True", "LARK False").replace("PYDANTIC True", "PYDANTIC False")
        for r, doc in zip(runs, reports)
    ]
    assert findings[0] == findings[1] == findings[2]


def test_an_edited_extend_file_is_a_new_entry_never_a_stale_one(tmp_path):
    doc = tmp_path / "r.txt"
    doc.write_text("青山镇2025年工作总结\n一、工作回顾\n全年完成青苗补贴发放。\n", encoding="utf-8")
    ext = tmp_path / "extra.toml"
    cache_dir = tmp_path / "cache"
    ext.write_text('[[typography.confusables]]\nwrong = "青苗补贴"\nright = "种粮补贴"\n', encoding="utf-8")
    one = _run(cache_dir, *CHECK, "--no-config", "--extend-ruleset", str(ext), str(doc))
    assert "种粮补贴" in one.stdout
    ext.write_text('[[typography.confusables]]\nwrong = "青苗补贴"\nright = "耕地地力保护补贴"\n', encoding="utf-8")
    two = _run(cache_dir, *CHECK, "--no-config", "--extend-ruleset", str(ext), str(doc))
    assert "耕地地力保护补贴" in two.stdout and "种粮补贴" not in two.stdout
    ext.write_text('[[typography.confusables]]\nwrong = "青苗补贴"\nrite = "x"\n', encoding="utf-8")
    three = _run(cache_dir, *CHECK, "--no-config", "--extend-ruleset", str(ext), str(doc))
    assert three.returncode == 2 and "rite" in three.stderr  # an error is never cached away


def test_config_errors_are_reported_every_time_and_valid_configs_are_cached(tmp_path):
    doc = tmp_path / "r.txt"
    doc.write_text("青山镇2025年工作总结\n", encoding="utf-8")
    (tmp_path / "reportlint.toml").write_text('ignroe = ["T"]\n', encoding="utf-8")
    for _ in range(2):
        bad = _run(tmp_path / "c", *CHECK, str(doc))
        assert bad.returncode == 2 and "ignroe" in bad.stderr
    (tmp_path / "reportlint.toml").write_text('ignore = ["s"]\n', encoding="utf-8")
    runs = [_run(tmp_path / "c", *CHECK, str(doc)) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout and " S1" not in runs[0].stdout
    assert any(p.name.startswith("config-") for p in (tmp_path / "c").glob("*.pickle"))


def test_corrupt_entries_are_rebuilt(tmp_path):
    _run(tmp_path, *CHECK, "--no-config", str(EXAMPLE))
    entries = list(tmp_path.rglob("*.pickle"))  # rulesets, and the file's result (reportlint.resultcache)
    assert any(p.parent.parent.name == "results" for p in entries) and any(p.parent == tmp_path for p in entries)
    for p in entries:
        p.write_bytes(b"\x80\x05garbage")
    again = _run(tmp_path, *CHECK, "--no-config", str(EXAMPLE))
    assert again.returncode == 1 and "P304" in again.stdout, again.stderr
    assert all(p.read_bytes() != b"\x80\x05garbage" for p in entries)


def test_no_cache_and_unwritable_folders_only_cost_time(tmp_path):
    off = _run(tmp_path / "a", *CHECK, "--no-config", "--no-cache", str(EXAMPLE))
    env_off = _run(tmp_path / "b", *CHECK, "--no-config", str(EXAMPLE), REPORTLINT_NO_CACHE="1")
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    on_a_file = _run(blocked / "sub", *CHECK, "--no-config", str(EXAMPLE))
    assert off.returncode == env_off.returncode == on_a_file.returncode == 1
    assert off.stdout == env_off.stdout == on_a_file.stdout and "P304" in off.stdout
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    assert on_a_file.stderr == ""


def test_the_folder_is_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for i in range(6):
        cache.store(f"x-{i}", Record("X", {"i": i}))
        os.utime(tmp_path / f"x-{i}.pickle", (i, i))
    assert sorted(p.name for p in tmp_path.glob("*.pickle")) == ["x-3.pickle", "x-4.pickle", "x-5.pickle"]
    assert cache.load("x-5") == Record("X", {"i": 5}) and cache.load("x-0") is None
    assert not list(tmp_path.glob("*.tmp"))


def test_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("REPORTLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "reportlint"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "reportlint"


def test_the_stored_outline_parser_parses_as_the_built_one(tmp_path):
    from conftest import SEEDS

    files = [str(EXAMPLE), *(str(p) for p in sorted(SEEDS.glob("*.txt")))]
    for f in files:
        runs = [_run(tmp_path, "outline", f) for _ in range(2)]
        built = _run(tmp_path / "none", "outline", f, REPORTLINT_NO_CACHE="1")
        assert runs[0].stdout == runs[1].stdout == built.stdout and built.stdout, f
    assert [p.name.split("-")[0] for p in tmp_path.glob("grammar-*.pickle")] == ["grammar"]
    assert not (tmp_path / "none").exists()
