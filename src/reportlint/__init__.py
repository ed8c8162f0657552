"""reportlint: a linter for Chinese government work reports."""

__version__ = "0.1.0"
