"""S107 inline-sequence: 一是、二是、三是 (or 第一、第二) broken by a gap, repeat or wrong start."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reportlint.findings import Finding, Severity
from reportlint.outline import Enumerator, Paragraph, find_enumerators
from reportlint.rules.base import Context, Rule
from reportlint.rules.structure.common import describe, inline_markers, nested_anomalies, render_inline


def bodies(ctx: Context) -> Iterator[Sequence[Paragraph]]:
    """The preamble and each section's own text: an inline list never spans two of them.

    A section's text starts right after its heading marker, so that ``（一）产业发展，一是……。二是……``
    counts the 一是 inside the heading's first sentence too.
    """
    yield ctx.outline.preamble
    for s in ctx.outline.walk():
        h = s.heading
        own = Paragraph(h.block, find_enumerators(h.block, h.end), h.end)
        yield [own] + [p for p in s.paragraphs if p.block.index != h.block.index]


class InlineSequence(Rule):
    code = "S107"
    name = "inline-sequence"
    severity = Severity.WARNING
    summary = (
        "段内列举“一是、二是、三是”或“第一、第二”应连续：不跳号、不重复，从“一”开始。",
        "Inline enumerations (“一是、二是、三是” or “第一、第二”) count on without gap or repeat, starting at “一”.",
    )
    why = (
        "段内列举跳号或重复，多半是删改内容时漏改了序号，或正文有缺失；读者会怀疑漏了一项。",
        "A gap or repeat in an inline list usually means an item was deleted or the text is incomplete; "
        "the reader wonders what is missing.",
    )
    bad = "（一）产业发展。一是粮食生产稳定。二是特色产业壮大。四是招商引资提速。"
    good = "（一）产业发展。一是粮食生产稳定。二是特色产业壮大。三是招商引资提速。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for body in bodies(ctx):
            markers = inline_markers(body)
            if not markers:
                continue  # most bodies: no inline list
            for kind in ("shi", "ordinal"):
                yield from self._check_run(ctx, [e for e in markers if e.kind == kind], kind)

    def _check_run(self, ctx: Context, markers: list[Enumerator], kind: str) -> Iterator[Finding]:
        if not markers:
            return
        noun = ("列举序号", "inline enumeration")
        for a in nested_anomalies([e.number for e in markers]):
            e = markers[a.index]
            zh, en = describe(a, lambda n: render_inline(kind, n), noun)
            yield self.finding(ctx, e.block, e.start, e.end, zh, en)
