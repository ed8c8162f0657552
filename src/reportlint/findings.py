"""Findings: what rules produce and renderers print."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from reportlint.document import Block, BlockKind


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace ``block.text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str
    message_zh: str = ""
    message_en: str = ""


@dataclass(slots=True)
class Finding:
    path: str
    code: str
    name: str
    severity: Severity
    message_zh: str
    message_en: str
    block: Block
    start: int = 0  # 0-based code-point offset in block.text
    end: int = 0  # exclusive
    fix: Fix | None = None

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message_zh

    @property
    def line(self) -> int:
        return self.block.line

    @property
    def column(self) -> int:
        return self.start + 1

    @property
    def end_line(self) -> int:
        return self.block.line

    @property
    def end_column(self) -> int:
        return max(self.end, self.start) + 1

    @property
    def sort_key(self) -> tuple:
        b = self.block
        return (self.path, b.line, b.table or 0, b.row or 0, b.col or 0, b.index, self.start, self.code)

    def to_dict(self, lang: str = "zh") -> dict:
        """The JSON contract of DESIGN.md (columns 1-based, in code points)."""
        d: dict = {
            "path": self.path,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message(lang),
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }
        if self.block.kind is BlockKind.CELL:
            d.update(table=self.block.table, row=self.block.row, col=self.block.col)
        if self.fix is not None:
            d["fix"] = {
                "start_column": self.fix.start + 1,
                "end_column": self.fix.end + 1,
                "replacement": self.fix.replacement,
                "message": self.fix.message_en if lang == "en" else self.fix.message_zh,
            }
        return d
