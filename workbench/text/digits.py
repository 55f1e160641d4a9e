"""Digits of any script to ASCII, one character for one, so offsets stay valid."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Arabic decimal and thousands separators map to their ASCII counterparts, also one for one.
_SEPARATORS = {"\u066b": ".", "\u066c": ","}


@lru_cache(maxsize=1)
def digit_table() -> dict[int, str]:
    """``str.translate`` table: every Unicode decimal digit (and ٫ ٬) to its ASCII form."""
    # Every decimal digit Unicode knows (Nd), built once: str.translate then runs in C.
    table = {ord(k): v for k, v in _SEPARATORS.items()}
    for code in range(0x80, 0x20000):
        char = chr(code)
        if unicodedata.category(char) == "Nd":
            table[code] = str(unicodedata.digit(char))
    return table


def fold_digits(text: str) -> str:
    """Return ``text`` with every decimal digit (Persian, Arabic-Indic, ...) as ASCII.

    The result has the same length as the input, so offsets found in it point into the
    original. Example: ``fold_digits("۱۸ آذر ۱۴۰۳") == "18 آذر 1403"``.
    """
    if text.isascii():
        return text
    return text.translate(digit_table())
