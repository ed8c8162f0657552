"""Schema of the `[calendar]` table of a ruleset: dated knowledge the Y rules compare years with.

Every entry is data in ``rulesets/calendar.toml`` (with its sources in comments); users add
entries through ``extend-ruleset`` files (lists are concatenated; a later entry with the same
key replaces an earlier one). What the calendar does not know is never reported: a report that
cites the 21st party congress after the calendar's last entry is silence, not an error.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, computed_field, field_validator, model_validator

from reportlint.data import StrictModel, check_regex




class FiveYearPlan(StrictModel):
    """A five-year plan: 十四五 = 2021–2025."""

    number: int = Field(ge=1, le=99)  # 14 for 十四五
    first: int = Field(ge=1949, le=2200)
    last: int = Field(ge=1949, le=2200)

    @model_validator(mode="after")
    def _span(self):
        if self.last < self.first:
            raise ValueError("last is before first")
        return self


class Congress(StrictModel):
    """A national congress of the Communist Party of China and the plenary sessions of its
    Central Committee (一中全会 … 七中全会), by the date each opened."""

    number: int = Field(ge=1, le=99)  # 20 for 二十大 / 二十届
    opened: dt.date
    plenums: list[dt.date] = []  # plenums[0] = 一中全会 …
    complete: bool = False  # the term is over: no plenum beyond the listed ones exists

    @field_validator("plenums")
    @classmethod
    def _ordered(cls, v: list[dt.date]) -> list[dt.date]:
        if any(b < a for a, b in zip(v, v[1:])):
            raise ValueError("plenum dates must be in order")
        return v


class Anniversary(StrictModel):
    """A founding event whose round anniversaries reports cite: 建党100周年 = 1921 + 100."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    regex: str  # the event's names, e.g. 中国共产党成立|建党
    year: int = Field(ge=1000, le=2200)  # the year of the event itself
    zh: str
    en: str

    _v = field_validator("regex")(classmethod(lambda cls, v: check_regex(v)))


class Slogan(StrictModel):
    """A phrase bound to a range of years (决胜全面建成小康社会: 2017–2020)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    regex: str
    first: int = Field(ge=1949, le=2200)
    last: int = Field(ge=1949, le=2200)
    zh: str  # what the phrase belongs to, quoted in messages
    en: str

    _v = field_validator("regex")(classmethod(lambda cls, v: check_regex(v)))


class PhaseWords(StrictModel):
    """Words that place a year inside a five-year plan: 开局之年 = its first year."""

    first: list[str] = []  # regexes: the first year (开局, 起步)
    last: list[str] = []  # regexes: the last year (收官)

    @field_validator("first", "last")
    @classmethod
    def _v(cls, v: list[str]) -> list[str]:
        return [check_regex(x) for x in v]


class CalendarData(StrictModel):
    five_year_plans: list[FiveYearPlan] = []
    phase_words: PhaseWords = PhaseWords()
    congresses: list[Congress] = []
    anniversaries: list[Anniversary] = []
    slogans: list[Slogan] = []
    # months after the end of the report's own period in which it may still be written (and so
    # may cite an event of those months): a 2022 annual report written in February 2023 can cite
    # a plenum of February 2023
    writing_months: int = Field(default=3, ge=0, le=24)

    # lookups the Y rules use, computed once at validation (a later entry replaces an earlier one
    # with the same number or id, so an extend-ruleset file can correct a shipped entry)
    @computed_field  # type: ignore[prop-decorator]
    @property
    def plan_by_number(self) -> dict[int, FiveYearPlan]:
        return {p.number: p for p in self.five_year_plans}

    @computed_field  # type: ignore[prop-decorator]
    @property
    def congress_by_number(self) -> dict[int, Congress]:
        return {c.number: c for c in self.congresses}

    @computed_field  # type: ignore[prop-decorator]
    @property
    def anniversary_list(self) -> list[Anniversary]:
        return list({a.id: a for a in self.anniversaries}.values())

    @computed_field  # type: ignore[prop-decorator]
    @property
    def slogan_list(self) -> list[Slogan]:
        return list({s.id: s for s in self.slogans}.values())
