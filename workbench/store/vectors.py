"""Reads and writes of claim vectors (``claim_vectors``): computed once per claim, kept."""

from __future__ import annotations

import datetime as dt

import polars as pl

from workbench.store.db import Connection


def vector_meta(con: Connection) -> pl.DataFrame:
    """``claim_id, source, language, published, has_vector`` of every claim; ``language`` is
    the article's (an outlet's language, steadier than one sentence's)."""
    frame: pl.DataFrame = con.sql(
        "SELECT c.claim_id, a.source, a.language, a.published, "
        "v.claim_id IS NOT NULL AS has_vector "
        "FROM claims c JOIN articles a USING (article_id) "
        "LEFT JOIN claim_vectors v ON v.claim_id = c.claim_id"
    ).pl()
    return frame


def vectors(con: Connection, ids: pl.Series | None = None) -> pl.DataFrame:
    """``claim_id, dense, terms, weights`` of the given claims (all with ``None``)."""
    columns = "v.claim_id, v.dense, v.terms, v.weights"
    if ids is None:
        frame: pl.DataFrame = con.sql(
            f"SELECT {columns} FROM claim_vectors v ORDER BY v.claim_id"  # noqa: S608
        ).pl()
        return frame
    con.register("_wanted", pl.DataFrame({"claim_id": ids}))
    try:
        frame = con.sql(
            f"SELECT {columns} FROM claim_vectors v "  # noqa: S608
            "JOIN _wanted w ON w.claim_id = v.claim_id ORDER BY v.claim_id"
        ).pl()
        return frame
    finally:
        con.unregister("_wanted")


def write_vectors(con: Connection, frame: pl.DataFrame, model: str) -> int:
    """Store vectors (``claim_id, dense, terms, weights``) made by ``model``; claims that have
    one keep it. Returns the rows written."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = frame.with_columns(model=pl.lit(model), embedded_at=pl.lit(now))
    con.register("_vectors", rows)
    try:
        new = con.execute(
            "SELECT count(*) FROM _vectors "
            "WHERE claim_id NOT IN (SELECT claim_id FROM claim_vectors)"
        ).fetchall()
        con.execute(
            "INSERT INTO claim_vectors (claim_id, model, dense, terms, weights, embedded_at) "
            "SELECT claim_id, model, dense, terms, weights, embedded_at FROM _vectors "
            "WHERE claim_id NOT IN (SELECT claim_id FROM claim_vectors)"
        )
    finally:
        con.unregister("_vectors")
    return int(new[0][0])
