"""Pure: one score per candidate pair, from several signals computed column-wise.

Signals (each 0-100, or missing when neither claim has anything to compare):

- ``token``: rapidfuzz ``token_set_ratio`` of the normalised, stemmed content tokens;
- ``name``: mean of ``token_set_ratio`` and ``token_sort_ratio`` of the cross-script name
  skeletons, when both claims have names;
- ``concept``: Dice overlap of lexicon concepts (and titles, known institutions);
- ``anchor``: share of numbers and of dates (ISO days, whatever the calendar) in common,
  present only when some agree;
- ``attribution``: 100 when a speaker is shared, else absent;
- ``semantic`` and ``latent``: cosine of the two claims' dense and latent-terms vectors
  (:mod:`workbench.linking.semantic`), where both have vectors.

Disagreeing numbers, dates or speakers do not lower a signal: two versions of one fact that
differ on a detail are a conflict to review, and the explanation names the difference.

The score is the learned model's probability that the two claims state the same fact
(:mod:`workbench.linking.learned`), 0-100.
"""

from __future__ import annotations

from typing import Any

import polars as pl
from rapidfuzz import fuzz, process

from workbench.linking import learned
from workbench.linking.learned import ScoringModel
from workbench.linking.semantic import VECTORS_SCHEMA, similarities

#: Signal columns a match keeps (``matches`` has one column each).
SIGNALS = ("token", "name", "concept", "anchor", "attribution", "semantic", "latent")


def feature_frame(rows: pl.DataFrame) -> pl.DataFrame:
    """One row per claim with the columns the scorer compares, from feature rows
    (:func:`workbench.linking.features.feature_rows`)."""
    return rows.select(
        "claim_id",
        "language",
        "published",
        tokens=pl.col("tokens").list.join(" "),
        names=pl.col("name_keys").list.sort().list.join(" "),
        concepts=pl.col("concepts").list.sort(),
        numbers=pl.col("numbers")
        .list.eval(pl.element().str.split("\t").list.first())
        .list.unique()
        .list.sort(),
        units=pl.col("numbers")
        .list.eval(pl.element().str.split("\t").list.last())
        .list.filter(pl.element() != "")
        .list.unique()
        .list.sort(),
        dates=pl.col("dates").list.sort(),
        speakers=pl.col("speakers").list.sort(),
    )


def _pairwise(a: pl.Series, b: pl.Series, scorer: Any) -> pl.Series:
    if a.len() == 0:
        return pl.Series(dtype=pl.Float64)
    scores = process.cpdist(a.to_list(), b.to_list(), scorer=scorer, workers=-1, dtype="float32")
    return pl.Series(scores, dtype=pl.Float64)


def _agreeing(signal: pl.Expr) -> pl.Expr:
    return pl.when(signal > 0).then(signal).otherwise(None)


def _overlap(column: str, *, dice: bool) -> pl.Expr:
    a, b = pl.col(f"{column}_a"), pl.col(f"{column}_b")
    common = a.list.set_intersection(b).list.len()
    size = (
        (a.list.len() + b.list.len()) / 2 if dice else pl.min_horizontal(a.list.len(), b.list.len())
    )
    both = (a.list.len() > 0) & (b.list.len() > 0)
    return pl.when(both).then(100.0 * common / size).otherwise(None)


#: Two different numbers this close (ratio) may be two versions of one figure (a toll of
#: 2,053 against 2,445; magnitude 6.2 against 6.3; not 12 villages against 600 injured).
#: Used here to rank and by ``explain`` to name the difference.
NEAR_RATIO = 2.0


