"""The verdict journal: a verdict the database cannot take is kept on disk at once and stored
later, once, by whoever reaches the database; nothing is lost on a busy file, a full disk, a
half-finished drain, concurrent writers or a match a re-link removed."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.review_fixtures import T0, Clock, independent_matches
from workbench.models import Label, QueueFilter, VerdictIn
from workbench.review.session import ReviewSession, VerdictKept, keep_draining
from workbench.store import Store
from workbench.store.journal import Kept

ALL = QueueFilter()


def _kept(match_id: str, reviewer: str = "ana", n: int = 0, label: Label = Label.CONFLICTS) -> Kept:
    verdict = VerdictIn(match_id=match_id, verdict=label, reviewer=reviewer, note=f"n{n}")
    return Kept(verdict, T0 + dt.timedelta(seconds=n))


def _stored(store: Store) -> list[tuple[str, str, str]]:
    rows = store.verdict_rows(history=True).to_dicts()
    return sorted((r["match_id"], r["reviewer"], r["note"]) for r in rows)


def test_kept_verdicts_are_stored_once_with_the_time_they_were_given(linked: Store) -> None:
    match_ids = independent_matches(linked)["match_id"].to_list()[:3]
    for n, match_id in enumerate(match_ids):
        linked.keep_verdict(_kept(match_id, n=n).verdict, T0 + dt.timedelta(seconds=n))
    assert linked.journal.waiting() == 3 and linked.journal.path.exists()
    assert linked.drain_journal() == 3
    assert linked.journal.waiting() == 0 and not linked.journal.path.exists()
    rows = linked.verdict_rows(history=True).sort("decided_at").to_dicts()
    assert [(r["match_id"], r["note"], r["decided_at"]) for r in rows] == [
        (m, f"n{n}", T0 + dt.timedelta(seconds=n)) for n, m in enumerate(match_ids)
    ]
    assert linked.drain_journal() == 0  # nothing left, nothing twice
    assert len(_stored(linked)) == 3


def test_a_drain_killed_after_storing_is_done_again_without_doubles(linked: Store) -> None:
    match_id = independent_matches(linked)["match_id"][0]
    linked.keep_verdict(_kept(match_id).verdict, T0)
    linked.drain_journal()
    # as a drainer killed between its commit and removing its batch leaves it:
    batch = linked.journal.path.with_name(linked.journal.path.name + ".dead.draining")
    batch.write_bytes(_line(_kept(match_id)) + _line(_kept(match_id, n=1)))
    assert linked.journal.waiting() == 2
    assert linked.drain_journal() == 2
    assert not batch.exists()
    assert _stored(linked) == [(match_id, "ana", "n0"), (match_id, "ana", "n1")]


def _line(kept: Kept) -> bytes:
    from workbench.store.journal import _line as line

    return line(kept)


def test_unreadable_lines_and_vanished_matches_are_set_aside_never_dropped(linked: Store) -> None:
    match_id = independent_matches(linked)["match_id"][0]
    linked.keep_verdict(_kept(match_id).verdict, T0)
    linked.keep_verdict(_kept("0123456789abcdef").verdict, T0)  # re-linked away meanwhile
    with linked.journal.path.open("ab") as handle:
        handle.write(b'{"match_id": "torn by a kill mid-wri\n')
    assert linked.drain_journal() == 1
    assert _stored(linked) == [(match_id, "ana", "n0")]
    aside = linked.journal.path.with_name(linked.journal.path.name + ".unplaced")
    lines = aside.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and linked.journal.unplaced() == 2
    assert sorted("torn by a kill" in line for line in lines) == [False, True]
    assert sum("0123456789abcdef" in line for line in lines) == 1


def test_concurrent_writers_and_a_drainer_lose_nothing(linked: Store) -> None:
    match_ids = independent_matches(linked)["match_id"].to_list()[:4]
    other = Store(linked.path, journal=linked.journal.path)  # a second server on the file

    def write(reviewer: str) -> None:
        for n in range(40):
            other.keep_verdict(
                _kept(match_ids[n % 4], reviewer, n).verdict, T0 + dt.timedelta(seconds=n)
            )

    writers = [threading.Thread(target=write, args=(f"r{i}",)) for i in range(4)]
    drainer = keep_draining(linked, every_s=0.01)
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    drainer.stop()
    linked.drain_journal()
    assert linked.journal.waiting() == 0
    assert len(_stored(linked)) == 160


def test_a_verdict_on_a_busy_file_survives_the_session_and_is_stored_by_the_background_task(
    linked: Store,
) -> None:
    patient = Store(linked.path, wait_s=0.3)
    ana = ReviewSession(patient, "ana", clock=Clock())
    first = ana.current(ALL)
    assert first is not None
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
            " sys.stdin.read(); c.close()",
            str(linked.path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(VerdictKept) as kept:
        ana.decide(first.match_id, Label.CORROBORATES, "kept")
    assert kept.value.durable
    del ana  # the tab is closed: nobody will take another step in this session
    drainer = keep_draining(Store(linked.path, wait_s=0.3), every_s=0.1)
    holder.stdin.close()
    holder.wait(timeout=30)
    holder.stdout.close()
    try:
        for _ in range(100):
            if linked.journal.waiting() == 0:
                break
            threading.Event().wait(0.1)
    finally:
        drainer.stop()
    assert _stored(linked) == [(first.match_id, "ana", "kept")]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 48 MB tmpfs of our own, unmounted after; skipped where mounting is not allowed."""
    point = tmp_path / "disk"
    point.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=48M", "tmpfs", str(point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({made.stderr.strip() or 'not permitted'})")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def _fill(folder: Path) -> Path:
    """Fill the disk of ``folder`` to the last byte; the file that does it."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as handle:
        for size in (1 << 20, 4096, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError:
                continue
    return filler


@pytest.mark.parametrize(
    "journal_elsewhere", [False, True], ids=["journal-beside", "journal-elsewhere"]
)
def test_a_full_disk_keeps_the_verdict_and_it_is_stored_once_there_is_room(
    linked: Store, small_disk: Path, tmp_path: Path, journal_elsewhere: bool
) -> None:
    db = small_disk / "full.duckdb"
    db.write_bytes(linked.path.read_bytes())
    journal = tmp_path / "elsewhere" / "verdicts.journal" if journal_elsewhere else None
    store = Store(db, wait_s=0.3, journal=journal)
    ana = ReviewSession(store, "ana", clock=Clock())
    first = ana.current(ALL)
    assert first is not None
    filler = _fill(small_disk)
    note = ""
    for n in range(50):  # DuckDB may still find room in a block it holds: go on until full
        note = f"on a full disk {n}"
        try:
            ana.decide(first.match_id, Label.CONFLICTS, note)
        except VerdictKept as error:
            kept = error
            break
    else:
        pytest.fail("50 verdicts went into a full disk")
    assert kept.durable is journal_elsewhere, str(kept)
    assert ana.waiting() == 1
    os.unlink(filler)
    ana.current(ALL)  # the next step stores what was kept
    assert ana.waiting() == 0
    notes = [n for _, _, n in _stored(Store(db))]
    assert note in notes and len(notes) == len(set(notes))
