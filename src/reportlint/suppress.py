"""Inline suppressions.

.txt/.md: ``<!-- reportlint: disable=A201,P301 -->`` on its own line silences those codes on the
next non-blank line; ``<!-- reportlint: disable-file -->`` (optionally ``=CODES``) silences the
whole file. Text after `` -- `` is a reason: ``<!-- reportlint: disable=A201 -- 口径不同 -->``.
.docx: a Word comment whose text is ``reportlint: disable=A201`` silences its paragraph.
A code may be a prefix (``P`` or ``P3``); no code means every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportlint.document import Document
from reportlint.findings import Finding

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
class Suppressions:
    file_codes: tuple[str, ...] = ()
    block_codes: dict[int, tuple[str, ...]] = field(default_factory=dict)  # block.index -> codes

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


def collect(doc: Document) -> Suppressions:
    sup = Suppressions()
    pending: tuple[str, ...] = ()
    file_codes: list[str] = []
    for block in doc.blocks:
        for comment in block.comments:  # Word comments
            d = parse_directive(comment)
            if d:
                verb, codes = d
                if verb == "disable-file":
                    file_codes.extend(codes)
                else:
                    sup.block_codes[block.index] = sup.block_codes.get(block.index, ()) + codes
        m = _HTML_COMMENT.match(block.text)
        if m:
            d = parse_directive(m.group("body"))
            if d:
                verb, codes = d
                if verb == "disable-file":
                    file_codes.extend(codes)
                else:
                    pending = pending + codes
            continue
        if pending and block.text.strip():
            sup.block_codes[block.index] = sup.block_codes.get(block.index, ()) + pending
            pending = ()
    sup.file_codes = tuple(file_codes)
    return sup
