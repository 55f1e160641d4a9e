"""Reads and writes of the linker: claim keys, matches, article copies, link runs."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import polars as pl

from workbench.store.db import Connection, query_frame, transaction

CLAIM_COLUMNS = "c.claim_id, c.article_id, a.source, c.language, a.published, c.text, c.norm_text"


def unkeyed_claims(con: Connection, *, every: bool = False) -> pl.DataFrame:
    """Claims the linker has not keyed yet (``every``: all claims), with what features need."""
    where = "" if every else "WHERE c.claim_id NOT IN (SELECT claim_id FROM keyed_claims) "
    return query_frame(
        con,
        f"SELECT {CLAIM_COLUMNS} FROM claims c JOIN articles a USING (article_id) "  # noqa: S608
        f"{where}ORDER BY c.claim_id",
    )


def claim_rows(con: Connection, ids: pl.Series) -> pl.DataFrame:
    """The same columns for the given claims."""
    con.register("_wanted", pl.DataFrame({"claim_id": ids}))
    try:
        return query_frame(
            con,
            f"SELECT {CLAIM_COLUMNS} FROM claims c JOIN articles a USING (article_id) "  # noqa: S608
            "JOIN _wanted w ON w.claim_id = c.claim_id ORDER BY c.claim_id",
        )
    finally:
        con.unregister("_wanted")


def anchor_rows(con: Connection, ids: pl.Series) -> pl.DataFrame:
    """Anchors of the given claims."""
    con.register("_wanted", pl.DataFrame({"claim_id": ids}))
    try:
        return query_frame(
            con,
            "SELECT x.claim_id, x.kind, x.text, x.value, x.char_end FROM anchors x "
            "JOIN _wanted w ON w.claim_id = x.claim_id ORDER BY x.claim_id, x.char_start",
        )
    finally:
        con.unregister("_wanted")


def stored_keys(con: Connection) -> pl.DataFrame:
    """Every stored ``claim_id, key``."""
    return query_frame(con, "SELECT claim_id, key FROM claim_keys")


def claim_meta(con: Connection) -> pl.DataFrame:
    """``claim_id, article_id, source, published`` of every claim."""
    return query_frame(
        con,
        "SELECT c.claim_id, c.article_id, a.source, a.published "
        "FROM claims c JOIN articles a USING (article_id)",
    )


def copy_inputs(con: Connection) -> pl.DataFrame:
    """Stored matches with what copy detection needs."""
    return query_frame(
        con,
        """
        SELECT m.claim_a_id AS claim_a, m.claim_b_id AS claim_b, ca.article_id AS article_a,
               cb.article_id AS article_b, m.token, ca.language = cb.language AS same_language
        FROM matches m JOIN claims ca ON ca.claim_id = m.claim_a_id
        JOIN claims cb ON cb.claim_id = m.claim_b_id
        """,
    )


def claims_per_article(con: Connection) -> pl.DataFrame:
    """``article_id, claims``."""
    return query_frame(con, "SELECT article_id, count(*) AS claims FROM claims GROUP BY article_id")


def _insert(con: Connection, table: str, frame: pl.DataFrame, *, replace: bool = False) -> None:
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    con.register("_rows", frame)
    try:
        columns = ", ".join(frame.columns)
        con.execute(f"{verb} INTO {table} ({columns}) SELECT {columns} FROM _rows")  # noqa: S608
    finally:
        with contextlib.suppress(duckdb.Error):  # after a failed insert: keep the first error
            con.unregister("_rows")


#: The linker's own output (machine suggestions); verdicts live elsewhere and are never touched.
_MACHINE_TABLES = ("claim_keys", "keyed_claims", "matches", "article_copies")


class LinkWriter:
    """Writes of one link run, all inside one open transaction (see :func:`link_transaction`).

    Table and column names come from the frames the linker builds, never from input.
    """

    def __init__(self, con: Connection) -> None:
        self._con = con

    def forget(self) -> None:
        """Drop the stored keys, matches and copies: the first write of a rebuild, inside
        its one transaction, so the old output stays readable until the new one commits."""
        for table in _MACHINE_TABLES:
            self._con.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)

    def keys(self, keys: pl.DataFrame, keyed: pl.DataFrame) -> None:
        """New claims' blocking keys, and the claims marked as keyed."""
        _insert(self._con, "claim_keys", keys)
        _insert(self._con, "keyed_claims", keyed)

    def matches(self, matches: pl.DataFrame) -> None:
        """A slice of matches (insert or replace by match id)."""
        _insert(self._con, "matches", matches, replace=True)

    def copies(self, copies: pl.DataFrame) -> None:
        """Replace the article copies."""
        self._con.execute("DELETE FROM article_copies")
        _insert(self._con, "article_copies", copies)

    def run(self, run: pl.DataFrame) -> None:
        """The run's record."""
        _insert(self._con, "link_runs", run)


@contextmanager
def link_transaction(con: Connection) -> Iterator[LinkWriter]:
    """One transaction for a whole link run: a killed run leaves nothing half-done."""
    with transaction(con):
        yield LinkWriter(con)


def matches_export(con: Connection, *, limit: int | None = None) -> pl.DataFrame:
    """Matches with both claims' sources, languages and texts, best first."""
    return query_frame(
        con,
        """
        SELECT m.match_id, m.claim_a_id, m.claim_b_id, aa.source AS source_a, ab.source AS source_b,
               ca.language AS language_a, cb.language AS language_b, ca.text AS text_a,
               cb.text AS text_b, m.score, m.suggestion,
               array_to_string(m.agrees, '; ') AS agrees,
               array_to_string(m.differs, '; ') AS differs,
               m.token, m.name, m.concept, m.anchor, m.attribution, m.semantic, m.latent,
               m.model, ca.article_id AS article_a_id, cb.article_id AS article_b_id,
               coalesce(m.reasons, []) AS reasons
        FROM matches m
        JOIN claims ca ON ca.claim_id = m.claim_a_id
        JOIN articles aa ON aa.article_id = ca.article_id
        JOIN claims cb ON cb.claim_id = m.claim_b_id
        JOIN articles ab ON ab.article_id = cb.article_id
        ORDER BY m.score DESC, m.match_id
        LIMIT ?
        """,
        [limit],
    )


def matches_by_model(con: Connection) -> pl.DataFrame:
    """``model, matches``: how many of the stored matches each scoring model scored."""
    return query_frame(
        con,
        "SELECT coalesce(model, '') AS model, count(*) AS matches FROM matches "
        "GROUP BY ALL ORDER BY matches DESC, model",
    )


def link_totals(con: Connection) -> dict[str, int]:
    """Counts of matches by suggestion, and of copies."""
    rows = con.execute("SELECT suggestion, count(*) FROM matches GROUP BY suggestion").fetchall()
    totals = {str(s): int(n) for s, n in rows}
    copies = con.execute("SELECT count(*) FROM article_copies").fetchone()
    totals["copies"] = int(copies[0]) if copies else 0
    return totals
