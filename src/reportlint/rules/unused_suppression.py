"""P390 unused-suppression: an inline ``reportlint: disable`` directive that silences nothing.

Like ruff's unused-noqa (RUF100). The family is P (placeholders & residue): a directive that no
longer silences anything is leftover markup in the report, the same kind of thing as download-site
residue, and it would silently hide the next real problem written on that line.

"Silences nothing" is decided against every other rule, selected or not (a rule switched off in
the config does not make its directives stale): the engine runs this rule last and hands it the
findings of the rules it ran (``suppress.findings_so_far``); the others run once more on this
document — only when the document has directives at all. A directive naming a code that no rule has is
reported too. A code that covers a cross-report check (Y490, Y491: they need the previous report; also
``Y``, and a directive without codes) is never judged, for precision. The directive's reason (`` -- 口径不同``) is quoted in the message.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from reportlint.findings import Finding, Severity
from reportlint.rules.base import REGISTRY, Context, Rule
from reportlint.suppress import ALL, Directive, findings_so_far, suppressions

SELF = "P390"


class UnusedSuppression(Rule):
    code = SELF
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = (
        "行内忽略指令（reportlint: disable=…）没有忽略任何问题",
        "an inline directive (reportlint: disable=…) silences nothing",
    )
    why = (
        "问题改正后，当初为它写的忽略指令就成了多余的标记；留着它，下次在同一处写错时也不会再提示。"
        "写明理由（<!-- reportlint: disable=A201 -- 口径不同 -->）有助于复核；指令中不存在的规则代码同样报告。",
        "Once the problem is fixed, the directive written for it is stale markup; left in place it would hide "
        "the next real mistake on that line. Give a reason after ' -- ' in the directive so a reviewer can "
        "judge it; a directive naming a code that no rule has is reported too.",
    )
    bad = "<!-- reportlint: disable=P301 -- 已核实 -->\n青山镇2025年新建农田3200亩。"
    good = "青山镇2025年新建农田3200亩。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        sup = suppressions(ctx)
        if not sup.directives:
            return
        raw = list(_other_findings(ctx))
        for directive in sup.directives:
            unknown = [c for c in directive.codes if c and not _known(c)]
            unused = [
                c
                for c in directive.codes
                if c not in unknown and c != SELF and not _cross_report(c) and not any(directive.covers_code(f, c) for f in raw)
            ]
            if not unknown and not unused:
                continue
            yield self._finding(ctx, directive, unused, unknown)

    def _finding(self, ctx: Context, d: Directive, unused: list[str], unknown: list[str]) -> Finding:
        text = d.block.text
        if d.word_comment:
            start, end = 0, len(text)
        else:
            start, end = len(text) - len(text.lstrip()), len(text.rstrip())
        label = "全部规则" if d.codes == ALL else "、".join(d.codes)
        label_en = "every rule" if d.codes == ALL else ", ".join(d.codes)
        where = "Word 批注中的" if d.word_comment else ""
        where_en = "Word comment " if d.word_comment else ""
        reason = f"（理由：{d.reason}）" if d.reason else ""
        reason_en = f' (reason: "{d.reason}")' if d.reason else ""
        parts, parts_en = [], []
        if unused:
            names = "全部规则" if unused == [""] else "、".join(unused)
            names_en = "every rule" if unused == [""] else ", ".join(unused)
            nothing = "下一行没有可忽略的内容" if d.verb == "disable" and d.target is None else "没有忽略任何问题"
            nothing_en = "has no line after it to apply to" if d.verb == "disable" and d.target is None else "silences nothing"
            parts.append(f"{names} {nothing}")
            parts_en.append(f"{names_en} {nothing_en}")
        if unknown:
            parts.append(f"没有规则 {'、'.join(unknown)}")
            parts_en.append(f"no rule {', '.join(unknown)}")
        return self.finding(
            ctx,
            d.block,
            start,
            end,
            f"{where}忽略指令 {d.verb}={label}{reason}：{'；'.join(parts)}，可以删除",
            f"{where_en}directive {d.verb}={label_en}{reason_en}: {'; '.join(parts_en)}; remove it",
        )


def _cross_codes() -> tuple[str, ...]:
    from reportlint.previous import CHECKS

    return tuple(c.code for c in CHECKS)


def _known(prefix: str) -> bool:
    return any(code.startswith(prefix) for code in (*REGISTRY, *_cross_codes()))


def _cross_report(prefix: str) -> bool:
    """A code of a cross-report check (Y490 …): it needs the previous report, so it cannot be judged here."""
    return any(code.startswith(prefix) for code in _cross_codes())


def _other_findings(ctx: Context) -> Iterator[Finding]:
    """Every other rule's findings on this document: those the engine already has, and the rest
    run here (the order does not matter: a directive asks whether any finding is covered)."""
    known = findings_so_far(ctx)
    quiet = replace(ctx, stats=Counter())  # the engine already counted what the rules examined
    for code in sorted(REGISTRY):
        if code == SELF:
            continue
        if code in known:
            yield from known[code]
        else:
            yield from REGISTRY[code]().check(quiet)
