"""Pure parts of review: marks on claim text, escaping of every fragment, claim status."""

from __future__ import annotations

import datetime as dt
import html
import re

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.linking.explain import explain
from workbench.linking.features import sentence_features
from workbench.linking.reasons import Kind, Reason
from workbench.review.clusters import corroboration_clusters
from workbench.review.display import (
    article_with_claims,
    claim_card,
    direction,
    marked,
    reading_aid_html,
    reasons,
)
from workbench.review.origins import origin_groups
from workbench.review.pairs import Mark, Side, marks_for
from workbench.review.reading import ReadingAid
from workbench.review.status import claim_status

AR = "قال الأدميرال براد كوبر إن 12 شخصا قتلوا في دمشق يوم 9 مارس 2025"
EN = "General Brad Cooper said 15 people were killed in Damascus on 9 March 2025."


def _marked_pair() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    a = sentence_features(AR, claim_id="a", language="ar", source="S1")
    b = sentence_features(EN, claim_id="b", language="en", source="S2")
    why = explain(a, b, 80, corroborate_min=50, conflict_min=35)
    return (
        [(m.tone, AR[m.start : m.end]) for m in marks_for(why.reasons, "a", len(AR))],
        [(m.tone, EN[m.start : m.end]) for m in marks_for(why.reasons, "b", len(EN))],
    )


def test_marks_come_from_the_linkers_spans() -> None:
    marks_a, marks_b = _marked_pair()
    # The rank differs (admiral / general), so do the numbers; the name and the day agree.
    assert ("differ", "الأدميرال") in marks_a and ("differ", "General") in marks_b
    assert ("differ", "12") in marks_a and ("differ", "15") in marks_b
    assert ("agree", "كوبر") in marks_a and ("agree", "Cooper") in marks_b
    assert ("agree", "9 March 2025") in marks_b
    assert all(tone in ("agree", "differ") for tone, _ in [*marks_a, *marks_b])


def _reason(kind: Kind, differs: bool, spans_a: tuple[tuple[int, int], ...]) -> Reason:
    return Reason(kind, differs, ("x",), ("y",), spans_a=spans_a, spans_b=((0, 1),))


def test_marks_follow_spans_whatever_the_values_hold() -> None:
    text = "Nur Gul, Soki and Watpur were hit; 120 died."
    name = Reason(
        Kind.NAME, False, ("Nur Gul, Soki",), ("نورگل، سوکی",), spans_a=((0, 13),), spans_b=()
    )  # a value holding a comma marks its span, not its pieces
    marks = marks_for(
        [
            name,
            _reason(Kind.NUMBER, False, ((35, 38),)),
            _reason(Kind.NUMBER, True, ((35, 38),)),  # a difference wins on the same span
            _reason(Kind.CONCEPT, False, ((39, 43),)),  # concepts are not marked
            _reason(Kind.DATE, False, ((40, 99),)),  # out of the text: dropped
        ],
        "a",
        len(text),
    )
    assert [(m.tone, text[m.start : m.end]) for m in marks] == [
        ("agree", "Nur Gul, Soki"),
        ("differ", "120"),
    ]
    # The other side's spans mark nothing here.
    assert marks_for([_reason(Kind.NUMBER, True, ())], "a", len(text)) == ()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("en", "ltr"), ("tr", "ltr"), (None, "ltr")],
)
def test_direction(language: str | None, expected: str) -> None:
    assert direction(language) == expected


_TAG = re.compile(r"<\s*/?\s*(script|img|svg|iframe|a|b|i)\b", re.IGNORECASE)


def _side(text: str, source: str) -> Side:
    return Side(
        claim_id="c",
        text=text,
        language="ar",
        source=source,
        published=None,
        title=source,
        url=None,
        article_id="a",
        article_ref=source,
        origin_chain=(source, source),
        before=text,
        after=text,
        marks=(Mark(0, min(3, len(text)), "differ", source),) if len(text) >= 3 else (),
    )


