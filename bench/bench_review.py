"""The review loop with 1M claims in the database: click a verdict, next pair ready.

What is timed, each as median and p95 over many clicks:

1. **service**: what one click costs the server: :meth:`ReviewSession.decide` (append the
   verdict, release the lease) then :meth:`ReviewSession.current` (pick the next pair of the
   queue, lease it, load both claims with context and anchors) and the queue size shown on the
   page, in one unit of work, as the Review page does. Several queue settings.
2. **browser**: a real ``workbench serve`` on the same database and Debian chromium driven by
   Playwright: from the click on ``Unsure`` until the next pair's id is on the page; and the
   same click on a page of nothing but that button in a fragment (the floor Streamlit sets).
3. **journal**: the click loop with the verdict journal's check on and off, interleaved, and
   what a kept verdict costs (the fsynced append, its drain).

The database: real SaudiNewsNet articles ingested and linked by the workbench (the base),
then replicated in DuckDB (ids suffixed per copy) until it holds at least 1M claims, with
their anchors and matches. The **baseline** is the same loop on the base database, measured
in the same run: it shows what the 35x larger tables cost.

Run: ``.venv/bin/python bench/bench_review.py [--articles 3000] [--clicks 150]``.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import duckdb
from bench_link import records, write_jsonl

from workbench.models import Label, QueueFilter, QueueMode, QueueOrder, VerdictIn
from workbench.review.session import ReviewSession, utc_now
from workbench.store import Store

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "saudinewsnet" / "json"
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples" / "articles"
WORKBENCH = [sys.executable, "-m", "workbench"]
TARGET_CLAIMS = 1_000_000
CHROMIUM = "/usr/bin/chromium"


def base_input(folder: Path, articles: int) -> Path:
    """``articles`` SaudiNewsNet records drawn at random (seed 7) from all days and outlets,
    as JSONL; the project's samples where ../shared is absent."""
    if not EVAL.exists():
        return SAMPLES
    chosen = random.Random(7).sample(records(), articles)
    return write_jsonl(chosen, folder / "base.jsonl")


def build_base(db: Path, source: Path) -> None:
    for step in (["ingest", "-q", str(source)], ["link", "-q"]):
        subprocess.run([*WORKBENCH, "--db", str(db), *step], check=False, capture_output=True)


_IDS = {"article_id", "claim_id", "match_id", "claim_a_id", "claim_b_id", "article_ref"}


def _copy_sql(con: duckdb.DuckDBPyConnection, table: str, copies: int) -> str:
    """INSERT copying every row of ``table`` ``copies`` times, ids suffixed '~k' per copy;
    the column list is read from the table, so columns added by a migration come along."""
    names = [str(row[0]) for row in con.execute(f"DESCRIBE {table}").fetchall()]
    select = ", ".join(f"{n} || '~' || k" if n in _IDS else n for n in names)
    return f"INSERT INTO {table} SELECT {select} FROM {table}, range(1, {copies + 1}) t(k)"  # noqa: S608


def replicate(db: Path, target: int) -> dict[str, int]:
    """Copy articles, claims, anchors and matches with per-copy ids up to ``target`` claims."""
    con = duckdb.connect(str(db))
    try:
        claims = con.execute("SELECT count(*) FROM claims").fetchall()[0][0]
        copies = max(1, -(-target // claims)) - 1
        con.execute("BEGIN TRANSACTION")
        for table in ("articles", "claims", "anchors", "matches"):
            con.execute(_copy_sql(con, table, copies))
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        rows = con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM claims), "
            "(SELECT count(*) FROM anchors), (SELECT count(*) FROM matches)"
        ).fetchall()[0]
    finally:
        con.close()
    return dict(zip(("articles", "claims", "anchors", "matches"), rows, strict=True))


