"""Quantities: every number of a document with its printed form, unit and interval.

A printed value stands for everything that rounds to it at its printed precision: ``97.4%`` is
[97.35, 97.45], ``3.2万亩`` is [3.15, 3.25] 万亩. Counts printed as integers without a multiplier
(``128起``) are exact. Approximation words widen or open the interval (``1800余吨`` = [1800, ∞),
``近3.5万元`` = [0, 3.5万], ``约50人`` = 50 ± 10%); a range (``3至5个``, ``63%~68%``) spans both
ends. Values are ``Decimal`` in the base unit of the unit's family (亿元 → 元, 公里 → 米, 亩 →
平方米), percentages in percent.

Numbers that are parts of names, dates or codes (``S205省道``, ``10千伏``, ``4A级``, ``2025年``,
``1月5日``, ``第3季度``, ``“十四五”``, ``〔2025〕12号``) are not quantities: the ruleset's
``not_quantities`` patterns say which. Number-like spans that cannot be read (``xx.x%``, a lost
decimal point ``5 9亿元``) are kept as ``unparsed``.

``Facts.quantities`` extracts them once per document, with the ``[arithmetic]`` data of the
document's ruleset, on first use.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from reportlint.document import Block, Document
from reportlint.facts.fastalt import open_alternatives
from reportlint.facts.scan import capture_led
from reportlint.frozen import by_identity
from reportlint.numerals import cn_to_int
from reportlint.prefilter import led

if TYPE_CHECKING:  # schema types only: rules read frozen records (reportlint.frozen)
    from reportlint.data.arithmetic import ArithmeticData

HUNDRED = Decimal(100)
ZERO = Decimal(0)
_ONE = Decimal(1)

# thousands separators: 1,234 and 1，234 (a full-width comma only after one or two digits:
# "120，150，180户" is more likely a list than 120 million)
_ARABIC = r"\d{1,3}(?:,\d{3}(?!\d))+(?:\.\d+)?|\d{1,2}(?:，\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千万亿]+"
_RANGE_SEP = r"[ \t]*(?:至|到|~|～|-|－|—|–|—)[ \t]*"
# a number whose decimal point was lost: "5 9亿元", "108 3%"
_LOST_POINT = re.compile(r"(?<![\d.,，A-Za-z])(\d{1,3})[ \t](\d{1,2})(?=(?:万亿|亿|万|%|％|个百分点))")
# placeholders standing for digits next to a unit: xx.xx%, x万元, ×××亩 (P rules report them)
# (written to start with a character class, which the engine skips to directly: the first character
# is a digit or an x not after a letter, digit or dot, and an x itself or followed by one)
_PLACEHOLDER_UNIT = r"(?:%|％|万|亿|千|元|人|户|个|家|亩|吨|公里|米|起|件|所|座|项|名|场|次)"
_PLACEHOLDER_NUM = re.compile(
    r"[\dxX×ｘＸ](?<![A-Za-z\d.].)(?:(?<=[xX×ｘＸ])|(?=[\d.]*[xX×ｘＸ]))[\dxX×ｘＸ]*(?:\.[\dxX×ｘＸ]+)?"
    rf"(?=[ \t]*{_PLACEHOLDER_UNIT})"
)
# what every match of _PLACEHOLDER_NUM holds: an x (the first character, or one the look-ahead after
# it finds before anything but digits and dots, so inside the match: the unit must follow the match)
# followed by the rest of the match, of digits, x's and dots only, and the unit. Led by the x, it
# skips at C speed the blocks whose x's are not placeholders (xx镇, GEP) that the full scan, led by
# every digit, would try at each number.
_PLACEHOLDER_GATE = re.compile(rf"[xX×ｘＸ][\dxX×ｘＸ.]*[ \t]*{_PLACEHOLDER_UNIT}")
_X = "xX×ｘＸ"
_CN_DIGITS = frozenset("零〇一二两三四五六七八九")
_HAS_NUMBER = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿]")
_NO_UNIT: tuple[None, Decimal, bool] = (None, _ONE, False)  # family, factor, discrete of no unit
_HEADING_NUM = re.compile(r"^[ \t　]*(\d{1,3})[ \t]*[.．、)）](?!\d)")


class Quantity:
    """One number as printed, with its unit and the interval of values it stands for.

    The Decimal values (``value``, ``lo``, ``hi``) are computed on first use: most numbers of a
    report never take part in a relation.
    """

    __slots__ = (
        "block", "start", "end", "text", "number", "unit", "family", "decimals", "approx", "chinese",
        "_mult", "_factor", "_exact", "_widen", "_value", "_lo", "_hi", "_ready",
    )

    def __init__(
        self,
        block: Block,
        start: int,
        end: int,
        text: str,
        number: str,
        unit: str = "",
        family: str | None = None,
        decimals: int = 0,
        approx: str | None = None,
        chinese: bool = False,
        mult: Decimal = Decimal(1),
        factor: Decimal = Decimal(1),
        exact: bool = False,
        widen: Decimal = Decimal(0),
    ):
        self.block = block
        self.start = start  # offsets in block.text
        self.end = end
        self.text = text  # the printed form, e.g. "4.2亿元", "97.4%", "1800余吨"
        self.number = number  # the printed number, e.g. "4.2", "三千五百"
        self.unit = unit  # the printed unit or measure word ("" when none)
        self.family = family
        self.decimals = decimals
        self.approx = approx  # about | min | max | range
        self.chinese = chinese
        self._mult = mult
        self._factor = factor
        self._exact = exact
        self._widen = widen
        self._value: Decimal | None = None
        self._lo: Decimal | None = None
        self._hi: Decimal | None = None
        self._ready = False

    def __repr__(self) -> str:
        return f"Quantity({self.text!r} at {self.start})"

    def _compute(self) -> None:
        scale = self._mult * self._factor
        value = _num_value(self.number) * scale
        lo, hi = _interval(value, self.decimals, scale, self._exact)
        if self.approx:
            lo, hi = _approx(self.approx, lo, hi, self._widen)
        self._value, self._lo, self._hi, self._ready = value, lo, hi, True

    def _set(self, value: Decimal, lo: Decimal | None, hi: Decimal | None) -> None:
        self._value, self._lo, self._hi, self._ready = value, lo, hi, True

    @property
    def value(self) -> Decimal:
        """In the family's base unit (元, 米, 平方米 …); percent for %."""
        if not self._ready:
            self._compute()
        return self._value  # type: ignore[return-value]

    @property
    def lo(self) -> Decimal | None:
        """The lowest value the printed one stands for (None = unbounded)."""
        if not self._ready:
            self._compute()
        return self._lo

    @property
    def hi(self) -> Decimal | None:
        if not self._ready:
            self._compute()
        return self._hi

    @property
    def multiplier(self) -> Decimal:
        return self._mult

    @property
    def is_percent(self) -> bool:
        return self.family == "percent"

    @property
    def is_point(self) -> bool:
        return self.family == "point"

    @property
    def exact(self) -> bool:
        return self.approx is None

    @property
    def scale(self) -> Decimal:
        """How many base units one printed unit stands for (亿元 → 1e8)."""
        return self._mult * self._factor

    @property
    def number_value(self) -> Decimal:
        return _num_value(self.number)


