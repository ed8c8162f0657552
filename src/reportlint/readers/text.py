"""Plain text and Markdown reader: bytes -> Document, one block per line.

Decoding order (../shared/NOTES.md): BOM (UTF-8, UTF-16, UTF-32, GB18030), strict UTF-8, then strict
GB18030 (a superset of GBK), cross-checked with charset-normalizer because Big5 bytes are mostly
valid GB18030 and would silently become mojibake. On a short text charset-normalizer's guess is
noise (cp949, Shift-JIS, an Arabic code page, Big5 for 青山镇): GB18030 keeps the text when it
reads as Chinese, and against Big5 when its reading has the larger share of common characters.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from reportlint.document import Block, BlockKind, Document, ReadError

BOM_GB18030 = b"\x84\x31\x95\x33"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (BOM_GB18030, "gb18030"),  # U+FEFF in GB18030, which its codec keeps as text
)
_NEWLINE = re.compile(r"\r\n|\r|\n")


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str, bool]:
    """Return (text, encoding name, had_bom)."""
    if encoding:
        try:
            if data.startswith(BOM_GB18030) and codecs.lookup(encoding).name == "gb18030":
                return data[len(BOM_GB18030):].decode(encoding), encoding, True  # as utf-8-sig does
            return data.decode(encoding), encoding, False
        except (UnicodeDecodeError, LookupError) as exc:
            raise ReadError(
                path,
                f"{path}：无法按指定编码 {encoding} 解码（{exc.__class__.__name__}），请检查 --encoding",
                f"{path}: cannot decode as {encoding} ({exc.__class__.__name__}); check --encoding",
            ) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return (data[len(bom):] if bom == BOM_GB18030 else data).decode(name), name, True
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    guess = _detect(data)
    if text is not None and (
        guess in (None, "gb18030", "gbk", "gb2312", "hz") or _reads_as_chinese(text, guess) or _simplified_wins(text, data, guess)
    ):
        return text, "gb18030", False
    if guess and guess not in ("gb18030", "gbk", "gb2312"):
        try:
            return data.decode(guess), guess, False
        except (UnicodeDecodeError, LookupError):
            pass
    if text is not None:
        return text, "gb18030", False
    raise ReadError(
        path,
        f"{path}：无法识别文本编码（不是 UTF-8、UTF-16 或 GB18030/GBK），请另存为 UTF-8 或用 --encoding 指定编码",
        f"{path}: unknown text encoding (not UTF-8, UTF-16 or GB18030/GBK); save it as UTF-8 or pass --encoding",
    )


_CHINESE = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_WIDE = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=1)
def _chinese_text() -> re.Pattern[str]:
    """The characters of Chinese text: the CJK blocks, and the symbols GB2312 holds below them
    (× ÷ ° “ ” … ‰ ℃ Ⅰ ① ■ ★ and the pinyin letters), which a short line of a report may hold
    more of than ideographs (``××××“……***以下五个方面``)."""
    symbols = []
    for cp in range(0x80, 0x3000):
        try:
            if len(chr(cp).encode("gb2312")) == 2:
                symbols.append(cp)
        except UnicodeEncodeError:
            pass
    return re.compile("[" + _CHINESE + "".join(f"\\u{cp:04x}" for cp in symbols) + "]")


def _is_big5(codec: str) -> bool:
    return codec.lower().replace("-", "_").startswith(("big5", "cp950"))


def _reads_as_chinese(text: str, guess: str | None) -> bool:
    """GB18030 wins over any guess but Big5 (see ``_simplified_wins``) when what it decodes is
    Chinese (at least half of its non-ASCII characters, ``_chinese_text``): on a short text charset-normalizer may prefer an Arabic code page (一、【 → …۰۱(۰ﺝ),
    cp949 or Shift-JIS; this is a linter of Chinese reports, whose legacy encoding is GB18030."""
    if guess is None or _is_big5(guess):
        return False
    wide = len(_WIDE.findall(text))
    return bool(wide) and len(_chinese_text().findall(text)) * 2 >= wide


def _common_share(text: str, codec: str, lead_lo: int, lead_hi: int) -> float:
    """Share of the ideographs of ``text`` that are in the common-character block of ``codec``
    (GB2312 level 1: lead bytes B0–D7; Big5 常用字: A4–C6)."""
    hanzi = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    common = 0
    for c in hanzi:
        try:
            b = c.encode(codec)
        except UnicodeEncodeError:
            continue
        common += len(b) == 2 and lead_lo <= b[0] <= lead_hi
    return common / len(hanzi) if hanzi else 0.0


def _simplified_wins(gb_text: str, data: bytes, guess: str | None) -> bool:
    """Big5 and GB18030 bytes overlap, and on a short text charset-normalizer may call GB18030
    Big5 (青山镇 → ч刓淜). Decoded the wrong way, text lands on rare characters; decoded the right
    way, on common ones: keep GB18030 unless the Big5 reading has the larger share of common
    characters."""
    if guess is None or not _is_big5(guess):
        return False
    try:
        big5_text = data.decode(guess)
    except (UnicodeDecodeError, LookupError):
        return True
    return _common_share(gb_text, "gb2312", 0xB0, 0xD7) >= _common_share(big5_text, "big5", 0xA4, 0xC6)


def _detect(data: bytes) -> str | None:
    """charset-normalizer's best guess (imported only on this fallback path)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover
        return None
    best = from_bytes(data).best()
    if best is None:
        return None
    name = best.encoding.lower().replace("-", "_")
    return {"big5": "big5", "gb2312": "gb2312", "gbk": "gbk", "gb18030": "gb18030", "hz": "hz"}.get(name, best.encoding)


# control characters other than \t \n \v \f \r, and the replacement character
_BINARYISH = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    return len(_BINARYISH.findall(sample)) / len(sample) > 0.10


def read_text(data: bytes, path: str, fmt: str = "txt", encoding: str | None = None) -> Document:
    text, used, bom = decode(data, path, encoding)
    if _looks_binary(text):
        raise ReadError(
            path,
            f"{path}：不是文本文件（含大量控制字符），无法检查",
            f"{path}: not a text file (mostly control characters); cannot check it",
        )
    newlines = _NEWLINE.findall(text)
    newline = max(("\r\n", "\n", "\r"), key=newlines.count) if newlines else None
    lines = _NEWLINE.split(text)
    if lines and lines[-1] == "" and newlines:
        lines.pop()  # the final newline does not open a line
    blocks = [Block(index=i, text=line, line=i + 1, kind=BlockKind.LINE) for i, line in enumerate(lines)]
    return Document(path=path, format=fmt, blocks=blocks, encoding=used, bom=bom, newline=newline)
