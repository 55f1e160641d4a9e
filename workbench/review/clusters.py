"""Clusters: claims that corroborate each other across three or more outlets."""

from __future__ import annotations

import polars as pl

from workbench.review.status import consensus


def corroboration_clusters(judged: pl.DataFrame, *, min_sources: int = 3) -> pl.DataFrame:
    """Connected groups of claims joined by corroborating pairs, spanning ``min_sources``+
    outlets.

    Args:
        judged: current verdicts with ``match_id, claim_a_id, claim_b_id, source_a,
            source_b, verdict, role, decided_at``.

    Returns:
        ``cluster, claim_id`` (one row per member). ``cluster`` is the smallest claim id of
        the group, so it is the same in any run.
    """
    schema = {"cluster": pl.String(), "claim_id": pl.String()}
    if judged.is_empty():
        return pl.DataFrame(schema=schema)
    edges = consensus(judged).filter(pl.col("verdict") == "corroborates")
    parent: dict[str, str] = {}

    def find(item: str) -> str:
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    source: dict[str, str] = {}
    for a, b, sa, sb in edges.select(
        "claim_a_id", "claim_b_id", "source_a", "source_b"
    ).iter_rows():
        source[a], source[b] = sa, sb
        ra, rb = sorted((find(a), find(b)))
        parent[rb] = ra
    members = pl.DataFrame(
        [(find(c), c, source[c]) for c in source],
        schema=["root", "claim_id", "source"],
        orient="row",
    )
    if members.is_empty():
        return pl.DataFrame(schema=schema)
    wide = members.group_by("root").agg(pl.col("source").n_unique().alias("sources"))
    keep = wide.filter(pl.col("sources") >= min_sources)["root"]
    kept = members.filter(pl.col("root").is_in(keep.implode()))
    named = kept.with_columns(cluster=pl.col("claim_id").min().over("root"))
    return named.select("cluster", "claim_id").sort("cluster", "claim_id")
