"""The Streamlit UI: every page under AppTest, then the real server, then a real browser."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, SAMPLES
from workbench.ingest.pipeline import ingest
from workbench.settings import Settings
from workbench.store import Store

APP = str(ROOT / "workbench" / "ui" / "app.py")
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ui") / "ui.duckdb"
    ingest([SAMPLES / "articles"], Store(path), Settings())
    # A hostile title: must be shown as text, never run.
    hostile = path.parent / "hostile.jsonl"
    hostile.write_text(
        '{"id": "x", "source": "<script>window.pwned=1</script>", "text": "<img src=x onerror=\\"window.pwned=1\\"> claimed the bridge fell today."}\n'
    )
    ingest([hostile], Store(path), Settings())
    return path


def _app(db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("WORKBENCH_DB", str(db))
    return AppTest.from_file(APP, default_timeout=30)


def test_overview_page(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(sample_db, monkeypatch).run()
    assert not at.exception
    assert [m.value for m in at.metric][:1] == ["9"]


def test_articles_page(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(sample_db, monkeypatch).run()
    at.switch_page(str(ROOT / "workbench" / "ui" / "pages" / "articles.py")).run()
    assert not at.exception
    assert "claims" in at.subheader[0].value


def test_claims_search_ignores_letter_variants(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(sample_db, monkeypatch).run()
    at.switch_page(str(ROOT / "workbench" / "ui" / "pages" / "claims.py")).run()
    at.text_input(key="claims_search").input("قديرة").run()  # Arabic yeh and teh marbuta
    arabic_spelling = at.caption[0].value
    at.text_input(key="claims_search").input("قدیره").run()  # Persian yeh and heh
    assert not at.exception
    assert arabic_spelling == at.caption[0].value
    assert not arabic_spelling.startswith(("0 ", "1 "))


def test_missing_database_is_a_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(tmp_path / "none.duckdb", monkeypatch).run()
    assert not at.exception
    assert "no database at" in at.warning[0].value


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(sample_db: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "WORKBENCH_DB": str(sample_db)}
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail("streamlit server did not become healthy in 60 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        with socket.socket() as probe:  # serve became the server: nothing is left listening
            assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_server_answers_on_localhost(server: str) -> None:
    with urllib.request.urlopen(server, timeout=10) as response:
        assert response.status == 200
        assert b"<html" in response.read().lower()


def test_server_is_not_on_other_addresses(server: str) -> None:
    port = int(server.rsplit(":", 1)[1])
    addresses = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    outside = [a for a in addresses if not a.startswith("127.")]
    if not outside:
        pytest.skip("this machine has no non-loopback IPv4 address to try")
    with socket.socket() as sock:
        sock.settimeout(2)
        assert sock.connect_ex((outside[0], port)) != 0


@pytest.mark.browser
def test_browser_shows_overview_and_escapes_input(server: str) -> None:
    if not shutil.which(CHROMIUM):
        pytest.skip(f"Debian chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        page = browser.new_page()
        page.goto(server)
        page.get_by_text("By source and language").wait_for(timeout=30000)
        assert page.get_by_text("Articles", exact=True).first.is_visible()
        page.get_by_role("link", name="Claims").click()
        page.get_by_label("Search claims").fill("bridge")
        page.get_by_label("Search claims").press("Enter")
        page.get_by_text("1 claims shown").wait_for(timeout=30000)
        assert page.evaluate("window.pwned") is None
        page.screenshot(
            path=str(Path(os.environ.get("WORKBENCH_SCREENSHOTS", "/tmp")) / "claims.png")
        )
        browser.close()
