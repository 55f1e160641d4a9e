"""Faults: killed processes, a full disk, a read-only file system. Nothing half-written stays.

`kill -9` lands at random points of real `workbench ingest` and `workbench link` runs; the
same command again must give exactly what one clean run gives. The full and read-only disks
are real tmpfs mounts (skipped, with the reason, where this process may not mount).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SAMPLES
from tests.processes import left_behind, pool_working

WORDS = (
    "minister said water dam river accord signed engineers inspection fund million dollars "
    "flow season border talks envoy delegation capital council statement agency army"
).split()


def corpus(path: Path, articles: int, seed: int = 3) -> Path:
    """A JSONL feed of ``articles`` distinct articles from seven outlets, same-day stories."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(articles):
            story = i // 7  # seven outlets tell each story: candidates for the linker
            sentences = [
                " ".join(rng.choice(WORDS) for _ in range(10)).capitalize()
                + f" on day {story % 28 + 1} with {story * 3 + j} people"
                for j in range(8)
            ]
            record = {
                "id": f"a{i}",
                "source": f"Outlet {i % 7}",
                "published": f"2025-03-{story % 28 + 1:02d}",
                "text": ". ".join(sentences) + ".",
            }
            handle.write(json.dumps(record) + "\n")
    return path


def _workbench(
    db: Path, *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "workbench", "--db", str(db), *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        start_new_session=True,  # its own session: what it leaves behind can be found
    )


def _finish(
    db: Path, *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", "--db", str(db), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
        check=False,
    )


def _timed(db: Path, *args: str | Path, env: dict[str, str] | None = None) -> float:
    """Run the command to the end (it must succeed); seconds it took, start-up included."""
    started = time.monotonic()
    done = _finish(db, *args, env=env)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


def _kill_at_random(
    db: Path,
    args: tuple[str | Path, ...],
    env: dict[str, str] | None,
    rng: random.Random,
    times: int,
    within: tuple[float, float],
) -> int:
    """Start the command and kill -9 it ``times`` times, each after a random delay; kills made.

    ``within`` is the delay range in seconds. Callers derive it from how long a clean run of the
    same command took on this machine, so kills land inside the work on fast and slow machines
    alike, not in a fixed window a faster linker may already have left.
    """
    kills = 0
    for _ in range(times):
        process = _workbench(db, *args, env=env)
        time.sleep(rng.uniform(*within))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=60)
        assert not left_behind(process.pid), "a killed run left processes running"
    return kills


def _snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "articles": con.execute(
                "SELECT article_id, source, text FROM articles ORDER BY 1"
            ).fetchall(),
            "claims": con.execute(
                "SELECT claim_id, article_id, position, text FROM claims ORDER BY 1"
            ).fetchall(),
            "anchors": con.execute(
                "SELECT claim_id, kind, value, char_start FROM anchors ORDER BY ALL"
            ).fetchall(),
            "matches": con.execute(
                "SELECT match_id, claim_a_id, claim_b_id, round(score, 6), suggestion, agrees, "
                "differs FROM matches ORDER BY 1"
            ).fetchall(),
            "copies": con.execute("SELECT * FROM article_copies ORDER BY ALL").fetchall(),
        }
    finally:
        con.close()


#: Small batches and one worker: many commits, so kills land between and inside them.
SLOW = {"WORKBENCH_BATCH_ARTICLES": "10", "WORKBENCH_WORKERS": "1"}

#: Python and the package take about this long to start; no kill is worth making before it.
STARTUP_S = 0.6


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus(tmp_path_factory.mktemp("feed") / "feed.jsonl", 1400)


def _clean_run(
    factory: pytest.TempPathFactory, feed: Path, env: dict[str, str] | None
) -> tuple[Path, float, float]:
    """``feed`` ingested and linked in one go each: the database, ingest and link seconds."""
    db = factory.mktemp("clean") / "clean.duckdb"
    ingest_s = _timed(db, "ingest", "-q", feed, env=env)
    return db, ingest_s, _timed(db, "link", "-q")


