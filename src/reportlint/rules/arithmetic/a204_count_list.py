"""A204 count-vs-list: a stated count must equal the number of items listed with it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.findings import Finding, Severity
from reportlint.frozen import by_identity
from reportlint.rules.arithmetic._common import checked, compiled, data, sentences, words
from reportlint.rules.base import Context, Rule

_ITEM = r"[\u4e00-\u9fff·]{1,15}"
# A、B、C(和D) right before the count (the first item may carry the sentence's verb)
_LIST_BEFORE = re.compile(rf"(?:{_ITEM}、)+{_ITEM}$")
_QUOTED_BEFORE = re.compile(r"(?:“[^“”\n]{1,20}”[、，,]?){2,}$")
_QUOTED_ENDS = ("”", "”、", "”，", "”,")  # how a text _QUOTED_BEFORE matches ends (never with a line break: it is stripped)
# 示范村4个，即龙泉村、石门村、花溪村、竹园村
_INTRO_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,8}?[ \t]*[，,]?[ \t]*(?:即|分别是|分别为|包括|主要有|有)[ \t]*[：:]?[ \t]*|^[\u4e00-\u9fff]{0,8}?[ \t]*[：:][ \t]*")
_LIST_AFTER = re.compile(rf"^((?:{_ITEM}、)+{_ITEM}?)(等)?(?=[。；;！？!?]|$)")
# 和/及/与 joining the last two items (not the 与 of 参与, the 及 of 普及 or 涉及)
_AND = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:以及|和|(?<![普涉波危触顾企以])及|(?<![参给赋授])与)(?=[\u4e00-\u9fff]{2})")
_NOUN_AFTER = re.compile(r"[\u4e00-\u9fff]{1,14}")


@by_identity
def _verbs(d) -> re.Pattern[str] | None:
    """The ruleset's list verbs as one regex matching at the start, once per arithmetic table ``d``."""
    return compiled(r"^(?:" + "|".join(re.escape(v) for v in d.list_verbs) + ")") if d.list_verbs else None


@by_identity
def _discrete(d) -> frozenset[str]:
    """The units that count whole things (个, 村, 家 …), once per arithmetic table ``d``."""
    return frozenset(u for u, info in d.units.items() if info.discrete)


def count_items(items: list[str]) -> int:
    n = len(items)
    if items and _AND.search(items[-1]):
        n += 1
    return n


def preview(items: list[str], trim_first: bool = True) -> str:
    """The items for a message; a long first item carries the sentence's verb: keep its end."""
    first = items[0] if (len(items[0]) <= 3 or not trim_first) else "…" + items[0][-2:]
    shown = "、".join([first] + items[1:6])
    return shown + ("…" if len(items) > 6 else "")


class CountVersusList(Rule):
    code = "A204"
    name = "count-vs-list"
    severity = Severity.WARNING
    summary = (
        "列举的项数应与所说的个数一致（“青石、石溪、枫林、桃园、白沙、云岭6个村”；“示范村4个，即……”）；"
        "“等”表示所列可以少于个数。",
        "The number of items listed must equal the count stated with them (“A、B、C三个村”, “示范村4个，即…”); "
        "with 等 the list may be shorter than the count.",
    )
    why = (
        "增删列举对象后忘了改个数，是材料中很常见的疏漏。只在列举对象紧挨个数、个数后是“村、企业、品牌”"
        "等类别词时核对；“等”之后的个数只是下限；引号中的简称（“四化一堤”）和动作列举（新建、改扩建学校3所）不核对。",
        "Adding or removing an item without changing the count is a common slip. Checked only when the list "
        "touches the count and the count names a kind of thing (村, 企业, 品牌 …); after 等 the count is only a "
        "lower bound; quoted short names (“四化一堤”) and lists of actions (新建、改扩建学校3所) are not checked.",
    )
    bad = "项目分别设在青石、石溪、枫林、桃园、白沙、云岭5个村。"
    good = "项目分别设在青石、石溪、枫林、桃园、白沙、云岭6个村。"

    def check(self, ctx: Context) -> Iterator[Finding]:
        d = data(ctx)
        nouns = words(d.list_nouns)
        verbs = _verbs(d)
        discrete = _discrete(d)
        for sent in sentences(ctx):
            text = sent.block.text
            listed = None  # whether the sentence can hold a list at all (worked out when first asked)
            for q in sent.quantities:
                if not q.family or q.approx or q.unit not in discrete or q.decimals or q.multiplier != 1:
                    continue
                if listed is None:
                    # every list a count is checked against (_before, _after) lies inside the
                    # sentence and holds a 、 (A、B、C) or an opening quotation mark (“A”“B”)
                    within = text[sent.start : sent.end]
                    listed = "、" in within or "“" in within
                if not listed:
                    continue
                c = int(q.number_value)
                if c < 1:
                    continue
                noun_m = _NOUN_AFTER.match(text, q.end, sent.end)
                noun = noun_m.group(0) if noun_m else ""
                cs, _ = sent.clause(q.start)
                before = text[cs : q.start]
                hit = self._before(before, noun, nouns, verbs)
                if hit is None:
                    hit = self._after(text[q.end : sent.end], before, noun, nouns, verbs)
                if hit is None:
                    continue
                items, lower, trim = hit
                n = count_items(items)
                checked(ctx, "count")
                if (lower and n > c) or (not lower and n != c):
                    p = preview(items, trim)
                    if lower:
                        zh = f"列举了 {n} 项（{p}），多于“等{q.text}”"
                        en = f"{n} items are listed ({p}), more than the “等{q.text}” they stand for"
                    else:
                        zh = f"列举了 {n} 项（{p}），与“{q.text}”不符"
                        en = f"{n} items are listed ({p}) but the text says {q.text}"
                    yield self.finding(ctx, sent.block, q.start, q.end, zh, en)

    @staticmethod
    def _before(before: str, noun: str, nouns, verbs) -> tuple[list[str], bool, bool] | None:
        lower = False
        stripped = before.rstrip()
        for w in ("等等", "等"):
            if stripped.endswith(w):
                stripped, lower = stripped[: -len(w)], True
                break
        if not nouns.search(noun):
            return None
        # (both patterns end at the end of the text: the tests in front skip the search, which would
        # try them at every position, when the text cannot end that way)
        m = _QUOTED_BEFORE.search(stripped) if stripped.endswith(_QUOTED_ENDS) else None
        if m:
            items = re.findall(r"“([^“”\n]{1,20})”", m.group(0))
            return items, lower, False
        if stripped.endswith("”"):
            return None  # a quoted name ends the text before the count: not a plain list
        m = _LIST_BEFORE.search(stripped) if "、" in stripped else None
        if not m:
            return None
        items = m.group(0).split("、")
        if verbs and any(verbs.match(i) for i in items[1:]):
            return None  # a list of actions: 新建、改扩建学校3所
        if any(len(i) > 12 for i in items[1:]):
            return None
        return items, lower, True

    @staticmethod
    def _after(after: str, before: str, noun: str, nouns, verbs) -> tuple[list[str], bool, bool] | None:
        intro = _INTRO_AFTER.match(after)
        if not intro:
            return None
        if not (nouns.search(noun) or nouns.search(before[-6:])):
            return None
        m = _LIST_AFTER.match(after[intro.end() :])
        if not m:
            return None
        items = [i for i in m.group(1).split("、") if i]
        if len(items) < 2 or any(len(i) > 10 for i in items):
            return None
        if verbs and any(verbs.match(i) for i in items):
            return None
        return items, bool(m.group(2)), False
