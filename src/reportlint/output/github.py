"""GitHub Actions output: workflow commands that become annotations on the pull request.

``::group::PATH`` … ``::endgroup::`` per file with findings, and per finding
``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE name::message`` (``warning`` /
``notice`` for the other severities). Data is escaped as the runner expects (``%`` ``\\r``
``\\n``; property values also ``:`` and ``,``). GitHub shows only a few annotations per step,
so when ``$GITHUB_STEP_SUMMARY`` names a file, a Markdown table of every finding is appended to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from reportlint.output import cell_label, location_label

if TYPE_CHECKING:
    from reportlint.engine import FileResult
    from reportlint.findings import Finding

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def escape_data(text: str) -> str:
    from reportlint.output import terminal_safe

    return terminal_safe(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _file(path: str) -> str:
    from reportlint.output.sarif import relative_path

    rel = relative_path(path)
    return rel if rel is not None else path.replace("\\", "/")


def annotation(finding: Finding, lang: str = "zh") -> str:
    line = max(1, finding.line)
    props = [
        ("file", _file(finding.path)),
        ("line", str(line)),
        ("col", str(finding.column)),
        ("endLine", str(max(line, finding.end_line))),
        ("endColumn", str(max(finding.end_column, finding.column))),
        ("title", f"{finding.code} {finding.name}"),
    ]
    where = cell_label(finding.block, lang)
    message = finding.message(lang)
    if where:
        message = f"[{where}] {message}"
    prop_text = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMAND[finding.severity.value]} {prop_text}::{escape_data(message)}"


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def step_summary(results: list[FileResult], lang: str = "zh") -> str:
    """A Markdown section for ``$GITHUB_STEP_SUMMARY``: a count line and a table of every finding."""
    findings = [f for r in results if r.error is None for f in r.findings]
    unreadable = [r for r in results if r.error is not None]
    en = lang == "en"
    out = ["## reportlint", ""]
    if en:
        out.append(f"Checked {len(results)} file(s): {len(findings)} finding(s)" + (f", {len(unreadable)} unreadable" if unreadable else "") + ".")
    else:
        out.append(f"共检查 {len(results)} 个文件，发现 {len(findings)} 个问题" + (f"，{len(unreadable)} 个文件无法读取" if unreadable else "") + "。")
    out.append("")
    if findings:
        out.append("| file | location | code | severity | message |" if en else "| 文件 | 位置 | 代码 | 级别 | 说明 |")
        out.append("|---|---|---|---|---|")
        for f in findings:
            sev = f.severity.value if en else SEVERITY_ZH[f.severity.value]
            out.append(
                f"| {_md_cell(_file(f.path))} | {_md_cell(location_label(f.block, f.column, lang))} | "
                f"{f.code} | {sev} | {_md_cell(f.message(lang))} |"
            )
        out.append("")
    for r in unreadable:
        out.append(f"- {_md_cell(r.error.message(lang))}")
    if unreadable:
        out.append("")
    return "\n".join(out) + "\n"


def render_github(results: list[FileResult], stream: TextIO, *, lang: str = "zh", summary_path: str | None = None) -> None:
    for result in results:
        if result.error is not None:
            msg = escape_data(result.error.message(lang))
            stream.write(f"::error file={escape_property(_file(result.path))}::{msg}\n")
            continue
        if not result.findings:
            continue
        stream.write(f"::group::{escape_data(_file(result.path))}\n")
        for finding in result.findings:
            stream.write(annotation(finding, lang) + "\n")
        stream.write("::endgroup::\n")
    if summary_path:
        try:
            with open(summary_path, "a", encoding="utf-8") as fh:
                fh.write(step_summary(results, lang))
        except OSError:
            pass  # a summary that cannot be written must not fail the check
