"""Claim status from current verdicts: corroborated, conflicted, contested or unverified.

A verdict on a pair speaks for both of its claims. ``unrelated`` and ``unsure`` verdicts
say nothing about the fact, so they leave a claim unverified.
"""

from __future__ import annotations

from enum import StrEnum

import polars as pl


class Status(StrEnum):
    """Where a claim stands after review."""

    CORROBORATED = "corroborated"  # corroborated, nothing conflicts
    CONFLICTED = "conflicted"  # conflicts only
    CONTESTED = "contested"  # both
    UNVERIFIED = "unverified"  # nothing judged either way


STATUS_SCHEMA = {
    "claim_id": pl.String(),
    "corroborates": pl.UInt32(),
    "conflicts": pl.UInt32(),
    "unrelated": pl.UInt32(),
    "unsure": pl.UInt32(),
    "status": pl.String(),
}


def claim_status(verdicts: pl.DataFrame) -> pl.DataFrame:
    """Per claim that has a current verdict: matches judged per label, and the status.

    Args:
        verdicts: current verdicts with ``match_id, claim_a_id, claim_b_id, verdict``.

    Returns:
        ``claim_id, corroborates, conflicts, unrelated, unsure, status``, one row per claim,
        each count the number of distinct matches with that label from any reviewer.
    """
    if verdicts.is_empty():
        return pl.DataFrame(schema=STATUS_SCHEMA)
    sides = pl.concat(
        [
            verdicts.select("match_id", pl.col(f"claim_{s}_id").alias("claim_id"), "verdict")
            for s in ("a", "b")
        ]
    ).unique()
    counts = sides.group_by("claim_id").agg(
        [
            (pl.col("verdict") == label).sum().cast(pl.UInt32).alias(label)
            for label in ("corroborates", "conflicts", "unrelated", "unsure")
        ]
    )
    return counts.with_columns(status=_status_expr()).sort("claim_id").select(*STATUS_SCHEMA)


def _status_expr() -> pl.Expr:
    yes, no = pl.col("corroborates") > 0, pl.col("conflicts") > 0
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
