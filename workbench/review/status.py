"""Claim status from current verdicts, counting only independent origins.

A verdict on a pair speaks for both of its claims. Per pair, the labels that count are an
adjudicator's latest verdict where there is one, else every reviewer's current verdict (so
reviewers who disagree leave the pair both corroborating and conflicting until adjudicated).
For a claim, a corroborating or conflicting pair counts once per **origin** of the other
claim's article (see :mod:`workbench.review.origins`), and never when the other article is
of the claim's own origin: a copy of a wire story does not corroborate the wire.

- ``corroborated``: at least one independent origin corroborates, none conflicts;
- ``conflicted``: conflicts only;
- ``contested``: both;
- ``unverified``: nothing judged either way (``unrelated`` and ``unsure`` say nothing about
  the fact, and same-origin verdicts do not count).
"""

from __future__ import annotations

from enum import StrEnum

import polars as pl

from workbench.store import Store


class Status(StrEnum):
    """Where a claim stands after review."""

    CORROBORATED = "corroborated"
    CONFLICTED = "conflicted"
    CONTESTED = "contested"
    UNVERIFIED = "unverified"


LABELS = ("corroborates", "conflicts", "unrelated", "unsure")

STATUS_SCHEMA = {
    "claim_id": pl.String(),
    "status": pl.String(),
    "corroborating_origins": pl.UInt32(),
    "conflicting_origins": pl.UInt32(),
    "same_origin_links": pl.UInt32(),
    "corroborating_sources": pl.String(),
    "conflicting_sources": pl.String(),
    **{label: pl.UInt32() for label in LABELS},
}


def consensus(judged: pl.DataFrame) -> pl.DataFrame:
    """Per match, the labels that count: the latest adjudicator verdict, else all reviewers'.

    Args:
        judged: current verdicts with ``match_id, verdict, role, decided_at`` and any other
            per-match columns (claim and article ids), which are kept.
    """
    adjudicated = (
        judged.filter(pl.col("role") == "adjudicator")
        .sort("decided_at")
        .group_by("match_id", maintain_order=True)
        .last()
    )
    rest = judged.filter(~pl.col("match_id").is_in(adjudicated["match_id"].implode()))
    return pl.concat([adjudicated.select(judged.columns), rest]).unique(
        ["match_id", "verdict"], keep="first"
    )


def _sides(labels: pl.DataFrame, origins: pl.DataFrame | None) -> pl.DataFrame:
    """One row per (claim, match, label) with the claim's and the other side's origins."""
    frames = []
    for side, other in (("a", "b"), ("b", "a")):
        frames.append(
            labels.select(
                "match_id",
                "verdict",
                pl.col(f"claim_{side}_id").alias("claim_id"),
                pl.col(f"article_{side}_id").alias("article"),
                pl.col(f"article_{other}_id").alias("other_article"),
                pl.col(f"source_{other}").alias("other_source"),
            )
        )
    sides = pl.concat(frames)
    if origins is None:
        return sides.with_columns(origin=pl.col("article"), other_origin=pl.col("other_article"))
    lookup = origins.select("article_id", "origin")
    return (
        sides.join(lookup.rename({"article_id": "article"}), on="article", how="left")
        .join(
            lookup.rename({"article_id": "other_article", "origin": "other_origin"}),
            on="other_article",
            how="left",
        )
        .with_columns(
            origin=pl.col("origin").fill_null(pl.col("article")),
            other_origin=pl.col("other_origin").fill_null(pl.col("other_article")),
        )
    )


def claim_status(judged: pl.DataFrame, origins: pl.DataFrame | None = None) -> pl.DataFrame:
    """Per claim with a current verdict: its status and the counts behind it.

    Args:
        judged: current verdicts with ``match_id, claim_a_id, claim_b_id, article_a_id,
            article_b_id, source_a, source_b, verdict, role, decided_at``.
        origins: ``article_id, origin`` (from :func:`origin_groups`); without it each
            article is its own origin.

    Returns:
        ``claim_id, status, corroborating_origins, conflicting_origins, same_origin_links,
        corroborating_sources, conflicting_sources`` and the matches per label.
    """
    if judged.is_empty():
        return pl.DataFrame(schema=STATUS_SCHEMA)
    sides = _sides(consensus(judged), origins)
    independent = pl.col("origin") != pl.col("other_origin")
    per_label = [
        pl.col("match_id")
        .filter(pl.col("verdict") == label)
        .n_unique()
        .cast(pl.UInt32)
        .alias(label)
        for label in LABELS
    ]
    same = (~independent).sum().cast(pl.UInt32).alias("same_origin_links")
    counts = sides.group_by("claim_id").agg(*_origin_counts(independent), same, *per_label)
    return counts.with_columns(status=_status_expr()).sort("claim_id").select(*STATUS_SCHEMA)


def _origin_counts(independent: pl.Expr) -> list[pl.Expr]:
    exprs = []
    for label, name in (("corroborates", "corroborating"), ("conflicts", "conflicting")):
        keep = independent & (pl.col("verdict") == label)
        exprs.append(
            pl.col("other_origin").filter(keep).n_unique().cast(pl.UInt32).alias(f"{name}_origins")
        )
        exprs.append(
            pl.col("other_source")
            .filter(keep)
            .unique()
            .sort()
            .str.join("; ")
            .alias(f"{name}_sources")
        )
    return exprs


def _status_expr() -> pl.Expr:
    yes, no = pl.col("corroborating_origins") > 0, pl.col("conflicting_origins") > 0
    return (
        pl.when(yes & no)
        .then(pl.lit(Status.CONTESTED.value))
        .when(yes)
        .then(pl.lit(Status.CORROBORATED.value))
        .when(no)
        .then(pl.lit(Status.CONFLICTED.value))
        .otherwise(pl.lit(Status.UNVERIFIED.value))
    )


def status_of(claim_ids: list[str], statuses: pl.DataFrame) -> dict[str, str]:
    """Each claim's status, ``unverified`` for claims without verdicts."""
    known = dict(zip(statuses["claim_id"], statuses["status"], strict=True))
    return {c: known.get(c, Status.UNVERIFIED.value) for c in claim_ids}


#: Verdicts that say both claims state one fact.
SAME_FACT = ("corroborates", "conflicts")


def verdict_labels(store: Store) -> pl.DataFrame:
    """``claim_a, claim_b, label`` from the current verdicts, for re-fitting the scorer:
    ``corroborates`` and ``conflicts`` say the two claims state one fact (1), ``unrelated``
    that they do not (0); ``unsure`` says nothing; pairs whose reviewers disagree, with no
    adjudicator settling it (:func:`consensus`), are left out."""
    judged = store.current_verdicts().filter(pl.col("verdict") != "unsure")
    counted = consensus(judged).with_columns(label=pl.col("verdict").is_in(SAME_FACT).cast(pl.Int8))
    agreed = counted.group_by("claim_a_id", "claim_b_id").agg(labels=pl.col("label").unique())
    return (
        agreed.filter(pl.col("labels").list.len() == 1)
        .select(
            claim_a=pl.min_horizontal("claim_a_id", "claim_b_id"),
            claim_b=pl.max_horizontal("claim_a_id", "claim_b_id"),
            label=pl.col("labels").list.first(),
        )
        .sort("claim_a", "claim_b")
    )
