"""Schema of the configuration: ``[tool.reportlint]`` in pyproject.toml or a ``reportlint.toml``.

Validation only: ``reportlint.config`` validates a table once and caches the frozen result.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from reportlint.config import parse_size
from reportlint.findings import Severity


class ConfigFile(BaseModel):
    """Schema of ``[tool.reportlint]`` / reportlint.toml."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    ruleset: str | None = None  # annual | half-year | quarterly | a TOML path; default: from the title
    select: list[str] | None = None
    ignore: list[str] = []
    severity: dict[str, Severity] = {}
    per_file_ignores: dict[str, list[str]] = Field(default={}, alias="per-file-ignores")
    exclude: list[str] = []  # globs of files/folders a folder walk skips (relative to this file's folder)
    extend_ruleset: list[str] = Field(default=[], alias="extend-ruleset")
    fail_on: Severity | None = Field(default=None, alias="fail-on")
    lang: str | None = None
    max_input_size: int | None = Field(default=None, alias="max-input-size")  # bytes or "50MB"; 0: no limit
    max_docx_size: int | None = Field(default=None, alias="max-docx-size")  # declared unpacked size of a .docx

    @field_validator("max_input_size", "max_docx_size", mode="before")
    @classmethod
    def _size(cls, v):
        return None if v is None else parse_size(v)

    @field_validator("select", "ignore")
    @classmethod
    def _upper(cls, v):
        return None if v is None else [c.strip().upper() for c in v]
