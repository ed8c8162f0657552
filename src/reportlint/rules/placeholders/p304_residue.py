"""P304 download-site-residue: lines left by document-sharing sites (此处隐藏…下载后查看, VIP, 举报)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlint.findings import Severity
from reportlint.rules.placeholders._match import PatternRule, shorten

if TYPE_CHECKING:
    from reportlint.data.ruleset import Pattern


class DownloadSiteResidue(PatternRule):
    code = "P304"
    name = "download-site-residue"
    severity = Severity.ERROR
    summary = (
        "文档分享网站的残留内容（此处隐藏…下载后查看、VIP、举报、文档评论(0)、更新时间、文件名行）",
        "residue of a document-sharing site (“此处隐藏…下载后查看”, “VIP”, “举报”, “文档评论(0)”, “更新时间”, file-name lines)",
    )
    why = (
        "从文库类网站复制的范文会带上网页上的按钮、字数页数、上传时间、“此处隐藏4290字”等字样，"
        "被隐藏的正文也随之缺失。这些内容留在报告中会暴露材料来源。每个残留行报告一次；"
        "只有整行都是残留时才报“举报”“相关文档”这类常用词，正文中的“受理举报20件”不报，表格单元格中也不报。",
        "Text copied from a document-sharing site brings the page's buttons, word and page counts, upload "
        "dates and markers such as “此处隐藏4290字” (the hidden part of the body is missing too). Left in a "
        "report they give away where it came from. One finding per residue line; common words such as "
        "“举报” or “相关文档” are reported only when they are the whole line (never “受理举报20件” in a "
        "sentence, never in a table cell).",
    )
    bad = "更新时间:2023-11 来源:网友投稿\n---此处隐藏4290字,下载后查看---\n文档评论(0)"
    good = "（删除以上各行，补全被隐藏的正文）"

    patterns = "residue"
    one_per_block = True

    def message(self, text: str, start: int, end: int, p: Pattern) -> tuple[str, str]:
        ev = shorten(text[start:end])
        if text[start:end].strip() == text.strip():  # the whole line
            return (
                f"下载网站残留行“{ev}”（{p.zh}），应删除整行",
                f'download-site residue line "{ev}" ({p.en}); delete the line',
            )
        return (
            f"下载网站残留“{ev}”（{p.zh}），应删除",
            f'download-site residue "{ev}" ({p.en}); delete it',
        )
