"""Load: N simulated reviewers recording verdicts at once against a database of 1M claims.

The reviewers are **direct calls of the review service** (:class:`ReviewSession`), one thread
each, sharing one :class:`Store` exactly as the sessions of one ``workbench serve`` process do
(Streamlit runs each browser session's script in a thread of the server process). Each one
loops: the pair in front of it, a verdict, the next pair, with no think time, for a bounded
duration. Loopback only: nothing leaves the process.

Reported: verdicts per second sustained, p50 and p95 latency of one click (verdict recorded
and next pair ready), and the checks that matter: every verdict a reviewer was told was
recorded is in the database (none lost), no pair was served to two reviewers at once and no
verdict row is duplicated. The **baseline** is one reviewer alone on the same database in the
same run.

Run: ``.venv/bin/python bench/bench_load.py [--reviewers 8] [--seconds 120] [--folder DIR]``;
the load runs twice, with the verdict journal (issue 13) and with its check turned off.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_review import build_million

from workbench.models import Label, QueueFilter
from workbench.review.session import ReviewSession
from workbench.store import Store

LABELS = list(Label)


def run(
    store: Store, reviewers: int, seconds: float, tag: str, *, journal: bool = True
) -> dict[str, float | int | bool]:
    """``reviewers`` threads clicking for ``seconds``; figures and the loss/duplicate checks.

    ``journal=False``: the verdict journal's check on every step turned off (the service as
    it was before the journal, issue 13), for the same run's comparison."""
    if not journal:
        store.drain_journal = lambda: 0  # type: ignore[method-assign]
    try:
        return _run(store, reviewers, seconds, tag)
    finally:
        if not journal:
            del store.drain_journal


def _run(store: Store, reviewers: int, seconds: float, tag: str) -> dict[str, float | int | bool]:
    stop = time.monotonic() + seconds
    latencies: list[float] = []
    confirmed: list[str] = []  # verdict ids the service returned
    served: list[tuple[str, str]] = []  # (reviewer, match) each time a pair was put in front
    errors: list[str] = []
    lock = threading.Lock()

    def reviewer(index: int) -> None:
        name = f"{tag}-r{index}"
        session = ReviewSession(store, name)
        queue = QueueFilter()
        try:
            with store.unit():
                pair = session.current(queue)
            while pair is not None and time.monotonic() < stop:
                start = time.perf_counter()
                with store.unit():
                    verdict_id = session.decide(pair.match_id, LABELS[len(confirmed) % 4])
                    with lock:
                        confirmed.append(verdict_id)
                        served.append((name, pair.match_id))
                    pair = session.current(queue)
                    session.queue_size(queue)
                with lock:
                    latencies.append(time.perf_counter() - start)
        except Exception as error:  # reported, and the run counts as failed
            with lock:
                errors.append(f"{name}: {error}")

    threads = [threading.Thread(target=reviewer, args=(i,)) for i in range(reviewers)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    rows = store.verdict_rows(history=True)
    mine = rows.filter(rows["reviewer"].str.starts_with(f"{tag}-"))
    stored = set(mine["verdict_id"].to_list())
    matches = Counter(m for _, m in served)
    ordered = sorted(latencies)
    return {
        "reviewers": reviewers,
        "verdicts": len(confirmed),
        "seconds": round(elapsed, 1),
        "per_second": round(len(confirmed) / elapsed, 1),
        "p50_ms": round(statistics.median(ordered) * 1000) if ordered else 0,
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000) if ordered else 0,
        "lost": len(set(confirmed) - stored),
        "duplicated_rows": mine.height - len(stored),
        "pairs_served_twice": sum(1 for n in matches.values() if n > 1),
        "errors": len(errors),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--reviewers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument(
        "--folder", type=Path, help="keep (or reuse) the databases here, not in a temporary one"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        _, big, _, counts = build_million(folder, args.articles)
        print(f"database: {counts}")
        store = Store(big)
        with store.unit():  # first sync of the queue table, outside the timing
            ReviewSession(store, "warm-up").queue_size(QueueFilter())
        print(
            "| run | reviewers | verdicts | seconds | verdicts/s | p50 ms | p95 ms | lost "
            "| duplicated rows | pairs served twice | errors |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        runs = (
            ("baseline", 1, True),
            ("load, journal off", args.reviewers, False),
            ("load", args.reviewers, True),
        )
        for index, (tag, reviewers, journal) in enumerate(runs):
            r = run(store, reviewers, args.seconds, f"t{index}", journal=journal)
            print(
                f"| {tag} | {r['reviewers']} | {r['verdicts']} | {r['seconds']} | "
                f"{r['per_second']} | {r['p50_ms']} | {r['p95_ms']} | {r['lost']} | "
                f"{r['duplicated_rows']} | {r['pairs_served_twice']} | {r['errors']} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
