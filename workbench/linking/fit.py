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


#: Strength of the pull towards the base model in :func:`refit` (an L2 penalty on the
#: correction): a few dozen verdicts move the score a little, thousands move it more.
REFIT_PENALTY = 16.0


def _corrected(base: Variant, scored: pl.DataFrame, labels: np.ndarray) -> Variant:
    """``base`` plus a correction fitted on ``labels``: the base logit is an offset, and an
    intercept and one weight per feature are fitted on top of it, penalised towards zero, so
    the result is the base model where the verdicts say nothing."""
    from scipy.optimize import minimize

    x = design(scored, base.features)
    offset = scored.select(base.logit()).to_series().to_numpy()
    y = labels.astype(float)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = offset + theta[0] + x @ theta[1:]
        p = 1.0 / (1.0 + np.exp(-z))
        # log(1 + e^z) - y z, computed stably
        value = float(np.sum(np.logaddexp(0.0, z) - y * z))
        value += 0.5 * REFIT_PENALTY * float(theta[1:] @ theta[1:])
        grad = np.concatenate([[np.sum(p - y)], x.T @ (p - y) + REFIT_PENALTY * theta[1:]])
        return value, grad

    found = minimize(loss, np.zeros(1 + x.shape[1]), jac=True, method="L-BFGS-B")
    shift, weights = float(found.x[0]), found.x[1:]
    return Variant(
        base.features,
        tuple(float(c + w) for c, w in zip(base.coefficients, weights, strict=True)),
        base.intercept + shift,
    )


def refit(
    base: ScoringModel,
    scored: pl.DataFrame,
    labels: np.ndarray,
    *,
    name: str,
    about: Mapping[str, Any],
) -> ScoringModel:
    """A new model: ``base`` corrected by labelled pairs (a desk's verdicts), each variant on
    the pairs it scores (``semantic`` where both claims have vectors, ``plain`` on the
    others); a variant with fewer than 10 such pairs, or only one label, stays as it was.

    Args:
        base: the model the desk links with now (the shipped one, or an earlier re-fit).
        scored: the pairs' signals (``scoring.score_pairs`` columns).
        labels: 1 where the verdict says the two claims state one fact, else 0.
        name: the new model's name.
        about: how it was made (data, figures), kept in the file.
    """
    with_vectors = scored["semantic"].is_not_null().to_numpy()
    variants = {}
    for variant, rows in (("semantic", with_vectors), ("plain", ~with_vectors)):
        part = labels[rows]
        if len(part) < 10 or len(set(part.tolist())) < 2:
            variants[variant] = base.variants[variant]
            continue
        variants[variant] = _corrected(base.variants[variant], scored.filter(pl.Series(rows)), part)
    stamp = {"fitted_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
    return ScoringModel(name, variants, {**stamp, "base": base.name, **about})
