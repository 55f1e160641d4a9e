"""Evaluate the linker against a gold file of cross-source pairs, beside a naive baseline.

Gold format (../shared/eval/README.md): ``pair_id,file_a,key_a,file_b,key_b,relation,fact``.
A claim holds a key when the normalised key occurs in the claim's normalised text; an
article is named by its ``article_ref`` (file name, or record id for JSONL/CSV records).

Figures, for the linker and for the baseline (whole-sentence ``token_set_ratio`` over every
cross-source claim pair, each claim keeping its ``link_top_k`` best, as the linker does; the
baseline has no threshold, since its scores for true pairs sit at its noise floor):

- ``recall``: share of corroborates/conflicts pairs linked at all;
- ``recall_at_5``: share whose partner is among the 5 best matches of either of its claims;
- ``conflicts_suggested``: share of conflicts pairs linked and suggested ``conflicts``;
- ``distinct_linked``: share of distinct (look-alike) pairs linked (lower is better).
"""

from __future__ import annotations

import csv
import tempfile
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polars as pl
from rapidfuzz import fuzz, process

from workbench.ingest.pipeline import ingest
from workbench.jobs.link import link
from workbench.linking.blocking import strongest
from workbench.settings import Settings
from workbench.store import Store
from workbench.text.normalise import normalise

LINKED_RELATIONS = ("corroborates", "conflicts")


@dataclass
class Figures:
    """One method's figures on the gold pairs (None where the gold has no such pairs)."""

    recall: float | None = None
    recall_at_5: float | None = None
    conflicts_suggested: float | None = None
    distinct_linked: float | None = None


@dataclass
class Evaluation:
    """The linker's and the baseline's figures, and what could not be resolved."""

    pairs: int
    resolved: int
    linker: Figures
    baseline: Figures
    unresolved: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return asdict(self)


@dataclass(frozen=True)
class GoldPair:
    pair_id: str
    claims_a: frozenset[str]
    claims_b: frozenset[str]
    relation: str


def _holders(claims: pl.DataFrame, file: str, key: str) -> frozenset[str]:
    wanted = normalise(key)
    rows = claims.filter((pl.col("article_ref") == file) | (pl.col("input_path") == file))
    return frozenset(r["claim_id"] for r in rows.iter_rows(named=True) if wanted in r["norm_text"])


def resolve(gold: Path, claims: pl.DataFrame) -> tuple[list[GoldPair], list[str]]:
    """Gold rows as claim-id sets; the pair ids whose keys hold in no claim."""
    pairs, unresolved = [], []
    with gold.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            a = _holders(claims, row["file_a"], row["key_a"])
            b = _holders(claims, row["file_b"], row["key_b"])
            if a and b:
                pairs.append(GoldPair(row["pair_id"], a, b, row["relation"].strip().lower()))
            else:
                unresolved.append(row["pair_id"])
    return pairs, unresolved


Ranked = dict[
    str, list[tuple[str, float, str]]
]  # claim -> [(partner, score, suggestion)] best first


def _ranked(edges: list[tuple[str, str, float, str]]) -> Ranked:
    ranked: Ranked = defaultdict(list)
    for a, b, score, suggestion in edges:
        ranked[a].append((b, score, suggestion))
        ranked[b].append((a, score, suggestion))
    for partners in ranked.values():
        partners.sort(key=lambda p: -p[1])
    return ranked


def _best(pair: GoldPair, ranked: Ranked) -> tuple[int | None, str]:
    best: tuple[int | None, str] = (None, "")
    for side, others in ((pair.claims_a, pair.claims_b), (pair.claims_b, pair.claims_a)):
        for claim in side:
            for rank, (partner, _, suggestion) in enumerate(ranked.get(claim, []), start=1):
                if partner in others and (best[0] is None or rank < best[0]):
                    best = (rank, suggestion)
    return best


def _share(hits: list[bool]) -> float | None:
    return round(sum(hits) / len(hits), 3) if hits else None


def figures(
    pairs: list[GoldPair], ranked: Ranked, *, with_suggestions: bool
) -> tuple[Figures, list[str]]:
    """Figures of one method's ranked links on the gold pairs, and the linked pairs it missed."""
    best = {p.pair_id: _best(p, ranked) for p in pairs}
    linked = [p for p in pairs if p.relation in LINKED_RELATIONS]
    conflicts = [p for p in pairs if p.relation == "conflicts"]
    distinct = [p for p in pairs if p.relation == "distinct"]
    result = Figures(
        recall=_share([best[p.pair_id][0] is not None for p in linked]),
        recall_at_5=_share([(best[p.pair_id][0] or 99) <= 5 for p in linked]),
        conflicts_suggested=_share([best[p.pair_id][1] == "conflicts" for p in conflicts])
        if with_suggestions
        else None,
        distinct_linked=_share([best[p.pair_id][0] is not None for p in distinct]),
    )
    return result, [p.pair_id for p in linked if (best[p.pair_id][0] or 99) > 5]


def baseline_edges(claims: pl.DataFrame, top_k: int) -> list[tuple[str, str, float, str]]:
    """Cross-source claim pairs by whole-sentence token_set_ratio, top ``top_k`` per claim."""
    texts = claims["norm_text"].to_list()
    ids, sources = claims["claim_id"].to_list(), claims["source"].to_list()
    matrix = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, workers=-1, dtype="float32")
    rows = [
        (ids[i], ids[j], float(matrix[i][j]))
        for i in range(len(ids))
        for j in range(i + 1, len(ids))
        if sources[i] != sources[j]
    ]
    pairs = pl.DataFrame(rows, schema=["claim_a", "claim_b", "score"], orient="row")
    kept = strongest(pairs, top_k, "score") if pairs.height else pairs
    return [(a, b, score, "") for a, b, score in kept.iter_rows()]


def evaluate(gold: Path, articles: Path, settings: Settings) -> Evaluation:
    """Ingest ``articles`` into a temporary database, link, and score both methods on ``gold``."""
    with tempfile.TemporaryDirectory(prefix="workbench-eval-") as folder:
        store = Store(Path(folder) / "eval.duckdb")
        ingest([articles], store, settings)
        link(store, settings)
        claims = store.claims().join(
            store.articles(limit=None).select("article_id", "input_path"),
            on="article_id",
            how="left",
        )
        norm = store.claim_rows(claims["claim_id"]).select("claim_id", "norm_text")
        claims = claims.join(norm, on="claim_id")
        matches = store.matches()
    pairs, unresolved = resolve(gold, claims)
    linker_edges = [
        (r["claim_a_id"], r["claim_b_id"], r["score"], r["suggestion"])
        for r in matches.iter_rows(named=True)
    ]
    linker, missed = figures(pairs, _ranked(linker_edges), with_suggestions=True)
    baseline_links = baseline_edges(claims, settings.link_top_k)
    baseline, _ = figures(pairs, _ranked(baseline_links), with_suggestions=False)
    return Evaluation(
        len(pairs) + len(unresolved), len(pairs), linker, baseline, unresolved, missed
    )
