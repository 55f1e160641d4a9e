"""Inter-reviewer agreement and linker calibration, against values computed by hand."""

from __future__ import annotations

import math
from collections.abc import Callable

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.review.agreement import (
    CALIBRATION_SCHEMA,
    LABELS,
    agreement,
    calibration,
    score_bands,
)

COR, CON, UNR, UNS = "corroborates", "conflicts", "unrelated", "unsure"

VERDICT_SCHEMA = {"match_id": pl.String, "reviewer": pl.String, "verdict": pl.String}


def _verdicts(rows: list[tuple[str, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=VERDICT_SCHEMA, orient="row")


def _two(first: list[str], second: list[str]) -> pl.DataFrame:
    """Reviewers ann and bob rate matches m01, m02, ... in order."""
    rows = [
        (f"m{i:02d}", who, label)
        for i, pair in enumerate(zip(first, second, strict=True), start=1)
        for who, label in zip(("ann", "bob"), pair, strict=True)
    ]
    return _verdicts(rows)


# Fleiss by hand, three reviewers a, b, c, a varying number of raters per match:
#   m1: a=cor b=cor c=cor  n=3  P = 3*2 / (3*2)           = 1
#   m2: a=cor b=cor c=con  n=3  P = (2*1 + 1*0) / (3*2)   = 1/3
#   m3: a=unr b=con        n=2  P = 0 / (2*1)             = 0
#   m4: a=unr c=unr        n=2  P = 2*1 / (2*1)           = 1
#   m5: d=uns              n=1  ignored: one rating says nothing about agreement
# P_bar = (1 + 1/3 + 0 + 1) / 4 = 7/12 ≈ 0.5833
# 10 ratings: cor 5, con 2, unr 3, uns 0 -> p = 0.5, 0.2, 0.3, 0
# P_e = 0.25 + 0.04 + 0.09 = 0.38 = 19/50
# kappa = (7/12 - 19/50) / (1 - 19/50) = (122/600) / (31/50) = 61/186 ≈ 0.32796
THREE = _verdicts(
    [
        ("m1", "a", COR),
        ("m1", "b", COR),
        ("m1", "c", COR),
        ("m2", "a", COR),
        ("m2", "b", COR),
        ("m2", "c", CON),
        ("m3", "a", UNR),
        ("m3", "b", CON),
        ("m4", "a", UNR),
        ("m4", "c", UNR),
        ("m5", "d", UNS),
    ]
)

# Cohen by hand, ann and bob on ten matches, cor/unr only:
#   ann: cor cor cor cor cor cor unr unr unr unr   (cor 6, unr 4)
#   bob: cor cor cor cor cor unr unr unr cor cor   (cor 7, unr 3)
#   agree on m1-m5 (cor) and m7, m8 (unr): p_o = 7/10
#   p_e = 0.6*0.7 + 0.4*0.3 = 0.42 + 0.12 = 0.54
#   kappa = (0.70 - 0.54) / (1 - 0.54) = 0.16 / 0.46 = 8/23 ≈ 0.34783
# Fleiss on the same ratings pools the marginals: cor 13/20, unr 7/20,
#   P_e = 0.4225 + 0.1225 = 0.545, kappa = (0.7 - 0.545) / 0.455 = 31/91 ≈ 0.34066
COHEN = _two(
    [COR, COR, COR, COR, COR, COR, UNR, UNR, UNR, UNR],
    [COR, COR, COR, COR, COR, UNR, UNR, UNR, COR, COR],
)


@pytest.mark.parametrize(
    ("description", "verdicts", "pairs", "reviewers", "percent", "cohen", "fleiss"),
    [
        (
            "three reviewers: Fleiss by hand, no Cohen, the single-rated match ignored",
            THREE,
            4,
            ["a", "b", "c"],
            7 / 12,
            None,
            61 / 186,
        ),
        ("two reviewers: Cohen by hand", COHEN, 10, ["ann", "bob"], 0.7, 8 / 23, 31 / 91),
        (
            # p_o = 1, p_e = 0.5*0.5 + 0.5*0.5 = 0.5 -> (1 - 0.5) / 0.5 = 1
            "perfect agreement",
            _two([COR, UNR], [COR, UNR]),
            2,
            ["ann", "bob"],
            1.0,
            1.0,
            1.0,
        ),
        (
            # p_o = 0, p_e = 0.5 -> (0 - 0.5) / 0.5 = -1
            "systematic disagreement",
            _two([COR, UNR], [UNR, COR]),
            2,
            ["ann", "bob"],
            0.0,
            -1.0,
            -1.0,
        ),
        (
            # p_e = 1: kappa is 0/0, undefined
            "everyone always gives one label",
            _two([COR, COR], [COR, COR]),
            2,
            ["ann", "bob"],
            1.0,
            None,
            None,
        ),
        (
            # carl judged m03 alone, so only ann and bob judged multi-reviewer matches
            "a third reviewer on single-rated matches leaves Cohen defined",
            pl.concat([_two([COR, UNR], [COR, UNR]), _verdicts([("m03", "carl", CON)])]),
            2,
            ["ann", "bob"],
            1.0,
            1.0,
            1.0,
        ),
        ("only single-rated matches", _verdicts([("m1", "a", COR)]), 0, [], None, None, None),
        ("no verdicts", _verdicts([]), 0, [], None, None, None),
    ],
)
def test_agreement_statistics(
    description: str,
    verdicts: pl.DataFrame,
    pairs: int,
    reviewers: list[str],
    percent: float | None,
    cohen: float | None,
    fleiss: float | None,
) -> None:
    result = agreement(verdicts)
    assert result.pairs_with_multiple_reviewers == pairs, description
    assert result.reviewers == reviewers, description
    for got, want in (
        (result.percent_agreement, percent),
        (result.cohen_kappa, cohen),
        (result.fleiss_kappa, fleiss),
    ):
        assert got == (None if want is None else pytest.approx(want)), description


def _table(cells: dict[tuple[str, str], int]) -> dict[str, dict[str, int]]:
    return {a: {b: cells.get((a, b), 0) for b in LABELS} for a in LABELS}


@pytest.mark.parametrize(
    ("description", "verdicts", "expected"),
    [
        (
            # m1: 3 cor-cor pairs; m2: 1 cor-cor, 2 cor-con; m3: 1 unr-con; m4: 1 unr-unr
            "agreeing pairs once on the diagonal, disagreeing pairs in both cells",
            THREE,
            _table(
                {
                    (COR, COR): 4,
                    (COR, CON): 2,
                    (CON, COR): 2,
                    (UNR, CON): 1,
                    (CON, UNR): 1,
                    (UNR, UNR): 1,
                }
            ),
        ),
        ("all four labels present with zeros", _verdicts([]), _table({})),
    ],
)
def test_confusion(
    description: str, verdicts: pl.DataFrame, expected: dict[str, dict[str, int]]
) -> None:
    assert agreement(verdicts).confusion == expected, description


def test_disagreements_list_matches_whose_ratings_differ() -> None:
    assert agreement(THREE).disagreements == [
        {"match_id": "m2", "verdicts": {"a": COR, "b": COR, "c": CON}},
        {"match_id": "m3", "verdicts": {"a": UNR, "b": CON}},
    ]


def test_as_dict_rounds_shares_for_json() -> None:
    out = agreement(THREE).as_dict()
    assert out["percent_agreement"] == 0.5833  # 7/12
    assert out["fleiss_kappa"] == 0.328  # 61/186 = 0.32796...
    assert out["cohen_kappa"] is None
    assert out["reviewers"] == ["a", "b", "c"]
    assert out["pairs_with_multiple_reviewers"] == 4


def test_a_later_row_for_the_same_reviewer_wins() -> None:
    frame = _verdicts([("m1", "a", UNR), ("m1", "b", COR), ("m1", "a", COR)])
    assert agreement(frame).percent_agreement == 1.0


@pytest.mark.parametrize(
    ("description", "call"),
    [
        ("agreement", agreement),
        ("calibration", lambda f: calibration(f.with_columns(score=pl.lit(50.0)))),
    ],
)
def test_unknown_verdict_is_refused(
    description: str, call: Callable[[pl.DataFrame], object]
) -> None:
    frame = _verdicts([("m1", "a", "retract"), ("m1", "b", COR)])
    with pytest.raises(ValueError, match="unknown verdicts"):
        call(frame)


rating_sets = st.dictionaries(
    keys=st.sampled_from([f"m{i}" for i in range(6)]),
    values=st.dictionaries(
        keys=st.sampled_from(["a", "b", "c", "d"]), values=st.sampled_from(LABELS), max_size=4
    ),
    max_size=6,
)


@given(rating_sets)
def test_agreement_is_bounded(ratings: dict[str, dict[str, str]]) -> None:
    rows = [(m, r, v) for m, by_reviewer in ratings.items() for r, v in by_reviewer.items()]
    result = agreement(_verdicts(rows))
    multi = sum(len(by_reviewer) >= 2 for by_reviewer in ratings.values())
    assert result.pairs_with_multiple_reviewers == multi
    assert (result.percent_agreement is None) == (multi == 0)
    if result.percent_agreement is not None:
        assert 0.0 <= result.percent_agreement <= 1.0
    for kappa in (result.cohen_kappa, result.fleiss_kappa):
        assert kappa is None or kappa <= 1.0
    table = result.confusion
    assert all(table[a][b] == table[b][a] for a in LABELS for b in LABELS)


# Calibration by hand, step 20: cut-offs 0, 20, 40, 60, 80.
#   scores and verdicts: 100 cor, 95 cor, 95 con, 80 unr, 60 cor, 55 uns (ignored), 30 unr, 10 unr
#   cutoff  >= : judged related precision   band      : judged related precision
#    0         7   4      4/7                [0, 20)       1   0      0
#   20         6   4      4/6                [20, 40)      1   0      0
#   40         5   4      4/5                [40, 60)      0   0      null (55 was unsure)
#   60         5   4      4/5                [60, 80)      1   1      1
#   80         4   3      3/4                [80, ...)     4   3      3/4 (100 included)
JUDGED = pl.DataFrame(
    [
        ("m7", 100.0, COR),
        ("m1", 95.0, COR),
        ("m1", 95.0, CON),
        ("m2", 80.0, UNR),
        ("m3", 60.0, COR),
        ("m4", 55.0, UNS),
        ("m5", 30.0, UNR),
        ("m6", 10.0, UNR),
    ],
    schema={"match_id": pl.String, "score": pl.Float64, "verdict": pl.String},
    orient="row",
)

EXPECTED_CALIBRATION = pl.DataFrame(
    {
        "cutoff": [0.0, 20.0, 40.0, 60.0, 80.0],
        "judged": [7, 6, 5, 5, 4],
        "related": [4, 4, 4, 4, 3],
        "precision": [4 / 7, 4 / 6, 4 / 5, 4 / 5, 3 / 4],
        "band_judged": [1, 1, 0, 1, 4],
        "band_related": [0, 0, 0, 1, 3],
        "band_precision": [0.0, 0.0, None, 1.0, 3 / 4],
    },
    schema=CALIBRATION_SCHEMA,
)


@pytest.mark.parametrize(
    ("description", "judged", "step", "expected"),
    [
        ("cut-offs and bands by hand", JUDGED, 20.0, EXPECTED_CALIBRATION),
        (
            "nothing judged: zero counts, null precision",
            JUDGED.clear(),
            50.0,
            pl.DataFrame(
                {
                    "cutoff": [0.0, 50.0],
                    "judged": [0, 0],
                    "related": [0, 0],
                    "precision": [None, None],
                    "band_judged": [0, 0],
                    "band_related": [0, 0],
                    "band_precision": [None, None],
                },
                schema=CALIBRATION_SCHEMA,
            ),
        ),
    ],
)
def test_calibration(
    description: str, judged: pl.DataFrame, step: float, expected: pl.DataFrame
) -> None:
    assert calibration(judged, step=step).equals(expected), description


@pytest.mark.parametrize(
    ("description", "step", "cutoffs"),
    [
        ("default step of ten", 10.0, [float(c) for c in range(0, 100, 10)]),
        ("a step that does not divide 100", 30.0, [0.0, 30.0, 60.0, 90.0]),
        ("a step past 100 leaves one cut-off", 150.0, [0.0]),
    ],
)
def test_calibration_cutoffs(description: str, step: float, cutoffs: list[float]) -> None:
    table = calibration(JUDGED, step=step)
    assert table["cutoff"].to_list() == cutoffs, description
    assert table["band_judged"].sum() == 7, description  # every judged verdict in one band


@pytest.mark.parametrize("step", [0.0, -5.0, math.nan])
def test_calibration_refuses_a_step_that_is_not_positive(step: float) -> None:
    with pytest.raises(ValueError, match="step"):
        calibration(JUDGED, step=step)


@pytest.mark.parametrize(
    ("description", "table", "show_first", "show", "expected"),
    [
        (
            # precision 4/7, 2/3, 4/5, 4/5, 3/4: none reaches 0.9; 20 is the first >= 0.6
            "defaults: nothing good enough to show first",
            EXPECTED_CALIBRATION,
            0.9,
            0.6,
            {"show_first": None, "show": 20.0, "hide": 20.0},
        ),
        (
            # 40 is the lowest >= 0.8 even though 80 falls back to 0.75
            "the lowest qualifying cut-off wins",
            EXPECTED_CALIBRATION,
            0.8,
            0.5,
            {"show_first": 40.0, "show": 0.0, "hide": 0.0},
        ),
        (
            "no cut-off qualifies: no suggestion",
            EXPECTED_CALIBRATION,
            0.99,
            0.95,
            {"show_first": None, "show": None, "hide": None},
        ),
        (
            "null precision never qualifies",
            calibration(JUDGED.clear(), step=50.0),
            0.0,
            0.0,
            {"show_first": None, "show": None, "hide": None},
        ),
    ],
)
def test_score_bands(
    description: str,
    table: pl.DataFrame,
    show_first: float,
    show: float,
    expected: dict[str, float | None],
) -> None:
    assert score_bands(table, show_first=show_first, show=show) == expected, description


def test_score_bands_refuses_show_above_show_first() -> None:
    with pytest.raises(ValueError, match="show"):
        score_bands(EXPECTED_CALIBRATION, show_first=0.5, show=0.8)
