"""Fit the learned scorer (:mod:`workbench.linking.learned`) on labelled pairs.

Pure but for scikit-learn, imported here only (``pip install workbench[fit]``; the test
extra has it): a link run needs the fitted coefficients, never the library. Used by
``bench/fit_scoring.py`` (the shipped model, from the development events) and kept ready
for re-fitting from a desk's own verdicts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import polars as pl

from workbench.linking.learned import FEATURES, VARIANT_FEATURES, ScoringModel, Variant

#: Inverse regularisation strength: mild, since the features are few and bounded.
C = 1.0


def design(scored: pl.DataFrame, features: tuple[str, ...]) -> np.ndarray:
    """The feature matrix of ``scored`` (rows: pairs; columns: ``features``)."""
    return scored.select(**{name: FEATURES[name] for name in features}).to_numpy()


def fit_variant(scored: pl.DataFrame, labels: np.ndarray, features: tuple[str, ...]) -> Variant:
    """One logistic regression on ``labels`` (1: same fact, 0: not).

    Fitted with both classes weighted alike (it ranks a claim's partners better on the
    held-out event: recall@10 0.62 and 0.68 against 0.57 and 0.65 unweighted), then the
    intercept is moved back by the log odds of the labelled data, so that the output reads
    as a probability at that base rate again (King and Zeng's prior correction).
    """
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
    model.fit(design(scored, features), labels)
    positives = float(labels.sum())
    prior = np.log(positives / max(1.0, len(labels) - positives))
    return Variant(
        features, tuple(float(c) for c in model.coef_[0]), float(model.intercept_[0]) + prior
    )


def fit(
    scored: pl.DataFrame, labels: np.ndarray, *, name: str, about: Mapping[str, Any]
) -> ScoringModel:
    """Both variants on the same labelled pairs: ``semantic`` on the pairs with vectors,
    ``plain`` on all of them without the vector features.

    Args:
        scored: pairs with their signals (``scoring.score_pairs`` columns).
        labels: 1 where the two claims state the same fact (corroborate or conflict), else 0.
        name: the model's name, kept with every match it scores.
        about: how it was made (script, data, figures), kept in the file.
    """
    with_vectors = scored["semantic"].is_not_null().to_numpy()
    if with_vectors.sum() < 10 or len(set(labels[with_vectors].tolist())) < 2:
        raise ValueError("too few labelled pairs with vectors to fit the semantic variant")
    variants = {
        "semantic": fit_variant(
            scored.filter(pl.Series(with_vectors)),
            labels[with_vectors],
            VARIANT_FEATURES["semantic"],
        ),
        "plain": fit_variant(scored, labels, VARIANT_FEATURES["plain"]),
    }
    stamp = {"fitted_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
    return ScoringModel(name, variants, {**stamp, **about})
