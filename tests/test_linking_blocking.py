"""Blocking: an inverted index over keys pairs only cross-source claims sharing enough keys."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.linking import blocking
from workbench.linking.blocking import (
    KEYS_SCHEMA,
    META_SCHEMA,
    BlockingSettings,
    candidate_pairs,
    rank_in_run,
    strongest,
    usable_keys,
)

SETTINGS = BlockingSettings(max_key_df=3, min_shared_keys=2, max_candidates=5, window_days=30)


def _frames(
    rows: dict[str, tuple[str, str | None, list[str]]],
) -> tuple[pl.DataFrame, pl.DataFrame]:
    keys = pl.DataFrame(
        [(cid, key) for cid, (_, _, ks) in rows.items() for key in ks],
        schema=KEYS_SCHEMA,
        orient="row",
    )
    meta = pl.DataFrame(
        {
            "claim_id": list(rows),
            "article_id": [f"art-{cid}" for cid in rows],
            "source": [src for src, _, _ in rows.values()],
            "published": [dt.date.fromisoformat(d) if d else None for _, d, _ in rows.values()],
        },
        schema=META_SCHEMA,
    )
    return keys, meta


def _pairs(frame: pl.DataFrame) -> set[tuple[str, str]]:
    return set(frame.select("claim_a", "claim_b").iter_rows())


def test_pairs_share_keys_across_sources() -> None:
    keys, meta = _frames(
        {
            "a": ("S1", "2025-03-09", ["n:kbr", "c:meet", "d:2025-03-09"]),
            "b": ("S2", "2025-03-10", ["n:kbr", "c:meet"]),
            "c": (
                "S1",
                "2025-03-09",
                ["n:kbr", "c:meet"],
            ),  # same source as a: never paired with it
            "d": ("S3", "2025-03-09", ["n:brk", "c:water"]),  # shares nothing
        }
    )
    assert _pairs(candidate_pairs(keys, meta, SETTINGS)) == {("a", "b"), ("b", "c")}


def test_one_shared_key_is_not_enough() -> None:
    keys, meta = _frames({"a": ("S1", None, ["n:kbr", "c:x"]), "b": ("S2", None, ["n:kbr", "c:y"])})
    assert candidate_pairs(keys, meta, SETTINGS).height == 0


def test_frequent_keys_are_dropped() -> None:
    rows = {f"c{i}": (f"S{i}", None, ["c:common", "c:also-common"]) for i in range(5)}
    keys, meta = _frames(rows)
    assert usable_keys(keys, meta, SETTINGS).height == 0
    assert candidate_pairs(keys, meta, SETTINGS).height == 0


def test_keys_of_one_source_only_are_dropped() -> None:
    keys, meta = _frames(
        {
            "a": ("S1", None, ["t:local", "n:kbr"]),
            "b": ("S1", None, ["t:local", "n:kbr"]),
            "c": ("S2", None, ["n:kbr", "c:meet"]),
        }
    )
    assert set(usable_keys(keys, meta, SETTINGS)["key"]) == {"n:kbr"}


def test_time_window() -> None:
    keys, meta = _frames(
        {
            "a": ("S1", "2025-01-01", ["n:kbr", "c:meet"]),
            "b": ("S2", "2025-06-01", ["n:kbr", "c:meet"]),  # 151 days later
            "c": ("S3", None, ["n:kbr", "c:meet"]),  # undated: always in the window
        }
    )
    assert _pairs(candidate_pairs(keys, meta, SETTINGS)) == {("a", "c"), ("b", "c")}


def test_incremental_pairs_need_a_new_claim() -> None:
    keys, meta = _frames(
        {
            "a": ("S1", None, ["n:kbr", "c:meet"]),
            "b": ("S2", None, ["n:kbr", "c:meet"]),
            "z": ("S3", None, ["n:kbr", "c:meet"]),
        }
    )
    new = pl.Series(["z"])
    assert _pairs(candidate_pairs(keys, meta, SETTINGS, new_ids=new)) == {("a", "z"), ("b", "z")}


def test_strongest_keeps_top_k_of_either_claim() -> None:
    pairs = pl.DataFrame(
        {
            "claim_a": ["a", "a", "a", "b", "c"],
            "claim_b": ["x", "y", "z", "z", "y"],
            "weight": [3.0, 2.0, 1.0, 0.5, 5.0],
        }
    )
    kept = _pairs(strongest(pairs, 1))
    # a keeps x, c and y keep each other, z keeps a, b keeps z; (a, y) is the best of neither.
    assert kept == {("a", "x"), ("c", "y"), ("a", "z"), ("b", "z")}


def test_document_frequency_is_counted_in_the_window() -> None:
    # "c:summit" is held by 5 claims in January: too common there (max_key_df=3). In July
    # only two claims hold it, so it still pairs them: a key's frequency in other months
    # does not take it away, and the work per claim does not grow with the months stored.
    january = {f"j{i}": (f"S{i}", "2025-01-10", ["c:summit", "n:kbr"]) for i in range(5)}
    july = {
        "x": ("S1", "2025-07-01", ["c:summit", "n:kbr"]),
        "y": ("S2", "2025-07-02", ["c:summit", "n:kbr"]),
    }
    keys, meta = _frames({**january, **july})
    usable = usable_keys(keys, meta, SETTINGS)
    assert set(usable["claim_id"]) == {"x", "y"}
    assert set(usable["df"]) == {2}
    assert _pairs(candidate_pairs(keys, meta, SETTINGS)) == {("x", "y")}


ROWS = st.dictionaries(
    st.text("abcdefgh", min_size=1, max_size=2),
    st.tuples(
        st.sampled_from(["S1", "S2", "S3"]),
        st.one_of(st.none(), st.dates(dt.date(2025, 1, 1), dt.date(2025, 12, 31)).map(str)),
        st.lists(st.sampled_from(["n:a", "n:b", "c:x", "c:y", "t:word", "#:3"]), unique=True),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(ROWS, st.integers(0, 90), st.integers(1, 4))
def test_time_buckets_find_every_pair_in_the_window(
    rows: dict[str, tuple[str, str | None, list[str]]], window: int, chunk: int
) -> None:
    # The join meets only claims of neighbouring time buckets, a few claims at a time; it must
    # find exactly the pairs an all-pairs comparison of the usable keys finds.
    wide = BlockingSettings(
        max_key_df=4, min_shared_keys=2, max_candidates=1000, window_days=window
    )
    keys, meta = _frames(rows)
    held: dict[str, set[str]] = {}
    for cid, key in usable_keys(keys, meta, wide).select("claim_id", "key").iter_rows():
        held.setdefault(cid, set()).add(key)
    expected = {
        (a, b)
        for a, b in itertools.combinations(sorted(held), 2)
        if rows[a][0] != rows[b][0]
        and _near(rows[a][1], rows[b][1], window)
        and len(held[a] & held[b]) >= 2
    }
    assert _pairs(candidate_pairs(keys, meta, wide, chunk=chunk)) == expected
    new = sorted(rows)[::2]  # an incremental run: only pairs with a new claim
    found = candidate_pairs(keys, meta, wide, new_ids=pl.Series(new, dtype=pl.String), chunk=chunk)
    assert _pairs(found) == {(a, b) for a, b in expected if a in new or b in new}


def _near(a: str | None, b: str | None, window: int) -> bool:
    if a is None or b is None:
        return True
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) <= window


@settings(max_examples=200, deadline=None)
@given(ROWS, st.integers(0, 90))
def test_document_frequency_counts_the_claims_in_the_window(
    rows: dict[str, tuple[str, str | None, list[str]]], window: int
) -> None:
    wide = BlockingSettings(max_key_df=4, window_days=window)
    keys, meta = _frames(rows)
    expected = {}
    for cid, (_, day, held) in rows.items():
        for key in held:
            holders = [o for o, (_, d, ks) in rows.items() if key in ks and _near(day, d, window)]
            sources = {rows[o][0] for o, (_, _, ks) in rows.items() if key in ks}
            if len(holders) <= 4 and len(sources) >= 2:
                expected[cid, key] = len(holders)
    usable = usable_keys(keys, meta, wide)
    assert {(c, k): df for c, k, df, _ in usable.iter_rows()} == expected


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2)), max_size=30))
def test_rank_in_run_is_rank_within_groups(rows: list[tuple[int, int]]) -> None:
    frame = pl.DataFrame(rows, schema=["a", "b"], orient="row").sort("a", "b")
    ranked = frame.select(
        fast=rank_in_run("a", "b"), slow=pl.int_range(pl.len(), dtype=pl.Int64).over("a", "b")
    )
    assert ranked["fast"].to_list() == ranked["slow"].to_list()


def test_keys_counted_in_parts_give_the_same_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    # Document frequencies are counted one part of the keys at a time (memory); parts of a
    # few rows must give what one part gives.
    rng = random.Random(3)
    vocabulary = [f"{f}:{w}" for f in "nct#" for w in "abcdefg"]
    rows = {
        f"c{i:02d}": (
            rng.choice(["S1", "S2", "S3"]),
            rng.choice([None, "2025-01-01", "2025-01-20", "2025-03-01", "2025-06-01"]),
            rng.sample(vocabulary, rng.randint(1, 6)),
        )
        for i in range(40)
    }
    keys, meta = _frames(rows)
    wide = BlockingSettings(max_key_df=6, window_days=30)
    whole = candidate_pairs(keys, meta, wide).sort("claim_a", "claim_b")
    counted = usable_keys(keys, meta, wide).sort("claim_id", "key")
    monkeypatch.setattr(blocking, "PART_ROWS", 5)
    assert candidate_pairs(keys, meta, wide).sort("claim_a", "claim_b").equals(whole)
    assert usable_keys(keys, meta, wide).sort("claim_id", "key").equals(counted)
    assert whole.height > 0
