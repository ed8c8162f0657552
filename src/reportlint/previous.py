"""Cross-report check: this period's report against the previous period's.

``reportlint check --previous 2024年工作总结.docx 2025年工作总结.docx`` compares every checked report
with the given previous one; without ``--previous`` a report is paired automatically with the same
unit's report for the previous year in the same folder (among the checked files, or a sibling file
whose name carries the previous year), when both titles name the unit and the year and are of the
same kind. Two checks, the questions a county reviewer asks first:

* Y490 copied-from-previous (warning): a paragraph inside a section, of at least ``MIN_COPY``
  characters, that is a paragraph of the previous report unchanged — or changed only in its years
  (``2024年`` -> ``2025年``). The preamble is left out: its opening formula is the same every year.
* Y491 plan-not-reviewed (info): an item of the previous report's plan (a heading under its plan
  part, 工作计划/打算/思路) that this report's review never mentions: fewer than a third of the
  item's characteristic character pairs (generic words such as 加强/推进 left out) occur in the
  review and no four consecutive characters of it do; between a fifth and a half, nothing is said.

They need two documents, so they are not rules of the registry (a rule sees one document); they
carry the same documentation fields, are selected, ignored, re-levelled and suppressed like rules,
and appear in SARIF's rule list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlint.findings import Finding, Severity

if TYPE_CHECKING:
    from reportlint.config import Settings
    from reportlint.document import Block, Document
    from reportlint.engine import FileResult

MIN_COPY = 30  # characters (whitespace removed) for a paragraph to count as copied
_YEAR = re.compile(r"(?:19|20)\d{2}(?=\s*年)|[〇零一二三四五六七八九]{4}(?=年)")
_NON_TEXT = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z]+")
_GENERIC = set(
    "工作 加强 推进 提升 持续 全面 进一步 深入 扎实 着力 大力 切实 不断 积极 努力 坚持 强化 完善 做好 抓好 "
    "开展 落实 建设 发展 推动 促进 实施 全力 重点 方面 提高 确保 有效 一步 突出 聚焦 围绕 加快 进行".split()
)
_KIND_WORDS = re.compile(
    r"(?:19|20)\d{2}\s*年度?|[〇零一二三四五六七八九]{4}年度?|上半年|下半年|前三季度|第?[一二三四1-4]季度|"
    r"工作总结|工作计划|工作要点|工作报告|工作情况|工作打算|工作思路|总结|计划|报告|汇报|打算|情况|及|和|暨|与|年度|工作"
)


@dataclass(frozen=True)
class CrossReportCheck:
    """The documentation fields of a rule (see reportlint.rules.base.Rule), for a two-report check."""

    code: str
    name: str
    severity: Severity
    summary: tuple[str, str]
    why: tuple[str, str]
    bad: str
    good: str

    def family(self) -> str:
        return self.code[0]


COPIED = CrossReportCheck(
    code="Y490",
    name="copied-from-previous",
    severity=Severity.WARNING,
    summary=("段落与上期报告完全相同（或只改了年份）", "a paragraph is the previous period's report unchanged (or with only its years changed)"),
    why=(
        "照搬上年报告的段落，是审核人员最先核对的问题：数字、进展和表述都停留在上一期，说明这一段没有按本期实际重写。"
        "用 --previous 指定上期报告，或把同一单位相邻年度的报告放在同一文件夹中一起检查。",
        "A paragraph carried over from last period's report is the first thing a reviewer checks: its figures, "
        "progress and wording belong to the previous period. Name the previous report with --previous, or check "
        "the same unit's consecutive reports in one folder.",
    ),
    bad="（2025年报告中）全年新建高标准农田3200亩，新建标准化茶厂2座。（与2024年报告一字不差）",
    good="（2025年报告中）全年新建高标准农田2800亩，累计达1.2万亩；新建标准化茶厂1座。",
)
PLAN_NOT_REVIEWED = CrossReportCheck(
    code="Y491",
    name="plan-not-reviewed",
    severity=Severity.INFO,
    summary=("上期报告计划中的事项，本期回顾中没有提到", "an item of the previous report's plan is never mentioned in this report's review"),
    why=(
        "上期计划要做的事，本期总结应交代完成情况；一项计划在回顾中只字未提，审核时必然会问。"
        "判断依据是计划标题中的特征字词在本期回顾部分是否出现，只作提示。",
        "What the last report planned, this report's review should account for; a plan item the review never "
        "mentions is a reviewer's first question. It is judged by whether the item's characteristic words occur "
        "in this report's review part, so it is only a hint.",
    ),
    bad="2024年计划“（二）建设智慧养老服务平台”，2025年工作回顾中没有“养老”“平台”的任何内容。",
    good="2025年工作回顾：“建成智慧养老服务平台，接入老年人2300名。”",
)
CHECKS = (COPIED, PLAN_NOT_REVIEWED)


# ------------------------------------------------------------------------------ report identity


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def unit_of(title: str | None) -> str | None:
    """The unit a title names (``青山镇`` in ``青山镇2025年工作总结及2026年工作计划``)."""
    if not title:
        return None
    rest = _NON_TEXT.sub("", _KIND_WORDS.sub("", _norm(title)))
    return rest or None


@dataclass(slots=True)
class Summary:
    """What Y490/Y491 use of one report: small and picklable.

    Parallel workers make it next to the outline and send it back in ``FileResult.cross``, so the
    parent neither receives outlines and facts nor rebuilds them. The identity (unit, year, kind)
    pairs reports; the rest (``detailed``) is made only for a report that can take part in a pair.
    """

    path: str
    docx: bool
    unit: str | None
    year: int | None
    kind: str
    detailed: bool = False
    # body paragraphs of at least MIN_COPY characters: (block, start, end, key, key with the years
    # masked or None when the same); start/end are the paragraph's columns without outer spaces
    paragraphs: tuple[tuple[Block, int, int, str, str | None], ...] = ()
    plan: tuple[tuple[str, str, int], ...] = ()  # (marker, title, line) of the plan part's items
    review: str = ""  # the Chinese characters of the review sections and the preamble
    anchor: tuple[Block, int] | None = None  # the first review heading: (block, column)

    def where(self, line: int) -> tuple[str, str]:
        return (f"第{line}段", f"paragraph {line}") if self.docx else (f"第{line}行", f"line {line}")


def summarize(document: Document, outline, facts, ruleset, kind: str, *, detail: bool | None = None) -> Summary:
    """The summary of an analysed report; ``detail=None``: detailed when it can be paired
    automatically (its title names the unit and the year)."""
    report = facts.report
    s = Summary(document.path, document.format == "docx", unit_of(report.title), report.summary_year, kind)
    if detail is None:
        detail = s.unit is not None and s.year is not None and s.path != "-"
    if detail:
        _detail(s, document, outline, facts, ruleset)
    return s


def summary_of(result: FileResult, settings: Settings | None) -> Summary | None:
    """For a parallel worker: the summary of a linted file, None when Y490/Y491 cannot apply to it."""
    if result.error is not None or result.document is None or result.outline is None or result.facts is None:
        return None
    if settings is not None and not any(settings.is_selected(c.code, result.path) for c in CHECKS):
        return None
    return summarize(result.document, result.outline, result.facts, result.ruleset, result.kind or "annual")


def _analyse(document: Document, settings: Settings | None, *, detail: bool | None = None) -> Summary:
    from reportlint.config import Settings as _Settings
    from reportlint.engine import analyse

    outline, facts, ruleset, kind = analyse(document, settings or _Settings())
    return summarize(document, outline, facts, ruleset, kind, detail=detail)


def _read(path: str, settings: Settings | None, encoding: str | None) -> Summary | None:
    from reportlint.document import ReadError
    from reportlint.readers import read_path

    try:
        doc = read_path(
            path,
            encoding=encoding,
            max_size=getattr(settings, "max_input_size", None),
            max_docx_size=getattr(settings, "max_docx_size", None),
        )
        return _analyse(doc, settings, detail=True)
    except ReadError:
        return None


def _detail(s: Summary, document: Document, outline, facts, ruleset) -> None:
    from reportlint.rules.base import Context
    from reportlint.rules.structure.parts import heading_parts

    paragraphs = []
    for block, start, text in _body_paragraphs(outline):
        n, m = _copy_key(text)
        if len(n) >= MIN_COPY:
            lead = len(text) - len(text.lstrip())
            paragraphs.append((block, start + lead, start + len(text.rstrip()), n, None if m == n else m))
    ctx = Context(document=document, outline=outline, facts=facts, ruleset=ruleset)
    top = list(outline.sections)
    tags = [heading_parts(section.title, ctx) for section in top]
    plan = _plan_section(top, tags)
    reviews = [section for section, t in zip(top, tags) if not t & {"problems", "plan"}]
    s.detailed = True
    s.paragraphs = tuple(paragraphs)
    s.plan = tuple((item.heading.marker, item.title.strip(), item.heading.block.line) for item in plan.children) if plan else ()
    if reviews:
        text = "".join(_section_text(section) for section in reviews) + "".join(p.block.text for p in outline.preamble)
        s.review = re.sub(r"[^\u4e00-\u9fff]", "", text)
        s.anchor = (reviews[0].heading.block, reviews[0].heading.start)


# ------------------------------------------------------------------------------ the checks


def _body_paragraphs(outline):
    """(block, start, text) of the paragraphs inside sections: not the title, the headings, the
    table of contents, or the preamble (its opening formula is the same every year by design)."""
    for section in outline.walk():
        for para in section.paragraphs:
            text = para.block.text[para.offset :]
            if text.strip():
                yield para.block, para.offset, text


def _copy_key(text: str) -> tuple[str, str]:
    n = _norm(text)
    return n, _YEAR.sub("#", n)


def copied_paragraphs(current: Summary, previous: Summary, lang_path: str) -> list[Finding]:
    exact: dict[str, Block] = {}
    masked: dict[str, Block] = {}
    for block, _, _, n, m in previous.paragraphs:
        exact.setdefault(n, block)
        masked.setdefault(n if m is None else m, block)
    out = []
    for block, start, end, n, m in current.paragraphs:
        if n in exact:
            prev, only_years = exact[n], False
        elif (n if m is None else m) in masked:
            prev, only_years = masked[n if m is None else m], True
        else:
            continue
        where_zh, where_en = previous.where(prev.line)
        zh = f"本段与上期报告 {lang_path}（{where_zh}）" + ("相同，只改了年份" if only_years else "完全相同") + "，请按本期实际情况重写"
        en = f"this paragraph is {lang_path} ({where_en}) " + ("with only its years changed" if only_years else "unchanged") + "; rewrite it for this period"
        out.append(_finding(current, COPIED, block, start, end, zh, en))
    return out


def _plan_section(top: list, tags: list[set[str]]):
    for s, t in zip(top, tags):
        if "plan" in t:
            return s
    after_problems = False
    for s, t in zip(top, tags):
        if after_problems and not t & {"problems", "review"}:
            return s
        after_problems = after_problems or "problems" in t
    return None


def _section_text(section) -> str:
    parts = [section.heading.block.text]
    for sub in section.walk():
        parts.append(sub.heading.block.text)
        parts.extend(p.block.text for p in sub.paragraphs)
    return "".join(parts)


def _bigrams(text: str) -> set[str]:
    chars = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {chars[i : i + 2] for i in range(len(chars) - 1)} - _GENERIC


def mentioned(item: str, review: str) -> bool | None:
    """True / False when clear; None when in between (then nothing is said)."""
    grams = _bigrams(item)
    if len(grams) < 2:
        return None  # too little to judge
    chars = re.sub(r"[^\u4e00-\u9fff]", "", item)
    for i in range(len(chars) - 3):
        four = chars[i : i + 4]
        if four[:2] not in _GENERIC and four[2:] not in _GENERIC and four in review:
            return True
    share = sum(1 for g in grams if g in review) / len(grams)
    if share >= 0.5:
        return True
    if share < 0.2:
        return False
    return None


def plan_not_reviewed(current: Summary, previous: Summary, label: str) -> list[Finding]:
    if not previous.plan or current.anchor is None:
        return []
    block, start = current.anchor
    out = []
    for marker, title, line in previous.plan:
        if mentioned(title, current.review) is not False:
            continue
        where, where_en = previous.where(line)
        zh = f"上期报告 {label} 的计划“{marker}{title}”（{where}）在本期回顾中没有提到，请说明完成情况"
        en = f'the plan item "{marker}{title}" of {label} ({where_en}) is never mentioned in this review; say how it went'
        out.append(_finding(current, PLAN_NOT_REVIEWED, block, start, len(block.text.rstrip()), zh, en))
    return out


def _finding(a: Summary, check: CrossReportCheck, block: Block, start: int, end: int, zh: str, en: str) -> Finding:
    start = max(0, min(start, len(block.text)))
    end = max(start, min(end, len(block.text)))
    return Finding(path=a.path, code=check.code, name=check.name, severity=check.severity, message_zh=zh,
                   message_en=en, block=block, start=start, end=end)


def compare(current: Summary, previous: Summary) -> list[Finding]:
    label = Path(previous.path).name
    return copied_paragraphs(current, previous, label) + plan_not_reviewed(current, previous, label)


# ------------------------------------------------------------------------------ pairing and filtering


class _Pairing:
    """Finds each report's previous one among the checked files or beside it, for one
    ``cross_check``: paths are resolved and folders listed once, and the checked reports indexed
    by (folder, unit, year, kind), so pairing the n reports of a folder takes time linear in n."""

    def __init__(self, pool: dict[str, Summary]) -> None:
        self.pool = pool
        self._resolved: dict[str, Path] = {}
        self._listings: dict[Path, list[Path] | None] = {}
        self._candidates: dict[tuple[Path, int], list[Path]] = {}
        self._reads: dict[tuple[str, int], Summary | None] = {}
        self._index: dict[tuple, str] = {}
        for path, b in pool.items():
            if b.unit is not None and b.year is not None and path != "-":
                self._index.setdefault((self.resolved(path).parent, b.unit, b.year, b.kind), path)
        self._checked: set[Path] | None = None  # the checked files, resolved: made when first needed

    def resolved(self, path: str) -> Path:
        got = self._resolved.get(path)
        if got is None:
            got = self._resolved[path] = Path(path).resolve()
        return got

    def _siblings(self, folder: Path, year: int) -> list[Path]:
        """The files of ``folder`` that may be a report of ``year`` and are not checked ones."""
        key = (folder, year)
        got = self._candidates.get(key)
        if got is None:
            if folder not in self._listings:
                try:
                    self._listings[folder] = sorted(folder.iterdir())
                except OSError:  # a folder that may be entered but not listed, or gone meanwhile
                    self._listings[folder] = None
            listing = self._listings[folder] or []
            from reportlint.walk import wanted_suffixes

            suffixes = wanted_suffixes()
            got = [
                sibling for sibling in listing
                if str(year) in sibling.name and sibling.suffix.lower() in suffixes
                and not sibling.name.startswith(("~$", ".")) and not sibling.name.endswith(".reportlint.docx")
                and sibling.is_file()
            ]
            if got:
                if self._checked is None:
                    self._checked = {self.resolved(p) for p in self.pool}
                got = [sibling for sibling in got if sibling not in self._checked]
            self._candidates[key] = got
        return got

    def previous_of(self, a: Summary, settings: Settings | None, encoding: str | None) -> Summary | None:
        if a.unit is None or a.year is None or a.path == "-":
            return None
        folder = self.resolved(a.path).parent
        want = a.year - 1
        path = self._index.get((folder, a.unit, want, a.kind))
        if path is not None and path != a.path:
            return self.pool[path]
        for sibling in self._siblings(folder, want):
            key = (str(sibling), id(settings))
            if key not in self._reads:
                self._reads[key] = _read(str(sibling), settings, encoding)
            b = self._reads[key]
            if b is not None and b.unit == a.unit and b.year == want and b.kind == a.kind:
                return b
        return None


def _detailed(s: Summary, result: FileResult | None, settings: Settings | None) -> Summary:
    """``s`` with its paragraphs, plan and review, made from the result's outline if it has one."""
    if s.detailed or result is None:
        return s
    if result.outline is not None and result.facts is not None:
        _detail(s, result.document, result.outline, result.facts, result.ruleset)
        return s
    return _analyse(result.document, settings, detail=True)


