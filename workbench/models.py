"""Pydantic models at the boundaries: input records, articles, claims, anchors, ingest results.

Inside the store these become DuckDB rows; the models are what library functions take and give.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator


class AnchorKind(StrEnum):
    """What an anchor is. Its ``value`` format depends on the kind (see :class:`Anchor`)."""

    NUMBER = "number"
    DATE = "date"
    WEEKDAY = "weekday"
    NAME = "name"
    TITLE = "title"
    ATTRIBUTION = "attribution"


class Anchor(BaseModel):
    """A checkable detail of a claim, with where it sits in the claim text.

    ``value`` is the comparable form:

    - number: a decimal string without separators (``"1000"``, ``"2.5"``);
    - date: ISO 8601 (``"2024-12-08"``; ``"2024-12"`` or ``"2024"`` for coarser Gregorian
      dates; an ISO interval ``"2017-11-22/2017-12-21"`` for a Jalali or Hijri month or year);
    - weekday: an English lower-case day name (``"friday"``);
    - name: the name as written, normalised (see :func:`workbench.text.normalise.normalise`);
    - title: a role or rank concept (``"admiral"``, ``"general"``, ``"president"``, ``"envoy"``);
    - attribution: the speaker as written (normalised), or ``""`` when only the verb is seen.

    ``detail`` carries the calendar for dates (``gregorian``, ``jalali``, ``hijri``), the
    verb for attributions, and is otherwise free for the extractor to explain itself.
    """

    model_config = ConfigDict(frozen=True)

    kind: AnchorKind
    text: str
    value: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    detail: str = ""


class InputRecord(BaseModel):
    """One article as a reader found it, before claims are split. Untrusted text."""

    source: str = Field(min_length=1)
    text: str = Field(min_length=1)
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None

    @field_validator("source", "text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        if not any(c.isalpha() for c in value):
            raise ValueError("has no letters")
        return value

    @field_validator("published", mode="before")
    @classmethod
    def _date_prefix(cls, value: object) -> object:
        # Accept "2015-07-21 02:51:32" and full ISO datetimes: the day is what we keep.
        if isinstance(value, str) and len(value) > 10 and value[4:5] == "-":
            return value[:10]
        if isinstance(value, str) and not value.strip():
            return None
        return value


class Claim(BaseModel):
    """A sentence-sized statement of an article, with its anchors.

    ``field`` says which article field the offsets point into: ``text`` (the body exactly as
    received) or ``title`` (when the title came as its own field).
    """

    claim_id: str
    article_id: str
    position: int
    field: str = "text"
    start: int
    end: int
    text: str
    norm_text: str
    language: str
    anchors: list[Anchor] = Field(default_factory=list)


class Article(BaseModel):
    """An ingested article: the original text exactly as received, and what we learnt of it."""

    article_id: str
    article_ref: str
    source: str
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    language: str
    origin_chain: list[str] = Field(default_factory=list)
    text: str
    input_path: str = ""
    ingested_at: dt.datetime
    claims: list[Claim] = Field(default_factory=list)


class Rejection(BaseModel):
    """Input that could not be ingested: which file (and line), and why, in one line."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return " ".join(f"{where}: {self.reason}".split())  # always one line


class Skipped(Rejection):
    """A file left alone on purpose (an unsupported type found in a folder): not an error."""


class Note(Rejection):
    """Something wrong in a record that was still ingested (an unreadable date, say)."""


class IngestReport(BaseModel):
    """What an ingest run did."""

    files: int = 0
    records: int = 0
    ingested: int = 0
    duplicates: int = 0
    claims: int = 0
    rejected: list[Rejection] = Field(default_factory=list)
    skipped: list[Skipped] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


# --- review -----------------------------------------------------------------------------


class Label(StrEnum):
    """What a reviewer decides about a linked pair: does the second claim back the first?"""

    CORROBORATES = "corroborates"
    CONFLICTS = "conflicts"
    UNRELATED = "unrelated"
    UNSURE = "unsure"


#: The ``verdict`` of a log row that withdraws an earlier verdict (undo); never a label.
RETRACT = "retract"

