"""S103 missing-part: a summary lacks a part its kind of report requires (review, problems, plan)."""

from __future__ import annotations

from collections.abc import Iterator

from reportlint.findings import Finding, Severity
from reportlint.rules.base import Context, Rule
from reportlint.rules.structure.ending import truncation
from reportlint.rules.structure.parts import (
    KIND_LABELS,
    PART_LABELS,
    heading_examples,
    present_parts,
    promised_plan,
)


def parts_to_check(ctx: Context) -> list[str]:
    """The required parts this rule speaks for (the promised plan is S104's)."""
    required = list(ctx.ruleset.required_parts or [])
    if promised_plan(ctx.facts.report):
        required = [p for p in required if p != "plan"]
    return required


class MissingPart(Rule):
    code = "S103"
    name = "missing-part"
    severity = Severity.WARNING
    summary = (
        "工作总结应包含规则集要求的各部分：年度和半年总结为工作回顾、存在问题、下步计划，季度总结为工作回顾、下步计划。",
        "A summary has the parts its ruleset requires: review, problems and plan for annual and "
        "half-year reports, review and plan for quarterly ones.",
    )
    why = (
        "上级审阅工作总结时首先看成绩、问题和下一步打算是否齐全；缺少“存在问题”或“下步计划”的总结通常会被退回补充。",
        "Reviewers first check that a summary states results, problems and next steps; one without "
        "its problems or its plan is usually sent back.",
    )
    bad = "青山镇2025年工作总结\n一、2025年工作回顾\n……\n二、2026年工作打算\n……"
    good = "青山镇2025年工作总结\n一、2025年工作回顾\n……\n二、存在的问题\n……\n三、2026年工作打算\n……"

    def check(self, ctx: Context) -> Iterator[Finding]:
        outline = ctx.outline
        report = ctx.facts.report
        if outline.title is None or not outline.sections or not report.is_summary:
            return  # no title: kind unknown; no sections: no structure to judge; a plan is all plan
        if truncation(ctx) is not None:
            return  # a cut document may have lost its later parts: S109 reports the cut
        present = present_parts(ctx)
        block = outline.title
        text = block.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        kind_zh, kind_en = KIND_LABELS.get(report.kind, ("", "a"))
        for part in parts_to_check(ctx):
            if part in present:
                continue
            pz, pe = PART_LABELS[part]
            words = heading_examples(ctx, part)
            yield self.finding(
                ctx,
                block,
                start,
                end,
                f"缺少“{pz}”部分：{kind_zh}工作总结应包含此部分，但没有以“{'”“'.join(words)}”等为标题的章节，正文中也未见相关段落",
                f'missing part "{pe}": {kind_en} summary should have it, but no section heading names it '
                f"({', '.join(words)} …) and no paragraph discusses it",
            )
