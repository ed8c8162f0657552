"""Alternations rewritten so that ``re`` rejects most of their alternatives at C speed.

``re`` tries the alternatives of ``A|B|C`` one by one at each position; it skips one without
entering it only when the alternative opens with a literal or a character class that the
character at the position does not match. An alternative that opens with anything else (``\\d+``,
``\\d{1,2}``, a group ``(?:1[89]|20)``, a look-behind) is entered and fails slowly, and in a long
alternation of ruleset patterns that is most of the cost of a scan.

``open_alternatives(patterns)`` joins ``patterns`` as ``(?:p1)|(?:p2)|…`` would, but rewrites each
so that its alternatives open with a literal or a class where an exact rewrite is known:

- ``x+`` -> ``xx*``, ``x{m,n}`` -> ``xx{m-1,n-1}`` (``x`` one character or class: the same
  lengths tried in the same order, lazy repeats alike);
- ``(?:a|b)REST`` -> ``aREST|bREST`` (the same order of attempts; only while REST is small);
- ``(?<=L)x`` -> ``x(?<=(?:L)x)`` (and look-aheads, anchors likewise: the zero-width test runs at
  the same position, after the character has been seen);
- non-capturing groups are opened and their alternatives join the enclosing alternation.

Matches, spans and the order of attempts are unchanged. A pattern holding anything the rewrite does
not know (groups that capture, back-references, flags, a regex ``re`` cannot parse) is kept as it
is, so its groups keep their numbers (the rewritten patterns hold none).
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_REPEAT_SUFFIX = {_c.MAX_REPEAT: "", _c.MIN_REPEAT: "?"}
if hasattr(_c, "POSSESSIVE_REPEAT"):
    _REPEAT_SUFFIX[_c.POSSESSIVE_REPEAT] = "+"
_AT = {
    _c.AT_BEGINNING: "^", _c.AT_BEGINNING_STRING: r"\A", _c.AT_BOUNDARY: r"\b",
    _c.AT_NON_BOUNDARY: r"\B", _c.AT_END: "$", _c.AT_END_STRING: r"\Z",
}
_CATEGORIES = {
    _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W",
}
_ONE_CHAR = {_c.LITERAL, _c.IN}  # the openers ``re`` tests without entering the alternative
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_MAX_COPY = 400  # characters of REST an alternative may be copied with (``(?:a|b)REST``)


class _Unknown(Exception):
    """Something the rewrite does not handle: the pattern is kept as it is."""


def _char(code: int) -> str:
    """One character as a regex (or class) item: itself when it is a letter, a digit or a printable
    character beyond ASCII, an escape otherwise."""
    ch = chr(code)
    if ch.isascii() and ch.isalnum() or not ch.isascii() and ch.isprintable() and not ch.isspace():
        return ch
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _class(items) -> str:
    out = []
    for op, av in items:
        if op is _c.NEGATE and not out:
            out.append("^")
        elif op is _c.LITERAL:
            out.append(_char(av))
        elif op is _c.RANGE:
            out.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is _c.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:
            raise _Unknown
    return "[" + "".join(out) + "]"


def _source(seq) -> str:
    """The regex source of a parsed sequence (``_Unknown`` for what it does not know)."""
    return "".join(_item(op, av) for op, av in seq)


def _item(op, av) -> str:
    if op is _c.LITERAL:
        return _char(av)
    if op is _c.NOT_LITERAL:
        return f"[^{_char(av)}]"
    if op is _c.ANY:
        return "."
    if op is _c.IN:
        return _class(av)
    if op in _REPEAT_SUFFIX:
        lo, hi, sub = av
        count = f"{{{lo},}}" if hi is _c.MAXREPEAT else f"{{{lo},{hi}}}"
        return f"(?:{_source(sub)}){count}{_REPEAT_SUFFIX[op]}"
    if op is _c.SUBPATTERN:
        group, add_flags, del_flags, sub = av
        if group is not None or add_flags or del_flags:
            raise _Unknown
        return f"(?:{_source(sub)})"
    if op is _c.BRANCH:
        return "(?:" + "|".join(_source(b) for b in av[1]) + ")"
    if op is _c.ASSERT or op is _c.ASSERT_NOT:
        direction, sub = av
        kind = ("=" if op is _c.ASSERT else "!") if direction == 1 else ("<=" if op is _c.ASSERT else "<!")
        return f"(?{kind}{_source(sub)})"
    if op is _c.AT and av in _AT:
        return _AT[av]
    if getattr(_c, "ATOMIC_GROUP", None) is op:
        return f"(?>{_source(av)})"
    raise _Unknown  # back-references, conditionals, …


def _opened(seq: list) -> list[list]:
    """``seq`` as alternatives (in the order ``re`` tries them) that each open with a literal or a
    class where an exact rewrite is known; the items are parsed ones, with ``("src", text)`` for
    pieces already written out."""
    if not seq:
        return [seq]
    op, av = seq[0]
    rest = seq[1:]
    if op in _ONE_CHAR:
        return [seq]
    if op is _c.SUBPATTERN and av[0] is None and not av[1] and not av[2]:
        return _opened(list(av[3]) + rest)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
        lo, hi, sub = av
        if len(sub) == 1 and sub[0][0] in _ONE_CHAR:
            more = [] if hi == 1 else [(op, (lo - 1, hi if hi is _c.MAXREPEAT else hi - 1, sub))]
            return [[sub[0]] + more + rest]
        return [seq]
    if op is _c.MAX_REPEAT and av[0] == 0 and av[1] == 1:
        # x?REST -> xREST|REST (x a sequence that cannot match empty: one try with it, then without)
        first = _first(av[2])
        if first is not None and not first[1] and len(_source(rest)) <= _MAX_COPY:
            return _opened(list(av[2]) + rest) + _opened(rest)
        return [seq]
    if op is _c.BRANCH:
        tail = _source(rest)
        if len(tail) * (len(av[1]) - 1) > _MAX_COPY:
            return [seq]
        return [alt for branch in av[1] for alt in _opened(list(branch) + rest)]
    if op in _ZERO_WIDTH:
        # zero-width tests before the first character: ``Z x`` -> ``x(?<=Z x)`` runs them at the
        # same position (a look-behind of one character goes back over x)
        k = 1
        while k < len(seq) and seq[k][0] in _ZERO_WIDTH:
            k += 1
        tests = _source(seq[:k])
        out = []
        for alt in _opened(seq[k:]):
            if alt and alt[0][0] in _ONE_CHAR:
                first = _item(*alt[0])
                out.append([alt[0], ("src", f"(?<={tests}{first})")] + alt[1:])
            else:
                out.append(seq[:k] + alt)
        return out
    return [seq]


def _write(alt: list) -> str:
    """The source of an item list (``("src", text)``: a zero-width test written out; ``("raw",
    text)``: a pattern kept as it is)."""
    return "".join(av if op in ("src", "raw") else _item(op, av) for op, av in alt)


# -- repeats that cannot give back: x* before something that cannot start with an x ------------

_MAX_ENUM = 4096  # characters a class may hold to be tested one by one


def _first(seq) -> tuple[list, bool] | None:
    """(class items the first character of a non-empty match of ``seq`` matches, can ``seq`` match
    the empty string), or None when that cannot be told."""
    items: list = []
    for op, av in seq:
        if op in _ZERO_WIDTH or op == "src":  # they consume nothing (and only restrict)
            continue
        if op is _c.LITERAL:
            return items + [(op, av)], False
        if op is _c.IN:
            if any(iop is _c.NEGATE for iop, _ in av):
                return None
            return items + list(av), False
        if op in _REPEAT_SUFFIX:
            got = _first(av[2])
            if got is None:
                return None
            items += got[0]
            if av[0] >= 1 and not got[1]:
                return items, False
        elif op is _c.SUBPATTERN or op is _c.BRANCH:
            nullable = False
            for branch in ([av[3]] if op is _c.SUBPATTERN else av[1]):
                got = _first(branch)
                if got is None:
                    return None
                items += got[0]
                nullable = nullable or got[1]
            if not nullable:
                return items, False
        else:
            return None
    return items, True


def _chars(items) -> list[str] | None:
    """The characters of class items without categories, or None (too many, or a category)."""
    out: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            out.append(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < _MAX_ENUM:
            out.extend(map(chr, range(av[0], av[1] + 1)))
        else:
            return None
        if len(out) > _MAX_ENUM:
            return None
    return out


def _disjoint(a, b) -> bool:
    """Can no character match both class items ``a`` and ``b``? (False when that cannot be told.)"""
    if not a or not b:
        return True
    for mine, other in ((a, b), (b, a)):
        chars = _chars(mine)
        if chars is not None:
            test = re.compile(_class(other)).match
            return not any(test(ch) for ch in chars)
    return False


def _possessive(alt: list) -> list:
    """``alt`` with each greedy repeat of one character class ``x`` made possessive when what
    follows it to the end of the alternative cannot match at an ``x`` nor match the empty string:
    then only the longest run can be followed by a match, the one a possessive repeat takes."""
    out = list(alt)
    for i, (op, av) in enumerate(out):
        if op is not _c.MAX_REPEAT or not hasattr(_c, "POSSESSIVE_REPEAT"):
            continue
        sub = av[2]
        if len(sub) != 1 or sub[0][0] not in _ONE_CHAR:
            continue
        follow = _first(out[i + 1 :])
        if follow is None or follow[1]:
            continue
        own = [sub[0]] if sub[0][0] is _c.LITERAL else list(sub[0][1])
        if any(iop is _c.NEGATE for iop, _ in own):
            continue
        try:
            if _disjoint(own, follow[0]):
                out[i] = (_c.POSSESSIVE_REPEAT, av)
        except (re.error, _Unknown):
            continue
    return out


def _unique(op, av) -> bool:
    """Does the item match in at most one way at a position (so ``PX|PY`` = ``P(?:X|Y)``)?"""
    return op in _ONE_CHAR or op in _ZERO_WIDTH or op == "src" or op is getattr(_c, "POSSESSIVE_REPEAT", None)


def _factored(alts: list[list]) -> list[str]:
    """Neighbouring alternatives that open with the same items, each matching in one way only,
    share them: ``PX|PY`` -> ``P(?:X|Y)`` tries X then Y at the one place P ends, as before."""
    words = [[_write([x]) for x in alt] for alt in alts]

    def shared(a: int, b: int) -> int:
        n = 0
        while n < min(len(words[a]), len(words[b])) - 1 and words[a][n] == words[b][n] and _unique(*alts[a][n]):
            n += 1
        return n

    out: list[str] = []
    i = 0
    while i < len(alts):
        k = shared(i, i + 1) if i + 1 < len(alts) else 0
        j = i + 1
        if k:
            while j < len(alts) and shared(i, j) >= k:
                j += 1
            # (the rests open in turn: what follows P may be an optional part, a repeat …)
            rests = [r for alt in alts[i:j] for r in _opened(alt[k:])]
            out.append("".join(words[i][:k]) + "(?:" + "|".join(_factored([_possessive(r) for r in rests])) + ")")
        else:
            out.append("".join(words[i]))
        i = j
    return out


def _opened_pattern(regex: str) -> list[list] | None:
    """The alternatives of an exact rewrite of ``regex`` as item lists, or None when it holds
    something the rewrite does not know."""
    try:
        parsed = _p.parse(regex)
    except Exception:  # noqa: BLE001 - kept as it is: re reports it where it is compiled
        return None
    if parsed.state.flags & ~re.UNICODE:
        return None
    try:
        _source(parsed)  # anything unknown anywhere keeps the whole pattern
        return [_possessive(alt) for alt in _opened(list(parsed))]
    except _Unknown:
        return None


def open_alternatives(patterns: list[str] | tuple[str, ...]) -> str:
    """``"|".join(f"(?:{p})" for p in patterns)`` with each pattern rewritten as above, its
    alternatives joining the outer alternation: the same matches, tried in the same order, when
    nothing follows the regex (the possessive repeats assume a match ends with the alternative).
    (A few milliseconds for a ruleset's patterns: callers keep the result per ruleset.)"""
    alts: list[list] = []
    for p in patterns:
        got = _opened_pattern(p)
        alts.extend(got if got is not None else [[("raw", f"(?:{p})")]])
    return "|".join(_factored(alts))
