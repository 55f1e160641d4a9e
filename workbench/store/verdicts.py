"""The verdict log: append-only rows, the current verdict per (match, reviewer), exports.

Nothing here updates or deletes a verdict row. Undo appends a ``retract`` row naming the
verdict it withdraws; the current verdict of a reviewer on a match is their latest row that
is neither a retraction nor retracted (the ``current_verdicts`` view of migration 3).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import polars as pl

from workbench.ids import stable_id
from workbench.models import RETRACT, VerdictIn, VerdictRecord
from workbench.store.db import Connection, StoreError, one, query_frame, transaction
from workbench.store.journal import Kept


class UnknownMatch(StoreError):
    """A verdict names a match this database does not hold."""


def verdict_id(match_id: str, reviewer: str, verdict: str, decided_at: dt.datetime) -> str:
    """A verdict's id from what identifies it: match, reviewer, verdict and time (UTC, µs)."""
    return stable_id("verdict", match_id, reviewer, verdict, decided_at.isoformat())


def _match_claims(con: Connection, match_id: str) -> tuple[str, str]:
    row = one(con, "SELECT claim_a_id, claim_b_id FROM matches WHERE match_id = ?", [match_id])
    if row is None:
        raise UnknownMatch(f"no match {match_id} in this database")
    return str(row[0]), str(row[1])


def _insert(con: Connection, row: list[object]) -> None:
    con.execute(
        "INSERT INTO verdicts (verdict_id, match_id, claim_a_id, claim_b_id, verdict, reviewer, "
        "note, decided_at, retracts, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (verdict_id) DO NOTHING",
        row,
    )


def record(con: Connection, verdict: VerdictIn, decided_at: dt.datetime) -> str:
    """Append one verdict on a stored match; release the reviewer's lease on it. Return its id.

    Raises:
        UnknownMatch: the match is not in this database.
    """
    claim_a, claim_b = _match_claims(con, verdict.match_id)
    vid = verdict_id(verdict.match_id, verdict.reviewer, verdict.verdict.value, decided_at)
    with transaction(con):
        _insert(
            con,
            [
                vid,
                verdict.match_id,
                claim_a,
                claim_b,
                verdict.verdict.value,
                verdict.reviewer,
                verdict.note,
                decided_at,
                None,
                verdict.role,
            ],
        )
        con.execute(
            "DELETE FROM review_leases WHERE match_id = ? AND reviewer = ?",
            [verdict.match_id, verdict.reviewer],
        )
    return vid


def record_kept(con: Connection, kept: list[Kept]) -> tuple[int, list[Kept]]:
    """Store verdicts from the journal in one transaction; (how many stored, those whose match
    is gone). A verdict stored before (same id) is not stored twice."""
    gone: list[Kept] = []
    saved = 0
    with transaction(con):
        for item in kept:
            verdict = item.verdict
            try:
                claim_a, claim_b = _match_claims(con, verdict.match_id)
            except UnknownMatch:
                gone.append(item)
                continue
            vid = verdict_id(
                verdict.match_id, verdict.reviewer, verdict.verdict.value, item.decided_at
            )
            row = [vid, verdict.match_id, claim_a, claim_b, verdict.verdict.value, verdict.reviewer]
            _insert(con, [*row, verdict.note, item.decided_at, None, verdict.role])
            con.execute(
                "DELETE FROM review_leases WHERE match_id = ? AND reviewer = ?",
                [verdict.match_id, verdict.reviewer],
            )
            saved += 1
    return saved, gone


def retract_last(con: Connection, reviewer: str, decided_at: dt.datetime) -> str | None:
    """Withdraw the reviewer's latest standing verdict by appending a retraction.

    Returns the match id it was on (so the pair can be shown again), or ``None`` when the
    reviewer has nothing left to undo.
    """
    row = one(
        con,
        "SELECT verdict_id, match_id, claim_a_id, claim_b_id, role FROM verdicts "
        "WHERE reviewer = ? AND verdict <> ? "
        "AND verdict_id NOT IN (SELECT retracts FROM verdicts WHERE retracts IS NOT NULL) "
        "ORDER BY decided_at DESC, verdict_id DESC LIMIT 1",
        [reviewer, RETRACT],
    )
    if row is None:
        return None
    target, match_id, claim_a, claim_b, role = (str(v) for v in row)
    rid = verdict_id(match_id, reviewer, RETRACT, decided_at)
    _insert(con, [rid, match_id, claim_a, claim_b, RETRACT, reviewer, "", decided_at, target, role])
    return match_id


