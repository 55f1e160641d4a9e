"""CSV that spreadsheets cannot turn into formulas (OWASP CSV-injection guidance)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO

import polars as pl

#: A cell starting with one of these is read as a formula by Excel, LibreOffice or Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would evaluate with ``'``; leave others alone.

    Numbers stay numbers (``-3`` is a number, not a formula); only strings are touched.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def frame_for_table(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` as a table on a page shows it and as its toolbar's "Download as CSV" and its
    clipboard copy hand it on: text cells a spreadsheet would evaluate get a leading ``'``
    (as in every export), empty text is empty rather than ``None``, and a date-time column
    whose every value is at midnight (a published day) is shown as its ISO day."""
    tidy = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if dtype == pl.String:
            formula = pl.any_horizontal(column.str.starts_with(start) for start in FORMULA_STARTS)
            guarded = pl.when(formula).then(pl.lit("'") + column).otherwise(column)
            tidy.append(guarded.fill_null("").alias(name))
        elif dtype == pl.Date:  # as ISO text: Streamlit would turn a date into a timestamp
            tidy.append(column.dt.strftime("%Y-%m-%d").fill_null("").alias(name))
        elif isinstance(dtype, pl.Datetime):
            values = frame[name].drop_nulls()
            if values.len() and (values.dt.truncate("1d") == values).all():
                tidy.append(column.dt.strftime("%Y-%m-%d").fill_null("").alias(name))
    return frame.with_columns(tidy) if tidy else frame


def write_csv(
    path: Path,
    rows: Iterable[Mapping[str, Any]],
    columns: list[str],
    *,
    excel: bool = False,
) -> int:
    """Write ``rows`` as UTF-8 CSV (with a BOM when ``excel``); return the row count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig" if excel else "utf-8", newline="") as handle:
        return _write(handle, rows, columns)


def csv_bytes(
    rows: Iterable[Mapping[str, Any]], columns: list[str], *, excel: bool = False
) -> bytes:
    """The same CSV as :func:`write_csv`, in memory (for a download button)."""
    buffer = io.StringIO(newline="")
    _write(buffer, rows, columns)
    return buffer.getvalue().encode("utf-8-sig" if excel else "utf-8")


def _write(handle: TextIO, rows: Iterable[Mapping[str, Any]], columns: list[str]) -> int:
    writer = csv.writer(handle)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow(["" if row.get(c) is None else neutralise(row.get(c)) for c in columns])
        count += 1
    return count
