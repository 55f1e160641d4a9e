"""Pure: the learned scorer. A pair's signals in, the probability that both claims state the
same fact out (shown 0-100 as ``score``).

A logistic regression over the pair features below, fitted on labelled pairs
(:mod:`workbench.linking.fit`, ``bench/fit_scoring.py``) and shipped as a small JSON file
(``data/scoring_model.json``: coefficients, the data it was fitted on, its figures). Two
variants: ``semantic`` for pairs whose claims both have vectors (see
:mod:`workbench.linking.semantic`), ``plain`` for the others (a corpus in one language,
where no vectors are computed). Inference is a dot product in polars; scikit-learn is
needed only to fit.

A feature is 0 where its signal is absent (no names on one side, no vectors); the
``has_*`` indicators let the model tell "absent" from "disagrees".
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import polars as pl

MODEL_FILE = "scoring_model.json"


def _signal(name: str) -> pl.Expr:
    return pl.col(name).fill_null(0.0) / 100.0


def _present(name: str) -> pl.Expr:
    return pl.col(name).is_not_null().cast(pl.Float64)


_SAME = pl.col("same_language").cast(pl.Float64)

#: Feature name -> expression over a scored pair frame (see ``scoring.score_pairs``).
FEATURES: dict[str, pl.Expr] = {
    "semantic": _signal("semantic"),
    "latent": _signal("latent"),
    "token": _signal("token"),
    "name": _signal("name"),
    "has_name": _present("name"),
    "concept": _signal("concept"),
    "has_concept": _present("concept"),
    "anchor": _signal("anchor"),
    "numbers_shared": pl.col("numbers_shared").fill_null(0).clip(0, 3).cast(pl.Float64),
    "numbers_near": pl.col("numbers_near").fill_null(0).clip(0, 3).cast(pl.Float64),
    "units_shared": pl.col("units_shared").fill_null(0).clip(0, 2).cast(pl.Float64),
    "attribution": _present("attribution"),
    "same_day": (pl.col("days_apart") == 0).fill_null(False).cast(pl.Float64),
    "days_apart": pl.col("days_apart").clip(0, 7).fill_null(0).cast(pl.Float64) / 7.0,
    "same_language": _SAME,
    "token_same_language": _signal("token") * _SAME,
    "latent_same_language": _signal("latent") * _SAME,
}
#: Features of each variant: ``plain`` pairs have no vectors.
VARIANT_FEATURES: dict[str, tuple[str, ...]] = {
    "semantic": tuple(FEATURES),
    "plain": tuple(f for f in FEATURES if f not in {"semantic", "latent", "latent_same_language"}),
}


@dataclass(frozen=True)
class Variant:
    """One logistic regression: ``sigmoid(intercept + sum(coef * feature))``."""

    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float

    def logit(self) -> pl.Expr:
        """The linear part, as an expression over a scored pair frame."""
        total = pl.lit(self.intercept)
        for name, weight in zip(self.features, self.coefficients, strict=True):
            total = total + weight * FEATURES[name]
        return total


@dataclass(frozen=True)
class ScoringModel:
    """A fitted scorer: its name (kept with each match), variants, and how it was made."""

    name: str
    variants: Mapping[str, Variant]
    about: Mapping[str, Any]

    def score(self, scored: pl.DataFrame) -> pl.Series:
        """``score`` (0-100, one decimal) of each pair of ``scored``: the semantic variant
        where the pair has vectors (``semantic`` not null), else the plain one."""
        if scored.height == 0:
            return pl.Series("score", [], dtype=pl.Float64())
        logit = (
            pl.when(pl.col("semantic").is_not_null())
            .then(self.variants["semantic"].logit())
            .otherwise(self.variants["plain"].logit())
        )
        probability = 1.0 / (1.0 + (-logit).exp())
        return scored.select(score=(100.0 * probability).round(1)).to_series()

    def to_json(self) -> str:
        """The model file's text."""
        variants = {
            key: {
                "features": list(v.features),
                "coefficients": [round(c, 6) for c in v.coefficients],
                "intercept": round(v.intercept, 6),
            }
            for key, v in self.variants.items()
        }
        return json.dumps(
            {"name": self.name, "variants": variants, "about": dict(self.about)},
            ensure_ascii=False,
            indent=1,
        )


def parse(text: str) -> ScoringModel:
    """A model from its file's text; unknown features are an error."""
    raw = json.loads(text)
    variants = {}
    for key, v in raw["variants"].items():
        unknown = set(v["features"]) - set(FEATURES)
        if unknown:
            raise ValueError(f"scoring model {raw['name']!r}: unknown features {sorted(unknown)}")
        variants[key] = Variant(
            tuple(v["features"]), tuple(float(c) for c in v["coefficients"]), float(v["intercept"])
        )
    if set(variants) != set(VARIANT_FEATURES):
        raise ValueError(
            f"scoring model {raw['name']!r}: needs variants {sorted(VARIANT_FEATURES)}"
        )
    return ScoringModel(str(raw["name"]), variants, raw.get("about", {}))


@lru_cache(maxsize=4)
def load(path: Path | None = None) -> ScoringModel:
    """The model at ``path``, or the shipped one."""
    if path is not None:
        return parse(Path(path).read_text("utf-8"))
    shipped = resources.files("workbench.linking").joinpath("data", MODEL_FILE)
    return parse(shipped.read_text("utf-8"))
