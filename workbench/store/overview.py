"""Reads for the review pages: facets for queue filters, breakdowns, a claim's links."""

from __future__ import annotations

import polars as pl

from workbench.store.db import Connection, one, query_frame

_MATCH_SIDES = """
    FROM matches m
    JOIN claims ca ON ca.claim_id = m.claim_a_id
    JOIN claims cb ON cb.claim_id = m.claim_b_id
    JOIN articles aa ON aa.article_id = ca.article_id
    JOIN articles ab ON ab.article_id = cb.article_id
"""


def match_breakdown(con: Connection) -> pl.DataFrame:
    """Matches per (language pair, suggestion), the pair written in sorted order."""
    return query_frame(
        con,
        "SELECT least(ca.language, cb.language) || '-' || greatest(ca.language, cb.language) "
        "AS languages, m.suggestion, count(*) AS matches"
        + _MATCH_SIDES
        + "GROUP BY ALL ORDER BY matches DESC, languages, m.suggestion",
    )


def match_sources(con: Connection) -> pl.DataFrame:
    """Matches per outlet (a match counts for both of its outlets)."""
    return query_frame(
        con,
        "SELECT source, count(*) AS matches FROM ("  # noqa: S608 (constant fragments only)
        "SELECT aa.source" + _MATCH_SIDES + " UNION ALL SELECT ab.source" + _MATCH_SIDES + ") "
        "GROUP BY source ORDER BY matches DESC, source",
    )


def claims_by_ids(con: Connection, ids: list[str]) -> pl.DataFrame:
    """Claims with their outlet, language and date, for a list of ids."""
    return query_frame(
        con,
        "SELECT c.claim_id, a.source, c.language, a.published, c.text, c.article_id, "
        "a.url, a.title, a.article_ref, array_to_string(a.origin_chain, ' > ') AS origin_chain "
        "FROM claims c JOIN articles a USING (article_id) WHERE list_contains(?, c.claim_id) "
        "ORDER BY a.published NULLS LAST, a.source, c.claim_id",
        [ids],
    )


def all_claim_ids(con: Connection) -> list[str]:
    """Every claim id, in order."""
    return [str(r[0]) for r in con.execute("SELECT claim_id FROM claims ORDER BY 1").fetchall()]


def claim_links(con: Connection, claim_id: str) -> pl.DataFrame:
    """Every match of one claim, with the other claim's outlet, language, date and text."""
    return query_frame(
        con,
        """
        SELECT m.match_id, m.score, m.suggestion,
               o.claim_id AS other_id, a.source AS other_source, o.language AS other_language,
               a.published AS other_published, o.text AS other_text,
               array_to_string(m.differs, '; ') AS differs
        FROM matches m
        JOIN claims o ON o.claim_id = CASE WHEN m.claim_a_id = ? THEN m.claim_b_id
                                           ELSE m.claim_a_id END
        JOIN articles a ON a.article_id = o.article_id
        WHERE m.claim_a_id = ? OR m.claim_b_id = ?
        ORDER BY m.score DESC, m.match_id
        """,
        [claim_id, claim_id, claim_id],
    )


def origin_inputs(con: Connection) -> tuple[pl.DataFrame, pl.DataFrame]:
    """What origin grouping needs: articles (``article_id, source, origin_chain, published``)
    and near-copies (``article_a_id, article_b_id``)."""
    articles = query_frame(con, "SELECT article_id, source, origin_chain, published FROM articles")
    copies = query_frame(con, "SELECT article_a_id, article_b_id FROM article_copies")
    return articles, copies


def origin_signature(con: Connection) -> tuple[object, ...]:
    """Changes whenever articles or near-copies are added: (articles, latest ingest, copies)."""
    row = one(
        con,
        "SELECT (SELECT count(*) FROM articles), (SELECT max(ingested_at) FROM articles), "
        "(SELECT count(*) FROM article_copies)",
    )
    return tuple(row or ())
