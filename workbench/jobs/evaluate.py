"""Evaluate the linker against a gold file of cross-source pairs, beside a naive baseline.

Gold format (../shared/eval/README.md): ``pair_id,file_a,key_a,file_b,key_b,relation,fact``.
A claim holds a key when the normalised key occurs in the claim's normalised text; an
article is named by its ``article_ref`` (file name, or record id for JSONL/CSV records).

Figures, for the linker and, in the same run, two baselines over every cross-source claim
pair, each claim keeping its ``link_top_k`` best: whole-sentence ``token_set_ratio``, and
multilingual-e5-small cosine alone (where the model's package is installed):

- ``recall``: share of corroborates/conflicts pairs linked at all;
- ``recall_at_5`` and ``recall_at_10``: share whose partner is among the 5 (10) best matches
  of either of its claims; ``cross_language`` and ``same_language``: the same at 10, for
  pairs in two languages and in one; ``by_language_pair``: found at 10 / gold, per pair of
  languages ("ar-en": "4/23");
- ``conflicts_suggested``: share of conflicts pairs linked and suggested ``conflicts``;
- ``distinct_linked``: share of distinct (look-alike) pairs linked (lower is better).

And ``matches_per_claim`` of the linker. The same figures as ``score_events.py`` of the
evaluation data prints.
"""

from __future__ import annotations

import csv
import tempfile
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from rapidfuzz import fuzz, process

from workbench.jobs.ingest import ingest
from workbench.jobs.link import link
from workbench.linking import semantic
from workbench.linking.blocking import strongest
from workbench.models import Label, VerdictIn
from workbench.settings import Settings
from workbench.store import Store
from workbench.text.normalise import normalise

LINKED_RELATIONS = ("corroborates", "conflicts")


@dataclass
class Figures:
    """One method's figures on the gold pairs (None where the gold has no such pairs)."""

    recall: float | None = None
    recall_at_5: float | None = None
    recall_at_10: float | None = None
    cross_language: float | None = None
    same_language: float | None = None
    conflicts_suggested: float | None = None
    distinct_linked: float | None = None
    by_language_pair: dict[str, str] = field(default_factory=dict)


@dataclass
class Evaluation:
    """The linker's and the baselines' figures, and what could not be resolved."""

    pairs: int
    resolved: int
    linker: Figures
    baseline: Figures
    unresolved: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    #: Multilingual-e5-small cosine alone (None where the model's package is absent).
    embedding: Figures | None = None
    matches_per_claim: float = 0.0

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return asdict(self)


@dataclass(frozen=True)
class GoldPair:
    pair_id: str
    claims_a: frozenset[str]
    claims_b: frozenset[str]
    relation: str
    #: The two claims' languages, sorted and joined: "ar-en".
    languages: str = ""

    @property
    def cross_language(self) -> bool:
        first, _, second = self.languages.partition("-")
        return first != second


def _holders(claims: pl.DataFrame, file: str, key: str) -> frozenset[str]:
    """Claims of the article ``file`` (its record id, or its path within the folder ingested,
    or a path ending in that: "articles/ar_x.txt" names ar_x.txt of ``--articles articles``)
    that hold ``key``."""
    wanted = normalise(key)
    rows = claims.filter(
        (pl.col("article_ref") == file)
        | (pl.col("input_path") == file)
        | pl.lit(file).str.ends_with(pl.lit("/") + pl.col("input_path"))
    )
    return frozenset(r["claim_id"] for r in rows.iter_rows(named=True) if wanted in r["norm_text"])


def resolve(gold: Path, claims: pl.DataFrame) -> tuple[list[GoldPair], list[str]]:
    """Gold rows as claim-id sets; the pair ids whose keys hold in no claim."""
    pairs, unresolved = [], []
    language = dict(zip(claims["claim_id"], claims["language"], strict=True))
    with gold.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            a = _holders(claims, row["file_a"], row["key_a"])
            b = _holders(claims, row["file_b"], row["key_b"])
            if a and b:
                languages = "-".join(sorted((language[min(a)], language[min(b)])))
                relation = row["relation"].strip().lower()
                pairs.append(GoldPair(row["pair_id"], a, b, relation, languages))
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


def _by_language_pair(linked: list[GoldPair], found: dict[str, bool]) -> dict[str, str]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pair in linked:
        counts[pair.languages][0] += found[pair.pair_id]
        counts[pair.languages][1] += 1
    return {lp: f"{hit}/{total}" for lp, (hit, total) in sorted(counts.items())}


def figures(
    pairs: list[GoldPair], ranked: Ranked, *, with_suggestions: bool
) -> tuple[Figures, list[str]]:
    """Figures of one method's ranked links on the gold pairs, and the linked pairs it missed."""
    best = {p.pair_id: _best(p, ranked) for p in pairs}
    linked = [p for p in pairs if p.relation in LINKED_RELATIONS]
    conflicts = [p for p in pairs if p.relation == "conflicts"]
    distinct = [p for p in pairs if p.relation == "distinct"]
    at_10 = {p.pair_id: (best[p.pair_id][0] or 99) <= 10 for p in linked}
    result = Figures(
        recall=_share([best[p.pair_id][0] is not None for p in linked]),
        recall_at_5=_share([(best[p.pair_id][0] or 99) <= 5 for p in linked]),
        recall_at_10=_share(list(at_10.values())),
        cross_language=_share([at_10[p.pair_id] for p in linked if p.cross_language]),
        same_language=_share([at_10[p.pair_id] for p in linked if not p.cross_language]),
        conflicts_suggested=_share([best[p.pair_id][1] == "conflicts" for p in conflicts])
        if with_suggestions
        else None,
        distinct_linked=_share([best[p.pair_id][0] is not None for p in distinct]),
        by_language_pair=_by_language_pair(linked, at_10),
    )
    return result, [p.pair_id for p in linked if (best[p.pair_id][0] or 99) > 5]


