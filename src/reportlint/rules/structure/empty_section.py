"""S108 empty-section: a heading with nothing under it."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.document import BlockKind
from reportlint.findings import Finding, Severity
from reportlint.outline import Section
from reportlint.rules.base import Context, Rule
from reportlint.rules.structure.common import heading_label, heading_span, in_attachment_list
from reportlint.rules.structure.ending import truncation

_STATEMENT_END = "。！？!?；;"
_ITEM_LENGTH = 40  # longer than any heading: a numbered item of content


def siblings(section: Section, ctx: Context) -> list[Section]:
    group = section.parent.children if section.parent else ctx.outline.sections
    return [s for s in group if s is not section and s.level == section.level]


def has_table(section: Section, ctx: Context, next_index: int | None) -> bool:
    """A table (which the outline does not read) between this heading and the next one."""
    start = section.heading.block.index
    for block in ctx.document.blocks[start + 1 : next_index]:
        if block.kind is BlockKind.CELL and block.text.strip():
            return True
    return False


def is_empty(section: Section, ctx: Context, next_index: int | None) -> bool:
    if section.has_text():
        return False
    if section.heading.block.text.rstrip().endswith(tuple(_STATEMENT_END)) or len(section.title) > _ITEM_LENGTH:
        return False  # "1.产业结构单一。", or a long line: a one-sentence item, the content itself
    if has_table(section, ctx, next_index) or in_attachment_list(section.heading, ctx):
        return False
    others = siblings(section, ctx)
    return not others or any(s.has_text() for s in others)  # a list of bare items is a list


class EmptySection(Rule):
    code = "S108"
    name = "empty-section"
    severity = Severity.WARNING
    summary = (
        "每个标题下都应有正文或下级标题。",
        "Every heading has body text or sub-headings under it.",
    )
    why = (
        "只有标题没有内容，通常是起草时留的提纲没有补写，或粘贴时丢了正文。",
        "A heading with nothing under it is usually an outline point never written up, or text lost "
        "while pasting.",
    )
    bad = "二、存在的问题\n三、2026年工作计划\n（一）抓产业。……"
    good = "二、存在的问题\n一是产业结构单一。二是基础设施仍有短板。\n三、2026年工作计划\n（一）抓产业。……"

    def check(self, ctx: Context) -> Iterator[Finding]:
        sections = list(ctx.outline.walk())
        cut = truncation(ctx)
        for k, section in enumerate(sections):
            nxt = sections[k + 1].heading.block.index if k + 1 < len(sections) else None
            if not is_empty(section, ctx, nxt):
                continue
            if cut is not None and k == len(sections) - 1:
                continue  # S109 reports the cut
            h = section.heading
            s, e = heading_span(h)
            yield self.finding(
                ctx,
                h.block,
                s,
                e,
                f"空章节：标题“{heading_label(h)}”下没有正文，也没有下级标题",
                f'empty section: the heading "{heading_label(h)}" has no text and no sub-headings',
            )
