"""Pure: candidate pairs from an inverted index of claim keys, never all pairs.

Every claim has keys (cross-script name skeletons, lexicon concepts, numbers, ISO days, rare
tokens). Claims that share keys become candidates when they come from different sources,
share enough keys, and fall inside the time window. Everything about a claim is counted in
its own window (the claims published at most ``window_days`` from it, and the undated ones):
a key held by more than ``max_key_df`` claims there says nothing and is not used for it,
the others weigh ``ln(claims in the window / df in the window)``. Keys of one source only are
dropped. Each claim takes part with its ``keys_per_family`` rarest keys of each key family,
and keeps its strongest ``max_candidates`` partners. So the work for one claim depends on how
much news surrounds it, not on how many months the database holds.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import polars as pl

KEYS_SCHEMA = pl.Schema({"claim_id": pl.String(), "key": pl.String()})
#: The same as categories (4 bytes a row instead of 16 to 32): how a link run holds them.
COMPACT_KEYS_SCHEMA = pl.Schema({"claim_id": pl.Categorical(), "key": pl.Categorical()})
META_SCHEMA = pl.Schema(
    {
        "claim_id": pl.String(),
        "article_id": pl.String(),
        "source": pl.String(),
        "published": pl.Date(),
    }
)


@dataclass(frozen=True)
class BlockingSettings:
    """Knobs of candidate generation (see workbench.settings for defaults and help)."""

    max_key_df: int = 100
    keys_per_family: int = 4
    prefix_from: int = 20_000
    min_shared_keys: int = 2
    max_candidates: int = 20
    window_days: int = 60


def usable_keys(keys: pl.DataFrame, meta: pl.DataFrame, settings: BlockingSettings) -> pl.DataFrame:
    """``claim_id, key, df, weight``: each claim's keys that can pair it with a claim of another
    source and pass the document-frequency limit in its window, with ``df`` counted there."""
    numbered = _numbered(meta)
    vocab = _vocabulary(keys)
    usable = _usable_by_parts(keys, vocab, numbered, settings)
    return (
        usable.join(numbered.select("cid", "claim_id"), on="cid")
        .join(vocab.select("kid", "key"), on="kid")
        .select("claim_id", "key", "df", "weight")
    )


#: Key rows counted at a time: what is counted for a key depends on its own rows only, so the
#: keys are cut into parts (by key id) of about this many rows, and the working set of the
#: counting stays this size however many claims there are.
PART_ROWS = 4_000_000


def _usable_by_parts(
    keys: pl.DataFrame, vocab: pl.DataFrame, numbered: pl.DataFrame, settings: BlockingSettings
) -> pl.DataFrame:
    """:func:`_usable` entries of all keys, counted one part of the keys at a time."""
    parts = max(1, -(-keys.height // PART_ROWS))
    return pl.concat(
        [
            _usable(
                _entries(keys, vocab.filter(pl.col("kid") % parts == part), numbered),
                numbered,
                settings,
            )
            for part in range(parts)
        ]
    )


def _numbered(meta: pl.DataFrame) -> pl.DataFrame:
    return meta.sort("claim_id").select(  # integer ids in claim-id order: stable ties
        "claim_id",
        cid=pl.int_range(pl.len(), dtype=pl.UInt32),
        src=pl.col("source").rank("dense").cast(pl.UInt32),
        day=pl.col("published").cast(pl.Date).cast(pl.Int32),
    )


def _vocabulary(keys: pl.DataFrame) -> pl.DataFrame:
    """``key, kid, family``: integer ids in key order (stable ties), and the key family; ``key``
    of the same type as in ``keys`` (strings, or categories: a link run's compact keys)."""
    return (
        keys.select(pl.col("key").unique().cast(pl.String))
        .sort("key")
        .select(
            pl.col("key").cast(keys.schema["key"]),
            kid=pl.int_range(pl.len(), dtype=pl.UInt32),
            family=pl.col("key").str.slice(0, 1).rank("dense").cast(pl.UInt8),
        )
    )


def _entries(keys: pl.DataFrame, vocab: pl.DataFrame, numbered: pl.DataFrame) -> pl.DataFrame:
    """``cid, kid, family, src, day``: one row per key of a claim, on integers."""
    claims = numbered.lazy().with_columns(pl.col("claim_id").cast(keys.schema["claim_id"]))
    return (
        keys.lazy()
        .join(vocab.lazy(), on="key")
        .join(claims, on="claim_id")
        .select("cid", "kid", "family", "src", "day")
        .collect()
    )


def _in_window(frame: pl.DataFrame, group: str, window: int) -> pl.Series:
    """For each row of ``frame`` (``group, day, n``: one row per group and day, no nulls),
    the sum of ``n`` over the rows of the same group at most ``window`` days away."""
    if frame.height == 0:
        return pl.Series(dtype=pl.Int64)
    low, high = frame.select(low=pl.col("day").min(), high=pl.col("day").max()).row(0)
    span = high - low + 2 * window + 2
    # One sorted integer line, groups far apart: a window never reaches the next group.
    position = pl.col(group).cast(pl.Int64) * span + (pl.col("day") - low + window + 1)
    ordered = frame.select(position=position, n=pl.col("n").cast(pl.Int64))
    order = ordered["position"].arg_sort()
    line, counts = ordered["position"].gather(order), ordered["n"].gather(order)
    cumulative = pl.concat([pl.Series([0], dtype=pl.Int64), counts.cum_sum()])
    upper = line.search_sorted(ordered["position"] + window, side="right")
    lower = line.search_sorted(ordered["position"] - window, side="left")
    return cumulative.gather(upper) - cumulative.gather(lower)


#: A key and a day in one integer: grouping and joining on one column is several times
#: cheaper than on two. Undated: day code 0.
_SHIFT = 2**32
_KEY_DAY = pl.col("kid").cast(pl.UInt64) * _SHIFT + (
    pl.col("day").cast(pl.Int64) + 2**31
).fill_null(0).cast(pl.UInt64)


def _usable(
    entries: pl.DataFrame, numbered: pl.DataFrame, settings: BlockingSettings
) -> pl.DataFrame:
    """Entries that pass the limits, with ``df`` and ``weight`` counted in the claim's window.

    Counted once per key and day (undated claims: one group per key), then joined back to
    the entries: one pass over the entries whatever the number of days.
    """
    per_key = (
        entries.group_by("kid")
        .agg(
            several=pl.col("src").min() != pl.col("src").max(),
            total=pl.len(),
            undated=pl.col("day").null_count(),
        )
        .filter("several")  # a key of one source pairs nothing
        .drop("several")
    )
    groups = (
        entries.group_by(kd=_KEY_DAY)
        .agg(n=pl.len())
        .with_columns(
            kid=(pl.col("kd") // _SHIFT).cast(pl.UInt32),
            day=pl.when(pl.col("kd") % _SHIFT > 0)
            .then((pl.col("kd") % _SHIFT).cast(pl.Int64) - 2**31)
            .cast(pl.Int32),
        )
        .join(per_key, on="kid")
    )
    dated = groups.drop_nulls("day")
    near = _in_window(dated, "kid", settings.window_days)
    dated = dated.with_columns(df=(near + pl.col("undated")).cast(pl.UInt32))
    undated = groups.filter(pl.col("day").is_null())
    undated = undated.with_columns(df=pl.col("total").cast(pl.UInt32))
    claims = _claims_in_window(numbered, settings.window_days)
    usable = (
        pl.concat([dated, undated])
        .filter(pl.col("df") <= settings.max_key_df)
        .join(claims, on="day", how="left", nulls_equal=True)
        .select(
            "kd",
            "df",
            weight=(pl.max_horizontal("claims", 2).cast(pl.Float64) / pl.col("df")).log(),
        )
    )
    # Most entries belong to keys too common in their window: a semi filter drops them
    # before the join that fetches df and weight.
    kept = entries.with_columns(kd=_KEY_DAY).filter(pl.col("kd").is_in(usable["kd"]))
    return kept.join(usable, on="kd").drop("kd")


def _claims_in_window(numbered: pl.DataFrame, window: int) -> pl.DataFrame:
    """``day, claims``: claims published at most ``window`` days from each day (undated ones
    included); for undated claims (``day`` null), all claims."""
    per_day = numbered.drop_nulls("day").group_by("day").agg(n=pl.len(), g=pl.lit(0))
    undated = numbered.height - numbered["day"].count()
    return pl.concat(
        [
            per_day.select("day", claims=_in_window(per_day, "g", window) + undated),
            pl.DataFrame({"day": [None], "claims": [numbered.height]}),
        ],
        how="vertical_relaxed",
    )


def _rarest(usable: pl.DataFrame, per_family: int) -> pl.DataFrame:
    """Each claim's ``per_family`` rarest usable keys of each family (prefix filtering).

    Families are the key prefixes: names, concepts, numbers, days, tokens. Rare keys find
    the partners that matter and keep the join bounded (claims x families x per_family x
    max df); taking them per family keeps the cross-language ones (concepts, names, days),
    which are commoner than a language's rare words.
    """
    return (
        usable.sort("cid", "family", "df", "kid")  # ties broken by the key: the same in any run
        .filter(rank_in_run("cid", "family") < per_family)
        .select("cid", "kid", "src", "day", "weight")
    )


def rank_in_run(*columns: str) -> pl.Expr:
    """0, 1, 2, ... within each run of equal ``columns`` of a frame sorted by them: the same
    as ``int_range(len()).over(columns)`` there, but one sequential pass (no hash of groups),
    so it costs the same per row at any size."""
    starts = pl.any_horizontal(pl.col(c).ne_missing(pl.col(c).shift()) for c in columns)
    row = pl.int_range(pl.len(), dtype=pl.Int64)
    return row - pl.when(starts).then(row).otherwise(None).forward_fill()


def candidate_pairs(
    keys: pl.DataFrame,
    meta: pl.DataFrame,
    settings: BlockingSettings,
    *,
    new_ids: pl.Series | None = None,
    chunk: int = 20_000,
) -> pl.DataFrame:
    """Cross-source candidate pairs ``(claim_a, claim_b, shared, weight)`` with claim_a < claim_b.

    The self-join runs on integer ids, ``chunk`` claims at a time in order of publication,
    each chunk against the claims published at most ``window_days`` from its own: each chunk
    finds all the partners of its claims and keeps their strongest ``max_candidates``, so
    memory stays bounded however many claims there are, and the work per claim does not
    grow with the months stored.

    Args:
        keys: ``claim_id, key`` for every claim in the database (strings or categories).
        meta: ``claim_id, article_id, source, published`` for the same claims.
        settings: limits and window.
        new_ids: when given, only pairs with at least one of these claims (incremental link).
        chunk: claims joined at a time.
    """
    numbered = _numbered(meta)
    usable = _usable_by_parts(keys, _vocabulary(keys), numbered, settings)
    # Prefix filtering bounds the join at scale; on a small corpus it would only pick among
    # near-equal document frequencies at random, so every usable key takes part there.
    per_family = settings.keys_per_family if meta.height >= settings.prefix_from else 10**6
    indexed = _rarest(usable, per_family)
    del usable
    if new_ids is None:
        left = indexed
    else:
        new_cids = numbered.filter(pl.col("claim_id").is_in(new_ids))["cid"]
        left = indexed.filter(pl.col("cid").is_in(new_cids))
    # In time order, a chunk of claims spans a few days and meets the claims of those days
    # and ``window_days`` around them only (undated ones first: they meet every claim).
    left = left.sort("day", "cid", nulls_last=False)
    right = indexed.select("kid", cid_b="cid", src_b="src", day_b="day", weight_b="weight")
    undated = right.filter(pl.col("day_b").is_null())
    dated = right.drop_nulls("day_b").sort("day_b")
    parts = [
        _partners(part, _reachable(dated, undated, part, settings.window_days), settings)
        for part in _claim_slices(left, chunk)
    ]
    found = pl.concat(parts) if parts else pl.DataFrame(schema=_PAIR_SCHEMA)
    names = numbered.select("cid", "claim_id")
    return (
        found.unique(["a", "b"])
        .join(names.rename({"cid": "a", "claim_id": "claim_a"}), on="a")
        .join(names.rename({"cid": "b", "claim_id": "claim_b"}), on="b")
        .select(
            claim_a=pl.min_horizontal("claim_a", "claim_b"),
            claim_b=pl.max_horizontal("claim_a", "claim_b"),
            shared="shared",
            weight="weight",
        )
    )


_PAIR_SCHEMA = pl.Schema(
    {"a": pl.UInt32(), "b": pl.UInt32(), "shared": pl.UInt32(), "weight": pl.Float64()}
)


def _claim_slices(indexed: pl.DataFrame, chunk: int) -> list[pl.DataFrame]:
    """``indexed`` (each claim's rows together) cut into slices of ``chunk`` claims: a claim's
    rows are never split, and cutting costs nothing however many claims there are."""
    firsts = indexed.select(pl.arg_where(pl.col("cid").ne_missing(pl.col("cid").shift())))
    cuts = [*firsts.to_series().gather_every(chunk).to_list(), indexed.height]
    return [indexed.slice(lo, hi - lo) for lo, hi in itertools.pairwise(cuts)]


def _reachable(
    dated: pl.DataFrame, undated: pl.DataFrame, left: pl.DataFrame, window: int
) -> pl.DataFrame:
    """The rows of ``dated`` (sorted by ``day_b``) and ``undated`` that claims of ``left`` can
    pair with: undated ones, and those at most ``window`` days from a day of ``left``. Two
    binary searches, so a chunk's join costs what the news around it holds, not what the
    whole database holds."""
    low, high, unknown = left.select(
        low=pl.col("day").min(), high=pl.col("day").max(), unknown=pl.col("day").null_count()
    ).row(0)
    if unknown:  # undated claims pair with every claim
        return pl.concat([undated, dated])
    days = dated["day_b"]
    start = int(days.search_sorted(low - window, side="left"))
    end = int(days.search_sorted(high + window, side="right"))
    return pl.concat([undated, dated.slice(start, end - start)])


def _partners(left: pl.DataFrame, right: pl.DataFrame, settings: BlockingSettings) -> pl.DataFrame:
    """All cross-source partners of the claims of ``left``; each keeps its strongest ones."""
    gap = (pl.col("day") - pl.col("day_b")).abs()
    pairs = (
        left.join(right, on="kid")
        .filter(
            (pl.col("src") != pl.col("src_b")) & (gap.is_null() | (gap <= settings.window_days))
        )
        .group_by("cid", "cid_b")
        # Each key weighs the mean of what it weighs in the two claims' windows: symmetric.
        # Rounded: a float sum may differ in its last bits with the order threads add it in.
        .agg(
            shared=pl.len().cast(pl.UInt32),
            weight=((pl.col("weight") + pl.col("weight_b")) / 2).sum().round(6),
        )
        .filter(pl.col("shared") >= settings.min_shared_keys)
        .sort("cid", "weight", "cid_b", descending=[False, True, False])
        .filter(rank_in_run("cid") < settings.max_candidates)
    )
    return pairs.select(
        a=pl.min_horizontal("cid", "cid_b"),
        b=pl.max_horizontal("cid", "cid_b"),
        shared="shared",
        weight="weight",
    )


def strongest(pairs: pl.DataFrame, per_claim: int, column: str = "weight") -> pl.DataFrame:
    """Pairs in the top ``per_claim`` (by ``column``) of either of their two claims."""
    directed = pl.concat(
        [
            pairs.select(claim="claim_a", other="claim_b", value=column),
            pairs.select(claim="claim_b", other="claim_a", value=column),
        ]
    )
    kept = (
        directed.sort("claim", "value", "other", descending=[False, True, False])
        .filter(rank_in_run("claim") < per_claim)
        .select(
            claim_a=pl.min_horizontal("claim", "other"), claim_b=pl.max_horizontal("claim", "other")
        )
        .unique()
    )
    return pairs.join(kept, on=["claim_a", "claim_b"], how="semi")
