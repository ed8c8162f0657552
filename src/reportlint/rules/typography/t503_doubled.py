"""T503 doubled-word: a character or word typed twice by mistake (的的, 环境环境).

Two shapes, both ruleset data:

* a doubled function character from ``doubled_chars`` (的的, 了了, 是是), except inside a match of
  ``doubled_exceptions``, where the doubling is two words (目的 + 的, 为了 + 了解, 是 + 是否);
  fixed by dropping one;
* a doubled two-character word AB AB (环境环境, 工作工作), except the reduplications listed in
  ``reduplications`` (研究研究, 讨论讨论), AB AB straddling an A-X-A-Y phrase (构建共建共享 =
  构建 + 共建共享: B is one of ``pattern_chars``), runs of three or more (加油加油加油), words with a
  numeral (一个一个) and AA AA. Reported with the correction, not fixed: a word typed twice
  could also be a word lost.

Content characters doubled on their own (常常, 天天, 人人, 家家户户, 看看, 明明, 多多, 一一,
渐渐, 层层, 点点滴滴) are reduplication and never looked at; ``和和平花园`` is 和 + 和平.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reportlint.findings import Finding, Fix, Severity
from reportlint.prefilter import compiled
from reportlint.rules.base import Context, Rule
from reportlint.rules.typography._text import CJK_CLASS, Spans, context, exempt_spans, text_blocks

_WORD = re.compile(f"([{CJK_CLASS}]{{2}})\\1")
# any two characters typed twice: found wherever _WORD finds a match (and at years such as 2020),
# about twice as fast, as "." needs no lookup in a class of ideographs
_ANY_WORD = re.compile(r"(..)\1", re.DOTALL)
_NUMERAL_CHARS = set("一二三四五六七八九十百千万亿两〇零几")


@lru_cache(maxsize=8)
def _char_regex(chars: tuple[str, ...]) -> re.Pattern[str] | None:
    if not chars:
        return None
    cls = "".join(re.escape(c) for c in chars)
    return re.compile(f"([{cls}])\\1+")


@lru_cache(maxsize=8)
def _exceptions(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(compiled(p) for p in patterns)


class DoubledWord(Rule):
    code = "T503"
    name = "doubled-word"
    severity = Severity.WARNING
    summary = (
        "字词误重复：“的的”“了了”“是是”“环境环境”等（叠词、跨词边界的正常写法除外）。",
        "A character or word typed twice by mistake: “的的”, “了了”, “是是”, “环境环境” (reduplication and word boundaries excepted).",
    )
    why = (
        "改稿时删一半留一半，最容易留下“的的”“工作工作”这样的重字，校对时眼睛会自动跳过，打印后却很显眼。"
        "常常、天天、人人、家家户户、研究研究等叠词，以及“和和平花园”（和＋和平）、“目的的”“为了了解”这类跨词边界，"
        "都不是错误，不报；例外写在规则集里，可以补充。",
        "Editing often leaves a doubled character or word (“的的”, “工作工作”) that the eye skips when proofreading "
        "but the reader sees in print. Reduplication (“常常”, “天天”, “人人”, “家家户户”, “研究研究”) and word boundaries "
        "(“和和平花园” = 和 + 和平, “目的的”, “为了了解”) are not errors and are not reported; the exceptions are "
        "ruleset data and can be extended.",
    )
    bad = "全面改善农村人居环境环境，打造宜居宜业的的美丽乡村。"
    good = "全面改善农村人居环境，打造宜居宜业的美丽乡村。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        data = ctx.ruleset.typography
        chars = _char_regex(tuple(data.doubled_chars))
        exceptions = _exceptions(tuple(data.doubled_exceptions))
        redup = set(data.reduplications)
        for block in text_blocks(ctx):
            text = block.text
            spans = None  # looked up for a candidate only: most blocks have none
            # a doubled function character is rare: searched for first, listed only when found
            doubled = list(chars.finditer(text)) if chars is not None and chars.search(text) is not None else []
            # the exceptions only matter where a character is doubled: most blocks skip them
            allowed = Spans([m.span() for rx in exceptions for m in rx.finditer(text)]) if doubled else None
            taken: list[tuple[int, int]] = []
            if doubled:
                for m in doubled:
                    a, b = m.span()
                    if spans is None:
                        spans = exempt_spans(ctx, block, marker=False)
                    if spans.covers(a) or all(allowed.covers(i) for i in range(a, b)):
                        continue
                    if allowed.overlaps(a, b):
                        continue
                    c = m.group(1)
                    taken.append((a, b))
                    yield self.finding(
                        ctx, block, a, b,
                        f"“{m.group(0)}”重复：{context(text, a, b)}，应为“{c}”",
                        f'"{m.group(0)}" doubled: {context(text, a, b)}; should be "{c}"',
                        fix=Fix(a, b, c, f"删去重复的“{c}”", f'drop the repeated "{c}"'),
                    )
            for m in _WORD.finditer(text) if _ANY_WORD.search(text) is not None else ():
                a, b = m.span()
                word = m.group(1)
                if word[0] == word[1] or _NUMERAL_CHARS & set(word) or m.group(0) in redup:
                    continue
                if word[1] in data.pattern_chars:
                    continue  # 构建共建共享 = 构建 + 共建共享
                if text[b : b + 2] == word or text[max(0, a - 2) : a] == word:
                    continue  # 加油加油加油: a chant, not a slip
                if spans is None:
                    spans = exempt_spans(ctx, block, marker=False)
                if spans.covers(a) or any(a < y and x < b for x, y in taken):
                    continue
                yield self.finding(
                    ctx, block, a, b,
                    f"“{word}”重复：{context(text, a, b)}，应为“{word}”",
                    f'"{word}" doubled: {context(text, a, b)}; should be "{word}"',
                )
