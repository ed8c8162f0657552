"""A non-editable install ships grammars/ and rulesets/ inside the package and works from there."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    try:
        import hatchling  # noqa: F401

        isolation = ["--no-build-isolation"]
    except ImportError:  # pragma: no cover - pip fetches hatchling itself
        isolation = []
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", *isolation, "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("reportlint-*.whl"))


def _install(wheel: Path, target: Path) -> Path:
    """The wheel installed (without dependencies) into the folder ``target``."""
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    return target


def test_wheel_contains_grammars_and_rulesets(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for p in (ROOT / "grammars").glob("*.lark"):
        assert f"reportlint/grammars/{p.name}" in names
    for p in (ROOT / "rulesets").glob("*.toml"):
        assert f"reportlint/rulesets/{p.name}" in names
    assert "reportlint/cli.py" in names


def test_installed_package_runs_from_its_own_resources(wheel, tmp_path):
    target = _install(wheel, tmp_path / "site")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(target)
    probe = (
        "import reportlint.resources as r, reportlint;"
        "print(reportlint.__file__); print(r.resource_dir('grammars')); print(r.resource_dir('rulesets'))"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    for line in out.stdout.split():
        assert line.startswith(str(target)), out.stdout
    example = next((ROOT / "examples").glob("青山镇*.txt"))
    proc = subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--no-config", "--output-format", "concise", str(example)],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert proc.returncode == 1, proc.stderr
    assert "P301" in proc.stdout and "Traceback" not in proc.stderr


def test_an_installed_wheel_keys_its_results_by_content(wheel, tmp_path):
    """The result cache (reportlint.resultcache) identifies an installed wheel by its RECORD (the
    hashes of its files), not by file times: installing the same wheel again, as a CI job does,
    keeps the stored results usable."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    probe = (
        "import reportlint.resultcache as rc; from pathlib import Path;"
        "print(rc._wheel_record(Path(rc.__file__).resolve().parent) is not None, rc.code_fingerprint())"
    )
    prints = []
    for n in range(2):
        target = _install(wheel, tmp_path / f"site{n}")
        os.utime(target / "reportlint" / "cli.py", ns=(n * 10**9, n * 10**9))
        env["PYTHONPATH"] = str(target)
        out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
        prints.append(out.stdout.split())
    assert prints[0][0] == "True" and prints[0] == prints[1]
