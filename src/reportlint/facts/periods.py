"""Periods: the report's own periods from its title, and every period mention in its text.

A :class:`Period` is a run of whole months: a year (``2025年``), a half (``2025年上半年``), a
quarter (``第三季度``), a cumulative run (``1至9月``) or several years (``2021—2025年``; a
``“十四五”`` mention keeps only its number: its years are calendar data, resolved by the rules).
Its year may be unknown (``xxxx年``, or a quarter named without its year): an unknown year is
never guessed, and every comparison involving it answers "don't know".

``title_periods`` reads the title: the summary period (before 总结/回顾/汇报 …) and the plan
period (between the summary word and 计划/打算/思路 …), with the plan's year inferred from the
summary's when the title leaves it out (``2023年第四季度工作总结及第一季度工作计划`` plans for the
first quarter of 2024).

``find_mentions`` finds the period words of a text (years, halves, quarters, month runs,
relative years such as 今年/上年, five-year plans) and gives each a *role* from its context:

========== =========================================================================
role       context
========== =========================================================================
opening    the paragraph opens with it, then a comma or the subject: ``2024年，在县委…``, ``2024年全镇…``
report     ``现将2024年…总结如下`` — the report naming its own period
statement  ``2026年是…之年``
comparison ``较2024年``, ``比上年``, ``2024年同期``, ``与2024年相比``
baseline   ``在2025年基础上``, ``以2020年为基期``
target     ``到2030年``, ``力争2026年``, ``2026年前``
history    ``2019年以来``, ``自2019年``
asof       ``截至2024年底``
span       one end of ``2021—2025年`` / ``2021年至2025年``
from / to  ``由2020年的…提高到2022年的…``
date       a point inside a year: ``2024年12月``, ``2024年底(前)``, ``于2019年``
plain      anything else (the subject or a modifier: ``2024年新建…``, ``2024年度``)
========== =========================================================================

Rules act only on the roles whose meaning is unambiguous for their check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reportlint.document import Block
from reportlint.facts.scan import capture_led
from reportlint.numerals import cn_to_int
from reportlint.outline import Heading, Outline, Section
from reportlint.prefilter import led

# ------------------------------------------------------------------------------------ periods


@dataclass(frozen=True, slots=True)
class Period:
    year: int | None  # first year; None = unknown (a placeholder, or a quarter named without its year)
    first: int = 1  # first month (1–12) of the first year
    last: int = 12  # last month (1–12) of the last year
    years: int = 1  # calendar years covered (5 for a five-year plan)

    # ---- arithmetic on absolute months (year * 12 + month - 1)
    @property
    def start(self) -> int | None:
        return None if self.year is None else self.year * 12 + self.first - 1

    @property
    def end(self) -> int | None:
        return None if self.year is None else (self.year + self.years - 1) * 12 + self.last - 1

    @property
    def last_year(self) -> int | None:
        return None if self.year is None else self.year + self.years - 1

    @property
    def is_full_year(self) -> bool:
        return self.years == 1 and self.first == 1 and self.last == 12

    @property
    def granularity(self) -> str:
        if self.years > 1:
            return "years"
        if (self.first, self.last) == (1, 12):
            return "year"
        if (self.first, self.last) in ((1, 6), (7, 12)):
            return "half"
        if self.last - self.first == 2 and self.first % 3 == 1:
            return "quarter"
        return "months"

    def with_year(self, year: int | None) -> Period:
        return Period(year, self.first, self.last, self.years)

    def overlaps(self, other: Period) -> bool | None:
        """Whether the two periods share a month; None when a year is unknown."""
        if self.start is None or other.start is None:
            return None
        return self.start <= other.end and other.start <= self.end  # type: ignore[operator]

    def disjoint(self, other: Period) -> bool:
        """True only when both periods are known and share no month."""
        return self.overlaps(other) is False

    def label(self, lang: str = "zh", with_year: bool = True) -> str:
        return period_label(self, lang, with_year)


def period_label(p: Period, lang: str = "zh", with_year: bool = True) -> str:
    zh_year = f"{p.year}年" if (with_year and p.year is not None) else ""
    en_year = f"{p.year}" if (with_year and p.year is not None) else ""
    g = p.granularity
    if g == "years":
        if p.year is None:
            return "多年" if lang == "zh" else "several years"
        return f"{p.year}—{p.last_year}年" if lang == "zh" else f"{p.year}–{p.last_year}"
    if g == "year":
        return (zh_year or "全年") if lang == "zh" else (en_year or "the year")
    if g == "half":
        zh = "上半年" if p.first == 1 else "下半年"
        en = "the first half" if p.first == 1 else "the second half"
        return zh_year + zh if lang == "zh" else (f"{en} of {en_year}" if en_year else en)
    if g == "quarter":
        q = (p.first - 1) // 3 + 1
        zh = f"第{'一二三四'[q - 1]}季度"
        return zh_year + zh if lang == "zh" else (f"Q{q} {en_year}".strip())
    zh = f"{p.first}至{p.last}月"
    en = f"months {p.first}–{p.last}"
    return zh_year + zh if lang == "zh" else (f"{en} of {en_year}" if en_year else en)


def following(p: Period) -> Period | None:
    """The period right after ``p`` at the same grain (Q4 → Q1 of the next year); None if unknown."""
    g = p.granularity
    if g == "years":
        return None
    if g == "year":
        return Period(None if p.year is None else p.year + 1)
    if g in ("half", "quarter"):
        size = p.last - p.first + 1
        if p.last == 12:
            return Period(None if p.year is None else p.year + 1, 1, size)
        return Period(p.year, p.last + 1, p.last + size)
    # a cumulative run 1至9月: the rest of the year
    if p.last == 12:
        return Period(None if p.year is None else p.year + 1)
    return Period(p.year, p.last + 1, 12)


def plan_follows(summary: Period, plan: Period) -> bool | None:
    """Whether ``plan`` is a period that may follow ``summary``; None when it can't be told.

    A plan starts the month after the summary ends. A summary of a cumulative run from January
    (``1至10月``, ``上半年``, ``前三季度``) may also be followed by the next year's plan: annual
    reports are often written in November with data to October.
    """
    if summary.year is not None and plan.year is not None:
        after = summary.end + 1  # type: ignore[operator]
        if plan.start == after:
            return True
        if summary.years == 1 and summary.first == 1 and summary.last < 12:
            return after <= plan.start <= (summary.year + 1) * 12  # type: ignore[operator]
        return False
    if summary.years == 1 and plan.years == 1 and plan.granularity != "year" and summary.granularity != "year":
        # months only: 第三季度 … 第四季度
        if plan.first == summary.last % 12 + 1:
            return True
        if summary.first == 1 and summary.last < 12 and plan.first > summary.last:
            return True
        return False
    return None


# ------------------------------------------------------------------------------------ patterns

_CN_DIGIT = "〇○零一二三四五六七八九"
_YEAR = (
    r"(?:(?P<ay>(?<![\d.．])(?:19|20)\d{2})"
    rf"|(?P<cy>(?<![{_CN_DIGIT}十])[{_CN_DIGIT}]{{4}})"
    r"|(?P<ph>(?<![A-Za-z0-9])(?:19|20|二〇|二零)?[xXｘＸ×]{2,4}))"
    r"\s*年(?P<du>度)?"
)
# (the look-behind on the character before the year sits after its first two digits, so the regex
# opens with 19|20: the engine skips straight to a 1 or a 2)
_SPAN = re.compile(
    r"(?P<y1>(?:19|20)(?<![\d.．]..)\d{2})\s*(?:年度?)?\s*(?:[-—–~～至到]+|－)\s*(?P<y2>(?:19|20)\d{2})\s*年(?:度)?"
)
_NUM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_SUB = (
    r"(?P<half>[上下]半年度?)"
    r"|(?P<qfirst>前(?P<qn>[一二三1-3])(?:个)?季度)"
    r"|(?P<quarter>第?(?P<q>[一二三四1-4１-４])季度)"
    r"|(?P<qlatin>(?<![A-Za-z])Q(?P<ql>[1-4])(?![\d]))"
    rf"|(?P<months>(?P<m1>{_NUM})\s*(?:月份?)?\s*(?:[-—–~～至到]|－)\s*(?P<m2>{_NUM})\s*月份?)"
)
_RELATIVE = r"(?P<rel>今年|本年度?|明年|来年|下一?年度?|去年|上一?年度?|前年)"
_FIVE = r"(?P<fyq>[“\"‘]?)(?P<fy>十[一二三四五六七])五(?P<fyq2>[”\"’]?)"
# every alternative of _TOKEN starts with one of these characters: led by them (facts.scan), the
# engine skips every other position at C speed
_TOKEN_FIRST = "0-9１-４〇○零一二三四五六七八九十今本明来下去上前第QxXｘＸ×“\"‘"
_X = "xXｘＸ×"
_Q4 = "一二三四1-4１-４"
# what the text at a match's start must hold, alternative by alternative (each opens with a literal
# or a class, which the engine tests against the first character before trying the rest): most
# numerals (一些, 三农, 2.5万) fail here and never reach the alternatives and their look-behinds
_TOKEN_PRE = "|".join(
    [
        r"19\d\d\s*年", r"20\d\d\s*年", rf"[{_CN_DIGIT}][{_CN_DIGIT}]{{3}}\s*年",  # ay, cy
        rf"[{_X}][{_X}]", rf"19[{_X}]", rf"20[{_X}]", rf"二[〇零][{_X}]",  # ph
        r"[今本明来去前]年", r"[上下]一?年",  # rel
        r"[上下]半", r"前[一二三1-3]", rf"第[{_Q4}]", rf"[{_Q4}]季", r"Q[1-4]",  # half, qfirst, quarter, qlatin
        rf"(?:{_NUM})\s*(?:月份?)?\s*(?:[-—–~～至到]|－)",  # months, up to its separator
        r"[“\"‘]十[一二三四五六七]五", r"十[一二三四五六七]五",  # fy
    ]
)
_TOKEN = capture_led(_TOKEN_FIRST, rf"{_YEAR}|{_RELATIVE}|(?P<sub>{_SUB})|{_FIVE}", _TOKEN_PRE)
_SUB_RE = re.compile(rf"\s*(?:{_SUB})")

# Every match of _SPAN and _TOKEN holds an *anchor*: 年 (years, relative years, halves, spans),
# 季 (quarters), 月 (month runs), 五 (five-year plans) or Q (Q1–Q4); and before its first anchor
# only *leading* characters: decimal digits (\d), whitespace (\s) and these: numerals,
# placeholders, the words before 年/季 (今本明来上下前第半个), quotes, the separators of a range.
# No match starts on 年, 季 or 月: one of them not after a leading character anchors none (全年,
# 年度, 四季, 岁月: most of them), and _ANCHOR leaves it out at C speed.
_LEADING_CHARS = "〇○零一二三四六七八九十xXｘＸ×今本明来下去上前第半个“\"‘-—–~～至到－"
_LEADING = frozenset(_LEADING_CHARS)
_ANCHOR = re.compile(rf"[年季月五Q](?<![^{re.escape(_LEADING_CHARS)}\d\s][年季月])")
# the characters a match of _TOKEN starts with (_TOKEN_FIRST spelt out), and one of _SPAN
_TOKEN_STARTS = frozenset("0123456789１２３４〇○零一二三四五六七八九十今本明来下去上前第QxXｘＸ×“\"‘")
_SPAN_STARTS = frozenset("12")


def _anchored_scan(
    pattern: re.Pattern[str], starts: frozenset[str], text: str, begin: int, anchors: list[int], end: str | int = 0
) -> Iterator[re.Match[str]]:
    """The matches ``pattern`` finds in ``text`` from ``begin`` when each search starts where the
    last match ended (as finditer; ``end``: the group whose end that is), for a pattern whose
    matches hold an anchor as above and start with one of ``starts``; ``anchors``: the positions
    of _ANCHOR's matches from ``begin`` (or of those the pattern's matches can hold), in order.

    A match starts in the run of leading characters right before its first anchor, or on the
    anchor: the pattern is tried only there (``match``, which sees the text before its position
    as ``search`` does), in order, and not at the other positions of the text. The walk back over
    a run stops at an anchor (no leading character) or the last match's end: no character is
    walked over twice.
    """
    pos = begin
    match = pattern.match
    for f in anchors:
        if f >= pos:
            s = f
            while s > pos and ((c := text[s - 1]) in _LEADING or c.isdecimal() or c.isspace()):
                s -= 1
            while s <= f:
                if text[s] in starts and (m := match(text, s)) is not None:
                    yield m
                    pos = m.end(end)
                    break
                s += 1


_CN_NUMERAL = re.compile(r"[一二三四五六七八九十百千万]")
_FIVE_CONTEXT = re.compile(r"^(?:规划|计划|时期|期间|以来|开局|收官|末|初|中期|发展|目标|前|期|的|之)")
_MONTH_AFTER = re.compile(r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月(?!\s*[-—–~～至到])|^(?:年)?[初中底末]|^(?:元旦|春节|夏季|秋季|冬季|春季)")

_CMP_BEFORE = re.compile(r"(?:较|比|同比|环比|相比|对比|相较|高于|低于|超过|多于|少于|好于|快于|慢于|对照|与|同|和)\s*$")
_CMP_AFTER = re.compile(r"^(?:同期|同比|相比|相较|持平|末相比|底相比|水平|的水平|底的水平|末的水平|数据)")
_CMP_WITH = re.compile(r"^[^，。；,;]{0,20}?(?:相比|相较|持平|比较)")
_BASE_BEFORE = re.compile(r"(?:在|以|基于)\s*$")
_BASE_AFTER = re.compile(r"^(?:的|底的|末的)?(?:基础上|为基[期数准]|为起点|为基础)")
_TARGET_BEFORE = re.compile(r"(?:到|至|力争|争取|确保|计划|预计|预期|目标|力求|要在|将在|拟)\s*$")
_TARGET_AFTER = re.compile(r"^(?:底前|末前|年底前|前|以前|之前)")
_HISTORY_BEFORE = re.compile(r"(?:自|从|自从|早在|始于|源于|起于)\s*$")
_HISTORY_AFTER = re.compile(r"^(?:以来|来|起|开始|至今|以后|之后|后)")
_ASOF_BEFORE = re.compile(r"(?:截至|截止|截止到|截至到|截止至)\s*(?:目前|\s*)$")
_FROM_BEFORE = re.compile(r"(?:由|从)\s*$")
_TO_BEFORE = re.compile(r"(?:到|至)\s*$")
_OF_AFTER = re.compile(r"^的")
_OPENING_PREFIX = re.compile(  # nothing before but a list marker: （一）, 1., 一是, 第一，, 首先
    r"^[\s\u3000]*(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*)?"
    r"(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]|首先[，,]?|其次[，,]?|同时[，,]?)?\s*$"
)
# after an opening year: a comma, or straight on to the subject (2024年全镇…, 2024年在县委…)
_OPENING_AFTER = re.compile(
    r"^\s*[，,]|^\s*(?:我镇|我乡|我街道|我局|我委|我们|全镇|全乡|全街道|全县|全区|全局|镇党委|镇政府|在(?!.{0,3}基础))"
)
_STATEMENT_AFTER = re.compile(r"^\s*(?:既|也|又|还)?是")
_REPORT_BEFORE = re.compile(r"现将\s*(?:[\u4e00-\u9fff]{0,12}?)$")
_REPORT_AFTER = re.compile(r"^[^。；;]{0,40}?(?:总结|汇报|报告|述职)(?:如下|于后)")


@dataclass(slots=True)
class Mention:
    """A period word in a block: what it says, where, and the role its context gives it."""

    block: Block
    start: int
    end: int
    text: str
    period: Period | None  # None: a placeholder year, a relative word, or an unknown ordinal
    kind: str  # "year" | "sub" | "relative" | "five-year" | "span"
    role: str
    placeholder: bool = False
    relative: str | None = None  # the relative word (今年, 上年 …) when kind == "relative"
    five_year: int | None = None  # n of the n-th five-year plan ("十四五" → 14)


def _sub_months(m: re.Match[str]) -> tuple[int, int] | None:
    half, qfirst, quarter, qlatin, months = m.group("half", "qfirst", "quarter", "qlatin", "months")
    if half:
        return (1, 6) if half.startswith("上") else (7, 12)
    if qfirst:
        n = _int(m.group("qn"))
        return (1, 3 * n) if n else None
    if quarter or qlatin:
        n = _int(m.group("q") or m.group("ql"))
        return (3 * n - 2, 3 * n) if n and 1 <= n <= 4 else None
    if months:
        a, b = _int(m.group("m1")), _int(m.group("m2"))
        if a and b and 1 <= a < b <= 12:
            return (a, b)
    return None


_FULLWIDTH = str.maketrans("１２３４", "1234")


def _int(s: str | None) -> int | None:
    if not s:
        return None
    s = s.translate(_FULLWIDTH)
    if s.isdigit():
        return int(s)
    return cn_to_int(s)


# Every role but "plain" needs a context word next to the mention: a match of one of the patterns
# above right after it (matched at the start of ``after``) or right before it (each pattern ends
# in ``$``; searched in the 12 characters before, 16 for 现将…). Joined, one match (led by the
# characters those words start with) and one search tell the plain mentions (2024年新建…, the
# most common) from the others, which go on through the patterns one by one. A hit in the 12
# characters before is one in the 16 before: the patterns look at nothing before their matches.
_ROLE_AFTER = led(
    "|".join(
        f"(?:{r.pattern})"
        for r in (_MONTH_AFTER, _CMP_AFTER, _BASE_AFTER, _HISTORY_AFTER, _TARGET_AFTER, _OPENING_AFTER, _STATEMENT_AFTER)
    )
)
_DATE_BEFORE = re.compile(r"于\s*$")
_ROLE_BEFORE = led(
    "|".join(
        f"(?:{r.pattern})"
        for r in (
            _CMP_BEFORE, _BASE_BEFORE, _ASOF_BEFORE, _FROM_BEFORE, _TO_BEFORE, _HISTORY_BEFORE, _TARGET_BEFORE,
            _DATE_BEFORE, _REPORT_BEFORE,
        )
    )
)


def _role(text: str, start: int, end: int, kind: str, begin: int = 0) -> str:
    after = text[end : end + 24]
    if _ROLE_AFTER.match(after) is None and _ROLE_BEFORE.search(text[max(begin, start - 16) : start]) is None:
        return "plain"  # no context word on either side (see _ROLE_AFTER)
    return _context_role(text, start, end, kind, begin)


def _context_role(text: str, start: int, end: int, kind: str, begin: int = 0) -> str:
    """The role of a mention by the patterns one by one (``_role`` without its shortcut)."""
    before = text[max(begin, start - 12) : start]
    after = text[end : end + 24]
    # the line up to the mention, bounded: slicing all of it made a long line quadratic (issue 7)
    line_before = text[max(begin, start - 256) : start]
    if kind == "year" and _MONTH_AFTER.match(after):
        if _ASOF_BEFORE.search(before):
            return "asof"
        if _HISTORY_BEFORE.search(before) or re.match(r"^[^，。；,;]{0,12}?(?:以来|起)", after):
            return "history"
        return "date"
    if _CMP_AFTER.match(after):
        return "comparison"
    if _CMP_BEFORE.search(before) and (not re.search(r"[与同和]\s*$", before) or _CMP_WITH.match(after)):
        return "comparison"
    if _BASE_AFTER.match(after) or (_BASE_BEFORE.search(before) and re.match(r"^[^，。；,;]{0,8}?(?:基础上|为基)", after)):
        return "baseline"
    if _ASOF_BEFORE.search(before):
        return "asof"
    if _FROM_BEFORE.search(before) and _OF_AFTER.match(after):
        return "from"
    if _TO_BEFORE.search(before) and _OF_AFTER.match(after):
        return "to"
    if _HISTORY_AFTER.match(after) or _HISTORY_BEFORE.search(before):
        return "history"
    if _TARGET_BEFORE.search(before) or _TARGET_AFTER.match(after):
        return "target"
    if _DATE_BEFORE.search(before):
        return "date"
    if _REPORT_BEFORE.search(line_before[-16:]) and _REPORT_AFTER.match(after):
        # 现将2025年工作总结及2026年工作计划报告如下: the year before 总结 is the summary's; one
        # followed by 计划 first is the plan's
        first = re.search(r"总结|工作情况|完成情况|推进情况|开展情况|计划|打算|思路|谋划|要点|安排", after)
        if first is None or first.group(0) not in ("计划", "打算", "思路", "谋划", "要点", "安排"):
            return "report"
        return "plain"
    if (
        _OPENING_PREFIX.match(line_before)
        and (start - begin <= 256 or text[begin : start - 256].isspace())
        and _OPENING_AFTER.match(after)
    ):
        return "opening"
    if _STATEMENT_AFTER.match(after):
        return "statement"
    return "plain"


def _no_role(text: str, start: int, end: int, kind: str, begin: int = 0) -> str:
    return ""


# the n of each 十n五 _FIVE matches (its group "fy", 十一 … 十七): cn_to_int(fy) or 0, looked up
_FIVE_YEAR_N = {fy: cn_to_int(fy) or 0 for fy in (f"十{d}" for d in "一二三四五六七")}
_SPAN_SEPARATORS = "-—–~～至到－"  # _SPAN's characters between its years (before the second one)


def _may_end_span(text: str, anchors: list[int]) -> bool:
    """Can a match of _SPAN end at one of ``anchors`` (the text's anchors from where _SPAN is
    searched)? Every match ends ``<separator>\\s*(?:19|20)\\d{2}\\s*年`` (and 度 perhaps), and its
    last 年 follows a digit or a space: an anchor. False for most paragraphs, told by a look at the
    few characters before each 年 instead of a regex scan over the whole text."""
    for f in anchors:
        if text[f] != "年":
            continue
        g = f
        while g > 0 and text[g - 1].isspace():
            g -= 1
        if g < 4 or text[g - 4 : g - 2] not in ("19", "20") or not (text[g - 2].isdecimal() and text[g - 1].isdecimal()):
            continue
        g -= 4
        while g > 0 and text[g - 1].isspace():
            g -= 1
        if g > 0 and text[g - 1] in _SPAN_SEPARATORS:
            return True
    return False


def find_mentions(block: Block, begin: int = 0, stop: int | None = None, *, roles: bool = True) -> list[Mention]:
    """The period mentions in ``block.text[begin:stop]`` with their roles (``roles=False``: every
    role "", for a caller that reads none: the title's segments)."""
    text = block.text if stop is None else block.text[:stop]
    first = _ANCHOR.search(text, begin)
    if first is None:
        return []  # no period word (most blocks): decided at C speed
    role_of = _role if roles else _no_role
    anchors = [a.start() for a in _ANCHOR.finditer(text, first.start())]
    out: list[Mention] = []
    spans: list[tuple[int, int]] = []
    # a span opens with a literal 19 or 20, which re skips to at C speed: finditer (the scan
    # _anchored_scan stands for) costs less than the walk over the anchors, but still ~5 us on a
    # paragraph; its last 年 is an anchor, which _may_end_span tells first
    for m in _SPAN.finditer(text, begin) if _may_end_span(text, anchors) else ():
        y1, y2 = int(m.group("y1")), int(m.group("y2"))
        if y1 < y2:
            p = Period(y1, 1, 12, y2 - y1 + 1)
            out.append(Mention(block, m.start(), m.end(), m.group(0), p, "span", "span"))
            spans.append((m.start(), m.end()))
    consumed = begin
    for m in _anchored_scan(_TOKEN, _TOKEN_STARTS, text, begin, anchors, "all"):
        s, e = m.span("all")  # the token's span (see facts.scan)
        if s < consumed or (spans and any(a <= s < b for a, b in spans)):
            continue
        token_end = e
        ay, cy, ph, rel, sub_word, fy = m.group("ay", "cy", "ph", "rel", "sub", "fy")
        sub = _sub_months(m) if sub_word else None
        if ay or cy or ph or rel:
            sm = _SUB_RE.match(text, e)
            if sm and (months := _sub_months(sm)):
                sub, e = months, sm.end()
        consumed = e
        if fy:
            quoted = bool(m.group("fyq")) or bool(m.group("fyq2"))
            after = text[token_end : token_end + 4]
            before = text[max(0, s - 1) : s]
            if _CN_NUMERAL.match(before):
                continue  # 三十四五岁
            if not (quoted or _FIVE_CONTEXT.match(after)):
                continue
            n = _FIVE_YEAR_N[fy]  # 十四五 → 十四 → 14; its years are calendar data
            role = role_of(text, s, e, "five-year", begin)
            out.append(Mention(block, s, e, text[s:e], None, "five-year", role, five_year=n))
            continue
        if ay or cy or ph:
            placeholder = bool(ph)
            year = None
            if ay:
                year = int(ay)
            elif cy:
                v = cn_to_int(cy.replace("○", "〇"))
                if not v or not 1900 < v < 2200:
                    continue
                year = v
            first, last = sub or (1, 12)
            p = Period(year, first, last)
            out.append(
                Mention(block, s, e, text[s:e], p, "year", role_of(text, s, e, "year", begin), placeholder=placeholder)
            )
            continue
        if rel:
            first, last = sub or (1, 12)
            out.append(
                Mention(
                    block, s, e, text[s:e], Period(None, first, last), "relative",
                    role_of(text, s, e, "relative", begin), relative=rel,
                )
            )
            continue
        if sub_word and sub:
            out.append(Mention(block, s, e, text[s:e], Period(None, *sub), "sub", role_of(text, s, e, "sub", begin)))
    out.sort(key=lambda x: x.start)
    return out


# ------------------------------------------------------------------------------------ title

_SUMMARY_WORDS = re.compile(r"总结|回顾|工作情况|完成情况|推进情况|进展情况|开展情况|落实情况|汇报|述职|报告")
_PLAN_WORDS = re.compile(r"计划|打算|思路|谋划|要点|安排|规划|设想|重点工作|目标任务")
_NEXT_QUARTER = re.compile(r"下一?个?季度")
_NEXT_YEAR = re.compile(r"明年|来年|下一年度?")


@dataclass(slots=True)
class TitlePeriods:
    """The report's own periods as its title states them."""

    title: str | None = None
    summary: Period | None = None  # None: the title names no summary period
    plan: Period | None = None  # None: the title names no plan period (or 下一步 only)
    summary_span: tuple[int, int] | None = None  # offsets in the title of the summary's period words
    plan_span: tuple[int, int] | None = None
    plan_year_inferred: bool = False  # the plan's year comes from the summary's (第四季度 … 第一季度)
    summary_placeholder: bool = False  # xxxx年: that part of the model stays unknown
    plan_placeholder: bool = False
    summary_five_year: int | None = None  # n when the title reviews the n-th five-year plan (“十四五”工作总结)

    @property
    def expected_plan(self) -> Period | None:
        """The plan period the title names, else the period after the summary."""
        if self.plan is not None:
            return self.plan
        if self.summary is not None and self.summary.year is not None:
            return following(self.summary)
        return None


def _segment_mentions(segment: str) -> list[Mention]:
    """The period mentions of a title segment (their roles are not read)."""
    return find_mentions(Block(0, segment, 0), roles=False)


def _segment_period(
    segment: str, offset: int, found: list[Mention] | None = None
) -> tuple[Period | None, tuple[int, int] | None, bool, bool]:
    """(period, span, placeholder, has_year) of a title segment (``found``: its mentions, when
    the caller has them already)."""
    mentions = [m for m in (_segment_mentions(segment) if found is None else found) if m.kind != "relative"]
    if not mentions:
        if "年度" in segment or "全年" in segment:
            return Period(None), None, False, False  # 年度工作总结: a year, which one unknown
        return None, None, False, False
    spans = [m for m in mentions if m.kind == "span"]
    fives = [m for m in mentions if m.kind == "five-year"]
    if spans:
        m = spans[-1]
        return m.period, (m.start + offset, m.end + offset), False, True
    years = [m for m in mentions if m.kind == "year"]
    subs = [m for m in mentions if m.kind == "sub"]
    if years:
        y = years[-1]
        p = y.period
        end = y.end
        if p is not None and p.is_full_year:
            after = [s for s in subs if s.start >= y.end]
            if after:
                p = Period(p.year, after[0].period.first, after[0].period.last)  # type: ignore[union-attr]
                end = after[0].end
        return p, (y.start + offset, end + offset), y.placeholder, True
    if fives:  # a five-year review: its years are calendar data, resolved by the rules
        m = fives[-1]
        return None, (m.start + offset, m.end + offset), False, True
    if subs:
        s = subs[0]
        return s.period, (s.start + offset, s.end + offset), False, False
    return None, None, False, False


def title_periods(title: str | None) -> TitlePeriods:
    if not title:
        return TitlePeriods()
    out = TitlePeriods(title=title)
    summary = _SUMMARY_WORDS.search(title)
    plan = _PLAN_WORDS.search(title, summary.end() if summary else 0)
    if plan and summary is None:
        # a plan on its own: 2026年工作要点
        p, span, ph, _ = _segment_period(title[: plan.start()], 0)
        out.plan, out.plan_span, out.plan_placeholder = (None if ph else p), span, ph
        return out
    if summary is None:
        return out
    if summary.group(0) == "报告" and re.search(r"(?:政府|党委|党工委|人大|人大常委会|代表大会)工作$", title[: summary.start()]):
        # 2021年政府工作报告: the year of the session, which reviews the year before and plans
        # its own — which is which is not for the title to say
        return out
    before = _segment_mentions(title[: summary.start()])
    p, span, ph, _ = _segment_period(title[: summary.start()], 0, before)
    fives = [m for m in before if m.kind == "five-year"]
    if fives and p is None:
        out.summary_five_year = fives[-1].five_year
    if ph:
        out.summary_placeholder = True
        out.summary_span = span
    else:
        out.summary, out.summary_span = p, span
    if not plan:
        return out
    seg_start = summary.end()
    segment = title[seg_start : plan.start()]
    p, span, ph, has_year = _segment_period(segment, seg_start)
    if ph:
        out.plan_placeholder = True
        out.plan_span = span
        return out
    s = out.summary
    if p is None:
        rel = _NEXT_YEAR.search(segment)
        if rel and s is not None and s.year is not None and s.is_full_year:
            p, span = Period(s.year + 1), (rel.start() + seg_start, rel.end() + seg_start)
        elif _NEXT_QUARTER.search(segment) and s is not None and s.granularity == "quarter":
            p = following(s)
            q = _NEXT_QUARTER.search(segment)
            span = (q.start() + seg_start, q.end() + seg_start)  # type: ignore[union-attr]
        if p is None:
            return out
    elif not has_year and p.year is None and p.is_full_year:
        return out  # 及全年工作打算 / 及年度工作计划: which year is not said
    elif not has_year and p.year is None and p.years == 1:
        # 第四季度 / 下半年 without a year: the summary's year, or the next one when the months wrap
        if s is not None and s.year is not None:
            year = s.last_year if p.first > s.last else s.last_year + 1  # type: ignore[operator]
            p = p.with_year(year)
            out.plan_year_inferred = True
    out.plan, out.plan_span = p, span
    return out


# ------------------------------------------------------------------------------------ facts


@dataclass(slots=True)
class LocatedMention:
    """A mention with the place in the outline it comes from."""

    mention: Mention
    where: str  # "preamble" | "heading" | "body"
    section: Section | None  # None for the preamble
    paragraph_index: int  # index of the paragraph within its section (or preamble); -1 for a heading


class PeriodFacts:
    """The title's periods and every located mention, indexed by block."""

    def __init__(self, title: TitlePeriods, mentions: list[LocatedMention]):
        self.title = title
        self.mentions = mentions
        self._by_block: dict[int, list[LocatedMention]] = {}
        for lm in mentions:
            self._by_block.setdefault(id(lm.mention.block), []).append(lm)

    def in_block(self, block: Block) -> list[LocatedMention]:
        """The mentions of one block (heading sentence and body alike), in order."""
        return self._by_block.get(id(block), [])


_SENTENCE_END = re.compile(r"[。！？!?；;]")


def heading_title_range(heading: Heading) -> tuple[int, int]:
    """Offsets of a heading's title (its first sentence) in its block."""
    text = heading.block.text
    start = heading.end
    end_m = _SENTENCE_END.search(text, start)
    return start, end_m.start() if end_m else len(text)


def extract_periods(outline: Outline) -> PeriodFacts:
    title = title_periods(outline.title_text)
    found: list[LocatedMention] = []
    for i, para in enumerate(outline.preamble):
        for m in find_mentions(para.block, para.offset):
            found.append(LocatedMention(m, "preamble", None, i))
    for section in outline.walk():
        h = section.heading
        a, b = heading_title_range(h)
        for m in find_mentions(h.block, a, b):
            found.append(LocatedMention(m, "heading", section, -1))
        for i, para in enumerate(section.paragraphs):
            for m in find_mentions(para.block, para.offset):
                found.append(LocatedMention(m, "body", section, i))
    return PeriodFacts(title, found)
