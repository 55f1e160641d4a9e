"""Ingest MB/s for each hostile input shape, beside ordinary news in the same run, and peak
memory of a streamed ingest of a large JSON Lines file, and of the reader alone on JSON Lines
and JSON arrays at half and full size.

Each shape of ``tests/hostile.py`` becomes one JSON Lines record of ``--chars`` characters,
ingested by the real pipeline into a fresh DuckDB file (one process, so the figure is the
text work, not the pool). The baseline is ordinary news of the same size: SaudiNewsNet
records where ``../shared/eval`` is present, else the repository's sample articles. A shape
far below the baseline is a cost to look at; one that falls with size is quadratic.

``--memory`` also writes every SaudiNewsNet record to one JSON Lines file (about 105 MB)
and ingests it with ``workbench ingest`` in a child process, reporting its peak resident
memory beside the file's size (the old reader held the whole file, then its text).

Run: ``.venv/bin/python bench/bench_hostile.py [--chars N] [--memory]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile import TEXT_SHAPES, hostile_folder  # noqa: E402
from workbench.jobs.ingest import ingest  # noqa: E402
from workbench.settings import Settings  # noqa: E402
from workbench.store import Store  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"


def _news(chars: int) -> list[dict[str, object]]:
    """Ordinary articles adding up to about ``chars`` characters."""
    records: list[dict[str, object]] = []
    total = 0
    paths = sorted((EVAL / "saudinewsnet" / "json").glob("*.json"))
    if paths:
        for path in paths:
            for raw in json.loads(path.read_text(encoding="utf-8")):
                records.append(raw)
                total += len(str(raw.get("content") or raw.get("text") or ""))
                if total >= chars:
                    return records
    for i in range(10_000):  # the samples, told apart so none is a duplicate
        for path in sorted((ROOT / "data" / "samples" / "articles").glob("*.txt")):
            text = path.read_text(encoding="utf-8") + f"\n\nEdition {i}."
            records.append({"source": f"Sample {path.stem}", "text": text})
            total += len(text)
            if total >= chars:
                return records
    return records


def _ingest_seconds(records: list[dict[str, object]], work: Path) -> tuple[float, float, int]:
    feed = work / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    db = work / "bench.duckdb"
    db.unlink(missing_ok=True)
    settings = Settings(db=db, workers=1)
    started = time.perf_counter()
    report = ingest([feed], Store(db), settings)
    seconds = time.perf_counter() - started
    return seconds, feed.stat().st_size / 1e6, report.claims


def shapes(chars: int) -> None:
    print(f"| shape ({chars:,} characters) | MB | seconds | MB/s | claims |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seconds, mb, claims = _ingest_seconds(_news(chars), work)
        rate = mb / seconds
        print(f"| **baseline: ordinary news** | {mb:.2f} | {seconds:.2f} | {rate:.2f} | {claims} |")
        for name in sorted(TEXT_SHAPES):
            record = {"source": "Wire", "text": TEXT_SHAPES[name](chars)}
            seconds, mb, claims = _ingest_seconds([record], work)
            print(f"| {name} | {mb:.2f} | {seconds:.2f} | {mb / seconds:.2f} | {claims} |")


def folder(chars: int) -> None:
    """The whole folder of ``tests/hostile.py`` (every shape, bad lines and files, a 20 MB
    nested page, a FIFO) through the real command, as the issue's 60-second target reads."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "hostile"
        good, bad = hostile_folder(root, shape_chars=chars, html_nesting=1_800_000)
        size = sum(p.stat().st_size for p in root.iterdir() if p.is_file()) / 1e6
        db = Path(tmp) / "folder.duckdb"
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "workbench", "--db", str(db), "ingest", "-q", str(root)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=600,
        )
        seconds = time.perf_counter() - started
        stored = set(Store(db).articles()["article_ref"].to_list())
        named = sum(
            1
            for line in done.stderr.splitlines()
            if line.startswith("rejected") or ": skipped: " in line
        )
        print(
            f"folder of every hostile input: {size:.0f} MB in {seconds:.1f} s "
            f"(exit {done.returncode}), "
            f"good records stored {len(good & stored)}/{len(good)}, bad inputs named {named}/{bad}"
        )


_READER = """
import resource, sys
from pathlib import Path
from workbench.ingest.readers import read_records
path = Path(sys.argv[1])
with path.open("rb") as handle:
    n = sum(1 for _ in read_records(path, path.name, handle))
print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def _reader_peak(path: Path) -> tuple[int, int]:
    """Items read and the peak resident MB of a child process reading ``path`` alone."""
    done = subprocess.run(
        [sys.executable, "-c", _READER, str(path)], capture_output=True, text=True, cwd=ROOT
    )
    items, peak = done.stdout.split()
    return int(items), int(peak)


def memory() -> None:
    paths = sorted((EVAL / "saudinewsnet" / "json").glob("*.json"))
    if not paths:
        print("memory: skipped, ../shared/eval/saudinewsnet is absent")
        return
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "saudinewsnet.jsonl"
        records = [raw for path in paths for raw in json.loads(path.read_text(encoding="utf-8"))]
        half = Path(tmp) / "half.jsonl"
        for target, part in ((feed, records), (half, records[: len(records) // 2])):
            with target.open("w", encoding="utf-8") as out:
                for raw in part:
                    out.write(json.dumps(raw, ensure_ascii=False) + "\n")
            array = target.with_suffix(".json")
            array.write_text(json.dumps(part, ensure_ascii=False, indent=1), encoding="utf-8")
        print("| file | size | items read | reader peak resident |")
        print("|---|---|---|---|")
        for path in (half, feed, half.with_suffix(".json"), feed.with_suffix(".json")):
            items, peak = _reader_peak(path)
            kind = "JSON array" if path.suffix == ".json" else "JSON Lines"
            size = path.stat().st_size / 1e6
            print(f"| {kind}, {path.stem} | {size:.0f} MB | {items} | {peak} MB |")
        db = Path(tmp) / "mem.duckdb"
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "workbench", "--db", str(db), "ingest", "-q", str(feed)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, "WORKBENCH_WORKERS": "1"},
        )
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"memory: {feed.stat().st_size / 1e6:.0f} MB JSON Lines, exit {done.returncode}, "
            f"{seconds:.0f} s, peak resident {peak_mb:.0f} MB (one process)"
        )
        if done.returncode not in (0, 1):
            print(done.stderr[-2000:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=500_000, help="characters per shape")
    parser.add_argument("--memory", action="store_true", help="also the 105 MB streamed ingest")
    args = parser.parse_args()
    print(
        f"{platform.node()} {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}"
    )
    shapes(args.chars)
    folder(args.chars)
    if args.memory:
        memory()


if __name__ == "__main__":
    main()
