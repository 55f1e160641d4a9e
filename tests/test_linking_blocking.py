"""Blocking: an inverted index over keys pairs only cross-source claims sharing enough keys."""

from __future__ import annotations

import datetime as dt

import polars as pl

from workbench.linking.blocking import BlockingSettings, candidate_pairs, key_weights, strongest

SETTINGS = BlockingSettings(
    max_key_df=3, max_key_df_share=0.0, min_shared_keys=2, max_candidates=5, window_days=30
)


def _frames(
    rows: dict[str, tuple[str, str | None, list[str]]],
) -> tuple[pl.DataFrame, pl.DataFrame]:
    keys = pl.DataFrame(
        [(cid, key) for cid, (_, _, ks) in rows.items() for key in ks],
        schema=["claim_id", "key"],
        orient="row",
    )
    meta = pl.DataFrame(
        {
            "claim_id": list(rows),
            "article_id": [f"art-{cid}" for cid in rows],
            "source": [src for src, _, _ in rows.values()],
            "published": [dt.date.fromisoformat(d) if d else None for _, d, _ in rows.values()],
        }
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
    assert key_weights(keys, meta, SETTINGS).height == 0
    assert candidate_pairs(keys, meta, SETTINGS).height == 0


def test_keys_of_one_source_only_are_dropped() -> None:
    keys, meta = _frames(
        {
            "a": ("S1", None, ["t:local", "n:kbr"]),
            "b": ("S1", None, ["t:local", "n:kbr"]),
            "c": ("S2", None, ["n:kbr", "c:meet"]),
        }
    )
    assert set(key_weights(keys, meta, SETTINGS)["key"]) == {"n:kbr"}


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
