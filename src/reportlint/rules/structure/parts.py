"""The parts of a report — review, problems, plan — and where a document has them.

Shared by S103 (missing-part) and S104 (promised-plan-missing), so both rules agree on what
"present" means. A part is present when

* a section heading (any level) matches the part's ``heading`` patterns of the ruleset, or for the
  plan, names the period the title plans for (``三、2026年重点工作`` when the title promises
  ``2026年工作计划``; ``下半年``, ``第二季度`` likewise);
* a body paragraph matches the part's ``body`` patterns (problems discussed without a heading of
  their own: ``清醒地认识到……困难和问题，主要表现在``);
* a short unnumbered heading-like paragraph (``下一步工作打算``) matches the heading patterns;
* for the review only: the report is a summary and has a top-level section that is neither the
  problems nor the plan (thematic sections such as ``一、经济发展提质增效`` are review content);
* for the plan only: a top-level section after the problems section that names neither the
  problems nor the review (``三、全力做好开局工作`` after ``二、存在的问题``): reports run review,
  problems, plan.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reportlint.facts import ReportInfo
from reportlint.frozen import by_identity
from reportlint.numerals import int_to_cn, parse_number
from reportlint.prefilter import _opens_with_prefix, compiled, first_class
from reportlint.rules.base import Context

PARTS = ("review", "problems", "plan")
PART_LABELS = {
    "review": ("工作总结（回顾）", "review"),
    "problems": ("存在的问题", "problems"),
    "plan": ("工作计划（打算）", "plan"),
}
KIND_LABELS = {"annual": ("年度", "an annual"), "half-year": ("半年", "a half-year"), "quarterly": ("季度", "a quarterly")}

_HEADING_LIKE_MAX = 30
_SENTENCE_INSIDE = re.compile(r"[。！？!?；;，,]")
_DECOR = re.compile(r"^[\s#>*]+|[\s*：:]+$")
_DECOR_LEAD = re.compile(r"[\s#>*]*")  # the first alternative of _DECOR
_DECOR_TRAIL = re.compile(r"[\s*：:]")  # a character of the second alternative's run
_CONNECTIVE_START = re.compile(r"^(?:以及|[及和暨与并])")
_QUARTER = re.compile(r"第?([一二三四1-4])季度")


@lru_cache(maxsize=512)
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """The patterns for an "any of them searches the text" test: those without groups joined into
    one alternation (one scan of the text instead of one per pattern, led by the characters its
    matches start with: see ``_led_any``), the others kept apart."""
    joined = [p for p in patterns if compiled(p).groups == 0]
    apart = tuple(compiled(p) for p in patterns if compiled(p).groups)
    if len(joined) < 2:
        return tuple(compiled(p) for p in patterns)
    try:
        alternation = "|".join(f"(?:{p})" for p in joined)
        if all(p.startswith(("^", r"\A")) for p in joined):  # tried at the start alone: fails at once elsewhere
            return (compiled(alternation),) + apart
        return (_led_any(alternation),) + apart
    except re.error:  # e.g. global flags, which must open a regex
        return tuple(compiled(p) for p in patterns)


_SCOPED_FLAGS = re.compile(r"\(\?[aiLmsux-]")


def _led_any(regex: str) -> re.Pattern[str]:
    """A regex that searches a text exactly when ``regex`` does (a match at the same place, but
    only its first character: for yes/no tests). When ``re`` would try ``regex`` at every position
    (an alternation opening with optional parts or groups, such as the problems' body patterns),
    it opens with the class of the characters every match starts with (``prefilter.first_class``),
    so ``re`` skips every other position at C speed, and steps back to try ``regex`` in a
    look-ahead (as ``facts.scan.capture_led``; ``(?s:.)`` steps back over a line break too).
    Flags scoped inside the regex (``(?i:…)``) are not reflected in its first class: kept as is."""
    body = first_class(regex)
    if body is None or _opens_with_prefix(regex) or _SCOPED_FLAGS.search(regex):
        return compiled(regex)
    return compiled(f"[{body}](?<=(?=(?:{regex}))(?s:.))")


@by_identity
def _part_patterns(parts) -> dict[tuple[str, str], tuple[re.Pattern[str], ...]]:
    """(part, "heading" | "body") -> the compiled patterns, derived once per ruleset ``parts`` table."""
    out: dict[tuple[str, str], tuple[re.Pattern[str], ...]] = {}
    for part in PARTS:
        spec = parts.get(part)
        for where in ("heading", "body"):
            out[part, where] = _compiled(tuple(getattr(spec, where))) if spec else ()
    return out


def _parts_named(text: str, ctx: Context, where: str, skip: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """The parts whose ``where`` patterns ("heading" or "body") search ``text``, but for those in
    ``skip``, whose patterns are not tried."""
    table = _part_patterns(ctx.ruleset.parts)
    found: set[str] = set()
    for part in PARTS:
        if part in skip:
            continue
        for p in table[part, where]:
            if p.search(text):
                found.add(part)
                break
    return found


def promised_plan(report: ReportInfo) -> str | None:
    """The words of a summary's title that promise a plan (``及2026年工作计划``), if any.

    Only a summary whose title joins the plan with a connective counts: ``2026年工作要点`` is a
    plan itself, and ``计划生育工作总结`` promises nothing.
    """
    if not (report.is_summary and report.promises_plan and report.plan_phrase):
        return None
    return report.plan_phrase if _CONNECTIVE_START.match(report.plan_phrase) else None


@lru_cache(maxsize=64)
def _period_patterns(plan_year: int | None, summary_year: int | None, phrase: str) -> tuple[re.Pattern[str], ...]:
    out: list[re.Pattern[str]] = []
    if plan_year and plan_year != summary_year:
        out.append(re.compile(rf"(?<!\d){plan_year}\s*年"))
    if "下半年" in phrase:
        out.append(re.compile("下半年"))
    m = _QUARTER.search(phrase)
    if m:
        q = parse_number(m.group(1)) or 0
        out.append(re.compile(rf"第?(?:{int_to_cn(q)}|{q})季度"))
    if re.search("下一?季度", phrase):
        out.append(re.compile("下一?季度"))
    return tuple(out)


def heading_parts(title: str, ctx: Context) -> set[str]:
    """The parts a section heading's title names (S103, S106 and the Y rules ask for the same
    titles: found once per title and document)."""
    memo: dict[str, frozenset[str]] = ctx.shared("structure.heading-parts", dict)
    got = memo.get(title)
    if got is None:
        got = memo[title] = frozenset(_heading_parts(title, ctx))
    return set(got)


def _heading_parts(title: str, ctx: Context) -> set[str]:
    found = _parts_named(title, ctx, "heading")
    periods = ctx.shared("structure.plan-periods", lambda: _plan_periods(ctx.facts.report))
    if periods and any(p.search(title) for p in periods):
        found.add("plan")
    return found


def _plan_periods(report: ReportInfo) -> tuple[re.Pattern[str], ...]:
    """The patterns of the period the title promises a plan for (none when it promises none)."""
    if promised_plan(report):
        return _period_patterns(report.plan_year, report.summary_year, report.plan_phrase or "")
    return ()


def _is_title_repeat(text: str, ctx: Context) -> bool:
    report = ctx.facts.report
    if report.title and text == report.title.strip():
        return True
    phrase = report.plan_phrase
    if phrase and phrase in text:
        return True  # the title repeated, or a file name line
    return any(compiled(p).search(text) for p in ctx.ruleset.outline.title_exclude)


def paragraph_parts(text: str, ctx: Context, known: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """The parts a body paragraph discusses (body patterns), or names as an unnumbered heading;
    ``known``: parts the caller has found already, which it adds this answer to: their patterns
    are not tried (the union is the same), so a part may be missing from the answer if known."""
    found = _parts_named(text, ctx, "body", known)
    if len(text) - _DECOR_LEAD.match(text).end() > _HEADING_LIKE_MAX and not _DECOR_TRAIL.match(text, len(text) - 1):
        # longer than a heading once its decoration is stripped: a run of _DECOR's second
        # alternative ends the text (at its end or before a last line break, which is in the run)
        # only when its last character is in the run (most paragraphs end with 。)
        return found
    short = _DECOR.sub("", text)
    if 0 < len(short) <= _HEADING_LIKE_MAX and not _SENTENCE_INSIDE.search(short) and not _is_title_repeat(short, ctx):
        found |= _parts_named(short, ctx, "heading", known)
    return found


def present_parts(ctx: Context) -> set[str]:
    """The parts the document has, by any of the tests in the module docstring (S103 and S104
    both ask: computed once per document)."""
    return set(ctx.shared("structure.present-parts", lambda: frozenset(_present_parts(ctx))))


def _present_parts(ctx: Context) -> set[str]:
    outline = ctx.outline
    found: set[str] = set()
    for section in outline.walk():
        found |= heading_parts(section.title, ctx)
    top = [heading_parts(s.title, ctx) for s in outline.sections]
    if ctx.facts.report.is_summary and any(not parts & {"problems", "plan"} for parts in top):
        found.add("review")
    after_problems = False
    for parts in top:
        if after_problems and not parts & {"problems", "review"}:
            found.add("plan")
        after_problems = after_problems or "problems" in parts
    if found.issuperset(PARTS):
        return found  # the body paragraphs cannot add anything
    paragraphs = list(outline.preamble) + [p for s in outline.walk() for p in s.paragraphs]
    for para in paragraphs:
        found |= paragraph_parts(para.text, ctx, found)
        if found.issuperset(PARTS):
            break
    return found


def heading_examples(ctx: Context, part: str, count: int = 3) -> list[str]:
    """A few plain words of the part's heading patterns, for messages (``问题``, ``不足`` …)."""
    spec = ctx.ruleset.parts.get(part)  # type: ignore[call-overload]
    words = [p for p in (spec.heading if spec else []) if re.fullmatch(r"[\u4e00-\u9fff]+", p)]
    return words[:count]
