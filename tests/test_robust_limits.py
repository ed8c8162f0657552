"""Limits as configuration (issue 7): ``max-input-size`` / ``--max-input-size`` (default 50 MiB) and
``max-docx-size`` / ``--max-docx-size`` (the zip-bomb limit on a .docx's declared unpacked size,
default 200 MiB), with a clear message naming the file and the setting when exceeded."""

from __future__ import annotations

import io
import json
import sys
from contextlib import redirect_stderr

import pytest

from cli_run import run_cli
from reportlint.cli import main
from reportlint.config import ConfigFile, parse_size
from reportlint.readers import DEFAULT_MAX_INPUT_SIZE, read_path
from reportlint.readers.docx import MAX_DOCX_UNCOMPRESSED

REPORT = "青山镇2025年工作总结\n\n一、2025年工作回顾\n\n全年新建高标准农田3200亩,新建茶厂2座。\n"


run = run_cli


def check(*args):
    return run(["check", "--no-progress", "--jobs", "1", "--output-format", "json", *map(str, args)])


def docx_file(path, n=3):
    import docx

    d = docx.Document()
    for _ in range(n):
        d.add_paragraph("全年新建高标准农田3200亩,新建茶厂2座。")
    d.save(path)


def test_defaults():
    assert DEFAULT_MAX_INPUT_SIZE == 50 * 1024 * 1024
    assert MAX_DOCX_UNCOMPRESSED == 200 * 1024 * 1024


@pytest.mark.parametrize("text, size", [
    ("0", 0), ("123", 123), ("200k", 200 * 1024), ("200KB", 200 * 1024), ("50M", 50 << 20), ("50MB", 50 << 20),
    ("50MiB", 50 << 20), ("1.5G", int(1.5 * (1 << 30))), (" 10 mb ", 10 << 20), (4096, 4096),
])
def test_parse_size(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("bad", ["lots", "-1", "10TB", "", "1e9", -5, True])
def test_parse_size_rejects(bad):
    with pytest.raises(ValueError):
        parse_size(bad)


def test_cli_limit_refuses_big_file_and_checks_the_rest(tmp_path):
    big = tmp_path / "big.txt"
    small = tmp_path / "small.txt"
    big.write_text(REPORT * 100, encoding="utf-8")
    small.write_text(REPORT, encoding="utf-8")
    code, out, err = check("--no-config", "--max-input-size", "2KB", big, small)
    assert code == 2
    assert str(big) in err and "--max-input-size" in err and "2 KiB" in err
    assert {f["path"] for f in json.loads(out)} == {str(small)}
    code, out, err = check("--no-config", "--max-input-size", "1MB", big, small)
    assert code == 1 and str(big) not in err


def test_english_message(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(REPORT * 100, encoding="utf-8")
    code, out, err = check("--no-config", "--lang", "en", "--max-input-size", "1k", big)
    assert code == 2
    assert f"{big}: file too large" in err and "max-input-size" in err


def test_default_limit_refuses_before_reading(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:  # sparse: 51 MiB on paper, nothing on disk
        fh.truncate(DEFAULT_MAX_INPUT_SIZE + (1 << 20))
    code, out, err = check("--no-config", p)
    assert code == 2
    assert str(p) in err and "51 MiB" in err and "50 MiB" in err


def test_zero_means_no_limit(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(REPORT * 50, encoding="utf-8")
    doc = read_path(str(p), max_size=0)
    assert len(doc.blocks) == 250


def test_config_file_limit(tmp_path):
    (tmp_path / "reportlint.toml").write_text('max-input-size = "1KB"\n', encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(REPORT * 20, encoding="utf-8")
    code, out, err = check(big)
    assert code == 2 and str(big) in err and "1 KiB" in err
    code, out, err = check("--max-input-size", "1MB", big)  # the flag wins over the file
    assert code == 1


def test_config_file_limit_invalid(tmp_path):
    (tmp_path / "reportlint.toml").write_text('max-input-size = "plenty"\n', encoding="utf-8")
    p = tmp_path / "r.txt"
    p.write_text(REPORT, encoding="utf-8")
    code, out, err = check(p)
    assert code == 2
    assert "reportlint.toml" in err and "max-input-size" in err


def test_config_schema_accepts_numbers_and_strings():
    cfg = ConfigFile.model_validate({"max-input-size": 1024, "max-docx-size": "300MB"})
    assert cfg.max_input_size == 1024 and cfg.max_docx_size == 300 << 20


def test_cli_flag_invalid():
    with pytest.raises(SystemExit) as exc:
        with redirect_stderr(io.StringIO()) as err:
            main(["check", "--max-input-size", "plenty", "."])
    assert exc.value.code == 2
    assert "max-input-size" in err.getvalue()


def test_stdin_limit(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((REPORT * 100).encode())))
    code, out, err = check("--no-config", "--max-input-size", "1k", "-")
    assert code == 2 and "--max-input-size" in err


def test_docx_limit_by_flag_and_config(tmp_path):
    p = tmp_path / "r.docx"
    docx_file(p)
    code, out, err = check("--no-config", "--max-docx-size", "10k", p)
    assert code == 2
    assert str(p) in err and "--max-docx-size" in err and "10 KiB" in err
    code, out, err = check("--no-config", "--max-docx-size", "50MB", p)
    assert code == 1
    (tmp_path / "reportlint.toml").write_text("max-docx-size = 10240\n", encoding="utf-8")
    code, out, err = check(p)
    assert code == 2 and "max-docx-size" in err


def test_limits_in_parallel_workers(tmp_path):
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(REPORT * (1 if i else 100), encoding="utf-8")
    code, out, err = check("--no-config", "--jobs", "2", "--max-input-size", "2k", tmp_path)
    assert code == 2
    assert str(tmp_path / "0.txt") in err
    assert len({f["path"] for f in json.loads(out)}) == 4


def test_outline_limit(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(REPORT * 100, encoding="utf-8")
    code, out, err = run(["outline", "--max-input-size", "1k", str(p)])
    assert code == 2 and str(p) in err
