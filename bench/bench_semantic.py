"""What the semantic signal costs, on the real multilingual dev events (../shared/eval/events).

1. ``embed``: the bundled model's throughput in one process (claims a second, tokens a claim).
2. ``link``: ``workbench ingest`` + ``workbench link`` on both events as real subprocesses,
   three ways in the same run: ``semantic=off`` (the baseline: names, concepts, numbers and
   dates only), the default (the first run embeds), and ``link --rebuild`` on the same file
   (vectors are kept: nothing is embedded again). Wall time, CPU time, peak memory, and the
   link summary line.
3. ``feed``: the two events replicated under the feed model of ``bench_link.py`` (copy k is
   moved k x 200 days later, same outlets) to ``--copies`` copies, linked with every signal
   on: seconds and peak per 1,000 claims, to read growth against claims.

Run: ``.venv/bin/python bench/bench_semantic.py [embed|link|feed ...] [--copies N]``.
Results go to stdout as Markdown; copy them into docs/benchmarks.md with the date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import duckdb  # noqa: E402
from bench_link import Run, measured  # noqa: E402

from workbench.ingest.readers import read_records  # noqa: E402
from workbench.linking import semantic  # noqa: E402
from workbench.models import InputRecord  # noqa: E402

EVENTS = ROOT.parent / "shared" / "eval" / "events"


def _articles() -> list[Path]:
    return sorted(p for e in sorted(EVENTS.iterdir()) for p in (e / "articles").rglob("*.txt"))


def _records() -> list[dict[str, object]]:
    rows = []
    for path in _articles():
        for item in read_records(path, path.name, path.read_bytes()):
            if isinstance(item, InputRecord):
                data = item.model_dump(mode="json")
                rows.append({k: v for k, v in data.items() if v is not None})
    return rows


def embed() -> None:
    from workbench.text.segment import split_sentences

    texts = [
        str(r["text"])[span.start : span.end]
        for r in _records()
        for span in split_sentences(str(r["text"]))
    ][:300]
    semantic.embed(["warm"], ["warm up"])
    started = time.perf_counter()
    semantic.embed([str(i) for i in range(len(texts))], texts)
    seconds = time.perf_counter() - started
    print("\n## embedding (one process)\n")
    print(
        f"{len(texts)} sentences of the dev events: {seconds:.1f} s, "
        f"{len(texts) / seconds:.1f} claims/s, {1000 * seconds / len(texts):.0f} ms a claim"
    )


def _row(name: str, run: Run) -> None:
    last = run.output.strip().splitlines()[-1] if run.output.strip() else ""
    print(f"| {name} | {run.seconds:.1f} | {run.cpu_s:.1f} | {run.peak_gib:.2f} | {last} |")


def link() -> None:
    print("\n## link on the dev events (both, one database)\n")
    print("| run | seconds | CPU s | peak GiB | output |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, env_args in [("semantic=off (baseline)", ["off"]), ("default", ["auto"])]:
            db = Path(tmp) / f"{env_args[0]}.duckdb"
            measured(
                "--db",
                str(db),
                "ingest",
                "-q",
                *map(str, (e / "articles" for e in sorted(EVENTS.iterdir()))),
            )
            os.environ["WORKBENCH_SEMANTIC"] = env_args[0]
            run = measured("--db", str(db), "link", "-q")
            _row(name, run)
            if env_args[0] == "auto":
                again = measured("--db", str(db), "link", "-q", "--rebuild")
                _row("default, --rebuild (vectors kept)", again)
            os.environ.pop("WORKBENCH_SEMANTIC")


def feed(copies: int) -> None:
    rows = _records()
    print(f"\n## feed: the dev events x {copies} (copy k moved k x 200 days), every signal on\n")
    print("| copies | claims | seconds | CPU s | peak GiB | s per 1,000 claims | output |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sorted({1, copies}):
            path = Path(tmp) / f"feed{n}.jsonl"
            with path.open("w", encoding="utf-8") as handle:
                for k in range(n):
                    for i, r in enumerate(rows):
                        day = dt.date.fromisoformat(str(r.get("published", "2024-01-01")))
                        moved = {
                            **r,
                            "id": f"{k}-{i}",
                            "published": str(day + dt.timedelta(days=200 * k)),
                        }
                        handle.write(json.dumps(moved, ensure_ascii=False) + "\n")
            db = Path(tmp) / f"feed{n}.duckdb"
            measured("--db", str(db), "ingest", "-q", str(path))
            claims = (
                duckdb.connect(str(db), read_only=True)
                .execute("SELECT count(*) FROM claims")
                .fetchone()[0]
            )  # type: ignore[index]
            run = measured("--db", str(db), "link", "-q")
            print(
                f"| {n} | {claims} | {run.seconds:.0f} | {run.cpu_s:.0f} | {run.peak_gib:.2f} | "
                f"{1000 * run.seconds / claims:.1f} | {run.output.strip().splitlines()[-1]} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", default=["embed", "link", "feed"])
    parser.add_argument("--copies", type=int, default=4)
    args = parser.parse_args()
    if not EVENTS.exists():
        sys.exit(f"no dev events at {EVENTS}")
    if "embed" in args.parts:
        embed()
    if "link" in args.parts:
        link()
    if "feed" in args.parts:
        feed(args.copies)


if __name__ == "__main__":
    main()
