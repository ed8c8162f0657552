"""Applying safe fixes: ``reportlint check --fix`` / ``--diff`` / ``--in-place``.

What is applied
    Only fixes of the typography family (T), and only when the replaced text and its replacement
    hold the same digits, Chinese numerals, 年 and placeholder characters (x X × 某 * □ ○): a fix
    never touches a number, a year, a placeholder or the outline. Per block, fixes are taken left
    to right without overlapping (a fix that overlaps an earlier one waits for the next round)
    and applied right to left, so offsets stay valid. The document is then read and checked
    again, until nothing more is fixed (at most ``MAX_ROUNDS`` rounds): running ``--fix`` twice
    changes nothing the second time.

.txt / .md
    The file is rebuilt from its own lines and line separators (a mixed CRLF/LF file keeps each
    separator), encoded as it was read (a GB18030 file stays GB18030; a UTF-8 BOM or a UTF-16 BOM
    and byte order stay). Nothing is written when the original bytes would not re-encode to
    themselves, when a fixed character cannot be encoded, or when the file changed on disk since
    it was read. The write is atomic: a temporary file in the same folder, then ``os.replace``.

.docx
    A fix is split into minimal character edits; each edit must lie inside one ``w:t`` run
    (after the ``number_prefix`` of rendered list numbering, which is not text of the runs), and
    is applied there, so the run keeps its formatting. A fix with an edit spanning runs, or
    touching list numbering, a tab or a line break, is not applied and stays reported. The result
    goes to ``报告.fixed.docx`` beside the original, or over it with ``--in-place``.
"""

from __future__ import annotations

import codecs
import difflib
import io
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from reportlint.document import Document, ReadError
from reportlint.findings import Finding, Fix
from reportlint.readers.text import BOM_GB18030

MAX_ROUNDS = 4
FIXABLE_FAMILIES = ("T",)
_NEWLINE_SPLIT = re.compile(r"(\r\n|\r|\n)")
# characters a fix must neither add nor remove: digits, Chinese numerals, 年, placeholder marks
_GUARDED = re.compile(r"[0-9０-９〇零一二三四五六七八九十百千万亿两年xXｘＸ×某*＊□■○]")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class FixError(Exception):
    """A fix that cannot be written; carries a message in both languages."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True, slots=True)
class Edit:
    start: int  # offsets in block.text
    end: int
    replacement: str


@dataclass(slots=True)
class FixOutcome:
    path: str  # the file checked
    output: str | None = None  # where the fixed file was (or would be) written; None: nothing changed
    applied: int = 0  # fixes applied over all rounds
    not_applied: list[Finding] = field(default_factory=list)  # fixable but not applicable (.docx spans runs)
    before: str = ""  # text view before and after, for --diff
    after: str = ""
    document: Document | None = None  # the fixed document (re-read)
    rounds: int = 0

    @property
    def changed(self) -> bool:
        return self.before != self.after


# ----------------------------------------------------------------------------------- selection


def guarded(text: str) -> list[str]:
    return _GUARDED.findall(text)


def is_safe(f: Finding) -> bool:
    """A fix that may be applied without asking: typography, and no number/year/placeholder touched."""
    fix = f.fix
    if fix is None or not f.code.startswith(FIXABLE_FAMILIES):
        return False
    text = f.block.text
    if not (0 <= fix.start <= fix.end <= len(text)):
        return False
    return guarded(text[fix.start : fix.end]) == guarded(fix.replacement)


def select(findings: list[Finding]) -> dict[int, list[Finding]]:
    """Safe fixes per block index, non-overlapping, left to right (the earliest wins)."""
    per_block: dict[int, list[Finding]] = {}
    for f in sorted((f for f in findings if is_safe(f)), key=lambda f: (f.block.index, f.fix.start, f.fix.end, f.code)):
        chosen = per_block.setdefault(f.block.index, [])
        fx = f.fix
        if chosen:
            last = chosen[-1].fix
            if fx.start < last.end or (fx.start == last.start and fx.end == last.end) or fx.start == last.end == last.start:
                continue
        chosen.append(f)
    return per_block


def edits_of(text: str, fix: Fix) -> list[Edit]:
    """A fix as minimal character edits (``, 中`` -> ``，中`` is one edit of two characters)."""
    old = text[fix.start : fix.end]
    new = fix.replacement
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        Edit(fix.start + i1, fix.start + i2, new[j1:j2])
        for tag, i1, i2, j1, j2 in sm.get_opcodes()
        if tag != "equal"
    ]


def apply_to_text(text: str, fixes: list[Fix]) -> str:
    """Apply non-overlapping fixes to one block's text, right to left."""
    for fx in sorted(fixes, key=lambda x: (x.start, x.end), reverse=True):
        text = text[: fx.start] + fx.replacement + text[fx.end :]
    return text


