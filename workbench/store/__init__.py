"""The only package that talks to DuckDB. :class:`Store` opens a connection per unit of work."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import polars as pl

from workbench.models import Article, QueueFilter, QueueMode, VerdictIn, VerdictRecord
from workbench.store import articles as _articles
from workbench.store import links, models, overview, queries, review, vectors, verdicts
from workbench.store.db import (
    AlreadyRunning,
    Connection,
    DatabaseBusy,
    StoreError,
    connect,
    exclusive,
    retry_conflicts,
    transaction,
)
from workbench.store.journal import Journal, Kept
from workbench.store.verdicts import UnknownMatch

__all__ = ["AlreadyRunning", "DatabaseBusy", "Store", "StoreError", "UnknownMatch"]


class Store:
    """A workbench database file. Every method opens, works and closes.

    Opening a DuckDB file costs milliseconds and holds it against other processes, so each
    method opens it for its own work only; :meth:`unit` lets several calls (one click of a
    reviewer) share one opening.

    Args:
        path: the DuckDB file (created on first write).
        wait_s: how long to wait for another process that holds the file.
        journal: the verdict journal (see :mod:`workbench.store.journal`); beside the
            database (``DB.journal``) when not given.
    """

    def __init__(
        self, path: Path | str, *, wait_s: float = 10.0, journal: Path | str | None = None
    ) -> None:
        self.path = Path(path)
        self.wait_s = wait_s
        self.journal = Journal(journal or self.path.with_name(self.path.name + ".journal"))
        self._local = threading.local()  # the open unit of work of each thread, if any
        # Leases and verdicts are written one at a time. DuckDB lets one process open a file,
        # so a lock of this process serialises every reviewer. DuckDB's own concurrency alone
        # let two sessions racing for one pair both commit a lease, and let a lease be taken
        # on a pair whose verdict had just been committed (both seen under load: index
        # lookups saw the newer state, table scans the snapshot).
        self._leases = threading.Lock()

    @contextmanager
    def unit(self) -> Iterator[None]:
        """Run the calls inside on one connection of this thread, opened once, closed after.

        Does nothing where no database exists yet (the calls then fail as usual).
        """
        if getattr(self._local, "con", None) is not None or not self.path.exists():
            yield
            return
        with connect(self.path, read_only=self._read_only(), wait_s=self.wait_s) as con:
            self._local.con = con
            try:
                yield
            finally:
                self._local.con = None

    def _read_only(self) -> bool:
        # One process must open a file with one configuration: read-write wherever we may.
        return not os.access(self.path, os.W_OK)

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        shared = getattr(self._local, "con", None)
        if shared is not None:
            yield shared
            return
        with connect(self.path, wait_s=self.wait_s) as con:
            yield con

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        shared = getattr(self._local, "con", None)
        if shared is not None:
            yield shared
            return
        if not self.path.exists():
            raise StoreError(f"no database at {self.path}: run `workbench ingest` first")
        with connect(self.path, read_only=self._read_only(), wait_s=self.wait_s) as con:
            yield con

    def init(self) -> None:
        """Create the file if needed and bring its schema up to date."""
        with self._write():
            pass

    def existing_article_ids(self, ids: list[str]) -> set[str]:
        """Which of these article ids are stored."""
        with self._write() as con:
            return _articles.existing_article_ids(con, ids)

    def write_articles(self, batch: list[Article]) -> list[str]:
        """Store new articles with claims and anchors in one transaction; return new ids."""
        with self._write() as con:
            return _articles.write_articles(con, batch)

    def totals(self) -> dict[str, int]:
        """Counts of articles, claims, anchors and sources."""
        with self._read() as con:
            return queries.totals(con)

    def status_by_source(self) -> pl.DataFrame:
        """Articles and claims per source and language."""
        with self._read() as con:
            return queries.status_by_source(con)

    def articles(self, *, limit: int | None = 1000) -> pl.DataFrame:
        """Articles without their text."""
        with self._read() as con:
            return queries.articles(con, limit=limit)

    def article(self, article_id: str) -> dict[str, object] | None:
        """One article with its text."""
        with self._read() as con:
            return queries.article_text(con, article_id)

    def claims(
        self, *, article_id: str | None = None, search: str | None = None, limit: int | None = None
    ) -> pl.DataFrame:
        """Claims with article fields and anchors as text (see :func:`queries.claims`)."""
        with self._read() as con:
            return queries.claims(con, article_id=article_id, search=search, limit=limit)

    def anchors(self, claim_id: str) -> pl.DataFrame:
        """One claim's anchors."""
        with self._read() as con:
            return queries.anchors(con, claim_id)

    # --- linker -------------------------------------------------------------------------

    def unkeyed_claims(self, *, every: bool = False) -> pl.DataFrame:
        """Claims not yet keyed by the linker (``every``: all claims), as rows with source,
        language, text..."""
        with self._write() as con:
            return links.unkeyed_claims(con, every=every)

    def claim_rows(self, ids: pl.Series) -> pl.DataFrame:
        """Linker rows of the given claims."""
        with self._read() as con:
            return links.claim_rows(con, ids)

    def anchor_rows(self, ids: pl.Series) -> pl.DataFrame:
        """Anchors of the given claims."""
        with self._read() as con:
            return links.anchor_rows(con, ids)

    def vector_meta(self) -> pl.DataFrame:
        """``claim_id, source, language, published, has_vector`` of every claim."""
        with self._read() as con:
            return vectors.vector_meta(con)

    def vectors(self, ids: pl.Series | None = None) -> pl.DataFrame:
        """Stored claim vectors of the given claims (all claims with ``None``)."""
        with self._read() as con:
            return vectors.vectors(con, ids)

    def write_vectors(self, frame: pl.DataFrame, model: str) -> int:
        """Store claim vectors in their own transaction (derived data, kept across runs)."""
        with self._write() as con, transaction(con):
            return vectors.write_vectors(con, frame, model)

    def link_index(self) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        """(stored keys, claim meta, copy inputs, claims per article) in one read."""
        with self._read() as con:
            return (
                links.stored_keys(con),
                links.claim_meta(con),
                links.copy_inputs(con),
                links.claims_per_article(con),
            )

    @contextmanager
    def exclusive(self, job: str) -> Iterator[None]:
        """Hold ``job``'s lock on this database (one link run at a time), or raise
        :class:`AlreadyRunning` at once."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with exclusive(self.path, job):
            yield

    @contextmanager
    def link_writer(self) -> Iterator[links.LinkWriter]:
        """A writer for one link run's output; all of it commits at the end, or none."""
        with self._write() as con, links.link_transaction(con) as writer:
            yield writer

    def matches(self, *, limit: int | None = None) -> pl.DataFrame:
        """Matches with both claims' sources, languages and texts, best first."""
        with self._read() as con:
            return links.matches_export(con, limit=limit)

    def matches_by_model(self) -> pl.DataFrame:
        """``model, matches``: the stored matches each scoring model scored."""
        with self._read() as con:
            return links.matches_by_model(con)

    def link_totals(self) -> dict[str, int]:
        """Matches by suggestion, and copies."""
        with self._read() as con:
            return links.link_totals(con)

    # --- verdicts and the review queue ---------------------------------------------------

    def record_verdict(self, verdict: VerdictIn, decided_at: dt.datetime) -> str:
        """Append a verdict on a stored match (releasing the reviewer's lease); return its id.

        Raises:
            UnknownMatch: the match is not in this database.
        """
        with self._leases, self._write() as con:
            return retry_conflicts(lambda: verdicts.record(con, verdict, decided_at))

    def keep_verdict(self, verdict: VerdictIn, decided_at: dt.datetime) -> None:
        """Put a verdict the database cannot take now into the journal, durably.

        Raises:
            StoreError: the journal cannot be written either (full or read-only disk).
        """
        self.journal.append(Kept(verdict, decided_at))

    def drain_journal(self) -> int:
        """Store the verdicts waiting in the journal, in one transaction; how many were stored.

        Verdicts whose match is gone are set aside in the journal's ``.unplaced`` file. Does
        nothing (0) while another process drains.

        Raises:
            DatabaseBusy, StoreError: the database cannot take them now (they stay waiting).
        """
        with self.journal.draining() as batches:
            if not batches:
                return 0
            kept = [k for _, found in batches for k in found]
            if not kept:
                return 0
            with self._leases, self._write() as con:
                saved, gone = retry_conflicts(lambda: verdicts.record_kept(con, kept))
            self.journal.set_aside(gone)
            return saved

    def retract_last(self, reviewer: str, decided_at: dt.datetime) -> str | None:
        """Undo: withdraw the reviewer's latest standing verdict; return its match id."""
        with self._leases, self._write() as con:
            return retry_conflicts(lambda: verdicts.retract_last(con, reviewer, decided_at))

    def import_verdicts(self, records: list[VerdictRecord]) -> verdicts.ImportOutcome:
        """Append verdicts read from a file (idempotent); report rows on unknown matches."""
        with self._write() as con:
            return retry_conflicts(lambda: verdicts.import_records(con, records))

    def verdict_rows(self, *, history: bool = False) -> pl.DataFrame:
        """Current verdicts (or the whole log) with both claims' sources and texts."""
        with self._read() as con:
            return verdicts.export_rows(con, history=history)

    def current_verdicts(self, *, match_ids: list[str] | None = None) -> pl.DataFrame:
        """Current verdict per (match, reviewer) with both claims' articles and outlets."""
        with self._read() as con:
            return verdicts.current(con, match_ids=match_ids)

    def review_counts(self) -> verdicts.ReviewCounts:
        """Matches, matches judged, current verdicts by label and by reviewer."""
        with self._read() as con:
            return verdicts.counts(con)

    def lease_next(
        self,
        queue: QueueFilter,
        reviewer: str,
        *,
        now: dt.datetime,
        until: dt.datetime,
        skip: list[str],
        prefetched: list[tuple[str, bool]] | None = None,
        prefetch: int = 16,
    ) -> str | None:
        """The next match of the reviewer's queue, leased to them (agreement mode: no lease).

        ``prefetched`` holds candidates from an earlier call, ``(match_id, judged then)``,
        best first; they are tried before the queue is queried again (for ``prefetch``
        more), which saves the full query on most clicks. Candidates are consumed from it.
        """
        cache = prefetched if prefetched is not None else []

        def work(con: Connection) -> str | None:
            review.sync_items(con)
            for attempt in range(3):
                if not cache or attempt:
                    cache[:] = review.next_matches(con, queue, reviewer, now, skip, limit=prefetch)
                while cache:
                    match_id, judged_then = cache.pop(0)
                    if match_id in skip or not review.still_open(
                        con, match_id, reviewer, judged_then
                    ):
                        continue
                    if queue.mode is QueueMode.AGREEMENT:
                        return match_id
                    if review.take_lease(con, match_id, reviewer, now, until):
                        return match_id
                if attempt and not cache:
                    break
            return None

        with self._leases, self._write() as con:
            return retry_conflicts(lambda: work(con))

    def renew_lease(
        self, match_id: str, reviewer: str, *, now: dt.datetime, until: dt.datetime
    ) -> bool:
        """Keep the reviewer's lease on a pair; False when another reviewer holds it now."""
        with self._leases, self._write() as con:
            return retry_conflicts(lambda: review.take_lease(con, match_id, reviewer, now, until))

    def release_leases(self, reviewer: str) -> None:
        """Drop the reviewer's leases."""
        with self._leases, self._write() as con:
            retry_conflicts(lambda: review.release_leases(con, reviewer))

    def queue_size(
        self, queue: QueueFilter, reviewer: str, *, now: dt.datetime, skip: list[str]
    ) -> int:
        """How many pairs the reviewer's queue holds now."""
        with self._leases, self._write() as con:
            review.sync_items(con)
            return review.queue_size(con, queue, reviewer, now, skip)

    # --- scoring models fitted from verdicts ------------------------------------------------

    def save_model(self, name: str, model_json: str, figures_json: str, *, use: bool) -> None:
        """Keep a re-fitted scoring model (and, with ``use``, link with it from now on)."""
        with self._write() as con:
            models.save(con, name, model_json, figures_json, use=use)

    def models(self) -> pl.DataFrame:
        """Kept scoring models, newest first: ``name, created_at, figures, in_use``."""
        with self._read() as con:
            return models.listing(con)

    def model_json(self, name: str) -> str | None:
        """A kept scoring model's JSON, or None."""
        with self._read() as con:
            return models.model_json(con, name)

    def model_in_use(self) -> tuple[str, str] | None:
        """(name, JSON) of the kept model link runs use, or None for the shipped one."""
        if not self.path.exists():
            return None
        with self._read() as con:
            return models.in_use(con)

    def use_model(self, name: str | None) -> bool:
        """Link with the kept model ``name`` from now on (None: the shipped one)."""
        with self._write() as con:
            return models.use(con, name)

    def pair(self, match_id: str) -> dict[str, Any] | None:
        """A match with both claims and their context, or ``None``."""
        with self._read() as con:
            return review.pair(con, match_id)

    # --- review pages ---------------------------------------------------------------------

    def match_breakdown(self) -> pl.DataFrame:
        """Matches per language pair and suggestion."""
        with self._read() as con:
            return overview.match_breakdown(con)

    def match_sources(self) -> pl.DataFrame:
        """Matches per outlet."""
        with self._read() as con:
            return overview.match_sources(con)

    def claims_by_ids(self, ids: list[str]) -> pl.DataFrame:
        """Claims (outlet, language, date, text) for the given ids."""
        with self._read() as con:
            return overview.claims_by_ids(con, ids)

    def origin_signature(self) -> tuple[object, ...]:
        """A value that changes whenever articles or near-copies are added."""
        with self._read() as con:
            return overview.origin_signature(con)

    def origin_inputs(self) -> tuple[pl.DataFrame, pl.DataFrame]:
        """Articles with their origin chains, and near-copy article pairs."""
        with self._read() as con:
            return overview.origin_inputs(con)

    def all_claim_ids(self) -> list[str]:
        """Every claim id."""
        with self._read() as con:
            return overview.all_claim_ids(con)

    def claim_links(self, claim_id: str) -> pl.DataFrame:
        """Every match of one claim with the other claim's details."""
        with self._read() as con:
            return overview.claim_links(con, claim_id)