#: Longest reviewer name and note accepted (a name is a label, not a document).
MAX_REVIEWER_CHARS = 80
MAX_NOTE_CHARS = 2000


def one_line_name(value: str) -> str:
    """A reviewer name: one line of printable characters, inner spaces tidied."""
    if any(not c.isprintable() for c in value):
        raise ValueError("must be one line of printable characters")
    return " ".join(value.split())


class VerdictIn(BaseModel):
    """A verdict as a reviewer (or an import) gives it. Untrusted text, validated here."""

    model_config = ConfigDict(str_strip_whitespace=True)

    match_id: str = Field(min_length=1, max_length=64)
    verdict: Label
    reviewer: str = Field(min_length=1, max_length=MAX_REVIEWER_CHARS)
    note: str = Field(default="", max_length=MAX_NOTE_CHARS)
    role: str = Field(default="reviewer", pattern="^(reviewer|adjudicator)$")

    @field_validator("reviewer")
    @classmethod
    def _one_line_name(cls, value: str) -> str:
        return one_line_name(value)


class QueueMode(StrEnum):
    """Which pairs a reviewer's queue serves."""

    #: Pairs this reviewer has not judged, pairs nobody has judged first; leased one at a time.
    UNREVIEWED = "unreviewed"
    #: Only pairs another reviewer judged and this one has not (for agreement); no leases.
    AGREEMENT = "agreement"


class QueueOrder(StrEnum):
    """How the queue is sorted after unjudged-first."""

    SCORE = "score"  # highest score first
    SUGGESTION = "suggestion"  # conflicts, then unsure, then corroborates; by score within


class QueueFilter(BaseModel):
    """What a reviewer asked the queue for. Every field is bound as a value, never as SQL."""

    model_config = ConfigDict(frozen=True)

    mode: QueueMode = QueueMode.UNREVIEWED
    order: QueueOrder = QueueOrder.SCORE
    languages: tuple[str, str] | None = None  # an unordered pair, e.g. ("ar", "fa")
    source: str | None = None  # either side's outlet
    suggestion: str | None = None
    score_min: float = Field(default=0.0, ge=0, le=100)
    score_max: float = Field(default=100.0, ge=0, le=100)


def _utc_naive(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        return value
    return value.astimezone(dt.UTC).replace(tzinfo=None)


class VerdictRecord(BaseModel):
    """A verdict row from a file: the export's own columns, or at least ``match_id, verdict,
    reviewer, decided_at`` (and ``note``). Times without an offset are taken as UTC."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="ignore")

    match_id: str = Field(min_length=1, max_length=64)
    verdict: Label | Literal["retract"]
    reviewer: str = Field(min_length=1, max_length=MAX_REVIEWER_CHARS)
    note: str = Field(default="", max_length=MAX_NOTE_CHARS)
    role: str = Field(default="reviewer", pattern="^(reviewer|adjudicator)$")
    decided_at: dt.datetime
    retracts: str | None = Field(default=None, max_length=64)
    #: The pair's claims, as the export writes them: a row whose match a re-link dropped is
    #: re-attached through them where both claims are in the database.
    claim_a_id: str | None = Field(default=None, max_length=64)
    claim_b_id: str | None = Field(default=None, max_length=64)

    @field_validator("reviewer")
    @classmethod
    def _one_line_name(cls, value: str) -> str:
        return one_line_name(value)

    @field_validator("note", "role", "retracts", "claim_a_id", "claim_b_id", mode="before")
    @classmethod
    def _empty_is_default(cls, value: object, info: ValidationInfo) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            defaults = {"note": "", "role": "reviewer"}
            return defaults.get(info.field_name or "note")
        return value

    @field_validator("decided_at")
    @classmethod
    def _to_utc(cls, value: dt.datetime) -> dt.datetime:
        return _utc_naive(value)

    @model_validator(mode="after")
    def _retraction_names_its_verdict(self) -> VerdictRecord:
        if self.verdict == RETRACT and not self.retracts:
            raise ValueError("a retract row must name the verdict it retracts (retracts)")
        return self
