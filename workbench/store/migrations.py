"""Numbered schema migrations, applied in order at open and recorded in ``_migrations``.

Never edit a released migration: add the next number.
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
    (
        2,
        "claim keys, matches, article copies, link runs",
        """
        CREATE TABLE claim_keys (
            claim_id VARCHAR NOT NULL,
            key      VARCHAR NOT NULL
        );
        CREATE TABLE keyed_claims (
            claim_id VARCHAR PRIMARY KEY,
            keyed_at TIMESTAMP NOT NULL
        );
        CREATE TABLE matches (
            match_id    VARCHAR PRIMARY KEY,
            claim_a_id  VARCHAR NOT NULL,
            claim_b_id  VARCHAR NOT NULL,
            score       DOUBLE NOT NULL,
            token       DOUBLE,
            name        DOUBLE,
            concept     DOUBLE,
            anchor      DOUBLE,
            attribution DOUBLE,
            suggestion  VARCHAR NOT NULL,
            agrees      VARCHAR[] NOT NULL,
            differs     VARCHAR[] NOT NULL,
            linked_at   TIMESTAMP NOT NULL
        );
        CREATE INDEX matches_a ON matches (claim_a_id);
        CREATE INDEX matches_b ON matches (claim_b_id);
        CREATE TABLE article_copies (
            article_a_id  VARCHAR NOT NULL,
            article_b_id  VARCHAR NOT NULL,
            shared_claims INTEGER NOT NULL,
            share         DOUBLE NOT NULL,
            PRIMARY KEY (article_a_id, article_b_id)
        );
        CREATE TABLE link_runs (
            started_at  TIMESTAMP NOT NULL,
            seconds     DOUBLE NOT NULL,
            new_claims  INTEGER NOT NULL,
            candidates  INTEGER NOT NULL,
            matches     INTEGER NOT NULL,
            settings    VARCHAR NOT NULL
        );
        """,
    ),
    (
        3,
        "verdicts (append-only log), current verdicts, review leases",
        """
        CREATE TABLE verdicts (
            verdict_id  VARCHAR PRIMARY KEY,
            match_id    VARCHAR NOT NULL,
            claim_a_id  VARCHAR NOT NULL,
            claim_b_id  VARCHAR NOT NULL,
            verdict     VARCHAR NOT NULL,
            reviewer    VARCHAR NOT NULL,
            note        VARCHAR NOT NULL,
            decided_at  TIMESTAMP NOT NULL,
            retracts    VARCHAR,
            role        VARCHAR NOT NULL
        );
        CREATE INDEX verdicts_match ON verdicts (match_id);
        CREATE VIEW current_verdicts AS
        SELECT * EXCLUDE (latest) FROM (
            SELECT v.*, row_number() OVER (
                PARTITION BY v.match_id, v.reviewer ORDER BY v.decided_at DESC, v.verdict_id DESC
            ) AS latest
            FROM verdicts v
            WHERE v.verdict <> 'retract'
              AND v.verdict_id NOT IN (
                  SELECT retracts FROM verdicts WHERE retracts IS NOT NULL
              )
        ) WHERE latest = 1;
        CREATE TABLE review_leases (
            match_id    VARCHAR PRIMARY KEY,
            reviewer    VARCHAR NOT NULL,
            expires_at  TIMESTAMP NOT NULL
        );
        """,
    ),
    (
        4,
        "review items: the queue's columns of each match, one table",
        """
        CREATE TABLE review_items (
            match_id    VARCHAR PRIMARY KEY,
            score       DOUBLE NOT NULL,
            suggestion  VARCHAR NOT NULL,
            languages   VARCHAR NOT NULL,
            source_a    VARCHAR NOT NULL,
            source_b    VARCHAR NOT NULL
        );
        CREATE TABLE review_sync (
            matches     BIGINT NOT NULL,
            linked_at   TIMESTAMP
        );
        """,
    ),
    (
        5,
        "claim vectors (computed once per claim), semantic signals and the scoring model",
        """
        CREATE TABLE claim_vectors (
            claim_id    VARCHAR PRIMARY KEY,
            model       VARCHAR NOT NULL,
            dense       FLOAT[384] NOT NULL,
            terms       INTEGER[] NOT NULL,
            weights     FLOAT[] NOT NULL,
            embedded_at TIMESTAMP NOT NULL
        );
        ALTER TABLE matches ADD COLUMN semantic DOUBLE;
        ALTER TABLE matches ADD COLUMN latent DOUBLE;
        ALTER TABLE matches ADD COLUMN model VARCHAR;
        """,
    ),
    (
        6,
        "explanations as typed records: a list of reasons beside each match",
        """
        ALTER TABLE matches ADD COLUMN reasons STRUCT(
            kind VARCHAR, differs BOOLEAN, a VARCHAR[], b VARCHAR[], a_value VARCHAR[],
            b_value VARCHAR[], about VARCHAR, near BOOLEAN,
            spans_a STRUCT(start INTEGER, "end" INTEGER)[],
            spans_b STRUCT(start INTEGER, "end" INTEGER)[]
        )[];
        """,
    ),
    (
        7,
        "scoring models re-fitted from the desk's verdicts, and the one in use",
        """
        CREATE TABLE scoring_models (
            name        VARCHAR PRIMARY KEY,
            created_at  TIMESTAMP NOT NULL,
            model       VARCHAR NOT NULL,
            figures     VARCHAR NOT NULL,
            in_use      BOOLEAN NOT NULL
        );
        """,
    ),
]
