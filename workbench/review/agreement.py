"""How far reviewers agree with each other, and how far the linker's scores can be trusted.

Agreement is measured only on matches that at least two reviewers judged; a match with one
rating says nothing about agreement. Per match ``i`` with ``n_i`` ratings, ``n_ij`` of them
with label ``j``, the observed pairwise agreement is

    P_i = sum_j n_ij (n_ij - 1) / (n_i (n_i - 1))

the share of ordered pairs of ratings that carry the same label. Arithmetic runs on exact
fractions so that perfect agreement is exactly 1 and "undefined" (expected agreement 1) is
detected without a tolerance.

Calibration asks a different question: of the pairs the linker scored at or above a cut-off,
how many did reviewers find to be about the same fact (``corroborates`` or ``conflicts``)
rather than ``unrelated``?
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

import polars as pl

from workbench.models import Label

LABELS: tuple[str, ...] = tuple(label.value for label in Label)

#: Verdicts that say the two claims are about the same fact: a correct link.
RELATED = (Label.CORROBORATES.value, Label.CONFLICTS.value)

#: ``match_id -> reviewer -> verdict`` for matches judged by two or more reviewers.
Ratings = dict[str, dict[str, str]]

CALIBRATION_SCHEMA = {
    "cutoff": pl.Float64(),
    "judged": pl.UInt32(),
    "related": pl.UInt32(),
    "precision": pl.Float64(),
    "band_judged": pl.UInt32(),
    "band_related": pl.UInt32(),
    "band_precision": pl.Float64(),
}


@dataclass(frozen=True)
class Agreement:
    """Agreement among reviewers on the matches that more than one of them judged.

    Attributes:
        pairs_with_multiple_reviewers: matches judged by two or more reviewers.
        reviewers: sorted names of everyone who judged one of those matches.
        percent_agreement: mean of ``P_i`` over those matches, 0..1; None without any.
        cohen_kappa: Cohen's kappa when exactly two reviewers judged those matches, else None;
            also None when expected agreement is 1 (both always gave the same one label).
        fleiss_kappa: Fleiss' kappa for a varying number of raters per match; None without
            matches or when expected agreement is 1.
        confusion: ``confusion[a][b]`` counts pairs of ratings of one match labelled ``a`` and
            ``b``; a disagreeing pair is counted in both ``[a][b]`` and ``[b][a]``, an agreeing
            pair once in ``[a][a]``.
        disagreements: ``{"match_id", "verdicts": {reviewer: verdict}}`` for each match whose
            ratings differ, sorted by match id.
    """

    pairs_with_multiple_reviewers: int
    reviewers: list[str]
    percent_agreement: float | None
    cohen_kappa: float | None
    fleiss_kappa: float | None
    confusion: dict[str, dict[str, int]]
    disagreements: list[dict[str, object]]

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready copy, with the three shares rounded to 4 places."""
        out = dataclasses.asdict(self)
        for key in ("percent_agreement", "cohen_kappa", "fleiss_kappa"):
            value = out[key]
            out[key] = None if value is None else round(value, 4)
        return out


def agreement(verdicts: pl.DataFrame) -> Agreement:
    """Agreement statistics over current verdicts (adjudicator rows already removed).

    Args:
        verdicts: ``match_id, reviewer, verdict``, one row per match and reviewer; if a
            reviewer appears twice for a match, the later row counts.

    Returns:
        The :class:`Agreement` over matches with two or more reviewers.

    Raises:
        ValueError: if a verdict is not one of the four labels.
    """
    ratings = _ratings(verdicts)
    return Agreement(
        pairs_with_multiple_reviewers=len(ratings),
        reviewers=_reviewers(ratings),
        percent_agreement=_as_float(_mean(_p_i(Counter(r.values())) for r in ratings.values())),
        cohen_kappa=_as_float(_cohen(ratings)),
        fleiss_kappa=_as_float(_fleiss(ratings)),
        confusion=_confusion(ratings),
        disagreements=_disagreements(ratings),
    )


