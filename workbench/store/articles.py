"""Writing articles with their claims and anchors: all of a batch in one transaction."""

from __future__ import annotations

import polars as pl

from workbench.models import Article
from workbench.store.db import Connection, transaction

ARTICLE_SCHEMA = pl.Schema(
    {
        "article_id": pl.String(),
        "article_ref": pl.String(),
        "source": pl.String(),
        "url": pl.String(),
        "title": pl.String(),
        "published": pl.Date(),
        "language": pl.String(),
        "origin_chain": pl.List(pl.String),
        "text": pl.String(),
        "input_path": pl.String(),
        "ingested_at": pl.Datetime("us"),
    }
)
CLAIM_SCHEMA = pl.Schema(
    {
        "claim_id": pl.String(),
        "article_id": pl.String(),
        "position": pl.Int32(),
        "field": pl.String(),
        "char_start": pl.Int32(),
        "char_end": pl.Int32(),
        "text": pl.String(),
        "norm_text": pl.String(),
        "language": pl.String(),
    }
)
ANCHOR_SCHEMA = pl.Schema(
    {
        "claim_id": pl.String(),
        "kind": pl.String(),
        "text": pl.String(),
        "value": pl.String(),
        "char_start": pl.Int32(),
        "char_end": pl.Int32(),
        "detail": pl.String(),
    }
)


def existing_article_ids(con: Connection, ids: list[str]) -> set[str]:
    """Which of ``ids`` are already stored."""
    if not ids:
        return set()
    rows = con.execute(
        "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
    ).fetchall()
    return {row[0] for row in rows}


def _frames(articles: list[Article]) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    article_rows = [a.model_dump(exclude={"claims"}) for a in articles]
    claims = [c for a in articles for c in a.claims]
    claim_rows = [
        {
            **c.model_dump(exclude={"anchors", "start", "end"}),
            "char_start": c.start,
            "char_end": c.end,
        }
        for c in claims
    ]
    anchor_rows = [
        {
            "claim_id": c.claim_id,
            "kind": x.kind.value,
            "text": x.text,
            "value": x.value,
            "char_start": x.start,
            "char_end": x.end,
            "detail": x.detail,
        }
        for c in claims
        for x in c.anchors
    ]
    return (
        pl.DataFrame(article_rows, schema=ARTICLE_SCHEMA),
        pl.DataFrame(claim_rows, schema=CLAIM_SCHEMA).select(list(CLAIM_SCHEMA)),
        pl.DataFrame(anchor_rows, schema=ANCHOR_SCHEMA),
    )


def write_articles(con: Connection, articles: list[Article]) -> list[str]:
    """Store the articles not already stored, in one transaction; return the new ids.

    An article already present (same id: same source and normalised text) is left as it is,
    so re-ingesting changes nothing.
    """
    seen = existing_article_ids(con, [a.article_id for a in articles])
    unique: dict[str, Article] = {}
    for article in articles:
        if article.article_id not in seen:
            unique.setdefault(article.article_id, article)
    if not unique:
        return []
    new_articles, new_claims, new_anchors = _frames(list(unique.values()))
    with transaction(con):
        for table, frame in (
            ("articles", new_articles),
            ("claims", new_claims),
            ("anchors", new_anchors),
        ):
            con.register("_batch", frame)
            con.execute(f"INSERT INTO {table} SELECT * FROM _batch")  # noqa: S608 (fixed names)
            con.unregister("_batch")
    return list(unique)
