"""T509 space-in-chinese: a stray space inside a Chinese sentence (全 镇, 工作 ，).

Reported: one ASCII space between two Chinese characters, or beside a full-width sentence mark,
inside a block that reads as a sentence (at least 8 Chinese characters and a ，or 。). Not
reported: indentation and trailing blanks, full-width spaces (used to pad names and titles:
``目　录``, ``王　芳``), the space between the halves of a quoted slogan or title
(``“不忘初心 牢记使命”``), runs of spaces (alignment in plain-text tables and signatures), the space
after a heading marker, a one-character-plus-one-character name between separators
(``张 三、李 四``), Markdown tables. A space beside a full-width mark is removed by --fix; a space
between two characters is only reported (it may separate a name from a title).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.findings import Finding, Fix, Severity
from reportlint.rules.base import Context, Rule
from reportlint.rules.typography._text import CJK_CLASS, cjk_count, context, exempt_spans, marker_end, text_blocks

_STOPS = "，。、；：？！"
_SPACE = re.compile(
    f"(?<=[{CJK_CLASS}]) (?=[{CJK_CLASS}])"
    f"|(?<=[{CJK_CLASS}”’）》]) (?=[{_STOPS}])"
    f"|(?<=[{_STOPS}“‘（《]) (?=[{CJK_CLASS}])"
)
_SLOGAN = re.compile(r"“[^”\n]{1,40}”|《[^》\n]{1,40}》")  # “不忘初心 牢记使命”: a space between the halves of a slogan
_NAME = re.compile(f"(?:^|(?<=[、，：:；\\s]))[{CJK_CLASS}] [{CJK_CLASS}](?=[、，。；\\s]|$)")


class SpaceInChinese(Rule):
    code = "T509"
    name = "space-in-chinese"
    severity = Severity.INFO
    summary = (
        "中文句子中间不应有空格（“全 镇”“工作 ，”）。",
        "No stray space inside a Chinese sentence (全 镇, 工作 ，).",
    )
    why = (
        "从 PDF、网页复制或排版时敲的空格会留在句子中间，在 Word 里显示为一段空白。缩进、对齐用的连续空格、"
        "全角空格（姓名、标题对齐）和标题序号后的空格不报。",
        "Spaces from PDF or web copies, or typed for layout, stay inside the sentence and show as gaps in Word. "
        "Indentation, runs of spaces used for alignment, full-width spaces (padding names and titles) and the "
        "space after a heading marker are not reported.",
    )
    bad = "全 镇新建村级养老服务站3个 ，改造农村危房45户。"
    good = "全镇新建村级养老服务站3个，改造农村危房45户。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for block in text_blocks(ctx):
            text = block.text
            if " " not in text or "|" in text or cjk_count(text) < 8 or not any(c in text for c in "，。"):
                continue
            spans = exempt_spans(ctx, block, marker=False)
            names = [m.span() for m in _NAME.finditer(text)] + [m.span() for m in _SLOGAN.finditer(text)]
            head_end = marker_end(ctx, block)
            for m in _SPACE.finditer(text):
                i = m.start()
                if spans.covers(i) or i <= head_end or any(a <= i < b for a, b in names):
                    continue
                if text[i - 1 : i] == " " or text[i + 1 : i + 2] == " ":
                    continue
                near_mark = text[i - 1] in _STOPS + "“‘（《" or text[i + 1] in _STOPS
                fix = Fix(i, i + 1, "", "删去空格", "remove the space") if near_mark else None
                yield self.finding(
                    ctx, block, i, i + 1,
                    f"中文句子中间有空格：“{context(text, i, i + 1, 4, 4)}”",
                    f'a space inside Chinese text: "{context(text, i, i + 1, 4, 4)}"',
                    fix=fix,
                )
