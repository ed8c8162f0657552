"""T508 enumeration-comma: a 顿号 between quoted or book-title items (《A》、《B》, “A”、“B”).

GB/T 15834-2011 4.5.3.5: items each in quotes or each in book-title marks are not separated by
a 顿号, unless something stands between them (a bracketed note: ``《A》（试行）、《B》``), which
this rule never sees because the marks are then not adjacent. Fixed by dropping the 顿号.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.findings import Finding, Fix, Severity
from reportlint.rules.base import Context, Rule
from reportlint.rules.typography._text import context, exempt_spans, text_blocks

_COMMA = re.compile(r"(?<=》)、(?=《)|(?<=”)、(?=“)")


class EnumerationComma(Rule):
    code = "T508"
    name = "enumeration-comma"
    severity = Severity.INFO
    summary = (
        "并列的书名号或引号之间不用顿号：《A》《B》、“A”“B”。",
        "No 顿号 between items each in book-title marks or quotes: 《A》《B》, “A”“B”.",
    )
    why = (
        "GB/T 15834-2011 第 4.5.3.5 条：标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号；"
        "中间插有括注等其他成分时才用顿号（这种情况本规则不会报）。",
        "GB/T 15834-2011 4.5.3.5: items each in quotes or each in book-title marks are normally not separated "
        "by 顿号; only when something such as a bracketed note stands between them (never reported here).",
    )
    bad = "认真学习《民法典》、《信访工作条例》，深入开展“双争”、“三比”活动。"
    good = "认真学习《民法典》《信访工作条例》，深入开展“双争”“三比”活动。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for block in text_blocks(ctx):
            text = block.text
            if "》、《" not in text and "”、“" not in text:
                continue  # what _COMMA matches, found by a plain substring search
            spans = exempt_spans(ctx, block, marker=False)
            for m in _COMMA.finditer(text):
                a = m.start()
                if spans.covers(a):
                    continue
                kind_zh, kind_en = ("书名号", "book titles") if text[a - 1] == "》" else ("引号", "quoted items")
                yield self.finding(
                    ctx, block, a, a + 1,
                    f"并列的{kind_zh}之间不用顿号：{context(text, a, a + 1, 8, 8)}",
                    f"no 顿号 between {kind_en}: {context(text, a, a + 1, 8, 8)}",
                    fix=Fix(a, a + 1, "", "删去顿号", "drop the 顿号"),
                )
