"""Schema of the `[arithmetic]` table of a ruleset."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class ArithmeticData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
