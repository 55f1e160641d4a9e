"""Conflict hints on real stance data: does the linker flag contradicting versions of a claim?

Two public sets (../shared/eval, see its README):

- **ANS** (Arabic News Stance): a real headline ``s1`` and a human rewrite ``s2`` that agrees
  with it or contradicts it (``disagree``: another number, another word for the key fact, a
  negation). Splits train/dev/test; figures are reported per split, and the lexicon is only
  ever extended from what train and dev show.
- **Persian stance**: a rumour and a news headline, ``Agree`` / ``Disagree`` / ``Discuss`` /
  ``Unrelated``; ``Unrelated`` pairs should score low.

Each pair goes through the linker's own pure functions, exactly as in a link run: features of
both sentences (anchors as ingest finds them), the 0-100 score, the explanation and the
suggestion (default settings). No database, no blocking: every pair is scored.

Figures per label: pairs, mean score, share scoring at least the link threshold, share
suggested ``conflicts``. The **baseline**, in the same run: a negation-only rule (a negation
word on one side only), the one discrepancy hint that needs no anchors or lexicon.

Run: ``.venv/bin/python bench/eval_stance.py``. Results go to stdout as Markdown; copy them
into docs/benchmarks.md with the date.
"""

from __future__ import annotations

import csv
import platform
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import polars as pl

from workbench.linking.explain import Suggestion, explain
from workbench.linking.features import Features, feature_rows, sentence_features
from workbench.linking.scoring import feature_frame, score_pairs
from workbench.settings import Settings
from workbench.text.language import detect_language

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def claim(claim_id: str, text: str, source: str) -> Features:
    language = detect_language(text) or "ar"
    return sentence_features(text, claim_id=claim_id, language=language, source=source)


def judged(pairs: list[tuple[str, str, str]], settings: Settings) -> pl.DataFrame:
    """One row per pair: label, score, suggestion, negation-only baseline."""
    built_a = [claim(f"a{i}", a, "A") for i, (a, _, _) in enumerate(pairs)]
    built_b = [claim(f"b{i}", b, "B") for i, (_, b, _) in enumerate(pairs)]
    table = feature_frame(feature_rows([*built_a, *built_b]))
    frame = pl.DataFrame(
        {"claim_a": [f.claim_id for f in built_a], "claim_b": [f.claim_id for f in built_b]}
    )
    scores = score_pairs(frame, table)["score"].to_list()
    rows = []
    for (_, _, label), a, b, score in zip(pairs, built_a, built_b, scores, strict=True):
        why = explain(
            a,
            b,
            score,
            corroborate_min=settings.corroborate_min,
            conflict_min=settings.conflict_min,
            same_event_days=settings.same_event_days,
        )
        rows.append(
            {
                "label": label,
                "score": score,
                "linked": score >= settings.link_threshold,
                "conflicts": why.suggestion is Suggestion.CONFLICTS,
                "baseline": a.negated != b.negated,
                "kinds": ",".join(sorted({d.split(":")[0].split(" ")[0] for d in why.differs})),
            }
        )
    return pl.DataFrame(rows)


def table(name: str, result: pl.DataFrame, seconds: float) -> str:
    lines = [
        f"### {name} ({result.height} pairs, {seconds:.1f} s)",
        "",
        "| label | pairs | mean score | linked (>= threshold) | suggested conflicts "
        "| baseline: negation on one side |",
        "|---|---|---|---|---|---|",
    ]
    summary = (
        result.group_by("label")
        .agg(
            pairs=pl.len(),
            score=pl.col("score").mean(),
            linked=pl.col("linked").mean(),
            conflicts=pl.col("conflicts").mean(),
            baseline=pl.col("baseline").mean(),
        )
        .sort("label")
    )
    for r in summary.iter_rows(named=True):
        lines.append(
            f"| {r['label']} | {r['pairs']} | {r['score']:.1f} | {r['linked']:.2f} "
            f"| {r['conflicts']:.2f} | {r['baseline']:.2f} |"
        )
    kinds: dict[str, int] = defaultdict(int)
    for value in result.filter(pl.col("conflicts"))["kinds"].to_list():
        for kind in value.split(","):
            kinds[kind] += 1
    shown = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
    lines += ["", f"What differs in the pairs suggested as conflicts: {shown or 'none'}.", ""]
    return "\n".join(lines)


def ans(split: str) -> list[tuple[str, str, str]]:
    with (EVAL / "ans" / "stance" / f"{split}.csv").open(encoding="utf-8") as handle:
        return [(r["s1"], r["s2"], r["stance"]) for r in csv.DictReader(handle)]


def persian() -> list[tuple[str, str, str]]:
    with (EVAL / "persian_stance" / "HeadlineToClaim.csv").open(encoding="utf-8") as handle:
        return [(r["claim"], r["headline"], r["stance"]) for r in csv.DictReader(handle)]


def run(sets: Iterable[tuple[str, list[tuple[str, str, str]]]]) -> str:
    settings = Settings()
    parts = [
        f"machine: {platform.machine()}, python {platform.python_version()}, "
        f"date {time.strftime('%Y-%m-%d')}",
        "",
    ]
    for name, pairs in sets:
        started = time.perf_counter()
        result = judged(pairs, settings)
        parts.append(table(name, result, time.perf_counter() - started))
    return "\n".join(parts)


def main() -> int:
    if not EVAL.is_dir():
        print(f"skipped: {EVAL} is absent", file=sys.stderr)
        return 0
    sets = [(f"ANS {split}", ans(split)) for split in ("train", "dev", "test")]
    sets.append(("Persian stance (headline to claim)", persian()))
    print(run(sets))
    return 0


if __name__ == "__main__":
    sys.exit(main())
