"""Verdict exports: one row per current verdict, or the whole append-only log."""

from __future__ import annotations

from pathlib import Path

from workbench.export.csv_safe import csv_bytes, write_csv
from workbench.store import Store

VERDICT_COLUMNS = [
    "verdict_id",
    "match_id",
    "claim_a_id",
    "claim_b_id",
    "source_a",
    "source_b",
    "language_a",
    "language_b",
    "text_a",
    "text_b",
    "verdict",
    "reviewer",
    "role",
    "note",
    "decided_at",
    "score",
    "suggestion",
]
#: The log adds which verdict a ``retract`` row withdraws.
HISTORY_COLUMNS = [*VERDICT_COLUMNS, "retracts"]


def _rows(store: Store, history: bool) -> list[dict[str, object]]:
    rows = store.verdict_rows(history=history).to_dicts()
    for row in rows:  # ISO 8601 with a Z: the times are UTC
        if row.get("decided_at") is not None:
            row["decided_at"] = row["decided_at"].isoformat() + "Z"
    return rows


def export_verdicts(
    store: Store, out: Path, *, excel: bool = False, history: bool = False, fmt: str = "csv"
) -> int:
    """Write current verdicts (or, with ``history``, every log row) to ``out``; return the count.

    ``fmt`` is ``csv`` (formula-safe text) or ``parquet`` (typed columns, texts untouched:
    Parquet is read by programs, not spreadsheets).
    """
    columns = HISTORY_COLUMNS if history else VERDICT_COLUMNS
    if fmt == "parquet":
        frame = store.verdict_rows(history=history).select(columns)
        out.parent.mkdir(parents=True, exist_ok=True)
        frame.write_parquet(out)
        return frame.height
    return write_csv(out, _rows(store, history), columns, excel=excel)


def verdicts_csv(store: Store, *, excel: bool = False, history: bool = False) -> bytes:
    """The same CSV as :func:`export_verdicts`, as bytes (the UI's download)."""
    columns = HISTORY_COLUMNS if history else VERDICT_COLUMNS
    return csv_bytes(_rows(store, history), columns, excel=excel)
