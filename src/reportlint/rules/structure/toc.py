"""S105 toc-mismatch: the table of contents and the body headings disagree."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.findings import Finding, Severity
from reportlint.outline import Heading, Section, normalise_title
from reportlint.rules.base import Context, Rule
from reportlint.rules.structure.common import heading_label, heading_span

Path = tuple[tuple[int, int | None], ...]


def toc_paths(toc: list[Heading]) -> list[Path]:
    """Each entry's position: the (level, number) of the entries it nests under, then its own."""
    stack: list[Heading] = []
    out: list[Path] = []
    for h in toc:
        while stack and stack[-1].level >= h.level:
            stack.pop()
        out.append(tuple((x.level, x.number) for x in stack) + ((h.level, h.number),))
        stack.append(h)
    return out


def body_path(section: Section) -> Path:
    chain: list[Section] = []
    s: Section | None = section
    while s is not None:
        chain.append(s)
        s = s.parent
    return tuple((x.level, x.number) for x in reversed(chain))


def same_title(a: str, b: str) -> bool:
    """Equal once normalised, or one a shortened form of the other (目录 entries are often shortened)."""
    a, b = normalise_title(a), normalise_title(b)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short)


def match_toc(ctx: Context) -> tuple[list[tuple[Heading, Heading | None]], list[Heading]]:
    """Pair each TOC entry with its body heading (or None); and the body headings left unpaired."""
    body = [(body_path(s), s.heading) for s in ctx.outline.walk()]
    used: set[int] = set()
    pairs: list[tuple[Heading, Heading | None]] = []
    for entry, path in zip(ctx.outline.toc, toc_paths(ctx.outline.toc)):
        found: Heading | None = None
        for i, (bpath, head) in enumerate(body):  # same place, same (or shortened) title
            if i not in used and bpath == path and same_title(entry.title, head.title):
                found = head
                used.add(i)
                break
        if found is None:  # same title at the same level elsewhere: numbering is S101's business
            for i, (_, head) in enumerate(body):
                if i not in used and head.level == entry.level and same_title(entry.title, head.title):
                    found = head
                    used.add(i)
                    break
        if found is None:  # same place, another title
            for i, (bpath, head) in enumerate(body):
                if i not in used and bpath == path:
                    pairs.append((entry, head))
                    used.add(i)
                    break
            else:
                pairs.append((entry, None))
            continue
        pairs.append((entry, found))
    levels = {h.level for h in ctx.outline.toc}
    unlisted = [head for i, (_, head) in enumerate(body) if i not in used and head.level in levels]
    return pairs, unlisted


def _entry_span(h: Heading) -> tuple[int, int]:
    return h.start, len(h.block.text.rstrip())


class TocMismatch(Rule):
    code = "S105"
    name = "toc-mismatch"
    severity = Severity.WARNING
    summary = (
        "文前目录应与正文标题一致：目录中的每一项正文都要有，正文中目录所列层级的标题目录里也要有。",
        "A leading table of contents matches the body: every entry has its heading in the body, and "
        "every body heading at the levels the TOC lists is in the TOC.",
    )
    why = (
        "目录与正文不符说明正文被删改或截断后没有更新目录，读者按目录查找时会找不到内容。",
        "A TOC that disagrees with the body means the body was edited or cut without updating the "
        "TOC; a reader following it finds nothing there.",
    )
    bad = "一、工作回顾\n二、存在问题\n三、工作计划\n青山镇2025年工作总结\n一、工作回顾\n……\n二、存在问题\n……"
    good = "一、工作回顾\n二、存在问题\n青山镇2025年工作总结\n一、工作回顾\n……\n二、存在问题\n……"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.outline.toc:
            return
        pairs, unlisted = match_toc(ctx)
        for entry, head in pairs:
            if head is None:
                s, e = _entry_span(entry)
                yield self.finding(
                    ctx,
                    entry.block,
                    s,
                    e,
                    f"目录与正文不符：目录中的“{heading_label(entry)}”在正文中没有对应标题",
                    f'table of contents ≠ body: the entry "{heading_label(entry)}" has no heading in the body',
                )
            elif not same_title(entry.title, head.title):
                s, e = _entry_span(entry)
                yield self.finding(
                    ctx,
                    entry.block,
                    s,
                    e,
                    f"目录与正文不符：目录中是“{heading_label(entry)}”，正文中对应标题是“{heading_label(head)}”",
                    f'table of contents ≠ body: the entry is "{heading_label(entry)}" but the body heading '
                    f'is "{heading_label(head)}"',
                )
        for head in unlisted:
            s, e = heading_span(head)
            yield self.finding(
                ctx,
                head.block,
                s,
                e,
                f"目录与正文不符：正文标题“{heading_label(head)}”不在目录中",
                f'table of contents ≠ body: the heading "{heading_label(head)}" is not in the table of contents',
            )
