"""Linker at scale on real Arabic news (../shared/eval/saudinewsnet), three measurements.

1. ``full``: all SaudiNewsNet articles converted to JSONL, then ``workbench ingest`` and
   ``workbench link`` as real subprocesses: wall time and peak memory (largest process).
   Targets: ingest <= 180 s, link <= 180 s, peak <= 4 GiB on the 2-core machine.
2. ``sample``: 400 random articles; exhaustive ``rapidfuzz.process.cdist`` (token_set_ratio)
   over all claim pairs in the same run; recall of the linker's matches on the strong
   cross-source pairs (>= 90), and the time ratio. Target: recall >= 0.97.
3. ``growth``: a base database replicated in DuckDB with light perturbation (other outlet
   names, first word dropped on odd copies, dates shifted) to 100k, 300k, 600k and 1M claims;
   ``workbench link`` time and peak memory at each size. Target: close to linear.

Run: ``.venv/bin/python bench/bench_link.py [full|sample|growth ...]`` (default: all three).
Results go to stdout as Markdown; copy them into docs/benchmarks.md with the date.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from rapidfuzz import fuzz, process

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "saudinewsnet" / "json"
WORKBENCH = [sys.executable, "-m", "workbench"]
GIB = 1024**3
#: Copies of the ~100k-claim base: about 100k, 300k, 600k and 1M claims.
GROWTH_COPIES = (1, 3, 6, 10)


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


def measured(*args: str) -> tuple[float, float, str]:
    """Run ``workbench ARGS`` in a child; (seconds, peak GiB of the largest process, output)."""
    probe = (
        "import resource, subprocess, sys;"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "print(r.stdout + r.stderr);"
        "print('PEAK', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", probe, *WORKBENCH, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    lines = done.stdout.strip().splitlines()
    peak_kib = int(lines[-1].split()[1]) if lines and lines[-1].startswith("PEAK") else 0
    return seconds, peak_kib * 1024 / GIB, "\n".join(lines[:-1])[-400:]


def full(folder: Path) -> Path:
    rows = records()
    source = folder / "saudinewsnet"  # one JSONL file per day, as the corpus comes
    source.mkdir()
    for day in sorted({str(r["published"])[:10] for r in rows}):
        write_jsonl(
            [r for r in rows if str(r["published"]).startswith(day)], source / f"{day}.jsonl"
        )
    db = folder / "full.duckdb"
    ingest_s, ingest_gib, ingest_out = measured("--db", str(db), "ingest", "-q", str(source))
    link_s, link_gib, link_out = measured("--db", str(db), "link", "-q")
    claims = duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM claims")
    n_claims = claims.fetchone()[0]  # type: ignore[index]
    print("\n## full SaudiNewsNet\n")
    print("| step | articles | claims | seconds | target s | peak GiB | output |")
    print("|---|---|---|---|---|---|---|")
    last = ingest_out.strip().splitlines()[-1] if ingest_out.strip() else ""
    print(
        f"| ingest | {len(rows)} | {n_claims} | {ingest_s:.0f} | 180 | {ingest_gib:.2f} | {last} |"
    )
    last = link_out.strip().splitlines()[-1] if link_out.strip() else ""
    print(f"| link | | {n_claims} | {link_s:.0f} | 180 | {link_gib:.2f} | {last} |")
    return db


def sample(folder: Path, size: int = 400) -> None:
    rows = random.Random(7).sample(records(), size)
    source = write_jsonl(rows, folder / "sample.jsonl")
    db = folder / "sample.duckdb"
    measured("--db", str(db), "ingest", "-q", str(source))
    link_s, _, _ = measured("--db", str(db), "link", "-q")
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


# One copy of the base articles under another outlet name, dates shifted, first word dropped
# on odd copies: near-duplicates across outlets, as wires make them.
COPY_ARTICLES = """
INSERT INTO articles SELECT substr(md5(article_id || $tag), 1, 16), article_ref || $tag,
    source || $tag, url, title, published + CAST($shift AS INTEGER), language, origin_chain,
    text, input_path, ingested_at
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


def replicate(base: Path, target: Path, copies: int) -> int:
    """Copy ``base`` to ``target`` holding ``copies`` perturbed copies of every article."""
    shutil.copy(base, target)
    con = duckdb.connect(str(target))
    con.execute("CREATE TEMP TABLE base_articles AS SELECT article_id FROM articles")
    for k in range(1, copies):
        tag, odd = f"~r{k}", k % 2 == 1
        con.execute(COPY_ARTICLES, {"tag": tag, "shift": k % 3})
        con.execute(COPY_CLAIMS, {"tag": tag, "odd": odd})
        con.execute(COPY_ANCHORS, {"tag": tag})
    count = con.execute("SELECT count(*) FROM claims").fetchone()[0]  # type: ignore[index]
    con.close()
    return int(count)


def growth(folder: Path, base_claims: int = 100_000) -> None:
    rows = records()
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
    print("\n## growth (replicated SaudiNewsNet claims)\n")
    print("| claims | link s | s per 100k claims | peak GiB |")
    print("|---|---|---|---|")
    for copies in GROWTH_COPIES:
        db = folder / f"growth{copies}.duckdb"
        n = replicate(base, db, copies)
        seconds, peak, _ = measured("--db", str(db), "link", "-q")
        print(f"| {n} | {seconds:.0f} | {seconds / n * 100_000:.1f} | {peak:.2f} |")
        db.unlink()


def main() -> int:
    if not EVAL.exists():
        print(f"no evaluation data at {EVAL}; nothing to measure")
        return 0
    parts = sys.argv[1:] or ["full", "sample", "growth"]
    print(f"machine: {os.uname().machine}, {os.cpu_count()} cores, python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="bench-link-") as tmp:
        folder = Path(tmp)
        for part in parts:
            {"full": full, "sample": sample, "growth": growth}[part](folder)
            sys.stdout.flush()
    print(f"\nlimits: {resource.getrlimit(resource.RLIMIT_AS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
