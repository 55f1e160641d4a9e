"""Pure: one reason of an explanation as a typed record, and its words.

The linker explains a match with reasons (:mod:`workbench.linking.explain`): what the two
claims agree on and what differs. Each reason is a :class:`Reason`: its kind, what each side
says (as written, and normalised: a skeleton, a concept, an ISO day, a number), what the values
are about (a number's unit, a named thing's head word) and the character spans in each claim
that show it. Records go into the database (a ``STRUCT`` list beside each match,
:data:`REASON_DTYPE`), the review page highlights from their spans and the Parquet and JSON
exports carry them; :func:`describe` gives the words a person reads (the review page, the
``agrees`` and ``differs`` columns of the CSV export). Nothing parses the words back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any, NamedTuple

import polars as pl

Span = tuple[int, int]


class Kind(StrEnum):
    """What a reason is about."""

    NAME = "name"  # a name both claims write (across scripts: كوبر = Cooper)
    WORD = "word"  # an Arabic-script word outside the lexicon, alike on both sides
    CONCEPT = "concept"  # a lexicon concept both state (killed, earthquake, meeting)
    TITLE = "title"  # a rank or office: same, or two of one group (admiral / general)
    NUMBER = "number"  # a number both give, or two values of one unit
    DATE = "date"  # a day both give, or days that do not meet
    SPEAKER = "speaker"  # who said it, where both attribute
    NEGATION = "negation"  # one claim is negated, the other not
    CONTRARY = "contrary"  # one states a concept, the other its contrary (rise / fall)
    PLACE = "place"  # the event frame: where
    OBJECT = "object"  # the event frame: which named thing (the Kharzan Dam)
    TIME = "time"  # the event frame: when (days or months far apart)
    WEEKDAY = "weekday"  # the event frame: weekdays that differ
    PUBLISHED = "published"  # the event frame: articles far apart, no time given (quiet)


#: Reasons that count towards "another event" but are not shown as a difference.
QUIET = frozenset({Kind.PUBLISHED})


class Reason(NamedTuple):
    """One thing two claims agree on (``differs`` False) or differ on.

    ``a`` and ``b``: what claims A and B write (empty where a side says nothing, as for a
    negation); ``a_value`` and ``b_value``: the same normalised (skeleton, concept, ISO day,
    number value); ``about``: a number's unit or a named thing's head word, else "";
    ``near``: the two agree only nearly (a name spelled a little differently);
    ``spans_a`` / ``spans_b``: ``(start, end)`` character offsets in each claim's text.

    A named tuple: immutable and typed, and cheap to make (a link run makes one per reason
    of every match it keeps).
    """

    kind: Kind
    differs: bool
    a: tuple[str, ...]
    b: tuple[str, ...]
    a_value: tuple[str, ...] = ()
    b_value: tuple[str, ...] = ()
    about: str = ""
    near: bool = False
    spans_a: tuple[Span, ...] = ()
    spans_b: tuple[Span, ...] = ()

    @property
    def quiet(self) -> bool:
        """Counts towards another event, not shown as a difference."""
        return self.kind in QUIET


def _tuples(values: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if k in ("a_value", "b_value") else v for k, v in values.items()}


def agreeing(kind: Kind, a: str, b: str | None = None, **values: Any) -> Reason:
    """A reason both claims share: ``a`` as A writes it, ``b`` as B does (``a`` if alike)."""
    return Reason(kind, False, (a,), (a if b is None else b,), **_tuples(values))


def differing(kind: Kind, a: Sequence[str], b: Sequence[str], **values: Any) -> Reason:
    """A difference: what A says (``a``) against what B says (``b``)."""
    return Reason(kind, True, tuple(a), tuple(b), **_tuples(values))


def describe(reason: Reason) -> str:
    """The reason in words, ``kind: detail``: "name: كوبر = Cooper", "title: general ≠
    admiral", "number (killed): 12 ≠ 15", "negation: only in the first claim"."""
    kind, a, b = reason.kind, ", ".join(reason.a), ", ".join(reason.b)
    if kind is Kind.NEGATION:
        return f"negation: only in {'the first' if reason.a else 'the second'} claim"
    if kind is Kind.OBJECT:
        label = reason.about
    elif kind is Kind.TIME:
        label = "when"
    elif kind is Kind.NUMBER and reason.about:
        label = f"number ({reason.about})"
    else:
        label = kind.value
    if reason.differs:
        return f"{label}: {a} ≠ {b}"
    if kind in (Kind.NAME, Kind.WORD):
        return f"{label}: {a} {'~' if reason.near else '='} {b}"
    return f"{label}: {a}"


