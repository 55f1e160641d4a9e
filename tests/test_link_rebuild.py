"""`link --rebuild` swaps the matches, it does not empty them; one link run at a time.

Real subprocesses on a real DuckDB file: a rebuild killed while it computes leaves the old
matches, a verdict recorded while it runs is kept, and a second run is told at once that
another is running.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl
import pytest

from tests.review_fixtures import T0
from workbench.jobs.link import link
from workbench.models import Label, VerdictIn
from workbench.settings import Settings
from workbench.store import AlreadyRunning, Store

pytestmark = pytest.mark.timeout(300)


def _matches(store: Store) -> pl.DataFrame:
    return store.matches().select("match_id", "score", "suggestion").sort("match_id")


def _lock_held(db: Path) -> bool:
    lock = db.with_name(f"{db.name}.link.lock")
    if not lock.exists():
        return False
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


@contextmanager
def _rebuilding(db: Path) -> Iterator[subprocess.Popen[str]]:
    """A real ``workbench link --rebuild`` process, yielded once it holds the link lock (it
    is then computing: its output goes in only at its end). Always waited for."""
    command = [sys.executable, "-m", "workbench", "--db", str(db), "link", "-q", "--rebuild"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not _lock_held(db):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the rebuild never started"
            time.sleep(0.005)
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


def test_a_rebuild_gives_the_same_matches(linked: Store) -> None:
    before = _matches(linked)
    link(linked, Settings(), rebuild=True)
    assert _matches(linked).equals(before)


def test_a_rebuild_killed_while_it_computes_leaves_the_old_matches(linked: Store) -> None:
    before = _matches(linked)
    assert before.height > 0
    with _rebuilding(linked.path) as process:
        # The run is under way: with the old code every match was already deleted here.
        assert _matches(linked).equals(before)
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert _matches(linked).equals(before)
    assert link(linked, Settings()).new_claims == 0  # nothing half-done: keys kept too


def test_a_verdict_recorded_during_a_rebuild_is_kept(linked: Store) -> None:
    match_id = _matches(linked)["match_id"][0]
    with _rebuilding(linked.path) as process:
        verdict = VerdictIn(match_id=match_id, verdict=Label("corroborates"), reviewer="ana")
        linked.record_verdict(verdict, T0)
        _, err = process.communicate(timeout=240)
        assert process.returncode == 0, err
    current = linked.current_verdicts()
    assert current.filter(pl.col("match_id") == match_id)["verdict"].to_list() == ["corroborates"]
    assert match_id in set(linked.matches()["match_id"])


def test_a_second_link_run_is_told_another_is_running(linked: Store) -> None:
    with linked.exclusive("link"):
        with pytest.raises(AlreadyRunning, match="another link is running"):
            link(linked, Settings())
        command = [sys.executable, "-m", "workbench", "--db", str(linked.path), "link", "-q"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "another link is running" in done.stderr
    assert "Traceback" not in done.stderr
    link(linked, Settings())  # the lock is free again once its holder ends


def test_the_lock_is_released_by_a_killed_run(linked: Store) -> None:
    with _rebuilding(linked.path) as process:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    assert not _lock_held(linked.path)
