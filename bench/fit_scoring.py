"""Fit the shipped scoring model (workbench/linking/data/scoring_model.json) on labelled pairs.

    .venv/bin/python bench/fit_scoring.py [--out PATH] [--check]

Data (each ingested into a temporary database with the real pipeline, every claim embedded):
the two development events of ../shared/eval/events/ (gold.csv each), the seeds
(../shared/seeds with ../shared/eval/seeds_gold.csv) and the samples (data/samples). Every
cross-source pair of claims is scored with the linker's own signals (``score_pairs``); the
labelled ones train the model:

- 1: a gold ``corroborates`` or ``conflicts`` pair (both state one fact);
- 0: a gold ``distinct`` pair (looks alike, another fact or event); and, for each gold
  positive pair, the other claims of the partner's article: an article states a fact once,
  so its other sentences are other facts (the hard negatives: same event, same people).

Pairs absent from a gold file are not negatives and are left out. Before the final fit the
script fits on one event and measures on the other, both ways (recall@10 over every pair of
the held-out event, the ranking's upper bound; `score_events.py` measures the pipeline), and
keeps those figures in the model file. ``--check`` fits and reports without writing.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbench.jobs.evaluate import GoldPair, resolve  # noqa: E402
from workbench.jobs.ingest import ingest  # noqa: E402
from workbench.jobs.link import claim_vectors, features_in_slices  # noqa: E402
from workbench.linking import fit, learned  # noqa: E402
from workbench.linking.scoring import feature_frame, score_pairs  # noqa: E402
from workbench.settings import Settings  # noqa: E402
from workbench.store import Store  # noqa: E402

SHARED = ROOT.parent / "shared"
OUT = ROOT / "workbench" / "linking" / "data" / learned.MODEL_FILE


@dataclass
class Labelled:
    """One data set's scored cross-source pairs, labels (-1: unlabelled) and gold pairs."""

    name: str
    scored: pl.DataFrame
    labels: np.ndarray
    gold: list[GoldPair]
    claims: pl.DataFrame


def data_sets(shared: Path = SHARED) -> list[tuple[str, list[Path], Path]]:
    """(name, article paths, gold file) of each data set present."""
    found = []
    events = shared / "eval" / "events"
    for event in sorted(events.iterdir()) if events.exists() else []:
        if (event / "gold.csv").exists():
            found.append((event.name, [event / "articles"], event / "gold.csv"))
    if (shared / "seeds").exists():
        found.append(("seeds", [shared / "seeds"], shared / "eval" / "seeds_gold.csv"))
    found.append(("samples", [ROOT / "data/samples/articles"], ROOT / "data/samples/gold.csv"))
    return found


def _all_pairs(claims: pl.DataFrame) -> pl.DataFrame:
    """Every pair of claims of different sources (claim_a < claim_b)."""
    left = claims.select(claim_a="claim_id", source_a="source")
    right = claims.select(claim_b="claim_id", source_b="source")
    return (
        left.join(right, how="cross")
        .filter(
            (pl.col("claim_a") < pl.col("claim_b")) & (pl.col("source_a") != pl.col("source_b"))
        )
        .select("claim_a", "claim_b")
    )


def _labels(pairs: pl.DataFrame, gold: list[GoldPair], claims: pl.DataFrame) -> np.ndarray:
    article = dict(zip(claims["claim_id"], claims["article_id"], strict=True))
    by_article: dict[str, set[str]] = collections.defaultdict(set)
    for claim, art in article.items():
        by_article[art].add(claim)
    label: dict[tuple[str, str], int] = {}

    def put(a: str, b: str, value: int) -> None:
        key = (min(a, b), max(a, b))
        if value == 1 or label.get(key) != 1:
            label[key] = value

    for pair in gold:
        same = pair.relation in ("corroborates", "conflicts")
        for a in pair.claims_a:
            for b in pair.claims_b:
                put(a, b, 1 if same else 0)
        if same:  # the partner article's other sentences state other facts
            for side, other in ((pair.claims_a, pair.claims_b), (pair.claims_b, pair.claims_a)):
                rest = by_article[article[next(iter(other))]] - other
                for a in side:
                    for b in rest:
                        put(a, b, 0)
    keys = zip(pairs["claim_a"].to_list(), pairs["claim_b"].to_list(), strict=True)
    return np.array([label.get(k, -1) for k in keys])


