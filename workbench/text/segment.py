"""Split text into sentence-sized claim spans, with offsets into the text as given.

Sentences end at ``. ! ? ؟ … ۔`` followed by space or line end, and at every line break; the
Urdu full stop ``۔`` also right before a letter (scraped pages often lose the space after
it: "کر دی۔غیر ملکی"), since it ends nothing else.
``؛`` and ``;`` join the clauses of one sentence. No split inside a quotation
(«...», “...”, "..."), inside a number (``2.5``) or after a known abbreviation or initial.

Linear in the length of the text whatever its shape: each pattern is tried once per run of
terminators (possessive, after a lookbehind), quotations are looked up by bisection, and
nothing rescans the rest of a line at each stop.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

_TERMINATORS = ".!?؟…۔"
_CLOSERS = "\"'»”’)]"
_QUOTES = re.compile(r"«[^«»\n]*»|“[^“”\n]*”|\"[^\"\n]*\"")
# Bidi marks may sit between a full stop and the next space: "قتلوا.\u202c \u200fوأضاف".
_INVISIBLE = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_T = re.escape(_TERMINATORS)
# Tried only where a run of terminators begins, and possessive: a run of 20,000 dots costs
# one pass, not one per dot.
_END = re.compile(
    rf"(?<![{_T}])[{_T}]++[{re.escape(_CLOSERS)}]*+[{_INVISIBLE}]*+"
    r"(?:(?=\s|$)|(?<=۔)(?=[^\W\d_]))"
)
_NEXT = re.compile(r"\s*+(.?)")  # the first character after a stop, past the spaces
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\.$")
_ARABIC_LETTER = re.compile(r"^[\u0620-\u064a\u066e-\u06d3]$")
_LETTER = re.compile(r"[^\W\d_]")

#: Lower-case abbreviations that end with a dot but not a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen adm col lt maj capt sgt cpl st jr sr rep sen gov pres "
    "u.s u.n u.k e.g i.e etc vs nos fig jan feb mar apr jun jul aug sep sept oct nov dec "
    "inc co corp ltd dept univ approx est mt ft av ave blvd mme mlle m "
    "janv févr avr juil déc env cf".split()
)
#: Abbreviations that often end a sentence: before a capital, their dot ends it too.
SENTENCE_FINAL = frozenset("u.s u.n u.k etc inc co corp ltd jr sr".split())


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` into the text that was split."""

    start: int
    end: int


def _protected(line: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTES.finditer(line)]


def _inside(start: int, stop: int, ranges: list[tuple[int, int]], starts: list[int]) -> bool:
    # A terminator inside a quotation ends nothing, unless the quotation closes with it.
    # Quotations do not overlap, so only the last one opening before ``start`` can hold it.
    index = bisect_left(starts, start) - 1
    if index < 0:
        return False
    a, b = ranges[index]
    return a < start < b and stop != b


def _is_abbreviation(before: str, after: str) -> bool:
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1).casefold()
    if word in SENTENCE_FINAL:
        return not after[:1].isupper()  # "in the U.S. He said": the sentence ends
    if len(word) == 1:
        return match.group(1).isupper() or bool(_ARABIC_LETTER.match(word))  # J. / د.
    return word in ABBREVIATIONS


def _sentence_ends(line: str) -> list[int]:
    ranges = _protected(line)
    starts = [a for a, _ in ranges]
    ends: list[int] = []
    for match in _END.finditer(line):
        stop = match.end()
        if _inside(match.start(), stop, ranges, starts):
            continue
        following = _NEXT.match(line, stop)
        after = following.group(1) if following else ""
        window = line[max(0, match.start() - 24) : match.start() + 1]  # the word before the dot
        if line[match.start()] == "." and _is_abbreviation(window, after):
            continue
        if after.islower() and after.isascii():
            continue  # "approx. five", "p.m. today": a Latin sentence starts upper-case
        ends.append(stop)
    return ends


def _trimmed(line: str, start: int, end: int, offset: int) -> Span | None:
    piece = line[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if not piece or not _LETTER.search(piece):
        return None
    return Span(offset + start + lead, offset + start + lead + len(piece))


def _split_line(line: str, offset: int) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for end in [*_sentence_ends(line), len(line)]:
        span = _trimmed(line, start, end, offset)
        if span is not None:
            spans.append(span)
        start = end
    return spans


def split_sentences(text: str, *, offset: int = 0) -> list[Span]:
    """Split ``text`` into sentence spans; offsets are into ``text`` plus ``offset``.

    Args:
        text: the text to split (one paragraph or a whole article).
        offset: added to every span, for text that is a slice of a larger one.

    Returns:
        Spans in order, each trimmed of surrounding space and holding at least one letter.
    """
    spans: list[Span] = []
    position = 0
    for line in text.splitlines(keepends=True):
        spans.extend(_split_line(line.rstrip("\r\n"), offset + position))
        position += len(line)
    return spans


def cap_span(text: str, span: Span, limit: int) -> list[Span]:
    """Cut a span longer than ``limit`` characters at spaces into pieces of at most ``limit``."""
    pieces: list[Span] = []
    start = span.start
    while span.end - start > limit:
        cut = text.rfind(" ", start + 1, start + limit)
        cut = cut if cut > start else start + limit
        pieces.append(Span(start, cut))
        start = cut + 1 if text[cut : cut + 1] == " " else cut
    if start < span.end:
        pieces.append(Span(start, span.end))
    return pieces