_EXPORT_SELECT = """
    SELECT v.verdict_id, v.match_id, v.claim_a_id, v.claim_b_id,
           aa.source AS source_a, ab.source AS source_b,
           ca.language AS language_a, cb.language AS language_b,
           ca.text AS text_a, cb.text AS text_b,
           v.verdict, v.reviewer, v.role, v.note, v.decided_at, v.retracts,
           m.score, m.suggestion
    FROM {table} v
    LEFT JOIN matches m ON m.match_id = v.match_id
    LEFT JOIN claims ca ON ca.claim_id = v.claim_a_id
    LEFT JOIN articles aa ON aa.article_id = ca.article_id
    LEFT JOIN claims cb ON cb.claim_id = v.claim_b_id
    LEFT JOIN articles ab ON ab.article_id = cb.article_id
    ORDER BY v.decided_at, v.verdict_id
"""
# The table name comes from this fixed pair only, never from input.
_EXPORT_SQL = {
    "current": _EXPORT_SELECT.format(table="current_verdicts"),
    "history": _EXPORT_SELECT.format(table="verdicts"),
}


def export_rows(con: Connection, *, history: bool = False) -> pl.DataFrame:
    """Current verdicts (or the whole log) with both claims' sources and texts, oldest first.

    Claims are joined by the ids the verdict stored, so a verdict whose match a re-link no
    longer produces still exports with its texts.
    """
    return query_frame(con, _EXPORT_SQL["history" if history else "current"])


def current(con: Connection, *, match_ids: list[str] | None = None) -> pl.DataFrame:
    """Current verdicts with both claims' articles and outlets, optionally on some matches.

    Columns: ``verdict_id, match_id, claim_a_id, claim_b_id, article_a_id, article_b_id,
    source_a, source_b, verdict, reviewer, role, note, decided_at, score``.
    """
    return query_frame(
        con,
        "SELECT v.verdict_id, v.match_id, v.claim_a_id, v.claim_b_id, "
        "ca.article_id AS article_a_id, cb.article_id AS article_b_id, "
        "aa.source AS source_a, ab.source AS source_b, v.verdict, v.reviewer, v.role, v.note, "
        "v.decided_at, m.score "
        "FROM current_verdicts v "
        "LEFT JOIN matches m ON m.match_id = v.match_id "
        "LEFT JOIN claims ca ON ca.claim_id = v.claim_a_id "
        "LEFT JOIN articles aa ON aa.article_id = ca.article_id "
        "LEFT JOIN claims cb ON cb.claim_id = v.claim_b_id "
        "LEFT JOIN articles ab ON ab.article_id = cb.article_id "
        "WHERE (?::VARCHAR[] IS NULL OR list_contains(?, v.match_id)) "
        "ORDER BY v.decided_at, v.verdict_id",
        [match_ids, match_ids],
    )


@dataclass(frozen=True)
class ReviewCounts:
    """Review progress."""

    matches: int
    judged: int  # matches with at least one current verdict
    by_label: dict[str, int]
    by_reviewer: dict[str, int]


