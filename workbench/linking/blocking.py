"""Pure: candidate pairs from an inverted index of claim keys, never all pairs.

Every claim has keys (cross-script name skeletons, lexicon concepts, numbers, ISO days, rare
tokens). Claims that share keys become candidates when they come from different sources,
share enough keys, and fall inside the time window. Keys held by too many claims say nothing
and are dropped (document-frequency limit), as are keys of one source only; the rest weigh
``ln(N / df)``. Each claim takes part with its ``keys_per_family`` rarest keys of each key
family, and keeps its strongest ``max_candidates`` partners.
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
    keys_per_family: int = 4
    prefix_from: int = 20_000
    min_shared_keys: int = 2
    max_candidates: int = 20
    window_days: int = 60


def key_weights(keys: pl.DataFrame, meta: pl.DataFrame, settings: BlockingSettings) -> pl.DataFrame:
    """Keys that can pair claims of different sources and pass the document-frequency
    limit, with their weight ``ln(N / df)``. A key held by one source only pairs nothing."""
    n_claims = meta.height
    limit = max(settings.max_key_df, int(settings.max_key_df_share * n_claims))
    return (
        keys.join(meta.select("claim_id", "source"), on="claim_id")
        .group_by("key")
        .agg(df=pl.len(), sources=pl.col("source").n_unique())
        .filter((pl.col("sources") >= 2) & (pl.col("df") <= limit))
        .with_columns(weight=(pl.lit(max(n_claims, 2)) / pl.col("df")).log())
    )


def rarest_keys(keys: pl.DataFrame, weights: pl.DataFrame, per_family: int) -> pl.DataFrame:
    """Each claim's ``per_family`` rarest usable keys of each family (prefix filtering).

    Families are the key prefixes: names, concepts, numbers, days, tokens. Rare keys find
    the partners that matter and keep the join bounded (claims x families x per_family x
    max df); taking them per family keeps the cross-language ones (concepts, names, days),
    which are commoner than a language's rare words.
    """
    return (
        keys.join(weights.select("key", "df", "weight"), on="key")
        .with_columns(family=pl.col("key").str.slice(0, 1))
        .sort("claim_id", "family", "df", "key")  # ties broken by the key: the same in any run
        .filter(pl.int_range(pl.len()).over("claim_id", "family") < per_family)
        .select("claim_id", "key", "weight")
    )


def candidate_pairs(
    keys: pl.DataFrame,
    meta: pl.DataFrame,
    settings: BlockingSettings,
    *,
    new_ids: pl.Series | None = None,
    chunk: int = 20_000,
) -> pl.DataFrame:
    """Cross-source candidate pairs ``(claim_a, claim_b, shared, weight)`` with claim_a < claim_b.

    The self-join runs on integer ids, ``chunk`` claims at a time: each chunk finds all the
    partners of its claims and keeps their strongest ``max_candidates``, so memory stays
    bounded however many claims there are.

    Args:
        keys: ``claim_id, key`` for every claim in the database.
        meta: ``claim_id, article_id, source, published`` for the same claims.
        settings: limits and window.
        new_ids: when given, only pairs with at least one of these claims (incremental link).
        chunk: claims joined at a time.
    """
    numbered = meta.sort("claim_id").select(  # integer ids in claim-id order: stable ties
        "claim_id",
        cid=pl.int_range(pl.len(), dtype=pl.UInt32),
        src=pl.col("source").rank("dense").cast(pl.UInt32),
        day=pl.col("published").cast(pl.Date).cast(pl.Int32),
    )
    weights = key_weights(keys, meta, settings)
    # Prefix filtering bounds the join at scale; on a small corpus it would only pick among
    # near-equal document frequencies at random, so every usable key takes part there.
    per_family = settings.keys_per_family if meta.height >= settings.prefix_from else 10**6
    indexed = (
        rarest_keys(keys, weights, per_family)
        .with_columns(kid=pl.col("key").rank("dense").cast(pl.UInt32))
        .join(numbered, on="claim_id")
        .select("cid", "kid", "src", "day", weight=pl.col("weight").cast(pl.Float64))
    )
    left_ids = (
        numbered["cid"]
        if new_ids is None
        else numbered.filter(pl.col("claim_id").is_in(new_ids))["cid"]
    )
    parts = [
        _partners(indexed, left_ids[start : start + chunk], settings)
        for start in range(0, left_ids.len(), chunk)
    ]
    found = pl.concat(parts) if parts else pl.DataFrame(schema=_PAIR_SCHEMA)
    names = numbered.select("cid", "claim_id")
    return (
        found.unique(["a", "b"])
        .join(names.rename({"cid": "a", "claim_id": "claim_a"}), on="a")
        .join(names.rename({"cid": "b", "claim_id": "claim_b"}), on="b")
        .select(
            claim_a=pl.min_horizontal("claim_a", "claim_b"),
            claim_b=pl.max_horizontal("claim_a", "claim_b"),
            shared="shared",
            weight="weight",
        )
    )


_PAIR_SCHEMA = pl.Schema(
    {"a": pl.UInt32(), "b": pl.UInt32(), "shared": pl.UInt32(), "weight": pl.Float64()}
)


def _partners(
    indexed: pl.DataFrame, left_ids: pl.Series, settings: BlockingSettings
) -> pl.DataFrame:
    """All cross-source partners of the ``left_ids`` claims; each keeps its strongest ones."""
    gap = (pl.col("day") - pl.col("day_b")).abs()
    pairs = (
        indexed.filter(pl.col("cid").is_in(left_ids))
        .join(indexed, on="kid", suffix="_b")
        .filter(
            (pl.col("src") != pl.col("src_b")) & (gap.is_null() | (gap <= settings.window_days))
        )
        .group_by("cid", "cid_b")
        # Rounded: a float sum may differ in its last bits with the order threads add it in.
        .agg(shared=pl.len().cast(pl.UInt32), weight=pl.col("weight").sum().round(6))
        .filter(pl.col("shared") >= settings.min_shared_keys)
        .sort("cid", "weight", "cid_b", descending=[False, True, False])
        .filter(pl.int_range(pl.len()).over("cid") < settings.max_candidates)
    )
    return pairs.select(
        a=pl.min_horizontal("cid", "cid_b"),
        b=pl.max_horizontal("cid", "cid_b"),
        shared="shared",
        weight="weight",
    )


def strongest(pairs: pl.DataFrame, per_claim: int, column: str = "weight") -> pl.DataFrame:
    """Pairs in the top ``per_claim`` (by ``column``) of either of their two claims."""
    directed = pl.concat(
        [
            pairs.select(claim="claim_a", other="claim_b", value=column),
            pairs.select(claim="claim_b", other="claim_a", value=column),
        ]
    )
    kept = (
        directed.sort("claim", "value", "other", descending=[False, True, False])
        .filter(pl.int_range(pl.len()).over("claim") < per_claim)
        .select(
            claim_a=pl.min_horizontal("claim", "other"), claim_b=pl.max_horizontal("claim", "other")
        )
        .unique()
    )
    return pairs.join(kept, on=["claim_a", "claim_b"], how="semi")
