"""Numbers for the overview page: review progress, and the claims reviewers found in conflict."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from workbench.review.claims import statuses as all_statuses
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
