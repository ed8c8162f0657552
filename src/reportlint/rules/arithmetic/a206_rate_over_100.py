"""A206 rate-above-hundred: 参保率, 覆盖率, 化解率, 满意率 … cannot exceed 100%."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.findings import Finding, Severity
from reportlint.frozen import by_identity
from reportlint.rules.arithmetic._common import HUNDRED, any_of, checked, compiled, data, sentences
from reportlint.rules.base import Context, Rule

_TAIL = (
    r"[ \t]*(?:均|分别|已|已经)?[ \t]*(?:为|达到|达|是|提高到|提升到|提升至|提高至|上升到|上升至|保持在|稳定在|在|约为|约)?"
    r"[ \t]*$"
)


@by_identity
def _capped(d) -> re.Pattern[str]:
    """A capped rate's name and the words up to its value, once per arithmetic table ``d``."""
    return compiled(rf"(?P<name>{'|'.join(f'(?:{c})' for c in d.capped_rates)}){_TAIL}")


class RateOver100(Rule):
    code = "A206"
    name = "rate-above-hundred"
    severity = Severity.ERROR
    summary = (
        "参保率、覆盖率、化解率、满意率、占比等不可能超过100%；完成率、完成目标的百分比、增长率可以超过。",
        "Coverage, enrolment, resolution and satisfaction rates and shares cannot exceed 100%; completion "
        "rates, percentages of a target and growth rates can.",
    )
    why = (
        "“参保率102%”说明分子或分母写错了。哪些比率有100%的上限、哪些可以超过（完成率、完成目标的120%、"
        "同比增长300%）是规则集数据（capped_rates / uncapped_rates），只有比率名称直接说明数值时才核对。",
        "“参保率102%” means the part or the whole is wrong. Which rates are capped at 100% and which may exceed "
        "it (完成率, 完成目标的120%, 同比增长300%) is ruleset data (capped_rates / uncapped_rates); only a value "
        "stated right after the rate's name is checked.",
    )
    bad = "城乡居民医保参保率达102.6%。"
    good = "城乡居民医保参保率达98.6%。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        d = data(ctx)
        if not d.capped_rates:
            return
        capped = _capped(d)
        uncapped = any_of(tuple(d.uncapped_rates))
        for sent in sentences(ctx):
            for q in sent.quantities:
                if not q.is_percent:
                    continue
                before = sent.before_in_clause(q)[-20:]
                m = capped.search(before)
                if not m:
                    continue
                name = m.group("name")
                head = before[: m.start()][-4:] + before[m.start() : m.end()]
                if uncapped.search(head):
                    continue
                checked(ctx, "cap")
                if q.lo is not None and q.lo > HUNDRED:
                    zh = f"{name} {q.text} 超过 100%"
                    en = f"{name} {q.text} is above 100%, which this rate cannot exceed"
                    yield self.finding(ctx, sent.block, q.start, q.end, zh, en)