@dataclass(slots=True)
class QuantityFacts:
    quantities: list[Quantity] = field(default_factory=list)
    by_block: dict[int, list[Quantity]] = field(default_factory=dict)  # block index -> in order
    unparsed: list[tuple[Block, int, int, str]] = field(default_factory=list)  # block, start, end, kind
    lost_points: list[tuple[Block, int, int, str]] = field(default_factory=list)  # "5 9亿元"
    counted_in: object = None  # the stats counter "unparsed" was last added to


def _num_value(number: str) -> Decimal:
    if number and (number[0].isdigit()):
        return Decimal(number.replace(",", "").replace("，", ""))
    v = cn_to_int(number)
    return Decimal(v) if v is not None else ZERO


class _Patterns:
    """Regexes compiled once per arithmetic data."""

    def __init__(self, data: ArithmeticData):
        self.data = data
        units = sorted(data.units, key=len, reverse=True)
        mults = sorted(data.multipliers, key=len, reverse=True)
        unit_alt = "|".join(re.escape(u) for u in units) or "(?!)"
        # 千 is not a multiplier before 米 克 伏 瓦 (千米, 千克, 千伏)
        mult_alt = "|".join(re.escape(m) + ("(?![米克伏瓦])" if m.endswith("千") else "") for m in mults) or "(?!)"
        after_alt = "|".join(re.escape(a) for a in sorted(data.approx_after, key=len, reverse=True)) or "(?!)"
        # a token starts at 百 (百分之), a digit or a Chinese numeral: led by that class (facts.scan),
        # the engine skips every other position at C speed; the token is the span of group "all"
        # (the groups, in this order, are what _token_groups unpacks)
        self.token_body = (
            rf"(?P<pct>百分之)?(?:(?P<ar>{_ARABIC})|(?P<cn>{_CN}))"
            rf"(?P<mid>余|多)?(?P<mult>个亿|{mult_alt})?(?P<mid2>余|多)?"
            rf"(?:[ \t]?(?P<unit>{unit_alt}))?(?P<after>{after_alt})?"  # 77.8 % (a space from layout)
        )
        # A Chinese numeral other than 百 (which may open 百分之) followed by no character that
        # could go on with the token (a numeral, 余/多, 个亿, a multiplier, a space, a unit, a word
        # after) is a token of that one character without unit, multiplier or 百分之: _bare, which
        # the token loop drops and searches again from the next character. The pattern does not
        # match there (capture_led's skip): the 一 of 进一步, 三 of 三是, half of all tokens.
        follow = [*data.units, *data.multipliers, *data.approx_after, "个亿", "余", "多", " ", "\t"]
        skip = None
        if all(follow):  # (a word of the data cannot be empty; if it were, anything could follow)
            chars = "".join(sorted({w[0] for w in follow} | set(_CN[1:-2])))
            skip = f"[{_CN[1:-2].replace('百', '')}](?![{re.escape(chars)}])"
        self.token = capture_led(_HAS_NUMBER.pattern[1:-1], self.token_body, skip=skip)
        self.range_sep = re.compile(_RANGE_SEP)
        # led by a lookahead on the characters the patterns can start with, derived from them (a
        # user's pattern may start anywhere): the engine skips every other position fast
        # (rewritten so that re skips at C speed the alternatives that cannot match at a position:
        # facts.fastalt; the same matches as the patterns joined)
        alts = open_alternatives(data.not_quantities)
        self.not_q = led(alts) if alts else re.compile("(?!)")
        self.before_lengths = sorted({len(w) for w in data.approx_before}, reverse=True)
        self.mults = {m: Decimal(v) for m, v in data.multipliers.items()}
        self.units = data.units
        self.factors = {u: Decimal(i.factor) for u, i in data.units.items()}
        self.unit_info = {u: (i.family, self.factors[u], bool(i.discrete)) for u, i in data.units.items()}
        self.before_last = frozenset(w[-1] for w in data.approx_before if w)
        self.before_empty = data.approx_before.get("")  # what no word before a number makes of it
        self.widen = Decimal(data.approx_widen)


