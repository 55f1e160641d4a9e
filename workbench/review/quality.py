"""Agreement and calibration from the database: what `workbench agreement` and the UI show."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from workbench.review.agreement import Agreement, agreement, calibration, score_bands
from workbench.store import Store


@dataclass(frozen=True)
class Quality:
    """Reviewer agreement, linker precision by score cut-off, suggested score bands, which
    model scored the matches, and the models re-fitted from verdicts with their figures."""

    agreement: Agreement
    calibration: pl.DataFrame
    bands: dict[str, float | None]
    scored_by: pl.DataFrame = field(default_factory=pl.DataFrame)  # model, matches
    models: pl.DataFrame = field(default_factory=pl.DataFrame)  # one row per kept model

    def as_dict(self) -> dict[str, Any]:
        """One JSON-ready object: the agreement fields, then ``calibration`` and ``bands``."""
        return {
            **self.agreement.as_dict(),
            "calibration": self.calibration.to_dicts(),
            "bands": self.bands,
            "scored_by": self.scored_by.to_dicts(),
            "models": self.models.to_dicts(),
        }


def quality(store: Store, *, step: float = 10.0) -> Quality:
    """Agreement over reviewers' current verdicts (adjudications left out) and calibration
    over every current verdict on a match that still exists."""
    current = store.current_verdicts()
    reviewers = current.filter(pl.col("role") == "reviewer").select(
        "match_id", "reviewer", "verdict"
    )
    judged = current.filter(pl.col("score").is_not_null()).select("match_id", "score", "verdict")
    table = calibration(judged, step=step)
    return Quality(
        agreement(reviewers), table, score_bands(table), store.matches_by_model(), models(store)
    )


def _pair(values: Any) -> str:
    before, after = values if values else (None, None)
    return f"{'-' if before is None else before} -> {'-' if after is None else after}"


def models(store: Store) -> pl.DataFrame:
    """The models re-fitted from the desk's verdicts, newest first, with what the re-fit
    measured on held-back verdicts (old model -> new)."""
    rows = []
    for kept in store.models().iter_rows(named=True):
        figures = json.loads(kept["figures"])
        before, after = figures["before"]["all"], figures["after"]["all"]
        rows.append(
            {
                "model": kept["name"],
                "created": kept["created_at"],
                "in use": "yes" if kept["in_use"] else "",
                "on top of": figures.get("base", ""),
                "verdicts": figures.get("trained"),
                "threshold": figures.get("threshold"),
                "precision": _pair((before["precision"], after["precision"])),
                "recall": _pair((before["recall"], after["recall"])),
                "average precision": _pair(figures.get("average_precision")),
                "recall at precision 0.8": _pair(figures.get("recall_at_precision", {}).get("0.8")),
            }
        )
    return pl.DataFrame(rows)
