"""Outline: the document's title, preamble, table of contents and nested sections.

The heading syntax lives in ``grammars/outline.lark``: its marker terminals classify each block,
and its structure rules nest the block tokens (LALR, one token per block). The parser never
raises: every token sequence is a valid document, and malformed structure is left for the S rules.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING

from reportlint.document import Block, BlockKind, Document
from reportlint.numerals import parse_number
from reportlint.prefilter import compiled, first_class, trigger, trigger_chars
from reportlint.resources import read_text


if TYPE_CHECKING:  # schema types only: rules read frozen records (reportlint.frozen)
    from lark import Lark

    from reportlint.data.ruleset import OutlineWords


LEVEL_TOKENS = {1: "H1", 2: "H2", 3: "H3", 4: "H4"}
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_TRAILING_PUNCT = "。，,；;：:！？!?、 \t"
_MD_PREFIX = re.compile(r"[ \t\u3000]*(?:#{1,6}[ \t]+|>[ \t]*|\*\*)?[ \t\u3000]*")
_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")
_TOC_PAGE = re.compile(r"[ \t.．·…—-]*\d*\s*$")  # "……3" page references in a table of contents
_DIGITS_IN = re.compile(r"\d+|[一二三四五六七八九十]+")


# --------------------------------------------------------------------------------------- model


@dataclass(slots=True)
class Heading:
    level: int  # 1: 一、  2: （一）  3: 1.  4: （1）
    marker: str  # the marker as printed, e.g. "（一）" or "(一)"
    number: int | None
    title: str  # heading text after the marker, up to the end of its first sentence
    block: Block
    start: int  # offset of the marker in block.text
    end: int  # offset just after the marker
    has_inline_body: bool  # the block goes on after the heading sentence

    @property
    def text(self) -> str:
        return self.marker + self.title

    def key(self) -> tuple[int, int | None, str]:
        """Identity of a heading for comparing a table of contents with the body."""
        return (self.level, self.number, normalise_title(self.title))


@dataclass(slots=True)
class Enumerator:
    """An inline enumeration marker inside a paragraph: 一是 / 第一."""

    kind: str  # "shi" (一是) or "ordinal" (第一)
    number: int
    block: Block
    start: int
    end: int


@dataclass(slots=True)
class Paragraph:
    block: Block
    enumerators: list[Enumerator] = field(default_factory=list)
    offset: int = 0  # where the paragraph's own text starts (after a heading sentence)

    @property
    def text(self) -> str:
        return self.block.text[self.offset :]


@dataclass(slots=True, eq=False)
class Section:
    heading: Heading
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None

    @property
    def level(self) -> int:
        return self.heading.level

    @property
    def number(self) -> int | None:
        return self.heading.number

    @property
    def title(self) -> str:
        return self.heading.title

    def walk(self) -> Iterator[Section]:
        """This section and all below it, in document order (pre-order)."""
        return _preorder([self])

    def has_text(self) -> bool:
        """True when the section says anything: body text, an inline body, or children."""
        return bool(self.children) or self.heading.has_inline_body or any(p.text.strip() for p in self.paragraphs)

    def last_block(self) -> Block:
        if self.children:
            return self.children[-1].last_block()
        if self.paragraphs:
            return self.paragraphs[-1].block
        return self.heading.block


def _preorder(sections: list[Section]) -> Iterator[Section]:
    """``sections`` and all below them in document order; a stack instead of nested generators,
    so a deep section costs no more than a shallow one."""
    stack = list(reversed(sections))
    while stack:
        section = stack.pop()
        yield section
        stack.extend(reversed(section.children))


@dataclass(slots=True)
class Outline:
    title: Block | None = None
    front: list[Paragraph] = field(default_factory=list)  # blocks before the title
    preamble: list[Paragraph] = field(default_factory=list)  # after the title, before the first section
    toc: list[Heading] = field(default_factory=list)  # a leading table of contents
    toc_blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)  # top-level sections
    # block.index -> offset just after the outline marker the block opens with (0: none), for
    # every block ``build_outline`` matched (non-blank, not a cell, not a comment line): what
    # ``match_heading`` found, kept so that typography's marker lookup does not match it again
    marker_ends: dict[int, int] = field(default_factory=dict)

    def walk(self) -> Iterator[Section]:
        """Every section, in document order (pre-order)."""
        return _preorder(self.sections)

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every body paragraph, in document order (front, preamble, then section bodies)."""
        yield from self.front
        yield from self.preamble
        for s in self.walk():
            yield from s.paragraphs

    @property
    def title_text(self) -> str | None:
        return self.title.text.strip() if self.title else None


