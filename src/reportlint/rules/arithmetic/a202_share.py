"""A202 share-mismatch: “占/为/完成 … W 的 X%” and “其中 P，占 X%” must agree with P ÷ W."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.facts.quantities import Quantity
from reportlint.facts.sentences import Sentence
from reportlint.findings import Finding, Severity
from reportlint.rules.arithmetic._common import checked, disjoint, iv, places_for, ratio, sentences, show
from reportlint.rules.base import Context, Rule

# 占一般公共预算支出2.08亿元的75%: the verb before the whole, then 的 between whole and share
_SHARE_VERB = re.compile(r"(?:占|为|是|相当于|完成|达到|达)[^，。；：:,;]{0,25}$")
_OF = re.compile(r"^[ \t]*的[ \t]*$")
# 其中规上企业13家，占28.3% / 占比28.3%: the share right after 占
_BARE_SHARE = re.compile(r"占(?:比|总数的?|总量的?|全部的?)?(?:为|达到|达|约)?[ \t]*$")
_PER_HEAD = re.compile(r"人均|户均|平均|亩均|每")


class ShareMismatch(Rule):
    code = "A202"
    name = "share-mismatch"
    severity = Severity.ERROR
    summary = (
        "“占/为/完成……W的X%”与前面的数字 P，或“其中P，占X%”与其前的总数 W，应满足 X% = P ÷ W。",
        "“占/为/完成 … W 的 X%” after an amount P, or “其中 P，占 X%” after a total W, must satisfy X% = P ÷ W.",
    )
    why = (
        "占比、完成目标的百分比常由起草人手算，改了金额却忘了改百分比是常见错误。只在同一句中、"
        "单位相同、且找得到分子时核算（“完成县下达任务2000亩的120%”前面没有完成数，不核算）；"
        "若句中有几个可能的分子，只要有一个读法算得通就不报告。",
        "Shares and percentages of a target are computed by hand; an amount changed without its share is a "
        "common slip. Checked only within one sentence, for figures of the same unit, when the part can be "
        "found (“完成县下达任务2000亩的120%” with no amount before it is not checked); when several amounts "
        "could be the part, any reading that works keeps the rule silent.",
    )
    bad = "民生支出1.56亿元，占一般公共预算支出2.08亿元的70%。"
    good = "民生支出1.56亿元，占一般公共预算支出2.08亿元的75%。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for sent in sentences(ctx):
            qs = sent.quantities
            if len(qs) < 2:
                continue
            for i, share in enumerate(qs):
                if not share.is_percent or i == 0:
                    continue
                text = sent.block.text
                prev = qs[i - 1]
                whole: Quantity | None = None
                parts: list[Quantity] = []
                if prev.family and not prev.is_percent and _OF.match(text[prev.end : share.start]):
                    cs, _ = sent.clause(prev.start)
                    verb = _SHARE_VERB.search(text[cs : prev.start])
                    if not verb or _PER_HEAD.search(text[cs : prev.start]):
                        continue
                    whole = prev
                    verb_at = cs + verb.start()
                    parts = self._parts(sent, whole, before=verb_at)
                elif _BARE_SHARE.search(text[sent.clause(share.start)[0] : share.start]):
                    found = self._qizhong(sent, share)
                    if found:
                        wholes, part = found
                        whole, parts = wholes[-1], [part]
                        if not wholes[-1].value:
                            continue
                        checked(ctx, "share")
                        if not all(disjoint(ratio(iv(part), iv(w)), iv(share)) for w in wholes if w.value):
                            continue
                        yield self._finding(ctx, sent, share, part, whole)
                        continue
                if whole is None or not parts or not whole.value:
                    continue
                checked(ctx, "share")
                if not all(disjoint(ratio(iv(p), iv(whole)), iv(share)) for p in parts):
                    continue
                yield self._finding(ctx, sent, share, parts[0], whole)

    def _finding(self, ctx, sent, share, part, whole) -> Finding:
        value = part.value * 100 / whole.value
        formula = f"{part.text} ÷ {whole.text} = {show(value, places_for(share))}%"
        return self.finding(
            ctx,
            sent.block,
            share.start,
            share.end,
            f"百分比 {share.text} 与 {formula} 不符",
            f"percentage {share.text} does not match {formula}",
        )

    @staticmethod
    def _parts(sent: Sentence, whole: Quantity, before: int) -> list[Quantity]:
        """Amounts of the whole's unit before the verb: in its clause or the clause before it."""
        ci = sent.clause_index(before)
        out = []
        for q in sent.quantities:
            if q.end > before or q.family != whole.family or q.is_percent:
                continue
            if sent.clause_index(q.start) not in (ci, ci - 1):
                continue
            if _PER_HEAD.search(sent.before_in_clause(q)):
                continue
            out.append(q)
        out.sort(key=lambda q: -q.start)  # nearest first
        return out

    @staticmethod
    def _qizhong(sent: Sentence, share: Quantity) -> tuple[list[Quantity], Quantity] | None:
        """全镇共有企业46家，其中规上企业13家，占28.3%: the wholes before 其中 (any may be meant), the part after it."""
        text = sent.block.text
        k = text.rfind("其中", sent.start, share.start)
        if k < 0:
            return None
        after = [q for q in sent.quantities if k < q.start < share.start and q.family and not q.is_percent]
        if not after:
            return None
        part = after[-1]
        if sent.clause_index(part.start) not in (sent.clause_index(share.start), sent.clause_index(share.start) - 1):
            return None
        wholes = [q for q in sent.quantities if q.end <= k and q.family == part.family]
        if not wholes or _PER_HEAD.search(sent.before_in_clause(part)):
            return None
        return wholes, part
