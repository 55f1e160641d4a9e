"""Linker at scale on real Arabic news (../shared/eval/saudinewsnet), three measurements.

1. ``full``: all SaudiNewsNet articles converted to JSONL, then ``workbench ingest`` and
   ``workbench link`` as real subprocesses: wall time and peak memory (largest process).
   Targets: ingest <= 180 s, link <= 180 s, peak <= 4 GiB on the 2-core machine.
2. ``sample``: 400 random articles; exhaustive ``rapidfuzz.process.cdist`` (token_set_ratio)
   over all claim pairs in the same run; recall of the linker's matches on the strong
   cross-source pairs (>= 90), and the time ratio. Target: recall >= 0.97.
3. ``growth``: a base of ~100k claims replicated in DuckDB with light perturbation (first
   word dropped on odd copies, dates moved by 0-2 days) to about 100k, 300k and 1M claims,
   under two models; ``workbench link`` time and peak memory at each size. Target: close to
   linear.

   - ``feed``: replica k is the base moved k x (base span + window + 7) days later under the
     same outlets: more months of coverage, which is how a newsroom's database grows;
   - ``same window``: every replica in the base's days under other outlet names: each claim
     gains one near-identical partner per copy (the worst case: density grows with size).

Every part starts with a machine baseline (the same in any run, timed before and after the
growth series): ``rapidfuzz.process.cdist`` with ``token_set_ratio`` over the first 1,000
sentences of the corpus, so that figures from other machines, or from a busy machine, can be
read against it.

Run: ``.venv/bin/python bench/bench_link.py [full|sample|growth ...]`` (default: all three).
Results go to stdout as Markdown; copy them into docs/benchmarks.md with the date.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import duckdb
from rapidfuzz import fuzz, process

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "saudinewsnet" / "json"
WORKBENCH = [sys.executable, "-m", "workbench"]
GIB = 1024**3
#: Copies of the ~100k-claim base: about 100k, 300k and 1M claims.
GROWTH_COPIES = (1, 3, 10)
#: Days between feed replicas beyond the base's span and the link window: no replica falls in
#: another's window.
FEED_GAP_DAYS = 7
WINDOW_DAYS = 60  # the default link window (settings.window_days)
BASELINE_SENTENCES = 1000


def records() -> list[dict[str, object]]:
    """Every SaudiNewsNet article as an ingest record."""
    found: list[dict[str, object]] = []
    for path in sorted(EVAL.glob("*.json")):
        for raw in json.loads(path.read_text(encoding="utf-8")):
            found.append(
                {
                    "id": raw["url"],
                    "source": raw["source"],
                    "title": raw["title"],
                    "url": raw["url"],
                    "published": raw["date_extracted"],
                    "text": raw["content"],
                }
            )
    return found


def write_jsonl(rows: list[dict[str, object]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


class Run(NamedTuple):
    """One measured ``workbench`` command."""

    seconds: float
    peak_gib: float  # the largest process, workers included
    cpu_s: float  # user + system seconds of every process: the work, whatever else runs
    output: str


#: Runs ``workbench`` and samples the CPU time of it and of every process under it (pool
#: workers are grandchildren, which ``RUSAGE_CHILDREN`` does not see), twice a second.
PROBE = """
import os, resource, subprocess, sys, time

def descendants(root):
    parents = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(pid)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    found, todo = {}, [root]
    while todo:
        pid = todo.pop()
        found[pid] = parents.get(pid, (0, 0))[1]
        todo.extend(p for p, (ppid, _) in parents.items() if ppid == pid)
    return found

child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
ticks = {}
while child.poll() is None:
    ticks.update(descendants(child.pid))
    time.sleep(0.5)
output = child.stdout.read()
print(output)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
sampled = sum(v for p, v in ticks.items() if p != child.pid) / os.sysconf("SC_CLK_TCK")
print("PEAK", usage.ru_maxrss, usage.ru_utime + usage.ru_stime + sampled)
"""


def measured(*args: str) -> Run:
    """Run ``workbench ARGS`` in a child and measure it."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *WORKBENCH, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    lines = done.stdout.strip().splitlines()
    peak_kib, cpu = 0.0, 0.0
    if lines and lines[-1].startswith("PEAK"):
        peak_kib, cpu = (float(v) for v in lines[-1].split()[1:])
    return Run(seconds, peak_kib * 1024 / GIB, cpu, "\n".join(lines[:-1])[-400:])


