"""S101 numbering-sequence: sibling headings at one level must count 1, 2, 3 …"""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.findings import Finding, Severity
from reportlint.outline import Section
from reportlint.rules.base import Context, Rule
from reportlint.rules.structure.common import describe, in_attachment_list, render_marker, sequence_anomalies


def sibling_groups(ctx: Context) -> Iterator[list[Section]]:
    """Each parent's children (and the top-level sections), one list per heading level.

    Numbered lines of an attachment list (``附件：1.…`` / ``2.…``) are not headings."""
    parents: list[list[Section]] = [ctx.outline.sections] + [s.children for s in ctx.outline.walk()]
    for children in parents:
        by_level: dict[int, list[Section]] = {}
        for child in children:
            if child.number is not None and not in_attachment_list(child.heading, ctx):
                by_level.setdefault(child.level, []).append(child)
        yield from by_level.values()


def restarts(previous: int, number: int) -> bool:
    """一、二、三 then 一 again: a new run (a second part of the report), not a duplicate."""
    return number == 1 and previous >= 2


class NumberingSequence(Rule):
    code = "S101"
    name = "numbering-sequence"
    severity = Severity.ERROR
    summary = (
        "同级标题编号应连续：不跳号、不重复、不颠倒，从“一”或“1”开始。",
        "Sibling headings are numbered 1, 2, 3 … with no gap, duplicate or reversal, starting at 1.",
    )
    why = (
        "编号跳号或重复通常说明删改时漏改了编号，或整段内容被误删、下载不全；审阅者会据此判断材料不完整。",
        "A gap or duplicate usually means a section was deleted or moved without renumbering, or the "
        "text is incomplete; reviewers read it as a careless or truncated report.",
    )
    bad = "一、工作回顾\n（一）产业发展\n……\n（二）项目建设\n……\n（三）乡村振兴\n……\n（五）民生保障\n……"
    good = "一、工作回顾\n（一）产业发展\n……\n（二）项目建设\n……\n（三）乡村振兴\n……\n（四）民生保障\n……"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for group in sibling_groups(ctx):
            numbers = [s.number for s in group]
            for a in sequence_anomalies(numbers, restarts):  # type: ignore[arg-type]
                heading = group[a.index].heading
                zh, en = describe(a, lambda n, m=heading.marker: render_marker(m, n), ("编号", "numbering"))
                yield self.finding(ctx, heading.block, heading.start, heading.end, zh, en)
