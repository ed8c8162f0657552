"""Schema of the `[typography]` table of a ruleset."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class TypographyData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
