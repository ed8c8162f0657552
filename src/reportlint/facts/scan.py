"""A faster form of the fact scanners' "find the next match" regexes.

A regex that opens with a look-ahead on its first character (``(?=[\\d一二…])…``) is tried by
``re`` at every position of a text: the look-ahead rejects most of them, but entering it costs
about as much as the rest of the scan. A regex that opens with a character class instead lets
``re`` skip at C speed to the next character of the class, but then the match would consume it.

``capture_led(first, body)`` has both: ``[first](?<=(?=PRE)(?=(?P<all>BODY)).)`` matches the
one character a match of ``body`` starts with, steps back over it (the look-behind) and matches
``body`` there inside a look-ahead whose group ``all`` keeps what it matched. So ``search(text,
pos)`` finds the same first match of ``body`` at or after ``pos`` as ``body`` itself would, with
the same groups (looked up by name: the numbers shift by one), and ``span("all")`` is its span
(``span()`` is the one character). Scans that continue after a match call ``search`` again from
``end("all")``, as ``finditer`` would.

``pre``, when given, is a cheap necessary condition on the text at a match's start (a match of
``body`` there implies one of ``pre``): written as alternatives that each open with a literal or
a character class, ``re`` rejects all but a few of them from the first character alone, so most
positions never reach ``body``.

``skip``, when given, is a condition on the text at a match's start under which the caller drops a
match of ``body`` that spans only the one character there (and so would search again from the
next one): the pattern does not match at such a position, so ``re`` goes on to the next one at C
speed, and the caller sees the same matches it keeps. (It is tested first, before ``pre``.)

The body must not match an empty string (then ``first`` could not name its first character) and
``first`` must not hold a line break (``.`` steps back over the character).
"""

from __future__ import annotations

import re


def capture_led(first: str, body: str, pre: str | None = None, skip: str | None = None) -> re.Pattern[str]:
    """``body`` led by the class ``[first]`` of the characters its matches start with (see above)."""
    guard = (f"(?!{skip})" if skip else "") + (f"(?=(?:{pre}))" if pre else "")
    return re.compile(f"[{first}](?<={guard}(?=(?P<all>{body})).)")
