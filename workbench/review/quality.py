"""Agreement and calibration from the database: what `workbench agreement` and the UI show."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from workbench.review.agreement import Agreement, agreement, calibration, score_bands
from workbench.store import Store


@dataclass(frozen=True)
class Quality:
    """Reviewer agreement, linker precision by score cut-off, and suggested score bands."""

    agreement: Agreement
    calibration: pl.DataFrame
    bands: dict[str, float | None]

    def as_dict(self) -> dict[str, Any]:
        """One JSON-ready object: the agreement fields, then ``calibration`` and ``bands``."""
        return {
            **self.agreement.as_dict(),
            "calibration": self.calibration.to_dicts(),
            "bands": self.bands,
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
    return Quality(agreement(reviewers), table, score_bands(table))
