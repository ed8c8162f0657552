"""Schema of one ruleset file (``rulesets/*.toml`` and users' ``extend-ruleset`` files).

Validation only: ``reportlint.rulesets`` validates each file with ``RulesetFile`` and the merged
result with ``Ruleset``, then freezes it into records (``reportlint.frozen``) that rules read.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from reportlint.data import StrictModel, check_regex
from reportlint.data.arithmetic import ArithmeticData
from reportlint.data.calendar import CalendarData
from reportlint.data.typography import TypographyData

PartName = Literal["review", "problems", "plan"]


class Pattern(StrictModel):
    """A text pattern with a human description, e.g. one kind of placeholder."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    regex: str
    zh: str  # what a match is, in Chinese (used in messages)
    en: str
    scope: Literal["inline", "line"] = "inline"  # line: the whole stripped block must match
    exceptions: list[str] = []  # regexes; a match lying inside an exception match is not reported

    _v_regex = field_validator("regex")(classmethod(lambda cls, v: check_regex(v)))

    @field_validator("exceptions")
    @classmethod
    def _v_exceptions(cls, v: list[str]) -> list[str]:
        return [check_regex(x) for x in v]


class PartPatterns(StrictModel):
    heading: list[str] = []  # regexes searched in a section heading's title
    body: list[str] = []  # regexes searched in body paragraphs: the part is discussed without a heading

    @field_validator("heading", "body")
    @classmethod
    def _v(cls, v: list[str]) -> list[str]:
        return [check_regex(x) for x in v]


class OutlineWords(StrictModel):
    title_keywords: list[str] = []  # a title names the kind of document (总结, 计划 …)
    title_exclude: list[str] = []  # regexes: blocks that look like titles but are not (file names)
    toc_headings: list[str] = []  # words of a table-of-contents heading (目录)
    announce: list[str] = []  # regexes with group "n": "以下五个方面" announces n parts

    @field_validator("title_exclude", "announce")
    @classmethod
    def _v(cls, v: list[str]) -> list[str]:
        return [check_regex(x) for x in v]


class RulesetFile(StrictModel):
    """Schema of one ruleset TOML file (all keys optional so files can extend each other)."""

    name: str | None = None
    description: str | None = None
    extends: list[str] = []
    kind: Literal["annual", "half-year", "quarterly"] | None = None
    detect: list[str] = []  # regexes on the title that select this kind
    priority: int | None = None  # higher is tried first when detecting the kind
    required_parts: list[PartName] | None = None
    outline: OutlineWords = OutlineWords()
    parts: dict[PartName, PartPatterns] = {}
    placeholders: list[Pattern] = []
    masks: list[Pattern] = []
    empty_slots: list[Pattern] = []
    residue: list[Pattern] = []
    arithmetic: ArithmeticData = ArithmeticData()
    calendar: CalendarData = CalendarData()
    typography: TypographyData = TypographyData()

    @field_validator("detect")
    @classmethod
    def _v_detect(cls, v: list[str]) -> list[str]:
        return [check_regex(x) for x in v]


class Ruleset(RulesetFile):
    """A merged, ready-to-use ruleset."""

    sources: list[str] = []