def words(reasons: Iterable[Reason]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(agrees, differs) in words, in the reasons' order; quiet reasons left out."""
    agrees: list[str] = []
    differs: list[str] = []
    for reason in reasons:
        if not reason.quiet:
            (differs if reason.differs else agrees).append(describe(reason))
    return tuple(agrees), tuple(differs)


_SPANS = pl.List(pl.Struct({"start": pl.Int32(), "end": pl.Int32()}))
_TEXTS = pl.List(pl.String())
#: One reason as a column value (a match holds a list of them): stored in DuckDB as
#: ``STRUCT(kind VARCHAR, differs BOOLEAN, ...)[]`` (migration 6), exported as such to
#: Parquet and JSON.
REASON_DTYPE = pl.Struct(
    {
        "kind": pl.String(),
        "differs": pl.Boolean(),
        "a": _TEXTS,
        "b": _TEXTS,
        "a_value": _TEXTS,
        "b_value": _TEXTS,
        "about": pl.String(),
        "near": pl.Boolean(),
        "spans_a": _SPANS,
        "spans_b": _SPANS,
    }
)
REASONS_DTYPE = pl.List(REASON_DTYPE)


def to_record(reason: Reason) -> dict[str, Any]:
    """The reason as a plain mapping of :data:`REASON_DTYPE`."""
    return {
        "kind": reason.kind.value,
        "differs": reason.differs,
        "a": list(reason.a),
        "b": list(reason.b),
        "a_value": list(reason.a_value),
        "b_value": list(reason.b_value),
        "about": reason.about,
        "near": reason.near,
        "spans_a": [{"start": s, "end": e} for s, e in reason.spans_a],
        "spans_b": [{"start": s, "end": e} for s, e in reason.spans_b],
    }


def from_record(record: Mapping[str, Any]) -> Reason:
    """A :class:`Reason` from a stored or exported record (the inverse of :func:`to_record`)."""

    def spans(values: Iterable[Mapping[str, Any]] | None) -> tuple[Span, ...]:
        return tuple((int(v["start"]), int(v["end"])) for v in values or ())

    return Reason(
        kind=Kind(record["kind"]),
        differs=bool(record["differs"]),
        a=tuple(record.get("a") or ()),
        b=tuple(record.get("b") or ()),
        a_value=tuple(record.get("a_value") or ()),
        b_value=tuple(record.get("b_value") or ()),
        about=str(record.get("about") or ""),
        near=bool(record.get("near")),
        spans_a=spans(record.get("spans_a")),
        spans_b=spans(record.get("spans_b")),
    )


_SEP, _HAS = "\x1f", "\x1e"
_CONTROL = str.maketrans({_SEP: " ", _HAS: " "})


def _joined(values: tuple[str, ...]) -> str:
    """A list as one string: "" when empty, else a mark and the values joined (a value's
    own separator characters, control characters no text needs, become spaces)."""
    if not values:
        return ""
    if len(values) == 1:  # the rule
        value = values[0]
        return _HAS + (value.translate(_CONTROL) if _SEP in value or _HAS in value else value)
    joined = _SEP.join(values)
    if _HAS in joined or joined.count(_SEP) != len(values) - 1:  # rare: a value holds one
        joined = _SEP.join(v.translate(_CONTROL) for v in values)
    return _HAS + joined


def _spans_text(spans: tuple[Span, ...]) -> str:
    if not spans:
        return ""
    if len(spans) == 1:
        return "%d,%d" % spans[0]  # noqa: UP031 (the hot path: one span is the rule)
    return ";".join("%d,%d" % span for span in spans)  # noqa: UP031


def _list(name: str) -> pl.Expr:
    split = pl.col(name).str.slice(1).str.split(_SEP)
    return pl.when(pl.col(name) == "").then(pl.lit([], _TEXTS)).otherwise(split)


def _span_list(name: str) -> pl.Expr:
    pieces = (
        pl.col(name)
        .str.split(";")
        .list.eval(
            pl.struct(
                start=pl.element().str.split(",").list.get(0).cast(pl.Int32),
                end=pl.element().str.split(",").list.get(1).cast(pl.Int32),
            )
        )
    )
    return pl.when(pl.col(name) == "").then(pl.lit([], _SPANS)).otherwise(pieces)


def column(explained: Iterable[Iterable[Reason]]) -> pl.Series:
    """A ``reasons`` column (:data:`REASONS_DTYPE`), one list per match. Built column-wise
    (flat fields joined and split by polars): several times faster than nested dicts, on a
    link run's hot path."""
    flat: dict[str, list[Any]] = {name: [] for name in ("match", *REASON_DTYPE.to_schema())}
    count = 0
    for count, reasons in enumerate(explained, start=1):
        for r in reasons:
            a = _joined(r.a)
            b = a if r.b == r.a else _joined(r.b)  # most agreements: one value, both sides
            flat["match"].append(count - 1)
            flat["kind"].append(r.kind.value)
            flat["differs"].append(r.differs)
            flat["a"].append(a)
            flat["b"].append(b)
            flat["a_value"].append(a if r.a_value == r.a else _joined(r.a_value))
            flat["b_value"].append(b if r.b_value == r.b else _joined(r.b_value))
            flat["about"].append(r.about)
            flat["near"].append(r.near)
            flat["spans_a"].append(_spans_text(r.spans_a))
            flat["spans_b"].append(_spans_text(r.spans_b))
    texts = ("kind", "a", "b", "a_value", "b_value", "about", "spans_a", "spans_b")
    frame = pl.DataFrame(
        flat,
        schema={
            "match": pl.Int64(),
            **{n: pl.String() for n in texts},
            "differs": pl.Boolean(),
            "near": pl.Boolean(),
        },
    )
    records = frame.select(
        "match",
        reason=pl.struct(
            "kind",
            "differs",
            _list("a").alias("a"),
            _list("b").alias("b"),
            _list("a_value").alias("a_value"),
            _list("b_value").alias("b_value"),
            "about",
            "near",
            _span_list("spans_a").alias("spans_a"),
            _span_list("spans_b").alias("spans_b"),
        ),
    )
    grouped = records.group_by("match", maintain_order=True).agg(reasons=pl.col("reason"))
    every = pl.DataFrame({"match": pl.int_range(count, eager=True, dtype=pl.Int64)})
    joined = every.join(grouped, on="match", how="left", maintain_order="left")
    return joined.select(
        pl.col("reasons").fill_null(pl.lit([], REASONS_DTYPE)).cast(REASONS_DTYPE)
    ).to_series()
