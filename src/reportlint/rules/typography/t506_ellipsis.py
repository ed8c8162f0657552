"""T506 ellipsis: ``...`` ``。。。`` ``···`` or a lone ``…`` where the Chinese ellipsis ``……`` belongs.

GB/T 15834-2011 4.11: the Chinese ellipsis is six dots in two characters, ``……``. Reported only
after Chinese text (a Chinese character or a closing full-width mark); not a table of contents'
leader (dots followed by a page number), not ``…………`` (twelve dots mark an omitted paragraph, 4.11.3.5), not dots before a number or a unit (a blank left in a
template: ``增长...%``), not inside a document number ``〔...〕`` (a P302 mask). Fixed to ``……``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.findings import Finding, Fix, Severity
from reportlint.rules.base import Context, Rule
from reportlint.rules.typography._text import FW_CLOSE, context, exempt_spans, is_cjk, text_blocks

# one maximal run of ellipsis-like marks ("...…" is one run, fixed once); a run of "…" alone is
# right when it is "……" or "…………" (twelve dots mark an omitted paragraph)
_RUN = re.compile(r"(?:\.{3,}|。{3,}|[·・]{3,}|…)+")
_RIGHT = ("……", "…………")
_UNIT_AFTER = re.compile(r"\s*(?:[\d%％〕]|[万亿千百元个人户亩吨家次项名座条件所处]|$)")
# every run holds one of these: a block without them is skipped at C speed (the alternatives all
# open with a literal, so the search jumps from candidate character to candidate character)
_MAYBE = re.compile(r"\.\.\.|。。。|·|・|…")


class Ellipsis(Rule):
    code = "T506"
    name = "ellipsis"
    severity = Severity.WARNING
    summary = (
        "省略号应为“……”，不用“...”“。。。”“···”或单个“…”。",
        "The Chinese ellipsis is ……, not ..., 。。。, ··· or a single ….",
    )
    why = (
        "GB/T 15834-2011 规定省略号为占两个字位置的六连点“……”。英文的三个点、三个句号或单个“…”"
        "是输入法和网页复制的痕迹。目录的引导点、模板里留空的“...%”不报。",
        "GB/T 15834-2011: the ellipsis is six dots taking two character cells, ……. Three ASCII dots, three "
        "Chinese full stops or a single … come from input methods and web pages. Table-of-contents leaders "
        "and template blanks such as ...% are not reported.",
    )
    bad = "开展环境整治、产业培育、文明创建..."
    good = "开展环境整治、产业培育、文明创建……"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for block in text_blocks(ctx):
            text = block.text
            if _MAYBE.search(text) is None:
                continue
            spans = exempt_spans(ctx, block, marker=False)
            for m in _RUN.finditer(text):
                a, b = m.span()
                prev = text[a - 1] if a else ""
                if not (is_cjk(prev) or (prev and prev in FW_CLOSE)):
                    continue
                if spans.overlaps(a, b) or _UNIT_AFTER.match(text, b) and b < len(text):
                    continue
                if "〔" in text[max(0, a - 3) : a]:
                    continue
                if m.group(0) in _RIGHT:
                    continue
                got = m.group(0)
                yield self.finding(
                    ctx, block, a, b,
                    f"省略号应为“……”，此处为“{got}”：{context(text, a, b, 8, 2)}",
                    f'the ellipsis is "……", not "{got}": {context(text, a, b, 8, 2)}',
                    fix=Fix(a, b, "……", "改为“……”", 'use "……"'),
                )
