"""The real thing: `workbench serve` on a free port, Debian chromium driven by Playwright,
and the CLI run against the database while the server serves it."""

from __future__ import annotations

import csv
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES
from tests.processes import left_behind
from tests.review_fixtures import build_ui_db

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PAIR = re.compile(r"^Pair ([0-9a-f]{16})")
SHOTS = Path(os.environ.get("WORKBENCH_SCREENSHOTS", "/tmp"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cli(db: Path, *args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", "--db", str(db), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _start_server(
    db: Path, env: dict[str, str] | None = None
) -> tuple[str, subprocess.Popen[bytes]]:
    """A real `workbench serve` on a free port, once it answers its health check."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "--db", str(db), "serve", "--port", str(port)],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own session: what it leaves behind can be found
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return url, process
        except OSError:
            time.sleep(0.3)
    process.kill()
    process.wait(timeout=20)  # reaped: an unwaited child warns later, in another test
    pytest.fail("streamlit server did not become healthy in 60 s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A fresh linked database and a real `workbench serve` on it: (url, db)."""
    db = build_ui_db(tmp_path / "served.duckdb")
    url, process = _start_server(db)
    try:
        yield url, db
    finally:
        process.terminate()
        process.wait(timeout=20)
        with socket.socket() as probe:  # serve became the server: nothing is left listening
            assert probe.connect_ex(("127.0.0.1", int(url.rsplit(":", 1)[1]))) != 0


def test_server_answers_on_localhost_only(served: tuple[str, Path]) -> None:
    url, _ = served
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200 and b"<html" in response.read().lower()
    port = int(url.rsplit(":", 1)[1])
    addresses = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    outside = [a for a in addresses if not a.startswith("127.")]
    if not outside:
        pytest.skip("this machine has no non-loopback IPv4 address to try")
    with socket.socket() as sock:
        sock.settimeout(2)
        assert sock.connect_ex((outside[0], port)) != 0


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "kill-9"])
def test_a_stopped_server_leaves_no_process(tmp_path: Path, how: signal.Signals) -> None:
    db = build_ui_db(tmp_path / "stopped.duckdb")
    url, process = _start_server(db)
    with urllib.request.urlopen(url, timeout=10) as response:  # a session has been served
        assert response.status == 200
    process.send_signal(how)
    process.wait(timeout=20)
    assert not left_behind(process.pid), f"serve stopped by {how.name} left processes running"
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", int(url.rsplit(":", 1)[1]))) != 0


