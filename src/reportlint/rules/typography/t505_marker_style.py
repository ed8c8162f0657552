"""T505 mixed-marker-style: one outline level written in two styles (（一） beside (二); 1. beside 1、).

Headings of the body are grouped by level (一、 / （一） / 1. / （1））; a heading whose marker
style (the marker without its number: ``（）``, ``()``, ``.``, ``、``, ``．``) differs from the
style most headings of that level use is reported, naming that style and where it is used. On a
tie the style used first counts as the document's. A width-only difference of brackets
(``(二)`` among ``（一）``) is fixed to the document's style; other differences (``1、`` among
``1.``) are reported, not fixed: which to keep is the writer's choice.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from reportlint.findings import Finding, Fix, Severity
from reportlint.outline import Heading
from reportlint.rules.base import Context, Rule

_NUMBER = re.compile(r"\d+|[一二三四五六七八九十]+")
_WIDTH = str.maketrans("()", "（）")
_LEVEL = {1: ("一级", "level-1"), 2: ("二级", "level-2"), 3: ("三级", "level-3"), 4: ("四级", "level-4")}


def style(marker: str) -> str:
    return re.sub(r"\s", "", _NUMBER.sub("", marker, count=1))


def _show(st: str, level: int) -> str:
    n = "一" if level <= 2 else "1"
    return st[0] + n + st[1:] if len(st) == 2 else n + st


class MixedMarkerStyle(Rule):
    code = "T505"
    name = "mixed-marker-style"
    severity = Severity.WARNING
    summary = (
        "同一级标题的序号样式应统一：不要“（一）”与“(二)”并用，也不要“1.”“1、”“1．”混用。",
        "One outline level uses one marker style: not （一） beside (二), not 1. beside 1、 or 1．.",
    )
    why = (
        "GB/T 9704-2012 规定结构层次序数依次为“一、”“（一）”“1.”“（1）”。同级标题样式不一，"
        "多是几个人分头起草后拼合、或从不同材料复制而来，审稿人一眼就能看出。只改括号全角半角这种唯一答案的差别。",
        "GB/T 9704-2012 numbers the levels 一、 （一） 1. （1）. Mixed styles within one level usually mean "
        "parts drafted by different people or copied from different sources, and a reviewer sees it at once. "
        "Only a width-only bracket difference is fixed.",
    )
    bad = "（一）产业发展稳中有进\n……\n(二)民生保障持续加强\n……\n1.完善机制\n……\n2、强化保障"
    good = "（一）产业发展稳中有进\n……\n（二）民生保障持续加强\n……\n1.完善机制\n……\n2.强化保障"

    def check(self, ctx: Context) -> Iterator[Finding]:
        by_level: dict[int, list[Heading]] = {}
        for section in ctx.outline.walk():
            by_level.setdefault(section.level, []).append(section.heading)
        for level, headings in sorted(by_level.items()):
            styles = [style(h.marker) for h in headings]
            counts = Counter(styles)
            if len(counts) < 2:
                continue
            top = max(counts.values())
            main = next(s for s in styles if counts[s] == top)  # ties: the style used first
            lines = [h.block.line for h, s in zip(headings, styles) if s == main][:3]
            where = "、".join(str(x) for x in lines)
            lz, le = _LEVEL.get(level, ("同级", "same-level"))
            for h, s in zip(headings, styles):
                if s == main:
                    continue
                marker = h.marker.strip()
                fix = None
                if s.translate(_WIDTH) == main and main != s:
                    fixed = marker.translate(_WIDTH)
                    fix = Fix(h.start, h.start + len(marker), fixed, f"改为“{fixed}”", f'use "{fixed}"')
                    if h.block.text[h.start : h.start + len(marker)] != marker:
                        fix = None
                yield self.finding(
                    ctx, h.block, h.start, h.end,
                    f"{lz}标题序号样式不统一：此处为“{marker}”，本文同级多用“{_show(main, level)}”式（第 {where} 行等）",
                    f'{le} heading markers are mixed: "{marker}" here, while most headings of this level use "{_show(main, level)}" (lines {where.replace("、", ", ")} …)',
                    fix=fix,
                )
