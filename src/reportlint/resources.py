"""Access to the data shipped with the package: grammars/*.lark and rulesets/*.toml.

In a wheel they live inside the package (hatchling force-include); in a source checkout or an
editable install they are the top-level folders of the repository.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=None)
def resource_dir(kind: str) -> Path:
    """Folder holding the shipped resources of ``kind`` ("grammars" or "rulesets")."""
    try:
        packaged = resources.files("reportlint") / kind
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - defensive
        pass
    repo = _REPO_ROOT / kind
    if repo.is_dir():
        return repo
    raise FileNotFoundError(f"reportlint resource folder '{kind}' not found")


def read_text(kind: str, name: str) -> str:
    return (resource_dir(kind) / name).read_text(encoding="utf-8")
