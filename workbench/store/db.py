"""Connections: the one place that opens DuckDB files.

DuckDB lets one process write a file and refuses every other process, even read-only, while
it is open. So connections are short-lived (one unit of work) and opening retries for a
bounded time before giving up with :class:`DatabaseBusy`.
"""

from __future__ import annotations

import contextlib
import fcntl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import polars as pl

from workbench.store.migrations import MIGRATIONS

Connection = duckdb.DuckDBPyConnection
T = TypeVar("T")


class StoreError(RuntimeError):
    """A database problem, with a one-line message fit for the user."""


class DatabaseBusy(StoreError):
    """Another process holds the database file for longer than we wait."""


class AlreadyRunning(StoreError):
    """Another process runs the same job on this database (see :func:`exclusive`)."""


@contextmanager
def exclusive(path: Path, job: str) -> Iterator[None]:
    """Hold ``job``'s lock on the database at ``path`` for the block, or raise
    :class:`AlreadyRunning` at once. An advisory ``flock`` on a file beside the database
    (``NAME.duckdb.link.lock``): the system releases it when the process ends, however it ends,
    so a killed run never leaves it held. The file is left in place (deleting it would race)."""
    lock = path.with_name(f"{path.name}.{job}.lock")
    try:
        handle = lock.open("a")
    except OSError as error:  # a read-only folder, a full disk: one line, as other writes
        raise StoreError(f"cannot write {lock}: {error.strerror}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyRunning(
                f"another {job} is running on {path}; try again when it ends"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def one(con: Connection, sql: str, params: list[object] | None = None) -> tuple[Any, ...] | None:
    """The first row of a query, or ``None``; the result is read to its end.

    (DuckDB keeps a partly fetched result pending on the connection, which blocks the next
    statement of a shared unit of work.)
    """
    rows = con.execute(sql, params or []).fetchall()
    return tuple(rows[0]) if rows else None


def query_frame(con: Connection, sql: str, params: list[object] | None = None) -> pl.DataFrame:
    """The rows of a query as a polars frame (handed over through Arrow, without a copy)."""
    result: pl.DataFrame = con.sql(sql, params=params or []).pl()
    return result


def _is_lock_error(error: Exception) -> bool:
    text = str(error).lower()
    return "lock" in text or "conflicting" in text or "being used" in text


#: DuckDB keeps one database instance per file and process; two threads opening the same file
#: at the same moment can race in that cache ("... is already attached by database ...").
#: Opening and closing are quick, so they take turns in this process (and an opening that
#: still meets the race is tried again, like one that meets another process's lock).
_OPENING = threading.Lock()


def _is_attach_race(error: Exception) -> bool:
    return "already attached" in str(error).lower()


def _open(path: Path, read_only: bool, wait_s: float) -> Connection:
    deadline = time.monotonic() + wait_s
    delay = 0.02
    while True:
        try:
            with _OPENING:
                return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as error:
            if not (_is_lock_error(error) or _is_attach_race(error)):
                raise StoreError(f"cannot open {path}: {error}") from None
            if time.monotonic() >= deadline:
                raise DatabaseBusy(
                    f"database busy: {path} is held by another process for over {wait_s:g}s"
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def retry_conflicts(work: Callable[[], T], *, attempts: int = 20) -> T:
    """Run ``work`` again when a concurrent transaction in this process won a write conflict.

    DuckDB resolves concurrent writers optimistically: the later commit fails. Each unit of
    work here is small and idempotent to retry.
    """
    for attempt in range(attempts):
        try:
            return work()
        except (duckdb.TransactionException, duckdb.ConstraintException):
            if attempt == attempts - 1:
                raise StoreError("database busy: too many concurrent writes, try again") from None
            time.sleep(0.005 * (attempt + 1))
    raise AssertionError("unreachable")


@contextmanager
def transaction(con: Connection) -> Iterator[None]:
    """One transaction: committed when the block ends, rolled back when it raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.TransactionException):
            con.execute("ROLLBACK")  # a COMMIT that failed (disk full, conflict) ended it
        raise


def _one_line(path: Path, error: duckdb.Error) -> str:
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    if "no space left" in first.lower():
        return f"cannot write {path}: the disk is full ({first})"
    if "read-only" in first.lower() or "read only" in first.lower():
        return f"cannot write {path}: the database or its folder is read-only ({first})"
    return f"{path}: {first}"


def migrate(con: Connection) -> list[int]:
    """Apply pending migrations, each in its own transaction; return the numbers applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS _migrations "
        "(id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    done = {row[0] for row in con.execute("SELECT id FROM _migrations").fetchall()}
    applied = []
    for number, name, sql in MIGRATIONS:
        if number in done:
            continue
        with transaction(con):
            con.execute(sql)
            con.execute("INSERT INTO _migrations VALUES (?, ?, now()::TIMESTAMP)", [number, name])
        applied.append(number)
    return applied


@contextmanager
def connect(path: Path, *, read_only: bool = False, wait_s: float = 10.0) -> Iterator[Connection]:
    """Open the database for one unit of work and close it after.

    A writable open creates the file (and its folder) and brings the schema up to date.
    A read-only open of a missing file raises :class:`StoreError`.

    Raises:
        DatabaseBusy: another process kept the file locked for ``wait_s`` seconds.
        StoreError: the file cannot be opened (missing, not a database, no permission).
    """
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"no database at {path}: run `workbench ingest` first")
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder of {path}: {error.strerror}") from None
    try:
        con = _open(path, read_only, wait_s)
    except duckdb.Error as error:
        raise StoreError(f"cannot open {path}: {error}") from None
    try:
        if not read_only:
            migrate(con)
        yield con
    except duckdb.Error as error:  # one line for the user, never a traceback
        raise StoreError(_one_line(path, error)) from None
    finally:
        # A full disk: the error above says why. Closing the last connection detaches the
        # instance, so closes take turns with openings too.
        with _OPENING, contextlib.suppress(duckdb.Error):
            con.close()