def _browser() -> Any:
    if not shutil.which(CHROMIUM):
        pytest.skip(f"Debian chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    return sync_playwright()


class Reviewer:
    """One browser context on the Review page, as one person."""

    def __init__(self, browser: Any, url: str, name: str) -> None:
        self.page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        self.page.goto(f"{url}/review")
        box = self.page.get_by_role("textbox", name="Reviewer")
        box.fill(name)
        box.press("Enter")
        self.page.get_by_role("button", name=re.compile("^Conflicts")).wait_for(timeout=60_000)

    def pair(self) -> str:
        caption = self.page.get_by_text(PAIR).first
        caption.wait_for(timeout=30_000)
        found = PAIR.match(caption.inner_text())
        assert found is not None
        return found.group(1)

    def _next(self, before: str) -> str:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                now = self.pair()
            except Exception:  # mid-rerun: the caption is being replaced
                now = before
            if now != before:
                return now
            time.sleep(0.1)
        raise AssertionError("the next pair did not appear")

    def click(self, label: str) -> str:
        """Press a verdict (or Skip/Undo) button; return the pair that was in front."""
        shown = self.pair()
        self.page.get_by_role("button", name=re.compile(f"^{label}")).click()
        self._next(shown)
        return shown

    def note(self, text: str) -> None:
        """Type a note key by key, as a person does (shortcuts must not fire)."""
        box = self.page.get_by_role("textbox", name="Note (optional)")
        box.click()
        box.press_sequentially(text, delay=20)
        box.press("Enter")  # commits the text box

    def key(self, key: str) -> str:
        """Press a keyboard shortcut away from any text box; return the pair it judged."""
        shown = self.pair()
        self.page.get_by_role("heading", name="Review").click()
        self.page.keyboard.press(key)
        self._next(shown)
        return shown


def _exported(db: Path, out: Path) -> set[tuple[str, str, str]]:
    return {(r["match_id"], r["verdict"], r["reviewer"]) for r in _exported_rows(db, out)}


def _exported_rows(db: Path, out: Path) -> list[dict[str, str]]:
    done = _cli(db, "export", "verdicts", out)
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.browser
def test_two_reviewers_in_two_browsers_then_the_cli_exports_exactly_their_verdicts(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    url, db = served
    with _browser() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        ana, bo = Reviewer(browser, url, "Ana"), Reviewer(browser, url, "Bo")
        assert ana.pair() != bo.pair()  # leased: never the same pair at once
        before = ana.pair()
        ana.note("1 2 3 4 S U")  # the keys of every shortcut, typed in the note box
        assert ana.pair() == before
        expected = {
            (ana.click("Conflicts"), "conflicts", "Ana"),
            (bo.click("Unrelated"), "unrelated", "Bo"),
            (ana.key("1"), "corroborates", "Ana"),  # shortcut of Corroborates
            (bo.key("4"), "unsure", "Bo"),  # shortcut of Unsure
        }
        withdrawn = bo.click("Unsure")
        bo.click("Undo")
        assert bo.pair() == withdrawn  # undo brings the withdrawn pair back
        ana.page.screenshot(path=str(SHOTS / "review.png"), full_page=True)
        assert ana.page.evaluate("window.pwned") is None
        browser.close()
    rows = _exported_rows(db, tmp_path / "verdicts.csv")
    assert {(r["match_id"], r["verdict"], r["reviewer"]) for r in rows} == expected
    assert [r["note"] for r in rows if r["verdict"] == "conflicts"] == ["1 2 3 4 S U"]


@pytest.mark.browser
def test_hostile_outlet_names_and_text_are_shown_as_text(served: tuple[str, Path]) -> None:
    url, _ = served
    with _browser() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = Reviewer(browser, url, "Ana").page
        page.get_by_role("link", name="Articles").click()
        choice = page.get_by_role("combobox", name="Article")
        choice.click()
        page.keyboard.type("Evil")
        page.keyboard.press("Enter")
        page.get_by_text('<svg onload="window.pwned=1">', exact=False).first.wait_for(
            timeout=30_000
        )
        choice.click()
        page.keyboard.type("script")
        page.keyboard.press("Enter")
        page.get_by_text('<img src=x onerror="window.pwned=1">', exact=False).first.wait_for(
            timeout=30_000
        )
        assert page.locator("img[src=x], svg[onload]").count() == 0
        assert page.evaluate("window.pwned") is None
        page.screenshot(path=str(SHOTS / "hostile.png"), full_page=True)
        browser.close()


@pytest.mark.browser
def test_the_cli_ingests_links_and_exports_while_reviewers_click(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    url, db = served
    new = tmp_path / "new.jsonl"
    new.write_text(
        '{"id": "late", "source": "Late Wire", "published": "2025-03-11", "text": '
        '"General Karim Nassar said 120 engineers began inspecting the Kharzan Dam on Monday."}\n',
        encoding="utf-8",
    )
    results: dict[str, subprocess.CompletedProcess[str]] = {}

    def run_cli() -> None:
        results["ingest"] = _cli(db, "ingest", "-q", new)
        results["link"] = _cli(db, "link", "-q")
        results["export"] = _cli(db, "export", "verdicts", tmp_path / "live.csv")
        results["reingest"] = _cli(db, "ingest", "-q", SAMPLES / "articles")

    with _browser() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        ana = Reviewer(browser, url, "Ana")
        worker = threading.Thread(target=run_cli)
        worker.start()
        judged = set()
        while worker.is_alive() or len(judged) < 3:
            judged.add((ana.click("Unsure"), "unsure", "Ana"))
        worker.join()
        assert not ana.page.get_by_text("Traceback").count()
        browser.close()
    for name, done in results.items():
        assert done.returncode == 0, f"{name}: {done.stderr}"
    assert "1 articles ingested" in results["ingest"].stdout
    assert _exported(db, tmp_path / "after.csv") == judged


@pytest.mark.browser
def test_a_killed_server_keeps_every_verdict_the_page_confirmed(tmp_path: Path) -> None:
    db = build_ui_db(tmp_path / "killed.duckdb")
    playwright = _browser()  # skips (chromium absent) before any server is started
    url, process = _start_server(db)
    try:
        with playwright as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            ana = Reviewer(browser, url, "Ana")
            confirmed = {
                (ana.click(label), label.lower(), "Ana")
                for label in ("Conflicts", "Unsure", "Unrelated", "Corroborates", "Unsure")
            }
            ana.page.get_by_role("button", name=re.compile("^Conflicts")).click()  # in flight
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=20)
            browser.close()
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=20)  # reaped: an unwaited child warns later, in another test
    url, process = _start_server(db)  # the file opens again after the kill
    try:
        exported = _exported(db, tmp_path / "after.csv")
        assert confirmed <= exported  # every verdict the page showed as recorded
        assert len(exported - confirmed) <= 1  # at most the click in flight
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.browser
def test_the_table_toolbar_download_is_formula_safe(
    served: tuple[str, Path], tmp_path: Path
) -> None:
    url, _ = served
    with _browser() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(
            viewport={"width": 1400, "height": 1000}, accept_downloads=True
        )
        # Without the File System Access API Streamlit saves through an ordinary download.
        context.add_init_script("delete window.showSaveFilePicker;")
        page = context.new_page()
        page.goto(f"{url}/claims")
        search = page.get_by_role("textbox", name=re.compile("Search"))
        search.wait_for(timeout=60_000)
        shown = page.get_by_text(re.compile(r"claims shown")).first
        before = shown.inner_text()
        search.fill("HYPERLINK")
        search.press("Enter")
        deadline = time.monotonic() + 30
        while shown.inner_text() == before and time.monotonic() < deadline:
            time.sleep(0.2)
        assert shown.inner_text() != before
        page.locator("[data-testid='stDataFrame']").first.hover()
        button = page.get_by_role("button", name="Download as CSV").first
        with page.expect_download(timeout=30_000) as download:
            button.click()
        saved = tmp_path / "toolbar.csv"
        download.value.save_as(saved)
        browser.close()
    with saved.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    texts = [r["text"] for r in rows]
    assert any("HYPERLINK" in t for t in texts)
    assert not [v for r in rows for v in r.values() if v.startswith(("=", "+", "-", "@"))]
    assert "00:00:00" not in saved.read_text(encoding="utf-8-sig")