_patterns = by_identity(_Patterns)  # one set of compiled patterns per loaded ruleset




class _Cover:
    """Which positions of a text the ``not_quantities`` matches cover, found as far as asked.

    The matches are those of ``finditer`` (non-overlapping, left to right), taken from its iterator
    only until one starts after the position asked about: a block whose numbers all fall away for
    other reasons is never scanned, and the text after the last number that needs the test is not.
    """

    __slots__ = ("_it", "_starts", "_ends", "_frontier")

    def __init__(self, pattern: re.Pattern[str], text: str):
        self._it = pattern.finditer(text)
        self._starts: list[int] = []  # of the non-empty matches, in order (they never overlap)
        self._ends: list[int] = []
        self._frontier = -1  # the start of the last match taken (-1: none yet; None: no more)

    def __call__(self, pos: int) -> bool:
        """Is ``pos`` inside a match?"""
        frontier = self._frontier
        if frontier is not None and frontier <= pos:
            starts, ends, it = self._starts, self._ends, self._it
            for m in it:
                s, e = m.span()
                if e > s:
                    starts.append(s)
                    ends.append(e)
                if s > pos:
                    self._frontier = s
                    break
            else:
                self._frontier = None
        starts = self._starts
        if not starts:
            return False
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < self._ends[k]


