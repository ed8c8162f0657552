"""Shortcuts of the pipeline core and the S/A/Y rules give what the plain code gives."""

from __future__ import annotations

from reportlint.document import Block, Document
from reportlint.findings import Finding, Fix, Severity
from reportlint.rules import all_rules
from reportlint.rules.base import Context


def test_finding_clamps_and_fields_as_keywords():
    """``Rule.finding`` builds its Finding by position and clamps by comparisons: the same as
    keywords and ``max``/``min``."""
    rule = next(r for r in all_rules() if r.code == "A201")()
    doc = Document("r.txt", "txt", [])
    ctx = Context(document=doc, outline=None, facts=None, ruleset=None)  # type: ignore[arg-type]
    fix = Fix(1, 2, "x")
    for text in ("", "一", "一二三四五六七八九十"):
        block = Block(0, text, 1)
        n = len(text)
        for start in range(-3, n + 4):
            for end in range(-3, n + 4):
                for severity in (None, Severity.INFO):
                    got = rule.finding(ctx, block, start, end, "中", "en", fix=fix, severity=severity)
                    s = max(0, min(start, n))
                    want = Finding(
                        path="r.txt", code="A201", name=rule.name, severity=severity or rule.severity,
                        message_zh="中", message_en="en", block=block, start=s, end=max(s, min(end, n)), fix=fix,
                    )
                    assert got == want


def _residue_reference(text: str, ruleset) -> bool:
    """``ending.is_residue`` as first written: every pattern tried, in order."""
    import re

    t = text.strip()
    if not t or len(t) > 60:
        return False
    rest = t
    for pat in ruleset.residue:
        if pat.scope == "line":
            rest = re.sub(pat.regex, " ", rest)
        else:
            for m in re.finditer(pat.regex, t):
                if not any(e.start() <= m.start() and m.end() <= e.end() for x in pat.exceptions for e in re.finditer(x, t)):
                    return True
    if rest != t and not re.sub(r"[\s\u3000,，;；|:：•·\-—]+", "", rest):
        return True
    return any(re.search(p, t) for p in ruleset.outline.title_exclude)


def test_is_residue_gated_like_every_pattern():
    """``is_residue`` tries only the patterns its Gate lets through, the line patterns only when one
    of them can match: the same answer as trying them all."""
    import random

    from reportlint import prefilter
    from reportlint.rules.structure.ending import is_residue
    from reportlint.rulesets import load_ruleset

    ruleset = load_ruleset("base", ())
    ctx = Context(document=Document("r.txt", "txt", []), outline=None, facts=None, ruleset=ruleset)  # type: ignore[arg-type]
    pieces = [
        "文档评论（0）", "举报", "收藏", "分享", "• 12", "约 3000 字", "共12页", "- 3 -", "下载文档", "VIP专享",
        "原创力文档", "豆丁网", "还剩 5 页未读", "此处隐藏 3000 字", "发布于2024-01-02", "更新时间：2024年1月",
        "相关文档", "工作总结.docx", "vip", "来源：", "本文由 张三 上传", "第 1 页 共 3 页", "阅读全文",
        "全镇", "完成", "任务", "。", "，", " ", "\u3000", "2025年", "8500亩", "·", "|", "：", "x",
    ]
    random.seed(11)
    texts = ["", " ", "今年完成任务。"] + pieces
    texts += ["".join(random.choice(pieces) for _ in range(random.randint(1, 6))) for _ in range(4000)]
    for t in texts:
        prefilter.new_document()
        assert is_residue(t, ctx) == _residue_reference(t, ruleset), t
