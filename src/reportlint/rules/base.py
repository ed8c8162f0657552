"""The base class of every rule and the context rules run in."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, TypeVar

from reportlint.document import Block, Document
from reportlint.findings import Finding, Fix, Severity

if TYPE_CHECKING:
    from reportlint.facts import Facts
    from reportlint.outline import Outline
    from reportlint.rulesets import Ruleset

T = TypeVar("T")
REGISTRY: dict[str, type[Rule]] = {}

FAMILIES = {
    "S": ("结构", "structure"),
    "A": ("数字计算", "arithmetic"),
    "P": ("占位符与残留", "placeholders & residue"),
    "Y": ("年份与期间", "years & periods"),
    "T": ("排版与用词", "typography & wording"),
}

_CODE = re.compile(r"^[SAPYT][1-9]\d\d$")


@dataclass(slots=True)
class Context:
    """What a rule may look at: the document and what earlier stages derived from it."""

    document: Document
    outline: Outline
    facts: Facts
    ruleset: Ruleset
    # what the rules examined, for coverage lines such as "核验数字关系 37 处": rules count here
    # (key = a short kind name, e.g. "rate"), the engine hands the counter to the renderers
    stats: Counter[str] = field(default_factory=Counter)
    # what several rules derive from this document (exempt spans, present parts …), computed by
    # the first rule that asks: see ``shared``
    _shared: dict = field(default_factory=dict)

    def shared(self, key: str, build: Callable[[], T]) -> T:
        """The value ``build()`` gives for this document, built once and shared by every rule that
        asks for ``key``. It lives and dies with the context, so it can never be another
        document's."""
        try:
            return self._shared[key]
        except KeyError:
            value = self._shared[key] = build()
            return value


class Rule:
    """A rule: metadata beside one ``check`` generator.

    Subclasses set ``code`` (family letter + three digits), ``name`` (kebab-case), ``severity``,
    and the documentation: ``summary`` and ``why`` as (Chinese, English) pairs, and ``bad`` /
    ``good`` example texts. ``reportlint rule CODE`` prints exactly these fields.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[tuple[str, str]]
    why: ClassVar[tuple[str, str]]
    bad: ClassVar[str]
    good: ClassVar[str]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        code = cls.__dict__.get("code")
        if code is None:
            return  # an abstract helper class
        if not _CODE.match(code):
            raise ValueError(f"bad rule code {code!r}")
        for attr in ("name", "summary", "why", "bad", "good"):
            if attr not in cls.__dict__:
                raise TypeError(f"rule {code} lacks its documentation field {attr!r}")
        if code in REGISTRY and REGISTRY[code] is not cls:
            raise ValueError(f"duplicate rule code {code}")
        REGISTRY[code] = cls

    @classmethod
    def family(cls) -> str:
        return cls.code[0]

    def check(self, ctx: Context) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def finding(
        self,
        ctx: Context,
        block: Block,
        start: int,
        end: int,
        zh: str,
        en: str,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """Build a finding on ``block.text[start:end]`` with its message in both languages (the
        offsets clamped into the text, ``end`` not before ``start``)."""
        # the clamps as comparisons and the fields by position: rules build thousands of findings
        n = len(block.text)
        if start > n:
            start = n
        if start < 0:
            start = 0
        if end > n:
            end = n
        if end < start:
            end = start
        # Finding's fields in order: path, code, name, severity, message_zh, message_en, block, start, end, fix
        return Finding(ctx.document.path, self.code, self.name, severity or self.severity, zh, en, block, start, end, fix)
