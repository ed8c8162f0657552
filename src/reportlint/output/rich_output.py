"""Rich terminal output: per file a header, per finding its place, code, severity and message,
then the source line with the span marked by carets, and a summary line at the end.

Document text is never put into a markup string: everything is built from ``rich.text.Text``
pieces, so ``附件[/a]结束`` or ``[b]x[/b]`` print as written. Wide (CJK) characters take two
terminal cells: caret offsets and widths are measured with ``rich.cells.cell_len`` on exactly the
strings that are printed (tabs expanded, control characters replaced), and lines wider than the
console are cut to a window around the span, marked with ``…``.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, TextIO

from reportlint.document import BlockKind
from reportlint.findings import Severity
from reportlint.output import location_label, terminal_safe

if TYPE_CHECKING:
    from rich.text import Text

    from reportlint.engine import FileResult
    from reportlint.findings import Finding

TAB_SIZE = 4
ELLIPSIS = "…"
NEWLINE_MARK = "↵"  # a line break inside a block (a .docx soft break)
CONTROL_MARK = "\ufffd"  # any other control character: never sent to the terminal
MIN_SOURCE_WIDTH = 20  # below this, let the terminal wrap rather than show a useless window

SEVERITY_STYLE = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.INFO: "bold blue",
}
SEVERITY_LABEL = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}
KIND_LABEL = {
    "zh": {"annual": "年度报告", "half-year": "半年报告", "quarterly": "季度报告"},
    "en": {"annual": "annual report", "half-year": "half-year report", "quarterly": "quarterly report"},
}


# --- source line and caret --------------------------------------------------------------------


def display_segments(text: str) -> list[str]:
    """What is printed for each code point of ``text``: tabs expanded to the next tab stop (in
    cells), line breaks shown as ``↵``, other control characters as U+FFFD (rich would silently
    drop some of them and pass others, such as ESC, to the terminal)."""
    from rich.cells import cell_len

    segments: list[str] = []
    cells = 0
    for ch in text:
        if ch == "\t":
            seg = " " * (TAB_SIZE - cells % TAB_SIZE)
        elif ch in "\n\r\x0b\x0c\x85\u2028\u2029":
            seg = NEWLINE_MARK
        elif unicodedata.category(ch) == "Cc":
            seg = CONTROL_MARK
        else:
            seg = ch
        segments.append(seg)
        cells += cell_len(seg)
    return segments


def source_window(text: str, start: int, end: int, width: int) -> tuple[str, int, int]:
    """The part of ``text`` to print in ``width`` cells, and where the caret goes.

    Returns ``(shown, caret_offset, caret_width)``: ``shown`` is the printable line (windowed
    around ``text[start:end]`` with ``…`` at a cut end when the whole line does not fit), and the
    caret starts ``caret_offset`` cells into ``shown`` and is ``caret_width`` cells wide (at least
    1; a span at the very end of the line puts the caret just after the text).
    """
    from rich.cells import cell_len

    segments = display_segments(text)
    widths = [cell_len(seg) for seg in segments]
    n = len(segments)
    s = min(max(start, 0), n)
    e = min(max(end, s), n)
    after_end = 1 if s == n else 0  # the caret needs a cell after the text
    if sum(widths) + after_end <= width or width < MIN_SOURCE_WIDTH:
        return "".join(segments), sum(widths[:s]), max(1, sum(widths[s:e]))

    budget = width - 2 - after_end  # room for the text between the two possible ellipses
    span_cells = sum(widths[s:e])
    # context on the left: half of what the span leaves, or a quarter of the room for a long span
    left_quota = (budget - span_cells) // 2 if span_cells <= budget else budget // 4
    a = b = s
    used = 0
    while a > 0 and used + widths[a - 1] <= left_quota:
        a -= 1
        used += widths[a]
    while b < e and used + widths[b] <= budget:  # as much of the span as fits
        used += widths[b]
        b += 1
    if b == e:  # context on the right
        while b < n and used + widths[b] <= budget:
            used += widths[b]
            b += 1
    while a > 0 and used + widths[a - 1] <= budget:  # whatever the right side did not need
        a -= 1
        used += widths[a]

    lead = ELLIPSIS if a > 0 else ""
    tail = ELLIPSIS if b < n else ""
    shown = lead + "".join(segments[a:b]) + tail
    caret_offset = cell_len(lead) + sum(widths[a:s])
    caret_width = max(1, sum(widths[s : min(e, b)]))
    return shown, caret_offset, caret_width


# --- rendering --------------------------------------------------------------------------------


def _gutter_number(finding: Finding) -> str:
    return "" if finding.block.kind is BlockKind.CELL else str(finding.block.line)


def _finding_lines(finding: Finding, lang: str, console_width: int, number_width: int) -> list[Text]:
    from rich.text import Text

    style = SEVERITY_STYLE.get(finding.severity, "bold")
    label = SEVERITY_LABEL["en" if lang == "en" else "zh"].get(finding.severity, str(finding.severity.value))
    lines: list[Text] = []

    head = Text("  ")
    head.append(location_label(finding.block, finding.column, lang), style="bold")
    head.append(" ")
    head.append(finding.code, style="bold magenta")
    head.append(" ")
    head.append(label, style=style)
    head.append(" ")
    head.append(terminal_safe(finding.message(lang)))
    lines.append(head)

    pad = " " * (2 + number_width)
    gutter_cells = len(pad) + 3  # pad + " │ "
    shown, offset, caret_width = source_window(
        finding.block.text, finding.start, finding.end, console_width - gutter_cells
    )
    source = Text()
    source.append("  " + _gutter_number(finding).rjust(number_width) + " │ ", style="blue")
    source.append(shown)
    lines.append(source)

    caret = Text()
    caret.append(pad + " │ ", style="blue")
    caret.append(" " * offset)
    caret.append("^" * caret_width, style=style)
    lines.append(caret)

    if finding.fix is not None:
        fix_message = finding.fix.message_en if lang == "en" else finding.fix.message_zh
        if fix_message:
            hint = Text()
            hint.append(pad + " = ", style="blue")
            hint.append("fix: " if lang == "en" else "建议：", style="bold green")
            hint.append(terminal_safe(fix_message))
            lines.append(hint)
    return lines


def _header(result: FileResult, lang: str) -> Text:
    from rich.text import Text

    header = Text()
    header.append(terminal_safe(result.path), style="bold")
    if result.kind:
        kind = KIND_LABEL["en" if lang == "en" else "zh"].get(result.kind, result.kind)
        header.append(f" ({kind})" if lang == "en" else f"（{kind}）", style="dim")
    return header


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary_line(results: list[FileResult], lang: str = "zh") -> str:
    """``共检查 3 个文件：发现 5 个问题（错误 2，警告 3，提示 0）…`` / ``Checked 3 files: …``."""
    findings = [f for r in results if r.error is None for f in r.findings]
    unreadable = sum(1 for r in results if r.error is not None)
    suppressed = sum(r.suppressed for r in results if r.error is None)
    # coverage of the arithmetic checks, so that a silent pass is visible (Context.stats)
    relations = sum(r.stats.get("relations", 0) for r in results if r.error is None)
    unparsed = sum(r.stats.get("unparsed", 0) for r in results if r.error is None)
    counts = {sev: sum(1 for f in findings if f.severity is sev) for sev in Severity}
    errors, warnings, infos = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]
    if lang == "en":
        text = f"Checked {_plural(len(results), 'file', 'files')}: "
        if findings:
            text += (
                f"{_plural(len(findings), 'finding', 'findings')} "
                f"({_plural(errors, 'error', 'errors')}, {_plural(warnings, 'warning', 'warnings')}, {infos} info)"
            )
        else:
            text += "no findings"
        if unreadable:
            text += f", {unreadable} {'file' if unreadable == 1 else 'files'} could not be read"
        if suppressed:
            text += f", {suppressed} suppressed by inline directives"
        if relations or unparsed:
            text += f"; {_plural(relations, 'numeric relation', 'numeric relations')} verified, {unparsed} number-like spans not parsed"
        return text
    text = f"共检查 {len(results)} 个文件："
    if findings:
        text += f"发现 {len(findings)} 个问题（错误 {errors}，警告 {warnings}，提示 {infos}）"
    else:
        text += "未发现问题"
    if unreadable:
        text += f"，{unreadable} 个文件无法读取"
    if suppressed:
        text += f"，已按行内指令忽略 {suppressed} 个"
    if relations or unparsed:
        text += f"；核验数字关系 {relations} 处，无法解析 {unparsed} 处"
    return text


def render_rich(
    results: list[FileResult],
    stream: TextIO,
    *,
    lang: str = "zh",
    color: bool | None = None,
    width: int | None = None,
) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=stream,
        highlight=False,
        markup=False,
        emoji=False,
        force_terminal=color,
        no_color=(color is False),
        width=width or None,
        soft_wrap=False,
    )
    console_width = console.width
    for result in results:
        if result.error is not None or not result.findings:
            continue
        console.print(_header(result, lang))
        number_width = max(len(_gutter_number(f)) for f in result.findings)
        for finding in result.findings:
            for line in _finding_lines(finding, lang, console_width, number_width):
                console.print(line)
        console.print()
    findings_total = sum(len(r.findings) for r in results if r.error is None)
    style = "bold red" if any(
        f.severity is Severity.ERROR for r in results if r.error is None for f in r.findings
    ) else ("bold yellow" if findings_total else "bold green")
    console.print(Text(summary_line(results, lang), style=style))