def _near_numbers(joined: pl.DataFrame) -> pl.Series:
    """Per pair: how many numbers of one claim meet none of the other's but lie close to one
    of them (same kind: decimal or whole). Versions of one figure are evidence of one fact
    told twice, as much as equal numbers are; random pairs rarely have them."""
    if joined.height == 0:
        return pl.Series("numbers_near", [], dtype=pl.UInt32())
    row = pl.int_range(pl.len(), dtype=pl.UInt32)
    sides = [
        joined.select(row=row, value=pl.col(f"numbers_{s}")).explode("value").drop_nulls()
        for s in ("a", "b")
    ]
    a, b = sides
    exact = a.join(b, on=["row", "value"], how="semi")
    a = a.join(exact, on=["row", "value"], how="anti")
    b = b.join(exact, on=["row", "value"], how="anti")
    number = pl.col("value").cast(pl.Float64, strict=False)
    a = a.with_columns(x=number, dot_a=pl.col("value").str.contains(".", literal=True))
    b = b.select("row", y=number, dot_b=pl.col("value").str.contains(".", literal=True))
    near = (
        a.join(b, on="row")
        .filter(
            (pl.col("x") > 0)
            & (pl.col("y") > 0)
            & (pl.col("dot_a") == pl.col("dot_b"))
            & (pl.max_horizontal("x", "y") <= NEAR_RATIO * pl.min_horizontal("x", "y"))
        )
        .group_by("row")
        .agg(n=pl.col("value").n_unique().cast(pl.UInt32))
    )
    counts = pl.DataFrame({"row": pl.Series(range(joined.height), dtype=pl.UInt32)})
    joined_counts = counts.join(near, on="row", how="left", maintain_order="left")
    return joined_counts["n"].fill_null(0).rename("numbers_near")


def score_pairs(
    pairs: pl.DataFrame,
    table: pl.DataFrame,
    vectors: pl.DataFrame | None = None,
    model: ScoringModel | None = None,
) -> pl.DataFrame:
    """Add the signal columns, ``numbers_shared``, ``same_language`` and ``score`` to
    ``pairs`` (``claim_a, claim_b, ...``).

    Args:
        pairs: candidate pairs.
        table: :func:`feature_frame` rows of (at least) their claims.
        vectors: claim vectors (``semantic.VECTORS_SCHEMA``) of those that have one.
        model: the scorer; the shipped one when not given.
    """
    side_a = table.rename(lambda c: "claim_a" if c == "claim_id" else f"{c}_a")
    side_b = table.rename(lambda c: "claim_b" if c == "claim_id" else f"{c}_b")
    joined = pairs.join(side_a, on="claim_a").join(side_b, on="claim_b")
    token = _pairwise(joined["tokens_a"], joined["tokens_b"], fuzz.token_set_ratio)
    name_set = _pairwise(joined["names_a"], joined["names_b"], fuzz.token_set_ratio)
    name_sort = _pairwise(joined["names_a"], joined["names_b"], fuzz.token_sort_ratio)
    # Names on one side only say nothing: translations and summaries drop names.
    has_names = (pl.col("names_a") != "") & (pl.col("names_b") != "")
    scored = joined.with_columns(
        token=token,
        name=pl.when(has_names).then((name_set + name_sort) / 2).otherwise(None),
        concept=_overlap("concepts", dice=True),
        # Agreement raises the score; disagreement leaves the signal out rather than lowering
        # it: two versions of one fact that differ on a number are a conflict to review, not
        # unrelated claims. The explanation names the difference.
        attribution=pl.when(_overlap("speakers", dice=False) > 0).then(100.0).otherwise(None),
        anchor=_agreeing(
            pl.mean_horizontal(_overlap("numbers", dice=False), _overlap("dates", dice=False))
        ),
        numbers_shared=pl.col("numbers_a").list.set_intersection(pl.col("numbers_b")).list.len(),
        numbers_near=_near_numbers(joined),
        # What the numbers count, whatever their values: two tolls of one disaster (2,053
        # dead against 2,445) are one fact told twice, a toll and a magnitude are not.
        units_shared=pl.col("units_a").list.set_intersection(pl.col("units_b")).list.len(),
        same_language=pl.col("language_a") == pl.col("language_b"),
        # Days between the two articles' publication (missing where either has no date):
        # one fact's versions are told in one news cycle; a look-alike is often weeks apart.
        days_apart=(pl.col("published_a") - pl.col("published_b")).dt.total_days().abs(),
    )
    scored = similarities(scored, vectors if vectors is not None else VECTORS_SCHEMA.to_frame())
    scorer = model or learned.load()
    return scored.with_columns(score=scorer.score(scored)).select(
        *pairs.columns,
        *SIGNALS,
        "numbers_shared",
        "numbers_near",
        "units_shared",
        "days_apart",
        "score",
        "same_language",
    )
