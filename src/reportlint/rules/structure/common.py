"""Helpers shared by the structure rules: rendering markers, heading spans, numbered sequences.

A *sequence* is the list of numbers of sibling headings at one level (S101, ``sequence_anomalies``)
or of the inline markers 一是/二是 of one body (S107, ``nested_anomalies``: inline lists may nest).
Both find what breaks the count 1, 2, 3 … and report each anomaly once, at the offending item,
without cascading: after 一、二、四、五 only the gap before 四 is an anomaly, not 五.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlint.document import Block
from reportlint.numerals import int_to_cn
from reportlint.outline import Enumerator, Heading, Paragraph, match_heading

if TYPE_CHECKING:
    from reportlint.rules.base import Context

_NUMERAL = re.compile(r"\d+|[〇零一二三四五六七八九十百]+")


def render_marker(marker: str, number: int) -> str:
    """``marker`` with its number replaced by ``number``, in the same numeral system and brackets.

    ``render_marker("（五）", 4) == "（四）"``, ``render_marker("3.", 2) == "2."``.
    """
    m = _NUMERAL.search(marker)
    if not m:
        return marker
    digits = str(number) if m.group(0).isdigit() else int_to_cn(number)
    return (marker[: m.start()] + digits + marker[m.end() :]).strip()


def heading_span(h: Heading) -> tuple[int, int]:
    """Offsets of a heading's marker and title in its block (the title up to its first sentence end)."""
    end = h.end
    if h.title:
        at = h.block.text.find(h.title, h.end)
        if at >= 0:
            end = at + len(h.title)
    return h.start, end


def heading_label(h: Heading, width: int = 24) -> str:
    """The heading as quoted in a message: marker and title, shortened."""
    text = h.marker.strip() + h.title
    return text if len(text) <= width else text[: width - 1] + "…"


def tail(text: str, width: int = 12) -> str:
    """The last characters of ``text`` as quoted in a message."""
    text = text.rstrip()
    return text if len(text) <= width else "…" + text[-width:]


_ATTACHMENT = re.compile(r"^[\s\u3000]*附\s*件")


def in_attachment_list(heading: Heading, ctx: Context) -> bool:
    """A numbered line of an attachment list (``附件：1.…`` then ``2.…``), not a heading.

    The walk back over the headings of the same level before it is remembered for the document
    (S101 and S108 ask): each block the walk passes through gives the same answer to a later
    heading of that level, so a long list of numbered items costs one walk, not one per item."""
    blocks = ctx.document.blocks
    first = ctx.shared("structure.first-attachment", lambda: _first_attachment(blocks))
    if first is None or first >= heading.block.index:
        return False  # the walk back could only end at an attachment line before the heading
    memo: dict[tuple[int, int], bool] = ctx.shared("structure.attachment-walk", dict)
    level = heading.level
    passed: list[int] = []
    answer = False
    for i in range(min(heading.block.index, len(blocks)) - 1, -1, -1):  # no slice: O(1) per heading
        known = memo.get((i, level))
        if known is not None:
            answer = known
            break
        passed.append(i)
        block = blocks[i]
        text = block.text.strip()
        if not text:
            continue
        if _ATTACHMENT.match(text):
            answer = True
            break
        h = match_heading(block)
        if h is None or h.level != level:
            break
    for i in passed:
        memo[(i, level)] = answer
    return answer


def _first_attachment(blocks: Sequence[Block]) -> int | None:
    """Index of the first block that is an attachment line (``附件：``), if any (a line without
    附 cannot be one: checked at C speed first)."""
    for i, block in enumerate(blocks):
        if "附" in block.text and _ATTACHMENT.match(block.text.strip()):
            return i
    return None


# --------------------------------------------------------------------------- numbered sequences


@dataclass(frozen=True, slots=True)
class Anomaly:
    index: int  # position of the offending item in the sequence
    kind: str  # "start" | "gap" | "duplicate" | "order"
    number: int  # the offending item's number
    previous: int | None  # number of the item before it in its run
    missing: tuple[int, ...] = ()  # numbers skipped (start, gap)


def split_runs(numbers: Sequence[int], restart: Callable[[int, int], bool]) -> list[range]:
    """Index ranges of the runs of ``numbers``; a run starts where ``restart(previous, n)`` holds."""
    runs: list[range] = []
    begin = 0
    for i in range(1, len(numbers)):
        if restart(numbers[i - 1], numbers[i]):
            runs.append(range(begin, i))
            begin = i
    if numbers:
        runs.append(range(begin, len(numbers)))
    return runs


def sequence_anomalies(numbers: Sequence[int], restart: Callable[[int, int], bool]) -> list[Anomaly]:
    """Anomalies of each run of ``numbers``: a run should count 1, 2, 3 …"""
    out: list[Anomaly] = []
    for run in split_runs(numbers, restart):
        out.extend(_run_anomalies([numbers[i] for i in run], run.start))
    return out


