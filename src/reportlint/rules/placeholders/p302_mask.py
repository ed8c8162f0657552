"""P302 mask: a name or number blotted out with ***, □□, ○○ or an empty 〔…〕."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlint.findings import Severity
from reportlint.rules.placeholders._match import PatternRule, evidence

if TYPE_CHECKING:
    from reportlint.data.ruleset import Pattern


class Mask(PatternRule):
    code = "P302"
    name = "mask"
    # A warning, not an error: unlike xxxx/XX (a template never filled in), a mask may be a
    # deliberate redaction (脱敏) in a copy prepared for publication, and its characters have
    # legitimate uses nearby (□ checkboxes, ○ as a zero in 二○二五年, Markdown **bold**).
    severity = Severity.WARNING
    summary = (
        "名称或文号被遮盖符（***、□□、○○、空的〔…〕）代替",
        "a name or document number is masked (“***”, “□□”, “○○”, an empty “〔…〕”)",
    )
    why = (
        "从网上下载的材料常把地名、人名、文号换成“***县”“□□镇”“〔…〕”。正式报告里不能留遮盖符；"
        "若是有意脱敏的公开版本，可在配置中关闭本规则。Markdown 加粗 **…**、二○二五年中的○、"
        "单个□复选框不报。",
        "Documents downloaded from the web often have place names, personal names and document numbers "
        "replaced by “***县”, “□□镇” or “〔…〕”. A submitted report must not contain such masks; for a "
        "deliberately redacted public copy, turn the rule off in the configuration. Markdown **bold**, "
        "the ○ of 二○二五年 and a single □ checkbox are not reported.",
    )
    bad = "根据**县《关于印发〔…〕号文件的通知》，○○同志牵头成立工作专班。"
    good = "根据青山县《关于印发青政发〔2025〕12号文件的通知》，王明同志牵头成立工作专班。"

    patterns = "masks"

    def message(self, text: str, start: int, end: int, p: Pattern) -> tuple[str, str]:
        ev = evidence(text, start, end)
        return (
            f"遮盖符“{ev}”未替换为实际内容（{p.zh}）",
            f'mask "{ev}" left in the text ({p.en})',
        )