def normalise_title(title: str) -> str:
    t = _TOC_PAGE.sub("", title)
    return re.sub(r"[\s。，,；;：:、“”\"'‘’]", "", t)


# ---------------------------------------------------------------------------------- grammar


class Node:
    """A node of the outline's parse tree: the rule's name (``data``) and its ``children`` — nodes
    and block tokens, a token being its position in the list of block kinds (an int). Equal to a
    node (or a ``lark.Tree``) of the same name and children."""

    __slots__ = ("data", "children")

    def __init__(self, data: str, children: list):
        self.data = data
        self.children = children

    def __eq__(self, other: object) -> bool:
        try:
            return self.data == other.data and self.children == other.children  # type: ignore[attr-defined]
        except AttributeError:
            return False

    __hash__ = None  # type: ignore[assignment]  # mutable, like lark.Tree

    def __repr__(self) -> str:
        return f"Node({self.data!r}, {self.children!r})"


@dataclass(frozen=True)
class Syntax:
    markers: tuple[tuple[int, re.Pattern[str]], ...]  # (level, regex) from H1_MARK..H4_MARK
    enum: re.Pattern[str]
    ordinal: re.Pattern[str]
    # the marker regexes as one alternation, a group per level in level order, so one ``match``
    # tells the level: alternatives are tried in order at the same place, exactly as trying the
    # markers one after the other (None when they cannot be joined; ``match_heading`` then loops)
    heading: re.Pattern[str] | None
    levels: dict[str, int]  # group name in ``heading`` -> level
    # (kind, regex, gate) per inline marker: the regex as a scanner (``_scanner``: group "all" is
    # the match), and a one-character-class regex for characters every match holds
    # (``prefilter.trigger``, None if there is no such set): a block without one has no marker
    inline: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]
    inline_gate: re.Pattern[str] | None  # the gates' characters together (None if one has none)
    # the parser's tables for "document", resolved ahead for ``_drive`` (None: Lark.parse is used)
    tables: _Tables | None = None

    @property
    def parser(self) -> Lark:
        """Lark's parser of the grammar (lark is imported here, when first needed)."""
        return _parser()


@dataclass(frozen=True)
class _Tables:
    """Lark's LALR tables for the start symbol ``document``, every action resolved ahead: state ->
    symbol -> (True, next state) for a shift, (False, size, rule name, tree builder) for a reduce
    (``_builder``: Lark's tree building for that rule, so the tree is the one ``Lark.parse``
    builds, as ``Node``s)."""

    states: dict[int, dict[str, tuple]]
    start: int
    end: int


_START = ["document", "marker", "inline"]
_LEXER_MARK = "reportlint-block-lexer"  # stands for _BlockLexer in a stored parser
_TERMINALS = ("H1_MARK", "H2_MARK", "H3_MARK", "H4_MARK", "ENUM_MARK", "ORDINAL_MARK")
_GRAMMAR_FORMAT = "2"  # bump when what ``_grammar_entry`` stores changes shape


def _import_lark() -> None:
    """Import lark with the third-party ``regex`` module hidden. lark imports ``regex`` whenever
    it is installed (~30 ms on this machine) only to serve ``Lark(regex=True)``, which reportlint
    does not use. ``regex`` stays importable after. Done where lark is first needed: a run that
    finds the grammar's terminals and tables in the cache (``_grammar_entry``) imports no lark."""
    if "lark" in sys.modules or "regex" in sys.modules:
        return
    sys.modules["regex"] = None  # type: ignore[assignment]  # makes ``import regex`` fail
    try:
        import lark  # noqa: F401
    except ImportError:  # pragma: no cover - reported by the import below
        pass
    finally:
        if "regex" in sys.modules and sys.modules["regex"] is None:
            del sys.modules["regex"]


