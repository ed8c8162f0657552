"""Hostile and broken inputs (issue 7): each gives its exit code and a message naming the file,
never a traceback, and one bad file never stops the others."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from cli_run import run_cli
from docx_fixtures import plain_docx as docx_bytes

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

REPORT = """青山镇2025年工作总结及2026年工作计划

一、2025年工作回顾

全年新建高标准农田3200亩,新建标准化茶厂2座。

二、2026年工作计划

新建高标准农田2000亩。
"""


run = run_cli


def check(*paths, fmt: str = "concise", extra: tuple[str, ...] = ()) -> tuple[int, str, str]:
    return run(["check", "--no-config", "--no-progress", "--jobs", "1", "--output-format", fmt, *extra, *map(str, paths)])


def rezip(data: bytes, replace: dict[str, bytes] | None = None, drop: tuple[str, ...] = ()) -> bytes:
    """The same package with some parts replaced or dropped."""
    replace = replace or {}
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in src.namelist():
            if name in drop:
                continue
            zf.writestr(name, replace.get(name, src.read(name)))
    return buf.getvalue()


@pytest.fixture(scope="module")
def good_docx() -> bytes:
    return docx_bytes(*[line for line in REPORT.splitlines() if line])


def _named(err: str, path: Path) -> None:
    assert str(path) in err, err


# ----------------------------------------------------------------------------- empty, junk


def test_empty_text_file(tmp_path):
    p = tmp_path / "空.txt"
    p.write_bytes(b"")
    code, out, err = check(p)
    assert code == 0
    _named(err, p)
    assert "为空" in err


def test_whitespace_only_file(tmp_path):
    p = tmp_path / "blank.md"
    p.write_bytes("  \n\t\r\n\u3000\n".encode("utf-8"))
    code, out, err = check(p, fmt="json")
    assert code == 0
    assert json.loads(out) == []
    _named(err, p)


def test_empty_docx(tmp_path):
    p = tmp_path / "empty.docx"
    p.write_bytes(b"")
    code, out, err = check(p)
    assert code == 2
    _named(err, p)
    assert "为空" in err


@pytest.mark.parametrize("name", ["junk.txt", "junk.md", "junk.docx"])
def test_binary_junk(tmp_path, name):
    import random

    rnd = random.Random(7)
    p = tmp_path / name
    p.write_bytes(bytes(rnd.randrange(256) for _ in range(20_000)))
    code, out, err = check(p)
    assert code == 2
    _named(err, p)


def test_nul_and_control_bytes(tmp_path):
    p = tmp_path / "ctl.txt"
    p.write_bytes(b"\x00\x01\x02\x03\x04\x05\x06\x07\x08" * 100)
    code, out, err = check(p)
    assert code == 2
    _named(err, p)
    assert "不是文本文件" in err


def test_a_few_control_characters_are_checked(tmp_path):
    p = tmp_path / "few.txt"
    p.write_text(REPORT.replace("全年", "全\x00年\x1b[31m"), encoding="utf-8")
    code, out, err = check(p, fmt="json")
    assert code in (0, 1)
    json.loads(out)


# ---------------------------------------------------------------------------------- .docx


def test_truncated_docx(tmp_path, good_docx):
    p = tmp_path / "trunc.docx"
    p.write_bytes(good_docx[: len(good_docx) // 2])
    code, out, err = check(p)
    assert code == 2
    _named(err, p)
    assert "zip" in err


def test_zip_without_document_part(tmp_path, good_docx):
    p = tmp_path / "nodoc.docx"
    p.write_bytes(rezip(good_docx, drop=("word/document.xml",)))
    code, out, err = check(p)
    assert code == 2
    _named(err, p)
    assert "word/document.xml" in err


def test_plain_zip_named_docx(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    p = tmp_path / "plain.docx"
    p.write_bytes(buf.getvalue())
    code, out, err = check(p)
    assert code == 2
    _named(err, p)


def test_docx_with_malformed_xml(tmp_path, good_docx):
    xml = zipfile.ZipFile(io.BytesIO(good_docx)).read("word/document.xml")
    p = tmp_path / "badxml.docx"
    p.write_bytes(rezip(good_docx, {"word/document.xml": xml[: len(xml) // 2]}))
    code, out, err = check(p)
    assert code == 2
    _named(err, p)
    assert "XML" in err


def test_docx_with_malformed_styles(tmp_path, good_docx):
    p = tmp_path / "badstyles.docx"
    p.write_bytes(rezip(good_docx, {"word/styles.xml": b"<w:styles><unclosed>"}))
    code, out, err = check(p)
    assert code == 2
    _named(err, p)


_LOL = "".join(
    f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)
)
ENTITY_BOMB = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<!DOCTYPE w:document [<!ENTITY lol0 "lol">{_LOL}]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
).encode()


def test_xml_entity_bomb(tmp_path, good_docx):
    p = tmp_path / "lol.docx"
    p.write_bytes(rezip(good_docx, {"word/document.xml": ENTITY_BOMB}))
    code, out, err = check(p)
    assert code == 2
    _named(err, p)


def test_external_entity_is_not_resolved(tmp_path, good_docx):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file://'
        + str(secret)
        + '">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    p = tmp_path / "xxe.docx"
    p.write_bytes(rezip(good_docx, {"word/document.xml": xxe}))
    code, out, err = check(p, fmt="json")
    assert "TOPSECRET" not in out and "TOPSECRET" not in err
    assert code in (0, 1, 2)


def _bomb(path: Path, good: bytes, size: int) -> None:
    """A small .docx whose document.xml inflates to ``size`` bytes (a referenced part)."""
    src = zipfile.ZipFile(io.BytesIO(good))
    xml = src.read("word/document.xml")
    head, tail = xml.split(b"</w:body>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in src.namelist():
            if name != "word/document.xml":
                zf.writestr(name, src.read(name))
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(head + b"<w:p><w:r><w:t>")
            chunk = b"a" * (1 << 20)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body>" + tail)


_RSS_SCRIPT = textwrap.dedent(
    """
    import resource, sys

    def peak_kb():
        # VmHWM is this process's own high-water mark; ru_maxrss on Linux keeps the parent's
        # (pytest's) across fork+exec, so it is only the fallback
        try:
            with open("/proc/self/status") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    sys.path.insert(0, {src!r})
    from reportlint.cli import main
    before = peak_kb()
    code = main(["check", "--no-config", "--no-progress", "--output-format", "json", *sys.argv[1:]])
    after = peak_kb()
    sys.stderr.write("\\nRSS_KB %d %d\\n" % (before, after))
    sys.exit(code)
    """
)


def _run_measured(*args: str, timeout: int = 120) -> tuple[int, str, int]:
    """Run the CLI in a fresh process; return exit code, stderr and the peak RSS in MiB."""
    proc = subprocess.run(
        [sys.executable, "-c", _RSS_SCRIPT.format(src=str(SRC)), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    line = [ln for ln in proc.stderr.splitlines() if ln.startswith("RSS_KB")][-1]
    peak_kb = int(line.split()[2])
    return proc.returncode, proc.stderr, peak_kb // 1024


def test_zip_bomb_refused_before_inflating(tmp_path, good_docx):
    p = tmp_path / "bomb.docx"
    _bomb(p, good_docx, 300 << 20)  # 300 MiB of document.xml in a file of ~300 KB
    assert p.stat().st_size < 2 << 20
    code, err, peak_mib = _run_measured(str(p))
    assert code == 2
    assert str(p) in err and "压缩炸弹" in err
    assert "Traceback" not in err
    # ~40 MiB when refused; inflating the 300 MiB part would need more than 300 MiB
    assert peak_mib < 250, f"peak RSS {peak_mib} MiB: the bomb was inflated"


def test_zip_bomb_by_ratio(tmp_path, good_docx):
    p = tmp_path / "ratio.docx"
    _bomb(p, good_docx, 20 << 20)  # under the total limit, but 20 MiB at ~1000:1
    code, out, err = check(p)
    assert code == 2
    _named(err, p)
    assert "压缩比" in err


def test_zip_with_too_many_members(tmp_path, good_docx):
    src = zipfile.ZipFile(io.BytesIO(good_docx))
    p = tmp_path / "many.docx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_STORED) as zf:
        for name in src.namelist():
            zf.writestr(name, src.read(name))
        for i in range(10_001):
            zf.writestr(f"customXml/x{i}.xml", b"")
    code, out, err = check(p)
    assert code == 2
    _named(err, p)
    assert "过多" in err


def test_zip_lying_about_its_size(tmp_path, good_docx):
    """Declared sizes small, real data large: zipfile stops at the declared size (CRC error)."""
    src = zipfile.ZipFile(io.BytesIO(good_docx))
    xml = src.read("word/document.xml")
    big = xml.replace(b"</w:body>", b"<w:p><w:r><w:t>" + b"b" * (8 << 20) + b"</w:t></w:r></w:p></w:body>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in src.namelist():
            zf.writestr(name, big if name == "word/document.xml" else src.read(name))
    data = bytearray(buf.getvalue())
    # patch the uncompressed size of document.xml to its real compressed-xml size in both headers
    zi = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    real = zi.file_size.to_bytes(4, "little")
    fake = len(xml).to_bytes(4, "little")
    assert data.count(real) >= 2
    data = bytes(data).replace(real, fake)
    p = tmp_path / "liar.docx"
    p.write_bytes(data)
    code, out, err = check(p)
    assert code == 2
    _named(err, p)


def test_encrypted_or_ole_docx(tmp_path):
    p = tmp_path / "locked.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    code, out, err = check(p)
    assert code == 2
    _named(err, p)
    assert "加密" in err


# ----------------------------------------------------------------------------- big inputs


def test_ten_megabyte_single_line(tmp_path):
    line = "今年各项工作取得明显成效，全镇经济运行平稳。"
    text = line * (10 * 1024 * 1024 // len(line.encode()) + 1)
    p = tmp_path / "oneline.txt"
    p.write_text(text, encoding="utf-8")
    assert p.stat().st_size >= 10 * 1024 * 1024
    code, err, peak_mib = _run_measured(str(p), timeout=170)
    assert code in (0, 1), err
    assert peak_mib < 300, peak_mib  # issue 7: <= 300 MB RSS on a 10 MB input


SLOW = os.environ.get("REPORTLINT_SLOW_TESTS") == "1"


@pytest.mark.parametrize("select", [
    "S",  # reader, outline over 40,000 headings and the structure rules: always
    pytest.param(None, marks=pytest.mark.skipif(not SLOW, reason="full rule set on 200,000 lines: set REPORTLINT_SLOW_TESTS=1")),
])
def test_two_hundred_thousand_lines(tmp_path, select):
    lines = ["一、总体情况", "（一）产业发展", "全年新建高标准农田3200亩。", "各项工作取得明显成效。", ""]
    text = "\n".join(lines[i % len(lines)] for i in range(200_000)) + "\n"
    p = tmp_path / "many.txt"
    p.write_text(text, encoding="utf-8")
    args = ("--select", select, str(p)) if select else (str(p),)
    code, err, peak_mib = _run_measured(*args, timeout=170)
    assert code in (0, 1), err
    assert peak_mib < 800, peak_mib  # ~100,000 findings held and rendered


# ------------------------------------------------------------------------------- encodings


def test_invalid_utf8(tmp_path):
    p = tmp_path / "bad8.txt"
    p.write_bytes("一、总体情况\n".encode() + b"\xff\xfe\xc3\x28\xe4\xb8\n" + "完成。\n".encode())
    code, out, err = check(p)
    assert code == 2
    _named(err, p)
    assert "编码" in err


def test_invalid_gb18030(tmp_path):
    p = tmp_path / "badgb.txt"
    p.write_bytes("一、总体情况\n".encode("gb18030") + b"\x81\x20\xfe\xff\x80\x81\n")
    code, out, err = check(p)
    assert code == 2
    _named(err, p)


def test_wrong_explicit_encoding(tmp_path):
    p = tmp_path / "gb.txt"
    p.write_bytes(REPORT.encode("gb18030"))
    code, out, err = check(p, extra=("--encoding", "utf-8"))
    assert code == 2
    _named(err, p)
    assert "--encoding" in err
    code, out, err = check(p, extra=("--encoding", "no-such-codec"))
    assert code == 2
    _named(err, p)


def test_gb18030_file_is_read(tmp_path):
    p = tmp_path / "gb.txt"
    p.write_bytes(REPORT.encode("gb18030"))
    code, out, err = check(p, fmt="json")
    assert code in (0, 1), err
    assert any("," in f["message"] or f["code"].startswith("T") for f in json.loads(out))


def test_big5_file(tmp_path):
    from reportlint.readers import read_path

    text = "一、總體情況\n今年我們完成了各項工作任務，經濟社會發展取得顯著成效。\n二、存在的問題\n一是產業鏈條較短。\n"
    p = tmp_path / "big5.txt"
    p.write_bytes(text.encode("big5"))
    doc = read_path(str(p))
    assert doc.encoding == "big5"
    assert [b.text for b in doc.blocks] == text.splitlines()
    code, out, err = check(p, fmt="json")
    assert code in (0, 1), err
    json.loads(out)


def test_utf16_and_utf32_with_bom(tmp_path):
    for enc in ("utf-16", "utf-32", "utf-8-sig"):
        p = tmp_path / f"{enc}.txt"
        p.write_bytes(REPORT.encode(enc))
        code, out, err = check(p, fmt="json")
        assert code in (0, 1), (enc, err)
        assert json.loads(out), enc


def test_lone_surrogate_bytes(tmp_path):
    p = tmp_path / "surrogate.txt"
    p.write_bytes(("一、总体情况\n完成\ud800任务\n").encode("utf-8", "surrogatepass"))
    code, out, err = check(p, fmt="json")
    if code == 2:
        _named(err, p)
    else:
        json.loads(out)


# ------------------------------------------------------------------------ the file system


def test_directory_with_symlink_loop(tmp_path):
    d = tmp_path / "reports"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(REPORT, encoding="utf-8")
    (d / "up").symlink_to(d)  # a loop
    (d / "sub" / "again").symlink_to(d / "sub")
    (d / "self.txt").symlink_to(d / "self.txt")  # a file symlink pointing at itself
    (d / "dangling.md").symlink_to(d / "nowhere.md")
    code, out, err = check(d, fmt="json")
    assert code == 2  # the two links that lead nowhere are reported, not silently skipped
    _named(err, d / "self.txt")
    _named(err, d / "dangling.md")
    paths = {f["path"] for f in json.loads(out)}
    assert paths == {str(d / "a.txt")}


def test_folder_that_cannot_be_listed_is_reported_and_the_rest_checked(tmp_path, monkeypatch):
    """Even as root: a sub-folder whose listing fails (no permission, removed mid-walk)."""
    d = tmp_path / "reports"
    (d / "locked").mkdir(parents=True)
    (d / "locked" / "hidden.txt").write_text(REPORT, encoding="utf-8")
    (d / "a.txt").write_text(REPORT.replace("2025年", "XXXX年", 1), encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(d / "locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = check(d)
    assert code == 2
    _named(err, d / "locked")
    assert "无法读取此文件夹" in err and "hidden.txt" not in out
    assert str(d / "a.txt") in out  # the readable file was still checked


def test_self_symlink_named_on_command_line(tmp_path):
    p = tmp_path / "self.txt"
    p.symlink_to(p)
    code, out, err = check(p)
    assert code == 2
    _named(err, p)


def test_directory_named_like_a_report(tmp_path):
    d = tmp_path / "folder.txt"
    d.mkdir()
    ok = tmp_path / "ok.txt"
    ok.write_text(REPORT, encoding="utf-8")
    code, out, err = check(ok, d / "missing.txt")
    assert code == 2
    _named(err, d / "missing.txt")
    assert str(ok) in out


def test_fifo_is_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    d = tmp_path / "dir"
    d.mkdir()
    os.mkfifo(d / "pipe.txt")
    (d / "a.txt").write_text(REPORT, encoding="utf-8")
    code, out, err = check(d, fmt="json")  # a folder walk skips what is not a regular file
    assert {f["path"] for f in json.loads(out)} == {str(d / "a.txt")}


def test_unreadable_file(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text(REPORT, encoding="utf-8")
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip("running as root: a mode-000 file is still readable")
        code, out, err = check(p)
        assert code == 2
        _named(err, p)
        assert "权限" in err
    finally:
        p.chmod(0o644)


def test_permission_denied_simulated(tmp_path, monkeypatch):
    """Even as root: a PermissionError while reading gives the message, and the others are checked."""
    import builtins

    bad = tmp_path / "secret.txt"
    good = tmp_path / "ok.txt"
    bad.write_text(REPORT, encoding="utf-8")
    good.write_text(REPORT, encoding="utf-8")
    real_open = builtins.open

    def fake_open(file, *args, **kwargs):
        if str(file) == str(bad):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    code, out, err = check(bad, good)
    assert code == 2
    _named(err, bad)
    assert "权限" in err
    assert str(good) in out


def test_path_vanishes_mid_run(tmp_path, monkeypatch):
    import reportlint.walk as walk

    d = tmp_path / "reports"
    d.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (d / name).write_text(REPORT, encoding="utf-8")
    real = walk.discover

    def discover_then_delete(*args, **kwargs):
        found = real(*args, **kwargs)
        (d / "b.txt").unlink()  # gone between discovery and reading
        return found

    monkeypatch.setattr(walk, "discover", discover_then_delete)
    code, out, err = check(d, fmt="rich", extra=("--color", "never"))
    assert code == 2
    _named(err, d / "b.txt")
    assert "不存在" in err
    assert "a.txt" in out and "c.txt" in out
    assert "1 个文件无法读取" in out


def test_one_bad_file_never_stops_the_others(tmp_path, good_docx):
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "1.txt").write_text(REPORT, encoding="utf-8")
    (d / "2.docx").write_bytes(good_docx[:500])
    (d / "3.txt").write_bytes(b"\x00\xff" * 3000)
    (d / "4.docx").write_bytes(good_docx)
    (d / "5.doc").write_bytes(b"old")
    (d / "6.md").write_text(REPORT, encoding="utf-8")
    for jobs in ("1", "2"):
        code, out, err = run(["check", "--no-config", "--no-progress", "--jobs", jobs, "--output-format", "json", str(d)])
        assert code == 2
        paths = {f["path"] for f in json.loads(out)}
        assert paths == {str(d / "1.txt"), str(d / "4.docx"), str(d / "6.md")}, jobs
        for bad in ("2.docx", "3.txt", "5.doc"):
            _named(err, d / bad)
    code, out, err = run(["check", "--no-config", "--no-progress", "--jobs", "1", "--output-format", "rich", "--color", "never", str(d)])
    assert "共检查 6 个文件" in out and "3 个文件无法读取" in out
    code, out, err = run(["check", "--no-config", "--no-progress", "--lang", "en", "--output-format", "rich", "--color", "never", str(d)])
    assert "3 files could not be read" in " ".join(out.split())


def test_stdin_binary(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00\x01\x02" * 1000)))
    code, out, err = run(["check", "--no-config", "--output-format", "json", "-"])
    assert code == 2
    assert "-" in err


def test_outline_of_broken_inputs(tmp_path, good_docx):
    cases = {
        "trunc.docx": good_docx[:300],
        "junk.txt": bytes(range(256)) * 40,
        "empty.txt": b"",
        "lol.docx": rezip(good_docx, {"word/document.xml": ENTITY_BOMB}),
    }
    for name, data in cases.items():
        p = tmp_path / name
        p.write_bytes(data)
        code, out, err = run(["outline", str(p)])
        if name == "empty.txt":
            assert code == 0
        else:
            assert code == 2, name
            _named(err, p)


@pytest.mark.parametrize("encoding, fmt", [("gbk", "json"), ("ascii", "concise")])
def test_console_that_cannot_show_a_character(tmp_path, encoding, fmt):
    """An emoji quoted from the report on a GBK (or ASCII) console: ``?``, not a lost output."""
    p = tmp_path / "emoji.txt"
    p.write_text("一、总体情况\n完成xx项😀任务,好。\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "reportlint", "check", "--no-config", "--output-format", fmt, str(p)],
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(SRC), "PYTHONIOENCODING": encoding},
    )
    assert proc.returncode == 1, proc.stderr.decode(encoding, "replace")
    out = proc.stdout.decode(encoding)
    if fmt == "json":
        assert len(json.loads(out)) >= 2
    else:
        assert "P301" in out and "T502" in out


def test_folder_that_cannot_be_listed_when_looking_for_last_years_report(tmp_path, monkeypatch):
    """Y490/Y491 look beside the report for last year's; a folder that cannot be listed is no crash."""
    import pathlib

    p = tmp_path / "青山镇2025年工作总结.txt"
    p.write_text(REPORT, encoding="utf-8")
    real = pathlib.Path.iterdir

    def denied(self):
        if self == tmp_path.resolve() or self == tmp_path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "iterdir", denied)
    code, out, err = check(p, fmt="json")
    assert code in (0, 1)
    json.loads(out)