@pytest.fixture(scope="module")
def clean(feed: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """The feed ingested (slowly, in small batches) and linked in one go; ingest seconds."""
    db, ingest_s, _ = _clean_run(tmp_path_factory, feed, SLOW)
    return db, ingest_s


@pytest.fixture(scope="module")
def link_feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three times the ingest feed: the link runs long enough (seconds) to be killed inside."""
    return corpus(tmp_path_factory.mktemp("link-feed") / "feed.jsonl", 4200)


@pytest.fixture(scope="module")
def link_clean(link_feed: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """The larger feed ingested and linked in one go; link seconds."""
    db, _, link_s = _clean_run(tmp_path_factory, link_feed, None)
    return db, link_s


@pytest.mark.slow
def test_killed_ingest_then_the_same_command_equals_a_clean_run(
    feed: Path, clean: tuple[Path, float], tmp_path: Path
) -> None:
    clean_db, seconds = clean
    db = tmp_path / "killed.duckdb"
    # Ingest commits batch by batch, so each rerun resumes: three kills within the first
    # 90% of a clean run's time all land inside the work.
    within = (STARTUP_S, max(STARTUP_S, 0.3 * seconds))
    kills = _kill_at_random(db, ("ingest", "-q", feed), SLOW, random.Random(11), 3, within)
    assert kills >= 1, f"the ingest ({seconds:.1f} s clean) finished before any kill"
    done = _finish(db, "ingest", "-q", feed, env=SLOW)
    assert done.returncode == 0, done.stderr
    assert _finish(db, "link", "-q").returncode == 0
    assert _snapshot(db) == _snapshot(clean_db)


@pytest.mark.slow
def test_killed_link_then_the_same_command_equals_a_clean_run(
    link_feed: Path, link_clean: tuple[Path, float], tmp_path: Path
) -> None:
    clean_db, seconds = link_clean
    db = tmp_path / "killed-link.duckdb"
    assert _finish(db, "ingest", "-q", link_feed).returncode == 0
    # A link run is one transaction, so a killed run starts over: every kill lands somewhere
    # between start-up and the end of a clean run's time.
    within = (min(STARTUP_S, 0.3 * seconds), 0.9 * seconds)
    kills = _kill_at_random(db, ("link", "-q"), None, random.Random(5), 3, within)
    assert kills >= 1, f"the link ({seconds:.1f} s clean) finished before any kill"
    done = _finish(db, "link", "-q")
    assert done.returncode == 0, done.stderr
    assert _snapshot(db) == _snapshot(clean_db)


#: Two workers: a pool (fork server and workers) whatever the machine.
POOLED = {"WORKBENCH_WORKERS": "2", "WORKBENCH_BATCH_ARTICLES": "100"}


@pytest.fixture(scope="module")
def unlinked(link_feed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The larger feed ingested, not linked: a link run has seconds of work to be stopped in."""
    db = tmp_path_factory.mktemp("unlinked") / "unlinked.duckdb"
    assert _finish(db, "ingest", "-q", link_feed).returncode == 0
    return db


def _stop_mid_run(
    db: Path, args: tuple[str | Path, ...], how: signal.Signals, status: int, said: str, kept: str
) -> None:
    """Start the command, send ``how`` once its pool is working; the run must end with
    ``status``, leave no process, and (unless killed, ``said`` empty) say ``said`` and what
    was ``kept``."""
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "--db", str(db), *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **POOLED},
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not pool_working(process.pid) and process.poll() is None:
            assert time.monotonic() < deadline, "no worker started in 60 s"
            time.sleep(0.05)
        time.sleep(0.2)  # inside the pool's work
        assert process.poll() is None, "the run ended before it could be stopped"
        process.send_signal(how)
        # Workers watch the run and the pool is stopped, so stderr closes with them.
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=20)
        assert process.stderr is not None
        process.stderr.close()  # also when it failed: an open pipe warns later, elsewhere
    left = left_behind(process.pid)
    assert not left, f"{how.name} left processes running: {left}"
    assert process.returncode == status, stderr.decode()
    assert said in stderr.decode() and (kept in stderr.decode() or not said)
    if said:  # one line, no traceback from a pool thread on the way out
        assert stderr.decode().count("\n") == 1, stderr.decode()


