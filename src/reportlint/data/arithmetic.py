"""Schema of the `[arithmetic]` table of a ruleset (data of the A2xx rules and the quantity facts)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Literal

from pydantic import field_validator

from reportlint.data import StrictModel, check_regex

Approx = Literal["about", "min", "max"]


def _regexes(v: list[str]) -> list[str]:
    return [check_regex(x) for x in v]


class UnitInfo(StrictModel):
    """A unit or measure word written after a number (亩, 吨, 元, 户, 个 …)."""

    family: str  # quantities are compared only within one family (亩 and 公顷 share "area")
    factor: str = "1"  # how many of the family's base unit one of this unit is (公里 = 1000 米)
    discrete: bool = False  # a count: an integer printed without a multiplier is exact

    @field_validator("factor")
    @classmethod
    def _v_factor(cls, v: str) -> str:
        try:
            Decimal(v)
        except InvalidOperation as exc:
            raise ValueError(f"not a decimal number: {v!r}") from exc
        return v


class ArithmeticData(StrictModel):
    # units and measure words after a number; the longest name that matches wins
    units: dict[str, UnitInfo] = {}
    # multipliers between the number and the unit: 万, 亿, 千 (4.2亿元, 1.2万吨, 4.9个亿)
    multipliers: dict[str, str] = {}
    # approximation words before / after a number and what they make of it:
    # about = near the value (widened by approx_widen), min = a lower bound, max = an upper bound
    approx_before: dict[str, Approx] = {}
    approx_after: dict[str, Approx] = {}
    approx_widen: str = "0.1"  # relative half-width of an “about” value (约, 左右)
    # regexes: a number inside a match is part of a name, a date or a code, not a quantity
    # (S205省道, 10千伏, 4A级, 5G, 2025年, 1月5日, 第3季度, “十四五”, 〔2025〕12号)
    not_quantities: list[str] = []
    # rates that cannot exceed 100% (regexes on the rate's name) and those that may
    capped_rates: list[str] = []
    uncapped_rates: list[str] = []
    # regexes: words in the clause of a number that make it the whole of a rate (排查156起, 受理, 应参保)
    whole_words: list[str] = []
    # verbs of rates whose whole is the count of the cases acted on (办结率 of 受理12件): the
    # rates A208 checks for feasibility (not 满意率: its whole is the people asked)
    feasible_stems: list[str] = []
    # rate name suffixes between the stem (调解) and 率: 调解成功率 → stem 调解
    rate_suffixes: list[str] = []
    # verbs of a growth relation (由A增加到B，增长X%) and of a fall
    growth_up: list[str] = []
    growth_down: list[str] = []
    # words of a part item that may overlap with other parts (其中女性…、党员…): no sum check
    overlapping_parts: list[str] = []
    # words that make a 其中 list exhaustive (其他, 其余)
    rest_words: list[str] = []
    # nouns after a stated count that name what a list of names is (6个村, 三个区域公用品牌)
    list_nouns: list[str] = []
    # words that start an item of a list of actions, not of names (新建、改扩建学校3所)
    list_verbs: list[str] = []
    # labels of total rows in .docx tables
    total_labels: list[str] = []
    # words of table column headers that are not summed (rates, averages, ranks, codes)
    unsummed_headers: list[str] = []

    _v = field_validator("not_quantities", "capped_rates", "uncapped_rates", "whole_words")(
        classmethod(lambda cls, v: _regexes(v))
    )