def _check_labels(frame: pl.DataFrame) -> None:
    unknown = set(frame["verdict"].unique().to_list()) - set(LABELS)
    if unknown:
        raise ValueError(f"unknown verdicts: {sorted(map(str, unknown))}")


def _ratings(verdicts: pl.DataFrame) -> Ratings:
    _check_labels(verdicts)
    multi = (
        verdicts.select("match_id", "reviewer", "verdict")
        .unique(subset=["match_id", "reviewer"], keep="last", maintain_order=True)
        .filter(pl.len().over("match_id") >= 2)
        .sort("match_id", "reviewer")
    )
    ratings: Ratings = {}
    for match_id, reviewer, verdict in multi.iter_rows():
        ratings.setdefault(match_id, {})[reviewer] = verdict
    return ratings


def _reviewers(ratings: Ratings) -> list[str]:
    return sorted({reviewer for by_reviewer in ratings.values() for reviewer in by_reviewer})


def _p_i(tally: Counter[str]) -> Fraction:
    n = sum(tally.values())
    return Fraction(sum(c * (c - 1) for c in tally.values()), n * (n - 1))


def _mean(values: Iterable[Fraction]) -> Fraction | None:
    items = list(values)
    return sum(items, Fraction(0)) / len(items) if items else None


def _kappa(observed: Fraction, expected: Fraction) -> Fraction | None:
    # Expected agreement 1 means every rating carries one label: chance explains it all.
    return None if expected == 1 else (observed - expected) / (1 - expected)


def _as_float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _cohen(ratings: Ratings) -> Fraction | None:
    reviewers = _reviewers(ratings)
    if len(reviewers) != 2:
        return None
    first, second = reviewers
    # With two reviewers in all, every multi-reviewer match was judged by both.
    pairs = [(r[first], r[second]) for r in ratings.values() if first in r and second in r]
    n = len(pairs)
    observed = Fraction(sum(a == b for a, b in pairs), n)
    by_first, by_second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum((Fraction(by_first[j] * by_second[j], n * n) for j in LABELS), Fraction(0))
    return _kappa(observed, expected)


def _fleiss(ratings: Ratings) -> Fraction | None:
    tallies = [Counter(r.values()) for r in ratings.values()]
    p_bar = _mean(_p_i(t) for t in tallies)
    if p_bar is None:
        return None
    totals = sum(tallies, Counter[str]())
    n = sum(totals.values())
    expected = sum((Fraction(c, n) ** 2 for c in totals.values()), Fraction(0))
    return _kappa(p_bar, expected)


def _confusion(ratings: Ratings) -> dict[str, dict[str, int]]:
    table = {a: dict.fromkeys(LABELS, 0) for a in LABELS}
    for by_reviewer in ratings.values():
        tally = Counter(by_reviewer.values())
        for a, count_a in tally.items():
            for b, count_b in tally.items():
                # Same label: n(n-1)/2 unordered pairs; differing: n_a * n_b, in both cells.
                table[a][b] += count_a * (count_a - 1) // 2 if a == b else count_a * count_b
    return table


def _disagreements(ratings: Ratings) -> list[dict[str, object]]:
    return [
        {"match_id": match_id, "verdicts": dict(by_reviewer)}
        for match_id, by_reviewer in sorted(ratings.items())
        if len(set(by_reviewer.values())) > 1
    ]


