"""Digits of any script to ASCII, one character for one, so offsets stay valid."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Arabic decimal and thousands separators map to their ASCII counterparts, also one for one.
_SEPARATORS = {"\u066b": ".", "\u066c": ","}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _SEPARATORS:
        return _SEPARATORS[char]
    if char.isdigit() and not char.isascii():
        value = unicodedata.digit(char, None)
        if value is not None:
            return str(value)
    return char


def fold_digits(text: str) -> str:
    """Return ``text`` with every decimal digit (Persian, Arabic-Indic, ...) as ASCII.

    The result has the same length as the input, so offsets found in it point into the
    original. Example: ``fold_digits("۱۸ آذر ۱۴۰۳") == "18 آذر 1403"``.
    """
    if text.isascii():
        return text
    return "".join(_fold_char(c) for c in text)
