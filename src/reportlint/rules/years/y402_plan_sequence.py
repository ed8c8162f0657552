"""Y402 plan-period-sequence: the title's plan period is not the one after its summary period."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.facts.periods import following, plan_follows
from reportlint.findings import Finding, Severity
from reportlint.rules.base import Context, Rule
from reportlint.rules.years.common import paren, title


class PlanPeriodSequence(Rule):
    code = "Y402"
    name = "plan-period-sequence"
    severity = Severity.ERROR
    summary = (
        "标题中的计划期间应紧接总结期间：年度总结配下一年计划，上半年配下半年，本季度配下一季度（第四季度配次年第一季度）。",
        "The title's plan period must follow its summary period: next year, the second half, "
        "the next quarter (Q4 → Q1).",
    )
    why = (
        "“2024年工作总结和2024年工作思路”“第三季度工作总结及第三季度工作计划”是改标题时漏改了一处，"
        "读者无法判断计划究竟针对哪个期间。",
        "“2024年工作总结和2024年工作思路” is a title edited in one place only; the reader cannot "
        "tell which period the plan is for.",
    )
    bad = "青山镇2024年工作总结和2024年工作思路"
    good = "青山镇2024年工作总结和2025年工作思路"

    def check(self, ctx: Context) -> Iterator[Finding]:
        tp = title(ctx)
        block = ctx.outline.title
        if block is None or tp.summary is None or tp.plan is None or tp.plan_span is None:
            return
        if tp.summary.years != 1:
            return
        if plan_follows(tp.summary, tp.plan) is not False:
            return
        expected = following(tp.summary)
        if expected is None:
            return
        # offsets are in the stripped title: map them back into the block
        shift = block.text.find(tp.title) if tp.title else 0
        a, b = tp.plan_span
        with_year = not tp.plan_year_inferred and tp.summary.year is not None
        said = tp.plan.label("zh", with_year)
        said_en = tp.plan.label("en", with_year)
        want = expected.label("zh", with_year or expected.year != tp.summary.year)
        want_en = expected.label("en", with_year or expected.year != tp.summary.year)
        quoted = block.text[a + max(shift, 0) : b + max(shift, 0)]
        yield self.finding(
            ctx,
            block,
            a + max(shift, 0),
            b + max(shift, 0),
            f"标题总结{tp.summary.label()}，计划期间应为{want}，标题写的是“{quoted}”{paren(quoted, said)}",
            f"the title reviews {tp.summary.label('en')}, so its plan should be for {want_en}, but it says {said_en}",
        )