@lru_cache(maxsize=1)
def _block_lexer() -> type:
    """The lexer class handed to Lark: it feeds the parser the block tokens prepared by
    ``build_outline`` (one per block)."""
    _import_lark()
    from lark.lexer import Lexer

    class _BlockLexer(Lexer):
        def __init__(self, lexer_conf):  # noqa: D401 - Lark interface
            pass

        def lex(self, data):  # data: list[Token]
            yield from data

    return _BlockLexer


@lru_cache(maxsize=1)
def _parser() -> Lark:
    """The LALR parser of ``grammars/outline.lark`` (Lark.parse, for a Lark whose tables
    ``_drive`` cannot use), loaded from the grammar's cache entry (``_grammar_entry``) with
    ``Lark.load`` — plain data, the lexer class put back by name."""
    _import_lark()
    from lark import Lark

    stored = _grammar_entry()
    if _BUILT:
        return _BUILT[0]
    lexer = _block_lexer()
    try:
        return Lark.load(_swap({"data": stored["data"], "memo": stored["memo"]}, _LEXER_MARK, lexer))
    except Exception:  # noqa: BLE001 - a stored parser this Lark cannot load: build it
        return Lark(read_text("grammars", "outline.lark"), parser="lalr", lexer=lexer, start=_START)


_BUILT: list[Lark] = []  # the parser ``_grammar_entry`` built in this process, if it did


