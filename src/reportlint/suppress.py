"""Inline suppressions.

.txt/.md: ``<!-- reportlint: disable=A201,P301 -->`` on its own line silences those codes on the
next non-blank line; ``<!-- reportlint: disable-file -->`` (optionally ``=CODES``) silences the
whole file. Text after `` -- `` is a reason: ``<!-- reportlint: disable=A201 -- 口径不同 -->``.
.docx: a Word comment whose text is ``reportlint: disable=A201`` silences its paragraph.
A code may be a prefix (``P`` or ``P3``); no code means every rule.
Every directive is kept as a ``Directive`` (where it is written, what it silences, its reason), so
rule P390 can report a directive that silences nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlint.document import Block, Document
from reportlint.findings import Finding

if TYPE_CHECKING:
    from reportlint.rules.base import Context

_DIRECTIVE = re.compile(
    r"reportlint\s*[:：]\s*(?P<verb>disable-file|disable)\s*(?:[=＝]\s*(?P<codes>[A-Za-z0-9 ,，]*?))?\s*(?:--\s*(?P<reason>.*?))?\s*$"
)
_HTML_COMMENT = re.compile(r"^\s*<!--\s*(?P<body>.*?)\s*-->\s*$")

ALL = ("",)  # a prefix every code starts with


def _codes(raw: str | None) -> tuple[str, ...]:
    if not raw or not raw.strip():
        return ALL
    return tuple(c.strip().upper() for c in re.split(r"[ ,，]+", raw) if c.strip())


@dataclass(slots=True)
class Directive:
    """One ``reportlint: disable…`` directive as written."""

    block: Block  # the comment line (.txt/.md) or the commented paragraph (.docx)
    verb: str  # "disable" | "disable-file"
    codes: tuple[str, ...]  # prefixes; ALL for every rule
    reason: str | None = None  # the text after `` -- ``
    word_comment: bool = False  # a .docx Word comment rather than an HTML comment line
    target: int | None = None  # block.index silenced by a "disable"; None: nothing follows it

    def covers(self, finding: Finding) -> bool:
        return any(self.covers_code(finding, p) for p in self.codes)

    def covers_code(self, finding: Finding, prefix: str) -> bool:
        """Whether the code ``prefix`` of this directive silences ``finding``."""
        if self.verb != "disable-file" and finding.block.index != self.target:
            return False
        return finding.code.startswith(prefix)


@dataclass(slots=True)
class Suppressions:
    file_codes: tuple[str, ...] = ()
    block_codes: dict[int, tuple[str, ...]] = field(default_factory=dict)  # block.index -> codes
    directives: list[Directive] = field(default_factory=list)

    def __bool__(self) -> bool:
        """Whether any directive silences something (most documents have none)."""
        return bool(self.file_codes or self.block_codes)

    def covers(self, finding: Finding) -> bool:
        code = finding.code
        if any(code.startswith(p) for p in self.file_codes):
            return True
        codes = self.block_codes.get(finding.block.index, ())
        return any(code.startswith(p) for p in codes)


def parse_directive(text: str) -> tuple[str, tuple[str, ...]] | None:
    m = _DIRECTIVE.search(text.strip())
    if not m:
        return None
    return m.group("verb"), _codes(m.group("codes"))


def parse_reason(text: str) -> str | None:
    """The reason after `` -- `` in a directive, if any."""
    m = _DIRECTIVE.search(text.strip())
    reason = m.group("reason").strip() if m and m.group("reason") else ""
    return reason or None


def collect(doc: Document) -> Suppressions:
    sup = Suppressions()
    pending: tuple[str, ...] = ()
    pending_directives: list[Directive] = []
    file_codes: list[str] = []
    for block in doc.blocks:
        for comment in block.comments:  # Word comments
            d = parse_directive(comment)
            if d:
                verb, codes = d
                sup.directives.append(Directive(block, verb, codes, parse_reason(comment), True, block.index))
                if verb == "disable-file":
                    file_codes.extend(codes)
                else:
                    sup.block_codes[block.index] = sup.block_codes.get(block.index, ()) + codes
        m = _HTML_COMMENT.match(block.text) if "<!--" in block.text else None  # most lines: no comment
        if m:
            d = parse_directive(m.group("body"))
            if d:
                verb, codes = d
                directive = Directive(block, verb, codes, parse_reason(m.group("body")))
                sup.directives.append(directive)
                if verb == "disable-file":
                    file_codes.extend(codes)
                else:
                    pending = pending + codes
                    pending_directives.append(directive)
            continue
        if pending and block.text.strip():
            sup.block_codes[block.index] = sup.block_codes.get(block.index, ()) + pending
            for directive in pending_directives:
                directive.target = block.index
            pending = ()
            pending_directives = []
    sup.file_codes = tuple(file_codes)
    return sup


def suppressions(ctx: Context) -> Suppressions:
    """``collect(ctx.document)``, once per document (the engine filters with it, P390 judges it)."""
    return ctx.shared("suppress.collected", lambda: collect(ctx.document))


def findings_so_far(ctx: Context) -> dict[str, list[Finding]]:
    """Rule code -> the findings that rule gave on this document, for the rules the engine has
    already run (so that P390, which the engine runs last, need not run them again)."""
    return ctx.shared("suppress.findings-so-far", dict)
