"""Reads: typed frames for the CLI, exports and the UI. Every value is a bound parameter."""

from __future__ import annotations

import polars as pl

from workbench.store.db import Connection, one, query_frame


def totals(con: Connection) -> dict[str, int]:
    """Counts of articles, claims, anchors and sources."""
    row = one(
        con,
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM claims), "
        "(SELECT count(*) FROM anchors), (SELECT count(DISTINCT source) FROM articles)",
    )
    assert row is not None
    return dict(zip(("articles", "claims", "anchors", "sources"), map(int, row), strict=True))


def status_by_source(con: Connection) -> pl.DataFrame:
    """Articles and claims per source and language."""
    return query_frame(
        con,
        """
        SELECT a.source, a.language, count(DISTINCT a.article_id) AS articles,
               count(c.claim_id) AS claims
        FROM articles a LEFT JOIN claims c USING (article_id)
        GROUP BY a.source, a.language ORDER BY articles DESC, a.source, a.language
        """,
    )


def articles(con: Connection, *, limit: int | None = 1000) -> pl.DataFrame:
    """Articles without their text, newest ingest first."""
    return query_frame(
        con,
        """
        SELECT a.article_id, a.article_ref, a.source, a.language, a.published, a.title,
               array_to_string(a.origin_chain, ' > ') AS origin_chain,
               (SELECT count(*) FROM claims c WHERE c.article_id = a.article_id) AS claims,
               a.ingested_at, a.input_path
        FROM articles a ORDER BY a.ingested_at DESC, a.article_ref LIMIT ?
        """,
        [limit],
    )


def article_text(con: Connection, article_id: str) -> dict[str, object] | None:
    """One article's stored fields, text included, or ``None``."""
    frame = query_frame(con, "SELECT * FROM articles WHERE article_id = ?", [article_id])
    return frame.row(0, named=True) if frame.height else None


# (column, anchor kind, what to show): a fixed allow-list, never input.
_ANCHOR_COLUMNS = (
    ("dates", "date", "value"),
    ("numbers", "number", "value"),
    ("names", "name", "text"),
    ("titles", "title", "value"),
    ("weekdays", "weekday", "value"),
    ("attributions", "attribution", "text"),
)
_ANCHORS_AS_TEXT = "SELECT claim_id, {} FROM anchors GROUP BY claim_id".format(  # noqa: S608
    ", ".join(
        f"string_agg(CASE WHEN kind = '{kind}' THEN {shown} END, '; ' ORDER BY char_start) AS {col}"
        for col, kind, shown in _ANCHOR_COLUMNS
    )
)


def claims(
    con: Connection,
    *,
    article_id: str | None = None,
    search: str | None = None,
    limit: int | None = None,
) -> pl.DataFrame:
    """Claims with their article's fields and anchors as readable text.

    Args:
        article_id: only this article's claims.
        search: a substring of the claim's normalised text (already normalised by the caller).
        limit: at most this many rows.
    """
    return query_frame(
        con,
        f"""
        SELECT c.claim_id, c.article_id, a.article_ref, a.source, c.language, a.published,
               c.position, c.text, x.dates, x.numbers, x.names, x.titles, x.weekdays,
               x.attributions, c.field, c.char_start, c.char_end
        FROM claims c JOIN articles a USING (article_id)
        LEFT JOIN ({_ANCHORS_AS_TEXT}) x USING (claim_id)
        WHERE (? IS NULL OR c.article_id = ?)
          AND (? IS NULL OR contains(c.norm_text, ?))
        ORDER BY a.source, a.article_ref, c.position
        LIMIT ?
        """,  # noqa: S608 (a constant subquery, no input)
        [article_id, article_id, search, search, limit],
    )


def anchors(con: Connection, claim_id: str) -> pl.DataFrame:
    """A claim's anchors in order."""
    return query_frame(
        con,
        "SELECT kind, text, value, detail, char_start, char_end FROM anchors "
        "WHERE claim_id = ? ORDER BY char_start, kind",
        [claim_id],
    )