def build_million(folder: Path, articles: int) -> tuple[Path, Path, dict[str, int], dict[str, int]]:
    """(base database, 1M-claim database, their row counts) built in ``folder``."""
    base = folder / "base.duckdb"
    big = folder / "big.duckdb"
    if base.exists() and big.exists():  # --folder of an earlier run: reuse its databases
        return base, big, replicate(base, 0), replicate(big, 0)
    build_base(base, base_input(folder, articles))
    shutil.copy(base, big)
    return base, big, replicate(base, 0), replicate(big, TARGET_CLAIMS)


def _stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def service_loop(
    db: Path, queue: QueueFilter, clicks: int, reviewer: str, *, journal: bool = True
) -> tuple[float, float, int]:
    """Median and p95 ms of decide + next pair + queue size in one unit of work; clicks made.

    ``journal=False`` is the baseline without the verdict journal: its check on every step
    (is anything waiting to be stored?) is switched off on this store."""
    store = Store(db)
    if not journal:
        store.drain_journal = lambda: 0  # type: ignore[method-assign]
    session = ReviewSession(store, reviewer)
    with store.unit():
        pair = session.current(queue)
    if queue.mode is QueueMode.AGREEMENT:  # give it pairs judged by someone else first
        other = ReviewSession(store, reviewer + "-first")
        for _ in range(clicks + 1):
            with store.unit():
                first = other.current(QueueFilter())
                assert first is not None
                other.decide(first.match_id, Label.CONFLICTS)
        with store.unit():
            pair = session.current(queue)
    samples = []
    for _ in range(clicks):
        if pair is None:  # the queue ran dry: report the clicks made
            break
        start = time.perf_counter()
        with store.unit():
            session.decide(pair.match_id, Label.UNSURE)
            pair = session.current(queue)
            session.queue_size(queue)
        samples.append(time.perf_counter() - start)
    return (*_stats(samples), len(samples))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


#: The floor: a Streamlit page with nothing but a fragment holding the same button and
#: caption, timed the same way. What any click costs with Streamlit, before the workbench.
FLOOR_APP = """
import streamlit as st

st.session_state.setdefault("n", 0)


@st.fragment
def panel():
    def bump():
        st.session_state.n += 1

    st.button("Unsure", on_click=bump)
    st.caption(f"Pair {st.session_state.n:06x}")


panel()
"""


def browser_loop(db: Path | None, clicks: int) -> tuple[float, float] | None:
    """Median and p95 ms from a click on Unsure to the next pair on the page; ``db=None``
    times the floor (:data:`FLOOR_APP`) instead of the workbench."""
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    port = _free_port()
    if db is None:
        app = Path(tempfile.mkdtemp()) / "floor.py"
        app.write_text(FLOOR_APP, encoding="utf-8")
        command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless=true"]
        command += ["--server.address=127.0.0.1", f"--server.port={port}"]
    else:
        command = [*WORKBENCH, "--db", str(db), "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    pair_re = re.compile(r"^Pair ([0-9a-f~]+)")
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                ],
            )
            page = browser.new_page()
            if db is None:
                page.goto(url)
            else:
                page.goto(f"{url}/review")
                box = page.get_by_role("textbox", name="Reviewer")
                box.fill("browser")
                box.press("Enter")
            caption = page.get_by_text(pair_re).first
            caption.wait_for(timeout=120_000)
            samples = []
            for _ in range(clicks):
                shown = caption.inner_text()
                start = time.perf_counter()
                page.get_by_role("button", name=re.compile("^Unsure")).click()
                page.wait_for_function(
                    "prev => [...document.querySelectorAll('[data-testid=stCaptionContainer]')]"
                    ".some(e => e.innerText.startsWith('Pair ') && e.innerText !== prev)",
                    arg=shown,
                    timeout=60_000,
                )
                samples.append(time.perf_counter() - start)
            browser.close()
        return _stats(samples)
    finally:
        server.terminate()
        server.wait(timeout=30)


QUEUES = {
    "unreviewed, by score": QueueFilter(),
    "by suggestion": QueueFilter(order=QueueOrder.SUGGESTION),
    "suggestion filter + score range": QueueFilter(
        suggestion="conflicts", score_min=40, score_max=90
    ),
    "language pair + outlet filter": None,  # filled from the data
    "agreement mode": QueueFilter(mode=QueueMode.AGREEMENT),
}