def _top_edges(claims: pl.DataFrame, matrix: Any, top_k: int) -> list[tuple[str, str, float, str]]:
    """Cross-source pairs by a full score ``matrix`` (claims x claims), top ``top_k`` of
    either claim."""
    ids, sources = claims["claim_id"].to_list(), claims["source"].to_list()
    rows = [
        (ids[i], ids[j], float(matrix[i][j]))
        for i in range(len(ids))
        for j in range(i + 1, len(ids))
        if sources[i] != sources[j]
    ]
    pairs = pl.DataFrame(rows, schema=["claim_a", "claim_b", "score"], orient="row")
    kept = strongest(pairs, top_k, "score") if pairs.height else pairs
    return [(a, b, score, "") for a, b, score in kept.iter_rows()]


def baseline_edges(claims: pl.DataFrame, top_k: int) -> list[tuple[str, str, float, str]]:
    """Cross-source claim pairs by whole-sentence token_set_ratio, top ``top_k`` per claim."""
    texts = claims["norm_text"].to_list()
    matrix = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, workers=-1, dtype="float32")
    return _top_edges(claims, matrix, top_k)


def embedding_edges(
    claims: pl.DataFrame, vectors: pl.DataFrame, top_k: int
) -> list[tuple[str, str, float, str]]:
    """The same by multilingual-e5-small cosine alone (the linker's dense vectors; claims the
    link run did not embed are embedded here)."""
    missing = claims.filter(~pl.col("claim_id").is_in(vectors["claim_id"].implode()))
    if missing.height:
        made = semantic.embed(missing["claim_id"].to_list(), missing["text"].to_list())
        vectors = pl.concat([vectors, made])
    dense = claims.select("claim_id").join(vectors, on="claim_id", how="left")["dense"].to_numpy()
    return _top_edges(claims, dense @ dense.T, top_k)


def evaluate(gold: Path, articles: Path, settings: Settings) -> Evaluation:
    """Ingest ``articles`` into a temporary database, link, and score the linker and both
    baselines on ``gold``."""
    with tempfile.TemporaryDirectory(prefix="workbench-eval-") as folder:
        store = Store(Path(folder) / "eval.duckdb")
        ingest([articles], store, settings)
        link(store, settings)
        claims = store.claims().join(
            store.articles(limit=None).select("article_id", "input_path"),
            on="article_id",
            how="left",
        )
        rows = store.claim_rows(claims["claim_id"]).select("claim_id", "norm_text", "text")
        claims = claims.drop("text", strict=False).join(rows, on="claim_id")
        matches = store.matches()
        vectors = store.vectors()
    pairs, unresolved = resolve(gold, claims)
    linker_edges = [
        (r["claim_a_id"], r["claim_b_id"], r["score"], r["suggestion"])
        for r in matches.iter_rows(named=True)
    ]
    linker, missed = figures(pairs, _ranked(linker_edges), with_suggestions=True)
    top_k = max(settings.link_top_k, 10)
    baseline, _ = figures(pairs, _ranked(baseline_edges(claims, top_k)), with_suggestions=False)
    embedding = None
    if semantic.available() and claims.height:
        ranked = _ranked(embedding_edges(claims, vectors, top_k))
        embedding, _ = figures(pairs, ranked, with_suggestions=False)
    return Evaluation(
        len(pairs) + len(unresolved),
        len(pairs),
        linker,
        baseline,
        unresolved,
        missed,
        embedding=embedding,
        matches_per_claim=round(matches.height / max(1, claims.height), 2),
    )


def gold_claims(store: Store) -> pl.DataFrame:
    """The stored claims with what :func:`resolve` reads: article ref and input path, text
    and normalised text."""
    claims = store.claims().join(
        store.articles(limit=None).select("article_id", "input_path"), on="article_id", how="left"
    )
    rows = store.claim_rows(claims["claim_id"]).select("claim_id", "norm_text", "text")
    return claims.drop("text", strict=False).join(rows, on="claim_id")


def desk_verdicts(store: Store, gold: Path, reviewer: str = "gold") -> list[VerdictIn]:
    """The verdicts a desk that knew ``gold`` would give on the stored matches (a simulated
    desk, for measuring what learning from verdicts does): a gold ``corroborates`` or
    ``conflicts`` pair gets that verdict; a gold ``distinct`` pair, and a match between a
    claim of a gold pair and another claim of its partner's article (an article states a fact
    once), ``unrelated``; other matches none (a gold file samples the true pairs)."""
    claims = gold_claims(store)
    pairs, _ = resolve(gold, claims)
    article = dict(zip(claims["claim_id"], claims["article_id"], strict=True))
    by_article: dict[str, set[str]] = defaultdict(set)
    for claim, art in article.items():
        by_article[art].add(claim)
    label: dict[frozenset[str], str] = {}
    for pair in pairs:
        same = pair.relation in ("corroborates", "conflicts")
        for a in pair.claims_a:
            for b in pair.claims_b:
                label[frozenset((a, b))] = pair.relation if same else "unrelated"
        if same:
            for side, other in ((pair.claims_a, pair.claims_b), (pair.claims_b, pair.claims_a)):
                rest = by_article[article[next(iter(other))]] - other
                for a in side:
                    for b in rest:
                        label.setdefault(frozenset((a, b)), "unrelated")
    matches = store.matches().select("match_id", "claim_a_id", "claim_b_id")
    return [
        VerdictIn(match_id=m, verdict=Label(label[key]), reviewer=reviewer)
        for m, a, b in matches.iter_rows()
        if (key := frozenset((a, b))) in label
    ]
