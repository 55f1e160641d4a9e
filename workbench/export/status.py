"""Claim status exports: a CSV of statuses with the counts behind them, and ClaimReview.

Both count independent origins only (see :mod:`workbench.review.status`).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import polars as pl

from workbench.export.csv_safe import write_csv
from workbench.review.claims import origins
from workbench.review.status import Status, claim_status, consensus
from workbench.store import Store

STATUS_COLUMNS = [
    "claim_id",
    "status",
    "corroborating_origins",
    "conflicting_origins",
    "corroborating_sources",
    "conflicting_sources",
    "same_origin_links",
    "corroborates",
    "conflicts",
    "unrelated",
    "unsure",
    "source",
    "language",
    "published",
    "origin",
    "origin_chain",
    "url",
    "text",
]


def status_frame(store: Store, *, every_claim: bool = False) -> pl.DataFrame:
    """Per judged claim (or every claim): status, counts, outlet, origin and text."""
    groups = origins(store)
    statuses = claim_status(store.current_verdicts(), groups)
    ids = store.all_claim_ids() if every_claim else statuses["claim_id"].to_list()
    claims = store.claims_by_ids(ids)
    labels = groups.select("article_id", pl.col("origin_label").alias("origin"))
    frame = claims.join(statuses, on="claim_id", how="left").join(
        labels, on="article_id", how="left"
    )
    counts = [c for c in STATUS_COLUMNS if c.endswith(("origins", "links")) or c in _LABELS]
    return frame.with_columns(
        pl.col("status").fill_null(Status.UNVERIFIED.value),
        *(pl.col(c).fill_null(0) for c in counts),
    ).sort("published", "source", "claim_id", nulls_last=True)


_LABELS = ("corroborates", "conflicts", "unrelated", "unsure")


def export_claims_status(
    store: Store, out: Path, *, excel: bool = False, every_claim: bool = False
) -> int:
    """Write one row per judged claim (``every_claim``: per claim) to ``out``; return rows."""
    frame = status_frame(store, every_claim=every_claim)
    return write_csv(out, frame.iter_rows(named=True), STATUS_COLUMNS, excel=excel)


def rating_name(status: str, corroborating: int, conflicting: int) -> str:
    """The human reading of a status, e.g. "Corroborated by 3 independent sources"."""

    def sources(n: int) -> str:
        return f"{n} independent source{'s' if n != 1 else ''}"

    if status == Status.CORROBORATED:
        return f"Corroborated by {sources(corroborating)}"
    if status == Status.CONFLICTED:
        return f"Conflicting reports ({sources(conflicting)} disagree)"
    if status == Status.CONTESTED:
        return f"Contested: {sources(corroborating)} corroborate, {sources(conflicting)} conflict"
    return "Unverified"


def _appearances(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Per claim, the articles where the claim appears: its own and the corroborating ones."""
    labels = consensus(store.current_verdicts()).filter(pl.col("verdict") == "corroborates")
    pairs = pl.concat(
        [
            labels.select(
                pl.col("claim_a_id").alias("claim_id"), pl.col("claim_b_id").alias("other")
            ),
            labels.select(
                pl.col("claim_b_id").alias("claim_id"), pl.col("claim_a_id").alias("other")
            ),
        ]
    )
    claims = store.claims_by_ids(pl.concat([pairs["claim_id"], pairs["other"]]).unique().to_list())
    info = {r["claim_id"]: r for r in claims.to_dicts()}
    found: dict[str, list[dict[str, Any]]] = {}
    for claim_id, other in pairs.iter_rows():
        found.setdefault(claim_id, []).append(info[other])
    return found


def web_url(url: str | None) -> bool:
    """Whether ``url`` is an http(s) address with a host: the only kind a ClaimReview may
    link to (an article's URL is untrusted input: ``javascript:`` and ``data:`` are dropped).

    >>> web_url("https://example.org/a"), web_url("javascript:alert(1)"), web_url("http:/x")
    (True, False, False)
    """
    if not url or any(c.isspace() or ord(c) < 32 for c in url):
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


#: Characters a JSON-LD text must not hold raw to sit inside an HTML ``<script>`` element
#: (``</script>`` in a claim would end it). JSON syntax has none of them outside strings.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def jsonld_text(items: list[dict[str, Any]]) -> str:
    """The items as JSON-LD text that can be pasted inside ``<script type=application/ld+json>``
    as it is: ``<``, ``>`` and ``&`` written as JSON escapes (the same strings when parsed)."""
    return json.dumps(items, ensure_ascii=False, indent=2).translate(_SCRIPT_SAFE)


def _work(row: dict[str, Any]) -> dict[str, Any]:
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "publisher": {"@type": "Organization", "name": row["source"]},
    }
    if web_url(row.get("url")):
        work["url"] = row["url"]
    if row.get("title"):
        work["headline"] = row["title"]
    if row.get("published"):
        work["datePublished"] = row["published"].isoformat()
    return work


def claimreview_items(store: Store, *, author: str) -> list[dict[str, Any]]:
    """schema.org ClaimReview items for every claim reviewers corroborated or disputed."""
    frame = status_frame(store).filter(pl.col("status") != Status.UNVERIFIED.value)
    judged = store.current_verdicts()
    latest = (
        pl.concat(
            [
                judged.select(pl.col(f"claim_{s}_id").alias("claim_id"), "decided_at")
                for s in ("a", "b")
            ]
        )
        .group_by("claim_id")
        .agg(pl.col("decided_at").max())
    )
    when = dict(zip(latest["claim_id"], latest["decided_at"], strict=True))
    appearances = _appearances(store)
    items = []
    for row in frame.to_dicts():
        seen = [row, *appearances.get(row["claim_id"], [])]
        works = [
            _work(r)
            for r in sorted(seen, key=lambda r: (r["published"] is None, str(r["published"])))
        ]
        decided: dt.datetime = when[row["claim_id"]]
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "claimReviewed": row["text"],
                "itemReviewed": {
                    "@type": "Claim",
                    "inLanguage": row["language"],
                    "author": {"@type": "Organization", "name": row["source"]},
                    "appearance": works,
                    "firstAppearance": works[0],
                },
                "reviewRating": {
                    "@type": "Rating",
                    "alternateName": rating_name(
                        row["status"], row["corroborating_origins"], row["conflicting_origins"]
                    ),
                },
                "author": {"@type": "Organization", "name": author},
                "datePublished": decided.date().isoformat(),
                "identifier": row["claim_id"],
            }
        )
    return items


def export_claimreview(store: Store, out: Path, *, author: str) -> int:
    """Write the ClaimReview items to ``out`` as one JSON-LD array; return how many."""
    items = claimreview_items(store, author=author)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(jsonld_text(items), encoding="utf-8")
    return len(items)