def labelled(name: str, paths: list[Path], gold: Path) -> Labelled:
    """Ingest, embed, score every cross-source pair, label."""
    settings = Settings(semantic="all", workers=2, db=Path("unused"))
    with tempfile.TemporaryDirectory(prefix="workbench-fit-") as folder:
        store = Store(Path(folder) / "fit.duckdb")
        ingest(paths, store, settings)
        vectors, _ = claim_vectors(store, settings, None)
        claims = store.claims().join(
            store.articles(limit=None).select("article_id", "input_path"), on="article_id"
        )
        claims = claims.join(
            store.claim_rows(claims["claim_id"]).select("claim_id", "norm_text"), on="claim_id"
        )
        rows, _ = features_in_slices(store, claims["claim_id"].sort(), None)
    pairs = _all_pairs(claims)
    scored = score_pairs(pairs, feature_frame(rows), vectors)
    resolved, unresolved = resolve(gold, claims)
    if unresolved:
        print(f"{name}: {len(unresolved)} gold pairs unresolved: {unresolved[:5]}")
    return Labelled(name, scored, _labels(pairs, resolved, claims), resolved, claims)


def recall_at(data: Labelled, scores: np.ndarray, k: int = 10) -> tuple[float, float]:
    """Share of gold same-fact pairs whose partner is among either claim's k best-scored
    partners over every cross-source pair; overall and across languages."""
    edges = collections.defaultdict(list)
    for a, b, s in zip(data.scored["claim_a"], data.scored["claim_b"], scores, strict=True):
        edges[a].append((s, b))
        edges[b].append((s, a))
    top = {c: {x for _, x in sorted(v, reverse=True)[:k]} for c, v in edges.items()}
    language = dict(zip(data.claims["claim_id"], data.claims["language"], strict=True))
    hits: dict[str, list[bool]] = {"all": [], "cross": []}
    for pair in data.gold:
        if pair.relation not in ("corroborates", "conflicts"):
            continue
        hit = any(
            b in top.get(a, ()) or a in top.get(b, ()) for a in pair.claims_a for b in pair.claims_b
        )
        hits["all"].append(hit)
        if language[next(iter(pair.claims_a))] != language[next(iter(pair.claims_b))]:
            hits["cross"].append(hit)
    return tuple(round(sum(h) / max(1, len(h)), 3) for h in (hits["all"], hits["cross"]))  # type: ignore[return-value]


def _stack(sets: list[Labelled]) -> tuple[pl.DataFrame, np.ndarray]:
    scored = pl.concat([d.scored.filter(pl.Series(d.labels >= 0)) for d in sets])
    labels = np.concatenate([d.labels[d.labels >= 0] for d in sets])
    return scored, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="fit and report, write nothing")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared/ folder")
    args = parser.parse_args()
    sets = [labelled(*d) for d in data_sets(args.shared)]
    if not any(d.name not in ("seeds", "samples") for d in sets):
        sys.exit(f"no development events under {args.shared / 'eval' / 'events'}")
    for d in sets:
        print(
            f"{d.name}: {d.scored.height} pairs, {(d.labels == 1).sum()} same-fact, "
            f"{(d.labels == 0).sum()} not"
        )
    events = [d for d in sets if d.name not in ("seeds", "samples")]
    cross: dict[str, object] = {}
    for train, test in zip(events, events[::-1], strict=True):
        if train is test:
            continue
        model = fit.fit(*_stack([train]), name="check", about={})
        figures = recall_at(test, model.score(test.scored).to_numpy())
        cross[f"{train.name} -> {test.name}"] = {
            "recall@10": figures[0],
            "cross-language": figures[1],
        }
        print(
            f"fit on {train.name}, measured on {test.name}: recall@10 {figures[0]}, "
            f"cross-language {figures[1]} (every pair ranked)"
        )
    scored, labels = _stack(sets)
    today = dt.date.today().isoformat()
    model = fit.fit(
        scored,
        labels,
        name=f"shipped-{today}",
        about={
            "script": "bench/fit_scoring.py",
            "data": [
                {
                    "name": d.name,
                    "same_fact": int((d.labels == 1).sum()),
                    "not": int((d.labels == 0).sum()),
                }
                for d in sets
            ],
            "negatives": "gold distinct pairs; other sentences of a gold partner's article",
            "held_out_figures": cross,
        },
    )
    for key, variant in model.variants.items():
        print(
            key,
            {f: round(c, 2) for f, c in zip(variant.features, variant.coefficients, strict=True)},
            "intercept",
            round(variant.intercept, 2),
        )
    if not args.check:
        args.out.write_text(model.to_json() + "\n", encoding="utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