def test_unreadable_previous_report_is_skipped(tmp_path):
    p = tmp_path / "青山镇2025年工作总结.txt"
    p.write_text(REPORT, encoding="utf-8")
    (tmp_path / "青山镇2024年工作总结.docx").write_bytes(b"PK\x03\x04 not really")
    (tmp_path / "青山镇2024年工作总结.txt").write_bytes(b"\x00\x01" * 100)
    code, out, err = check(p, fmt="json")
    assert code in (0, 1), err
    code, out, err = check(p, fmt="json", extra=("--previous", str(tmp_path / "青山镇2024年工作总结.docx")))
    assert code == 2
    assert "青山镇2024年工作总结.docx" in err


def test_terminal_escape_sequences_are_not_passed_through(tmp_path):
    """A document (or a file name) holding ESC sequences cannot retitle, recolour or hide output."""
    p = tmp_path / "esc.txt"
    p.write_bytes("一、总体情况\n完成xx\x1b]0;PWNED\x07项\x1b[31m任务,好。\x9b2J\n".encode("utf-8"))
    for fmt in ("concise", "rich", "github"):
        code, out, err = check(p, fmt=fmt, extra=("--color", "never"))
        assert code == 1
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out, fmt
    bad = tmp_path / "x\x1b[2Jy.txt"
    bad.write_bytes(b"\x00" * 100)
    code, out, err = check(bad)
    assert code == 2 and "\x1b" not in err


def test_fifo_named_on_the_command_line_does_not_hang(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    ok = tmp_path / "ok.txt"
    ok.write_text(REPORT, encoding="utf-8")
    code, out, err = check(fifo, ok)  # would block forever in open() without a writer
    assert code == 2
    _named(err, fifo)
    assert "不是普通文件" in err
    assert str(ok) in out


def test_device_named_like_a_report(tmp_path):
    dev = tmp_path / "zero.txt"
    dev.symlink_to("/dev/zero")
    code, out, err = check(dev)
    assert code == 2
    _named(err, dev)
