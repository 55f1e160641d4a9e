"""The link run: key new claims, find candidates, score, explain, detect copies, store.

Incremental: only claims not keyed by an earlier run are new, and only pairs with at least
one new claim are scored. Everything a run writes goes in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from workbench.ids import match_id
from workbench.jobs.models import model_for
from workbench.linking import reasons, semantic
from workbench.linking.blocking import (
    COMPACT_KEYS_SCHEMA,
    BlockingSettings,
    candidate_pairs,
    strongest,
)
from workbench.linking.copies import find_copies
from workbench.linking.explain import Explanation, SpanIndex, explain
from workbench.linking.features import (
    FEATURES_SCHEMA,
    Features,
    block_keys,
    feature_rows,
    features,
    from_rows,
    string_lists,
)
from workbench.linking.learned import ScoringModel
from workbench.linking.scoring import SIGNALS, feature_frame, score_pairs
from workbench.parallel import process_pool
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
    #: Scored pairs not kept because they report another event (see linking/frame.py).
    other_events: int = 0
    #: Seconds the database was held for writing the output (others wait meanwhile).
    held_seconds: float = 0.0
    #: Claims whose vectors this run computed (and stored: a re-link computes none again).
    embedded: int = 0


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


#: Claims whose rows are read and features built at a time: bounds the Python objects alive.
FEATURE_SLICE = 50_000
#: Claims per task sent to a worker.
FEATURE_CHUNK = 2000
#: Matches explained per task (in a worker when there is a pool), and tasks in flight per
#: worker: the features of a few thousand claims are turned back into objects at a time.
EXPLAIN_SLICE = 10_000
AHEAD = 2
#: Matches written per statement: DuckDB maintains the three indexes of ``matches`` at less
#: than half the cost per row in statements of 100,000 rows than of 10,000.
WRITE_ROWS = 100_000
SCORE_CHUNK = 200_000

Built = tuple[pl.DataFrame, pl.DataFrame]  # (feature rows, blocking keys)


def _features_of(chunk: list[tuple[dict[str, Any], list[dict[str, Any]]]]) -> list[Built]:
    built = [features(row, anchors) for row, anchors in chunk]
    return [(feature_rows(built), key_frame(built))]  # frames travel back compactly


Item = tuple[dict[str, Any], list[dict[str, Any]]]


def _items(claims: pl.DataFrame, anchors: pl.DataFrame) -> list[Item]:
    by_claim: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for anchor in anchors.iter_rows(named=True):
        by_claim[anchor["claim_id"]].append(anchor)
    return [(row, by_claim.get(row["claim_id"], [])) for row in claims.iter_rows(named=True)]


def _joined(parts: Iterable[Built], *, rechunk: bool) -> Built:
    rows, keys = [FEATURES_SCHEMA.to_frame()], [COMPACT_KEYS_SCHEMA.to_frame()]
    for row, key in parts:
        rows.append(row)
        keys.append(key)
    return pl.concat(rows, rechunk=rechunk), pl.concat(keys, rechunk=rechunk)


def features_in_slices(
    store: Store, ids: pl.Series, pool: Executor | None, progress: Progress | None = None
) -> Built:
    """Feature rows (sorted by claim id) and keys of the claims ``ids``, read from the store
    and built ``FEATURE_SLICE`` claims at a time: the Python objects of one slice are alive at
    once, not those of the run. With a pool, the next slice is read while workers build."""
    parts: list[Built] = []  # one per slice, contiguous: fast to search and gather
    pending: Iterator[list[Built]] = iter([])
    for start in range(0, ids.len(), FEATURE_SLICE):
        if progress:
            progress("features", start, ids.len())
        part = ids.slice(start, FEATURE_SLICE)
        items = _items(store.claim_rows(part), store.anchor_rows(part))
        chunks = [items[i : i + FEATURE_CHUNK] for i in range(0, len(items), FEATURE_CHUNK)]
        parts.append(_joined((built for done in pending for built in done), rechunk=True))
        if pool is not None and len(chunks) > 1:
            pending = pool.map(_features_of, chunks)
        else:  # one chunk is built here: starting a worker would cost more
            pending = iter(map(_features_of, chunks))
    parts.append(_joined((built for done in pending for built in done), rechunk=True))
    rows, keys = _joined(parts, rechunk=False)  # no copy of the whole run
    return (rows if rows["claim_id"].is_sorted() else rows.sort("claim_id")), keys


def key_frame(built: Iterable[Features]) -> pl.DataFrame:
    """``claim_id, key`` rows for the given features, as categories (compact)."""
    ids: list[str] = []
    keys: list[str] = []
    for f in built:
        found = sorted(block_keys(f))
        ids.extend([f.claim_id] * len(found))
        keys.extend(found)
    return pl.DataFrame({"claim_id": ids, "key": keys}, schema=COMPACT_KEYS_SCHEMA)


def rows_of(table: pl.DataFrame, ids: pl.Series) -> pl.DataFrame:
    """The rows of ``table`` (sorted by ``claim_id``, ids unique) for the given claim ids:
    a binary search, so a slice costs the same however large the table is."""
    if table.height == 0:
        return table
    wanted = ids.unique().sort()
    at = table["claim_id"].search_sorted(wanted).clip(0, table.height - 1)
    found = table.gather(at)
    return found.filter(found["claim_id"] == wanted)  # ids the table lacks drop out


ExplainJob = tuple[Features, Features, float, Settings, tuple[SpanIndex, SpanIndex]]


def _explain_all(chunk: list[ExplainJob]) -> list[Explanation]:
    return [
        explain(
            a,
            b,
            score,
            corroborate_min=s.corroborate_min,
            conflict_min=s.conflict_min,
            same_event_days=s.same_event_days,
            spans=spans,
        )
        for a, b, score, s, spans in chunk
    ]


def _explained(
    scored: pl.DataFrame, table: pl.DataFrame, settings: Settings, model: str
) -> pl.DataFrame:
    a_ids, b_ids = scored["claim_a"].to_list(), scored["claim_b"].to_list()
    # Features objects for this slice only: the run holds the rest as rows.
    built = from_rows(rows_of(table, pl.concat([scored["claim_a"], scored["claim_b"]])))
    spans = {claim: f.span_index() for claim, f in built.items()}  # once a claim, not a pair
    jobs: list[ExplainJob] = [
        (built[a], built[b], score, settings, (spans[a], spans[b]))
        for a, b, score in zip(a_ids, b_ids, scored["score"].to_list(), strict=True)
    ]
    why = _explain_all(jobs)
    said = [reasons.words(w.reasons) for w in why]
    del built, jobs, spans
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    columns: dict[str, Any] = {
        "match_id": [match_id(a, b) for a, b in zip(a_ids, b_ids, strict=True)],
        "claim_a_id": a_ids,
        "claim_b_id": b_ids,
        **{s: scored[s] for s in ("score", *SIGNALS)},
        "suggestion": [w.suggestion.value for w in why],
        # The reasons in words (for the CSV export and SQL summaries), and as records.
        # Joined strings split by polars: far cheaper than nested Python lists.
        "agrees": string_lists([agrees for agrees, _ in said]),
        "differs": string_lists([differs for _, differs in said]),
        "reasons": reasons.column(w.reasons for w in why),
        "linked_at": [now] * scored.height,
        "model": [model] * scored.height,
    }
    # Pairs that report another event (the frame disagrees twice) are not matches.
    keep = pl.Series([not w.another_event for w in why], dtype=pl.Boolean())
    return pl.DataFrame(columns, schema=MATCH_SCHEMA).filter(keep)


def _explain_task(task: tuple[pl.DataFrame, pl.DataFrame, Settings, str]) -> pl.DataFrame:
    return _explained(*task)


def explained_slices(
    kept: pl.DataFrame,
    table: pl.DataFrame,
    settings: Settings,
    pool: Executor | None,
    model: str = "",
) -> Iterator[pl.DataFrame]:
    """Match rows for ``kept``, ``EXPLAIN_SLICE`` at a time and in order. Each task ships
    its slice with the feature rows of its claims only (compact frames), and only a few
    tasks are in flight, so memory does not grow with the number of matches."""
    tasks = (
        (
            part,
            rows_of(table, pl.concat([part["claim_a"], part["claim_b"]])).drop("tokens"),
            settings,
            model,
        )
        for part in kept.iter_slices(EXPLAIN_SLICE)
    )
    if pool is None or kept.height <= EXPLAIN_SLICE:  # one task: not worth a worker
        yield from map(_explain_task, tasks)
        return
    pending: deque[Future[pl.DataFrame]] = deque()
    for task in tasks:
        pending.append(pool.submit(_explain_task, task))
        if len(pending) > AHEAD * settings.workers:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


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
        "reasons": reasons.REASONS_DTYPE,
        "linked_at": pl.Datetime("us"),
        "model": pl.String(),
    }
)


def _with_partners(
    store: Store, pairs: pl.DataFrame, table: pl.DataFrame, pool: Executor | None
) -> pl.DataFrame:
    """``table`` with the feature rows of stored claims paired with new ones (incremental)."""
    ids = pl.concat([pairs["claim_a"], pairs["claim_b"]]).unique()
    missing = ids.filter(~ids.is_in(table["claim_id"]))
    if not missing.len():
        return table
    rows, _ = features_in_slices(store, missing.sort(), pool)
    return pl.concat([table, rows]).sort("claim_id")


def _scored(
    pairs: pl.DataFrame,
    table: pl.DataFrame,
    vectors: pl.DataFrame,
    model: ScoringModel,
    threshold: float,
) -> pl.DataFrame:
    """Pairs scoring at least ``threshold``, scored in slices: each slice takes the scorer
    rows (and vectors) of its own claims and is cut at the threshold at once, so memory
    stays bounded."""
    passing = []
    for start in range(0, pairs.height, SCORE_CHUNK):
        part = pairs.slice(start, SCORE_CHUNK)
        ids = pl.concat([part["claim_a"], part["claim_b"]])
        rows = rows_of(table, ids)
        scored = score_pairs(part, feature_frame(rows), rows_of(vectors, ids), model)
        passing.append(scored.filter(pl.col("score") >= threshold))
    if not passing:
        return score_pairs(pairs, feature_frame(table.clear()), vectors.clear(), model)
    return pl.concat(passing)


#: Claims whose rows are read and embedded at a time (each slice is stored at once, so a
#: killed run keeps the vectors of the slices it finished).
VECTOR_SLICE = 2000
#: Claims per embedding task sent to a worker.
VECTOR_CHUNK = 250


def _embed_chunk(chunk: tuple[list[str], list[str]]) -> pl.DataFrame:
    return semantic.embed(*chunk)


def claim_vectors(
    store: Store, settings: Settings, pool: Executor | None, progress: Progress | None = None
) -> tuple[pl.DataFrame, int]:
    """Vectors of the claims that need them (``settings.semantic``), computing and storing
    those not stored yet; and how many were computed. Empty when the model is absent or the
    setting is ``off``."""
    if settings.semantic == "off" or not semantic.available():
        return semantic.VECTORS_SCHEMA.to_frame(), 0
    meta = store.vector_meta()
    if settings.semantic == "all":
        needed = meta["claim_id"].sort()
    else:
        needed = semantic.needing(meta, settings.window_days)
    missing = meta.filter(pl.col("claim_id").is_in(needed.implode()) & ~pl.col("has_vector"))
    missing_ids = missing["claim_id"].sort()
    model = semantic.model_id()
    for start in range(0, missing_ids.len(), VECTOR_SLICE):
        if progress:
            progress("vectors", start, missing_ids.len())
        rows = store.claim_rows(missing_ids.slice(start, VECTOR_SLICE))
        ids, texts = rows["claim_id"].to_list(), rows["text"].to_list()
        chunks = [
            (ids[i : i + VECTOR_CHUNK], texts[i : i + VECTOR_CHUNK])
            for i in range(0, len(ids), VECTOR_CHUNK)
        ]
        if pool is not None and len(chunks) > 1:
            made = list(pool.map(_embed_chunk, chunks))
        else:
            made = [_embed_chunk(c) for c in chunks]
        store.write_vectors(pl.concat(made), model)
    return store.vectors(needed), missing_ids.len()


def _with_nearest(
    pairs: pl.DataFrame,
    vectors: pl.DataFrame,
    meta: pl.DataFrame,
    new_ids: pl.Series,
    settings: Settings,
) -> pl.DataFrame:
    """Blocking's pairs and each new claim's nearest claims by vector (no shared keys needed)."""
    if vectors.height == 0 or settings.semantic_candidates == 0:
        return pairs
    near = semantic.nearest(
        pl.DataFrame({"claim_id": new_ids}),
        vectors,
        meta,
        per_claim=settings.semantic_candidates,
        window_days=settings.window_days,
    )
    extra = near.join(pairs, on=["claim_a", "claim_b"], how="anti").with_columns(
        shared=pl.lit(0, pairs.schema["shared"]), weight=pl.lit(0.0, pairs.schema["weight"])
    )
    return pl.concat([pairs, extra.select(pairs.columns)])


def _copies(
    stored: pl.DataFrame, kept: pl.DataFrame, per_article: pl.DataFrame, table: pl.DataFrame
) -> pl.DataFrame:
    article = table.select("claim_id", "article_id")
    fresh = (
        kept.join(article.rename({"claim_id": "claim_a", "article_id": "article_a"}), on="claim_a")
        .join(article.rename({"claim_id": "claim_b", "article_id": "article_b"}), on="claim_b")
        .select("claim_a", "claim_b", "article_a", "article_b", "token", "same_language")
        .cast(stored.schema)
    )
    both = pl.concat([stored, fresh]).unique(["claim_a", "claim_b"], keep="last")
    return find_copies(both, per_article)


def link(
    store: Store, settings: Settings, *, progress: Progress | None = None, rebuild: bool = False
) -> LinkReport:
    """Link new claims to every claim of other sources; store matches; return a summary.

    With ``rebuild``, every claim is linked again, e.g. after a lexicon or settings change,
    and the run's output *replaces* the machine output (keys, matches, copies) in its one
    final transaction: until then the old matches stay, for reviewers and for a killed run.
    Verdicts are never touched. One link run at a time per database: a second raises
    :class:`~workbench.store.AlreadyRunning` at once.
    """
    started = time.perf_counter()
    began = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    store.init()
    with store.exclusive("link"), process_pool(settings.workers) as pool:
        return _link(store, settings, pool, progress, started, began, rebuild=rebuild)


def _link(
    store: Store,
    settings: Settings,
    pool: Executor | None,
    progress: Progress | None,
    started: float,
    began: dt.datetime,
    *,
    rebuild: bool,
) -> LinkReport:
    new_ids = store.unkeyed_claims(every=rebuild)["claim_id"]
    table, new_keys = features_in_slices(store, new_ids, pool, progress)
    vectors, embedded = claim_vectors(store, settings, pool, progress)
    stored_keys, meta, copy_inputs, per_article = store.link_index()
    if rebuild:  # what is stored is replaced at the end, not built on
        stored_keys, copy_inputs = stored_keys.clear(), copy_inputs.clear()
    incremental = stored_keys.height > 0
    pairs = candidate_pairs(
        pl.concat([stored_keys.cast(COMPACT_KEYS_SCHEMA), new_keys]),
        meta,
        blocking_settings(settings),
        new_ids=new_ids if incremental else None,
    )
    pairs = _with_nearest(pairs, vectors, meta, new_ids, settings)
    del stored_keys, meta
    if progress:
        progress("scoring", 0, pairs.height)
    table = _with_partners(store, pairs, table, pool)
    model = model_for(store, settings)
    scored = _scored(pairs, table, vectors, model, settings.link_threshold)
    kept = strongest(scored, settings.link_top_k, "score")
    del vectors
    copies = _copies(copy_inputs, kept, per_article, table)
    del copy_inputs
    keyed = pl.DataFrame({"claim_id": new_ids, "keyed_at": [began] * new_ids.len()})
    suggestions: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="workbench-link-") as folder:
        # Explained matches are spooled to Parquet first: the database is held for writing
        # only while the finished output goes in, not while it is computed, so reviewers (and
        # other commands) wait seconds, not the whole run.
        explained = explained_slices(kept, table, settings, pool, model.name)
        spooled, written = _spool(explained, Path(folder), kept.height, suggestions, progress)
        if progress:
            progress("writing", 0, written)
        held = time.perf_counter()
        with store.link_writer() as writer:  # one transaction: all of the run's output, or none
            if rebuild:
                writer.forget()
            writer.keys(new_keys, keyed)
            for path in spooled:
                writer.matches(pl.read_parquet(path))
            writer.copies(copies)
            seconds = time.perf_counter() - started
            writer.run(
                pl.DataFrame(
                    {
                        "started_at": [began],
                        "seconds": [seconds],
                        "new_claims": [new_ids.len()],
                        "candidates": [pairs.height],
                        "matches": [written],
                        "settings": [json.dumps(settings.model_dump(mode="json"), sort_keys=True)],
                    }
                )
            )
        held = time.perf_counter() - held
    return LinkReport(
        new_claims=new_ids.len(),
        candidates=pairs.height,
        matches=written,
        copies=copies.height,
        seconds=seconds,
        suggestions=dict(suggestions),
        other_events=kept.height - written,
        held_seconds=held,
        embedded=embedded,
    )


def _spool(
    parts: Iterable[pl.DataFrame],
    folder: Path,
    total: int,
    suggestions: Counter[str],
    progress: Progress | None,
) -> tuple[list[Path], int]:
    """Write explained match slices to Parquet files of about ``WRITE_ROWS`` rows in
    ``folder``; the files in order and the rows written. Counts suggestions on the way."""
    paths: list[Path] = []
    done, written = 0, 0
    batch: list[pl.DataFrame] = []

    def flush() -> None:
        path = folder / f"matches-{len(paths):05d}.parquet"
        pl.concat(batch).write_parquet(path, compression="lz4")
        paths.append(path)
        batch.clear()

    for part in parts:
        if progress:
            progress("explaining", done, total)
        suggestions.update(part["suggestion"].to_list())
        batch.append(part)
        done += min(EXPLAIN_SLICE, total - done)
        written += part.height
        if sum(b.height for b in batch) >= WRITE_ROWS:
            flush()
    if batch:
        flush()
    return paths, written
