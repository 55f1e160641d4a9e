"""Normalise text for matching only; the original is always kept beside it.

One canonical form for the letters Arabic and Persian write differently (ي/ی/ى, ك/ک, ة/ه,
hamza carriers), no harakat or tatweel, no zero-width or bidi control characters, ASCII
digits, one kind of quote, and case folded. ``normalise`` is idempotent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress

from workbench.text.digits import digit_table

#: Bidi embedding/override/isolate controls and marks: never kept, not even in claim text.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: Zero-width characters that writers use inside words (ZWNJ in Persian "پشت‌پرده").
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

_DROP: dict[int, None] = dict.fromkeys(map(ord, BIDI_CONTROLS + ZERO_WIDTH + "\u0640"))  # + tatweel
_BIDI_ONLY = str.maketrans("", "", BIDI_CONTROLS)

_LETTERS = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh -> Persian yeh
        "ى": "ی",  # alef maksura
        "ك": "ک",  # Arabic kaf -> keheh
        "ة": "ه",  # teh marbuta
        "ۀ": "ه",
        "ە": "ه",
        "ھ": "ه",
        "ٱ": "ا",  # alef wasla
        "ء": "",  # hamza, bare or on a seat, is spelled inconsistently: الرءاسة / الرئاسة,
        "ئ": "",  # مسؤول / مسئول, so it is dropped with its seat (see _SEATED_HAMZA)
        "ؤ": "",
        "،": ",",
        "؛": ";",
        "؟": "?",
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "‹": "'",
        "›": "'",
        "‘": "'",
        "’": "'",
        "‚": "'",
        "´": "'",
        "`": "'",
        "–": "-",
        "—": "-",
        "−": "-",
        "\u00a0": " ",
    }
)
_SPACES = re.compile(r"\s+")


def strip_bidi(text: str) -> str:
    """Remove bidi embedding, override and isolate controls (U+202A-E, U+2066-9, marks)."""
    return text.translate(_BIDI_ONLY)


#: Every combining character (harakat, hamza above/below, Latin accents) -> deleted.
_MARKS: dict[int, None] = {c: None for c in range(0x300, 0x20000) if unicodedata.combining(chr(c))}
#: One table for one pass: marks and invisible characters out, letters unified, digits ASCII.
_TABLE: dict[int, str | None] = {**_MARKS, **_DROP, **_LETTERS, **digit_table()}


#: Hamza on yeh or waw, composed or not, goes before NFKD would leave its seat behind.
_SEATED_HAMZA = re.compile("[\u0626\u0624]|[\u064a\u06cc\u0648]\u0654")


def _one_pass(text: str) -> str:
    # NFKD splits alef carriers (أ إ آ) and Latin accents into base + mark; the table drops
    # the marks; NFC puts back together what is left (Hangul, for one).
    text = _SEATED_HAMZA.sub("", text)
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKD", text).translate(_TABLE))


def normalise(text: str) -> str:
    """Return the matching form of ``text``.

    Example: ``normalise("پشت‌پرده") == normalise("پشتپرده")`` and
    ``normalise("كوبر ١٢") == "کوبر 12"``.
    """
    if text.isascii():
        return _SPACES.sub(" ", text.translate(_TABLE).casefold()).strip()
    # casefold can expose forms the first pass did not see; a second pass settles them.
    text = _one_pass(_one_pass(text).casefold())
    return _SPACES.sub(" ", text).strip()


_TOKEN = re.compile(r"[^\W_]+(?:[.,][0-9]+)*", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Word and number tokens of ``text`` after normalising it (punctuation dropped)."""
    return normalised_tokens(normalise(text))


def normalised_tokens(norm: str) -> list[str]:
    """Word and number tokens of text that is already normalised."""
    found: list[str] = _TOKEN.findall(norm)
    return found


def normalised_token_matches(norm: str) -> Iterator[re.Match[str]]:
    """The tokens of :func:`normalised_tokens` with their positions in ``norm``."""
    return _TOKEN.finditer(norm)


@lru_cache(maxsize=8192)
def _normalise_char(char: str) -> str:
    if char.isspace():
        return " "
    return normalise(char) if not char.isascii() or char.isupper() else char


class _CharTable(dict[str, str]):
    # Each character's normalised form, computed once per character ever seen.
    def __missing__(self, char: str) -> str:
        value = _normalise_char(char)
        self[char] = value
        return value


_CHARS = _CharTable()
_SPACE_RUN = re.compile(r" {2,}")
_INVISIBLE = frozenset(BIDI_CONTROLS + ZERO_WIDTH)


def _aligned_slow(text: str) -> tuple[str, tuple[int, ...]]:
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        for piece in _CHARS[char]:
            out.append(piece)
            where.append(index)
    return "".join(out), tuple(where)


def aligned_normalise(text: str) -> tuple[str, tuple[int, ...]]:
    """Normalise ``text`` character by character, keeping where each output character came from.

    Returns the normalised string (as :func:`normalise` gives it, up to rare cross-character
    compositions) and, for each of its characters, the index of its source character in
    ``text``, so that a match found in normalised text can be mapped back to the original.
    The anchor finders of one claim share one result (:mod:`workbench.text.sentence`).
    """
    pieces = list(map(_CHARS.__getitem__, text))
    joined = "".join(pieces)
    if len(joined) == len(pieces) - pieces.count(""):
        where = list(compress(range(len(pieces)), pieces))  # one output char per kept input char
    else:
        joined, where_t = _aligned_slow(text)  # a character that expands (ﷺ): rare
        where = list(where_t)
    for run in reversed(list(_SPACE_RUN.finditer(joined))):
        joined = joined[: run.start() + 1] + joined[run.end() :]
        del where[run.start() + 1 : run.end()]
    lead = len(joined) - len(joined.lstrip(" "))
    joined = joined.strip(" ")
    return joined, tuple(where[lead : lead + len(joined)])


def original_span(
    where: tuple[int, ...], start: int, end: int, text: str | None = None
) -> tuple[int, int]:
    """Map a ``[start, end)`` span of aligned normalised text back to the original text.

    Given the original ``text``, the span also takes in the marks that normalising dropped
    at its end (a final hamza or haraka: "الوزراء", not "الوزرا").
    """
    first, last = where[start], where[end - 1] + 1
    if text is not None:
        while last < len(text) and text[last] not in _INVISIBLE and not _CHARS[text[last]]:
            last += 1
    return first, last
