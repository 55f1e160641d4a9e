"""Adjudication: pairs whose reviewers disagree, and an adjudicator's final verdict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

import polars as pl

from workbench.models import Label, VerdictIn
from workbench.review.identity import adjudication_refused
from workbench.review.session import utc_now
from workbench.store import Store


class NotAllowed(ValueError):
    """An adjudication the desk's rules refuse (said in words)."""


@dataclass(frozen=True)
class Disagreement:
    """A pair two or more reviewers judged differently, and what each said."""

    match_id: str
    verdicts: dict[str, tuple[str, str]]  # reviewer -> (verdict, note)
    adjudicated: str | None  # the adjudicator's current verdict, if any


def disagreements(store: Store, *, include_adjudicated: bool = False) -> list[Disagreement]:
    """Pairs whose reviewers' current verdicts differ, by match id; adjudicated ones only
    when asked."""
    current = store.current_verdicts()
    reviewers = current.filter(pl.col("role") == "reviewer")
    split = (
        reviewers.group_by("match_id")
        .agg(pl.col("verdict").n_unique().alias("labels"))
        .filter(pl.col("labels") > 1)["match_id"]
        .sort()
        .to_list()
    )
    final = (
        current.filter(pl.col("role") == "adjudicator")
        .sort("decided_at")
        .group_by("match_id")
        .agg(pl.col("verdict").last())
    )
    settled = dict(zip(final["match_id"], final["verdict"], strict=True))
    found = []
    for match_id in split:
        if match_id in settled and not include_adjudicated:
            continue
        rows = reviewers.filter(pl.col("match_id") == match_id).sort("reviewer")
        verdicts = {r["reviewer"]: (r["verdict"], r["note"]) for r in rows.to_dicts()}
        found.append(Disagreement(match_id, verdicts, settled.get(match_id)))
    return found


def adjudicate(
    store: Store,
    adjudicator: str,
    match_id: str,
    label: Label | str,
    note: str = "",
    *,
    adjudicators: Collection[str] = (),
    decided_at: dt.datetime | None = None,
) -> str:
    """Record the adjudicator's final verdict on a pair (``role = adjudicator``); its id.

    Claim status follows the adjudicator's latest verdict on a pair over the reviewers'.

    Raises:
        NotAllowed: ``adjudicator`` gave a current verdict on this pair as a reviewer, or
            ``adjudicators`` names the desk's adjudicators and not them.
    """
    current = store.current_verdicts(match_ids=[match_id])
    judged_by = current.filter(pl.col("role") == "reviewer")["reviewer"].to_list()
    refused = adjudication_refused(adjudicator, judged_by, adjudicators)
    if refused:
        raise NotAllowed(refused)
    verdict = VerdictIn(
        match_id=match_id, verdict=label, reviewer=adjudicator, note=note, role="adjudicator"
    )
    return store.record_verdict(verdict, decided_at or utc_now())
