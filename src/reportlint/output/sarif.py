"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` holds every rule of the registry (id, name, short and full
description, help, default level), so a viewer can explain a result without reportlint.
Artifact URIs are relative to the source root (the git top-level of the current folder, else the
current folder) and carry ``uriBaseId`` ``%SRCROOT%``; columns count Unicode code points
(``columnKind``). For a .docx, ``startLine`` is the body paragraph number (DESIGN.md), and a
finding in a table cell also carries ``properties.table/row/col``.
"""

from __future__ import annotations

import os
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import quote

from reportlint.output import json_text

if TYPE_CHECKING:
    from reportlint.engine import FileResult
    from reportlint.findings import Finding

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
BASE_ID = "%SRCROOT%"
INFORMATION_URI = "https://pypi.org/project/reportlint/"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def source_root(cwd: str | None = None) -> Path:
    """The git top-level of ``cwd`` (default: the current folder), else ``cwd`` itself."""
    return _source_root(str(Path(cwd or os.getcwd()).resolve()))


@lru_cache(maxsize=8)
def _source_root(cwd: str) -> Path:
    here = Path(cwd)
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=here,
            capture_output=True,
            text=True,
            timeout=10,
        )
        if out.returncode == 0 and out.stdout.strip():
            return Path(out.stdout.strip()).resolve()
    except (OSError, subprocess.SubprocessError):
        pass
    return here


def relative_path(path: str, root: Path | None = None) -> str | None:
    """``path`` relative to the source root, in POSIX form; None when it lies outside it."""
    if path == "-":
        return None
    root = root or source_root()
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def artifact_location(path: str, root: Path | None = None) -> dict:
    if path == "-":
        return {"uri": "stdin"}
    rel = relative_path(path, root)
    if rel is not None:
        return {"uri": quote(rel, safe="/"), "uriBaseId": BASE_ID}
    return {"uri": Path(path).resolve().as_uri()}


def _rule_descriptor(rule, lang: str) -> dict:
    from reportlint.docs import rule_text
    from reportlint.rules.base import FAMILIES

    pick = (lambda pair: pair[1]) if lang == "en" else (lambda pair: pair[0])
    bad, good = ("Example (bad)", "Instead (good)") if lang == "en" else ("错误示例", "正确写法")
    markdown = (
        f"**{rule.code} {rule.name}**\n\n{pick(rule.summary)}\n\n{pick(rule.why)}\n\n"
        f"{bad}:\n\n    {rule.bad}\n\n{good}:\n\n    {rule.good}\n"
    )
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": pick(rule.summary)},
        "fullDescription": {"text": pick(rule.why)},
        "help": {"text": rule_text(rule, lang), "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL[rule.severity.value]},
        "properties": {"tags": [FAMILIES[rule.family()][1]], "precision": "high"},
    }


def _result(finding: Finding, rule_index: dict[str, int], lang: str, root: Path) -> dict:
    from reportlint.document import BlockKind

    line = max(1, finding.line)
    region = {
        "startLine": line,
        "startColumn": finding.column,
        "endLine": max(line, finding.end_line),
        "endColumn": max(finding.end_column, finding.column),
        "snippet": {"text": finding.block.text},
    }
    result: dict = {
        "ruleId": finding.code,
        "level": LEVEL[finding.severity.value],
        "message": {"text": finding.message(lang)},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(finding.path, root), "region": region}}],
    }
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    try:
        from reportlint.baseline import fingerprint

        result["partialFingerprints"] = {"reportlintContext/v1": fingerprint(finding)}
    except ImportError:  # pragma: no cover
        pass
    if finding.block.kind is BlockKind.CELL:
        result["properties"] = {"table": finding.block.table, "row": finding.block.row, "col": finding.block.col}
    if finding.fix is not None:
        fix_text = finding.fix.message_en if lang == "en" else finding.fix.message_zh
        start, end = finding.fix.start + 1, finding.fix.end + 1
        result["fixes"] = [
            {
                "description": {"text": fix_text or finding.fix.replacement},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact_location(finding.path, root),
                        "replacements": [
                            {
                                "deletedRegion": {"startLine": line, "startColumn": start, "endLine": line, "endColumn": max(start, end)},
                                "insertedContent": {"text": finding.fix.replacement},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def sarif_log(results: list[FileResult], *, lang: str = "zh", root: Path | None = None) -> dict:
    from reportlint import __version__
    from reportlint.rules import all_rules

    root = root or source_root()
    from reportlint.previous import CHECKS

    rules = [*all_rules(), *CHECKS]  # the cross-report checks carry the same documentation fields
    rule_index = {r.code: i for i, r in enumerate(rules)}
    out_results = [
        _result(f, rule_index, lang, root)
        for r in results
        if r.error is None
        for f in r.findings
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": r.error.message(lang)},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(r.path, root)}}],
        }
        for r in results
        if r.error is not None
    ]
    invocation: dict = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {
            "driver": {
                "name": "reportlint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule_descriptor(r, lang) for r in rules],
            }
        },
        "invocations": [invocation],
        "originalUriBaseIds": {BASE_ID: {"uri": root.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": out_results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(results: list[FileResult], stream: TextIO, *, lang: str = "zh") -> None:
    stream.write(json_text(sarif_log(results, lang=lang), indent=2) + "\n")
