"""No data loss (issue 7): ``--fix`` and ``annotate`` under a crash mid-write, read-only targets
and files that change on disk between reading and writing. The original always survives
byte for byte and no temporary file is left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cli_run import run_cli
from docx_fixtures import plain_docx as docx_bytes

REPORT = """青山镇2025年工作总结及2026年工作计划

一、2025年工作回顾

全年新建高标准农田3200亩,新建标准化茶厂2座。

二、2026年工作计划

新建高标准农田2000亩 。
"""


run = run_cli


def fix(*paths, extra: tuple[str, ...] = (), debug: bool = True):
    return run(["check", "--no-config", "--no-progress", "--jobs", "1", "--output-format", "concise", "--fix", *extra, *map(str, paths)], debug)


def annotate(*paths, debug: bool = True):
    return run(["annotate", "--no-config", "--no-progress", "--jobs", "1", "--output-format", "concise", *map(str, paths)], debug)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture()
def txt(tmp_path) -> Path:
    d = tmp_path / "w"
    d.mkdir()
    p = d / "报告.txt"
    p.write_bytes(REPORT.encode("utf-8"))
    return p


@pytest.fixture()
def dx(tmp_path) -> Path:
    d = tmp_path / "w"
    d.mkdir(exist_ok=True)
    p = d / "报告.docx"
    p.write_bytes(docx_bytes(*[line for line in REPORT.splitlines() if line]))
    return p


def test_fix_really_writes(txt):
    """The baseline the other tests rely on: this report has a safe fix."""
    code, out, err = fix(txt)
    assert txt.read_bytes() != REPORT.encode("utf-8")
    assert "3200亩，新建" in txt.read_text(encoding="utf-8")
    assert [p.name for p in txt.parent.iterdir()] == [txt.name]


# --------------------------------------------------------------------------------- crashes


@pytest.mark.parametrize("where", ["replace", "fsync", "write"])
def test_fix_crash_mid_write_keeps_original(txt, monkeypatch, where):
    before = snapshot(txt.parent)

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if where == "write":
        import reportlint.fix as fixmod

        real_fdopen = os.fdopen

        class _Half:
            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()
                return False

            def write(self, data):
                self.fh.write(data[: len(data) // 2])
                raise OSError(28, "No space left on device")

            def __getattr__(self, name):
                return getattr(self.fh, name)

        monkeypatch.setattr(fixmod.os, "fdopen", lambda fd, mode: _Half(real_fdopen(fd, mode)))
    else:
        monkeypatch.setattr(os, where, boom)
    code, out, err = fix(txt)
    assert code == 2
    assert str(txt) in err and "原文件未改动" in err
    assert snapshot(txt.parent) == before  # no temp file, original intact


def test_fix_interrupted_keeps_original(txt, monkeypatch):
    before = snapshot(txt.parent)

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    code, out, err = fix(txt)
    assert code == 130
    assert snapshot(txt.parent) == before


def test_fix_unexpected_error_keeps_original(txt, monkeypatch):
    before = snapshot(txt.parent)

    def bug(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(os, "fsync", bug)
    with pytest.raises(RuntimeError):
        fix(txt)  # REPORTLINT_DEBUG: the error surfaces
    assert snapshot(txt.parent) == before
    code, out, err = fix(txt, debug=False)  # without it: a one-line message, exit 2
    assert code == 2 and "RuntimeError" in err
    assert snapshot(txt.parent) == before


@pytest.mark.parametrize("in_place", [False, True])
def test_docx_fix_crash_mid_write(dx, monkeypatch, in_place):
    before = snapshot(dx.parent)

    def boom(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", boom)
    code, out, err = fix(dx, extra=("--in-place",) if in_place else ())
    assert code == 2
    assert "原文件未改动" in err
    assert snapshot(dx.parent) == before  # neither 报告.fixed.docx nor a temp file


def test_docx_fix_writes_beside(dx):
    before = dx.read_bytes()
    code, out, err = fix(dx)
    assert dx.read_bytes() == before
    assert (dx.parent / "报告.fixed.docx").exists()


def test_annotate_crash_mid_write(txt, dx, monkeypatch):
    before = snapshot(txt.parent)

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    code, out, err = annotate(txt, dx)
    assert code == 2
    assert "报告.reportlint.docx" in err
    assert snapshot(txt.parent) == before


def test_annotate_crash_keeps_previous_output(dx, monkeypatch):
    code, out, err = annotate(dx)
    out_path = dx.parent / "报告.reportlint.docx"
    assert out_path.exists()
    before = snapshot(dx.parent)

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    code, out, err = annotate(dx)
    assert code == 2
    assert snapshot(dx.parent) == before  # the earlier annotated copy is not truncated


# ------------------------------------------------------------------------------- read-only


def test_fix_refuses_read_only_file(txt):
    txt.chmod(0o444)
    try:
        code, out, err = fix(txt)
        assert code == 2
        assert str(txt) in err and "只读" in err
        assert txt.read_bytes() == REPORT.encode("utf-8")
        assert stat.S_IMODE(txt.stat().st_mode) == 0o444
        assert [p.name for p in txt.parent.iterdir()] == [txt.name]
    finally:
        txt.chmod(0o644)


def test_docx_in_place_refuses_read_only(dx):
    dx.chmod(0o444)
    before = snapshot(dx.parent)
    try:
        code, out, err = fix(dx, extra=("--in-place",))
        assert code == 2 and "只读" in err
        assert snapshot(dx.parent) == before
    finally:
        dx.chmod(0o644)


def test_annotate_refuses_read_only_output(dx):
    out_path = dx.parent / "报告.reportlint.docx"
    out_path.write_bytes(b"keep me")
    out_path.chmod(0o444)
    try:
        code, out, err = annotate(dx)
        assert code == 2 and "只读" in err
        assert out_path.read_bytes() == b"keep me"
    finally:
        out_path.chmod(0o644)


def test_fix_in_read_only_folder(txt):
    folder = txt.parent
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as root: a read-only folder is still writable")
        code, out, err = fix(txt)
        assert code == 2
        assert txt.read_bytes() == REPORT.encode("utf-8")
    finally:
        folder.chmod(0o755)


def test_fix_when_folder_vanishes(txt, monkeypatch):
    import tempfile

    def gone(*args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(tempfile, "mkstemp", gone)
    code, out, err = fix(txt)
    assert code == 2 and "原文件未改动" in err
    assert txt.read_bytes() == REPORT.encode("utf-8")


# --------------------------------------------------------------- changed between read and write


def test_fix_refuses_file_changed_on_disk(txt, monkeypatch):
    import reportlint.fix as fixmod

    real = fixmod.fix_text_bytes
    edited = REPORT.replace("2座", "3座").encode("utf-8")

    def fix_then_someone_saves(data, path, *args, **kwargs):
        result = real(data, path, *args, **kwargs)
        Path(path).write_bytes(edited)  # the clerk saved the file in the editor meanwhile
        return result

    monkeypatch.setattr(fixmod, "fix_text_bytes", fix_then_someone_saves)
    code, out, err = fix(txt)
    assert code == 2
    assert str(txt) in err and "已被修改" in err
    assert txt.read_bytes() == edited
    assert [p.name for p in txt.parent.iterdir()] == [txt.name]


def test_docx_fix_refuses_file_changed_on_disk(dx, monkeypatch):
    import reportlint.fix as fixmod

    real = fixmod.fix_docx_bytes
    edited = docx_bytes("别人刚保存的版本")

    def fix_then_someone_saves(data, path, *args, **kwargs):
        result = real(data, path, *args, **kwargs)
        Path(path).write_bytes(edited)
        return result

    monkeypatch.setattr(fixmod, "fix_docx_bytes", fix_then_someone_saves)
    code, out, err = fix(dx, extra=("--in-place",))
    assert code == 2 and "已被修改" in err
    assert dx.read_bytes() == edited


def test_fix_refuses_file_deleted_before_write(txt, monkeypatch):
    import reportlint.fix as fixmod

    real = fixmod.fix_text_bytes

    def fix_then_delete(data, path, *args, **kwargs):
        result = real(data, path, *args, **kwargs)
        Path(path).unlink()
        return result

    monkeypatch.setattr(fixmod, "fix_text_bytes", fix_then_delete)
    code, out, err = fix(txt)
    assert code == 2
    assert not txt.exists()  # not resurrected from a stale copy
    assert list(txt.parent.iterdir()) == []


def test_annotate_refuses_docx_changed_after_check(dx, monkeypatch):
    import reportlint.cli as cli

    real = cli._emit

    def emit_then_someone_saves(*args, **kwargs):
        real(*args, **kwargs)
        dx.write_bytes(docx_bytes("完全不同的内容", "另一段,文字"))

    monkeypatch.setattr(cli, "_emit", emit_then_someone_saves)
    code, out, err = annotate(dx)
    assert code == 2
    assert "修改" in err
    assert not (dx.parent / "报告.reportlint.docx").exists()


def test_annotate_when_docx_vanishes_after_check(dx, monkeypatch):
    import reportlint.cli as cli

    real = cli._emit

    def emit_then_delete(*args, **kwargs):
        real(*args, **kwargs)
        dx.unlink()

    monkeypatch.setattr(cli, "_emit", emit_then_delete)
    code, out, err = annotate(dx)
    assert code == 2
    assert str(dx) in err


def test_diff_never_writes(txt, dx):
    before = snapshot(txt.parent)
    mtimes = {p: p.stat().st_mtime_ns for p in txt.parent.iterdir()}
    code, out, err = run(["check", "--no-config", "--jobs", "1", "--diff", str(txt), str(dx)])
    assert code == 1
    assert "+全年新建高标准农田3200亩，新建" in out
    assert snapshot(txt.parent) == before
    assert {p: p.stat().st_mtime_ns for p in txt.parent.iterdir()} == mtimes


def test_fix_keeps_encoding_newlines_and_mode(tmp_path):
    p = tmp_path / "gb.txt"
    text = REPORT.replace("\n", "\r\n")
    p.write_bytes(text.encode("gb18030"))
    p.chmod(0o640)
    code, out, err = fix(p)
    data = p.read_bytes()
    assert data != text.encode("gb18030")
    fixed = data.decode("gb18030")
    assert fixed.count("\r\n") == text.count("\r\n") and "\n" not in fixed.replace("\r\n", "")
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
