"""Validated data without pydantic: what the ruleset and configuration schemas produce at run time.

The pydantic models in ``reportlint.data`` are the schema: they validate a TOML table once and
are then frozen into ``Record`` trees (plain attributes, tuples, dicts, dates). Rules read records
exactly as they read the models (``ruleset.typography.confusables[0].regex``), but a record can
be stored in the cache (``reportlint.cache``) and loaded by a later process without importing
pydantic or compiling a single validation regex — that is most of a fresh process's start-up.

Records are pickled, and loaded with an unpickler that can build nothing but records, dates and
severities: a tampered cache file cannot run code, it is only rejected (and rebuilt).
"""

from __future__ import annotations

import functools
import io
import pickle
from typing import Any, Callable, TypeVar

R = TypeVar("R")


class Record:
    """An immutable bag of named values (one validated table). ``kind`` names its schema model."""

    def __init__(self, kind: str, fields: dict[str, Any]) -> None:
        self.__dict__.update(fields)
        self.__dict__["_kind"] = kind

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{self._kind} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{self._kind} is read-only")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and vars(self) == vars(other)

    def __hash__(self) -> int:  # hashable when its values are (a record holding a dict is not)
        return hash(tuple(vars(self).items()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if k != "_kind")
        return f"{self._kind}({fields})"


def freeze(value: Any) -> Any:
    """A validated pydantic model (and everything inside it) as records, tuples and dicts.

    Fields and ``computed_field`` properties are both kept: behaviour a rule needs (a default
    regex, a lookup table) is computed once at validation and stored as a value.
    """
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        names = list(fields) + list(getattr(type(value), "model_computed_fields", {}))
        return Record(type(value).__name__, {n: freeze(getattr(value, n)) for n in names})
    if isinstance(value, dict):
        return {k: freeze(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return value


def by_identity(fn: Callable[[Any], R]) -> Callable[[Any], R]:
    """Cache ``fn(record)`` by the record's identity: what is derived from a ruleset table
    (compiled patterns, gates) is derived once per loaded ruleset. Records are immutable, but
    hashing a large one on every call would cost more than the work saved, and a record holding a
    dict cannot be hashed at all. The record is kept alive beside its value, so its ``id`` cannot
    be reused while cached; at most 64 records are kept."""
    cache: dict[int, tuple[Any, R]] = {}

    @functools.wraps(fn)
    def wrapper(record: Any) -> R:
        got = cache.get(id(record))
        if got is None or got[0] is not record:
            if len(cache) >= 64:
                cache.clear()
            got = cache[id(record)] = (record, fn(record))
        return got[1]

    return wrapper


# what a cache file of records may hold: the unpickler builds nothing else
RECORD_CLASSES = frozenset({("reportlint.frozen", "Record"), ("datetime", "date"), ("reportlint.findings", "Severity")})


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, allowed: frozenset[tuple[str, str]]) -> None:
        super().__init__(file)
        self._allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self._allowed:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a reportlint cache file")


def dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=5)


def loads(data: bytes, allowed: frozenset[tuple[str, str]] = RECORD_CLASSES) -> Any:
    """Records back from ``dumps``; raises ``pickle.UnpicklingError`` (or another ``Exception``)
    on anything else. ``allowed``: the (module, name) of every class the data may build."""
    return _Unpickler(io.BytesIO(data), allowed).load()


__all__ = ["Record", "by_identity", "freeze", "dumps", "loads"]