def _filtered_queue(db: Path) -> QueueFilter:
    rows = Store(db).match_breakdown()
    languages = str(rows["languages"][0]).split("-")
    source = str(Store(db).match_sources()["source"][0])
    return QueueFilter(languages=(languages[0], languages[-1]), source=source)


def measure(db: Path, clicks: int, label: str) -> list[str]:
    lines = []
    for name, queue in QUEUES.items():
        queue = queue or _filtered_queue(db)
        median, p95, made = service_loop(db, queue, clicks, f"{label}-{name}")
        lines.append(f"| {label} | service | {name} | {made} | {median:.0f} | {p95:.0f} |")
    return lines


def journal_rows(db: Path, clicks: int) -> list[str]:
    """The journal's cost, same run: the click loop with and without it (interleaved rounds,
    so load drifts hit both alike), and a kept verdict's own cost: the fsynced append a
    click pays when the database cannot take it, and the drain that stores it later."""
    queue = QueueFilter()
    timed: dict[bool, list[tuple[float, float, int]]] = {True: [], False: []}
    for round_ in range(3):
        for on in (False, True):
            timed[on].append(service_loop(db, queue, clicks, f"j{round_}-{on}", journal=on))
    lines = []
    for on in (False, True):
        medians = sorted(m for m, _, _ in timed[on])
        p95s = sorted(p for _, p, _ in timed[on])
        made = sum(n for _, _, n in timed[on])
        name = "with the journal" if on else "journal off (baseline)"
        lines.append(f"| 1M | service | {name} | {made} | {medians[1]:.0f} | {p95s[1]:.0f} |")
    store = Store(db)
    match_ids = [str(m) for m in store.matches()["match_id"].head(clicks)]
    appends = []
    for n, match_id in enumerate(match_ids):
        verdict = VerdictIn(match_id=match_id, verdict=Label.UNSURE, reviewer=f"kept-{n}")
        start = time.perf_counter()
        store.keep_verdict(verdict, utc_now())
        appends.append(time.perf_counter() - start)
    median, p95 = _stats(appends)
    lines.append(
        f"| 1M | kept verdict: fsynced append | | {len(appends)} | {median:.1f} | {p95:.1f} |"
    )
    start = time.perf_counter()
    stored = store.drain_journal()
    per = (time.perf_counter() - start) * 1000 / max(stored, 1)
    lines.append(
        f"| 1M | kept verdicts: drained in one transaction | | {stored} | {per:.1f} per verdict | |"
    )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--clicks", type=int, default=150)
    parser.add_argument("--browser-clicks", type=int, default=40)
    parser.add_argument(
        "--journal-only", action="store_true", help="Only the verdict journal's cost at 1M."
    )
    parser.add_argument(
        "--folder",
        type=Path,
        help="Build the databases here and keep them; reuse them where they exist already.",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        base, big, small_counts, big_counts = build_million(folder, args.articles)
        built = time.perf_counter() - t0
        print(f"base: {small_counts}; replicated: {big_counts}; built in {built:.0f} s")
        print("| database | loop | queue | clicks | median ms | p95 ms |")
        print("|---|---|---|---|---|---|")
        for line in journal_rows(big, args.clicks):
            print(line, flush=True)
        if args.journal_only:
            return 0
        for line in [*measure(base, args.clicks, "base"), *measure(big, args.clicks, "1M")]:
            print(line)
        browsers: tuple[tuple[str, Path | None, str], ...] = (
            ("none", None, "floor: an empty Streamlit fragment"),
            ("base", base, "unreviewed, by score"),
            ("1M", big, "unreviewed, by score"),
        )
        for label, db, queue in browsers:
            timed = browser_loop(db, args.browser_clicks)
            if timed is None:
                print(f"| {label} | browser | skipped: no {CHROMIUM} | | | |")
            else:
                print(
                    f"| {label} | browser | {queue} | {args.browser_clicks} "
                    f"| {timed[0]:.0f} | {timed[1]:.0f} |"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
