"""The verdict journal: verdicts the database could not take yet, kept durably on disk.

A reviewer's click must never be lost because another process holds the database (a long
``link``), the disk holding it is full or read-only, the tab closes or the server stops. Such
a verdict is appended here at once, one JSON line, and the file is fsynced before the page
says "kept". Whoever reaches the database next drains it: the server at start, a background
task of every server, and each reviewer's next step. Draining is idempotent (a verdict's id
is derived from its content and the store inserts each id once), so a drain killed half-way
is simply done again.

Files, beside the database unless the ``verdict_journal`` setting says where:

- ``JOURNAL``: the lines waiting. Appends take an exclusive ``flock`` on the file itself.
- ``JOURNAL.<random>.draining``: lines taken by a drainer (renamed away under the same lock,
  so new verdicts go to a fresh file while the database is written). Removed once stored;
  left by a killed drainer and taken by the next.
- ``JOURNAL.drain``: the lock of the one drainer at a time (non-blocking: others skip).
- ``JOURNAL.unplaced``: verdicts whose match a re-link removed before they could be stored,
  and lines that cannot be read, kept for a person (never dropped).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pydantic

from workbench.models import VerdictIn
from workbench.store.db import StoreError


@dataclass(frozen=True)
class Kept:
    """One verdict waiting in the journal, with the time it was given."""

    verdict: VerdictIn
    decided_at: dt.datetime


def _line(kept: Kept) -> bytes:
    row = {**kept.verdict.model_dump(mode="json"), "decided_at": kept.decided_at.isoformat()}
    return (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")


def _parse(line: bytes) -> Kept | None:
    try:
        row = json.loads(line)
        decided_at = dt.datetime.fromisoformat(row.pop("decided_at"))
        return Kept(VerdictIn.model_validate(row), decided_at)
    except (ValueError, TypeError, KeyError, AttributeError, pydantic.ValidationError):
        return None


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Journal:
    """The journal at ``path`` (created on the first append)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def _fail(self, error: OSError) -> StoreError:
        reason = "the disk is full" if error.errno == 28 else error.strerror or str(error)
        return StoreError(f"cannot keep the verdict in {self.path}: {reason}")

    def append(self, kept: Kept) -> None:
        """Add one verdict, durably: on disk (fsynced) when this returns.

        Raises:
            StoreError: it could not be written (full or read-only disk, no permission).
        """
        data = _line(kept)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            while True:
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX)
                    try:  # a drainer may have renamed the file away while we waited
                        same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
                    except FileNotFoundError:
                        same = False
                    if same:
                        written = os.write(fd, data)
                        if written != len(data):  # a short write: the disk filled up
                            os.ftruncate(fd, os.fstat(fd).st_size - written)
                            raise OSError(28, "No space left on device")
                        os.fsync(fd)
                        _fsync_dir(self.path.parent)
                        return
                finally:
                    os.close(fd)  # releases the lock
        except OSError as error:
            raise self._fail(error) from None

    def waiting(self) -> int:
        """How many verdicts wait (in the journal and in batches a drainer holds)."""
        count = 0
        for path in [self.path, *self._batches()]:
            try:
                with path.open("rb") as handle:
                    count += sum(1 for line in handle if line.strip())
            except OSError:
                continue
        return count

    def unplaced(self) -> int:
        """How many verdicts were set aside for a person (see the module's note)."""
        try:
            with self._unplaced_path.open("rb") as handle:
                return sum(1 for line in handle if line.strip())
        except OSError:
            return 0

    @property
    def _unplaced_path(self) -> Path:
        return self.path.with_name(self.path.name + ".unplaced")

    def _batches(self) -> list[Path]:
        return sorted(self.path.parent.glob(f"{self.path.name}.*.draining"))

    def _take(self) -> None:
        """Rename the waiting lines into a batch of their own, under the append lock."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if os.fstat(fd).st_size:
                batch = self.path.with_name(f"{self.path.name}.{secrets.token_hex(6)}.draining")
                os.rename(self.path, batch)
                _fsync_dir(self.path.parent)
        finally:
            os.close(fd)

    @contextmanager
    def draining(self) -> Iterator[list[tuple[Path, list[Kept]]] | None]:
        """The batches waiting, as (file, verdicts), for one drainer at a time.

        Yields ``None`` when another drainer is at work (nothing to do here). A batch is
        removed only when the block ends without an error; unreadable lines are set aside in
        the ``.unplaced`` file first.
        """
        lock_path = self.path.with_name(self.path.name + ".drain")
        try:
            if not self.path.exists() and not self._batches():
                yield []
                return
            lock = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise StoreError(f"cannot drain {self.path}: {error.strerror}") from None
        try:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield None
                return
            try:
                self._take()
                batches, bad = [], []
                for batch in self._batches():
                    verdicts = []
                    for line in batch.read_bytes().splitlines():
                        kept = _parse(line) if line.strip() else None
                        if kept is not None:
                            verdicts.append(kept)
                        elif line.strip():
                            bad.append(line)
                    batches.append((batch, verdicts))
            except OSError as error:
                raise StoreError(f"cannot drain {self.path}: {error.strerror}") from None
            yield batches
            self._set_aside_lines(bad)
            for batch, _ in batches:
                batch.unlink(missing_ok=True)
        finally:
            os.close(lock)

    def set_aside(self, kept: list[Kept]) -> None:
        """Keep verdicts that cannot be stored (their match is gone) for a person to see."""
        self._set_aside_lines([_line(k).rstrip(b"\n") for k in kept])

    def _set_aside_lines(self, lines: list[bytes]) -> None:
        if not lines:
            return
        with self._unplaced_path.open("ab") as handle:
            handle.write(b"".join(line + b"\n" for line in lines))
            handle.flush()
            os.fsync(handle.fileno())