def _interval(value: Decimal, decimals: int, step_scale: Decimal, exact: bool) -> tuple[Decimal, Decimal]:
    if exact:
        return value, value
    half = Decimal(5).scaleb(-decimals - 1) * step_scale
    return value - half, value + half


def extract_block(block: Block, pat: _Patterns, facts: QuantityFacts) -> list[Quantity]:
    text = block.text
    if not text or not _HAS_NUMBER.search(text):
        return []
    # the not_quantities matches are found only as far as a number needs the test (_Cover), and
    # the cheaper tests come first: a block of bare numerals (进一步, 三是) is never scanned
    # (gating the alternatives by the block's characters needs a regex per combination: compiling
    # those cost 40-140 ms per new document in a fresh process, more than the gate saved)
    covered = _Cover(pat.not_q, text)
    hm = _HEADING_NUM.match(text)
    heading_end = hm.end(1) if hm else -1
    out: list[Quantity] = []
    n_lost = len(facts.lost_points)
    if " " in text or "\t" in text:  # a lost point leaves a space or a tab
        for m in _LOST_POINT.finditer(text):
            if not covered(m.start()):
                facts.lost_points.append((block, m.start(), m.end(), m.group(0)))
                facts.unparsed.append((block, m.start(), m.end(), "lost-point"))
    if _PLACEHOLDER_GATE.search(text):  # a placeholder number holds an x before its unit
        for m in _PLACEHOLDER_NUM.finditer(text):
            facts.unparsed.append((block, m.start(), m.end(), "placeholder"))
    lost = [(s, e) for b, s, e, _ in facts.lost_points[n_lost:]]
    pos = 0
    n = len(text)
    search = pat.token.search
    while pos < n:
        m = search(text, pos)
        if not m:
            break
        g = m.groups()  # (all, pct, ar, cn, mid, mult, mid2, unit, after): one call, not one per group
        s, pos = m.span(1)
        # (each test below only skips the token, so their order does not matter)
        if s < heading_end:
            continue
        if s > 0:
            c = text[s - 1]
            if c.isdigit() or c == "." or c in _X:
                continue  # the tail of a number or of a placeholder (xx0.9%)
        if lost and any(ls <= s < le for ls, le in lost):
            continue
        cn = g[3]
        if cn and _bare(cn, g[1], g[5], g[7]):
            continue  # _quantity would drop it, leaving no trace
        if covered(s):
            continue
        q = _quantity(block, text, g, s, pos, pat, facts)
        if q is None:
            continue
        # a range: 3至5个, 63%~68%, 5000万元至1亿元
        r = pat.range_sep.match(text, q.end)
        if r and r.end() > r.start():
            m2 = pat.token.match(text, r.end())
            if m2:
                g2 = m2.groups()
                if (g2[2] or g2[3]) and not covered(m2.start(1)):
                    q2 = _quantity(block, text, g2, *m2.span(1), pat, facts)
                    if q2 is not None and (not q.unit or q.family == q2.family):
                        q = _range(q, q2, text, pat)
                        pos = q.end
        out.append(q)
    return out


