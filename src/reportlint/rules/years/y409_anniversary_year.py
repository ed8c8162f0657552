"""Y409 anniversary-year: “××年是建党100周年” with a year that is not the anniversary's."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportlint.findings import Finding, Severity
from reportlint.frozen import by_identity
from reportlint.numerals import parse_number
from reportlint.rules.base import Context, Rule
from reportlint.rules.years.common import SENTENCE_END, mentions

_COUNT = r"(?P<n>\d{1,3}|[一二三四五六七八九十百零〇]{1,5})\s*周年|(?P<century>百)年(?![大未变之])"


@by_identity
def _events(calendar) -> list[tuple[object, re.Pattern[str]]]:
    """The calendar's anniversaries with the regex of "event … N周年", compiled once per calendar."""
    return [(a, re.compile(rf"(?:{a.regex})(?:的)?\s*(?:{_COUNT})")) for a in calendar.anniversary_list]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class AnniversaryYear(Rule):
    code = "Y409"
    name = "anniversary-year"
    severity = Severity.ERROR
    summary = (
        "“××年是……N周年”中的年份应等于事件年份加N（建党100周年 = 2021年，改革开放40周年 = 2018年）。",
        "In “××年是…N周年” the year must be the event's year plus N (建党100周年 = 2021, 改革开放40周年 = 2018).",
    )
    why = (
        "周年纪念的年份是可以算出来的；写错通常是沿用了往年的定调语。事件年份见 rulesets/calendar.toml。",
        "An anniversary's year can be computed; a wrong one is usually a template sentence carried "
        "over. The events' years are in rulesets/calendar.toml.",
    )
    bad = "青山镇2022年工作总结\n2022年是中国共产党成立100周年，……"
    good = "青山镇2021年工作总结\n2021年是中国共产党成立100周年，……"

    def check(self, ctx: Context) -> Iterator[Finding]:
        events = _events(ctx.ruleset.calendar)
        for lm in mentions(ctx, ("preamble", "body", "heading")):
            m = lm.mention
            if m.kind != "year" or m.role != "statement" or m.placeholder or m.period is None or m.period.year is None:
                continue
            text = m.block.text
            end = SENTENCE_END.search(text, m.end)
            stop = end.start() if end else len(text)
            nxt = re.search(r"[，,](?:\s*)(?:(?:19|20)\d{2}\s*年|今年|明年)", text[m.end : stop])
            if nxt:
                stop = m.end + nxt.start()  # the next clause has its own subject
            for a, rx in events:
                hit = rx.search(text, m.end, stop)
                if not hit:
                    continue
                n = 100 if hit.group("century") else parse_number(hit.group("n") or "")
                if not n or n > 500:
                    continue
                want = a.year + n
                if want == m.period.year:
                    continue
                yield self.finding(
                    ctx, m.block, m.start, hit.end(),
                    f"{a.zh}的{n}周年是{want}年，不是{m.period.year}年",
                    f"the {_ordinal(n)} anniversary of {a.en} is in {want}, not {m.period.year}",
                )