@given(st.text(), st.text())
def test_no_input_survives_as_markup(text: str, source: str) -> None:
    fragments = [
        claim_card(_side(text, source), "A"),
        reasons([text], [source]),
        marked(text, [Mark(0, len(text), "agree", source)] if text else []),
        article_with_claims(text, [(0, len(text), "conflicted", source)], "fa"),
        reading_aid_html(
            ReadingAid(source, (text,), ((text, source),), (text,), (source,), (text,), (), True)
        ),
    ]
    for fragment in fragments:
        assert not _TAG.search(
            re.sub(
                r"<b>(A|Differs|Agrees|[a-z ]+:)</b>|<i>Machine reading of the [^<]*</i>",
                "",
                fragment,
            )
        )


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '"><svg onload=alert(1)>',
        "'; DROP TABLE x; --",
    ],
)
def test_hostile_text_is_shown_escaped(hostile: str) -> None:
    card = claim_card(_side(hostile, hostile), "A")
    assert html.escape(hostile, quote=True)[3:] in card
    assert "<script" not in card and "<img" not in card and "<svg" not in card


#: claim -> (article, outlet); articles a1/a2 are copies of one wire, a3 and a4 stand alone
CLAIMS = {
    "x": ("a1", "Wire"),
    "y": ("a3", "Daily"),
    "z": ("a4", "Post"),
    "w": ("a2", "Copycat"),
    "v": ("a5", "Tabnak"),
    "u": ("a6", "Mashregh"),
}
ARTICLES = pl.DataFrame(
    {
        "article_id": ["a1", "a2", "a3", "a4", "a5", "a6"],
        "source": ["Wire", "Copycat", "Daily", "Post", "Tabnak", "Mashregh"],
        "origin_chain": [
            ["Wire"],
            ["Copycat"],
            ["Daily"],
            ["Post"],
            ["Tabnak", "IRNA"],
            ["Mashregh", "ایرنا"],
        ],
        "published": [None] * 6,
    },
    schema_overrides={"published": pl.Date},
)
COPIES = pl.DataFrame({"article_a_id": ["a1"], "article_b_id": ["a2"]})


def _verdicts(rows: list[tuple[str, ...]]) -> pl.DataFrame:
    """(match, claim a, claim b, verdict[, role]) rows as the store gives current verdicts."""
    out = []
    for i, row in enumerate(rows):
        match_id, a, b, verdict, *role = row
        out.append(
            {
                "match_id": match_id,
                "claim_a_id": a,
                "claim_b_id": b,
                "article_a_id": CLAIMS[a][0],
                "article_b_id": CLAIMS[b][0],
                "source_a": CLAIMS[a][1],
                "source_b": CLAIMS[b][1],
                "verdict": verdict,
                "role": role[0] if role else "reviewer",
                "decided_at": dt.datetime(2026, 1, 1, 0, 0, i),
            }
        )
    return pl.DataFrame(out)


