"""Cheap pre-filters for ruleset regexes.

Most blocks of a report contain no placeholder, no residue, no confusable word: running every
ruleset regex over every block costs far more than deciding first whether the block can match at
all. ``trigger(regex)`` derives, from the parsed regex, a set of characters of which every match
must contain at least one (``XX镇|xxxx年`` -> ``[Xx]``), and returns a one-character-class regex
for it; ``search`` with it runs at C speed. It returns None when no small set is implied (the
caller then always runs the full regex), so the filter can only skip work, never a match.
"""

from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_MAX_SET = 64
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT} | ({getattr(_c, "POSSESSIVE_REPEAT")} if hasattr(_c, "POSSESSIVE_REPEAT") else set())


def _in_set(items) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(chr(av))
        elif op is _c.RANGE:
            lo, hi = av
            if hi - lo > _MAX_SET:
                return None
            out.update(chr(c) for c in range(lo, hi + 1))
        else:  # NEGATE, CATEGORY (\d, \w …), NOT_LITERAL
            return None
    return out


def _item(op, av) -> set[str] | None:
    if op is _c.LITERAL:
        return {chr(av)}
    if op is _c.IN:
        return _in_set(av)
    if op is _c.SUBPATTERN:
        return _sequence(av[-1])
    if op in _REPEATS:
        lo, _hi, sub = av
        return _sequence(sub) if lo >= 1 else None
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            s = _sequence(branch)
            if s is None:
                return None
            union |= s
        return union
    if getattr(_c, "ATOMIC_GROUP", None) is op:
        return _sequence(av)
    return None


def _sequence(seq) -> set[str] | None:
    best: set[str] | None = None
    for op, av in seq:
        s = _item(op, av)
        if s is not None and len(s) <= _MAX_SET and (best is None or len(s) < len(best)):
            best = s
    return best


@lru_cache(maxsize=1024)
def trigger(regex: str) -> re.Pattern[str] | None:
    """A regex matching one character that every match of ``regex`` contains, or None."""
    try:
        parsed = _p.parse(regex)
    except Exception:  # noqa: BLE001 - an unparsable regex simply gets no pre-filter
        return None
    chars = _sequence(parsed)
    if not chars:
        return None
    if parsed.state.flags & re.IGNORECASE or "(?i" in regex:
        chars = chars | {c.swapcase() for c in chars} | {c.upper() for c in chars} | {c.lower() for c in chars}
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")
