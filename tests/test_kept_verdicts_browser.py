"""No lost verdicts, for real: chromium clicks a verdict while another process holds the
database, then the tab closes, the server is stopped (SIGTERM) or killed (kill -9), and a
second `serve` on the same file is running or starts; the verdict is stored, once."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.review_fixtures import build_ui_db
from tests.test_browser import CHROMIUM, FLAGS, Reviewer, _browser, _start_server
from workbench.store import Store
from workbench.store.journal import Journal

FAST = {"WORKBENCH_UI_WAIT_S": "1"}  # "busy" after 1 s, not 8


@contextmanager
def _held(db: Path) -> Iterator[None]:
    """Another process holds the database file until the block ends."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
            " sys.stdin.read(); c.close()",
            str(db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()


def _click_while_held(reviewer: Reviewer, label: str) -> str:
    pair = reviewer.pair()
    reviewer.page.get_by_role("button", name=re.compile(f"^{label}")).click()
    reviewer.page.get_by_text(re.compile("Not stored yet")).first.wait_for(timeout=60_000)
    assert reviewer.page.get_by_text(re.compile("kept on disk")).count() >= 1
    return pair


def _verdicts(db: Path) -> set[tuple[str, str, str]]:
    rows = Store(db, wait_s=20).verdict_rows(history=True).to_dicts()
    return {(r["match_id"], r["verdict"], r["reviewer"]) for r in rows}


def _stop(process: subprocess.Popen[bytes], how: signal.Signals) -> None:
    process.send_signal(how)
    process.wait(timeout=20)


@pytest.mark.browser
def test_a_kept_verdict_survives_sigterm_and_is_stored_when_serve_starts_again(
    tmp_path: Path,
) -> None:
    db = build_ui_db(tmp_path / "kept.duckdb")
    url, server = _start_server(db, FAST)
    try:
        with _browser() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            ana = Reviewer(browser, url, "Ana")
            with _held(db):
                pair = _click_while_held(ana, "Conflicts")
                _stop(server, signal.SIGTERM)
            browser.close()
    finally:
        if server.poll() is None:
            _stop(server, signal.SIGKILL)
    assert Journal(db.with_name(db.name + ".journal")).waiting() == 1
    assert _verdicts(db) == set()
    url, again = _start_server(db, FAST)  # serve stores the journal before it serves
    try:
        assert _verdicts(db) == {(pair, "conflicts", "Ana")}
        assert Journal(db.with_name(db.name + ".journal")).waiting() == 0
    finally:
        _stop(again, signal.SIGTERM)


@pytest.mark.browser
def test_a_closed_tab_and_a_killed_server_lose_nothing_while_a_second_serve_runs(
    tmp_path: Path,
) -> None:
    db = build_ui_db(tmp_path / "two.duckdb")
    first_url, first = _start_server(db, FAST)
    second_url, second = _start_server(db, FAST)
    try:
        with _browser() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            ana, bo = Reviewer(browser, first_url, "Ana"), Reviewer(browser, second_url, "Bo")
            judged_by_bo = bo.click("Unrelated")  # two servers on one file, both write
            with _held(db):
                judged_by_ana = _click_while_held(ana, "Corroborates")
                ana.page.context.close()  # the tab is closed: no next step of that session
                _stop(first, signal.SIGKILL)  # and its server dies without a word
            deadline = time.monotonic() + 30  # the second server's background task stores it
            expected = {(judged_by_bo, "unrelated", "Bo"), (judged_by_ana, "corroborates", "Ana")}
            while _verdicts(db) != expected and time.monotonic() < deadline:
                time.sleep(0.5)
            assert _verdicts(db) == expected
            browser.close()
    finally:
        for server in (first, second):
            if server.poll() is None:
                _stop(server, signal.SIGTERM)
