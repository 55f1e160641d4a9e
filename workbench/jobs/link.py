"""The link run: key new claims, find candidates, score, explain, detect copies, store.

Incremental: only claims not keyed by an earlier run are new, and only pairs with at least
one new claim are scored. Everything a run writes goes in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

import polars as pl

from workbench.ids import match_id
from workbench.linking.blocking import BlockingSettings, candidate_pairs, strongest
from workbench.linking.copies import find_copies
from workbench.linking.explain import Explanation, explain
from workbench.linking.features import Features, block_keys, features
from workbench.linking.scoring import SIGNALS, feature_frame, score_pairs
from workbench.parallel import chunked_map, process_pool
from workbench.settings import Settings
from workbench.store import Store

#: Called with (stage, done, total).
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class LinkReport:
    """What a link run did."""

    new_claims: int
    candidates: int
    matches: int
    copies: int
    seconds: float
    suggestions: dict[str, int]


def blocking_settings(settings: Settings) -> BlockingSettings:
    """The blocking knobs of ``settings``."""
    return BlockingSettings(
        max_key_df=settings.max_key_df,
        keys_per_family=settings.keys_per_family,
        prefix_from=settings.prefix_from,
        min_shared_keys=settings.min_shared_keys,
        max_candidates=settings.max_candidates,
        window_days=settings.window_days,
    )


FEATURE_CHUNK = 2000
EXPLAIN_SLICE = 100_000
SCORE_CHUNK = 200_000


def _features_of(chunk: list[tuple[dict[str, Any], list[dict[str, Any]]]]) -> list[Features]:
    return [features(row, anchors) for row, anchors in chunk]


def build_features(
    claims: pl.DataFrame, anchors: pl.DataFrame, pool: Executor | None = None
) -> dict[str, Features]:
    """Features of each claim row, with its anchors (in the pool when there are many)."""
    by_claim: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for anchor in anchors.iter_rows(named=True):
        by_claim[anchor["claim_id"]].append(anchor)
    items = [(row, by_claim.get(row["claim_id"], [])) for row in claims.iter_rows(named=True)]
    built = chunked_map(pool, _features_of, items, size=FEATURE_CHUNK)
    return {f.claim_id: f for f in built}


def key_frame(built: Iterable[Features]) -> pl.DataFrame:
    """``claim_id, key`` rows for the given features."""
    rows = [(f.claim_id, key) for f in built for key in sorted(block_keys(f))]
    return pl.DataFrame(rows, schema={"claim_id": pl.String(), "key": pl.String()}, orient="row")


ExplainJob = tuple[Features, Features, float, float, float]


def _explain_all(chunk: list[ExplainJob]) -> list[Explanation]:
    return [
        explain(a, b, score, corroborate_min=low, conflict_min=conflict)
        for a, b, score, low, conflict in chunk
    ]


def _lists(values: list[tuple[str, ...]]) -> pl.Series:
    joined = pl.Series(["\x1f".join(v) for v in values], dtype=pl.String())
    split = joined.str.split("\x1f")
    return pl.select(
        pl.when(joined == "").then(pl.lit([], pl.List(pl.String()))).otherwise(split)
    ).to_series()


def _explained(
    scored: pl.DataFrame, built: dict[str, Features], settings: Settings
) -> pl.DataFrame:
    a_ids, b_ids = scored["claim_a"].to_list(), scored["claim_b"].to_list()
    jobs: list[ExplainJob] = [
        (built[a], built[b], score, settings.corroborate_min, settings.conflict_min)
        for a, b, score in zip(a_ids, b_ids, scored["score"].to_list(), strict=True)
    ]
    # In-process: shipping feature pairs to workers costs more than explaining them.
    why = _explain_all(jobs)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    columns: dict[str, Any] = {
        "match_id": [match_id(a, b) for a, b in zip(a_ids, b_ids, strict=True)],
        "claim_a_id": a_ids,
        "claim_b_id": b_ids,
        **{s: scored[s] for s in ("score", *SIGNALS)},
        "suggestion": [w.suggestion.value for w in why],
        # Joined strings split by polars: far cheaper than nested Python lists.
        "agrees": _lists([w.agrees for w in why]),
        "differs": _lists([w.differs for w in why]),
        "linked_at": [now] * scored.height,
    }
    return pl.DataFrame(columns, schema=MATCH_SCHEMA)


MATCH_SCHEMA = pl.Schema(
    {
        "match_id": pl.String(),
        "claim_a_id": pl.String(),
        "claim_b_id": pl.String(),
        "score": pl.Float64(),
        **{s: pl.Float64() for s in SIGNALS},
        "suggestion": pl.String(),
        "agrees": pl.List(pl.String()),
        "differs": pl.List(pl.String()),
        "linked_at": pl.Datetime("us"),
    }
)


def _partner_features(
    store: Store, pairs: pl.DataFrame, built: dict[str, Features], pool: Executor | None
) -> None:
    ids = pl.concat([pairs["claim_a"], pairs["claim_b"]]).unique()
    missing = ids.filter(~ids.is_in(list(built)))
    if missing.len():
        rows, anchors = store.claim_rows(missing), store.anchor_rows(missing)
        built.update(build_features(rows, anchors, pool))


def _copies(
    stored: pl.DataFrame, kept: pl.DataFrame, per_article: pl.DataFrame, built: dict[str, Features]
) -> pl.DataFrame:
    article = {cid: f.article_id for cid, f in built.items()}
    fresh = kept.select(
        "claim_a",
        "claim_b",
        article_a=pl.col("claim_a").replace_strict(article, return_dtype=pl.String()),
        article_b=pl.col("claim_b").replace_strict(article, return_dtype=pl.String()),
        token="token",
        same_language="same_language",
    ).cast(stored.schema)
    both = pl.concat([stored, fresh]).unique(["claim_a", "claim_b"], keep="last")
    return find_copies(both, per_article)


def link(
    store: Store, settings: Settings, *, progress: Progress | None = None, rebuild: bool = False
) -> LinkReport:
    """Link new claims to every claim of other sources; store matches; return a summary.

    With ``rebuild``, machine output (keys, matches, copies) is dropped first and every claim
    is linked again, e.g. after a lexicon or settings change. Verdicts are never touched.
    """
    started = time.perf_counter()
    began = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    store.init()
    if rebuild:
        store.forget_links()
    with process_pool(settings.workers) as pool:
        return _link(store, settings, pool, progress, started, began)


def _link(
    store: Store,
    settings: Settings,
    pool: Executor | None,
    progress: Progress | None,
    started: float,
    began: dt.datetime,
) -> LinkReport:
    new_claims = store.unkeyed_claims()
    if progress:
        progress("features", 0, new_claims.height)
    built = build_features(new_claims, store.anchor_rows(new_claims["claim_id"]), pool)
    new_keys = key_frame(built.values())
    stored_keys, meta, copy_inputs, per_article = store.link_index()
    incremental = stored_keys.height > 0
    pairs = candidate_pairs(
        pl.concat([stored_keys, new_keys]),
        meta,
        blocking_settings(settings),
        new_ids=new_claims["claim_id"] if incremental else None,
    )
    if progress:
        progress("scoring", 0, pairs.height)
    _partner_features(store, pairs, built, pool)
    table = feature_frame(built)
    passing = [  # in slices, each cut at the threshold at once: memory stays bounded
        score_pairs(pairs.slice(start, SCORE_CHUNK), table).filter(
            pl.col("score") >= settings.link_threshold
        )
        for start in range(0, pairs.height, SCORE_CHUNK)
    ]
    del table
    scored = pl.concat(passing) if passing else score_pairs(pairs, feature_frame({}))
    kept = strongest(scored, settings.link_top_k, "score")
    del scored, passing
    copies = _copies(copy_inputs, kept, per_article, built)
    keyed = pl.DataFrame(
        {"claim_id": new_claims["claim_id"], "keyed_at": [began] * new_claims.height}
    )
    suggestions: Counter[str] = Counter()
    with store.link_writer() as writer:  # one transaction; matches explained and written in slices
        writer.keys(new_keys, keyed)
        for start in range(0, kept.height, EXPLAIN_SLICE):
            if progress:
                progress("explaining", start, kept.height)
            part = _explained(kept.slice(start, EXPLAIN_SLICE), built, settings)
            suggestions.update(part["suggestion"].to_list())
            writer.matches(part)
        writer.copies(copies)
        seconds = time.perf_counter() - started
        writer.run(
            pl.DataFrame(
                {
                    "started_at": [began],
                    "seconds": [seconds],
                    "new_claims": [new_claims.height],
                    "candidates": [pairs.height],
                    "matches": [kept.height],
                    "settings": [json.dumps(settings.model_dump(mode="json"), sort_keys=True)],
                }
            )
        )
    return LinkReport(
        new_claims=new_claims.height,
        candidates=pairs.height,
        matches=kept.height,
        copies=copies.height,
        seconds=seconds,
        suggestions=dict(suggestions),
    )