def _lark_identity() -> str:
    """Which lark is installed, told without importing it: where its package is and the text of
    its ``__init__.py`` (which holds its version). "" when it cannot be found."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("lark")
        origin = spec.origin if spec else None
        if not origin:
            return ""
        with open(origin, "rb") as fh:
            return f"{origin}\0{fh.read().decode('utf-8', 'replace')}"
    except Exception:  # noqa: BLE001 - no identity: the entry is keyed on "" and still checked
        return ""


@lru_cache(maxsize=1)
def _grammar_entry() -> dict:
    """What the outline needs from the grammar, as plain data: the serialized Lark parser
    ("data", "memo": ``Lark.memo_serialize``), the marker terminals' regexes ("terms") and the
    parse tables ("tables": ``_table_data``; None: parse with Lark.parse). Building the parser
    (Lark compiles its own grammar of grammars first) is most of the outline's start-up, and
    importing lark costs ~45 ms more: the entry is kept in the cache (``reportlint.cache``), keyed
    by the grammar, the installed lark (found without importing it) and this module's code, so
    that a later process reads the terminals and tables without importing lark at all."""
    from reportlint import cache

    text = read_text("grammars", "outline.lark")

    def build() -> dict:
        _import_lark()
        from lark import Lark
        from lark.grammar import Rule
        from lark.lexer import TerminalDef

        lexer = _block_lexer()
        parser = Lark(text, parser="lalr", lexer=lexer, start=_START)
        _BUILT[:] = [parser]
        data, memo = parser.memo_serialize([TerminalDef, Rule])
        terms = {t.name: t.pattern.to_regexp() for t in parser.terminals}
        return {
            **_swap({"data": data, "memo": memo}, lexer, _LEXER_MARK),
            "terms": {name: terms[name] for name in _TERMINALS},
            "tables": _table_data(parser),
        }

    if not cache.enabled():
        return build()
    name = cache.key("grammar", _GRAMMAR_FORMAT, text, _lark_identity(), cache.source_hash("outline", "outline.py"))
    stored = cache.cached(name, build)
    if not (isinstance(stored, dict) and {"data", "memo", "terms", "tables"} <= set(stored)):
        return build()  # pragma: no cover - a foreign entry under this key
    return stored


def _table_data(parser: Lark) -> dict | None:
    """The LALR tables of a built parser for "document" as plain data: state -> symbol -> (True,
    next state) for a shift, (False, size, rule name, spec) for a reduce, where spec = (tree name,
    expand a single child, included children) tells ``_builder`` how Lark builds the rule's tree.
    None when this Lark keeps its tables elsewhere or builds trees in a way ``_builder`` does not
    reproduce (every rule's builder is compared with Lark's on sample children)."""
    try:
        from lark.parsers.lalr_analysis import Shift

        inner = parser.parser.parser.parser  # ParsingFrontend -> LALR_Parser -> _Parser
        table, callbacks = inner.parse_table, inner.callbacks
        if any(isinstance(key, str) for key in callbacks):  # a callback on a token: not driven here
            return None
        opts = parser.options
        if opts.propagate_positions or opts.ambiguity not in ("auto", "resolve") or opts.transformer or opts.keep_all_tokens:
            return None
        specs = {}
        for rule in callbacks:
            spec = _rule_spec(rule)
            if spec is None or not _same_builder(callbacks[rule], spec, rule):
                return None
            specs[rule] = spec
        states = {
            int(state): {
                str(name): (True, int(arg)) if action is Shift else (False, len(arg.expansion), str(arg.origin.name), specs[arg])
                for name, (action, arg) in actions.items()
            }
            for state, actions in table.states.items()
        }
        # plain str and int only (lark's names are its Token, a str subclass the cache cannot load)
        return {"states": states, "start": int(table.start_states["document"]), "end": int(table.end_states["document"])}
    except Exception:  # noqa: BLE001 - another Lark: parse with Lark.parse
        return None


def _rule_spec(rule) -> tuple | None:
    """(tree name, expand a single child, included children or None for all as they are) of a
    Lark rule, as ``lark.parse_tree_builder`` decides them (no placeholders, no kept tokens)."""
    options = rule.options
    if options.empty_indices or options.keep_all_tokens:
        return None
    name = rule.alias or options.template_source or rule.origin.name
    expand1 = bool(options.expand1 and not rule.alias)
    include = tuple(
        (i, not sym.is_term and sym.name.startswith("_"))  # "_rule": its children spliced in
        for i, sym in enumerate(rule.expansion)
        if not (sym.is_term and sym.filter_out)
    )
    if len(include) == len(rule.expansion) and not any(expand for _, expand in include):
        include = None  # no child filter
    return (str(name), expand1, include)


def _same_builder(callback, spec: tuple, rule) -> bool:
    """Whether ``_builder(spec)`` builds what Lark's ``callback`` builds for ``rule`` on sample
    children (a sub-tree of two tokens for each rule symbol, a token for each terminal)."""
    from lark import Tree

    def sample(as_tree):
        return [
            as_tree(f"c{i}", [f"{i}a", f"{i}b"]) if not sym.is_term else f"t{i}" for i, sym in enumerate(rule.expansion)
        ]

    got = _builder(*spec)(sample(Node))
    want = callback(sample(Tree))
    return _as_nodes(want) == got if not isinstance(got, str) else got == want


def _builder(name: str, expand1: bool, include: tuple | None):
    """Lark's tree building for one rule (``lark.parse_tree_builder``: the child filter splices
    the children of inlined ``_rule``s and drops filtered tokens, then a ``?rule`` with a single
    child is that child), building ``Node``s."""

    def build(children: list):
        if include is not None:
            filtered: list = []
            for i, expand in include:
                if expand:
                    if filtered:
                        filtered += children[i].children
                    else:  # as Lark: the first spliced child's list is reused
                        filtered = children[i].children
                else:
                    filtered.append(children[i])
            children = filtered
        if expand1 and len(children) == 1:
            return children[0]
        return Node(name, children)

    return build


def _tables(data: dict | None) -> _Tables | None:
    """``_Tables`` from ``_table_data``'s plain data (a tree builder made for every reduce)."""
    if data is None:
        return None
    builders: dict[tuple, object] = {}

    def resolve(action: tuple) -> tuple:
        if action[0]:
            return action
        _, size, origin, spec = action
        spec = (spec[0], spec[1], None if spec[2] is None else tuple(tuple(x) for x in spec[2]))
        if spec not in builders:
            builders[spec] = _builder(*spec)
        return (False, size, origin, builders[spec])

    states = {state: {name: resolve(tuple(action)) for name, action in actions.items()} for state, actions in data["states"].items()}
    return _Tables(states, data["start"], data["end"])


