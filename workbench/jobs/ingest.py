"""The ingest run: read the files, build the new articles, write them in batches.

A bad file or record is named with a reason and skipped; the rest goes on. Articles are
written per batch in one transaction, so a killed run keeps whole batches and a re-run
completes the rest (ids come from content, so nothing is stored twice).
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from concurrent.futures import Executor, Future
from pathlib import Path

from workbench.ingest.build import article_id, build_article
from workbench.ingest.files import Pending, Progress, iter_records
from workbench.models import Article, IngestReport, Rejection
from workbench.parallel import process_pool
from workbench.settings import Settings
from workbench.store import Store

#: Batches with fewer new articles than this are built in this process (a pool costs a start-up).
PARALLEL_FROM = 64


def _build_one(p: Pending, aid: str, settings: Settings, now: dt.datetime) -> Article | Rejection:
    try:
        return build_article(
            p.record, ref=p.ref, input_path=p.name, settings=settings, now=now, aid=aid
        )
    except Exception as error:  # a safety net: one record costs itself, never the run
        reason = f"record {p.ref}: could not be built ({type(error).__name__}: {error})"
        return Rejection(path=p.name, reason=reason[:300])


def _build_all(
    jobs: list[tuple[Pending, str]], settings: Settings, now: dt.datetime
) -> list[Article | Rejection]:
    return [_build_one(p, aid, settings, now) for p, aid in jobs]


def _new_only(store: Store, batch: list[Pending]) -> list[tuple[Pending, str]]:
    # Identity is cheap (a hash); claims and anchors are not: build only what is not stored yet.
    ids = [article_id(p.record.source, p.record.text) for p in batch]
    stored = store.existing_article_ids(ids)
    return [(p, aid) for p, aid in zip(batch, ids, strict=True) if aid not in stored]


def ingest(
    paths: list[Path],
    store: Store,
    settings: Settings,
    *,
    source: str | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest files and folders into ``store``; return what was done and what was rejected."""
    report = IngestReport()
    store.init()
    batch: list[Pending] = []
    in_flight: deque[tuple[int, Future[list[Article | Rejection]]]] = deque()

    def write(read: int, built: Future[list[Article | Rejection]]) -> None:
        articles = [a for a in built.result() if isinstance(a, Article)]
        failed = [a for a in built.result() if isinstance(a, Rejection)]
        report.rejected.extend(failed)
        read -= len(failed)
        new = set(store.write_articles(articles))
        report.ingested += len(new)
        report.duplicates += read - len(new)
        report.claims += sum(len(a.claims) for a in articles if a.article_id in new)

    def submit(pool: Executor | None) -> None:
        jobs = _new_only(store, batch)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        if pool is None or len(jobs) < PARALLEL_FROM:
            done: Future[list[Article | Rejection]] = Future()
            done.set_result(_build_all(jobs, settings, now))
            in_flight.append((len(batch), done))
        else:
            in_flight.append((len(batch), pool.submit(_build_all, jobs, settings, now)))
        batch.clear()
        # Keep one batch building per worker; write the oldest while the others build.
        while len(in_flight) > max(1, settings.workers if pool else 0):
            write(*in_flight.popleft())

    with process_pool(settings.workers) as pool:
        for pending in iter_records(paths, settings, report, source=source, progress=progress):
            batch.append(pending)
            if len(batch) >= settings.batch_articles:
                submit(pool)
        submit(pool)
        while in_flight:
            write(*in_flight.popleft())
    return report
