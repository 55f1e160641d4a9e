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


#: Formats of ``export matches``: CSV for people (the reasons in words, formula-safe), Parquet
#: and JSON Lines for programs (the reasons also as records, texts untouched).
MATCH_FORMATS = ("csv", "parquet", "json")


def export_matches(store: Store, out: Path, *, excel: bool = False, fmt: str = "csv") -> int:
    """Write one row per match to ``out``, best score first; return the count.

    ``fmt``: ``csv`` (UTF-8; ``agrees`` and ``differs`` in words), ``parquet`` or ``json``
    (JSON Lines, one match an object): the same columns and ``reasons``, the explanation as
    typed records (kind, what each side says as written and normalised, unit, character spans
    in each claim; see ``docs/linking.md``).
    """
    if fmt not in MATCH_FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(MATCH_FORMATS)}")
    frame = store.matches()
    if fmt == "csv":
        return write_csv(out, frame.iter_rows(named=True), MATCH_COLUMNS, excel=excel)
    frame = frame.select(*MATCH_COLUMNS, "reasons")
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        frame.write_parquet(out)
    else:
        frame.write_ndjson(out)
    return frame.height
