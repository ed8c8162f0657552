"""T501 unmatched-pair: quotes and brackets must pair up within a paragraph (GB/T 15834-2011 4.8, 4.9).

Brackets （） () 《》 〈〉 【】 「」 『』 〔〕 are matched with a stack; a half-width bracket
closed by a full-width one (``(一）``) is a width mix. Double quotes “” (and an ASCII ``"``
touching Chinese text) are paired by position: the 1st, 3rd … quote opens, the 2nd, 4th …
closes, so ``“儿童之家“`` has an opening quote where the closing one belongs. Single quotes ‘’
are paired the same way, and a double-quoted phrase inside single quotes is reversed nesting.

Not reported: a quotation running over several paragraphs (GB/T 15834 4.8.3.4: each paragraph
opens with “, only the last closes), a bracket or quote opened at the end of one line and closed
at the start of the next (hard-wrapped text), list markers such as ``1)`` ``a)``, and URLs,
e-mail addresses, file names and Markdown code.

Fixes (one obvious answer only): a quote turned the wrong way when it is the only wrong one of
the paragraph; a paragraph with exactly two double quotes (``"两个确保“`` → ``“两个确保”``); ASCII
quotes in a paragraph whose quotes otherwise alternate correctly; the half-width bracket of a
mixed pair (``(一）`` → ``（一）``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from reportlint.document import Block
from reportlint.findings import Finding, Fix, Severity
from reportlint.rules.base import Context, Rule
from reportlint.rules.typography._text import (
    FULL_WIDTH_PUNCT,
    context,
    exemptions,
    is_cjk,
    text_blocks,
)

# opener -> (family, closer of the same width)
OPENERS = {"（": ("paren", "）"), "(": ("paren", ")"), "《": ("book", "》"), "〈": ("angle", "〉"), "【": ("lent", "】"),
           "「": ("corner", "」"), "『": ("wcorner", "』"), "〔": ("tort", "〕")}
CLOSERS = {"）": "paren", ")": "paren", "》": "book", "〉": "angle", "】": "lent", "」": "corner", "』": "wcorner", "〕": "tort"}
_FULL = {"(": "（", ")": "）"}
# a list marker closed by a bracket alone: "1)" "a)" "一）" at the start of the block or of a clause
# (the first lookahead names the characters a marker starts with: every other position fails at once)
_LIST_MARKER = re.compile(
    r"(?=[\dA-Za-z一二三四五六七八九十\u2460-\u2473])"
    r"(?:^|(?<=[\s：:；;，,。]))(?:\d{1,2}|[A-Za-z]|[一二三四五六七八九十]{1,3}|[\u2460-\u2473])[)）]"
)
_MAX_ITEMS = 400  # a pathological paragraph is not analysed
# the characters the loops below look at: the regex finds them at C speed, the rest is skipped
_BRACKET_CHARS = re.compile("[" + re.escape("".join(OPENERS) + "".join(CLOSERS)) + "]")
# every character this rule pairs: a block without one has nothing to report
_PAIR_CHARS = re.compile("[" + re.escape("".join(OPENERS) + "".join(CLOSERS) + "“”‘’\"") + "]")
_DROP_QUOTES = str.maketrans("", "", "“”‘’\"")
_DROP_BRACKETS = str.maketrans("", "", "".join(OPENERS) + "".join(CLOSERS))
# a bracket closed at once by its own closer, in the same width
_INNERMOST = re.compile("|".join(re.escape(op + closer) for op, (_fam, closer) in OPENERS.items()))


def _pairs_outside(text: str, ranges: list[tuple[int, int]]) -> str:
    """The pair characters of ``text`` outside the exempt ``ranges`` (sorted, disjoint), in order:
    the ones ``bracket_problems`` and ``quote_items`` look at."""
    if not ranges:
        return "".join(_PAIR_CHARS.findall(text))
    found: list[str] = []
    pos = 0
    for a, b in ranges:
        found += _PAIR_CHARS.findall(text, pos, a)
        pos = b
    found += _PAIR_CHARS.findall(text, pos)
    return "".join(found)


def _clean(pairs: str) -> bool:
    """Is a paragraph whose pair characters outside its exempt spans are ``pairs`` (in order) sure
    to have nothing to report? So when its curly double quotes alternate “”“” … in even number,
    it holds no single and no ASCII quote, and its brackets nest properly in one width (removing
    innermost pairs leaves none): ``bracket_problems`` then finds nothing (each closer meets its
    own opener on top of the stack, so no list-marker exception applies either) and the quotes
    pair up. Decided at C speed; the rest takes the full analysis."""
    quotes = pairs.translate(_DROP_BRACKETS)
    if quotes != "“”" * (len(quotes) // 2):
        return False
    brackets = pairs.translate(_DROP_QUOTES)
    while brackets:
        brackets, n = _INNERMOST.subn("", brackets)
        if not n:
            return False
    return True


def _ends_list_marker(text: str, i: int) -> bool:
    """Does the closing parenthesis at ``i`` end a list marker (a match of ``_LIST_MARKER``)? A
    marker is at most four characters long, so only the three starts before ``i`` are tried; what
    finditer would find, as its matches never overlap (one starts at the start of the text or
    after a separator, and no marker holds a separator)."""
    for s in range(max(0, i - 3), i):
        m = _LIST_MARKER.match(text, s)
        if m is not None and m.end() == i + 1:
            return True
    return False


@lru_cache(maxsize=16)
def _chars_regex(chars: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(chars) + "]")


@dataclass(slots=True)
class _Problem:
    kind: str  # unclosed | unopened | mismatch | mixed
    pos: int
    other: int | None = None  # the partner's position (mismatch, mixed)


def bracket_problems(text: str, skip) -> list[_Problem]:
    """The bracket problems of ``text``; ``skip(i)`` says a position is exempt (None: none is)."""
    stack: list[tuple[int, str]] = []  # (pos, opener)
    out: list[_Problem] = []
    for m in _BRACKET_CHARS.finditer(text):
        i, ch = m.start(), m.group()
        if skip is not None and skip(i):
            continue
        if ch in OPENERS:
            stack.append((i, ch))
            continue
        fam = CLOSERS[ch]
        if fam == "paren" and _ends_list_marker(text, i) and not any(OPENERS[op][0] == "paren" for _, op in stack):
            continue
        if stack and OPENERS[stack[-1][1]][0] == fam:
            pos, op = stack.pop()
            if fam == "paren" and (op == "(") != (ch == ")"):
                out.append(_Problem("mixed", pos, i))
            continue
        if any(OPENERS[op][0] == fam for _, op in stack):
            while OPENERS[stack[-1][1]][0] != fam:
                pos, _op = stack.pop()
                out.append(_Problem("unclosed", pos))
            stack.pop()
            continue
        if stack:
            out.append(_Problem("mismatch", stack.pop()[0], i))
        else:
            out.append(_Problem("unopened", i))
    out.extend(_Problem("unclosed", pos) for pos, _ in stack)
    out.sort(key=lambda p: p.pos)
    return out


def _touches_chinese(text: str, i: int) -> bool:
    prev = text[i - 1] if i else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return is_cjk(prev) or is_cjk(nxt) or (prev != "" and prev in FULL_WIDTH_PUNCT) or (nxt != "" and nxt in FULL_WIDTH_PUNCT)


def quote_items(text: str, skip, opener: str, closer: str, ascii_quote: str | None, *, curly_in_latin: bool = True) -> list[tuple[int, str]]:
    """The quotes of one kind, in order. An ASCII quote counts only next to Chinese text; with
    ``curly_in_latin=False`` a curly one too (’ is also an apostrophe: Let’s). ``skip(i)`` says a
    position is exempt (None: none is)."""
    rx = _chars_regex(opener + closer + (ascii_quote or ""))
    if skip is None and curly_in_latin and not (ascii_quote and ascii_quote in text):
        return [(m.start(), m.group()) for m in rx.finditer(text)]  # every curly quote counts
    items = []
    for m in rx.finditer(text):
        i, ch = m.start(), m.group()
        if ch == opener or ch == closer:
            if not (skip is not None and skip(i)) and (curly_in_latin or _touches_chinese(text, i)):
                items.append((i, ch))
        elif ascii_quote and ch == ascii_quote and not (skip is not None and skip(i)) and _touches_chinese(text, i):
            items.append((i, ch))
    return items


class UnmatchedPair(Rule):
    code = "T501"
    name = "unmatched-pair"
    severity = Severity.WARNING
    summary = (
        "引号、括号、书名号应在同一段内成对出现，方向正确，不混用全角半角，引号嵌套为外双内单。",
        "Quotes, brackets and book-title marks pair up within a paragraph, the right way round, in one width; "
        "double quotes go outside single ones.",
    )
    why = (
        "前引号误作后引号（“儿童之家“）、括号只开不关、中英文括号混用，是复制粘贴和多人改稿最常见的痕迹，"
        "打印出来一眼可见。GB/T 15834-2011 规定标号成对使用，引号外层用双引号、内层用单引号。"
        "跨段引文（各段开头用前引号、末段才用后引号）和折行造成的跨行配对不报。",
        "An opening quote used as a closing one (“儿童之家“), a bracket never closed, or an ASCII bracket "
        "closed by a Chinese one are the usual traces of copy-paste and many hands editing; they show in print. "
        "GB/T 15834-2011 requires paired marks, double quotes outside and single quotes inside. A quotation "
        "running over several paragraphs and pairs split by a hard line wrap are not reported.",
    )
    bad = "全面建成“儿童之家“12个，完成《XX镇发展规划〕编制，推进“三线一单(试行）”落地。"
    good = "全面建成“儿童之家”12个，完成《XX镇发展规划》编制，推进“三线一单（试行）”落地。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        blocks = text_blocks(ctx)
        # per block: (block, bracket problems, double quotes, single quotes), or (block, None, None,
        # None) for a paragraph _clean says has nothing to report, analysed only if a neighbour asks
        analysed: list[tuple] = []
        exempt = exemptions(ctx)
        for block in blocks:
            text = block.text
            if _PAIR_CHARS.search(text) is None:  # no bracket, no quote: no exempt span to look up
                analysed.append((block, [], [], []))
                continue
            spans = exempt.spans(block)  # the outline marker exempt too
            if _clean(_pairs_outside(text, spans.ranges)):
                analysed.append((block, None, None, None))
            else:
                analysed.append(_analysis(block, spans))
        for k, (block, brackets, doubles, singles) in enumerate(analysed):
            if not (brackets or doubles or singles):
                continue  # no bracket problem, no quote: nothing to report
            prev = _full(ctx, analysed, k - 1) if k and _adjacent(analysed[k - 1][0], block) else None
            nxt = _full(ctx, analysed, k + 1) if k + 1 < len(analysed) and _adjacent(block, analysed[k + 1][0]) else None
            if len(block.text) > 20000 or len(doubles) + len(singles) > _MAX_ITEMS:
                continue
            yield from self._brackets(ctx, block, brackets, prev, nxt)
            d_ok = yield from self._quotes(ctx, block, doubles, "“", "”", prev and prev[2], nxt and nxt[2], ("双引号", "double quotes"))
            s_ok = yield from self._quotes(ctx, block, singles, "‘", "’", prev and prev[3], nxt and nxt[3], ("单引号", "single quotes"))
            if d_ok and s_ok and doubles and singles:
                yield from self._nesting(ctx, block, doubles, singles)

    # brackets ------------------------------------------------------------------------------

    def _brackets(self, ctx, block: Block, problems: list[_Problem], prev, nxt) -> Iterator[Finding]:
        text = block.text
        # a bracket opened at the end of one line and closed at the start of the next (hard wrap)
        prev_open = {OPENERS[prev[0].text[p.pos]][0] for p in prev[1] if p.kind == "unclosed"} if prev else set()
        next_close = {CLOSERS[nxt[0].text[p.pos]] for p in nxt[1] if p.kind == "unopened"} if nxt else set()
        for p in problems:
            ch = text[p.pos]
            if p.kind == "unclosed":
                fam, closer = OPENERS[ch]
                if fam in next_close:
                    continue
                yield self.finding(
                    ctx, block, p.pos, p.pos + 1,
                    f"“{ch}”没有对应的“{closer}”：{context(text, p.pos, p.pos + 1, 2, 12)}",
                    f'"{ch}" is never closed by "{closer}": {context(text, p.pos, p.pos + 1, 2, 12)}',
                )
            elif p.kind == "unopened":
                fam = CLOSERS[ch]
                if fam in prev_open:
                    continue
                opener = next(o for o, (f, c) in OPENERS.items() if c == ch)
                yield self.finding(
                    ctx, block, p.pos, p.pos + 1,
                    f"“{ch}”前面没有对应的“{opener}”：{context(text, p.pos, p.pos + 1, 12, 2)}",
                    f'"{ch}" has no matching "{opener}" before it: {context(text, p.pos, p.pos + 1, 12, 2)}',
                )
            elif p.kind == "mismatch":
                a, b = p.pos, p.other or p.pos
                yield self.finding(
                    ctx, block, a, b + 1,
                    f"“{text[a]}”与“{text[b]}”不配对：{context(text, a, b + 1, 2, 2)}",
                    f'"{text[a]}" is closed by "{text[b]}": {context(text, a, b + 1, 2, 2)}',
                )
            else:  # mixed widths: ( … ）  or  （ … )
                a, b = p.pos, p.other or p.pos
                seg = text[a : b + 1]
                fixed = seg[0].translate(str.maketrans(_FULL)) + seg[1:-1] + seg[-1].translate(str.maketrans(_FULL))
                half = a if text[a] == "(" else b
                yield self.finding(
                    ctx, block, a, b + 1,
                    f"括号全角半角混用：“{seg if len(seg) <= 20 else context(text, a, b + 1, 0, 0)}”，应为“{fixed if len(fixed) <= 20 else '（…）'}”",
                    f'mixed bracket widths: "{seg if len(seg) <= 20 else context(text, a, b + 1, 0, 0)}"; use full-width （）',
                    fix=Fix(half, half + 1, _FULL[text[half]], "改为全角括号", "use the full-width bracket"),
                )

    # quotes --------------------------------------------------------------------------------

    def _quotes(self, ctx, block: Block, items, opener: str, closer: str, prev_items, next_items, noun):
        """Yield findings for one kind of quote; return True when the quotes pair up cleanly."""
        text = block.text
        nz, ne = noun
        if not items:
            return True
        n = len(items)
        if n % 2:
            # a quotation running over several paragraphs, or a hard-wrapped line
            first_char, last_char = items[0][1], items[-1][1]
            if last_char == opener and next_items and next_items[0][1] in (opener, closer):
                return False
            if first_char == closer and prev_items and len(prev_items) % 2:
                return False
            if first_char == opener and prev_items and len(prev_items) % 2 and prev_items[-1][1] == opener:
                return False  # continuation paragraph of a multi-paragraph quotation
            pos = self._break(items, opener, closer)
            n_open = sum(1 for _, c in items if c == opener)
            n_close = sum(1 for _, c in items if c == closer)
            n_ascii = n - n_open - n_close
            extra_zh = f"、英文引号 {n_ascii} 个" if n_ascii else ""
            extra_en = f", {n_ascii} ASCII" if n_ascii else ""
            yield self.finding(
                ctx, block, pos, pos + 1,
                f"{nz}不配对：本段前引号{opener} {n_open} 个、后引号{closer} {n_close} 个{extra_zh}：{context(text, pos, pos + 1, 8, 8)}",
                f"unbalanced {ne}: {n_open} opening {opener} and {n_close} closing {closer}{extra_en} in this paragraph: {context(text, pos, pos + 1, 8, 8)}",
            )
            return False
        wrong = [(k, pos, ch) for k, (pos, ch) in enumerate(items) if ch != (opener if k % 2 == 0 else closer)]
        if not wrong:
            return True
        ascii_wrong = [w for w in wrong if w[2] not in (opener, closer)]
        curly_wrong = [w for w in wrong if w[2] in (opener, closer)]
        a = items[0][0]
        if n == 2 and items[1][0] - a > 1:
            # exactly one pair: whatever was typed, it can only be “…”
            b = items[1][0]
            seg = text[a : b + 1]
            fixed = opener + seg[1:-1] + closer
            yield self._wrong_way(ctx, block, a, b + 1, seg, fixed, nz, ne, bool(ascii_wrong), fixed)
            return False
        if not curly_wrong or (len(curly_wrong) == 1 and not ascii_wrong):
            start, end = wrong[0][1], wrong[-1][1] + 1
            chars = list(text[start:end])
            for k, pos, _ch in wrong:
                chars[pos - start] = opener if k % 2 == 0 else closer
            # shown with the partner quote of each end: “儿童之家“ -> “儿童之家”
            k0, k1 = wrong[0][0], wrong[-1][0]
            s0 = items[k0 - 1][0] if k0 % 2 else start
            s1 = items[k1 + 1][0] + 1 if k1 % 2 == 0 else end
            shown = text[s0:start] + "".join(chars) + text[end:s1]
            yield self._wrong_way(ctx, block, start, end, text[s0:s1], shown, nz, ne, bool(ascii_wrong), "".join(chars))
            return False
        pos = wrong[0][1]
        yield self.finding(
            ctx, block, pos, pos + 1,
            f"{nz}方向不对或不配对：{context(text, pos, pos + 1, 8, 8)}（第 {wrong[0][0] + 1} 个引号应为“{opener if wrong[0][0] % 2 == 0 else closer}”）",
            f"{ne} turned the wrong way or unpaired: {context(text, pos, pos + 1, 8, 8)} (quote {wrong[0][0] + 1} should be {opener if wrong[0][0] % 2 == 0 else closer})",
        )
        return False

    def _wrong_way(self, ctx, block, start, end, seg, fixed, nz, ne, ascii_used, replacement) -> Finding:
        show = seg if len(seg) <= 24 else None
        if ascii_used:
            zh = f"中文里用了英文引号：{show} 应为 {fixed}" if show else f"中文里用了英文引号，应使用中文{nz}"
            en = f"ASCII quotes in Chinese text: {show} should be {fixed}" if show else f"ASCII quotes in Chinese text; use Chinese {ne}"
        else:
            zh = f"{nz}方向错误：{show} 应为 {fixed}" if show else f"{nz}方向错误，前后引号用反"
            en = f"{ne} turned the wrong way: {show} should be {fixed}" if show else f"{ne} turned the wrong way"
        return self.finding(ctx, block, start, end, zh, en, fix=Fix(start, end, replacement, "改正引号方向", "turn the quotes the right way"))

    @staticmethod
    def _break(items, opener, closer) -> int:
        """Position of the first quote that breaks the alternation (or the last one)."""
        for k, (pos, ch) in enumerate(items):
            if ch != (opener if k % 2 == 0 else closer):
                return pos
        return items[-1][0]

    def _nesting(self, ctx, block: Block, doubles, singles) -> Iterator[Finding]:
        d_pairs = [(doubles[k][0], doubles[k + 1][0]) for k in range(0, len(doubles), 2)]
        s_pairs = [(singles[k][0], singles[k + 1][0]) for k in range(0, len(singles), 2)]
        text = block.text
        for sa, sb in s_pairs:
            inside_double = any(da < sa and sb < db for da, db in d_pairs)
            holds_double = any(sa < da and db < sb for da, db in d_pairs)
            if holds_double and not inside_double:
                yield self.finding(
                    ctx, block, sa, sb + 1,
                    f"引号嵌套顺序颠倒：外层应用双引号“”，内层用单引号‘’：{context(text, sa, sb + 1, 0, 0)}",
                    f"quotes nested the wrong way: double quotes outside, single quotes inside: {context(text, sa, sb + 1, 0, 0)}",
                )


def _analysis(block: Block, spans) -> tuple:
    """(block, bracket problems, double quotes, single quotes) of one paragraph."""
    text = block.text
    skip = spans.covers if spans.ranges else None  # most blocks have no exempt span
    brackets = bracket_problems(text, skip)
    doubles = quote_items(text, skip, "“", "”", '"')
    singles = quote_items(text, skip, "‘", "’", None, curly_in_latin=False)
    return block, brackets, doubles, singles


def _full(ctx: Context, analysed: list[tuple], k: int) -> tuple:
    """``analysed[k]``, analysed in full if it was only found clean (a neighbour's quotes and
    brackets decide whether a paragraph's open ends continue there)."""
    got = analysed[k]
    if got[1] is None:
        got = analysed[k] = _analysis(got[0], exemptions(ctx).spans(got[0]))
    return got


def _adjacent(a: Block, b: Block) -> bool:
    """Two consecutive blocks of running text (not table cells of different cells)."""
    if a.kind != b.kind:
        return False
    if a.in_table:
        return (a.table, a.row, a.col) == (b.table, b.row, b.col)
    return True
