"""The learned scorer: the shipped model file, scoring (pure), and fitting on labelled pairs."""

from __future__ import annotations

import json

import numpy as np
import polars as pl
import pytest

from workbench.linking import learned
from workbench.linking.learned import FEATURES, VARIANT_FEATURES


def _pairs(**columns: list[object]) -> pl.DataFrame:
    n = len(next(iter(columns.values())))
    base: dict[str, list[object]] = {
        "token": [None] * n,
        "name": [None] * n,
        "concept": [None] * n,
        "anchor": [None] * n,
        "attribution": [None] * n,
        "semantic": [None] * n,
        "latent": [None] * n,
        "numbers_shared": [0] * n,
        "numbers_near": [0] * n,
        "units_shared": [0] * n,
        "days_apart": [None] * n,
        "same_language": [False] * n,
    }
    base.update(columns)
    schema = {k: pl.Float64 for k in base} | {
        "numbers_shared": pl.UInt32,
        "units_shared": pl.UInt32,
        "days_apart": pl.Int64,
        "same_language": pl.Boolean,
    }
    return pl.DataFrame(base, schema=schema)


def test_the_shipped_model_loads_and_says_how_it_was_made() -> None:
    model = learned.load()
    assert set(model.variants) == set(VARIANT_FEATURES)
    for key, variant in model.variants.items():
        assert variant.features == VARIANT_FEATURES[key]
        assert len(variant.coefficients) == len(variant.features)
    assert model.about["script"] == "bench/fit_scoring.py"
    assert {d["name"] for d in model.about["data"]} >= {"samples"}


def test_scores_are_probabilities_that_rise_with_agreement() -> None:
    model = learned.load()
    scored = _pairs(
        semantic=[95.0, 60.0, None, None],
        latent=[80.0, 10.0, None, None],
        concept=[80.0, 10.0, 80.0, 10.0],
        name=[90.0, None, 90.0, None],
    )
    scores = model.score(scored).to_list()
    assert all(0 <= s <= 100 for s in scores)
    assert scores[0] > scores[1]  # semantic variant: vectors and concepts agree
    assert scores[2] > scores[3]  # plain variant (no vectors): names and concepts agree


def test_a_model_file_round_trips_and_rejects_unknown_features() -> None:
    model = learned.load()
    again = learned.parse(model.to_json())
    assert again.variants == model.variants and again.name == model.name
    raw = json.loads(model.to_json())
    raw["variants"]["plain"]["features"][0] = "shoe_size"
    with pytest.raises(ValueError, match="unknown features"):
        learned.parse(json.dumps(raw))


def test_every_feature_is_defined_for_a_scored_frame() -> None:
    frame = _pairs(token=[50.0], semantic=[70.0])
    values = frame.select(**FEATURES).row(0, named=True)
    assert values["token_same_language"] == 0.0 and values["semantic"] == pytest.approx(0.7)
    assert values["has_name"] == 0.0  # absent, not disagreeing


def test_fitting_learns_the_signal_that_separates_the_labels() -> None:
    pytest.importorskip("sklearn")
    from workbench.linking import fit

    rng = np.random.default_rng(7)
    n = 400
    labels = (rng.random(n) < 0.3).astype(int)
    latent = np.where(labels == 1, rng.normal(70, 10, n), rng.normal(30, 10, n)).clip(0, 100)
    token = rng.uniform(0, 100, n)  # noise
    scored = _pairs(
        latent=latent.tolist(),
        semantic=(latent * 0.5 + 40).tolist(),
        token=token.tolist(),
        concept=rng.uniform(0, 100, n).tolist(),
    )
    model = fit.fit(scored, labels, name="test", about={"data": "synthetic"})
    semantic = dict(
        zip(
            model.variants["semantic"].features,
            model.variants["semantic"].coefficients,
            strict=True,
        )
    )
    assert semantic["latent"] > 1.0 and abs(semantic["token"]) < semantic["latent"]
    scores = model.score(scored).to_numpy()
    assert scores[labels == 1].mean() > scores[labels == 0].mean() + 30
    # Read as a probability at the data's base rate (prior-corrected after balanced fitting).
    assert abs(scores.mean() / 100 - labels.mean()) < 0.15
    assert model.about["data"] == "synthetic" and "fitted_at" in model.about