STOPS = [
    pytest.param(signal.SIGINT, 130, "stopped by Ctrl-C", id="SIGINT"),
    pytest.param(signal.SIGTERM, 143, "stopped by SIGTERM", id="SIGTERM"),
    pytest.param(signal.SIGKILL, -9, "", id="kill-9"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("how", "status", "said"), STOPS)
def test_a_stopped_ingest_leaves_no_process_and_keeps_whole_batches(
    link_feed: Path, tmp_path: Path, how: signal.Signals, status: int, said: str
) -> None:
    db = tmp_path / "stopped.duckdb"
    kept = "batches written before it are kept"
    _stop_mid_run(db, ("ingest", "-q", link_feed), how, status, said, kept)
    # What was kept is whole: the same command again ends where a clean run ends.
    done = _finish(db, "ingest", "-q", link_feed)
    assert done.returncode == 0, done.stderr
    articles, claims, with_claims = _totals(db)
    assert articles == with_claims == 4200 and claims > 0


@pytest.mark.slow
@pytest.mark.parametrize(("how", "status", "said"), STOPS)
def test_a_stopped_link_leaves_no_process_and_no_matches(
    unlinked: Path, tmp_path: Path, how: signal.Signals, status: int, said: str
) -> None:
    db = tmp_path / "stopped-link.duckdb"
    db.write_bytes(unlinked.read_bytes())
    _stop_mid_run(db, ("link", "-q"), how, status, said, "nothing of this one was kept")
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM matches").fetchone() == (0,)
    finally:
        con.close()


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs of our own, unmounted after; skipped where mounting is not allowed."""
    point = tmp_path / "disk"
    point.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2M", "tmpfs", str(point)],
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


def _totals(db: Path) -> tuple[int, int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM claims), "
            "(SELECT count(DISTINCT article_id) FROM claims)"
        ).fetchall()[0]
        return int(row[0]), int(row[1]), int(row[2])
    finally:
        con.close()


def test_a_full_disk_is_one_clear_line_and_leaves_whole_batches(
    mount: Path, tmp_path: Path
) -> None:
    db = mount / "w.duckdb"
    assert _finish(db, "ingest", "-q", SAMPLES / "articles").returncode == 0
    big = corpus(tmp_path / "big.jsonl", 3000, seed=9)
    done = _finish(db, "ingest", "-q", big, env={"WORKBENCH_BATCH_ARTICLES": "50"})
    assert done.returncode == 1
    message = done.stderr.strip().splitlines()
    assert len(message) == 1 and "the disk is full" in message[0] and str(db) in message[0]
    assert "Traceback" not in done.stderr
    articles, claims, with_claims = _totals(db)  # opens: nothing half-written
    assert articles >= 8 and articles == with_claims and claims > 0
    assert (articles - 8) % 50 == 0  # the samples, then whole batches of 50 only


def test_a_read_only_disk_is_one_clear_line_and_reads_still_work(
    mount: Path, tmp_path: Path
) -> None:
    db = mount / "w.duckdb"
    assert _finish(db, "ingest", "-q", SAMPLES / "articles").returncode == 0
    before = _totals(db)
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    done = _finish(db, "ingest", "-q", SAMPLES / "articles")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Read-only file system" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    linked = _finish(db, "link", "-q")  # its lock file cannot be made either: one line
    assert linked.returncode == 1 and "Traceback" not in linked.stderr, linked.stderr
    assert "Read-only file system" in linked.stderr
    status = _finish(db, "status", "--json")
    assert status.returncode == 0 and json.loads(status.stdout)["totals"]["articles"] == 8
    exported = _finish(db, "export", "verdicts", tmp_path / "v.csv")
    assert exported.returncode == 0
    assert _totals(db) == before
