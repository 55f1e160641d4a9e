"""The only package that talks to DuckDB. :class:`Store` opens a connection per unit of work."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl

from workbench.models import Article
from workbench.store import articles as _articles
from workbench.store import links, queries
from workbench.store.db import Connection, DatabaseBusy, StoreError, connect

__all__ = ["DatabaseBusy", "Store", "StoreError"]


class Store:
    """A workbench database file. Every method opens, works and closes.

    Args:
        path: the DuckDB file (created on first write).
        wait_s: how long to wait for another process that holds the file.
    """

    def __init__(self, path: Path | str, *, wait_s: float = 10.0) -> None:
        self.path = Path(path)
        self.wait_s = wait_s

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with connect(self.path, wait_s=self.wait_s) as con:
            yield con

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        if not self.path.exists():
            raise StoreError(f"no database at {self.path}: run `workbench ingest` first")
        # One process must open a file with one configuration: read-write wherever we may.
        read_only = not os.access(self.path, os.W_OK)
        with connect(self.path, read_only=read_only, wait_s=self.wait_s) as con:
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

    def unkeyed_claims(self) -> pl.DataFrame:
        """Claims not yet keyed by the linker (rows with source, language, text...)."""
        with self._write() as con:
            return links.unkeyed_claims(con)

    def claim_rows(self, ids: pl.Series) -> pl.DataFrame:
        """Linker rows of the given claims."""
        with self._read() as con:
            return links.claim_rows(con, ids)

    def anchor_rows(self, ids: pl.Series) -> pl.DataFrame:
        """Anchors of the given claims."""
        with self._read() as con:
            return links.anchor_rows(con, ids)

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
    def link_writer(self) -> Iterator[links.LinkWriter]:
        """A writer for one link run's output; all of it commits at the end, or none."""
        with self._write() as con, links.link_transaction(con) as writer:
            yield writer

    def forget_links(self) -> None:
        """Drop keys, matches and copies so the next link run starts over."""
        with self._write() as con:
            links.forget_links(con)

    def matches(self, *, limit: int | None = None) -> pl.DataFrame:
        """Matches with both claims' sources, languages and texts, best first."""
        with self._read() as con:
            return links.matches_export(con, limit=limit)

    def link_totals(self) -> dict[str, int]:
        """Matches by suggestion, and copies."""
        with self._read() as con:
            return links.link_totals(con)
