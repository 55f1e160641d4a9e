"""The review queue: which match a reviewer sees next, short leases, and a pair with context.

A lease says "this reviewer is looking at this pair until then", so two reviewers working the
queue at once are not served the same pair; it expires by itself if a browser goes away.
The queue SQL is assembled from the fixed fragments below only; every filter value is bound.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from workbench.models import QueueFilter, QueueMode, QueueOrder
from workbench.store.db import Connection, one

# Joins needed by some filters: only these fixed texts ever reach the SQL.
_JOIN_CLAIMS = (
    " JOIN claims ca ON ca.claim_id = m.claim_a_id JOIN claims cb ON cb.claim_id = m.claim_b_id"
)
_JOIN_ARTICLES = (
    " JOIN articles aa ON aa.article_id = ca.article_id"
    " JOIN articles ab ON ab.article_id = cb.article_id"
)
_SUGGESTION_RANK = "CASE m.suggestion WHEN 'conflicts' THEN 0 WHEN 'unsure' THEN 1 ELSE 2 END, "


def _where(
    queue: QueueFilter, reviewer: str, now: dt.datetime, skip: list[str]
) -> tuple[str, str, list[object]]:
    """(joins, WHERE clause, parameters) for a reviewer's queue under ``queue``."""
    joins = ""
    clauses = [
        "m.match_id NOT IN (SELECT match_id FROM current_verdicts WHERE reviewer = ?)",
        "NOT list_contains(?::VARCHAR[], m.match_id)",
        "m.score BETWEEN ? AND ?",
        "(?::VARCHAR IS NULL OR m.suggestion = ?)",
    ]
    params: list[object] = [
        reviewer,
        skip,
        queue.score_min,
        queue.score_max,
        queue.suggestion,
        queue.suggestion,
    ]
    if queue.mode is QueueMode.AGREEMENT:
        clauses.append("m.match_id IN (SELECT match_id FROM current_verdicts WHERE reviewer <> ?)")
        params.append(reviewer)
    else:
        clauses.append(
            "m.match_id NOT IN "
            "(SELECT match_id FROM review_leases WHERE reviewer <> ? AND expires_at > ?)"
        )
        params += [reviewer, now]
    if queue.languages or queue.source:
        joins += _JOIN_CLAIMS
    if queue.languages:
        first, second = queue.languages
        clauses.append(
            "((ca.language = ? AND cb.language = ?) OR (ca.language = ? AND cb.language = ?))"
        )
        params += [first, second, second, first]
    if queue.source:
        joins += _JOIN_ARTICLES
        clauses.append("(aa.source = ? OR ab.source = ?)")
        params += [queue.source, queue.source]
    return joins, " AND ".join(clauses), params


def next_match(
    con: Connection, queue: QueueFilter, reviewer: str, now: dt.datetime, skip: list[str]
) -> str | None:
    """The id of the first match of the reviewer's queue, or ``None`` when it is empty.

    Order: pairs nobody has judged first, then (by ``queue.order``) suggestion rank and score,
    ties broken by match id so every reviewer sees the same order.
    """
    joins, where, params = _where(queue, reviewer, now, skip)
    rank = _SUGGESTION_RANK if queue.order is QueueOrder.SUGGESTION else ""
    sql = (
        "SELECT m.match_id FROM matches m"  # noqa: S608 (fixed fragments; values are bound)
        + joins
        + " LEFT JOIN (SELECT DISTINCT match_id AS judged FROM current_verdicts) j"
        " ON j.judged = m.match_id WHERE "
        + where
        + " ORDER BY (j.judged IS NOT NULL), "
        + rank
        + "m.score DESC, m.match_id LIMIT 1"
    )
    row = one(con, sql, params)
    return None if row is None else str(row[0])


