"""S106 announced-count: "以下五个方面" followed by another number of parts."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from reportlint.findings import Finding, Severity
from reportlint.numerals import parse_number
from reportlint.outline import Paragraph, Section
from reportlint.prefilter import compiled
from reportlint.rules.base import Context, Rule
from reportlint.rules.structure.common import inline_markers, render_inline, render_marker
from reportlint.rules.structure.parts import heading_parts

_TAIL_MAX = 8  # what may follow the announcement in its paragraph: "工作：", "的工作。"
_GAP_MAX = 20  # how far after the announcement an inline list may start in the same paragraph
_LEAD_MAX = 2  # how far into the next paragraph it may start


@dataclass(frozen=True, slots=True)
class Counted:
    count: int
    first: str  # the first and last item as printed: "（一）", "五是"
    last: str


def inline_count(body: Sequence[Paragraph], i: int, end: int) -> Counted | None:
    """The inline list (一是…) that starts right after the announcement ending at ``end`` in
    ``body[i]``, or at the start of the next paragraph; None if there is none or it is broken."""
    para = body[i]
    markers = [
        e for e in inline_markers(body[i:]) if e.block.index != para.block.index or e.start >= end
    ]
    if not markers:
        return None
    first = markers[0]
    if first.block.index == para.block.index:
        if first.start - end > _GAP_MAX:
            return None
    else:
        nxt = body[i + 1] if i + 1 < len(body) else None
        lead = len(nxt.text) - len(nxt.text.lstrip()) if nxt else 0
        if (
            nxt is None
            or first.block.index != nxt.block.index
            or first.start - nxt.offset - lead > _LEAD_MAX
            or len(para.block.text[end:].strip()) > _TAIL_MAX
        ):
            return None
    if first.number != 1:
        return None
    run = [first]
    for e in markers[1:]:
        if e.kind != first.kind:
            continue
        if e.number == 1:
            break
        if e.number != run[-1].number + 1:
            return None  # a broken list (S107): the count is not evidence
        run.append(e)
    return Counted(len(run), render_inline(first.kind, 1), render_inline(first.kind, len(run)))


def parts_count(parts: Sequence[Section]) -> Counted | None:
    """The number of parts when they are one clean sequence 1..k at one level."""
    if not parts or len({s.level for s in parts}) != 1:
        return None
    numbers = [s.number for s in parts]
    if numbers != list(range(1, len(parts) + 1)):
        return None  # numbering problems (S101) make the count ambiguous
    marker = parts[0].heading.marker
    return Counted(len(parts), render_marker(marker, 1), render_marker(marker, len(parts)))


def _preamble_alternatives(ctx: Context) -> set[int]:
    """Counts a preamble announcement might also mean: review sections only, or any section's children."""
    top = ctx.outline.sections
    review = [s for s in top if not heading_parts(s.title, ctx) & {"problems", "plan"}]
    return {len(top), len(review)} | {len(s.children) for s in top}


def announcements(para: Paragraph, patterns: Sequence[re.Pattern[str]]) -> Iterator[tuple[re.Match[str], int]]:
    """Each announcement in a paragraph with its count (``以下五个方面`` → 5); one per place."""
    taken: list[tuple[int, int]] = []
    for pattern in patterns:
        for m in pattern.finditer(para.block.text, para.offset):
            n = parse_number(m.group("n"))
            if not n or n < 2 or any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            yield m, n


def closes_intro(body: Sequence[Paragraph], i: int, end: int, patterns: Sequence[re.Pattern[str]]) -> bool:
    """The announcement ends its paragraph, and nothing after it in the body announces or lists
    anything: it can only be about the parts that follow the body."""
    if len(body[i].block.text[end:].strip()) > _TAIL_MAX:
        return False
    for later in body[i + 1 :]:
        if inline_markers([later]) or any(p.search(later.text) for p in patterns):
            return False
    return True


class AnnouncedCount(Rule):
    code = "S106"
    name = "announced-count"
    severity = Severity.WARNING
    summary = (
        "“重点抓好以下五个方面工作”之后应正好有五个部分（下级标题或“一是……五是”）。",
        "An announcement such as “以下五个方面” is followed by exactly that many parts (sub-headings or “一是…五是”).",
    )
    why = (
        "宣布的数目与实际条目不符，说明增删条目后没有改引导语，是审阅时一眼就能发现的硬伤。",
        "An announced count that does not match the items shows items were added or removed without "
        "updating the lead sentence; a reviewer spots it at once.",
    )
    bad = "三、2026年工作计划\n重点抓好以下三个方面工作：\n（一）抓产业\n……\n（二）抓项目\n……\n（三）抓民生\n……\n（四）抓党建\n……"
    good = "三、2026年工作计划\n重点抓好以下四个方面工作：\n（一）抓产业\n……\n（二）抓项目\n……\n（三）抓民生\n……\n（四）抓党建\n……"

    def check(self, ctx: Context) -> Iterator[Finding]:
        patterns = [compiled(p) for p in ctx.ruleset.outline.announce]
        if not patterns:
            return
        bodies: list[tuple[Sequence[Paragraph], Sequence[Section], bool]] = [
            (ctx.outline.preamble, ctx.outline.sections, True)
        ]
        bodies += [(s.paragraphs, s.children, False) for s in ctx.outline.walk() if s.paragraphs]
        for body, parts, is_preamble in bodies:
            for i, para in enumerate(body):
                for m, n in announcements(para, patterns):
                    counted = inline_count(body, i, m.end())
                    if counted is None and closes_intro(body, i, m.end(), patterns):
                        counted = parts_count(parts)
                        if counted and is_preamble and n in _preamble_alternatives(ctx):
                            counted = None
                    if counted is None or counted.count == n:
                        continue
                    what = m.group(0)
                    yield self.finding(
                        ctx,
                        para.block,
                        m.start(),
                        m.end(),
                        f"宣布“{what}”（{n}个），但其后有{counted.count}个部分（“{counted.first}”至“{counted.last}”）",
                        f'announces "{what}" ({n}) but {counted.count} parts follow ("{counted.first}" to "{counted.last}")',
                    )
