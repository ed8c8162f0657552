"""Rule registry.

Every rule is a small class in a module under ``reportlint.rules`` (one module per rule, grouped
in a package per family). It carries its code, name, default severity and documentation; importing
the package registers it. ``all_rules()`` returns them sorted by code.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from reportlint.rules.base import REGISTRY, Context, Rule

__all__ = ["Context", "Rule", "all_rules", "get_rule"]


@lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    for mod in pkgutil.walk_packages(__path__, prefix=__name__ + "."):
        importlib.import_module(mod.name)
    return tuple(REGISTRY[c] for c in sorted(REGISTRY))


def get_rule(code: str) -> type[Rule] | None:
    all_rules()
    return REGISTRY.get(code.upper())