def queue_size(
    con: Connection, queue: QueueFilter, reviewer: str, now: dt.datetime, skip: list[str]
) -> int:
    """How many matches the reviewer's queue holds now (leased-by-others excluded)."""
    joins, where, params = _where(queue, reviewer, now, skip)
    sql = "SELECT count(*) FROM matches m" + joins + " WHERE " + where  # noqa: S608
    row = one(con, sql, params)
    return int(row[0]) if row else 0


def take_lease(
    con: Connection, match_id: str, reviewer: str, now: dt.datetime, until: dt.datetime
) -> bool:
    """Lease ``match_id`` to ``reviewer`` until ``until`` unless another holds it past ``now``.

    The reviewer's other leases are released: one reviewer looks at one pair at a time.
    Two sessions racing for one pair conflict at commit; the caller retries (see Store).
    """
    con.execute("BEGIN TRANSACTION")
    try:
        held = one(
            con,
            "SELECT reviewer FROM review_leases WHERE match_id = ? AND expires_at > ?",
            [match_id, now],
        )
        if held is not None and str(held[0]) != reviewer:
            con.execute("ROLLBACK")
            return False
        con.execute(
            "DELETE FROM review_leases WHERE reviewer = ? AND match_id <> ?", [reviewer, match_id]
        )
        con.execute(
            "INSERT INTO review_leases VALUES (?, ?, ?) ON CONFLICT (match_id) DO UPDATE "
            "SET reviewer = excluded.reviewer, expires_at = excluded.expires_at",
            [match_id, reviewer, until],
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return True


def release_leases(con: Connection, reviewer: str) -> None:
    """Drop every lease the reviewer holds (they left the queue)."""
    con.execute("DELETE FROM review_leases WHERE reviewer = ?", [reviewer])


_PAIR_SQL = """
    SELECT m.match_id, m.claim_a_id, m.claim_b_id, m.score, m.token, m.name, m.concept,
           m.anchor, m.attribution, m.suggestion, m.agrees, m.differs
    FROM matches m WHERE m.match_id = ?
"""
# Point lookups by constant keys, so DuckDB answers them from the ART indexes, not scans.
_CLAIM_SQL = """
    SELECT c.claim_id, c.article_id, c.position, c.text, c.language, a.source, a.published,
           a.title, a.url, a.article_ref, a.origin_chain
    FROM claims c JOIN articles a ON a.article_id = c.article_id WHERE c.claim_id = ?
"""
_NEIGHBOURS_SQL = (
    "SELECT position, text FROM claims WHERE article_id = ? AND position IN (?, ?) "
    "ORDER BY position, claim_id"
)


def _claim(con: Connection, claim_id: str) -> dict[str, Any] | None:
    found: pl.DataFrame = con.sql(_CLAIM_SQL, params=[claim_id]).pl()
    if not found.height:
        return None
    claim = found.row(0, named=True)
    position = int(claim["position"])
    rows = con.execute(
        _NEIGHBOURS_SQL, [claim["article_id"], position - 1, position + 1]
    ).fetchall()
    claim["before"] = " ".join(str(t) for p, t in rows if p == position - 1) or None
    claim["after"] = " ".join(str(t) for p, t in rows if p == position + 1) or None
    return claim


_ANCHOR_SQL = (
    "SELECT kind, text, value, char_start, char_end FROM anchors WHERE claim_id = ? "
    "ORDER BY char_start, kind"
)


def pair(con: Connection, match_id: str) -> dict[str, Any] | None:
    """A match with both claims, their outlets, dates, titles and neighbouring sentences."""
    match: pl.DataFrame = con.sql(_PAIR_SQL, params=[match_id]).pl()
    if not match.height:
        return None
    row = match.row(0, named=True)
    for side in ("a", "b"):
        row[side] = _claim(con, row[f"claim_{side}_id"])
        anchors: pl.DataFrame = con.sql(_ANCHOR_SQL, params=[row[f"claim_{side}_id"]]).pl()
        row[f"anchors_{side}"] = anchors.to_dicts()
    return row
