"""Exports of claims (with anchors as readable text) and of matches (with explanations)."""

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


MATCH_COLUMNS = [
    "match_id",
    "claim_a_id",
    "claim_b_id",
    "source_a",
    "source_b",
    "language_a",
    "language_b",
    "text_a",
    "text_b",
    "score",
    "suggestion",
    "agrees",
    "differs",
    "token",
    "name",
    "concept",
    "anchor",
    "attribution",
    "semantic",
    "latent",
    "model",
]


def export_matches(store: Store, out: Path, *, excel: bool = False) -> int:
    """Write one row per match to ``out`` (CSV, UTF-8), best score first; return the count."""
    frame = store.matches()
    return write_csv(out, frame.iter_rows(named=True), MATCH_COLUMNS, excel=excel)
