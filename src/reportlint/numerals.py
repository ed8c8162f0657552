"""Chinese numerals."""

from __future__ import annotations

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS) + "".join(_BIG)
_CN = "〇一二三四五六七八九"


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral such as 三, 十二, 二十一, 一百零五, 三千五百, 两万; None if malformed."""
    if not text:
        return None
    if all(c in _DIGITS for c in text) and len(text) > 1:  # digit by digit: 二〇二五
        return int("".join(str(_DIGITS[c]) for c in text))
    total = 0
    section = 0
    digit: int | None = None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0:
                return None  # two digits without a unit: 三五
            digit = _DIGITS[ch] if _DIGITS[ch] != 0 else None
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        elif ch in _BIG:
            section += digit or 0
            total += (section or 1) * _BIG[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def int_to_cn(n: int) -> str:
    """Chinese numeral of 0 <= n < 100 as used in outline markers (十一, 二十)."""
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _CN[tens]
    return head + "十" + (_CN[ones] if ones else "")


def parse_number(text: str) -> int | None:
    """An Arabic or Chinese integer (outline numbers)."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    return cn_to_int(text)
