"""Documentation generated from the rule registry (never written twice), and the outline tree."""

from __future__ import annotations

import json

from reportlint.rules.base import FAMILIES, Rule

_SEV = {"zh": {"error": "错误", "warning": "警告", "info": "提示"}, "en": {"error": "error", "warning": "warning", "info": "info"}}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _rules():
    from reportlint.rules import all_rules

    return all_rules()


def rule_text(rule: type[Rule], lang: str = "zh") -> str:
    fam = _pick(FAMILIES[rule.family()], lang)
    sev = _SEV[lang][rule.severity.value]
    if lang == "en":
        head = f"{rule.code} ({rule.name})\nfamily: {fam}   default severity: {sev}\n\n"
        labels = ("What it does", "Why it matters", "Example (bad)", "Instead (good)")
    else:
        head = f"{rule.code}（{rule.name}）\n类别：{fam}    默认级别：{sev}\n\n"
        labels = ("检查什么", "为什么", "错误示例", "正确写法")
    return (
        head
        + f"{labels[0]}\n  {_pick(rule.summary, lang)}\n\n"
        + f"{labels[1]}\n  {_pick(rule.why, lang)}\n\n"
        + f"{labels[2]}\n  {rule.bad}\n\n"
        + f"{labels[3]}\n  {rule.good}\n"
    )


def rules_text(lang: str = "zh") -> str:
    lines = []
    for r in _rules():
        lines.append(f"{r.code}  {r.name:<28} {_SEV[lang][r.severity.value]:<8} {_pick(r.summary, lang)}")
    return "\n".join(lines) + "\n"


def rules_markdown(lang: str = "zh") -> str:
    if lang == "en":
        out = ["| code | name | severity | what it checks |", "|---|---|---|---|"]
    else:
        out = ["| 代码 | 名称 | 默认级别 | 检查什么 |", "|---|---|---|---|"]
    for r in _rules():
        summary = _pick(r.summary, lang).replace("|", "\\|")
        out.append(f"| {r.code} | {r.name} | {_SEV[lang][r.severity.value]} | {summary} |")
    return "\n".join(out) + "\n"


def rules_json(lang: str = "zh") -> str:
    data = [
        {
            "code": r.code,
            "name": r.name,
            "family": FAMILIES[r.family()][1],
            "severity": r.severity.value,
            "summary": _pick(r.summary, lang),
            "why": _pick(r.why, lang),
            "bad": r.bad,
            "good": r.good,
        }
        for r in _rules()
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def outline_tree(doc, outline, kind: str, lang: str = "zh"):
    """A rich Tree of the parsed outline (``reportlint outline PATH``)."""
    from rich.text import Text
    from rich.tree import Tree

    def t(zh: str, en: str) -> str:
        return en if lang == "en" else zh

    def loc(block) -> str:
        return t(f"第{block.line}段", f"para {block.line}") if doc.format == "docx" else t(f"第{block.line}行", f"line {block.line}")

    kinds = {"annual": ("年度", "annual"), "half-year": ("半年", "half-year"), "quarterly": ("季度", "quarterly")}
    title = outline.title_text or t("（未识别到标题）", "(no title found)")
    root = Tree(Text.assemble((title, "bold"), f"  [{_pick(kinds.get(kind, (kind, kind)), lang)}]"))
    if outline.front:
        root.add(Text(t(f"标题前内容 {len(outline.front)} 段", f"before the title: {len(outline.front)} blocks"), style="dim"))
    if outline.toc:
        toc = root.add(Text(t(f"目录（{len(outline.toc)} 项）", f"table of contents ({len(outline.toc)} entries)"), style="cyan"))
        for h in outline.toc:
            toc.add(Text(f"{'  ' * (h.level - 1)}{h.text}", style="dim"))
    if outline.preamble:
        root.add(Text(t(f"导语 {len(outline.preamble)} 段", f"preamble: {len(outline.preamble)} blocks"), style="dim"))

    def add(node, section):
        label = Text.assemble((section.heading.marker, "bold"), section.title, (f"  {loc(section.heading.block)}", "dim"))
        paras = [p for p in section.paragraphs if p.text.strip()]
        if paras:
            label.append(t(f"  正文 {len(paras)} 段", f"  {len(paras)} paragraphs"), style="dim")
        enums = [e for p in section.paragraphs for e in p.enumerators]
        if enums:
            marks = "、".join(("第" if e.kind == "ordinal" else "") + _cn(e.number) + ("是" if e.kind == "shi" else "") for e in enums)
            label.append(f"  [{marks}]", style="green")
        child = node.add(label)
        for c in section.children:
            add(child, c)

    for s in outline.sections:
        add(root, s)
    return root


def _cn(n: int) -> str:
    from reportlint.numerals import int_to_cn

    return int_to_cn(n) if 0 <= n < 100 else str(n)
