"""Schema of the `[calendar]` table of a ruleset."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class CalendarData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