def full(folder: Path) -> Path:
    rows = records()
    source = folder / "saudinewsnet"  # one JSONL file per day, as the corpus comes
    source.mkdir()
    for day in sorted({str(r["published"])[:10] for r in rows}):
        write_jsonl(
            [r for r in rows if str(r["published"]).startswith(day)], source / f"{day}.jsonl"
        )
    db = folder / "full.duckdb"
    ingest = measured("--db", str(db), "ingest", "-q", str(source))
    linked = measured("--db", str(db), "link", "-q")
    claims = duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM claims")
    n_claims = claims.fetchone()[0]  # type: ignore[index]
    print("\n## full SaudiNewsNet\n")
    print(f"machine baseline: {machine_baseline(rows):.1f} s\n")
    print("| step | articles | claims | seconds | target s | CPU s | peak GiB | output |")
    print("|---|---|---|---|---|---|---|---|")
    for step, run, articles in [("ingest", ingest, str(len(rows))), ("link", linked, "")]:
        last = run.output.strip().splitlines()[-1] if run.output.strip() else ""
        print(
            f"| {step} | {articles} | {n_claims} | {run.seconds:.0f} | 180 | {run.cpu_s:.0f} "
            f"| {run.peak_gib:.2f} | {last} |"
        )
    return db


def sample(folder: Path, size: int = 400) -> None:
    rows = random.Random(7).sample(records(), size)
    source = write_jsonl(rows, folder / "sample.jsonl")
    db = folder / "sample.duckdb"
    measured("--db", str(db), "ingest", "-q", str(source))
    link_s = measured("--db", str(db), "link", "-q").seconds
    con = duckdb.connect(str(db), read_only=True)
    claims = con.execute(
        "SELECT c.claim_id, c.norm_text, a.source FROM claims c JOIN articles a USING (article_id)"
    ).fetchall()
    linked = {
        tuple(sorted(r))
        for r in con.execute("SELECT claim_a_id, claim_b_id FROM matches").fetchall()
    }
    con.close()
    texts = [c[1] for c in claims]
    started = time.perf_counter()
    matrix = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, workers=-1, dtype="uint8")
    exhaustive_s = time.perf_counter() - started
    strong = {
        tuple(sorted((claims[i][0], claims[j][0])))
        for i, j in zip(*(matrix >= 90).nonzero(), strict=True)
        if i < j and claims[i][2] != claims[j][2]
    }
    found = len(strong & linked)
    print("\n## 400-article sample against exhaustive cdist\n")
    header = [
        "claims", "pairs compared by cdist", "strong cross-source pairs (>= 90)",
        "found by the linker", "recall", "cdist s", "link s (incl. start-up)",
    ]  # fmt: skip
    recall = found / len(strong) if strong else 1.0
    cells = [len(claims), len(claims) ** 2, len(strong), found, f"{recall:.3f}"]
    cells += [f"{exhaustive_s:.1f}", f"{link_s:.1f}"]
    print("| " + " | ".join(header) + " |\n|" + "---|" * len(header))
    print("| " + " | ".join(map(str, cells)) + " |")


def machine_baseline(rows: list[dict[str, object]]) -> float:
    """Seconds of a fixed workload: cdist ``token_set_ratio`` over the corpus's first sentences."""
    sentences = [
        part.strip()
        for row in rows[:400]
        for part in str(row["text"]).split(".")
        if len(part.strip()) > 20
    ][:BASELINE_SENTENCES]
    started = time.perf_counter()
    process.cdist(sentences, sentences, scorer=fuzz.token_set_ratio, workers=-1, dtype="uint8")
    return time.perf_counter() - started


# One copy of the base articles, dates moved, first word dropped on odd copies: near-duplicates
# of the base, either in the same days under other outlet names (as wires make them), or under
# the same outlets months later (a feed). $rename: add the copy's tag to the outlet name.
COPY_ARTICLES = """
INSERT INTO articles SELECT substr(md5(article_id || $tag), 1, 16), article_ref || $tag,
    CASE WHEN $rename THEN source || $tag ELSE source END, url, title,
    published + CAST($shift AS INTEGER), language, origin_chain, text, input_path, ingested_at
FROM articles WHERE article_id IN (SELECT article_id FROM base_articles)
"""
COPY_CLAIMS = """
INSERT INTO claims SELECT substr(md5(claim_id || $tag), 1, 16),
    substr(md5(article_id || $tag), 1, 16), position, field, char_start, char_end,
    CASE WHEN $odd THEN regexp_replace(text, '^\\S+\\s+', '') ELSE text END,
    CASE WHEN $odd THEN regexp_replace(norm_text, '^\\S+\\s+', '') ELSE norm_text END,
    language
FROM claims WHERE article_id IN (SELECT article_id FROM base_articles)
"""
COPY_ANCHORS = """
INSERT INTO anchors SELECT substr(md5(x.claim_id || $tag), 1, 16), x.kind, x.text, x.value,
    x.char_start, x.char_end, x.detail
FROM anchors x JOIN claims c USING (claim_id)
WHERE c.article_id IN (SELECT article_id FROM base_articles)
"""


