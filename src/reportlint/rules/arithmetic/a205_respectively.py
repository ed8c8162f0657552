"""A205 respectively-mismatch: “A、B、C…分别…x、y” needs as many values as items."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.findings import Finding, Severity
from reportlint.rules.arithmetic._common import checked, sentences
from reportlint.rules.base import Context, Rule

_ITEM = r"[\u4e00-\u9fff·“”]{1,16}"
_LIST = re.compile(rf"(?:{_ITEM}、)+{_ITEM}$")
_SEP = re.compile(r"^[ \t]*(?:、|和|及|与|以及|，)[ \t]*$")
# 和/及/与 joining the last two items (not the 与 of 参与, the 及 of 普及 or 涉及)
_AND = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:以及|和|(?<![普涉波危触顾企以])及|(?<![参给赋授])与)(?=[\u4e00-\u9fff]{2})")


class RespectivelyMismatch(Rule):
    code = "A205"
    name = "respectively-mismatch"
    severity = Severity.WARNING
    summary = (
        "“A、B、C……分别……x、y、z”：分别前列举的对象个数应与其后列出的数值个数相同。",
        "“A、B、C … 分别 … x、y、z”: as many values must follow 分别 as items precede it.",
    )
    why = (
        "“分别”把前后两组一一对应，少一个数值或多一个对象，读者就无法知道哪个数属于哪一项，通常是删改时漏掉了。"
        "只在同一分句内、对象用顿号列举、数值紧接着用顿号或“和”连接时核对。",
        "分别 pairs two lists one to one; with a value missing or an item too many the reader cannot tell which "
        "figure belongs to which item — usually an edit left half done. Checked only within one clause, with "
        "the items listed with 、 and the values joined by 、 or 和.",
    )
    bad = "青石、石溪、枫林三个村分别完成年度任务的105%、98%。"
    good = "青石、石溪、枫林三个村分别完成年度任务的105%、98%、101%。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        for sent in sentences(ctx):
            if len(sent.quantities) < 2:
                continue
            text = sent.block.text
            k = text.find("分别", sent.start, sent.end)
            while k >= 0:
                f = self._check_at(ctx, sent, k, text)
                if f:
                    yield f
                k = text.find("分别", k + 2, sent.end)

    def _check_at(self, ctx, sent, k, text):
        cs, ce = sent.clause(k)
        m = _LIST.search(text, cs, k)
        if not m or m.end() != k:
            return None
        items = m.group(0).split("、")
        n_items = len(items) + (1 if _AND.search(items[-1]) else 0)
        values = [q for q in sent.quantities if k < q.start and q.end <= ce]
        if len(values) < 2:
            return None
        # the values must be one run joined by 、/和 (不是 道路3公里、桥梁2座)
        run = [values[0]]
        for q in values[1:]:
            if _SEP.match(text[run[-1].end : q.start]):
                run.append(q)
            else:
                break
        if len(run) < 2 or len({q.family for q in run}) != 1:
            return None
        checked(ctx, "respectively")
        if len(run) == n_items:
            return None
        shown_items = "、".join(items if len(items[0]) <= 6 else ["…" + items[0][-2:]] + items[1:])
        shown_values = "、".join(q.text for q in run)
        return self.finding(
            ctx,
            sent.block,
            run[0].start,
            run[-1].end,
            f"“分别”前列举 {n_items} 项（{shown_items}），其后有 {len(run)} 个数值（{shown_values}）",
            f"{n_items} items before 分别 ({shown_items}) but {len(run)} values after it ({shown_values})",
        )
