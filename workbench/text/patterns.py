"""Pattern pieces shared by the finders of dates, numbers and event frames.

Everything here works on a *folded* copy of the text (:func:`fold_for_search`): digits of
every script become ASCII, Arabic letter variants one Persian form, Latin letters lose case
and accents. Every fold is one character for one, so offsets found in the folded copy point
into the original. Table words (month names, number words) become regexes with
:func:`name_regex` / :func:`alternation` and lookup keys with :func:`table_key`; overlapping
finds are resolved with :func:`select_longest`.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Protocol, TypeVar

from workbench.text.digits import fold_digits

# ----------------------------------------------------------------------------- folding

# One character for one. Applied after NFD has dropped hamza, madda and Latin accents.
_LETTER_MAP = {"ي": "ی", "ى": "ی", "ك": "ک", "ٱ": "ا", "ە": "ه", "ı": "i", "’": "'"}


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[0]
    base = _LETTER_MAP.get(base, base)
    lower = base.lower()
    return lower if len(lower) == 1 else base


class _FoldTable(dict[int, str]):
    # str.translate runs in C and asks us only for characters it has not seen yet.
    def __missing__(self, code: int) -> str:
        value = _fold_char(chr(code))
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable()


def fold_for_search(text: str) -> str:
    """Fold ``text`` for pattern matching, keeping its length (offsets stay valid).

    Digits become ASCII (:func:`~workbench.text.digits.fold_digits`); Arabic ي/ى/ك become
    Persian ی/ک; أ/إ/آ become ا; Latin letters are lower-cased and lose their accents.
    Tā' marbūṭa (ة) is kept: patterns accept ة or ه where a word is written with ة.

    Args:
        text: any text.

    Returns:
        A string of the same length as ``text``.
    """
    folded = fold_digits(text)
    if folded.isascii():
        return folded.lower()
    return folded.translate(_FOLD_TABLE)


# ----------------------------------------------------------------------------- regex pieces

LETTER = r"[^\W\d_]"
LB = rf"(?<!{LETTER}|\u200c)"  # no letter (or ZWNJ) before
RB = rf"(?!{LETTER}|\u200c)"  # no letter (or ZWNJ) after
# Like LB, but an Arabic proclitic و/ف/ب/ل may stand right before the word.
LB_CLITIC = rf"(?:{LB}|(?<=^[وفبل])|(?<=[^\w\u200c][وفبل]))"
GAP = r"[\s\u200c]*"
NUM_LB = r"(?<![0-9.,:/])"


def name_regex(name: str, *, loose_ta: bool = True) -> str:
    """Regex for a table word: spaces match any run of spaces/ZWNJ (or none), ``.`` is optional.

    The word is folded like the searched text. With ``loose_ta``, a word written with ة also
    matches ه (Persian spelling of Arabic words).
    """
    parts: list[str] = []
    for char in fold_for_search(name):
        if char == " ":
            parts.append(GAP)
        elif char == ".":
            parts.append(r"\.?")
        elif char == "ة" and loose_ta:
            parts.append("[ةه]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def alternation(names: Iterable[str], *, loose_ta: bool = True) -> str:
    """Regex alternation of table words, longest first (see :func:`name_regex`)."""
    ordered = sorted(set(names), key=len, reverse=True)
    return "|".join(name_regex(n, loose_ta=loose_ta) for n in ordered)


def table_key(text: str) -> str:
    """Lookup key of a (folded) table word or matched text: no spaces, ZWNJ, dots; ة as ه."""
    return re.sub(r"[\s\u200c.]", "", fold_for_search(text)).replace("ة", "ه")


def keyed(table: Mapping[int, tuple[str, ...]]) -> dict[str, int]:
    return {table_key(name): number for number, names in table.items() for name in names}


# ----------------------------------------------------------------------------- overlaps


class _Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_S = TypeVar("_S", bound=_Span)


def select_longest(candidates: Iterable[_S]) -> list[_S]:
    """Keep non-overlapping candidates, longest first (earliest on ties), in text order."""
    starts: list[int] = []
    chosen: list[_S] = []
    for item in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        at = bisect.bisect_right(starts, item.start)
        if at > 0 and chosen[at - 1].end > item.start:
            continue
        if at < len(chosen) and chosen[at].start < item.end:
            continue
        starts.insert(at, item.start)
        chosen.insert(at, item)
    return chosen
