"""Schemas of the family-specific parts of a ruleset (one module per family).

Each module defines one pydantic model (``extra="forbid"``) that ``reportlint.rulesets`` embeds
as a table of every ruleset file: ``[arithmetic]``, ``[calendar]``, ``[typography]``.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from reportlint.prefilter import compiled


class StrictModel(BaseModel):
    """Base of every ruleset schema: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def check_regex(value: str) -> str:
    """A pydantic validator body: the value must be a valid Python regular expression."""
    try:
        compiled(value)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {value!r}: {exc}") from exc
    return value
