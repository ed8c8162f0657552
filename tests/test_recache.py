"""Compiled regexes and pre-filter analyses kept between command-line runs (reportlint.recache)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(sys.version_info < (3, 11), reason="re._compiler is 3.11+")

EXAMPLE = ROOT / "examples" / "青山镇2025年工作总结及2026年工作计划.txt"


def _py(cache_dir: Path, code: str, **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPORTLINT_")}
    env.update(PYTHONPATH=str(ROOT / "src"), REPORTLINT_CACHE_DIR=str(cache_dir), **extra)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=180)


RUN = f"""
import sys
from reportlint.cli import main
code = main(["check", "--no-config", "--no-progress", "--output-format", "concise", {str(EXAMPLE)!r}])
print("EXIT", code)
"""

VERIFY = """
import re
from reportlint import prefilter, recache
recache.install()
regexes = [k for k in recache._entries if len(k) == 2]
memos = [k for k in recache._entries if len(k) == 3]
bad = [k for k in regexes if recache._compile(*k) != recache._original(*k)]
raw = lambda name: getattr(prefilter, name).__wrapped__.__wrapped__  # under lru_cache and memo
bad += [k for k in memos if recache._entries[k] != raw(k[1])(k[2])]
print("COUNTS", len(regexes), len(memos), "BAD", bad[:3])
"""


def test_cached_compilations_equal_fresh_ones(tmp_path):
    first = _py(tmp_path, RUN)
    assert "EXIT 1" in first.stdout, first.stderr
    files = list(tmp_path.glob("regex-*.marshal"))
    assert len(files) == 1
    second = _py(tmp_path, RUN)
    assert second.stdout == first.stdout and second.stderr == first.stderr == ""
    check = _py(tmp_path, VERIFY)
    counts = check.stdout.split()
    # several hundred patterns, each one's SRE code identical (Pattern equality compares the code)
    assert int(counts[1]) > 200 and int(counts[2]) > 50, check.stdout + check.stderr
    assert check.stdout.strip().endswith("BAD []"), check.stdout


def test_damaged_file_is_recompiled_and_replaced(tmp_path):
    first = _py(tmp_path, RUN)
    (path,) = tmp_path.glob("regex-*.marshal")
    path.write_bytes(b"\x00garbage")
    again = _py(tmp_path, RUN)
    assert again.stdout == first.stdout and again.stderr == ""
    assert path.read_bytes() != b"\x00garbage"


def test_wrong_code_for_a_pattern_is_not_trusted(tmp_path):
    # an entry whose code does not belong to the pattern: _sre.compile refuses or the result
    # differs; either way the pattern is compiled again from its text
    code = """
import marshal, re
from reportlint import recache
recache.install()
key = ("[a-c]+", 0)
recache._entries[key] = (32, [1, 2, 3], 0, {}, (None,))
print("OK", recache._compile(*key).fullmatch("abc") is not None)
"""
    out = _py(tmp_path, code)
    assert out.stdout.strip() == "OK True", out.stderr


def test_no_cache_means_no_patching_and_no_file(tmp_path):
    code = """
import re, re._compiler as c
from reportlint.cli import main
before = c.compile
main(["check", "--no-config", "--no-cache", "--output-format", "concise", %r])
print("PATCHED", c.compile is not before)
""" % str(EXAMPLE)
    out = _py(tmp_path, code)
    assert "PATCHED False" in out.stdout, out.stderr
    assert not list(tmp_path.glob("*"))


def test_importing_the_library_does_not_patch_re(tmp_path):
    out = _py(tmp_path, "import re._compiler as c; f = c.compile\nimport reportlint.engine, reportlint.prefilter\nprint(c.compile is f)")
    assert out.stdout.strip() == "True", out.stderr


def test_the_cli_spares_lark_the_regex_import_and_leaves_regex_importable(tmp_path):
    pytest.importorskip("regex")
    code = f"""
import sys
from reportlint.cli import main
main(["check", "--no-config", "--output-format", "concise", {str(EXAMPLE)!r}])
print("LOADED", "regex" in sys.modules, "lark" in sys.modules)
import regex
print("IMPORTABLE", regex.match(r"\\p{{Han}}", "青") is not None)
"""
    out = _py(tmp_path, code)
    assert "LOADED False True" in out.stdout and "IMPORTABLE True" in out.stdout, out.stderr
