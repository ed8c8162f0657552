"""A212 table-text-mismatch: a table's total must agree with the same total stated in the text around it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from reportlint.document import BlockKind
from reportlint.findings import Finding, Severity
from reportlint.rules.arithmetic._common import checked, data, disjoint, iv, quantity_facts, words
from reportlint.rules.arithmetic.a210_table_total import _interval, _number, tables, total_labels
from reportlint.rules.base import Context, Rule

# 茶园面积（亩） → name 茶园面积, unit 亩
_HEADER = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,12})[（(](?P<mult>万|亿|千)?(?P<unit>[\u4e00-\u9fff%]{1,4})[)）]$")
# what may stand between the name and the figure in the text: 茶园面积达到8500亩
_LINK = r"(?:总计|合计|共计|累计|达到|达|为|共|总数为?|总量为?|总面积为?)?"
# the text says it is the whole: 全镇茶园面积达到8500亩, 茶园面积合计8500亩
_WHOLE = re.compile(r"全镇|全乡|全街道|全县|全区|全村|全市|全年|合计|总计|共计|累计|达到|达|总")
# a modifier that makes the figure a part or a change (新增茶园面积1200亩)
_PART = re.compile(r"新增|新建|当年|本年新|其中|增加|减少|扩大|改造|提升|新发展|新种|每|人均|户均|平均")
_TEXT_BLOCKS = 3  # body blocks before the table (and one after it) where its totals are stated


class TableTextMismatch(Rule):
    code = "A212"
    name = "table-text-mismatch"
    severity = Severity.WARNING
    summary = (
        "表格合计行的数字与表格前后正文中说明的同一总数（“全镇茶园面积达到8500亩”）应一致。",
        "A table's total must agree with the same total stated in the text just before or after the table "
        "(“全镇茶园面积达到8500亩”).",
    )
    why = (
        "正文和表格常分别修改，读者看到两个不同的总数不知该信哪个。只在表头写明名称和单位（茶园面积（亩））、"
        "正文紧挨表格、句中写出同一名称并表明是总数（全镇、合计、达到），且没有“新增、其中、人均”等修饰时核对。",
        "Text and table are often edited separately, and a reader seeing two totals cannot tell which is right. "
        "Checked only when the header gives a name and a unit (“茶园面积（亩）”), the text is next to the table, "
        "and its sentence names the same thing as a whole (“全镇”, “合计”, “达到”) without a modifier such as “新增”, "
        "“其中” or “人均”.",
    )
    bad = "全镇茶园面积达到8600亩。\n| 村名 | 茶园面积（亩） |\n| 青山村 | 4600 |\n| 石桥村 | 3900 |\n| 合计 | 8500 |"
    good = "全镇茶园面积达到8500亩。\n| 村名 | 茶园面积（亩） |\n| 青山村 | 4600 |\n| 石桥村 | 3900 |\n| 合计 | 8500 |"

    def check(self, ctx: Context) -> Iterator[Finding]:
        qf = quantity_facts(ctx)
        d = data(ctx)
        labels = total_labels(d)
        unsummed = words(d.unsummed_headers)
        blocks = ctx.document.blocks
        for rows in tables(ctx):
            order = sorted(rows)
            cells = [cell for r in order for cell in rows[r].values()]
            first = min(cell[1].index for cell in cells)
            last = max(cell[1].index for cell in cells)
            near = self._near(blocks, first, last)
            if not near:
                continue
            for r in order:
                label = next((re.sub(r"\s", "", c[0]) for _, c in sorted(rows[r].items()) if c[0].strip()), "")
                if not (label in labels or label[:2] in ("合计", "总计")):
                    continue
                for col, (text, block, cs, ce) in sorted(rows[r].items()):
                    got = _number(text)
                    if got is None:
                        continue
                    header = "".join(rows[x][col][0] for x in order if x < r and col in rows[x] and _number(rows[x][col][0]) is None)
                    header = re.sub(r"\s", "", header)
                    hm = _HEADER.match(header)
                    if not hm or unsummed.search(hm.group("name")) or hm.group("unit") not in d.units:
                        continue
                    scale = Decimal(d.multipliers.get(hm.group("mult") or "", "1")) * Decimal(d.units[hm.group("unit")].factor)
                    lo, hi = _interval(got[0], got[1], got[1] == 0 and hm.group("mult") is None and d.units[hm.group("unit")].discrete)
                    stated = (lo * scale, hi * scale)
                    yield from self._compare(ctx, qf, near, hm, stated, text.strip(), label)

    @staticmethod
    def _near(blocks, first: int, last: int):
        """Body blocks with text just before the table (and the one right after it)."""
        before = [b for b in blocks[:first] if b.kind is not BlockKind.CELL and b.text.strip()][-_TEXT_BLOCKS:]
        after = [b for b in blocks[last + 1 :] if b.kind is not BlockKind.CELL and b.text.strip()][:1]
        return before + after

    def _compare(self, ctx, qf, near, hm, stated, shown, label) -> Iterator[Finding]:
        name = hm.group("name")
        unit = hm.group("unit")
        pattern = re.compile(re.escape(name) + _LINK + r"[ \t]*$")
        for block in near:
            for q in qf.by_block.get(block.index, []):
                if q.unit != unit or q.approx:
                    continue
                text = block.text
                # the clause before the figure: it must name the column and say it is a whole
                head = re.split(r"[，,。；;：:]", text[: q.start])[-1]
                if not pattern.search(head) or _PART.search(head) or not _WHOLE.search(head):
                    continue
                checked(ctx, "table-text")
                if not disjoint(iv(q), stated):
                    continue
                yield self.finding(
                    ctx,
                    block,
                    q.start,
                    q.end,
                    f"正文“{name}”为 {q.text}，而表格{label}行为 {shown}{hm.group('mult') or ''}{unit}",
                    f"the text gives “{name}” as {q.text}, the table's {label} row as {shown}{hm.group('mult') or ''}{unit}",
                )
