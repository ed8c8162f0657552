"""Y408 event-not-yet-held: a party congress or plenum cited as past before it was held."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.findings import Finding, Severity
from reportlint.numerals import cn_to_int
from reportlint.rules.base import Context, Rule
from reportlint.rules.years.common import month_index, month_label, summary_period, title, writing_horizon

# a term number (十九, 二十一) not inside a longer numeral: the look-behind on the character before
# it sits after its first character, so each pattern opens with 十 or 二 and the engine skips
# straight to those (a look-behind in front would be tried at every position of every paragraph)
_NOT_AFTER = r"[一二三四五六七八九十百千万\d]"
_TERM = rf"(?:十(?<!{_NOT_AFTER}十)[一二三四五六七八九]|二(?<!{_NOT_AFTER}二)十[一二三四五六七八九]?)"
_CONGRESS = re.compile(rf"(?P<n>{_TERM})大(?![会学厦街道桥型项批类队])")
_PLENUM = re.compile(
    rf"(?P<t>{_TERM})届(?:中央)?"
    r"(?P<list>(?:[一二三四五六七八九]中(?:全会)?\s*[、，,和及与]?\s*)+)全会"
)
_ITEM = re.compile(r"([一二三四五六七八九])中")
_PAST_BEFORE = re.compile(r"学习|贯彻|落实|领会|宣传|宣讲|传达|践行|遵循|按照|根据")
_PAST_AFTER = re.compile(r"^[^，。；,;]{0,12}?(?:精神|以来|报告|决定|公报|部署|提出|作出|强调|审议通过|胜利闭幕|闭幕)")
_FUTURE_BEFORE = re.compile(r"迎接|喜迎|迎|筹备|即将|召开前|前夕|献礼|召开之际|期待")
_CLAUSE = re.compile(r"[。；;！？!?]")


class EventNotYetHeld(Rule):
    code = "Y408"
    name = "event-not-yet-held"
    severity = Severity.ERROR
    summary = (
        "报告不能把其所述期间之后才召开的党代会、全会当作已召开来引用（学习贯彻……精神），也不能引用不存在的全会届次。",
        "A report cannot cite as past (“学习贯彻…精神”) a party congress or plenum held after its period, "
        "nor a plenum that never existed.",
    )
    why = (
        "2019年的总结写“深入学习贯彻党的二十大精神”，是拿后来的模板改年份没改全，或年份本身写错；"
        "会议日期见 rulesets/calendar.toml。报告期间晚于日历所载最后一次会议时，日历不知道的会议一律不提示。",
        "A 2019 review that “studies the spirit of the 20th congress” (held in 2022) was built from a "
        "later template or carries a wrong year. Dates are in rulesets/calendar.toml; an event the "
        "calendar does not know is never reported.",
    )
    bad = "青山镇2019年工作总结\n2019年，我镇深入学习贯彻党的二十大精神，……"
    good = "青山镇2019年工作总结\n2019年，我镇深入学习贯彻党的十九大和十九届二中、三中、四中全会精神，……"

    def check(self, ctx: Context) -> Iterator[Finding]:
        horizon = writing_horizon(ctx)
        cal = ctx.ruleset.calendar
        for para in self._paragraphs(ctx):
            block, text = para.block, para.block.text
            if "十" not in text:
                continue  # every term number (_TERM: 十九, 二十一) holds 十: most paragraphs have none
            # (a congress names 大, a plenum 届: most paragraphs hold neither)
            for m in _CONGRESS.finditer(text, para.offset) if "大" in text else ():
                n = cn_to_int(m.group("n"))
                congress = cal.congress_by_number.get(n) if n else None
                before = self._before(text, m.start(), para.offset)
                if congress is None or horizon is None or not self._past(text, m, before, party=True):
                    continue
                if month_index(congress.opened) > horizon:
                    yield self._late(ctx, block, m.start(), m.end(), f"党的{m.group('n')}大", "the party congress "
                                     f"{m.group('n')}大", congress.opened, horizon)
            for m in _PLENUM.finditer(text, para.offset) if "届" in text else ():
                t = cn_to_int(m.group("t"))
                congress = cal.congress_by_number.get(t) if t else None
                before = self._before(text, m.start(), para.offset)
                if congress is None or not self._past(text, m, before, party=False):
                    continue
                for item in _ITEM.finditer(m.group("list")):
                    k = cn_to_int(item.group(1)) or 0
                    a, b = m.start("list") + item.start(), m.start("list") + item.end()
                    name = f"{m.group('t')}届{item.group(0)}全会"
                    if k > len(congress.plenums):
                        if congress.complete:
                            yield self.finding(
                                ctx, block, a, b,
                                f"{m.group('t')}届中央委员会共召开{len(congress.plenums)}次全会，没有“{name}”",
                                f"the Central Committee of term {t} held {len(congress.plenums)} plenums: "
                                f"there is no “{name}”",
                            )
                        continue  # a plenum the calendar does not know yet: silence
                    held = congress.plenums[k - 1]
                    if horizon is not None and month_index(held) > horizon:
                        yield self._late(ctx, block, a, b, name, name, held, horizon)

    @staticmethod
    def _paragraphs(ctx: Context):
        yield from ctx.outline.preamble
        for s in ctx.outline.walk():
            yield from s.paragraphs

    @staticmethod
    def _before(text: str, start: int, offset: int) -> str:
        b = text[max(offset, start - 30) : start]
        cut = list(_CLAUSE.finditer(b))
        return b[cut[-1].end() :] if cut else b

    @staticmethod
    def _past(text: str, m: re.Match[str], before: str, party: bool) -> bool:
        if _FUTURE_BEFORE.search(before):
            return False
        if party and not (before.endswith("党的") or _PAST_AFTER.match(text[m.end() : m.end() + 40])):
            return False
        return bool(_PAST_BEFORE.search(before) or _PAST_AFTER.match(text[m.end() : m.end() + 40]))

    def _late(self, ctx: Context, block, a: int, b: int, name_zh: str, name_en: str, held, horizon: int) -> Finding:
        s = summary_period(ctx)
        if s is not None:
            own, own_en = f"本报告总结{s.label()}", f"this report reviews {s.label('en')}"
        else:
            p = title(ctx).plan
            own = f"本报告为{p.label() if p else ''}计划"
            own_en = f"this report plans {p.label('en') if p else ''}"
        return self.finding(
            ctx, block, a, b,
            f"{name_zh}于{held.year}年{held.month}月召开，{own}，至迟成文于{month_label(horizon)}，不能把它作为已召开的会议引用",
            f"{name_en} opened in {held.year}-{held.month:02d}; {own_en} and was written by "
            f"{month_label(horizon, 'en')} at the latest: it cannot cite it as past",
        )