def cross_check(
    results: list[FileResult],
    settings_of: dict[str, Settings],
    *,
    previous: str | None = None,
    encoding: str | None = None,
) -> None:
    """Add Y490/Y491 findings to ``results`` (in place), filtered like rule findings."""
    from reportlint.suppress import collect

    wanted = [
        r for r in results
        if r.error is None and r.document is not None
        and any(settings_of.get(r.path) is None or settings_of[r.path].is_selected(c.code, r.path) for c in CHECKS)
    ]
    if not wanted:
        return
    pool: dict[str, Summary] = {}
    result_of: dict[str, FileResult] = {}
    for r in wanted:
        s = getattr(r, "cross", None)
        if not isinstance(s, Summary):
            if r.outline is not None and r.facts is not None:  # linted in this process: detail when needed
                s = summarize(r.document, r.outline, r.facts, r.ruleset, r.kind or "annual", detail=False)
            else:
                s = _analyse(r.document, settings_of.get(r.path))
        pool[r.path] = s
        result_of[r.path] = r
    explicit = None
    if previous is not None:
        explicit = _read(previous, None, encoding)
        if explicit is None:
            from reportlint.document import ReadError

            raise ReadError(previous, f"{previous}：无法读取上期报告", f"{previous}: cannot read the previous report")
    pairing = _Pairing(pool)
    for r in wanted:
        current = pool[r.path]
        settings = settings_of.get(r.path)
        prev = explicit or pairing.previous_of(current, settings, encoding)
        if prev is None or pairing.resolved(prev.path) == pairing.resolved(r.path):
            continue
        current = pool[r.path] = _detailed(current, result_of[r.path], settings)
        if prev.path in pool and pool[prev.path] is prev:
            prev = pool[prev.path] = _detailed(prev, result_of[prev.path], settings_of.get(prev.path))
        sup = collect(r.document)
        added = []
        for f in compare(current, prev):
            if settings is not None:
                if not settings.is_selected(f.code, r.path):
                    continue
                f.severity = settings.severity_of(f.code, f.severity)
            if sup.covers(f):
                r.suppressed += 1
                continue
            added.append(f)
        if added:
            r.findings = sorted(r.findings + added, key=lambda f: f.sort_key)