def _run_anomalies(run: list[int], base: int) -> list[Anomaly]:
    if run == list(range(1, len(run) + 1)):
        return []  # 1, 2, 3 … (most runs): nothing to find
    out: list[Anomaly] = []
    seen: set[int] = set()
    expected = 1
    later = Counter(run)  # the numbers still to come (a set per item made long runs quadratic)
    for k, n in enumerate(run):
        later[n] -= 1
        if not later[n]:
            del later[n]
        prev = run[k - 1] if k else None
        if k == 0:
            if n != 1:
                missing = tuple(x for x in range(1, n) if x not in later)
                out.append(Anomaly(base + k, "start", n, None, missing))
        elif n in seen:
            out.append(Anomaly(base + k, "duplicate", n, prev))
        elif n < expected:
            out.append(Anomaly(base + k, "order", n, prev))
        elif n > expected:
            # a skipped number that still comes later is an order problem, reported there
            missing = tuple(x for x in range(expected, n) if x not in later and x not in seen)
            if missing:
                out.append(Anomaly(base + k, "gap", n, prev, missing))
        seen.add(n)
        expected = max(expected, n + 1)
    return out


def nested_anomalies(numbers: Sequence[int]) -> list[Anomaly]:
    """Anomalies of inline lists, which may nest: every 一 opens a list, and a number that continues
    an outer list closes the inner ones (``一是…二是…：一是…二是…三是…。三是…`` is fine).

    An anomaly is judged against the innermost open list.
    """
    if list(numbers) == list(range(1, len(numbers) + 1)):
        return []  # one list counting 1, 2, 3 … (most bodies): nothing to find
    out: list[Anomaly] = []
    stack: list[tuple[int, set[int], list[int]]] = []  # (expected next, seen, numbers so far)
    for i, n in enumerate(numbers):
        if n == 1:
            stack.append((2, {1}, [1]))
            continue
        depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == n), None)
        if depth is not None:
            del stack[depth + 1 :]
            _, seen, run = stack[-1]
            seen.add(n)
            run.append(n)
            stack[-1] = (n + 1, seen, run)
            continue
        if not stack:
            out.append(Anomaly(i, "start", n, None, tuple(range(1, n))))
            stack.append((n + 1, {n}, [n]))
            continue
        expected, seen, run = stack[-1]
        prev = run[-1]
        if n in seen:
            out.append(Anomaly(i, "duplicate", n, prev))
        elif n < expected:
            out.append(Anomaly(i, "order", n, prev))
        else:
            later = set(itertools.takewhile(lambda x: x != 1, numbers[i + 1 :]))
            missing = tuple(x for x in range(expected, n) if x not in later)
            if missing:  # a skipped number that comes later is an order problem, reported there
                out.append(Anomaly(i, "gap", n, prev, missing))
        seen.add(n)
        run.append(n)
        stack[-1] = (max(expected, n + 1), seen, run)
    return out


def describe(a: Anomaly, render: Callable[[int], str], noun: tuple[str, str]) -> tuple[str, str]:
    """Chinese and English message of an anomaly; ``render(n)`` prints item n as in the text."""
    cur = render(a.number)
    prev = render(a.previous) if a.previous is not None else ""
    nz, ne = noun
    missing = [render(x) for x in a.missing]
    miss_zh, miss_en = _list_zh(missing), _list_en(missing)
    verb = "is" if len(missing) == 1 else "are"
    if a.kind == "start":
        first = render(1)
        zh = f"{nz}不从“{first}”开始：第一个是“{cur}”"
        en = f'{ne} does not start at "{first}": the first is "{cur}"'
        return (zh + f"，缺少{miss_zh}", en + f"; {miss_en} {verb} missing") if missing else (zh, en)
    if a.kind == "gap":
        return (
            f"{nz}跳号：“{prev}”之后是“{cur}”，缺少{miss_zh}",
            f'{ne} gap: "{prev}" is followed by "{cur}"; {miss_en} {verb} missing',
        )
    if a.kind == "duplicate":
        if a.previous == a.number:
            return (f"{nz}重复：“{prev}”之后又是“{cur}”", f'duplicate {ne}: "{prev}" is followed by "{cur}" again')
        return (f"{nz}重复：“{cur}”在前面已经出现过", f'duplicate {ne}: "{cur}" already appeared earlier')
    return (f"{nz}顺序颠倒：“{cur}”出现在“{prev}”之后", f'{ne} out of order: "{cur}" comes after "{prev}"')


def _list_zh(items: list[str]) -> str:
    if len(items) > 3:
        return f"“{items[0]}”至“{items[-1]}”"
    return "、".join(f"“{x}”" for x in items)


def _list_en(items: list[str]) -> str:
    if len(items) > 3:
        return f'"{items[0]}" to "{items[-1]}"'
    return ", ".join(f'"{x}"' for x in items)


# ------------------------------------------------------------------------- inline enumerations

_RANGE_AFTER = re.compile(r"[、至到和与及][一二三四五六七八九十]")


def inline_markers(paragraphs: Sequence[Paragraph]) -> list[Enumerator]:
    """The inline markers (一是, 第一) of a body, in order, without ranges such as ``第一、二季度``."""
    out: list[Enumerator] = []
    for para in paragraphs:
        for e in para.enumerators:
            if e.kind == "ordinal" and _RANGE_AFTER.match(e.block.text, e.end):
                continue
            out.append(e)
    return out


def render_inline(kind: str, number: int) -> str:
    return f"{int_to_cn(number)}是" if kind == "shi" else f"第{int_to_cn(number)}"
