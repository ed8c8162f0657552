"""Baseline: accept the findings a repository already has, fail only on new ones.

``reportlint check --write-baseline FILE`` records every finding as (path, code, fingerprint) with
a count; ``--baseline FILE`` drops as many findings with the same key as were recorded. The
fingerprint hashes the rule code and the normalised text around the finding (whitespace removed,
full-width letters and digits folded by NFKC), never a line number, so editing another paragraph of
the report does not bring old findings back; fixing and re-breaking the same sentence does.
Paths are stored relative to the baseline file's folder, in POSIX form, so the baseline works from
any checkout location and on any OS.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.output import json_text

if TYPE_CHECKING:
    from reportlint.engine import FileResult
    from reportlint.findings import Finding

VERSION = 1
CONTEXT = 12  # code points on each side of the span that belong to the fingerprint
_SPACE = re.compile(r"\s+")


class BaselineError(Exception):
    def __init__(self, path: str, zh: str, en: str):
        super().__init__(en)
        self.path, self.zh, self.en = path, zh, en

    def message(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


def _normalise(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def fingerprint(finding: Finding) -> str:
    """A short hash of the code and the normalised text of the span with its context."""
    text = finding.block.text
    before = _normalise(text[: finding.start])[-CONTEXT:]
    span = _normalise(text[finding.start : finding.end])
    after = _normalise(text[finding.end :])[:CONTEXT]
    data = "\x1f".join((finding.code, before, span, after))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def _key_path(path: str, folder: Path) -> str:
    if path == "-":
        return "-"
    p = Path(path).resolve()
    try:
        return p.relative_to(folder).as_posix()
    except ValueError:
        return Path(os.path.relpath(p, folder)).as_posix()


def _keys(results: list[FileResult], folder: Path):
    for result in results:
        if result.error is not None:
            continue
        rel = _key_path(result.path, folder)
        for f in result.findings:
            yield f, (rel, f.code, fingerprint(f))


def write_baseline(path: str, results: list[FileResult], lang: str = "zh") -> int:
    """Write the baseline for ``results``; return the number of findings recorded."""
    target = Path(path)
    folder = target.resolve().parent
    counts: Counter[tuple[str, str, str]] = Counter()
    messages: dict[tuple[str, str, str], str] = {}
    for f, key in _keys(results, folder):
        counts[key] += 1
        messages.setdefault(key, f.message(lang))
    entries = [
        {"path": k[0], "code": k[1], "fingerprint": k[2], "count": n, "message": messages[k]}
        for k, n in sorted(counts.items())
    ]
    data = {"tool": "reportlint", "version": VERSION, "findings": entries}
    try:
        target.write_text(json_text(data, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise BaselineError(path, f"{path}：无法写入基线文件（{exc.strerror or exc}）", f"{path}: cannot write the baseline ({exc.strerror or exc})") from None
    return sum(counts.values())


def load_baseline(path: str) -> Counter[tuple[str, str, str]]:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("tool") != "reportlint":
            raise ValueError("not a reportlint baseline")
        if data.get("version") != VERSION:
            raise ValueError(f"unsupported baseline version {data.get('version')!r}")
        counts: Counter[tuple[str, str, str]] = Counter()
        for e in data["findings"]:
            counts[(str(e["path"]), str(e["code"]), str(e["fingerprint"]))] += int(e.get("count", 1))
        return counts
    except FileNotFoundError:
        raise BaselineError(path, f"{path}：基线文件不存在（先用 --write-baseline 生成）", f"{path}: no such baseline file (create it with --write-baseline)") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BaselineError(path, f"{path}：不是有效的基线文件（{exc}）", f"{path}: not a valid baseline file ({exc})") from None


def apply_baseline(path: str, results: list[FileResult]) -> int:
    """Remove from ``results`` the findings recorded in the baseline; return how many were removed."""
    remaining = load_baseline(path)
    folder = Path(path).resolve().parent
    removed = 0
    for result in results:
        if result.error is None and result.findings:
            rel = _key_path(result.path, folder)
            kept = []
            for f in result.findings:
                key = (rel, f.code, fingerprint(f))
                if remaining[key] > 0:
                    remaining[key] -= 1
                    removed += 1
                else:
                    kept.append(f)
            result.findings = kept
    return removed