# ------------------------------------------------------------------------------------ text files


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """Lines and the separator after each (the last may have none), as the text reader splits."""
    parts = _NEWLINE_SPLIT.split(text)
    lines = parts[0::2]
    seps = parts[1::2]
    if seps and lines[-1] == "":
        lines.pop()  # the final newline does not open a line
    seps += [""] * (len(lines) - len(seps))
    return lines, seps


def encode_like(text: str, encoding: str, bom: bool, original: bytes) -> bytes:
    """Encode ``text`` exactly as the original file was encoded (BOM, byte order)."""
    enc = encoding.lower().replace("_", "-")
    if enc == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if enc in ("utf-16", "utf-32"):
        width = 2 if enc == "utf-16" else 4
        head = original[:width]
        little = head in (codecs.BOM_UTF16_LE, codecs.BOM_UTF32_LE) if bom else sys.byteorder == "little"
        codec = f"{enc}-{'le' if little else 'be'}"
        return (head if bom else b"") + text.encode(codec)
    if enc == "gb18030" and bom:
        return BOM_GB18030 + text.encode(encoding)
    return text.encode(encoding)


def _lint(doc: Document, settings):
    from reportlint.engine import lint_document

    return lint_document(doc, settings)


def fix_text_bytes(data: bytes, path: str, fmt: str, settings, encoding: str | None = None) -> tuple[bytes, FixOutcome]:
    """Fixed bytes of a .txt/.md file (the input bytes when nothing applies)."""
    from reportlint.readers.text import decode, read_text

    text, used, bom = decode(data, path, encoding)
    if bom and text.startswith("\ufeff"):
        text = text[1:]
    try:
        same = encode_like(text, used, bom, data) == data
    except (UnicodeError, LookupError):
        same = False
    if not same:
        raise FixError(
            f"{path}：按 {used} 重新编码后与原文件不一致，为免损坏文件，未作修改",
            f"{path}: re-encoding as {used} does not reproduce the file; nothing was changed, to keep it intact",
        )
    outcome = FixOutcome(path=path, before=text, after=text)
    current = data
    for _round in range(MAX_ROUNDS):
        doc = read_text(current, path, fmt, used)
        res = _lint(doc, settings)
        chosen = select(res.findings)
        if not chosen:
            outcome.document = doc
            break
        lines, seps = split_lines(text)
        if len(lines) != len(doc.blocks) or any(b.text != line for b, line in zip(doc.blocks, lines)):
            raise FixError(f"{path}：无法把修改对应回原文的行，未作修改", f"{path}: cannot map the fixes back to the lines of the file; nothing was changed")
        for index, fs in chosen.items():
            lines[index] = apply_to_text(lines[index], [f.fix for f in fs])
            outcome.applied += len(fs)
        text = "".join(line + sep for line, sep in zip(lines, seps))
        try:
            current = encode_like(text, used, bom, data)
        except UnicodeEncodeError:
            raise FixError(
                f"{path}：修改后的字符无法用原编码 {used} 保存，未作修改",
                f"{path}: the fixed text cannot be encoded as {used}; nothing was changed",
            ) from None
        outcome.rounds += 1
    else:
        outcome.document = read_text(current, path, fmt, used)
    outcome.after = text
    return current, outcome


# ---------------------------------------------------------------------------------------- .docx


def _docx_walk(data: bytes, path: str):
    """The package, the walker's blocks and, per block, its ``w:t`` segments (offset, element)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.package import Package

    from reportlint.readers import docx as rd

    class _RunMap(rd._Walker):
        """The reader's walker, remembering which ``w:t`` produced which characters."""

        def __init__(self, *args):
            super().__init__(*args)
            self.segments: list[list[tuple[int, object]]] = []
            self._segs: list[tuple[int, object]] = []

        def text(self, p) -> str:
            self._segs = []
            self._pos = 0
            return super().text(p)

        def _append(self, *args) -> None:
            super()._append(*args)
            self.segments.append(self._segs)
            self._segs = []

        def _emit(self, text: str, r, child) -> None:
            if child.tag == rd._T:
                self._segs.append((self._pos, child))
            super()._emit(text, r, child)
            self._pos += len(text)

    package = Package.open(io.BytesIO(data))
    main = package.main_document_part
    root = rd._element(main)
    body = root.find(rd._w("body"))
    styles = rd._Styles(rd._element(rd._related(main, RT.STYLES)))
    numbering = rd._Numbering(rd._element(rd._related(main, RT.NUMBERING)), styles)
    walker = _RunMap(numbering, styles, {})
    walker.body(body)
    return package, walker.blocks, walker.segments


