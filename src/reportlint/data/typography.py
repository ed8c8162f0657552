"""Schema of the `[typography]` table of a ruleset (rules T501–T509).

Everything a typography rule could get wrong on someone's prose is data here, so a user's
``extend-ruleset`` file can add a confusable pair or an allowed reduplication without code:

* ``confusables`` (T504): a wrong form, its single correction, and optionally a regex that
  says in which context the wrong form is wrong (``截止`` only before 目前/月底…, never in
  ``截止日期``). Each entry is validated: its pattern must find the wrong form in ``example``
  (default: the wrong form itself) and must find nothing in the correct form.
* ``doubled_chars`` / ``doubled_exceptions`` / ``reduplications`` (T503): which doubled
  characters are typos (的的), the contexts where such a doubling is two words
  (目的的, 为了了解), and the AB AB reduplications that are Chinese (研究研究).
* ``halfwidth_exempt`` (T502, T501): spans where ASCII punctuation belongs (URLs, e-mail
  addresses, file names).
"""

from __future__ import annotations

import re

from pydantic import computed_field, field_validator, model_validator

from reportlint.data import StrictModel, check_regex
from reportlint.prefilter import PLAIN as _PLAIN
from reportlint.prefilter import compiled


class Confusable(StrictModel):
    """One wrong form with its single correction (T504)."""

    wrong: str  # as quoted in messages: 截止目前
    right: str  # the correction: 截至目前
    pattern: str | None = None  # regex for the wrong text in context; default: the wrong form literally
    replace: str | None = None  # replacement of the matched text; default: ``right``
    example: str | None = None  # a text the pattern must match; default: ``wrong``

    @computed_field  # type: ignore[prop-decorator]
    @property
    def regex(self) -> str:
        return self.pattern if self.pattern is not None else re.escape(self.wrong)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def replacement(self) -> str:
        return self.replace if self.replace is not None else self.right

    @model_validator(mode="after")
    def _consistent(self) -> Confusable:
        if _PLAIN.fullmatch(self.regex):  # a literal word: a valid regex, searched as a string
            literal = self.regex
            search = lambda text: literal in text  # noqa: E731
        else:
            check_regex(self.regex)
            search = compiled(self.regex).search
        if self.wrong == self.right:
            raise ValueError(f"confusable {self.wrong!r}: wrong and right are the same")
        sample = self.example if self.example is not None else self.wrong
        if not search(sample):
            raise ValueError(f"confusable {self.wrong!r}: its pattern does not match {sample!r}")
        if search(self.right):
            raise ValueError(f"confusable {self.wrong!r}: its pattern matches the correct form {self.right!r}")
        return self


class TypographyData(StrictModel):
    confusables: list[Confusable] = []
    doubled_chars: list[str] = []  # single characters whose doubling is a typo: 的 了 是
    doubled_exceptions: list[str] = []  # regexes: a doubling inside a match is two words (目的的, 为了了解)
    reduplications: list[str] = []  # AB AB forms that are reduplication, not a typo: 研究研究
    # characters that build A-X-A-Y phrases (共建共享, 自查自纠, 边干边学): an AB AB whose B is one of
    # them is a word boundary (构建 + 共建共享), not a doubled word
    pattern_chars: str = ""
    halfwidth_exempt: list[str] = []  # regexes: ASCII punctuation inside a match belongs there (URLs …)
    # T502 reports once per paragraph (with a count) when the document has at least this many
    # half-width marks in Chinese text and no fewer than full-width ones
    halfwidth_document_min: int = 5

    @field_validator("doubled_exceptions", "halfwidth_exempt")
    @classmethod
    def _v_regexes(cls, v: list[str]) -> list[str]:
        return [check_regex(x) for x in v]

    @field_validator("doubled_chars")
    @classmethod
    def _v_chars(cls, v: list[str]) -> list[str]:
        for c in v:
            if len(c) != 1:
                raise ValueError(f"doubled_chars entries are single characters, not {c!r}")
        return v

    @field_validator("reduplications")
    @classmethod
    def _v_redup(cls, v: list[str]) -> list[str]:
        for w in v:
            if len(w) % 2 or w[: len(w) // 2] != w[len(w) // 2 :]:
                raise ValueError(f"reduplications entries are AB AB forms such as 研究研究, not {w!r}")
        return v
