"""S102 hierarchy-inverted: a deeper heading level used above a shallower one."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.findings import Finding, Severity
from reportlint.outline import Section
from reportlint.rules.base import Context, Rule
from reportlint.rules.structure.common import heading_label

LEVEL_NAMES = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


def heads_content(section: Section) -> bool:
    """The heading stands over content of its own (paragraphs or sub-headings).

    A bare numbered line, or one carrying only its own sentence (``1.地区生产总值增长6%以上；``),
    is a list item, and a list of items in a section's introduction is not a misplaced level."""
    own = [p for p in section.paragraphs if p.block.index != section.heading.block.index]
    return bool(section.children or own)


def orphan_before_top(ctx: Context) -> Section | None:
    """The first ``（一）`` section before any ``一、`` of a report that uses ``一、``."""
    sections = ctx.outline.sections
    if not any(s.level == 1 for s in sections):
        return None
    for s in sections:
        if s.level == 1:
            return None
        if s.level == 2 and (heads_content(s) or s.heading.has_inline_body):
            return s
    return None


def inverted_child(section: Section) -> tuple[Section, Section] | None:
    """The first child deeper than a later sibling (``1.`` above ``（一）``), with that sibling."""
    children = section.children
    for i, child in enumerate(children):
        if not heads_content(child):
            continue
        for later in children[i + 1 :]:
            if later.level < child.level:
                return child, later
    return None


class HierarchyInverted(Rule):
    code = "S102"
    name = "hierarchy-inverted"
    severity = Severity.WARNING
    summary = (
        "标题层级应按“一、”“（一）”“1.”“（1）”由大到小排列，下级标题不能出现在上级标题之前。",
        "Heading levels go 一、 > （一） > 1. > （1）; a lower level must not come before a higher one.",
    )
    why = (
        "《党政机关公文格式》（GB/T 9704-2012）规定结构层次序数依次为“一、”“（一）”“1.”“（1）”。"
        "下级编号出现在上级之前，读者无法判断内容归属，往往是复制粘贴时层级错位。",
        "GB/T 9704-2012 orders the levels 一、 （一） 1. （1）. A lower level placed before a higher one "
        "leaves the reader unable to tell what belongs where; it usually comes from pasting a block "
        "at the wrong level.",
    )
    bad = "青山镇2025年工作总结\n（一）产业发展\n……\n一、工作回顾\n（一）产业发展\n……"
    good = "青山镇2025年工作总结\n一、工作回顾\n（一）产业发展\n……"

    def check(self, ctx: Context) -> Iterator[Finding]:
        orphan = orphan_before_top(ctx)
        if orphan is not None:
            h = orphan.heading
            first_top = next(s for s in ctx.outline.sections if s.level == 1).heading
            yield self.finding(
                ctx,
                h.block,
                h.start,
                h.end,
                f"层级颠倒：“{heading_label(h)}”是二级标题，却出现在第一个一级标题“{heading_label(first_top)}”之前",
                f'inverted hierarchy: "{heading_label(h)}" is a second-level heading but comes before '
                f'the first top-level heading "{heading_label(first_top)}"',
            )
        for section in ctx.outline.walk():
            pair = inverted_child(section)
            if pair is None:
                continue
            deeper, shallower = pair
            h = deeper.heading
            yield self.finding(
                ctx,
                h.block,
                h.start,
                h.end,
                f"层级颠倒：“{heading_label(section.heading)}”下，“{LEVEL_NAMES[deeper.level]}”级标题"
                f"“{heading_label(h)}”出现在“{LEVEL_NAMES[shallower.level]}”级标题“{heading_label(shallower.heading)}”之前",
                f'inverted hierarchy: under "{heading_label(section.heading)}", the level-"{LEVEL_NAMES[deeper.level]}" '
                f'heading "{heading_label(h)}" comes before the level-"{LEVEL_NAMES[shallower.level]}" heading '
                f'"{heading_label(shallower.heading)}"',
            )
