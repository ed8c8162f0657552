"""S109 truncated: the document visibly stops in the middle of a sentence."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.findings import Finding, Severity
from reportlint.rules.base import Context, Rule
from reportlint.rules.structure.common import tail
from reportlint.rules.structure.ending import truncation


class Truncated(Rule):
    code = "S109"
    name = "truncated"
    severity = Severity.ERROR
    summary = (
        "文档不应在句子中间结束：最后一段（不计下载站残留行）应以句末标点收尾。",
        "A document does not stop mid-sentence: its last paragraph (download-site residue aside) ends "
        "with terminal punctuation.",
    )
    why = (
        "从文库网站下载的材料常被截断，只剩前半部分；在句子中间结束是最直接的证据，提交前必须补全。",
        "Reports downloaded from document-sharing sites are often cut off after a preview; stopping "
        "mid-sentence is the plainest evidence, and the text must be completed before submission.",
    )
    bad = "三、存在的问题\n一是产业发展层次有待提升。藤编产业仍以传统手工艺为主，产品设计研发能力不足，附"
    good = "三、存在的问题\n一是产业发展层次有待提升。藤编产业仍以传统手工艺为主，产品设计研发能力不足。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        cut = truncation(ctx)
        if cut is None:
            return
        end_text = tail(cut.block.text[: cut.end])
        yield self.finding(
            ctx,
            cut.block,
            cut.start,
            cut.end,
            f"文档疑似被截断：最后一段在“{end_text}”处结束，句子没有写完（没有句末标点）",
            f'the document seems cut off: its last paragraph stops at "{end_text}" mid-sentence '
            "(no terminal punctuation)",
        )
