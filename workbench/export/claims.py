"""Export of claims with their anchors as readable text."""

from __future__ import annotations

from pathlib import Path

from workbench.export.csv_safe import write_csv
from workbench.store import Store

CLAIM_COLUMNS = [
    "claim_id",
    "article_id",
    "article_ref",
    "source",
    "language",
    "published",
    "position",
    "text",
    "dates",
    "numbers",
    "names",
    "titles",
    "weekdays",
    "attributions",
]


def export_claims(store: Store, out: Path, *, excel: bool = False) -> int:
    """Write one row per claim to ``out`` (CSV, UTF-8); return the number of rows."""
    frame = store.claims()
    return write_csv(out, frame.iter_rows(named=True), CLAIM_COLUMNS, excel=excel)
