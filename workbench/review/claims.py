"""A claim and everything linked to it: the other claims, their verdicts, the claim's status."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from workbench.review.origins import origin_groups
from workbench.review.status import Status, claim_status, status_of
from workbench.store import Store

#: database file -> (signature, origins): grouping 100k articles takes about a second, and
#: the groups change only when articles or copies are added.
_ORIGINS: dict[str, tuple[tuple[object, ...], pl.DataFrame]] = {}


def origins(store: Store) -> pl.DataFrame:
    """Every article's independent origin (copies and shared citations grouped), computed
    again only when the database has new articles or copies."""
    key, signature = str(store.path.resolve()), store.origin_signature()
    known = _ORIGINS.get(key)
    if known is not None and known[0] == signature:
        return known[1]
    articles, copies = store.origin_inputs()
    groups = origin_groups(articles, copies)
    _ORIGINS[key] = (signature, groups)
    return groups


def statuses(store: Store) -> pl.DataFrame:
    """Status of every judged claim, counting independent origins only."""
    return claim_status(store.current_verdicts(), origins(store))


@dataclass(frozen=True)
class ClaimLinks:
    """One claim's status and its linked claims (one row per match)."""

    claim_id: str
    status: str
    links: pl.DataFrame


def summarise_verdicts(current: pl.DataFrame) -> pl.DataFrame:
    """``match_id, verdicts`` with each match's current verdicts as ``label (reviewer)``."""
    if current.is_empty():
        return pl.DataFrame(schema={"match_id": pl.String, "verdicts": pl.String})
    return (
        current.sort("reviewer")
        .group_by("match_id", maintain_order=True)
        .agg(
            verdicts=pl.concat_str(
                pl.col("verdict"), pl.lit(" ("), pl.col("reviewer"), pl.lit(")")
            ).str.join("; ")
        )
    )


def claim_links(store: Store, claim_id: str) -> ClaimLinks:
    """The claim's linked claims with their current verdicts, and the claim's status."""
    links = store.claim_links(claim_id)
    current = (
        store.current_verdicts(match_ids=links["match_id"].to_list()) if links.height else None
    )
    if current is None or current.is_empty():
        links = links.with_columns(verdicts=pl.lit(None, dtype=pl.String))
        return ClaimLinks(claim_id, Status.UNVERIFIED.value, links)
    links = links.join(summarise_verdicts(current), on="match_id", how="left")
    status = status_of([claim_id], claim_status(current, origins(store)))[claim_id]
    return ClaimLinks(claim_id, status, links)


def article_statuses(store: Store, claim_ids: list[str]) -> dict[str, str]:
    """Status of each of an article's claims (``unverified`` where nothing is judged)."""
    return status_of(claim_ids, statuses(store))
