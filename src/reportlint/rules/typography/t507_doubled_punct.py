"""T507 doubled-punctuation: the same mark twice (，， 。。 、、 ；； ：：) or two clashing marks (，。).

A mark typed twice is dropped to one (fixed). Two different sentence marks side by side (``，。``
``。，`` ``、，``) are reported without a fix: which one belongs is the writer's choice.
``！！`` ``？？`` ``？！`` are emphasis and left alone; three or more full stops are an ellipsis (T506).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.findings import Finding, Fix, Severity
from reportlint.rules.base import Context, Rule
from reportlint.rules.typography._text import context, exempt_spans, text_blocks

_SAME = re.compile(r"([，、；：])\1+|(?<!。)。。(?!。)")
_CLASH = re.compile(r"[，、；：。][，、；：。]")


class DoubledPunctuation(Rule):
    code = "T507"
    name = "doubled-punctuation"
    severity = Severity.WARNING
    summary = (
        "标点重复或连用：“，，”“。。”“、、”，或“，。”这样两个点号挨在一起。",
        "A punctuation mark typed twice (，， 。。 、、) or two clashing marks side by side (，。).",
    )
    why = (
        "删改句子时最容易留下多余的标点，连用的两个点号在打印稿上非常显眼。重复的同一标点自动删去一个；"
        "两个不同标点挨在一起时，保留哪个需要作者判断，只提示不修改。",
        "Editing a sentence often leaves a stray mark, and two marks side by side stand out in print. A mark "
        "typed twice is fixed by dropping one; for two different marks the writer decides which to keep.",
    )
    bad = "全年新建村级养老服务站3个，，改造农村危房45户。。"
    good = "全年新建村级养老服务站3个，改造农村危房45户。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for block in text_blocks(ctx):
            text = block.text
            if _CLASH.search(text) is None:
                continue  # every doubled mark is also two marks side by side: nothing to find
            spans = exempt_spans(ctx, block, marker=False)
            taken: list[tuple[int, int]] = []
            for m in _SAME.finditer(text):
                a, b = m.span()
                if spans.overlaps(a, b):
                    continue
                taken.append((a, b))
                got, one = m.group(0), m.group(0)[0]
                yield self.finding(
                    ctx, block, a, b,
                    f"标点重复“{got}”：{context(text, a, b)}",
                    f'punctuation typed twice "{got}": {context(text, a, b)}',
                    fix=Fix(a, b, one, f"保留一个“{one}”", f'keep one "{one}"'),
                )
            for m in _CLASH.finditer(text):
                a, b = m.span()
                got = m.group(0)
                if got[0] == got[1] or spans.overlaps(a, b) or any(x < b and a < y for x, y in taken):
                    continue
                yield self.finding(
                    ctx, block, a, b,
                    f"标点连用“{got}”：{context(text, a, b)}，应只保留一个",
                    f'two marks side by side "{got}": {context(text, a, b)}; keep one',
                )