@pytest.mark.parametrize(
    ("description", "rows", "expected"),
    [
        ("nothing judged", [], {}),
        (
            "one corroboration speaks for both claims",
            [("m1", "x", "y", "corroborates")],
            {"x": "corroborated", "y": "corroborated"},
        ),
        ("conflicts only", [("m1", "x", "y", "conflicts")], {"x": "conflicted", "y": "conflicted"}),
        (
            "both on one claim is contested",
            [("m1", "x", "y", "corroborates"), ("m2", "x", "z", "conflicts")],
            {"x": "contested", "y": "corroborated", "z": "conflicted"},
        ),
        (
            "reviewers who disagree on one pair make it contested",
            [("m1", "x", "y", "corroborates"), ("m1", "x", "y", "conflicts")],
            {"x": "contested", "y": "contested"},
        ),
        (
            "an adjudicator's verdict settles a disagreement",
            [
                ("m1", "x", "y", "corroborates"),
                ("m1", "x", "y", "conflicts"),
                ("m1", "x", "y", "corroborates", "adjudicator"),
            ],
            {"x": "corroborated", "y": "corroborated"},
        ),
        (
            "unrelated and unsure say nothing about the fact",
            [("m1", "x", "y", "unrelated"), ("m2", "x", "z", "unsure")],
            {"x": "unverified", "y": "unverified", "z": "unverified"},
        ),
        (
            "a copy of the wire does not corroborate the wire",
            [("m1", "x", "w", "corroborates")],
            {"x": "unverified", "w": "unverified"},
        ),
        (
            "two outlets citing the same agency are one origin",
            [("m1", "v", "u", "corroborates")],
            {"v": "unverified", "u": "unverified"},
        ),
    ],
)
def test_claim_status(
    description: str, rows: list[tuple[str, ...]], expected: dict[str, str]
) -> None:
    frame = claim_status(_verdicts(rows), origin_groups(ARTICLES, COPIES))
    assert dict(zip(frame["claim_id"], frame["status"], strict=True)) == expected


def test_independent_origins_are_counted_once_each() -> None:
    rows = [
        ("m1", "y", "x", "corroborates"),  # the wire
        ("m2", "y", "w", "corroborates"),  # its copy: the same origin
        ("m3", "y", "z", "corroborates"),
        ("m4", "y", "v", "corroborates"),
    ]
    frame = claim_status(_verdicts(rows), origin_groups(ARTICLES, COPIES)).filter(
        pl.col("claim_id") == "y"
    )
    row = frame.row(0, named=True)
    assert row["corroborating_origins"] == 3 and row["corroborates"] == 4
    assert row["corroborating_sources"] == "Copycat; Post; Tabnak; Wire"


def test_same_origin_links_are_counted_apart() -> None:
    frame = claim_status(
        _verdicts([("m1", "x", "w", "corroborates")]), origin_groups(ARTICLES, COPIES)
    )
    assert frame["same_origin_links"].to_list() == [1, 1]


def test_two_reviewers_agreeing_count_one_match() -> None:
    frame = claim_status(_verdicts([("m1", "x", "y", "conflicts"), ("m1", "x", "y", "conflicts")]))
    assert frame.filter(pl.col("claim_id") == "x")["conflicts"].to_list() == [1]


@pytest.mark.parametrize(
    ("description", "article", "label"),
    [
        ("a citation names the group", "a5", "IRNA"),
        ("copies without a citation take the first outlet", "a2", "Copycat"),
        ("an article alone is its own origin", "a3", "Daily"),
    ],
)
def test_origin_labels(description: str, article: str, label: str) -> None:
    groups = origin_groups(ARTICLES, COPIES)
    assert groups.filter(pl.col("article_id") == article)["origin_label"].to_list() == [label]


def test_origin_groups() -> None:
    groups = origin_groups(ARTICLES, COPIES)
    origin = dict(zip(groups["article_id"], groups["origin"], strict=True))
    assert origin["a1"] == origin["a2"] == "a1"
    assert origin["a5"] == origin["a6"] == "a5"  # IRNA and ایرنا: one agency, two scripts
    assert len(set(origin.values())) == 4


def test_clusters_need_three_outlets_and_follow_corroboration_only() -> None:
    rows = [
        ("m1", "x", "y", "corroborates"),  # Wire - Daily
        ("m2", "y", "z", "corroborates"),  # Daily - Post: x, y, z span three outlets
        ("m3", "z", "v", "conflicts"),  # a conflict joins nothing
        ("m4", "u", "w", "corroborates"),  # two outlets only
    ]
    clusters = corroboration_clusters(_verdicts(rows))
    assert clusters.rows() == [("x", "x"), ("x", "y"), ("x", "z")]
    assert corroboration_clusters(_verdicts(rows), min_sources=2)["cluster"].n_unique() == 2
