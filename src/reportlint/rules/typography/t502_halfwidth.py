"""T502 half-width-punctuation: ASCII , . ; : ? ! ( ) used in Chinese text (GB/T 15834-2011 3.2, 4).

A mark is reported only where it is unmistakably Chinese punctuation:

* ``, ; : ? !`` right after a Chinese character or a closing full-width mark, followed by Chinese,
  a digit, a Latin letter, an opening mark or the end of the line (``2025年,在``, ``如下:``);
  ``, ;`` also after a number or a Latin word when Chinese follows (``增长5%,同比``);
* ``.`` as a full stop: after a Chinese character (not after a Chinese numeral: ``一.``) and
  before Chinese or the end of the line;
* ``( )`` as a pair around text containing Chinese (``(森财木业)``); ``(1)`` ``(2023)`` are left
  alone.

Never inside numbers (``1,234`` ``3.5``), English phrases, URLs, e-mail addresses, file names
(ruleset ``halfwidth_exempt``), runs of dots (T506), or a heading's outline marker (T505 checks
marker style). When the whole document is typed with half-width marks (at least
``halfwidth_document_min`` of them, no fewer than full-width ones), one finding per paragraph
gives the count, not one per character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import itemgetter

from reportlint.findings import Finding, Fix, Severity
from reportlint.rules.base import Context, Rule
from reportlint.rules.typography._text import CJK_CLASS, CJK_RE, FW_CLOSE, FW_OPEN, Spans, context, exemptions, is_cjk, text_blocks

FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。", "(": "（", ")": "）"}
_NUMERALS = "一二三四五六七八九十〇零"
_FULL_COUNTED = "，；：？！（）"


# a mark: (start, end, replacement, label, partner), a plain tuple (a paragraph typed with ASCII
# punctuation has dozens, and a tuple is several times cheaper to build than a class instance):
# start = first character replaced; end = exclusive (a following space is swallowed: ", 中" ->
# "，中"); label = "," ";" … or "(" / ")" (one end of a bracket pair); partner = a bracket: offset
# of the other end of its pair, else -1
Mark = tuple[int, int, str, str, int]


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _chinese_after(text: str, j: int) -> tuple[bool, int]:
    """(the text from ``j`` reads as the continuation of Chinese text, spaces to swallow)."""
    if j >= len(text):
        return True, 0
    ch = text[j]
    if is_cjk(ch) or ch in FW_OPEN or ch in FW_CLOSE or ch.isdigit() or _latin(ch) or ch in "“‘\"":
        return True, 0
    if ch == " ":
        k = j
        while k < len(text) and text[k] == " ":
            k += 1
        if k < len(text) and (is_cjk(text[k]) or text[k] in FW_OPEN):
            return True, k - j
    return False, 0


_MARK_CHARS = re.compile("[" + re.escape("".join(FULL)) + "]")
# find_marks sorts the characters of FULL in three classes, each told by what stands right before
# and after the character (never by other marks), at C speed:
# * settled (_SETTLED_IF after the character): a mark, replaced alone (no space swallowed): one of
#   , ; : ? ! after a Chinese character or a closing full-width mark and before Chinese, a
#   full-width mark, an ASCII digit or letter, a quote or the end; , ; after an ASCII digit or
#   letter or % and before Chinese or an opening mark; a full stop after a Chinese character other
#   than a numeral (or after %) and before Chinese, a full-width mark or the end;
# * no mark (_NO_MARK_IF): a full stop after anything else but the start of the text (3.5, x.y,
#   一.); one of : ? ! not after Chinese or a closing mark;
# * the rest (_UNSETTLED: brackets, which pair up; a mark before a space …), which find_marks
#   decides one by one.
_AFTER_CHINESE = f"{CJK_CLASS}{FW_CLOSE}"
_STOP_FOLLOWS = f"{CJK_CLASS}{FW_OPEN}{FW_CLOSE}"  # what a settled full stop precedes (or the end)
_MARK_FOLLOWS = f'{_STOP_FOLLOWS}0-9A-Za-z"'  # what a settled , ; : ? ! precedes (or the end)
_SETTLED_IF = (
    f"(?:(?<=[{_AFTER_CHINESE}][,;:?!])(?=[{_MARK_FOLLOWS}]|\\Z)"
    f"|(?<=[0-9A-Za-z%％][,;])(?=[{CJK_CLASS}{FW_OPEN}])"
    f"|(?<=[{CJK_CLASS}%％]\\.)(?<![{_NUMERALS}]\\.)(?=[{_STOP_FOLLOWS}]|\\Z))"
)
_NO_MARK_IF = f"(?:(?<=[^{CJK_CLASS}%％]\\.)|(?<=[{_NUMERALS}]\\.)|(?<=[:?!])(?<![{_AFTER_CHINESE}][:?!]))"
_SETTLED = re.compile("[,.;:?!]" + _SETTLED_IF)
_UNSETTLED = re.compile(f"[,.;:?!()](?!{_SETTLED_IF})(?!{_NO_MARK_IF})")


def find_marks(text: str, spans: Spans) -> list[Mark]:
    """Every half-width mark of ``text`` used as Chinese punctuation, in order."""
    # most blocks have no exempt span, or only a heading's marker at the start: the scans start
    # after it (their look-behinds still see the text before)
    pos = _scan_start(spans)
    covers = None
    if pos is None:
        pos, covers = 0, spans.covers
    if covers is None:
        out = [(i := m.start(), i + 1, FULL[c := m.group()], c, -1) for m in _SETTLED.finditer(text, pos)]
    else:
        out = [(i, i + 1, FULL[c := m.group()], c, -1) for m in _SETTLED.finditer(text) if not covers(i := m.start())]
    more: list[Mark] = []
    opens: list[int] = []
    n = len(text)
    for m in _UNSETTLED.finditer(text, pos):
        i, ch = m.start(), m.group()
        if covers is not None and covers(i):
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else ""
        if ch == "(":
            opens.append(i)
            continue
        if ch == ")":
            if opens:
                a = opens.pop()
                if CJK_RE.search(text, a + 1, i) is not None:  # Chinese inside
                    more.append((a, a + 1, "（", "(", i))
                    more.append((i, i + 1, "）", ")", a))
            continue
        if nxt == ch or prev == ch:
            continue  # ",," "..": doubled marks are T506/T507's business
        after_chinese = is_cjk(prev) or (prev != "" and prev in FW_CLOSE)
        ok, swallow = False, 0
        if ch == ".":
            if (is_cjk(prev) and prev not in _NUMERALS) or prev in "%％":
                if nxt == "" or is_cjk(nxt) or nxt in FW_OPEN or nxt in FW_CLOSE:
                    ok = True
                elif nxt == " ":
                    ok, swallow = _chinese_after(text, i + 1)
                    ok = ok and swallow > 0
        elif after_chinese:
            if is_cjk(nxt):  # the common case, as _chinese_after answers it
                ok = True
            else:
                ok, swallow = _chinese_after(text, i + 1)
        elif ch in ",;" and prev and (prev.isdigit() or prev in "%％" or _latin(prev)):
            ok = is_cjk(nxt) or (nxt != "" and nxt in FW_OPEN)
        if ok:
            more.append((i, i + 1 + swallow, FULL[ch], ch, -1))
    if more:
        out += more
        out.sort()  # by start: no two marks start at one offset
    return out


def _scan_start(spans: Spans) -> int | None:
    """Where the marks of a block can start when its only exempt span is the heading's marker at
    its start (0 without any exempt span); None when other spans are exempt."""
    ranges = spans.ranges
    if not ranges:
        return 0
    if len(ranges) == 1 and ranges[0][0] == 0:
        return ranges[0][1]
    return None


# _SETTLED with the mark captured: its split is [text before the first mark, mark, text between,
# mark, …, text after the last mark]
_SETTLED_SPLIT = re.compile("([,.;:?!])" + _SETTLED_IF)


def settled_pieces(text: str, spans: Spans) -> list[str] | None:
    """``_SETTLED_SPLIT.split(text)`` when that finds exactly the marks of ``find_marks`` (no
    character to decide one by one, no settled mark inside an exempt span), else None. The usual
    paragraph typed with ASCII commas is then counted, described and rewritten at C speed, with
    no object per mark."""
    pos = _scan_start(spans)
    if pos is None or _UNSETTLED.search(text, pos) is not None:
        return None
    pieces = _SETTLED_SPLIT.split(text)
    if len(pieces[0]) < pos:  # a settled mark inside the heading's marker
        return None
    return pieces


_LABEL = itemgetter(3)
_COUNT = itemgetter(1)


def _rewrite(text: str, marks: list[Mark], start: int, end: int) -> str:
    """``text[start:end]`` with each mark (in order, none overlapping) replaced."""
    parts = []
    a = start  # where the text before the next mark starts
    for m_start, m_end, replacement, _label, _partner in marks:
        parts.append(text[a:m_start])
        parts.append(replacement)
        a = m_end
    parts.append(text[a:end])
    return "".join(parts)


class HalfWidthPunctuation(Rule):
    code = "T502"
    name = "half-width-punctuation"
    severity = Severity.WARNING
    summary = (
        "中文文本中应使用全角标点，不用半角的 , . ; : ? ! ( )（数字、英文、网址、文件名除外）。",
        "Chinese text uses full-width punctuation, not ASCII , . ; : ? ! ( ) (numbers, English, URLs and file names excepted).",
    )
    why = (
        "GB/T 15834-2011 规定中文使用全角标点。半角逗号、括号夹在汉字中间，打印出来间距局促，"
        "一看便知是从网页或英文输入法复制而来。整篇都用半角时，每段只报一次并给出处数，可用 --fix 一次改完。",
        "GB/T 15834-2011 prescribes full-width punctuation in Chinese text. ASCII commas and brackets between "
        "Chinese characters look cramped in print and betray text copied from the web or typed with an English "
        "input method. When the whole text is typed that way, each paragraph is reported once with a count; "
        "--fix corrects them all.",
    )
    bad = "2025年,在县委、县政府的坚强领导下,全镇新建标准化茶厂2座(含有机茶厂1座)。"
    good = "2025年，在县委、县政府的坚强领导下，全镇新建标准化茶厂2座（含有机茶厂1座）。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        per_block = []
        half = 0
        blocks = text_blocks(ctx)
        exempt = exemptions(ctx)
        for block in blocks:
            text = block.text
            if _MARK_CHARS.search(text) is None:
                continue  # no half-width mark to report: no exempt span to look up
            spans = exempt.spans(block)
            # the usual paragraph: its marks as pieces of the text, counted at C speed
            pieces = settled_pieces(text, spans)
            if pieces is not None:
                n = len(pieces) // 2
                if n:
                    per_block.append((block, spans, pieces, None, n))
                    half += n
                continue
            marks = find_marks(text, spans)
            if marks:
                per_block.append((block, spans, None, marks, len(marks)))
                half += len(marks)
        ctx.stats["halfwidth-marks"] += half
        # the full-width marks are counted only when there are enough half-width ones to compare
        # (in all the blocks joined: none of them is a line break)
        whole = half >= ctx.ruleset.typography.halfwidth_document_min and half >= sum(
            map("\n".join([block.text for block in blocks]).count, _FULL_COUNTED)
        )
        for block, spans, pieces, marks, n in per_block:
            if whole or n >= 3:
                if marks is None:
                    yield self._paragraph(ctx, block, whole, *_described_pieces(block.text, pieces))
                else:
                    yield self._paragraph(ctx, block, whole, *_described_marks(block.text, marks))
                continue
            if marks is None:
                marks = find_marks(block.text, spans)
            for m in marks:  # at most two marks: two singles, or one bracket pair with nothing inside
                if m[3] == ")":
                    continue
                yield self._one(ctx, block, m)

    def _one(self, ctx: Context, block, m: Mark) -> Finding:
        text = block.text
        start, end, replacement, label, partner = m
        if label == "(":
            inner = text[start + 1 : partner]
            show = inner if len(inner) <= 12 else inner[:11] + "…"
            return self.finding(
                ctx, block, start, partner + 1,
                f"中文里用了半角括号“({show})”，应为全角“（{show}）”",
                f'ASCII brackets in Chinese text: "({show})"; use full-width "（{show}）"',
                fix=Fix(start, partner + 1, "（" + inner + "）", "改为全角括号“（）”", 'use full-width "（）"'),
            )
        ev = context(text, start, start + 1, 5, 5)
        return self.finding(
            ctx, block, start, end,
            f"中文里用了半角标点“{label}”：“{ev}”，应为“{FULL[label]}”",
            f'ASCII "{label}" in Chinese text: "{ev}"; use "{FULL[label]}"',
            fix=Fix(start, end, replacement, f"改为全角“{FULL[label]}”", f'use full-width "{FULL[label]}"'),
        )

    def _paragraph(self, ctx: Context, block, whole: bool, start: int, end: int, used: dict[str, int], rewrite: str) -> Finding:
        text = block.text
        # per label, most used first, in the order of first use on ties (Counter.most_common's
        # order: a stable sort on the count); a bracket pair once
        counts = [(("()" if k == "(" else k), v) for k, v in used.items() if k != ")"]
        if len(counts) > 1:
            counts.sort(key=_COUNT, reverse=True)
        total = sum(used.values())
        detail_zh = "、".join([f"“{k}” {v} {'对' if k == '()' else '处'}" for k, v in counts])
        detail_en = ", ".join([f'"{k}" ×{v}' for k, v in counts])
        scope_zh = "（全文多用半角标点）" if whole else ""
        scope_en = " (the whole text is typed with ASCII punctuation)" if whole else ""
        ev = context(text, start, start + 1, 5, 5)
        return self.finding(
            ctx, block, start, end,
            f"本段有 {total} 个半角标点用在中文里{scope_zh}：{detail_zh}（如“{ev}”），应使用全角标点",
            f'{total} ASCII punctuation marks in Chinese text in this paragraph{scope_en}: {detail_en} (e.g. "{ev}"); use full-width punctuation',
            fix=Fix(start, end, rewrite, f"本段 {total} 个改为全角标点", f"use full-width punctuation ({total} marks)"),
        )


def _described_marks(text: str, marks: list[Mark]) -> tuple[int, int, dict[str, int], str]:
    """(start of the first mark, end of the last, the number of marks per label in the order of
    first use, the text between rewritten) of a paragraph's marks."""
    # marks are in order and never overlap (a swallowed space is no mark): the last ends last
    start, end = marks[0][0], marks[-1][1]
    return start, end, _tally(list(map(_LABEL, marks))), _rewrite(text, marks, start, end)


def _described_pieces(text: str, pieces: list[str]) -> tuple[int, int, dict[str, int], str]:
    """``_described_marks`` of the marks ``settled_pieces`` found: each one character, replaced
    by its full-width form."""
    core = pieces[1:-1]  # [mark, text between, mark, …, mark]
    used = _tally(core[0::2])
    core[0::2] = map(FULL.__getitem__, core[0::2])
    return len(pieces[0]), len(text) - len(pieces[-1]), used, "".join(core)


def _tally(labels: list[str]) -> dict[str, int]:
    """How often each label occurs, in the order of first use (``Counter``'s, at C speed: a
    paragraph uses two or three labels)."""
    return {k: labels.count(k) for k in dict.fromkeys(labels)}
