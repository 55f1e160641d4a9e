"""One reviewer working the queue: the pair in front of them, verdicts, skip and undo."""

from __future__ import annotations

import atexit
import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from workbench.models import Label, QueueFilter, QueueMode, VerdictIn
from workbench.review.pairs import Pair, pair_from_row
from workbench.store import Store, StoreError, UnknownMatch
from workbench.store.journal import Kept


def utc_now() -> dt.datetime:
    """Now in UTC as a naive timestamp (how the store keeps times), to the microsecond."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class NoReviewer(ValueError):
    """A verdict was attempted without a reviewer name."""


class VerdictKept(StoreError):
    """The database could not take a verdict now; it is kept and saved later.

    ``durable`` says whether it is in the journal on disk (it then survives a closed tab and
    a stopped server) or, where the journal could not be written either, only in this
    session's memory until the next step saves it.
    """

    def __init__(self, message: str, *, durable: bool) -> None:
        super().__init__(message)
        self.durable = durable


@dataclass
class ReviewSession:
    """A reviewer's place in the queue for one browser session.

    Args:
        store: the database.
        reviewer: who decides (required before any verdict).
        lease_seconds: how long a served pair is kept from other reviewers.
        clock: the source of "now" (UTC, naive); tests pass their own.
    """

    store: Store
    reviewer: str
    lease_seconds: int = 120
    clock: Callable[[], dt.datetime] = utc_now
    skipped: list[str] = field(default_factory=list)
    current_id: str | None = None
    pending: list[tuple[VerdictIn, dt.datetime]] = field(default_factory=list)
    queue: QueueFilter | None = None  # the filters the held pair was served under
    size_ttl_s: float = 10.0  # the queue size shown is recounted at most this often
    _prefetched: list[tuple[str, bool]] = field(default_factory=list, repr=False)
    _size: tuple[QueueFilter, dt.datetime, int] | None = field(default=None, repr=False)

    def _until(self, now: dt.datetime) -> dt.datetime:
        return now + dt.timedelta(seconds=self.lease_seconds)

    def current(self, queue: QueueFilter) -> Pair | None:
        """The pair in front of the reviewer: the one they hold, else the queue's next.

        A held pair is kept (its lease renewed) until it is judged or skipped, so a page
        rerun never swaps the pair under the reviewer's eyes; new filters serve a new pair.
        """
        reviewer = self._reviewer()
        self.flush()
        now = self.clock()
        if queue != self.queue:
            self.current_id, self.queue = None, queue
            self._prefetched.clear()
        with self.store.unit():  # one opening of the file for the whole step
            if self.current_id is not None and self._still_mine(queue, now):
                found = self.store.pair(self.current_id)
                if found is not None:
                    return pair_from_row(found)
            self.current_id = self.store.lease_next(
                queue,
                reviewer,
                now=now,
                until=self._until(now),
                skip=self.skipped,
                prefetched=self._prefetched,
            )
            if self.current_id is None:
                return None
            found = self.store.pair(self.current_id)
            return None if found is None else pair_from_row(found)

    def _still_mine(self, queue: QueueFilter, now: dt.datetime) -> bool:
        assert self.current_id is not None
        if queue.mode is QueueMode.AGREEMENT:
            return True
        return self.store.renew_lease(
            self.current_id, self.reviewer, now=now, until=self._until(now)
        )

    def decide(self, match_id: str, label: Label | str, note: str = "") -> str:
        """Record the reviewer's verdict on ``match_id``; the next call of :meth:`current`
        serves the next pair. Returns the verdict id.

        When the database cannot take it (another process holds it longer than the store
        waits, or its disk is full or read-only), the verdict is kept in the journal on disk
        at once, with the time it was given, and saved by whoever reaches the database next
        (this session's next step, the server's background task or its next start);
        :class:`VerdictKept` is raised so the page can say so. Where the journal cannot be
        written either, it stays in :attr:`pending` (memory) and the next step tries again.
        Nothing the reviewer decided is dropped.

        Raises:
            NoReviewer: no reviewer name is set.
            pydantic.ValidationError: the label, name or note is not acceptable.
            UnknownMatch: the match is not in the database.
            VerdictKept: the verdict is kept, not yet stored (see above).
        """
        verdict = VerdictIn(match_id=match_id, verdict=label, reviewer=self._reviewer(), note=note)
        decided_at = self.clock()
        try:
            self.flush()
            verdict_id = self.store.record_verdict(verdict, decided_at)
        except UnknownMatch:
            raise
        except StoreError as error:
            self._forget(match_id)
            try:
                self.store.keep_verdict(verdict, decided_at)
            except StoreError as journal_error:
                self.pending.append((verdict, decided_at))
                raise VerdictKept(f"{error} ({journal_error})", durable=False) from error
            raise VerdictKept(str(error), durable=True) from error
        self._forget(match_id)
        return verdict_id

    def flush(self) -> int:
        """Save kept verdicts: this session's (in memory), then the journal's; how many.

        Raises:
            StoreError: the database cannot take them yet (they stay kept).
        """
        saved = 0
        while self.pending:
            verdict, decided_at = self.pending[0]
            try:
                self.store.record_verdict(verdict, decided_at)
            except UnknownMatch:  # re-linked away meanwhile: set aside for a person, not lost
                self.store.journal.set_aside([Kept(verdict, decided_at)])
            except StoreError:
                self.store.keep_verdict(verdict, decided_at)  # raises where it cannot
            self.pending.pop(0)
            saved += 1
        return saved + self.store.drain_journal()

    def waiting(self) -> int:
        """Verdicts kept, not yet stored: this session's in memory and all in the journal."""
        return len(self.pending) + self.store.journal.waiting()

    def _forget(self, match_id: str) -> None:
        if self.current_id == match_id:
            self.current_id = None
        if self._size is not None:  # one fewer without recounting
            queue, counted_at, size = self._size
            self._size = (queue, counted_at, max(0, size - 1))

    def skip(self, match_id: str) -> None:
        """Put the pair aside for this session (another reviewer may take it)."""
        if match_id not in self.skipped:
            self.skipped.append(match_id)
        if self.current_id == match_id:
            self.current_id = None
        self.store.release_leases(self._reviewer())

    def clear_skipped(self) -> None:
        """Bring the pairs put aside back into the queue."""
        self.skipped.clear()
        self._prefetched.clear()
        self._size = None

    def undo(self) -> str | None:
        """Withdraw the reviewer's last verdict (appending a retraction) and show that pair
        again. Returns its match id, or ``None`` when there is nothing to undo.

        Kept verdicts are saved first, so the last verdict is the one withdrawn."""
        self.flush()
        match_id = self.store.retract_last(self._reviewer(), self.clock())
        self._size = None
        if match_id is not None:
            self.current_id = match_id
            if match_id in self.skipped:
                self.skipped.remove(match_id)
        return match_id

    def queue_size(self, queue: QueueFilter, *, fresh: bool = False) -> int:
        """Pairs left in this reviewer's queue (the one in front of them included).

        Counted again at most every ``size_ttl_s`` seconds (or when ``fresh``); in between,
        each verdict of this reviewer takes one off.
        """
        now = self.clock()
        if not fresh and self._size is not None:
            counted_for, counted_at, size = self._size
            if counted_for == queue and (now - counted_at).total_seconds() < self.size_ttl_s:
                return size
        size = self.store.queue_size(queue, self._reviewer(), now=now, skip=self.skipped)
        self._size = (queue, now, size)
        return size

    def _reviewer(self) -> str:
        name = " ".join(self.reviewer.split())
        if not name:
            raise NoReviewer("enter your name as Reviewer before recording verdicts")
        return name


class Drainer:
    """A background thread that stores the journal's kept verdicts whenever the database
    takes them (a daemon: it ends with the process, or with :meth:`stop`).

    Without it a kept verdict would wait for the same session's next step, which never comes
    when the tab is closed."""

    def __init__(self, store: Store, every_s: float = 2.0) -> None:
        self.store, self.every_s = store, every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="workbench-journal", daemon=True)
        self._thread.start()
        atexit.register(self.stop)  # before the interpreter tears down what the thread holds

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            try:
                if self.store.journal.waiting():
                    self.store.drain_journal()
            except StoreError:
                continue  # still busy, or the disk still refuses: try again later

    def stop(self) -> None:
        """End the thread (after the drain it may be doing)."""
        self._stop.set()
        self._thread.join(timeout=60)


def keep_draining(store: Store, every_s: float = 2.0) -> Drainer:
    """Start a :class:`Drainer` on ``store``."""
    return Drainer(store, every_s)
