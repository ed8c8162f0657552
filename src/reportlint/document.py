"""The Document: what every reader produces and every later stage consumes.

A document is a sequence of blocks: one line of a .txt/.md file, one body paragraph of a .docx,
or one table cell of a .docx. A block's ``text`` is what the reader of the document sees
(for .docx that includes automatic list numbers, see ``number_prefix``); columns inside it are
code-point offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class BlockKind(str, Enum):
    LINE = "line"  # a line of a .txt/.md file
    PARAGRAPH = "paragraph"  # a top-level body paragraph of a .docx
    CELL = "cell"  # a paragraph inside a .docx table cell


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of text with the place it came from.

    ``line`` is 1-based: the line number in a text file, the index among the top-level body
    paragraphs of a .docx (``Document.paragraphs`` order), or for a table cell the number of the
    last body paragraph before its table (0 if the table comes first).
    """

    index: int
    text: str
    line: int
    kind: BlockKind = BlockKind.LINE
    table: int | None = None  # 1-based table number, cells only
    row: int | None = None  # 1-based
    col: int | None = None  # 1-based
    number_prefix: int = 0  # code points at the start of ``text`` rendered from Word list numbering
    style: str | None = None  # .docx paragraph style name
    comments: tuple[str, ...] = ()  # texts of Word comments anchored on this paragraph

    @property
    def in_table(self) -> bool:
        return self.kind is BlockKind.CELL


@dataclass(slots=True)
class Document:
    path: str  # as given on the command line ("-" for stdin)
    format: str  # "txt" | "md" | "docx"
    blocks: list[Block]
    encoding: str | None = None  # text files: the encoding used to decode
    bom: bool = False
    newline: str | None = None  # text files: "\n", "\r\n" or "\r" (the dominant one)
    properties: dict[str, object] = field(default_factory=dict)  # .docx core properties

    @property
    def body_blocks(self) -> list[Block]:
        """Blocks outside tables, in order."""
        return [b for b in self.blocks if b.kind is not BlockKind.CELL]


class ReadError(Exception):
    """A file that cannot be read as a report. Carries a one-line message in both languages."""

    def __init__(self, path: str, zh: str, en: str):
        super().__init__(en)
        self.path = path
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en