def _drive(tables: _Tables, kinds: list[str]) -> Node:
    """The parse tree of block tokens of ``kinds``: Lark's LALR loop (``ParserState.feed_token``)
    over its own tables and tree building, without a Token per block; a token is its position in
    ``kinds`` in the tree. Raises KeyError on a sequence the grammar rejects."""
    table = tables.states
    states = [tables.start]
    values: list = []
    for k, kind in enumerate(kinds + ["$END"]):
        while True:
            action = table[states[-1]][kind]
            if action[0]:  # shift
                if kind == "$END":
                    raise KeyError(kind)
                states.append(action[1])
                values.append(k)
                break
            _, size, origin, build = action  # reduce, then shift the rule's symbol
            if size:
                children = values[-size:]
                del states[-size:]
                del values[-size:]
            else:
                children = []
            value = build(children)
            states.append(table[states[-1]][origin][1])
            values.append(value)
            if kind == "$END" and states[-1] == tables.end:
                return value


def parse_blocks(kinds: list[str]) -> Node:
    """The tree ``grammars/outline.lark`` gives the block tokens of ``kinds`` (start ``document``);
    each token appears in it as its position in ``kinds`` (an int)."""
    syn = syntax()
    if syn.tables is not None:
        return _drive(syn.tables, kinds)
    from lark import Token

    return _indexed(syn.parser.parse([Token(kind, str(k)) for k, kind in enumerate(kinds)], start="document"))


def _indexed(tree) -> Node:
    """A ``lark.Tree`` of tokens as ``Node``s, every token replaced by its position (its value)."""
    return Node(tree.data, [_indexed(c) if hasattr(c, "children") else int(c) for c in tree.children])


def _as_nodes(value):
    """A ``lark.Tree`` as ``Node``s (tokens and other leaves as they are)."""
    if hasattr(value, "children") and hasattr(value, "data"):
        return Node(value.data, [_as_nodes(c) for c in value.children])
    return value


