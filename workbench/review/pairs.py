"""A linked pair as a reviewer sees it: both claims with context, and the reasons marked.

The linker explains a match with typed reasons (:mod:`workbench.linking.reasons`), each with
the character spans in both claims that show it. Here they become marks on each claim's text:
the anchors that agree, and the ones that differ (a rank written "Admiral" on one side and
"ژنرال" on the other), so the eye goes straight to what must be checked. Marks come from the
spans only, never from searching the text for a value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workbench.linking.reasons import Kind, Reason, describe, from_record, words

#: Reasons marked on the text: the anchors and names a reviewer checks. Concepts are not
#: marked (most words of a claim name one), nor the frame's quiet sign.
_MARKED = frozenset(
    {Kind.NAME, Kind.WORD, Kind.TITLE, Kind.NUMBER, Kind.DATE, Kind.SPEAKER, Kind.NEGATION,
     Kind.CONTRARY, Kind.PLACE, Kind.OBJECT, Kind.TIME, Kind.WEEKDAY}
)  # fmt: skip


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
    #: The claim's stored anchors (kind, text, value, char_start, char_end): what the reading
    #: aid (:mod:`workbench.review.reading`) reads.
    anchors: tuple[Mapping[str, Any], ...] = ()


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
    #: The explanation as records; empty for a match linked before records were kept.
    reasons: tuple[Reason, ...] = ()


def marks_for(reasons: Iterable[Reason], side: str, length: int) -> tuple[Mark, ...]:
    """Spans of one claim (``side`` ``"a"`` or ``"b"``, its text ``length`` long) that the
    reasons show. Differences win over agreements where they overlap; overlapping marks are
    dropped so the text can be wrapped without nesting."""
    marks = [
        Mark(start, end, "differ" if reason.differs else "agree", describe(reason))
        for reason in reasons
        if reason.kind in _MARKED
        for start, end in (reason.spans_a if side == "a" else reason.spans_b)
    ]
    return _without_overlaps(marks, length)


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
        anchors=tuple(anchors),
    )


def reasons_of(records: Iterable[Mapping[str, Any]] | None) -> tuple[Reason, ...]:
    """Stored reason records (``matches.reasons``) as :class:`Reason` s."""
    return tuple(from_record(r) for r in records or ())


def pair_from_row(row: dict[str, Any]) -> Pair:
    """Build a :class:`Pair` from the store's pair row (see ``Store.pair``)."""
    reasons = reasons_of(row.get("reasons"))
    if reasons:
        agrees, differs = words(reasons)
    else:  # linked before reasons were records: the words it kept, nothing marked
        agrees, differs = tuple(row.get("agrees") or ()), tuple(row.get("differs") or ())
    sides = {}
    for side in ("a", "b"):
        claim, anchors = row[side], row.get(f"anchors_{side}") or []
        marks = marks_for(reasons, side, len(str(claim["text"])))
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
        reasons=reasons,
    )
