"""Pure: near-duplicate articles (the same wire copy with light edits) from claim matches.

Two articles of different sources are copies when at least ``min_share`` of the shorter
one's claims have a same-language match with ``token >= min_token`` in the other. Copies
count as one origin when claims are rolled up.
"""

from __future__ import annotations

import polars as pl


def find_copies(
    matches: pl.DataFrame,
    claims_per_article: pl.DataFrame,
    *,
    min_token: float = 90.0,
    min_share: float = 0.5,
) -> pl.DataFrame:
    """Article pairs ``(article_a_id, article_b_id, shared_claims, share)`` that are copies.

    Args:
        matches: ``claim_a, claim_b, article_a, article_b, token, same_language`` rows.
        claims_per_article: ``article_id, claims``.
    """
    near = matches.filter(pl.col("same_language") & (pl.col("token") >= min_token))
    counted = (
        near.with_columns(
            first=pl.min_horizontal("article_a", "article_b"),
            second=pl.max_horizontal("article_a", "article_b"),
        )
        .group_by("first", "second")
        .agg(
            shared_a=pl.col("claim_a").n_unique(),
            shared_b=pl.col("claim_b").n_unique(),
        )
        .with_columns(shared_claims=pl.min_horizontal("shared_a", "shared_b"))
    )
    sizes = claims_per_article.select("article_id", "claims")
    return (
        counted.join(sizes.rename({"article_id": "first", "claims": "n_first"}), on="first")
        .join(sizes.rename({"article_id": "second", "claims": "n_second"}), on="second")
        .with_columns(share=pl.col("shared_claims") / pl.min_horizontal("n_first", "n_second"))
        .filter((pl.col("share") >= min_share) & (pl.col("shared_claims") >= 2))
        .select(
            article_a_id="first",
            article_b_id="second",
            shared_claims="shared_claims",
            share="share",
        )
    )
