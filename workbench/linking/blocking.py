"""Pure: candidate pairs from an inverted index of claim keys, never all pairs.

Every claim has keys (cross-script name skeletons, lexicon concepts, numbers, ISO days, rare
tokens). Claims that share keys become candidates when they come from different sources,
share enough keys, and fall inside the time window. Keys held by too many claims say nothing
and are dropped (document-frequency limit); the rest weigh ``ln(N / df)``, and each claim
takes part with its ``keys_per_claim`` rarest keys only. Each claim keeps its strongest
``max_candidates`` partners.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

KEYS_SCHEMA = pl.Schema({"claim_id": pl.String(), "key": pl.String()})
META_SCHEMA = pl.Schema(
    {
        "claim_id": pl.String(),
        "article_id": pl.String(),
        "source": pl.String(),
        "published": pl.Date(),
    }
)


@dataclass(frozen=True)
class BlockingSettings:
    """Knobs of candidate generation (see workbench.settings for defaults and help)."""

    max_key_df: int = 100
    max_key_df_share: float = 0.0002
    keys_per_claim: int = 12
    min_shared_keys: int = 2
    max_candidates: int = 20
    window_days: int = 3650


def key_weights(keys: pl.DataFrame, n_claims: int, settings: BlockingSettings) -> pl.DataFrame:
    """Keys kept by the document-frequency limit, with their weight ``ln(N / df)``."""
    limit = max(settings.max_key_df, int(settings.max_key_df_share * n_claims))
    return (
        keys.group_by("key")
        .agg(pl.len().alias("df"))
        .filter((pl.col("df") >= 2) & (pl.col("df") <= limit))
        .with_columns(weight=(pl.lit(max(n_claims, 2)) / pl.col("df")).log())
    )


def rarest_keys(keys: pl.DataFrame, weights: pl.DataFrame, per_claim: int) -> pl.DataFrame:
    """Each claim's ``per_claim`` rarest usable keys (prefix filtering): rare keys find the
    partners that matter, and the join stays bounded by claims x per_claim x max df."""
    return (
        keys.join(weights.select("key", "df", "weight"), on="key")
        .filter(pl.col("df").rank("ordinal").over("claim_id") <= per_claim)
        .select("claim_id", "key", "weight")
    )


def candidate_pairs(
    keys: pl.DataFrame,
    meta: pl.DataFrame,
    settings: BlockingSettings,
    *,
    new_ids: pl.Series | None = None,
) -> pl.DataFrame:
    """Cross-source candidate pairs ``(claim_a, claim_b, shared, weight)`` with claim_a < claim_b.

    Args:
        keys: ``claim_id, key`` for every claim in the database.
        meta: ``claim_id, article_id, source, published`` for the same claims.
        settings: limits and window.
        new_ids: when given, only pairs with at least one of these claims (incremental link).
    """
    weights = key_weights(keys, meta.height, settings)
    indexed = rarest_keys(keys, weights, settings.keys_per_claim).join(
        meta.select("claim_id", "source", pl.col("published").cast(pl.Date)), on="claim_id"
    )
    left = indexed if new_ids is None else indexed.filter(pl.col("claim_id").is_in(new_ids))
    pairs = (
        left.join(indexed, on="key", suffix="_b")
        .filter(pl.col("source") != pl.col("source_b"))
        .filter(_ordered(new_ids))
        .filter(_in_window(settings.window_days))
        .group_by("claim_id", "claim_id_b")
        .agg(shared=pl.len(), weight=pl.col("weight").sum())
        .filter(pl.col("shared") >= settings.min_shared_keys)
    )
    pairs = pairs.select(
        claim_a=pl.min_horizontal("claim_id", "claim_id_b"),
        claim_b=pl.max_horizontal("claim_id", "claim_id_b"),
        shared="shared",
        weight="weight",
    ).unique(["claim_a", "claim_b"])
    return strongest(pairs, settings.max_candidates)


def _ordered(new_ids: pl.Series | None) -> pl.Expr:
    # Each unordered pair once: a < b, except a new claim meets an old one from either side.
    if new_ids is None:
        return pl.col("claim_id") < pl.col("claim_id_b")
    both_new = pl.col("claim_id_b").is_in(new_ids)
    return ~both_new | (pl.col("claim_id") < pl.col("claim_id_b"))


def _in_window(days: int) -> pl.Expr:
    gap = (pl.col("published") - pl.col("published_b")).dt.total_days().abs()
    return gap.is_null() | (gap <= days)


def strongest(pairs: pl.DataFrame, per_claim: int, column: str = "weight") -> pl.DataFrame:
    """Pairs in the top ``per_claim`` (by ``column``) of either of their two claims."""
    directed = pl.concat(
        [
            pairs.select(claim="claim_a", other="claim_b", value=column),
            pairs.select(claim="claim_b", other="claim_a", value=column),
        ]
    )
    kept = (
        directed.filter(pl.col("value").rank("ordinal", descending=True).over("claim") <= per_claim)
        .select(
            claim_a=pl.min_horizontal("claim", "other"), claim_b=pl.max_horizontal("claim", "other")
        )
        .unique()
    )
    return pairs.join(kept, on=["claim_a", "claim_b"], how="semi")
