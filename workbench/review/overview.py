"""Numbers for the overview page: review progress, and the claims reviewers found in conflict."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from workbench.review.claims import origins
from workbench.review.claims import statuses as all_statuses
from workbench.review.clusters import corroboration_clusters
from workbench.store import Store
from workbench.store.verdicts import ReviewCounts


@dataclass(frozen=True)
class Progress:
    """How many matches carry at least one current verdict."""

    judged: int
    matches: int

    @property
    def share(self) -> float:
        return self.judged / self.matches if self.matches else 0.0

    @property
    def text(self) -> str:
        return f"{self.judged} of {self.matches} matches judged ({self.share:.0%})"


def progress(counts: ReviewCounts) -> Progress:
    """Progress from :meth:`Store.review_counts`."""
    return Progress(judged=counts.judged, matches=counts.matches)


def conflicted_claims(store: Store, *, limit: int = 200) -> pl.DataFrame:
    """Claims whose status is ``conflicted`` or ``contested``, with outlet, language and text."""
    statuses = all_statuses(store)
    hit = statuses.filter(pl.col("status").is_in(["conflicted", "contested"])).head(limit)
    if hit.is_empty():
        return pl.DataFrame(schema={"status": pl.String, "source": pl.String, "text": pl.String})
    claims = store.claims_by_ids(hit["claim_id"].to_list())
    return claims.join(
        hit.select("claim_id", "status", "conflicting_origins", "conflicting_sources"),
        on="claim_id",
    ).select("status", "conflicting_origins", "conflicting_sources", "source", "language", "text")


def cluster_table(store: Store, *, min_sources: int = 3) -> pl.DataFrame:
    """Corroborating clusters of ``min_sources``+ outlets, each cluster's claims earliest first:
    ``cluster, size, outlets, published, source, language, origin, text, claim_id``."""
    members = corroboration_clusters(store.current_verdicts(), min_sources=min_sources)
    if members.is_empty():
        return pl.DataFrame(schema={"cluster": pl.String, "source": pl.String, "text": pl.String})
    claims = store.claims_by_ids(members["claim_id"].to_list())
    groups = origins(store).select("article_id", pl.col("origin_label").alias("origin"))
    table = members.join(claims, on="claim_id").join(groups, on="article_id", how="left")
    return (
        table.with_columns(
            size=pl.len().over("cluster"),
            outlets=pl.col("source").n_unique().over("cluster"),
            first=pl.col("published").min().over("cluster"),
        )
        .sort(
            ["outlets", "first", "cluster", "published", "source"],
            descending=[True, False, False, False, False],
            nulls_last=True,
        )
        .select(
            "cluster",
            "size",
            "outlets",
            "published",
            "source",
            "language",
            "origin",
            "text",
            "claim_id",
        )
    )