def _docx_apply(block, segments, edits: list[Edit]) -> list[tuple[object, int, int, str]] | None:
    """Run-local edits (element, start, end, replacement), or None when one does not fit in a run."""
    out = []
    prefix = block.number_prefix
    for e in edits:
        s, t = e.start - prefix, e.end - prefix
        if s < 0:
            return None  # inside Word's list numbering
        for offset, el in segments:
            length = len(el.text or "")
            if offset <= s and t <= offset + length and (s < offset + length or s == t):
                out.append((el, s - offset, t - offset, e.replacement))
                break
        else:
            return None
    return out


def fix_docx_bytes(data: bytes, path: str, settings, output: str | None = None) -> tuple[bytes, FixOutcome]:
    from reportlint.readers.docx import read_docx

    outcome = FixOutcome(path=path)
    current = data
    out_path = output or path
    first = True
    for _round in range(MAX_ROUNDS):
        doc = read_docx(current, out_path if not first else path)
        if first:
            outcome.before = "\n".join(b.text for b in doc.blocks)
        res = _lint(doc, settings)
        chosen = select(res.findings)
        outcome.not_applied = []  # what remains unapplied after the last round
        package, wblocks, segments = _docx_walk(current, path)
        if len(wblocks) != len(doc.blocks) or any(a.text != b.text for a, b in zip(wblocks, doc.blocks)):
            raise FixError(f"{path}：无法把修改对应回文档中的文字块，未作修改", f"{path}: cannot map the fixes back to the runs of the document; nothing was changed")
        changes = []
        for index, fs in chosen.items():
            block = doc.blocks[index]
            for f in fs:
                local = _docx_apply(block, segments[index], edits_of(block.text, f.fix))
                if local is None:
                    outcome.not_applied.append(f)
                    continue
                changes.extend(local)
                outcome.applied += 1
        first = False
        if not changes:
            outcome.document = doc
            break
        # right to left inside each run
        for el, s, t, repl in sorted(changes, key=lambda c: (id(c[0]), c[1]), reverse=True):
            old = el.text or ""
            new = old[:s] + repl + old[t:]
            el.text = new
            if new != new.strip():
                el.set(_XML_SPACE, "preserve")
        buf = io.BytesIO()
        package.save(buf)
        current = buf.getvalue()
        outcome.rounds += 1
    else:
        outcome.document = read_docx(current, out_path)
    if outcome.rounds:
        outcome.after = "\n".join(b.text for b in outcome.document.blocks)
    else:
        outcome.after = outcome.before
    return current, outcome


# ---------------------------------------------------------------------------------------- files


def fixed_docx_path(path: str) -> str:
    p = Path(path)
    return str(p.with_name(f"{p.stem}.fixed{p.suffix}"))


