"""Ingest throughput on real public news (../shared/eval), with a naive baseline in the same run.

The workbench pipeline (decode, language, segmentation, anchors, batched DuckDB writes) is
compared with a baseline that reads the same records, splits on sentence punctuation with one
regex and inserts rows with executemany: the floor any ingest pays. Results go to stdout as a
Markdown table; copy them into docs/benchmarks.md with the machine and date.

Run: ``make bench`` or ``.venv/bin/python bench/bench_ingest.py [--limit N]``.
Target: >= 800 claims/s on the project's 2-core machine, on both corpora (all 31k SaudiNewsNet
articles, about 780k claims, in under 17 minutes). Articles/s depends on article length.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from workbench.jobs.ingest import ingest
from workbench.settings import Settings
from workbench.store import Store

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
TARGET_CLAIMS_PER_S = 800.0


def corpora(limit: int) -> dict[str, list[dict[str, object]]]:
    """Up to ``limit`` records from each corpus, as JSON records the readers accept."""
    fars: list[dict[str, object]] = []
    for path in sorted((EVAL / "farsnews").glob("*.json")):
        for raw in json.loads(path.read_text(encoding="utf-8")):
            fars.append(
                {
                    "source": "Fars News",
                    "title": raw["title"],
                    "url": raw["link"],
                    "text": "\n\n".join([raw.get("abstract") or "", *raw["paragraphs"]]),
                }
            )
    saudi: list[dict[str, object]] = []
    for path in sorted((EVAL / "saudinewsnet" / "json").glob("*.json")):
        saudi.extend(json.loads(path.read_text(encoding="utf-8")))
        if len(saudi) >= limit:
            break
    return {"farsnews (fa)": fars[:limit], "saudinewsnet (ar)": saudi[:limit]}


_SPLIT = re.compile(r"(?<=[.!?؟])\s+|\n+")


def baseline(records: list[dict[str, object]], db: Path) -> tuple[float, int]:
    """Naive ingest: regex split, executemany inserts, no anchors, no language, no ids."""
    started = time.perf_counter()
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE claims (article INTEGER, position INTEGER, text VARCHAR)")
    rows = []
    for number, record in enumerate(records):
        text = str(record.get("text") or record.get("content") or "")
        rows.extend(
            (number, i, s) for i, s in enumerate(p for p in _SPLIT.split(text) if p.strip())
        )
    con.executemany("INSERT INTO claims VALUES (?, ?, ?)", rows)
    con.close()
    return time.perf_counter() - started, len(rows)


def workbench(records: list[dict[str, object]], folder: Path) -> tuple[float, int, float]:
    """The real pipeline from a JSON file; returns (seconds, claims, re-ingest seconds)."""
    source = folder / "records.json"
    source.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    store = Store(folder / "bench.duckdb")
    started = time.perf_counter()
    report = ingest([source], store, Settings(max_file_mb=500))
    first = time.perf_counter() - started
    started = time.perf_counter()
    ingest([source], store, Settings(max_file_mb=500))
    return first, report.claims, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1500, help="records per corpus")
    args = parser.parse_args()
    if not EVAL.exists():
        print(f"no evaluation data at {EVAL}; nothing to measure")
        return 0
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()}"
    )
    header = [
        "corpus", "articles", "MB", "workbench s", "articles/s", "claims", "claims/s",
        "re-ingest s", "baseline s", "baseline claims",
    ]  # fmt: skip
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    ok = True
    for name, records in corpora(args.limit).items():
        size = (
            sum(len(str(r.get("text") or r.get("content") or "").encode()) for r in records) / 1e6
        )
        with tempfile.TemporaryDirectory() as tmp:
            seconds, claims, again = workbench(records, Path(tmp))
            base_s, base_claims = baseline(records, Path(tmp) / "baseline.duckdb")
        rate = len(records) / seconds
        ok &= claims / seconds >= TARGET_CLAIMS_PER_S
        print(
            f"| {name} | {len(records)} | {size:.1f} | {seconds:.1f} | {rate:.0f} | {claims} | "
            f"{claims / seconds:.0f} | {again:.1f} | {base_s:.2f} | {base_claims} |"
        )
    print(f"target {TARGET_CLAIMS_PER_S:g} claims/s: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
