"""The ingest run: walk paths, read files, build articles, write them in batches.

A bad file or record is named with a reason and skipped; the rest goes on. Articles are
written per batch in one transaction, so a killed run keeps whole batches and a re-run
completes the rest (ids come from content, so nothing is stored twice).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path

from workbench.ingest.build import article_id, build_article
from workbench.ingest.readers import SUFFIXES, read_records
from workbench.models import Article, IngestReport, InputRecord, Note, Rejection, Skipped
from workbench.parallel import process_pool
from workbench.settings import Settings
from workbench.store import Store

#: Batches with fewer new articles than this are built in this process (a pool costs a start-up).
PARALLEL_FROM = 64
#: Called after each file with (files done, files in all).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class InputFile:
    """A file to read, with the name it is reported under and its default article ref."""

    path: Path
    name: str


def _walk(folder: Path) -> Iterator[InputFile | Rejection]:
    # followlinks=False: a symlink loop cannot trap us; linked files are still read.
    for root, dirs, files in os.walk(folder, followlinks=False, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            if path.suffix.lower() in SUFFIXES:
                yield InputFile(path, rel)
            else:
                yield Skipped(path=rel, reason=f"skipped: unsupported file type '{path.suffix}'")


def discover(paths: list[Path]) -> Iterator[InputFile | Rejection]:
    """Files to ingest under ``paths`` (folders recursively), or why a path cannot be used."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield InputFile(path, path.name)
        elif path.is_symlink():
            yield Rejection(path=str(path), reason="broken symbolic link")
        else:
            yield Rejection(path=str(path), reason="no such file or folder")


def _read(item: InputFile, settings: Settings) -> bytes | Rejection:
    limit = int(settings.max_file_mb * 1_000_000)
    try:
        size = item.path.stat().st_size
        if size > limit:
            return Rejection(
                path=item.name,
                reason=f"file is {size / 1e6:.1f} MB, over the {settings.max_file_mb:g} MB "
                "limit (max_file_mb / WORKBENCH_MAX_FILE_MB)",
            )
        with item.path.open("rb") as handle:
            return handle.read(limit + 1)
    except PermissionError:
        return Rejection(path=item.name, reason="permission denied")
    except OSError as error:
        return Rejection(path=item.name, reason=f"cannot read: {error.strerror or error}")


def _records(
    item: InputFile, settings: Settings, source: str | None
) -> Iterator[InputRecord | Rejection]:
    data = _read(item, settings)
    if isinstance(data, Rejection):
        yield data
        return
    yield from read_records(item.path, item.name, data, default_source=source)


@dataclass(frozen=True)
class Pending:
    """A record read and not yet built: building waits until we know it is new."""

    record: InputRecord
    ref: str
    name: str


def iter_records(
    paths: list[Path],
    settings: Settings,
    report: IngestReport,
    *,
    source: str | None = None,
    progress: Progress | None = None,
) -> Iterator[Pending]:
    """Every readable record under ``paths``; problems go to ``report``."""
    items = list(discover(paths))
    for done, item in enumerate(items, start=1):
        if progress:
            progress(done, len(items))
        if isinstance(item, Skipped):
            report.skipped.append(item)
            continue
        if isinstance(item, Rejection):
            report.rejected.append(item)
            continue
        report.files += 1
        for index, record in enumerate(_records(item, settings, source)):
            if isinstance(record, Note):
                report.notes.append(record)
                continue
            if isinstance(record, Rejection):
                report.rejected.append(record)
                continue
            report.records += 1
            yield Pending(
                record, item.name if index == 0 else f"{item.name}#{index + 1}", item.name
            )


def _build_all(
    jobs: list[tuple[Pending, str]], settings: Settings, now: dt.datetime
) -> list[Article]:
    return [
        build_article(p.record, ref=p.ref, input_path=p.name, settings=settings, now=now, aid=aid)
        for p, aid in jobs
    ]


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
    in_flight: deque[tuple[int, Future[list[Article]]]] = deque()

    def write(read: int, built: Future[list[Article]]) -> None:
        articles = built.result()
        new = set(store.write_articles(articles))
        report.ingested += len(new)
        report.duplicates += read - len(new)
        report.claims += sum(len(a.claims) for a in articles if a.article_id in new)

    def submit(pool: Executor | None) -> None:
        jobs = _new_only(store, batch)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        if pool is None or len(jobs) < PARALLEL_FROM:
            done: Future[list[Article]] = Future()
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