def replicate(base: Path, target: Path, copies: int, *, feed: bool) -> int:
    """Copy ``base`` to ``target`` holding ``copies`` perturbed copies of every article: months
    apart under the same outlets (``feed``), or in the same days under other outlet names."""
    shutil.copy(base, target)
    con = duckdb.connect(str(target))
    con.execute("CREATE TEMP TABLE base_articles AS SELECT article_id FROM articles")
    low, high = con.execute("SELECT min(published), max(published) FROM articles").fetchone()  # type: ignore[misc]
    period = (high - low).days + WINDOW_DAYS + FEED_GAP_DAYS
    for k in range(1, copies):
        tag, odd = f"~r{k}", k % 2 == 1
        shift = k % 3 + (k * period if feed else 0)
        con.execute(COPY_ARTICLES, {"tag": tag, "shift": shift, "rename": not feed})
        con.execute(COPY_CLAIMS, {"tag": tag, "odd": odd})
        con.execute(COPY_ANCHORS, {"tag": tag})
    count = con.execute("SELECT count(*) FROM claims").fetchone()[0]  # type: ignore[index]
    con.close()
    return int(count)


def growth_base(folder: Path, rows: list[dict[str, object]], base_claims: int = 100_000) -> Path:
    """A database of the first ``base_claims`` (or a little more) claims of the corpus."""
    base = folder / "base.duckdb"
    taken, claims = 0, 0
    step = 1500
    while claims < base_claims and taken < len(rows):
        source = write_jsonl(rows[taken : taken + step], folder / f"part{taken}.jsonl")
        measured("--db", str(base), "ingest", "-q", str(source))
        taken += step
        con = duckdb.connect(str(base), read_only=True)
        claims = con.execute("SELECT count(*) FROM claims").fetchone()[0]  # type: ignore[index]
        con.close()
    return base


def growth(folder: Path) -> None:
    rows = records()
    base = growth_base(folder, rows)
    print("\n## growth (replicated SaudiNewsNet claims)\n")
    print(f"machine baseline before: {machine_baseline(rows):.1f} s\n")
    header = "model | claims | link s | s per 100k claims | CPU s | CPU s per 100k | peak GiB"
    print(f"| {header} | candidates | matches |\n|" + "---|" * 9)
    for feed in (True, False):
        for copies in GROWTH_COPIES:
            if copies == 1 and not feed:
                continue  # one copy is the same database in both models
            db = folder / f"growth{copies}.duckdb"
            n = replicate(base, db, copies, feed=feed)
            run = measured("--db", str(db), "link", "-q")
            cells = [
                "feed" if feed else "same window",
                str(n),
                f"{run.seconds:.0f}",
                f"{run.seconds / n * 100_000:.1f}",
                f"{run.cpu_s:.0f}",
                f"{run.cpu_s / n * 100_000:.1f}",
                f"{run.peak_gib:.2f}",
                *_counts(run.output),
            ]
            print("| " + " | ".join(cells) + " |", flush=True)
            db.unlink()
    print(f"\nmachine baseline after: {machine_baseline(rows):.1f} s")


def _counts(output: str) -> tuple[str, str]:
    """(candidate pairs, matches) from the link command's summary line."""
    found = re.search(r"(\d+) candidate pairs, (\d+) matches", output)
    return (found.group(1), found.group(2)) if found else ("?", "?")


PARTS: dict[str, Callable[[Path], object]] = {"full": full, "sample": sample, "growth": growth}


def main() -> int:
    if not EVAL.exists():
        print(f"no evaluation data at {EVAL}; nothing to measure")
        return 0
    parts = sys.argv[1:] or ["full", "sample", "growth"]
    print(f"machine: {os.uname().machine}, {os.cpu_count()} cores, python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="bench-link-") as tmp:
        folder = Path(tmp)
        for part in parts:
            PARTS[part](folder)
            sys.stdout.flush()
    print(f"\nlimits: {resource.getrlimit(resource.RLIMIT_AS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
