"""The review queue: which match a reviewer sees next, short leases, and a pair with context.

A lease says "this reviewer is looking at this pair until then", so two reviewers working the
queue at once are not served the same pair; it expires by itself if a browser goes away.
The queue SQL is assembled from the fixed fragments below only; every filter value is bound.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from workbench.models import QueueFilter, QueueMode, QueueOrder
from workbench.store.db import Connection, one, transaction

_SUGGESTION_RANK = "CASE i.suggestion WHEN 'conflicts' THEN 0 WHEN 'unsure' THEN 1 ELSE 2 END, "


def sync_items(con: Connection) -> bool:
    """Bring ``review_items`` (the queue's columns of every match, in one table so a queue
    query scans one table) up to date with ``matches``; True when it had to.

    Cheap when nothing changed: the signature (match count, latest link time) is compared
    first. A link run or ``link --rebuild`` changes it.
    """
    signature = one(con, "SELECT count(*), max(linked_at) FROM matches")
    stored = one(con, "SELECT matches, linked_at FROM review_sync")
    if stored is not None and signature is not None and tuple(stored) == tuple(signature):
        return False
    since = stored[1] if stored is not None else None
    with transaction(con):
        con.execute("DELETE FROM review_items WHERE match_id NOT IN (SELECT match_id FROM matches)")
        con.execute(  # matches written since the last sync: new, or re-linked
            "INSERT INTO review_items "
            "SELECT m.match_id, m.score, m.suggestion, "
            "least(ca.language, cb.language) || '-' || greatest(ca.language, cb.language), "
            "aa.source, ab.source FROM matches m "
            "JOIN claims ca ON ca.claim_id = m.claim_a_id "
            "JOIN claims cb ON cb.claim_id = m.claim_b_id "
            "JOIN articles aa ON aa.article_id = ca.article_id "
            "JOIN articles ab ON ab.article_id = cb.article_id "
            "WHERE ?::TIMESTAMP IS NULL OR m.linked_at > ? "
            "ON CONFLICT (match_id) DO UPDATE SET score = excluded.score, "
            "suggestion = excluded.suggestion",
            [since, since],
        )
        con.execute("DELETE FROM review_sync")
        con.execute("INSERT INTO review_sync VALUES (?, ?)", list(signature or (0, None)))
    return True


def _where(
    queue: QueueFilter, reviewer: str, now: dt.datetime, skip: list[str]
) -> tuple[str, list[object]]:
    """(WHERE clause over ``review_items i``, parameters) for a reviewer's queue."""
    clauses = [
        "i.match_id NOT IN (SELECT match_id FROM current_verdicts WHERE reviewer = ?)",
        "NOT list_contains(?::VARCHAR[], i.match_id)",
        "i.score BETWEEN ? AND ?",
        "(?::VARCHAR IS NULL OR i.suggestion = ?)",
        "(?::VARCHAR IS NULL OR i.languages = ?)",
        "(?::VARCHAR IS NULL OR i.source_a = ? OR i.source_b = ?)",
    ]
    languages = "-".join(sorted(queue.languages)) if queue.languages else None
    params: list[object] = [
        reviewer,
        skip,
        queue.score_min,
        queue.score_max,
        queue.suggestion,
        queue.suggestion,
        languages,
        languages,
        queue.source,
        queue.source,
        queue.source,
    ]
    if queue.mode is QueueMode.AGREEMENT:
        clauses.append("i.match_id IN (SELECT match_id FROM current_verdicts WHERE reviewer <> ?)")
        params.append(reviewer)
    else:
        clauses.append(
            "i.match_id NOT IN "
            "(SELECT match_id FROM review_leases WHERE reviewer <> ? AND expires_at > ?)"
        )
        params += [reviewer, now]
    return " AND ".join(clauses), params


def next_matches(
    con: Connection,
    queue: QueueFilter,
    reviewer: str,
    now: dt.datetime,
    skip: list[str],
    *,
    limit: int = 1,
) -> list[tuple[str, bool]]:
    """The first ``limit`` matches of the reviewer's queue, each with whether another reviewer
    had judged it then.

    Order: pairs nobody has judged first, then (by ``queue.order``) suggestion rank and score,
    ties broken by match id so every reviewer sees the same order.
    """
    where, params = _where(queue, reviewer, now, skip)
    rank = _SUGGESTION_RANK if queue.order is QueueOrder.SUGGESTION else ""
    sql = (
        "SELECT i.match_id, j.judged IS NOT NULL FROM review_items i"  # noqa: S608 (fixed fragments)
        " LEFT JOIN (SELECT DISTINCT match_id AS judged FROM current_verdicts) j"
        " ON j.judged = i.match_id WHERE "
        + where
        + " ORDER BY (j.judged IS NOT NULL), "
        + rank
        + "i.score DESC, i.match_id LIMIT ?"
    )
    return [(str(m), bool(j)) for m, j in con.execute(sql, [*params, limit]).fetchall()]


def queue_size(
    con: Connection, queue: QueueFilter, reviewer: str, now: dt.datetime, skip: list[str]
) -> int:
    """How many matches the reviewer's queue holds now (leased-by-others excluded)."""
    where, params = _where(queue, reviewer, now, skip)
    row = one(con, "SELECT count(*) FROM review_items i WHERE " + where, params)  # noqa: S608
    return int(row[0]) if row else 0


