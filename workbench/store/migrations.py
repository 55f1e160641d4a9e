"""Numbered schema migrations, applied in order at open and recorded in ``_migrations``.

Never edit a released migration: add the next number. Later issues add matches and verdicts.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "articles, claims, anchors",
        """
        CREATE TABLE articles (
            article_id   VARCHAR PRIMARY KEY,
            article_ref  VARCHAR NOT NULL,
            source       VARCHAR NOT NULL,
            url          VARCHAR,
            title        VARCHAR,
            published    DATE,
            language     VARCHAR NOT NULL,
            origin_chain VARCHAR[] NOT NULL,
            text         VARCHAR NOT NULL,
            input_path   VARCHAR NOT NULL,
            ingested_at  TIMESTAMP NOT NULL
        );
        CREATE TABLE claims (
            claim_id    VARCHAR PRIMARY KEY,
            article_id  VARCHAR NOT NULL,
            position    INTEGER NOT NULL,
            field       VARCHAR NOT NULL,
            char_start  INTEGER NOT NULL,
            char_end    INTEGER NOT NULL,
            text        VARCHAR NOT NULL,
            norm_text   VARCHAR NOT NULL,
            language    VARCHAR NOT NULL
        );
        CREATE INDEX claims_article ON claims (article_id);
        CREATE TABLE anchors (
            claim_id    VARCHAR NOT NULL,
            kind        VARCHAR NOT NULL,
            text        VARCHAR NOT NULL,
            value       VARCHAR NOT NULL,
            char_start  INTEGER NOT NULL,
            char_end    INTEGER NOT NULL,
            detail      VARCHAR NOT NULL
        );
        CREATE INDEX anchors_claim ON anchors (claim_id);
        """,
    ),
]
