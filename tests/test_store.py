"""The DuckDB store: migrations, bound parameters, and another process holding the file."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.store import DatabaseBusy, Store, StoreError
from workbench.store.db import connect
from workbench.store.migrations import MIGRATIONS


def test_migrations_are_recorded_once(db: Path) -> None:
    Store(db).init()
    Store(db).init()
    with connect(db) as con:
        rows = con.execute("SELECT id, name FROM _migrations ORDER BY id").fetchall()
    assert [r[0] for r in rows] == [m[0] for m in MIGRATIONS]


def test_reading_a_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no database at .*run `workbench ingest` first"):
        Store(tmp_path / "none.duckdb").totals()


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "text.duckdb"
    path.write_text("this is not a database file")
    with pytest.raises(StoreError, match="cannot open"):
        Store(path).init()


def test_search_is_a_bound_value(db: Path) -> None:
    Store(db).init()
    hostile = "x') OR 1=1; DROP TABLE claims; --"
    assert Store(db).claims(search=hostile).height == 0
    assert Store(db).totals()["claims"] == 0  # the table is still there


HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def test_another_process_holding_the_file(db: Path) -> None:
    Store(db).init()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db), "3"], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
        with pytest.raises(DatabaseBusy, match="database busy"):
            Store(db, wait_s=0.3).totals()
        started = time.monotonic()
        assert Store(db, wait_s=20).totals()["articles"] == 0  # waits for the holder to finish
        assert time.monotonic() - started < 20
    finally:
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()