def still_open(con: Connection, match_id: str, reviewer: str, judged_then: bool) -> bool:
    """Whether a prefetched candidate still belongs at the head of the reviewer's queue:
    not judged by them since, and not judged by another when it was unjudged."""
    row = one(
        con,
        "SELECT count(*) FILTER (WHERE reviewer = ?), count(*) FROM current_verdicts "
        "WHERE match_id = ?",
        [reviewer, match_id],
    )
    mine, anyone = (int(row[0]), int(row[1])) if row else (0, 0)
    return mine == 0 and (judged_then or anyone == 0)


def take_lease(
    con: Connection,
    match_id: str,
    reviewer: str,
    now: dt.datetime,
    until: dt.datetime,
    *,
    judged_then: bool | None = None,
) -> bool:
    """Lease ``match_id`` to ``reviewer`` until ``until`` unless another holds it past ``now``.

    With ``judged_then`` (a prefetched candidate), also refuse when the pair is no longer
    open for the reviewer (see :func:`still_open`), checked in the same transaction as the
    lease, so a verdict committed meanwhile is either seen or its lease still holds.
    The reviewer's other leases are released: one reviewer looks at one pair at a time.
    """
    with transaction(con):
        if judged_then is not None and not still_open(con, match_id, reviewer, judged_then):
            return False
        held = one(
            con,
            "SELECT reviewer FROM review_leases WHERE match_id = ? AND expires_at > ?",
            [match_id, now],
        )
        if held is not None and str(held[0]) != reviewer:
            return False  # nothing written: the empty transaction commits
        con.execute(
            "DELETE FROM review_leases WHERE reviewer = ? AND match_id <> ?", [reviewer, match_id]
        )
        con.execute(
            "INSERT INTO review_leases VALUES (?, ?, ?) ON CONFLICT (match_id) DO UPDATE "
            "SET reviewer = excluded.reviewer, expires_at = excluded.expires_at",
            [match_id, reviewer, until],
        )
    return True


def release_leases(con: Connection, reviewer: str) -> None:
    """Drop every lease the reviewer holds (they left the queue)."""
    con.execute("DELETE FROM review_leases WHERE reviewer = ?", [reviewer])


_PAIR_SQL = """
    SELECT m.match_id, m.claim_a_id, m.claim_b_id, m.score, m.token, m.name, m.concept,
           m.anchor, m.attribution, m.suggestion, m.reasons
    FROM matches m WHERE m.match_id = ?
"""
# The reasons in words, read only for a match linked before reasons were records.
_WORDS_SQL = "SELECT agrees, differs FROM matches WHERE match_id = ?"
# Point lookups by constant keys, so DuckDB answers them from the ART indexes, not scans.
_CLAIM_SQL = "SELECT claim_id, article_id, position, text, language FROM claims WHERE claim_id = ?"
_ARTICLE_SQL = (
    "SELECT source, published, title, url, article_ref, origin_chain FROM articles "
    "WHERE article_id = ?"
)
# All of the article's sentences by its indexed key, the two neighbours picked here: with a
# position filter in SQL, DuckDB scans the whole claims table instead of using the index.
_NEIGHBOURS_SQL = (
    "SELECT position, text FROM claims WHERE article_id = ? ORDER BY position, claim_id"
)


def _rows(con: Connection, sql: str, params: list[object]) -> list[dict[str, Any]]:
    """Small results as dicts (cheaper than a frame for a handful of rows)."""
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _claim(con: Connection, claim_id: str) -> dict[str, Any] | None:
    found = _rows(con, _CLAIM_SQL, [claim_id])
    if not found:
        return None
    claim = found[0]
    article = _rows(con, _ARTICLE_SQL, [claim["article_id"]])
    claim.update(
        article[0]
        if article
        else dict.fromkeys(("source", "published", "title", "url", "article_ref", "origin_chain"))
    )
    position = int(claim["position"])
    rows = con.execute(_NEIGHBOURS_SQL, [claim["article_id"]]).fetchall()
    claim["before"] = " ".join(str(t) for p, t in rows if p == position - 1) or None
    claim["after"] = " ".join(str(t) for p, t in rows if p == position + 1) or None
    return claim


_ANCHOR_SQL = (
    "SELECT kind, text, value, char_start, char_end FROM anchors WHERE claim_id = ? "
    "ORDER BY char_start, kind"
)


def pair(con: Connection, match_id: str) -> dict[str, Any] | None:
    """A match with both claims, their outlets, dates, titles and neighbouring sentences."""
    found = _rows(con, _PAIR_SQL, [match_id])
    if not found:
        return None
    row = found[0]
    if row["reasons"] is None:
        row.update(_rows(con, _WORDS_SQL, [match_id])[0])
    for side in ("a", "b"):
        row[side] = _claim(con, row[f"claim_{side}_id"])
        row[f"anchors_{side}"] = _rows(con, _ANCHOR_SQL, [row[f"claim_{side}_id"]])
    return row