def counts(con: Connection) -> ReviewCounts:
    """Review progress: matches, matches judged, current verdicts by label and by reviewer."""
    matches = one(con, "SELECT count(*) FROM matches")
    judged = one(
        con,
        "SELECT count(DISTINCT v.match_id) FROM current_verdicts v JOIN matches m USING (match_id)",
    )
    by_label = con.execute(
        "SELECT verdict, count(*) FROM current_verdicts GROUP BY verdict ORDER BY verdict"
    ).fetchall()
    by_reviewer = con.execute(
        "SELECT reviewer, count(*) FROM current_verdicts GROUP BY reviewer ORDER BY 2 DESC, 1"
    ).fetchall()
    return ReviewCounts(
        matches=int(matches[0]) if matches else 0,
        judged=int(judged[0]) if judged else 0,
        by_label={str(k): int(n) for k, n in by_label},
        by_reviewer={str(k): int(n) for k, n in by_reviewer},
    )


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did with its valid rows (by their index in the list given)."""

    added: int
    already: int
    unknown: list[int]  # rows naming a match this database does not hold
    #: Retractions refused (row index, reason): only a reviewer's own verdict on the same
    #: match may be retracted, as on the review page.
    refused: list[tuple[int, str]] = field(default_factory=list)
    #: Rows whose match is not held here, re-attached through the claim ids they carry.
    reattached: int = 0


def _reattach(
    con: Connection, records: list[VerdictRecord], known: dict[str, tuple[str, str]]
) -> int:
    """Rows on matches not held here, by their claim ids: point them at the match now linking
    the same two claims, or, where both claims exist, keep them on those claims (in place)."""
    lost = [r for r in records if r.match_id not in known and r.claim_a_id and r.claim_b_id]
    if not lost:
        return 0
    lost_ids = {id(r) for r in lost}
    wanted = sorted({c for r in lost for c in (r.claim_a_id, r.claim_b_id) if c})
    present = {
        str(c)
        for (c,) in con.execute(
            "SELECT claim_id FROM claims WHERE list_contains(?, claim_id)", [wanted]
        ).fetchall()
    }
    now = {
        frozenset((str(a), str(b))): (str(m), str(a), str(b))
        for m, a, b in con.execute(
            "SELECT match_id, claim_a_id, claim_b_id FROM matches "
            "WHERE list_contains(?, claim_a_id) AND list_contains(?, claim_b_id)",
            [wanted, wanted],
        ).fetchall()
    }
    reattached = 0
    for index, record in enumerate(records):
        if id(record) not in lost_ids or {record.claim_a_id, record.claim_b_id} - present:
            continue
        reattached += 1
        pair = frozenset((str(record.claim_a_id), str(record.claim_b_id)))
        if pair in now:
            match_id, claim_a, claim_b = now[pair]
            records[index] = record.model_copy(update={"match_id": match_id})
            known[match_id] = (claim_a, claim_b)
        else:
            known[record.match_id] = (str(record.claim_a_id), str(record.claim_b_id))
    return reattached


def import_records(con: Connection, records: list[VerdictRecord]) -> ImportOutcome:
    """Append verdict rows from a file in one transaction; rows already present add nothing.

    A row is identified by match, reviewer, verdict and time (its verdict id), so importing
    the same file twice adds nothing. Claim ids come from this database's match. A row whose
    match this database does not hold (a re-link dropped it) but whose two claims it does is
    re-attached through its claim ids: to the match now linking those two claims where there
    is one, else kept on the claims under its own match id, as verdicts on matches a re-link
    removed are kept.
    """
    ids = sorted({r.match_id for r in records})
    known = dict(
        (str(m), (str(a), str(b)))
        for m, a, b in con.execute(
            "SELECT match_id, claim_a_id, claim_b_id FROM matches WHERE list_contains(?, match_id)",
            [ids],
        ).fetchall()
    )
    retracted = sorted({r.retracts for r in records if r.retracts})
    owner = {
        str(v): (str(m), str(who))
        for v, m, who in con.execute(
            "SELECT verdict_id, match_id, reviewer FROM verdicts "
            "WHERE list_contains(?, verdict_id)",
            [retracted],
        ).fetchall()
    }
    records = list(records)  # re-attached rows are replaced in this copy, not the caller's
    reattached = _reattach(con, records, known)
    rows, unknown, refused = [], [], []
    for index, record in enumerate(records):
        if record.match_id not in known:
            unknown.append(index)
            continue
        claim_a, claim_b = known[record.match_id]
        verdict = record.verdict if isinstance(record.verdict, str) else record.verdict.value
        vid = verdict_id(record.match_id, record.reviewer, verdict, record.decided_at)
        if record.retracts:
            target = owner.get(record.retracts)
            if target is None:
                refused.append((index, f"retracts {record.retracts}: no such verdict here"))
                continue
            if target != (record.match_id, record.reviewer):
                refused.append(
                    (
                        index,
                        f"retracts {record.retracts}: not this reviewer's verdict on this match",
                    )
                )
                continue
        owner[vid] = (record.match_id, record.reviewer)  # a later row may retract this one
        rows.append(
            [
                vid,
                record.match_id,
                claim_a,
                claim_b,
                verdict,
                record.reviewer,
                record.note,
                record.decided_at,
                record.retracts,
                record.role,
            ]
        )
    before = one(con, "SELECT count(*) FROM verdicts")
    with transaction(con):
        for row in rows:
            _insert(con, row)
    after = one(con, "SELECT count(*) FROM verdicts")
    added = int(after[0]) - int(before[0]) if after and before else 0
    return ImportOutcome(
        added=added,
        already=len(rows) - added,
        unknown=unknown,
        refused=refused,
        reattached=reattached,
    )
