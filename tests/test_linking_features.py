"""Features as rows: the frame a link run holds gives back the very same Features."""

from __future__ import annotations

import dataclasses
import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.jobs.link import rows_of
from workbench.linking.features import (
    FEATURES_SCHEMA,
    Features,
    feature_rows,
    from_rows,
    sentence_features,
)
from workbench.linking.scoring import feature_frame

WORD = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), min_size=1)
WORDS = st.lists(WORD, max_size=4).map(tuple)
FEATURES = st.builds(
    Features,
    claim_id=st.uuids().map(str),
    article_id=WORD,
    source=WORD,
    language=st.sampled_from(["ar", "fa", "en"]),
    published=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1))),
    tokens=WORDS,
    name_keys=WORDS,
    concepts=WORDS,
    numbers=st.lists(st.tuples(WORD, st.one_of(st.just(""), WORD)), max_size=3).map(tuple),
    dates=WORDS,
    titles=WORDS,
    speakers=WORDS,
    negated=st.booleans(),
    names=st.text(max_size=20),
    places=WORDS,
    objects=WORDS,
    weekdays=WORDS,
)


@settings(deadline=None)  # polars frames: the first call is slow on a busy machine
@given(st.lists(FEATURES, max_size=5, unique_by=lambda f: f.claim_id))
def test_rows_round_trip(built: list[Features]) -> None:
    rows = feature_rows(built)
    assert rows.schema == FEATURES_SCHEMA
    assert from_rows(rows) == {f.claim_id: f for f in built}


def test_scorer_columns() -> None:
    f = Features(
        claim_id="c1",
        article_id="a",
        source="S",
        language="ar",
        published=None,
        tokens=("كوبر", "قال", "كوبر"),
        name_keys=("kbr", "bkr"),
        concepts=("meet", "attack"),
        numbers=(("120", "engineer"), ("120", ""), ("3", "")),
        dates=("2025-03-09",),
        titles=(),
        speakers=(),
        negated=False,
    )
    row = feature_frame(feature_rows([f])).row(0, named=True)
    assert row["tokens"] == "كوبر قال كوبر"
    assert row["names"] == "bkr kbr"
    assert row["concepts"] == ["attack", "meet"]
    assert row["numbers"] == ["120", "3"]


def test_rows_of_finds_rows_by_binary_search() -> None:
    table = pl.DataFrame({"claim_id": ["a", "c", "e", "g"], "x": [1, 2, 3, 4]})
    found = rows_of(table, pl.Series(["g", "c", "b", "c", "z"]))
    assert found.to_dict(as_series=False) == {"claim_id": ["c", "g"], "x": [2, 4]}
    assert rows_of(table.clear(), pl.Series(["a"])).height == 0


@settings(deadline=None)
@given(st.lists(FEATURES, max_size=3, unique_by=lambda f: f.claim_id))
def test_rows_without_tokens_give_features_without_tokens(built: list[Features]) -> None:
    # What explanations get: the rows without their largest column.
    got = from_rows(feature_rows(built).drop("tokens"))
    assert got == {f.claim_id: dataclasses.replace(f, tokens=()) for f in built}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "Officials said 15 people were killed and 40 injured.", ["killed", "wounded"]),
        (
            "en",
            "The death toll has risen to 2,025, with more than 1,200 wounded.",
            ["killed", "wounded"],
        ),
        ("ar", "أسفر الهجوم عن مقتل 12 شخصا وإصابة 30 آخرين.", ["killed", "wounded"]),
        ("fa", "در این حادثه ۷ نفر کشته و ۲۰ نفر زخمی شدند.", ["killed", "wounded"]),
        ("tr", "Kazada 4 kişi hayatını kaybetti, 11 kişi yaralandı.", ["killed", "wounded"]),
        ("es", "El balance es de 9 muertos y 25 heridos.", ["killed", "wounded"]),
        ("it", "Il bilancio delle vittime è salito a 300, con 500 feriti.", ["killed", "wounded"]),
        ("en", "The company hired 120 engineers in 2024.", ["engineer"]),
        ("en", "A quake of magnitude 6.3 struck.", ["magnitude"]),
        ("fa", "زمین‌لرزه‌ای به بزرگی ۶٫۲ رخ داد.", ["magnitude"]),
        ("el", "Ο σεισμός ήταν μεγέθους 6,2 Ρίχτερ.", ["magnitude"]),
        ("en", "It measured 6 on the Richter scale.", ["magnitude"]),
    ],
    ids=[
        "en after",
        "en toll before",
        "ar noun first",
        "fa joined",
        "tr clause",
        "es",
        "it",
        "unit",
        "scale before",
        "fa scale before",
        "el scale either side",
        "scale a few words after",
    ],
)
def test_what_a_number_counts_is_read_on_either_side(
    language: str, text: str, expected: list[str]
) -> None:
    # A toll of the dead and of the wounded, whatever the word order: two tolls of one
    # disaster are one fact told twice (the scorer's units_shared), and a differing count of
    # one kind is a conflict to show.
    units = [u for _, u in sentence_features(text, claim_id="c", language=language).numbers]
    assert units == expected
