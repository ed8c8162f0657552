"""How a document ends: its last content block, and whether it visibly stops mid-sentence.

Shared by S109 (truncated), which reports it, and S103, which stays silent about parts that a
truncated document may simply have lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlint.document import Block, BlockKind
from reportlint.frozen import by_identity
from reportlint.outline import Paragraph
from reportlint.prefilter import Gate, compiled
from reportlint.rules.base import Context

_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_TERMINAL = "。！？!?….．”』」）)》】]\"'’"
_CONTINUING = "，、：；,:;"
_LONG = 30
_MIN_CONTINUING = 8
_RESIDUE_MAX = 60  # a download-site line is short; a long paragraph is never skipped as residue
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_DATE_LINE = re.compile(r"(?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?$")
_LEFTOVER = re.compile(r"[\s\u3000,，;；|:：•·\-—]+")
# the last words of a closing rallying sentence (…贡献青山力量, …而努力奋斗, …新篇章): a complete
# sentence that only lacks its full stop, not a cut
_CLOSING = re.compile(r"(?:力量|篇章|贡献|奋斗|局面|成效|胜利|业绩|征程|画卷|答卷|新高度|新台阶|新突破|新进展)$")
_NOT_PROSE = re.compile(r"^\s*(?:\||```|[-*+][ \t]|附件|附表|注[:：]|抄送|联系人|电话)")


@dataclass(frozen=True, slots=True)
class Cut:
    """Where a truncated document stops: the last paragraph and its unfinished sentence."""

    block: Block
    start: int  # start of the unfinished sentence in block.text
    end: int  # end of the text


def is_residue(text: str, ctx: Context) -> bool:
    """A download-site line (``文档评论(0)``, ``---此处隐藏…---``), by the ruleset's ``residue``
    patterns (a line made of nothing but ``scope = "line"`` matches, or holding an ``inline``
    match) or its ``outline.title_exclude`` patterns (file-name and download-site lines)."""
    t = text.strip()
    if not t or len(t) > _RESIDUE_MAX:
        return False
    patterns, gate = _residue(ctx.ruleset.residue)
    # only the patterns the gate lets through can match t (the answer is an "or" of pure tests:
    # their order does not change it)
    lines = False
    for i in gate.candidates(t):
        regex, exceptions = patterns[i]
        if exceptions is None:
            lines = True
        elif _inline_hit(regex, exceptions, t):
            return True
    if lines:  # (when no line pattern matches t, every sub leaves it as it is: rest == t)
        rest = t
        for regex, exceptions in patterns:
            if exceptions is None:
                rest = regex.sub(" ", rest)
        if rest != t and not _LEFTOVER.sub("", rest):
            return True
    return any(compiled(p).search(t) for p in ctx.ruleset.outline.title_exclude)


@by_identity
def _residue(patterns) -> tuple[list[tuple[re.Pattern[str], tuple[re.Pattern[str], ...] | None]], Gate]:
    """The ruleset's ``residue`` patterns compiled once per ruleset, in order: (regex, None) for a
    line pattern, (regex, its exceptions) for an inline one; and a ``Gate`` over them."""
    compiled_patterns = [
        (compiled(p.regex), None if p.scope == "line" else tuple(compiled(x) for x in p.exceptions)) for p in patterns
    ]
    return compiled_patterns, Gate([p.regex for p in patterns], pool_strings=True)


def _inline_hit(regex: re.Pattern[str], exceptions: tuple[re.Pattern[str], ...], text: str) -> bool:
    for m in regex.finditer(text):
        inside = any(e.start() <= m.start() and m.end() <= e.end() for x in exceptions for e in x.finditer(text))
        if not inside:
            return True
    return False


def last_content_block(ctx: Context) -> Block | None:
    """The last block that is neither blank, a comment, nor download-site residue.

    None when the document ends with a table: a table cell says nothing about a cut sentence.
    """
    for block in reversed(ctx.document.blocks):
        text = block.text.strip()
        if not text or _COMMENT.match(text) or is_residue(text, ctx):
            continue
        if block.kind is BlockKind.CELL:
            return None
        return block
    return None


def _paragraph_of(block: Block, ctx: Context) -> Paragraph | None:
    outline = ctx.outline
    candidates = list(outline.preamble)
    for s in outline.walk():
        candidates.extend(s.paragraphs)
    for p in reversed(candidates):
        if p.block.index == block.index:
            return p
    return None


def truncation(ctx: Context) -> Cut | None:
    """The cut, when the document's last content is a body paragraph stopping mid-sentence
    (S103, S104, S108 and S109 all ask: found once per document)."""
    return ctx.shared("structure.truncation", lambda: _truncation(ctx))


def _truncation(ctx: Context) -> Cut | None:
    block = last_content_block(ctx)
    if block is None:
        return None
    para = _paragraph_of(block, ctx)
    if para is None:
        return None  # a heading, the title, a table of contents: not a cut sentence
    text = para.text.rstrip()
    stripped = text.strip()
    if not stripped or _NOT_PROSE.match(stripped) or _DATE_LINE.search(stripped):
        return None
    last = stripped[-1]
    if last in _TERMINAL:
        return None
    if last in _CONTINUING:
        if len(stripped) < _MIN_CONTINUING:
            return None
    elif len(stripped) < _LONG or _CLOSING.search(stripped):
        return None  # a signature, a heading-like line, a closing slogan that lacks its full stop
    end = para.offset + len(text)
    ends = list(_SENTENCE_END.finditer(block.text, para.offset, end - 1))
    start = ends[-1].end() if ends else para.offset
    while start < end and block.text[start] in " \t\u3000":
        start += 1
    return Cut(block, start, end)