def atomic_write(path: str, data: bytes, *, expect: bytes | None = None, original: str | None = None) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and ``os.replace``.

    ``expect``: the bytes ``original`` (default ``path``) had when it was read; if the file
    differs now, nothing is written.
    """
    check = original or path
    if expect is not None:
        try:
            with open(check, "rb") as fh:
                now = fh.read()
        except OSError:
            now = None
        if now != expect:
            raise FixError(
                f"{check}：读取后文件已被修改，未写入修复结果（请重新运行）",
                f"{check}: the file changed on disk since it was read; the fixes were not written (run again)",
            )
    try:
        read_only = os.path.exists(path) and not os.stat(path).st_mode & 0o222
    except OSError:
        read_only = False
    if read_only:  # even root, who may replace it: the owner marked it not to be changed
        raise FixError(f"{path}：文件是只读的，未写入（原文件未改动）", f"{path}: the file is read-only; nothing was written (the original is unchanged)")
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    except OSError as exc:  # a read-only or vanished folder
        raise FixError(f"{path}：无法写入（{exc.strerror or exc}），原文件未改动", f"{path}: cannot write ({exc.strerror or exc}); the original is unchanged") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if os.path.exists(path):
            try:
                os.chmod(tmp, os.stat(path).st_mode & 0o7777)
            except OSError:
                pass
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise FixError(f"{path}：无法写入（{exc.strerror or exc}），原文件未改动", f"{path}: cannot write ({exc.strerror or exc}); the original is unchanged") from None
        raise


def fix_file(path: str, settings, *, encoding: str | None = None, write: bool = True, in_place: bool = False) -> FixOutcome:
    """Fix one file on disk; with ``write=False`` only compute the outcome (for --diff)."""
    from reportlint.readers import DOCX_SUFFIXES, TEXT_SUFFIXES

    suffix = Path(path).suffix.lower()
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise FixError(f"{path}：无法读取（{exc.strerror or exc}）", f"{path}: cannot read ({exc.strerror or exc})") from None
    if suffix in DOCX_SUFFIXES:
        target = path if in_place else fixed_docx_path(path)
        new, outcome = fix_docx_bytes(data, path, settings, output=target)
    elif suffix in TEXT_SUFFIXES:
        target = path
        new, outcome = fix_text_bytes(data, path, TEXT_SUFFIXES[suffix], settings, encoding)
    else:
        raise FixError(f"{path}：不支持修复此类文件", f"{path}: cannot fix this kind of file")
    if new != data:
        outcome.output = target
        if write:
            atomic_write(target, new, expect=data, original=path)
    return outcome


def unified_diff(outcome: FixOutcome) -> str:
    a = outcome.before.splitlines(keepends=True)
    b = outcome.after.splitlines(keepends=True)
    if a and not a[-1].endswith(("\n", "\r")):
        a[-1] += "\n"
    if b and not b[-1].endswith(("\n", "\r")):
        b[-1] += "\n"
    old, new = outcome.path, outcome.output or outcome.path
    if not os.path.isabs(old):
        old, new = f"a/{old}", f"b/{new}"
    return "".join(difflib.unified_diff(a, b, fromfile=old, tofile=new))


# ------------------------------------------------------------------------------------------ CLI


def fix_files(results, tasks, args, errors: list[str], lang: str):
    """``check --fix`` / ``--diff``: fix each file, return the results of what remains.

    Messages go to stderr; with ``--diff`` the diffs go to stdout and nothing is written.
    ``args.fix_changes`` counts the files changed (or that would change).
    """
    from reportlint.engine import lint_document

    diff = bool(getattr(args, "diff", False))
    in_place = bool(getattr(args, "in_place", False))
    out = []
    changed = 0
    for res, (path, settings) in zip(results, tasks):
        if path == "-":
            print("标准输入不能自动修复（--fix/--diff 只作用于文件）" if lang != "en" else "standard input is not fixed (--fix/--diff work on files)", file=sys.stderr)
        if res.error is not None or path == "-":
            out.append(res)
            continue
        try:
            outcome = fix_file(path, settings, encoding=getattr(args, "encoding", None), write=not diff, in_place=in_place)
        except FixError as exc:
            errors.append(exc.message(lang))
            out.append(res)
            continue
        except ReadError as exc:
            errors.append(exc.message(lang))
            out.append(res)
            continue
        if outcome.changed:
            changed += 1
        if diff:
            if outcome.changed:
                sys.stdout.write(unified_diff(outcome))
            out.append(res)
            continue
        for f in outcome.not_applied:
            where = f"{path}:{f.line}:{f.column}"
            print(
                f"{where}: {f.code} 的修改跨越多个格式片段（run）或涉及自动编号，未自动修复，请手动修改" if lang != "en"
                else f"{where}: {f.code} fix spans several runs or touches list numbering; not applied, fix it by hand",
                file=sys.stderr,
            )
        if outcome.changed:
            print(
                f"{path}：已修复 {outcome.applied} 处" + (f"，写入 {outcome.output}" if outcome.output != path else "") if lang != "en"
                else f"{path}: {outcome.applied} fixes applied" + (f", written to {outcome.output}" if outcome.output != path else ""),
                file=sys.stderr,
            )
        doc = outcome.document
        out.append(lint_document(doc, settings) if doc is not None else res)
    args.fix_changes = getattr(args, "fix_changes", 0) + changed
    return out