def calibration(judged: pl.DataFrame, *, step: float = 10.0) -> pl.DataFrame:
    """Share of judged links that were correct, at and above each score cut-off.

    A ``corroborates`` or ``conflicts`` verdict makes a correct link (both claims are about
    the same fact), ``unrelated`` a wrong one; ``unsure`` verdicts and null scores are
    ignored. Each verdict counts, so a match judged by three reviewers counts three times.

    Args:
        judged: ``match_id, score, verdict``, one row per current verdict; scores 0..100.
        step: distance between cut-offs; cut-offs are ``0, step, 2*step, ...`` below 100.

    Returns:
        ``cutoff, judged, related, precision`` for scores ``>= cutoff`` and
        ``band_judged, band_related, band_precision`` for scores in ``[cutoff, cutoff+step)``,
        sorted by cut-off. The top band has no upper edge, so a score of 100 falls in it.
        A precision is null where nothing was judged.

    Raises:
        ValueError: if ``step`` is not positive, or a verdict is not one of the four labels.
    """
    if not step > 0:
        raise ValueError(f"step must be positive, got {step}")
    _check_labels(judged)
    rows = judged.filter(
        pl.col("verdict") != Label.UNSURE.value, pl.col("score").is_not_null()
    ).select(pl.col("score").cast(pl.Float64), related=pl.col("verdict").is_in(RELATED))
    cutoffs = _cutoffs(step)
    uppers = [*cutoffs[1:], math.inf]
    table = pl.concat(
        [_cutoff_row(rows, c, upper) for c, upper in zip(cutoffs, uppers, strict=True)]
    )
    return table.with_columns(
        precision=_share("related", "judged"),
        band_precision=_share("band_related", "band_judged"),
    ).select(*CALIBRATION_SCHEMA)


def _cutoffs(step: float) -> list[float]:
    cutoffs: list[float] = []
    while len(cutoffs) * step < 100:
        cutoffs.append(len(cutoffs) * step)
    return cutoffs


def _cutoff_row(rows: pl.DataFrame, cutoff: float, upper: float) -> pl.DataFrame:
    above = pl.col("score") >= cutoff
    band = above & (pl.col("score") < upper)
    related = pl.col("related")
    return rows.select(
        pl.lit(cutoff, dtype=pl.Float64).alias("cutoff"),
        above.sum().cast(pl.UInt32).alias("judged"),
        (above & related).sum().cast(pl.UInt32).alias("related"),
        band.sum().cast(pl.UInt32).alias("band_judged"),
        (band & related).sum().cast(pl.UInt32).alias("band_related"),
    )


def _share(part: str, whole: str) -> pl.Expr:
    return pl.when(pl.col(whole) > 0).then(pl.col(part) / pl.col(whole))


def score_bands(
    calibration: pl.DataFrame, *, show_first: float = 0.9, show: float = 0.6
) -> dict[str, float | None]:
    """Suggest score thresholds for showing pairs, from a :func:`calibration` table.

    The rule: ``show_first`` is the lowest cut-off whose precision (over all scores at and
    above it) reaches ``show_first``; ``show`` is the lowest reaching ``show``. Pairs scoring
    at or above the first are shown first, those between the two are shown, and those below
    ``show`` are hidden, so ``hide`` is the same score as ``show``. Cut-offs without a
    precision (nothing judged) never qualify. Precision need not rise with the cut-off; the
    rule takes the lowest qualifying cut-off, not the lowest above which all qualify.

    Args:
        calibration: the output of :func:`calibration`.
        show_first: precision a cut-off needs for its pairs to be shown first.
        show: precision a cut-off needs for its pairs to be shown at all.

    Returns:
        ``{"show_first": score, "show": score, "hide": score}``, where ``hide`` means "hide
        scores below this"; a value is None when no cut-off reaches that precision.

    Raises:
        ValueError: if ``show`` is above ``show_first``.
    """
    if show > show_first:
        raise ValueError(f"show ({show}) must not exceed show_first ({show_first})")
    shown = _lowest_cutoff(calibration, show)
    return {"show_first": _lowest_cutoff(calibration, show_first), "show": shown, "hide": shown}


def _lowest_cutoff(calibration: pl.DataFrame, bar: float) -> float | None:
    value = calibration.filter(pl.col("precision") >= bar).select(pl.col("cutoff").min()).item()
    return None if value is None else float(value)
