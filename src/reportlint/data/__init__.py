"""Schemas of the family-specific parts of a ruleset (one module per family).

Each module defines one pydantic model (``extra="forbid"``) that ``reportlint.rulesets`` embeds
as a table of every ruleset file: ``[arithmetic]``, ``[calendar]``, ``[typography]``.
"""
