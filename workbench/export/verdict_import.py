"""Verdict import: CSV files from another desk or machine, every row validated.

Accepted: the columns of ``workbench export verdicts`` (current or ``--history``), or the
minimum ``match_id, verdict, reviewer, decided_at`` (and ``note``, ``role``). Bad rows are
reported with their line numbers and the good ones are imported; importing a file twice adds
nothing (a verdict is identified by match, reviewer, verdict and time); rows naming a match
this database does not hold are reported, not dropped silently.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pydantic

from workbench.export.csv_safe import FORMULA_STARTS
from workbench.models import Rejection, VerdictRecord
from workbench.store import Store

REQUIRED = ("match_id", "verdict", "reviewer", "decided_at")
#: How far past this machine's clock a ``decided_at`` may be (clocks differ a little); a
#: verdict from the future would stay "current" over every later one.
FUTURE_MARGIN = dt.timedelta(minutes=5)
#: The export writes at most this many bytes a row; a larger file is still read row by row.
MAX_FIELD = 1_000_000


@dataclass
class ImportReport:
    """What an import did: rows read, added, already present, and what was refused."""

    rows: int = 0
    added: int = 0
    already: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    unknown: list[Rejection] = field(default_factory=list)
    reattached: int = 0  # rows on a match not held here, attached through their claim ids

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.unknown


def unneutralise(value: str) -> str:
    """Undo the export's formula guard: ``'=x`` back to ``=x`` (only before a formula start)."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _reason(error: pydantic.ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "row"
    return f"{where}: {first['msg']}"


def read_records(path: Path) -> tuple[list[tuple[int, VerdictRecord]], list[Rejection], int]:
    """(line, record) for every valid row, a rejection for every bad one, and the row count.

    Raises:
        ValueError: the file cannot be read as CSV with the required columns (one line).
    """
    csv.field_size_limit(MAX_FIELD)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
            good, bad, count = [], [], 0
            for row in reader:
                count += 1
                line = reader.line_num
                values = {k: unneutralise(v) for k, v in row.items() if k and isinstance(v, str)}
                try:
                    good.append((line, VerdictRecord.model_validate(values)))
                except pydantic.ValidationError as error:
                    bad.append(Rejection(path=str(path), line=line, reason=_reason(error)))
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not UTF-8 text (export files are UTF-8)") from None
    except csv.Error as error:
        raise ValueError(f"{path}: not readable as CSV ({error})") from None
    except OSError as error:
        raise ValueError(f"{path}: cannot be read ({error.strerror})") from None
    return good, bad, count


def import_verdicts(store: Store, path: Path) -> ImportReport:
    """Validate and import the verdicts of one CSV file into ``store``.

    Raises:
        ValueError: the file is not a readable verdict CSV (one-line message).
        StoreError: the database cannot be opened.
    """
    good, bad, count = read_records(path)
    latest = dt.datetime.now(dt.UTC).replace(tzinfo=None) + FUTURE_MARGIN
    future = [(line, r) for line, r in good if r.decided_at > latest]
    bad += [
        Rejection(
            path=str(path),
            line=line,
            reason=f"decided_at {r.decided_at.isoformat()} is in the future (not imported)",
        )
        for line, r in future
    ]
    good = [(line, r) for line, r in good if r.decided_at <= latest]
    outcome = store.import_verdicts([record for _, record in good])
    bad += [
        Rejection(path=str(path), line=good[i][0], reason=f"{why} (not imported)")
        for i, why in outcome.refused
    ]
    bad.sort(key=lambda r: r.line or 0)
    unknown = [
        Rejection(
            path=str(path),
            line=good[i][0],
            reason=f"match {good[i][1].match_id} is not in this database, nor both its claims "
            "(not imported)",
        )
        for i in outcome.unknown
    ]
    return ImportReport(
        rows=count,
        added=outcome.added,
        already=outcome.already,
        rejected=bad,
        unknown=unknown,
        reattached=outcome.reattached,
    )
