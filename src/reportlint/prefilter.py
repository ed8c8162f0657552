"""Cheap pre-filters for ruleset regexes.

Most blocks of a report contain no placeholder, no residue, no confusable word: running every
ruleset regex over every block costs far more than deciding first whether the block can match at
all. ``trigger(regex)`` derives, from the parsed regex, a set of characters of which every match
must contain at least one (``XX镇|xxxx年`` -> ``[Xx]``), and returns a one-character-class regex
for it; ``search`` with it runs at C speed. It returns None when no small set is implied (the
caller then always runs the full regex), so the filter can only skip work, never a match.

``required_literals(regex)`` derives, in the same way, a few strings of which every match contains
one (``原创力文档|道客巴巴`` -> both names; ``(?:参保|参合)率`` -> 参保率, 参合率), and ``Gate`` applies
both to a list of regexes at once: which of them can match this block at all. ``compiled(regex)``
is ``re.compile`` with a cache large enough for every ruleset regex.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from math import fsum

from reportlint.recache import memo

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


@lru_cache(maxsize=4096)
def compiled(regex: str) -> re.Pattern[str]:
    """``re.compile`` with a cache of its own: the shipped rulesets hold more distinct regexes than
    ``re``'s internal cache (512 entries, first-in first-out), so relying on that cache recompiles
    every ruleset regex for every document."""
    return re.compile(regex)


# a regex that is a literal string (no metacharacter, escape or space): it matches exactly itself
PLAIN = _PLAIN = re.compile(r"[^\\.^$*+?{}\[\]|()#\s]+")


@lru_cache(maxsize=4096)
def _parsed(regex: str):
    """The parsed form of ``regex`` (shared by the pre-filters derived from it), or None."""
    try:
        return _p.parse(regex)
    except Exception:  # noqa: BLE001
        return None


@lru_cache(maxsize=4096)
@memo
def trigger_chars(regex: str) -> frozenset[str] | None:
    """A set of characters of which every match of ``regex`` contains one, or None."""
    if _PLAIN.fullmatch(regex):  # a literal word (most confusables): its first character
        return frozenset(regex[0])
    parsed = _parsed(regex)
    if parsed is None:  # an unparsable regex simply gets no pre-filter
        return None
    chars = _sequence(parsed)
    if not chars:
        return None
    if parsed.state.flags & re.IGNORECASE or "(?i" in regex:
        if any(ord(c) > 0xFFFF for c in chars):
            return None
        chars = chars | {c.swapcase() for c in chars} | {c.upper() for c in chars} | {c.lower() for c in chars}
        if all(c.isascii() for c in chars):  # the non-ASCII characters folding onto ASCII letters
            chars |= {x for c in chars for x in _ASCII_FOLDS.get(c.lower(), "")}
        else:
            chars = _case_variants(chars)
    return frozenset(chars)


# ASCII letter -> the non-ASCII characters re.IGNORECASE matches with it: KELVIN SIGN, dotted and
# dotless I, long s (``_case_variants`` computes this for any character; a test checks the table)
_ASCII_FOLDS = {"k": "\u212a", "i": "\u0130\u0131", "s": "\u017f"}


_CATEGORY_CLASS = {"CATEGORY_DIGIT": r"\d", "CATEGORY_WORD": r"\w", "CATEGORY_SPACE": r"\s"}
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}


def _first_item(op, av) -> tuple[set[str], bool] | None:
    """(class items one of which the element's first character matches, can it match empty)."""
    if op is _c.LITERAL:
        return {re.escape(chr(av))}, False
    if op is _c.IN:
        out: set[str] = set()
        for iop, iav in av:
            if iop is _c.LITERAL:
                out.add(re.escape(chr(iav)))
            elif iop is _c.RANGE:
                out.add(f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}")
            elif iop is _c.CATEGORY and str(iav) in _CATEGORY_CLASS:
                out.add(_CATEGORY_CLASS[str(iav)])
            else:  # NEGATE, \D, \W …: no bound
                return None
        return out, False
    if op is _c.SUBPATTERN and av[1] & re.IGNORECASE:  # (?i:…): its first characters in any case
        return None
    if op is _c.SUBPATTERN or getattr(_c, "ATOMIC_GROUP", None) is op:
        return _first_sequence(av[-1] if op is _c.SUBPATTERN else av)
    if op in _REPEATS:
        lo, _hi, sub = av
        got = _first_sequence(sub)
        return None if got is None else (got[0], got[1] or lo == 0)
    if op is _c.BRANCH:
        union: set[str] = set()
        empty = False
        for branch in av[1]:
            got = _first_sequence(branch)
            if got is None:
                return None
            union |= got[0]
            empty = empty or got[1]
        return union, empty
    return None  # ANY, NOT_LITERAL, back-references …


def _first_sequence(seq) -> tuple[set[str], bool] | None:
    out: set[str] = set()
    for op, av in seq:
        if op in _ZERO_WIDTH:  # anchors and lookarounds consume nothing
            continue
        got = _first_item(op, av)
        if got is None:
            return None
        out |= got[0]
        if not got[1]:
            return out, False
    return out, True


@lru_cache(maxsize=4096)
@memo
def first_class(regex: str) -> str | None:
    """The body of a character class that the first character of every match of ``regex``
    matches (``[上下]半年|\\d+年`` -> ``\\d上下``), or None when that cannot be told (a match may
    be empty or start anywhere, case-insensitive matching, also in a ``(?i:…)`` group). ``(?=[…])`` built from it lets the
    regex engine reject every other position at once."""
    parsed = _parsed(regex)
    if parsed is None or parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    got = _first_sequence(parsed)
    if got is None or got[1] or not got[0]:
        return None
    return "".join(sorted(got[0]))


@lru_cache(maxsize=4096)
@memo  # a fresh process would parse every led regex again (~1 ms each)
def _opens_with_prefix(regex: str) -> bool:
    """Does ``re`` skip by itself to the positions a match can start at (the regex opens with a
    literal, a character class or alternatives that each open with a literal)?"""
    parsed = _parsed(regex)
    if parsed is None:
        return True
    items = list(parsed)
    while items and items[0][0] is _c.SUBPATTERN and not (items[0][1][1] or items[0][1][2]):
        items = list(items[0][1][-1])
    if not items:
        return True
    op, av = items[0]
    if op is _c.LITERAL or op is _c.IN:
        return True
    if op is _c.BRANCH:
        return all(branch and branch[0][0] is _c.LITERAL for branch in av[1])
    return False


def led(regex: str) -> re.Pattern[str]:
    """``compiled(regex)``; when ``re`` would try the regex at every position (it opens with a
    look-behind, an optional part, a repeat …), led by a look-ahead for the characters every match
    starts with (``first_class``), which rejects most positions at once. The same
    matches: every match starts with one of those characters, and the groups keep their numbers."""
    body = first_class(regex)
    if body is None or _opens_with_prefix(regex):
        return compiled(regex)
    try:
        return compiled(f"(?=[{body}])(?:{regex})")
    except re.error:  # e.g. global flags, which must open the regex
        return compiled(regex)


@lru_cache(maxsize=1)
def _inverse_lower() -> dict[int, tuple[int, ...]]:
    """BMP code points by the simple lowercase ``re`` folds them to (``K`` KELVIN SIGN -> k)."""
    from _sre import unicode_tolower

    inv: dict[int, list[int]] = {}
    for cp in range(0x10000):
        low = unicode_tolower(cp)
        if low != cp:
            inv.setdefault(low, []).append(cp)
    return {k: tuple(v) for k, v in inv.items()}


def _case_variants(chars: set[str]) -> set[str]:
    """Every character ``re.IGNORECASE`` lets match one of ``chars``."""
    from _sre import unicode_tolower

    try:
        from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - before Python 3.11
        _EXTRA_CASES = {}

    # a character is the simple lowercase (or an extra case) of another only in these categories:
    # the others (CJK, digits, punctuation) match themselves alone and need no table
    cased = {c for c in chars if unicode_tolower(ord(c)) != ord(c) or unicodedata.category(c) in ("Ll", "Nl", "So", "Mn")}
    if not cased:
        return set(chars)
    inv = _inverse_lower()
    lows = {unicode_tolower(ord(c)) for c in cased}
    for low in list(lows):
        lows.update(_EXTRA_CASES.get(low, ()))
    out = set(chars)
    for low in lows:
        out.add(chr(low))
        out.update(chr(cp) for cp in inv.get(low, ()))
    return out


@lru_cache(maxsize=1024)
def trigger(regex: str) -> re.Pattern[str] | None:
    """A regex matching one character that every match of ``regex`` contains, or None."""
    chars = trigger_chars(regex)
    if chars is None:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


_MAX_LITERALS = 64


def _lit_item(op, av) -> set[str] | None:
    if op is _c.LITERAL:
        return {chr(av)}
    if op is _c.IN:
        return _in_set(av)
    if op is _c.SUBPATTERN:
        add_flags = av[1] if len(av) == 4 else 0
        if add_flags & re.IGNORECASE:
            return _ascii_only(_lit_sequence(av[-1]))
        return _lit_sequence(av[-1])
    if op in _REPEATS:
        lo, _hi, sub = av
        return _lit_sequence(sub) if lo >= 1 else None
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            s = _lit_sequence(branch)
            if s is None:
                return None
            union |= s
        return union if len(union) <= _MAX_LITERALS else None
    if getattr(_c, "ATOMIC_GROUP", None) is op:
        return _lit_sequence(av)
    return None


def _lit_better(a: set[str], b: set[str] | None) -> bool:
    """Is ``a`` a more selective requirement than ``b``: longer shortest string, then fewer strings."""
    if b is None:
        return True
    return (min(map(len, a)), -len(a)) > (min(map(len, b)), -len(b))


def _ascii_only(strings: set[str] | None) -> set[str] | None:
    """Case-insensitive strings are usable (compared lowercased) only when they are ASCII."""
    if strings is None or not all(x.isascii() for x in strings):
        return None
    return {x.lower() for x in strings}


def _exact(op, av) -> set[str] | None:
    """All the strings an item matches, when they are few (``参(?:保|合)`` -> 参保, 参合)."""
    if op is _c.LITERAL:
        return {chr(av)}
    if op is _c.IN:
        return _in_set(av)
    if op is _c.SUBPATTERN:
        add_flags = av[1] if len(av) == 4 else 0
        if add_flags & re.IGNORECASE:
            return _ascii_only(_exact_sequence(av[-1]))
        return _exact_sequence(av[-1])
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            s = _exact_sequence(branch)
            if s is None:
                return None
            union |= s
        return union if len(union) <= _MAX_LITERALS else None
    return None


def _exact_sequence(seq) -> set[str] | None:
    out = {""}
    for op, av in seq:
        e = _exact(op, av)
        if e is None or len(out) * len(e) > _MAX_LITERALS:
            return None
        out = {x + y for x in out for y in e}
    return out


def _lit_sequence(seq) -> set[str] | None:
    """Strings of which every match of the sequence contains one: the most selective of the runs
    of consecutive exact items (their concatenations) and of the other items' requirements."""
    best: set[str] | None = None

    def consider(cand: set[str] | None) -> None:
        nonlocal best
        if cand and "" not in cand and len(cand) <= _MAX_LITERALS and _lit_better(cand, best):
            best = cand

    run = {""}
    for op, av in list(seq) + [(None, None)]:
        e = _exact(op, av) if op is not None else None
        if e is not None:
            if len(run) * len(e) <= _MAX_LITERALS:
                run = {x + y for x in run for y in e}
            else:
                consider(run)
                run = set(e)
            continue
        consider(run)
        run = {""}
        if op is not None:
            consider(_lit_item(op, av))
    return best


@lru_cache(maxsize=4096)
@memo
def required_literals(regex: str) -> frozenset[str] | None:
    """Lowercased strings of which every match of ``regex``, lowercased, contains one
    (``原创力文档|道客巴巴`` -> both names), or None; test them with ``literal_in``."""
    if _PLAIN.fullmatch(regex):
        return frozenset({regex.lower()}) if len(regex) > 1 else None
    lits = _literal_requirement(regex)
    if not lits or min(map(len, lits)) < 2:
        return None
    return frozenset(x.lower() for x in lits)


def _literal_requirement(regex: str) -> set[str] | None:
    """Strings of which every match holds one (case-insensitive regexes: ASCII strings only), as
    ``_lit_sequence`` finds them; None when the regex is verbose or does not parse."""
    parsed = _parsed(regex)
    if parsed is None or parsed.state.flags & re.VERBOSE:
        return None
    lits = _lit_sequence(parsed)
    if parsed.state.flags & re.IGNORECASE:
        lits = _ascii_only(lits)
    return lits


@lru_cache(maxsize=4096)
@memo
def gate_literals(regex: str) -> frozenset[str] | None:
    """Like ``required_literals``, but keeping a requirement whose shortest string is one
    character (``(?:[%％]|个百分点)`` -> %, ％, 个百分点): for ``Gate``, whose keys already hold the
    single characters, such a set still rules out texts that hold one of its longer strings'
    characters only (个 without 百分点)."""
    if _PLAIN.fullmatch(regex):
        return frozenset({regex.lower()})
    lits = _literal_requirement(regex)
    if not lits or max(map(len, lits)) < 2:  # single characters only: the keys test that already
        return None
    return frozenset(x.lower() for x in lits)


def _caseless(chars: set[str]) -> bool:
    return _case_variants(chars) == chars


def _clause_item(op, av, icase: bool) -> list[frozenset[str]]:
    """Sets of characters each of which meets the text wherever the item matches (see
    ``text_clauses``)."""
    if op is _c.LITERAL or op is _c.IN:
        s = {chr(av)} if op is _c.LITERAL else _in_set(av)
        if s is None or len(s) > _MAX_SET or (icase and not _caseless(s)):
            return []
        return [frozenset(s)]
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        icase = bool((icase or add_flags & re.IGNORECASE) and not del_flags & re.IGNORECASE)
        return _clause_sequence(sub, icase)
    if getattr(_c, "ATOMIC_GROUP", None) is op:
        return _clause_sequence(av, icase)
    if op in _REPEATS:
        lo, _hi, sub = av
        return _clause_sequence(sub, icase) if lo >= 1 else []
    if op is _c.ASSERT:  # a positive look-ahead or look-behind: what it sees is in the text too
        return _clause_sequence(av[1], icase)
    if op is _c.BRANCH:
        branches = [_clause_sequence(b, icase) for b in av[1]]
        if not all(branches):
            return []
        # the characters every branch requires, then one set: each branch's smallest requirement
        common = set.intersection(*({next(iter(cl)) for cl in b if len(cl) == 1} for b in branches))
        out = [frozenset({ch}) for ch in sorted(common)]
        union = frozenset().union(*(min(b, key=len) for b in branches))
        if len(union) <= _MAX_SET:
            out.append(union)
        return out
    return []  # ANY, NOT_LITERAL, negative look-arounds, anchors, back-references …


def _clause_sequence(seq, icase: bool) -> list[frozenset[str]]:
    return [cl for op, av in seq for cl in _clause_item(op, av, icase)]


@lru_cache(maxsize=4096)
@memo
def text_clauses(regex: str) -> tuple[frozenset[str], ...] | None:
    """Sets of characters of which a text ``regex`` matches (non-empty) holds one each: the
    characters of its literal parts, of its classes of a few characters and of its positive
    look-arounds (``第\\d+页…共\\d+页`` -> 第, 页, 共; ``[xX](?=…(?:光|线))`` -> [xX], [光线]).
    Unlike ``trigger_chars`` this speaks of the whole text, not of the match. Under
    case-insensitive matching only sets of characters without case are kept. None: no such set."""
    parsed = _parsed(regex)
    if parsed is None:
        return None
    got = _clause_sequence(parsed, bool(parsed.state.flags & re.IGNORECASE))
    out: list[frozenset[str]] = []
    for cl in sorted(set(got), key=lambda x: (len(x), sorted(x))):
        if not any(kept <= cl for kept in out):  # a text meeting a subset meets the set too
            out.append(cl)
    return tuple(out) or None


# the only characters outside ASCII that re.IGNORECASE folds onto ASCII letters (KELVIN SIGN,
# dotted and dotless I, long s): a text holding one gets no literal pre-filter
_FOLDS_TO_ASCII = frozenset("\u212a\u0130\u0131\u017f")


def folded(text: str) -> str | None:
    """``text`` lowercased, for ``required_literals``; None when the test would not be sound.
    Shared like ``key_hits``: every gate a block passes through asks for it."""
    got = _FOLDED.get(text, _UNSET)
    if got is _UNSET:
        # the folding characters are among the key characters (``_KEYS``): no scan of its own
        got = None if not text.isascii() and not _FOLDS_TO_ASCII.isdisjoint(key_hits(text)) else text.lower()
        if text in _HITS:  # held (and dropped) together with the block's key characters
            _FOLDED[text] = got
    return got  # type: ignore[return-value]


_UNSET = object()
_NO_HITS: frozenset[str] = frozenset()
_HITS: dict[str, frozenset[str]] = {}  # text -> key_hits(text)
_CHARS: dict[str, frozenset[str]] = {}  # text -> chars_of(text)
_FOLDED: dict[str, str | None] = {}  # text -> folded(text), for texts held in _HITS only
_CHARS_BUDGET = 1_000_000  # characters of text the caches may keep alive
_chars_held = 0
# the key characters of every gate built so far (``Gate._keys``) and the characters folding onto
# ASCII letters; the character class finding them in a text (None: to be compiled again)
_KEYS = _FOLDS_TO_ASCII
_keys_rx: re.Pattern[str] | None = None
# a longer text is tested by ``Gate`` against the set of its characters (``chars_of``) instead of
# with ``in``: a key met all over a huge block could make it scan the block very many times
_SHORT = 1 << 15


def new_document() -> None:
    """Forget the key characters, character sets and folded texts of the blocks seen so far: they
    are shared by the rules checking one document (``engine.analyse`` calls this first), not across
    documents, where a repeated text (a benchmark that checks the same reports again) would skip
    work a new report needs."""
    global _chars_held
    _HITS.clear()
    _CHARS.clear()
    _FOLDED.clear()
    _chars_held = 0


def _hold(cache: dict, text: str, value) -> None:
    """Keep ``value`` for ``text`` unless the caches would keep more than ``_CHARS_BUDGET``
    characters of text alive (a huge block is not worth holding on to)."""
    global _chars_held
    if len(text) > _CHARS_BUDGET // 4:
        return
    if _chars_held + len(text) > _CHARS_BUDGET:
        new_document()
    cache[text] = value
    _chars_held += len(text)


def _add_keys(keys: frozenset[str]) -> None:
    """Make ``keys`` (a new gate's) part of what ``key_hits`` looks for."""
    global _KEYS, _keys_rx
    if keys <= _KEYS:
        return
    _KEYS = _KEYS | keys
    _keys_rx = None  # compiled on the next scan: the gates a rule builds at once cost one compile
    new_document()  # a text's key characters found so far lack the new ones


def key_hits(text: str) -> frozenset[str]:
    """The characters of ``text`` that are a key of some gate (or fold onto ASCII letters): one
    C-speed scan with a character class, shared by the gates a block passes through (each rule
    walks the blocks again). Key characters are rare by construction, so unlike ``set(text)``
    this makes a string object for few of the text's characters, not for every one."""
    global _keys_rx
    got = _HITS.get(text)
    if got is None:
        if len(text) > _SHORT:  # ``Gate`` needs all its characters anyway
            got = _KEYS.intersection(chars_of(text))
        else:
            rx = _keys_rx
            if rx is None:
                rx = _keys_rx = re.compile("[" + "".join(map(re.escape, sorted(_KEYS))) + "]")
            found = rx.findall(text)
            got = frozenset(found) if found else _NO_HITS
        _hold(_HITS, text, got)
    return got


def chars_of(text: str) -> frozenset[str]:
    """The set of characters of ``text``, shared like ``key_hits``; ``Gate`` asks for it for long
    texts only, where testing each character with ``in`` would scan the text many times."""
    got = _CHARS.get(text)
    if got is None:
        got = frozenset(text)
        _hold(_CHARS, text, got)
    return got


def _meets(chars: frozenset[str], text: str, test: str | tuple[str, ...]) -> bool:
    """Does ``text``, whose characters are ``chars``, hold ``test`` (a string of one or two
    characters) or one of them (a tuple): ``Gate``'s key tests on a long text, looked up in the
    set of its characters first, so that the text is scanned only for a two-character string
    whose characters it holds."""
    for x in (test,) if type(test) is str else test:
        if all(map(chars.__contains__, x)) and (len(x) == 1 or x in text):
            return True
    return False


def _spelt(chars) -> str:
    """A set of characters as a string of them, the most common in work reports first
    (``_weights``): ``Gate`` tests whether a text holds one of them a character at a time, and a
    text holding one most often holds a common one."""
    weight = _weights()
    floor = weight[""]
    return "".join(sorted(chars, key=lambda c: (-weight.get(c, floor), c)))


def _trie_body(node: dict) -> str:
    if "" in node or not node:  # a string ends here: a text holding a longer one holds this one too
        return ""
    alts = [re.escape(ch) + _trie_body(node[ch]) for ch in sorted(node)]
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def any_of(strings) -> re.Pattern[str]:
    """A regex whose ``search`` finds something exactly when a text holds one of ``strings``, shaped
    as a trie (``您可能(?:关注|喜欢)的文档``): at a position ``re`` tries each distinct first character
    once instead of every string, which a flat alternation of a hundred site names and prompts does.
    Only for telling whether one occurs: where a match starts and ends is not that of a flat
    alternation (a string that another extends is matched alone)."""
    trie: dict = {}
    for x in strings:
        node = trie
        for ch in x:
            node = node.setdefault(ch, {})
        node[""] = {}
    return re.compile(_trie_body(trie))


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    """How often a block of a work report holds each character, roughly: ``1 / (rank + 1)`` by its
    rank in ``char_ranks`` (counted from the shipped example reports and test cases; its
    head is flatter than that, but only the order of keys matters); under the key "", the weight
    of every character not ranked (rarer than all)."""
    from reportlint.char_ranks import RANKED  # not under reportlint.data, whose import loads pydantic (~130 ms)

    out = {c: 1.0 / (rank + 1) for rank, c in enumerate(RANKED, 1)}
    out[""] = 1.0 / (len(RANKED) + 2)
    return out


# the categories of the characters that nothing lowercases onto, under ``str.lower`` and under
# ``re.IGNORECASE`` (those are Ll, Mn, Nl, So; a test checks every code point): a text whose
# lowercase holds one holds it itself
_UNCASED = frozenset({"Lo", "Nd", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk"})


def _uncased(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or unicodedata.category(c) in _UNCASED


@lru_cache(maxsize=64)
@memo  # a fresh process would plan every gate again (~25 ms, most of it the confusables')
def _gate_plan(spec: str) -> tuple:
    """``Gate._plan`` for the regexes joined by NUL after "1" or "0" (pool their strings or not).
    Only how selective the keys are depends on the character ranks (``char_ranks``), never
    which regexes a text lets through: a plan kept from before a change of the ranks is sound."""
    pool, *regexes = spec.split("\0")
    return Gate._plan(regexes, pool == "1")


class Gate:
    """Which of many regexes can match a text, decided from the text's characters alone.

    ``candidates(text)`` returns, in their original order, the indices of the regexes whose
    trigger set shares a character with ``text`` (and of those without a trigger set): one
    scan for the key characters of all gates (``key_hits``, shared by the gates a block passes
    through) and a few ``in`` tests instead of one search per regex. It can only skip work,
    never a match.

    Sets of regexes are bit masks (bit i: regex i). Every regex but those without any test is
    keyed on the rarest of its requirements, by the rank of characters in work reports
    (``char_ranks``): a character a text must hold (``text_clauses`` of one character,
    ideographs shared by its required strings) or a set of which it must hold one (the other
    ``text_clauses``, the trigger set), paired with the next rarest, which a text holding the
    first must hold too; or, for a regex with required strings (``gate_literals``), the two
    rarest characters of each string. Everyday characters (上 下 文 年 个) thus seldom key
    alone, and most blocks meet no key. The few regexes a text's keys select are then tested
    for the requirements the key does not imply and for a required string.

    ``pool_strings``: when a text's characters let several regexes with required strings
    through, first search for all their strings at once, and drop them all when the text holds
    none. That pays for a short list of rare strings (download-site residue) and costs more
    than it saves for hundreds of strings with common first characters (confusables).
    """

    def __init__(self, regexes, *, pool_strings: bool = False):
        regexes = list(regexes)
        if any("\0" in rx for rx in regexes):  # not to be told apart joined: planned here
            plan = self._plan(regexes, pool_strings)
        else:
            plan = _gate_plan("\0".join(["1" if pool_strings else "0", *regexes]))
        always, self._always_bits, checks, self._by_char, self._string_bits, any_string = plan
        self._always = list(always)
        # index -> (characters every text it matches holds, or None; sets of characters of which
        # such a text holds one each; the required strings, one of which the text lowercased
        # holds: a tuple tested with ``in``, a regex when they are many; or None)
        self._checks = {i: (need, sets, compiled(strings) if type(strings) is str else strings)
                        for i, (need, sets, strings) in checks.items()}
        self._keys = frozenset(self._by_char)
        _add_keys(self._keys)
        # one search for all the required strings: when a text holds none, no regex with
        # required strings is left, whatever their keys let through
        self._any_string = None if any_string is None else compiled(any_string)

    @classmethod
    def _plan(cls, regexes: list[str], pool_strings: bool) -> tuple:
        """What ``__init__`` sets up, in values ``marshal`` can store (regexes as their patterns):
        the regexes without a key, their bits, the checks by index, the keys by character, the
        bits of the regexes with required strings and the regex finding any of their strings
        (when pooled)."""
        always: list[int] = []
        checks: dict[int, tuple] = {}
        always_bits = 0  # regexes without a key: tried on every text
        # index -> (characters every text it matches holds, sets of characters of which such a
        # text holds one each (the trigger set among them unless another implies it), the
        # required strings, the two rarest characters of each of them (``_spread``)): its tests
        tests: dict[int, tuple] = {}
        string_bits = 0  # regexes with required strings
        pooled: set[str] = set()  # all their strings
        for i, rx in enumerate(regexes):
            bit = 1 << i
            lits = gate_literals(rx)
            chars = trigger_chars(rx)
            clauses = list(text_clauses(rx) or ())
            need = {next(iter(cl)) for cl in clauses if len(cl) == 1}
            if lits is not None:
                need |= cls._ideographs(lits) or set()
            sets = [cl for cl in clauses if len(cl) > 1 and need.isdisjoint(cl)]
            # a candidate's text always holds one of its trigger characters (``find_hits`` of the
            # placeholder rules relies on it): tested too unless another test implies it
            if chars is not None and need.isdisjoint(chars) and not any(cl <= chars for cl in sets):
                sets.append(chars)
            spread = cls._spread(lits) if lits is not None else None
            if not need and not sets and spread is None:
                always.append(i)
                always_bits |= bit
                continue
            strings = cls._strings(lits) if lits is not None else None
            tests[i] = (frozenset(need), sets, strings if type(strings) is not re.Pattern else strings.pattern, spread, lits)
            if lits is not None:
                string_bits |= bit
                pooled |= lits
        # the key of a regex: the two sets of characters its tests require a text to meet that a
        # text meets least often together (``_weights``, from the characters of work reports;
        # among characters not ranked, those the fewest regexes of this gate require): a text
        # meeting the first is looked at only if it meets the second too. For a regex with
        # required strings, the key may instead be, for each string, its two rarest characters.
        uses: dict[str, int] = {}
        for need, _sets, _strings, _spread, _lits in tests.values():
            for c in need:
                uses[c] = uses.get(c, 0) + 1
        weight = _weights()
        floor = weight[""]

        def rarity(s: frozenset[str]):
            return fsum(weight.get(c, floor) for c in s), sum(uses.get(c, 0) for c in s), sorted(s)

        def odds(terms) -> float:  # how often a text meets one of the terms, were characters independent
            return sum(rarity(a)[0] * (1.0 if b is None else rarity(b)[0]) for a, b in terms)

        alone: dict[str, int] = {}  # key character -> the regexes keyed on it alone
        pairs: dict[str, dict[int, frozenset[str]]] = {}  # first key character -> bit -> second set
        # first key character -> bit -> the two-character strings (``_gram``) of which a text
        # the regex matches holds one, when each of its terms keyed on that character has one
        grams: dict[str, dict[int, set[str] | None]] = {}
        for i, (need, sets, strings, spread, lits) in tests.items():
            bit = 1 << i
            ranked = sorted([frozenset(c) for c in need] + sets, key=rarity)
            terms = [(ranked[0], ranked[1] if len(ranked) > 1 else None)] if ranked else []
            met = [t for t in terms[0] if t is not None] if terms else []  # what the key test implies
            # the strings a text meeting a term holds one of: each term of ``need`` speaks of all
            # of the regex's strings, each term of ``spread`` of one
            sources = [lits] * len(terms)
            if spread is not None and (not terms or odds(spread) < odds(terms)):
                terms = spread
                met = [frozenset().union(*(first for first, _second in spread))]
                sources = [frozenset({x}) for x in sorted(lits)]  # ``_spread``'s order
            for (first, second), source in zip(terms, sources):
                # the gram holds the second character (the key character when alone), so that its
                # test is never weaker than the second's
                anchor = next(iter(second)) if second is not None and len(second) == 1 else None
                for c in first:
                    gram = None
                    if source is not None and (second is None or anchor is not None):
                        gram = cls._gram(c if anchor is None else anchor, c, source, weight, floor)
                    if second is None and gram is None:
                        alone[c] = alone.get(c, 0) | bit
                        continue
                    at = grams.setdefault(c, {})
                    if gram is None:
                        at[bit] = None  # a term without one: the characters are tested
                    elif at.get(bit, ()) is not None:
                        at[bit] = {*at.get(bit, ()), gram}
                    if second is None:  # the key met alone unless a string holding it is met too
                        second = frozenset(gram.replace(c, "", 1))
                    at = pairs.setdefault(c, {})
                    at[bit] = at.get(bit, frozenset()) | second
            # the tests left: those the key test does not imply (the string test implies the
            # characters of the strings)
            need = need - frozenset().union(*(m for m in met if len(m) == 1))
            sets = tuple(cl for cl in sets if not any(m <= cl for m in met))
            if need or sets or strings is not None:
                checks[i] = (_spelt(need) if need else None, tuple(map(_spelt, sets)), strings)
        # key character -> (the regexes keyed on it alone, (test, the regex keyed on the character
        # and the test) …): a test is a string a text holds (a character or a two-character
        # string, ``_gram``), or a tuple of them of which it holds one; sets of characters are
        # spelt as by ``_spelt``
        by_char = {}
        for c in sorted(set(alone) | set(pairs)):
            both = []
            for bit, second in pairs.get(c, {}).items():
                got = grams.get(c, {}).get(bit)
                held = _spelt(second) if got is None else tuple(sorted(got))
                both.append((held[0] if len(held) == 1 else tuple(held), bit))
            by_char[c] = (alone.get(c, 0), tuple(both))
        if not (pool_strings and pooled):
            return always, always_bits, checks, by_char, 0, None
        kept = cls._strings(frozenset(pooled))
        return always, always_bits, checks, by_char, string_bits, (any_of(kept) if type(kept) is tuple else kept).pattern

    @staticmethod
    def _ideographs(lits: frozenset[str]) -> frozenset[str] | None:
        """The CJK ideographs found in every one of the strings: a match holds all of them (it holds
        one of the strings lowercased, and no other character lowercases to an ideograph), so a
        text missing one cannot match. Tested against the text's own characters."""
        common = frozenset.intersection(
            *(frozenset(c for c in x if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff") for x in lits)
        )
        return common or None

    @staticmethod
    def _gram(anchor: str, c: str, strings: frozenset[str], weight: dict[str, float], floor: float) -> str | None:
        """A string of two characters, ``anchor`` and a neighbour of it, found in every one of the
        (lowercased) ``strings``: a text holding one of the strings holds it. Preferably the
        one of ``anchor`` and ``c``, else the one whose other character is rarest (``_weights``).
        Only characters that nothing else lowercases to (``_uncased``), which a text holds
        wherever its lowercase does, and in the same order; None when there is none."""
        if not _uncased(anchor):
            return None
        common: set[str] | None = None
        for x in strings:
            got = {x[j:j + 2] for j in range(len(x) - 1) if anchor in x[j:j + 2] and all(map(_uncased, x[j:j + 2]))}
            common = got if common is None else common & got
            if not common:
                return None
        if not common:
            return None
        return min(common, key=lambda g: (c not in g.replace(anchor, "", 1), weight.get(g.replace(anchor, "", 1), floor), g))

    @staticmethod
    def _spread(lits: frozenset[str]) -> list[tuple[frozenset[str], frozenset[str] | None]] | None:
        """Of each of the (lowercased) strings ``lits``, its two rarest characters (``_weights``):
        a text that a string comes from holds both. Only characters that nothing else lowercases to
        (``_uncased``) count, and ASCII letters with the characters ``re.IGNORECASE`` matches them
        with (v: v, V; k: k, K, KELVIN SIGN). None when a string has none of those."""
        weight = _weights()
        floor = weight[""]
        out = []
        for x in sorted(lits):
            options = {frozenset(c) for c in x if _uncased(c)}
            options |= {frozenset({c, c.upper(), *_ASCII_FOLDS.get(c, "")}) for c in x if "a" <= c <= "z"}
            if not options:
                return None
            first, *rest = sorted(options, key=lambda s: (fsum(weight.get(c, floor) for c in s), sorted(s)))
            out.append((first, rest[0] if rest else None))
        return out

    @staticmethod
    def _strings(lits: frozenset[str]) -> tuple[str, ...] | re.Pattern[str]:
        """The test "does a text hold one of ``lits``": a string holding another one is dropped
        (a text holding it holds the other); a few are tested with ``in``, many with one regex."""
        kept = sorted(x for x in lits if not any(y != x and y in x for y in lits))
        if len(kept) <= 8:
            return tuple(kept)
        return any_of(kept)

    def candidates(self, text: str) -> list[int]:
        hits = _HITS.get(text)
        if hits is None:
            hits = key_hits(text)
        if self._keys.isdisjoint(hits):  # the common outcome: no key character in the text
            return self._always
        # what the other tests ask of: the text itself (``in`` scans it at C speed), or when it is
        # long and would be scanned many times, the set of its characters
        bits = self._always_bits
        by_char = self._by_char
        if len(text) <= _SHORT:
            has = text
            for c in self._keys.intersection(hits):
                alone, both = by_char[c]
                bits |= alone
                for second, bit in both:
                    if second in has if type(second) is str else any(map(has.__contains__, second)):
                        bits |= bit
        else:  # the same tests, a text's characters looked up in their set (``_meets``)
            has = chars_of(text)
            for c in self._keys.intersection(hits):
                alone, both = by_char[c]
                bits |= alone
                for second, bit in both:
                    if _meets(has, text, second):
                        bits |= bit
        checks = self._checks
        low: object = _UNSET
        if (bits & self._string_bits).bit_count() > 1:  # several string tests ahead: one for all
            low = folded(text)
            if low is not None and self._any_string.search(low) is None:  # type: ignore[union-attr]
                bits &= ~self._string_bits
        keep = []
        while bits:
            lowest = bits & -bits
            bits ^= lowest
            i = lowest.bit_length() - 1
            check = checks.get(i)
            if check is not None:
                need, sets, strings = check
                if need is not None and not all(map(has.__contains__, need)):
                    continue
                if sets and not all(any(map(has.__contains__, cl)) for cl in sets):
                    continue
                if strings is not None:
                    if low is _UNSET:
                        low = folded(text)
                    if low is None:  # a character folding onto ASCII: no literal test
                        pass
                    elif type(strings) is tuple:
                        if not any(map(low.__contains__, strings)):  # type: ignore[attr-defined]
                            continue
                    elif strings.search(low) is None:  # type: ignore[union-attr]
                        continue
            keep.append(i)
        return keep