def _swap(value, old, new):
    """A copy of serialized parser data with every ``old`` (the lexer class or its mark) replaced."""
    if value is old or (isinstance(value, str) and value == old):
        return new
    if isinstance(value, dict):
        return {k: _swap(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_swap(v, old, new) for v in value]
    if isinstance(value, tuple):
        return tuple(_swap(v, old, new) for v in value)
    return value


@lru_cache(maxsize=1)
def syntax() -> Syntax:
    data = _grammar_entry()
    terms = data["terms"]
    markers = tuple((lvl, re.compile(terms[f"H{lvl}_MARK"])) for lvl in (1, 2, 3, 4))
    levels = {f"H{lvl}": lvl for lvl, _ in markers}
    try:
        heading: re.Pattern[str] | None = re.compile("|".join(f"(?P<H{lvl}>{rx.pattern})" for lvl, rx in markers))
    except re.error:  # e.g. global flags, which must open a regex
        heading = None
    inline = tuple((kind, _scanner(terms[name]), trigger(terms[name])) for kind, name in (("shi", "ENUM_MARK"), ("ordinal", "ORDINAL_MARK")))
    return Syntax(
        markers=markers,
        enum=re.compile(terms["ENUM_MARK"]),
        ordinal=re.compile(terms["ORDINAL_MARK"]),
        heading=heading,
        levels=levels,
        inline=inline,
        tables=_tables(data["tables"]),
        inline_gate=_one_of(trigger_chars(terms["ENUM_MARK"]), trigger_chars(terms["ORDINAL_MARK"])),
    )


def _scanner(regex: str) -> re.Pattern[str]:
    """``regex`` for a scan that searches again from the end of each match (as ``finditer``), the
    match being group "all": led by the class of the characters its matches start with
    (``facts.scan.capture_led``: ``re`` skips every other position at C speed; the marker regexes
    open with a look-behind, which ``re`` would otherwise enter at every position)."""
    from reportlint.facts.scan import capture_led  # here: reportlint.facts imports this module

    first = first_class(regex)
    if first is not None and not re.match(f"[{first}]", "\n"):
        try:
            return capture_led(first, regex)
        except re.error:  # e.g. a group named "all", global flags
            pass
    return re.compile(f"(?P<all>{regex})")


def _one_of(*sets: frozenset[str] | None) -> re.Pattern[str] | None:
    """A regex for one character of any of ``sets``; None when one of them is None (no bound)."""
    if any(x is None for x in sets):
        return None
    chars = sorted(set().union(*sets))  # type: ignore[arg-type]
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


# ----------------------------------------------------------------------------- classification


def match_heading(block: Block) -> Heading | None:
    """The heading a block opens with, if any."""
    text = block.text
    m = _MD_PREFIX.match(text)
    pos = m.end() if m else 0
    syn = syntax()
    if syn.heading is not None:
        mm = syn.heading.match(text, pos)
        if mm is None:
            return None
        return _heading(block, syn.levels[mm.lastgroup], mm, pos)  # type: ignore[index]
    for level, regex in syn.markers:
        mm = regex.match(text, pos)
        if mm:
            return _heading(block, level, mm, pos)
    return None


@lru_cache(maxsize=1024)
def _number(marker: str) -> int | None:
    """The number a marker carries (``（三）`` -> 3, ``12.`` -> 12, ``三是`` -> 3, ``第二`` -> 2).
    The same few markers open the headings and lists of every report: each is worked out once."""
    digits = _DIGITS_IN.search(marker)
    return parse_number(digits.group(0)) if digits else None


def _heading(block: Block, level: int, mm: re.Match[str], pos: int) -> Heading | None:
    """The heading whose marker ``mm`` (of ``level``) opens ``block`` at ``pos``, unless what
    follows the marker shows it is none."""
    text = block.text
    marker = mm.group(0)
    number = _number(marker)
    rest = text[mm.end() :]
    stripped = rest.lstrip(" \t\u3000")
    if not stripped or stripped[0] in "、，,。%％":
        return None  # "1、" alone, "一、，" — not a heading
    end_m = _SENTENCE_END.search(rest)
    if end_m:
        title = rest[: end_m.start()]
        inline_body = bool(rest[end_m.end() :].strip())
    else:
        title, inline_body = rest, False
    return Heading(
        level=level,
        marker=marker,
        number=number,
        title=title.strip().rstrip(_TRAILING_PUNCT).replace("**", ""),
        block=block,
        start=pos,
        end=mm.end(),
        has_inline_body=inline_body,
    )


def find_enumerators(block: Block, offset: int = 0) -> list[Enumerator]:
    text = block.text
    syn = syntax()
    out: list[Enumerator] = []
    if syn.inline_gate is not None and syn.inline_gate.search(text, offset) is None:
        return out  # no character an inline marker holds (most blocks, told at C speed)
    for kind, regex, gate in syn.inline:
        if gate is not None and gate.search(text, offset) is None:
            continue
        search = regex.search
        pos = offset
        while (m := search(text, pos)) is not None:  # finditer: on from the end of each match
            start, pos = m.span("all")
            n = _number(text[start:pos])
            if n:
                out.append(Enumerator(kind, n, block, start, pos))
    if len(out) > 1:
        out.sort(key=_start)
    return out


_start = attrgetter("start")


def _is_title(text: str, words: OutlineWords) -> bool:
    t = text.strip()
    if not t or len(t) > 80:
        return False
    if any(compiled(p).search(t) for p in words.title_exclude):
        return False
    if _SENTENCE_END.search(t.rstrip("。")):
        return False
    return any(w in t for w in words.title_keywords)


def _find_toc(items: list[tuple[Block, Heading | None]], words: OutlineWords) -> tuple[int, int] | None:
    """Range [i, j) of a leading table of contents in ``items`` (non-blank blocks), if any.

    A table of contents is the first run of at least two bare headings (optionally after a
    目录 line) whose first entry is repeated later as a heading of the body.
    """
    n = len(items)
    i = 0
    # only the part before the first heading that carries body text can hold a table of contents
    while i < n:
        block, head = items[i]
        if head is not None:
            break
        if block.text.strip().replace(" ", "").replace("\u3000", "") in words.toc_headings:
            i += 1
            break
        i += 1
    start = i
    j = start
    while j < n and items[j][1] is not None and not items[j][1].has_inline_body and len(items[j][0].text) <= 60:
        j += 1
    if j - start < 2:
        return None
    first = items[start][1]
    assert first is not None
    key = first.key()
    for _, later in items[j:]:
        # level and number first: only a heading that agrees on both needs its title normalised
        if later is not None and later.level == key[0] and later.number == key[1] and later.key() == key:
            toc_start = start - 1 if start > 0 and items[start - 1][1] is None and items[start - 1][0].text.strip().replace(" ", "").replace("\u3000", "") in words.toc_headings else start
            return toc_start, j
    return None


def build_outline(doc: Document, words: OutlineWords) -> Outline:
    """Parse the document's blocks into an Outline. Never raises on any document."""
    items: list[tuple[Block, Heading | None]] = []
    for block in doc.blocks:
        if block.kind is BlockKind.CELL or not block.text.strip() or _COMMENT_LINE.match(block.text):
            continue
        items.append((block, match_heading(block)))
    marker_ends = {block.index: head.end if head is not None else 0 for block, head in items}

    toc = _find_toc(items, words)
    toc_range = range(toc[0], toc[1]) if toc else range(0)

    # title: first title-like block before the first body heading (a TOC may come before it)
    title_idx: int | None = None
    for k, (block, head) in enumerate(items):
        if k in toc_range:
            continue
        if head is not None:
            break
        if _is_title(block.text, words):
            title_idx = k
            break

    kinds: list[str] = []
    for k, (block, head) in enumerate(items):
        if k in toc_range:
            kinds.append("TOC_ENTRY")
        elif k == title_idx:
            kinds.append("TITLE")
        elif head is not None:
            kinds.append(LEVEL_TOKENS[head.level])
        else:
            kinds.append("PARA")

    outline = Outline(marker_ends=marker_ends)
    if not kinds:
        return outline
    tree = parse_blocks(kinds)

    def para(k: int, offset: int = 0) -> Paragraph:
        block = items[k][0]
        return Paragraph(block, find_enumerators(block, offset), offset)

    def make_section(node: Node, parent: Section | None) -> Section:
        head_tok = node.children[0]
        heading = items[head_tok][1]
        assert heading is not None
        section = Section(heading=heading, parent=parent)
        if heading.has_inline_body:
            # the heading's own block carries body text after its first sentence
            end = _SENTENCE_END.search(heading.block.text, heading.end)
            section.paragraphs.append(para(head_tok, end.end() if end else heading.end))
        for child in node.children[1:]:
            if isinstance(child, int):
                section.paragraphs.append(para(child))
            else:
                section.children.append(make_section(child, section))
        return section

    lead, *sections = tree.children
    seen_title = False
    for child in lead.children:
        if isinstance(child, Node):  # toc
            for tok in child.children:
                block, head = items[tok]
                outline.toc_blocks.append(block)
                if head is not None:
                    outline.toc.append(head)
        elif kinds[child] == "TITLE":
            outline.title = items[child][0]
            seen_title = True
        else:
            (outline.preamble if seen_title else outline.front).append(para(child))
    if outline.title is None:  # no title: everything before the first section is preamble
        outline.preamble, outline.front = outline.front, []
    outline.sections = [make_section(s, None) for s in sections]
    return outline