def _bare(cn: str, pct: str | bool | None, mult: str | None, unit: str | None) -> bool:
    """Is the Chinese numeral ``cn`` no quantity: a scale word (万亩, 千亩, 百亿) or a numeral
    without a unit, a multiplier or 百分之 (the 一 of 进一步)? (``_quantity`` drops those before
    anything else, so the token loop can skip them before the costlier tests.)"""
    if _CN_DIGITS.isdisjoint(cn) and not (cn[0] in "十百千" and len(cn) > 1 or cn == "十"):
        return True
    return not (unit or pct or (mult or "").lstrip("个"))


def _quantity(
    block: Block, text: str, g: tuple[str | None, ...], start: int, end: int, pat: _Patterns, facts: QuantityFacts
) -> Quantity | None:
    """The quantity of a token at ``text[start:end]`` with the groups ``g`` of ``pat.token`` (its
    ``groups()``), or None (a scale word, a bare numeral)."""
    _, pct, ar, cn, mid, mult_s, mid2, unit, after = g
    mult_s = mult_s.lstrip("个") if mult_s else ""  # 4.9个亿 = 4.9亿
    if cn:
        if _bare(cn, pct, mult_s, unit):
            return None
        if cn_to_int(cn) is None:
            facts.unparsed.append((block, start, end, "numeral"))
            return None
        number = cn
        decimals = 0
    else:
        number = ar
        dot = ar.find(".")
        decimals = len(ar) - dot - 1 if dot >= 0 else 0
    if pct:
        unit = "%"
    # a multiplier without a unit ("4.9个亿", "2.8万") is kept
    mult = pat.mults.get(mult_s, _ONE) if mult_s else _ONE
    # (family, factor, discrete) of the unit, looked up once per ruleset
    family, factor, discrete = pat.unit_info.get(unit, _NO_UNIT) if unit else _NO_UNIT
    # a count printed as an integer without multiplier is exact, and so is a Chinese numeral
    exact = bool(cn) or (discrete and decimals == 0 and not mult_s)
    kind = pat.data.approx_after.get(after) if after else None
    if mid or mid2:
        kind = "min"
    if kind is None:
        if start and text[start - 1] in pat.before_last:  # (every word but "" ends with one of them)
            for n in pat.before_lengths:
                kind = pat.data.approx_before.get(text[start - n : start]) if start >= n else None
                if kind:
                    break
        else:
            kind = pat.before_empty
    # (positional arguments: this runs for every number of a document, keywords cost more)
    return Quantity(
        block, start, end, text[start:end], number, unit or "", family, decimals, kind, bool(cn), mult, factor,
        exact, pat.widen,
    )


def _approx(kind: str, lo: Decimal | None, hi: Decimal | None, widen: Decimal):
    if kind == "min":
        return lo, None
    if kind == "max":
        return ZERO, hi
    if kind == "about":
        return (lo * (1 - widen) if lo is not None else None), (hi * (1 + widen) if hi is not None else None)
    return lo, hi


def _range(q1: Quantity, q2: Quantity, text: str, pat: _Patterns) -> Quantity:
    lo = q1.lo
    if not q1.unit and q1.multiplier == 1 and q2.unit:
        # 3至5个, 3至5万元: the first number takes the second's unit and multiplier
        scale = q2.scale
        discrete = pat.units[q2.unit].discrete and q2.multiplier == 1 and q1.decimals == 0
        lo, _ = _interval(_num_value(q1.number) * scale, q1.decimals, scale, discrete)
    q = Quantity(
        q1.block,
        q1.start,
        q2.end,
        text[q1.start : q2.end],
        q2.number,
        unit=q2.unit,
        family=q2.family,
        decimals=q2.decimals,
        approx="range",
        chinese=q2.chinese,
        mult=q2.multiplier,
        factor=q2._factor,
    )
    q._set(q2.value, lo if lo is not None and (q2.lo is None or lo <= q2.lo) else q2.lo, q2.hi)
    return q


def extract_quantities(document: Document, data: ArithmeticData) -> QuantityFacts:
    pat = _patterns(data)
    facts = QuantityFacts()
    for block in document.blocks:
        qs = extract_block(block, pat, facts)
        if qs:
            facts.by_block[block.index] = qs
            facts.quantities.extend(qs)
    return facts
