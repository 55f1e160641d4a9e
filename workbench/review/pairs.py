"""A linked pair as a reviewer sees it: both claims with context, and the reasons marked.

The linker explains a match as readable entries ``kind: detail`` (see
:mod:`workbench.linking.explain`). Here they become marks on each claim's text: the anchors
that agree, and the ones that differ (a rank written "Admiral" on one side and "ژنرال" on
the other), so the eye goes straight to what must be checked.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

#: Explanation kinds whose detail compares anchor values: ``kind (unit): a, b ≠ c``.
_DIFFERS = re.compile(r"^(?P<kind>title|number|date)(?: \([^)]*\))?: (?P<a>.*?) ≠ (?P<b>.*)$")
_AGREES_VALUE = re.compile(r"^(?P<kind>title|number|date): (?P<value>.+)$")
_AGREES_WORDS = re.compile(r"^(?:name|word): (?P<a>.+?) [=~] (?P<b>.+)$")
_ANCHOR_KIND = {"title": "title", "number": "number", "date": "date"}


@dataclass(frozen=True)
class Mark:
    """A span of a claim's text to highlight: ``tone`` is ``agree`` or ``differ``."""

    start: int
    end: int
    tone: str
    reason: str


@dataclass(frozen=True)
class Side:
    """One claim of a pair, with where it comes from and the sentences around it."""

    claim_id: str
    text: str
    language: str
    source: str
    published: dt.date | None
    title: str | None
    url: str | None
    article_id: str
    article_ref: str
    origin_chain: tuple[str, ...]
    before: str | None
    after: str | None
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class Pair:
    """A match ready for review."""

    match_id: str
    score: float
    suggestion: str
    agrees: tuple[str, ...]
    differs: tuple[str, ...]
    signals: dict[str, float | None]
    a: Side
    b: Side
    extra: dict[str, Any] = field(default_factory=dict)


def _values(text: str) -> set[str]:
    return {v.strip() for v in text.split(",") if v.strip()}


def _anchor_marks(
    anchors: list[dict[str, Any]], kind: str, values: set[str], tone: str, reason: str
) -> list[Mark]:
    return [
        Mark(int(x["char_start"]), int(x["char_end"]), tone, reason)
        for x in anchors
        if x["kind"] == kind and str(x["value"]) in values
    ]


def _word_marks(text: str, word: str, reason: str) -> list[Mark]:
    found = text.casefold().find(word.casefold())
    return [] if found < 0 or not word else [Mark(found, found + len(word), "agree", reason)]


def marks_for(
    entries_agree: tuple[str, ...],
    entries_differ: tuple[str, ...],
    text: str,
    anchors: list[dict[str, Any]],
    side: str,
) -> tuple[Mark, ...]:
    """Spans of one claim (``side`` ``"a"`` or ``"b"``) that the explanation speaks of.

    Differences win over agreements where they overlap; overlapping marks are dropped so
    the text can be wrapped without nesting.
    """
    marks: list[Mark] = []
    for entry in entries_differ:
        found = _DIFFERS.match(entry)
        if found:
            values = _values(found.group(side))
            kind = _ANCHOR_KIND[found.group("kind")]
            marks += _anchor_marks(anchors, kind, values, "differ", entry)
    for entry in entries_agree:
        value = _AGREES_VALUE.match(entry)
        if value:
            kind = _ANCHOR_KIND[value.group("kind")]
            marks += _anchor_marks(anchors, kind, {value.group("value")}, "agree", entry)
            continue
        words = _AGREES_WORDS.match(entry)
        if words:
            marks += _word_marks(text, words.group(side), entry)
    return _without_overlaps(marks, len(text))


def _without_overlaps(marks: list[Mark], length: int) -> tuple[Mark, ...]:
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.tone != "differ", m.start, -m.end)):
        if not 0 <= mark.start < mark.end <= length:
            continue
        if all(mark.end <= k.start or mark.start >= k.end for k in kept):
            kept.append(mark)
    return tuple(sorted(kept, key=lambda m: m.start))


def _side(row: dict[str, Any], anchors: list[dict[str, Any]], marks: tuple[Mark, ...]) -> Side:
    return Side(
        claim_id=str(row["claim_id"]),
        text=str(row["text"]),
        language=str(row["language"]),
        source=str(row["source"]),
        published=row.get("published"),
        title=row.get("title"),
        url=row.get("url"),
        article_id=str(row["article_id"]),
        article_ref=str(row["article_ref"]),
        origin_chain=tuple(row.get("origin_chain") or ()),
        before=row.get("before"),
        after=row.get("after"),
        marks=marks,
    )


def pair_from_row(row: dict[str, Any]) -> Pair:
    """Build a :class:`Pair` from the store's pair row (see ``Store.pair``)."""
    agrees = tuple(row.get("agrees") or ())
    differs = tuple(row.get("differs") or ())
    sides = {}
    for side in ("a", "b"):
        claim, anchors = row[side], row.get(f"anchors_{side}") or []
        marks = marks_for(agrees, differs, str(claim["text"]), anchors, side)
        sides[side] = _side(claim, anchors, marks)
    return Pair(
        match_id=str(row["match_id"]),
        score=float(row["score"]),
        suggestion=str(row["suggestion"]),
        agrees=agrees,
        differs=differs,
        signals={k: row.get(k) for k in ("token", "name", "concept", "anchor", "attribution")},
        a=sides["a"],
        b=sides["b"],
    )
