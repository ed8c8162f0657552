"""What the arithmetic rules share: the quantity facts, interval arithmetic, number display.

Intervals are pairs (lo, hi) of ``Decimal`` with ``None`` for an open end. A relation is reported
only when the computed interval and the stated one cannot overlap (with a tiny slack for the
rounding of the division itself).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache
from typing import TYPE_CHECKING

from reportlint.facts.quantities import HUNDRED, Quantity, QuantityFacts
from reportlint.facts.sentences import Sentence
from reportlint.rules.base import Context

if TYPE_CHECKING:  # schema types only: rules read frozen records (reportlint.frozen)
    from reportlint.data.arithmetic import ArithmeticData


Interval = tuple[Decimal | None, Decimal | None]
_SLACK = Decimal("1e-9")


def data(ctx: Context) -> ArithmeticData:
    return ctx.ruleset.arithmetic


def quantity_facts(ctx: Context) -> QuantityFacts:
    """The document's quantities; the first A rule to ask adds the unparsed spans to the stats."""
    qf = ctx.facts.quantities
    if qf.counted_in is not ctx.stats:
        qf.counted_in = ctx.stats
        ctx.stats["unparsed"] += len(qf.unparsed)
        ctx.stats["quantities"] += len(qf.quantities)
    return qf


def sentences(ctx: Context) -> list[Sentence]:
    quantity_facts(ctx)
    return ctx.facts.sentences


def checked(ctx: Context, kind: str) -> None:
    """Count one verified numeric relation (``核验数字关系 N 处``) and its kind."""
    ctx.stats["relations"] += 1
    ctx.stats[f"relations.{kind}"] += 1


@lru_cache(maxsize=64)
def any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """One regex matching any of ``words`` (themselves regexes)."""
    return re.compile("|".join(f"(?:{w})" for w in words if w) or "(?!)")


def words(ws: list[str]) -> re.Pattern[str]:
    """A regex of plain words."""
    return _words(tuple(ws))


@lru_cache(maxsize=64)
def _words(ws: tuple[str, ...]) -> re.Pattern[str]:
    return any_of(tuple(re.escape(w) for w in sorted(ws, key=len, reverse=True)))


@lru_cache(maxsize=64)
def compiled(pattern: str) -> re.Pattern[str]:
    """``re.compile`` with a cache of its own (the re module's cache is shared by every rule)."""
    return re.compile(pattern)


# ------------------------------------------------------------------------------ intervals


def ratio(part: Interval, whole: Interval) -> Interval:
    """part ÷ whole × 100 for a positive whole; the part may be negative (a fall) or open-ended."""
    plo, phi = part
    wlo, whi = whole
    with localcontext() as c:
        c.prec = 34
        if whi is None or whi <= 0:
            return None, None
        if wlo is None or wlo <= 0:  # the whole may be as small as 0: no upper bound
            return (plo * HUNDRED / whi if plo is not None and plo >= 0 else None), None
        los = [plo * HUNDRED / w for w in (wlo, whi)] if plo is not None else []
        his = [phi * HUNDRED / w for w in (wlo, whi)] if phi is not None else []
        return (min(los) if los else None), (max(his) if his else None)


def add(a: Interval, b: Interval) -> Interval:
    lo = a[0] + b[0] if a[0] is not None and b[0] is not None else None
    hi = a[1] + b[1] if a[1] is not None and b[1] is not None else None
    return lo, hi


def sub(a: Interval, b: Interval) -> Interval:
    """a − b."""
    lo = a[0] - b[1] if a[0] is not None and b[1] is not None else None
    hi = a[1] - b[0] if a[1] is not None and b[0] is not None else None
    return lo, hi


def disjoint(a: Interval, b: Interval) -> bool:
    """True when no value lies in both intervals (the only case a finding is raised).

    Intervals are closed, so a value printed at the edge of another's rounding interval (96.85
    against 96.9) still agrees. Two intervals of rounded values that merely touch (parts whose
    lowest possible sum is exactly the total's highest possible value) count as disjoint: a
    printed value's interval is half-open, [v − h, v + h).
    """
    for (xlo, xhi), (ylo, yhi) in ((a, b), (b, a)):
        if xhi is None or ylo is None:
            continue
        gap = ylo - xhi
        if gap > _slack(ylo):
            return True
        if abs(gap) <= _slack(ylo) and xlo is not None and yhi is not None and xlo < xhi and ylo < yhi:
            return True
    return False


def _slack(x: Decimal) -> Decimal:
    return _SLACK * max(abs(x), Decimal(1))


def iv(q: Quantity) -> Interval:
    return q.lo, q.hi


# ------------------------------------------------------------------------------ display


def show(x: Decimal, places: int = 2) -> str:
    """A computed value for a message, rounded half up to ``places`` decimals."""
    return format(x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), "f")


def places_for(stated: Quantity) -> int:
    return max(2, stated.decimals + 1)


def shown_number(q: Quantity) -> str:
    """How ``q`` is written in a formula: its number and multiplier (4.2亿, 128)."""
    text = q.text
    if q.unit and text.endswith(q.unit):
        text = text[: -len(q.unit)]
    return text.replace("个亿", "亿")


# ------------------------------------------------------------------------------ rates

_RATE_TAIL = re.compile(
    r"([\u4e00-\u9fff]{1,12}?)率(?:均|分别)?(?:为|达到|达|是|提高到|提升到|提升至|提高至|上升到|上升至|保持在|稳定在|在|约为|约|超过|超)?[ \t]*$"
)
_RATE_NAME = re.compile(r"[\u4e00-\u9fff]{1,12}$")


def rate_name(before: str) -> str | None:
    """The name of the rate a percentage is given for (``调解成功率`` in ``调解成功率97.4%``)."""
    m = _RATE_TAIL.search(before)
    if not m:
        return None
    head = before[: m.end(1)]
    n = _RATE_NAME.search(head)
    return (n.group(0) if n else m.group(1)) + "率"


def rate_stem(name: str, suffixes: list[str]) -> str | None:
    """The verb a rate counts (调解成功率 → 调解, 矛盾纠纷化解率 → 化解); None if too short."""
    core = name[:-1]
    for s in sorted((s for s in suffixes if s), key=len, reverse=True):
        if core.endswith(s) and len(core) > len(s):
            core = core[: -len(s)]
            break
    return core[-2:] if len(core) >= 2 else None


def rate_mentions(sent: Sentence, d: ArithmeticData):
    """(percentage, rate name, stem) for every percentage stated as a named rate."""
    for q in sent.quantities:
        if not q.is_percent:
            continue
        name = rate_name(sent.before_in_clause(q))
        if not name:
            continue
        yield q, name, rate_stem(name, d.rate_suffixes)


def role(sent: Sentence, q: Quantity, stem: str, whole_re: re.Pattern[str]) -> str | None:
    """``whole`` when q's clause names it as a whole (排查, 受理 …), ``part`` when it carries the
    rate's verb (成功调解152起), None otherwise or when both (排查整改隐患185处: ambiguous)."""
    before = sent.before_in_clause(q)
    w = whole_re.search(before) is not None
    if w:
        rest = whole_re.sub("|", before)  # 应参保: the stem inside the whole word does not count
        return "whole" if stem not in rest else None
    return "part" if stem in before else None
