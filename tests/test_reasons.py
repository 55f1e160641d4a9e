"""Explanations as typed records: built by linking, stored as a STRUCT list beside each match,
read by review, carried by the Parquet and JSON exports; words only where a person reads them."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from workbench.export.claims import export_matches
from workbench.linking.explain import explain
from workbench.linking.features import sentence_features
from workbench.linking.reasons import (
    Kind,
    Reason,
    column,
    describe,
    from_record,
    to_record,
    words,
)
from workbench.review.pairs import pair_from_row
from workbench.store import Store

_TEXT = st.text(min_size=0, max_size=12).map(lambda t: t.replace("\x1e", " ").replace("\x1f", " "))
_SPANS = st.lists(
    st.tuples(st.integers(0, 500), st.integers(1, 40)).map(lambda s: (s[0], s[0] + s[1])),
    max_size=3,
).map(lambda spans: tuple(sorted(set(spans))))
REASONS = st.builds(
    Reason,
    kind=st.sampled_from(list(Kind)),
    differs=st.booleans(),
    a=st.lists(_TEXT, max_size=3).map(tuple),
    b=st.lists(_TEXT, max_size=3).map(tuple),
    a_value=st.lists(_TEXT, max_size=3).map(tuple),
    b_value=st.lists(_TEXT, max_size=3).map(tuple),
    about=_TEXT,
    near=st.booleans(),
    spans_a=_SPANS,
    spans_b=_SPANS,
)


@given(st.lists(REASONS, max_size=4))
def test_records_round_trip_through_a_column(reasons: list[Reason]) -> None:
    assert [from_record(to_record(r)) for r in reasons] == reasons
    stored = column([reasons]).to_list()[0]
    assert [from_record(r) for r in stored] == reasons


def test_words_of_each_kind() -> None:
    said = {
        describe(Reason(Kind.NAME, False, ("كوبر",), ("Cooper",))): "name: كوبر = Cooper",
        describe(Reason(Kind.WORD, False, ("يخدم",), ("خدمت",), near=True)): "word: يخدم ~ خدمت",
        describe(Reason(Kind.TITLE, True, ("admiral",), ("general",))): "title: admiral ≠ general",
        describe(
            Reason(Kind.NUMBER, True, ("12",), ("15", "16"), about="killed")
        ): "number (killed): 12 ≠ 15, 16",
        describe(Reason(Kind.NUMBER, False, ("120",), ("120",))): "number: 120",
        describe(Reason(Kind.NEGATION, True, (), ("negated",))): (
            "negation: only in the second claim"
        ),
        describe(Reason(Kind.OBJECT, True, ("Kharzan",), ("تیرگان",), about="dam")): (
            "dam: Kharzan ≠ تیرگان"
        ),
        describe(Reason(Kind.TIME, True, ("2025-03-09",), ("2025-02",))): (
            "when: 2025-03-09 ≠ 2025-02"
        ),
    }
    for found, expected in said.items():
        assert found == expected
    quiet = Reason(Kind.PUBLISHED, True, ("2025-03-10",), ("2025-07-09",))
    assert words([quiet]) == ((), ())


AR = "قال الأدميرال براد كوبر إن 12 شخصا قتلوا في دمشق يوم 9 مارس 2025"
EN = "General Brad Cooper said 15 people were killed in Damascus on 9 March 2025."


def test_explain_gives_records_with_spans_in_each_claim() -> None:
    a = sentence_features(AR, claim_id="a", language="ar", source="S1")
    b = sentence_features(EN, claim_id="b", language="en", source="S2")
    why = explain(a, b, 80, corroborate_min=50, conflict_min=35)
    by_kind = {(r.kind, r.differs): r for r in why.reasons}
    title = by_kind[Kind.TITLE, True]
    assert (title.a_value, title.b_value) == (("admiral",), ("general",))
    assert [AR[s:e] for s, e in title.spans_a] == ["الأدميرال"]
    assert [EN[s:e] for s, e in title.spans_b] == ["General"]
    number = by_kind[Kind.NUMBER, True]
    assert [AR[s:e] for s, e in number.spans_a] == ["12"]
    assert [EN[s:e] for s, e in number.spans_b] == ["15"]
    name = next(r for r in why.reasons if r.kind is Kind.NAME and r.b == ("Cooper",))
    assert (name.a, name.a_value) == (("كوبر",), ("kbr",))
    assert [AR[s:e] for s, e in name.spans_a] == ["كوبر"]
    # The words are the records described, in order.
    assert why.agrees == tuple(describe(r) for r in why.reasons if not r.differs)
    assert "title: admiral ≠ general" in why.differs


def _stored_reasons(path: Path) -> dict[str, list[Reason]]:
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute("SELECT match_id, reasons FROM matches ORDER BY match_id").fetchall()
    return {m: [from_record(r) for r in reasons] for m, reasons in rows}


def test_reasons_are_stored_read_by_review_and_exported(linked: Store, tmp_path: Path) -> None:
    stored = _stored_reasons(linked.path)
    assert stored and all(stored.values()), "every match keeps its reasons"
    spans = [s for reasons in stored.values() for r in reasons for s in r.spans_a]
    assert spans, "reasons carry spans"
    # Review reads the same records, and its words are theirs.
    marked = {Kind.NAME, Kind.NUMBER, Kind.TITLE, Kind.DATE}  # concepts are not marked
    match_id, reasons = next(
        (m, r) for m, r in stored.items() if any(x.spans_a for x in r if x.kind in marked)
    )
    pair = pair_from_row(linked.pair(match_id))  # type: ignore[arg-type]
    assert list(pair.reasons) == reasons
    assert (pair.agrees, pair.differs) == words(reasons)
    assert pair.a.marks, "the claim is marked from the spans"
    for mark in pair.a.marks:
        assert (mark.start, mark.end) in {s for r in reasons for s in r.spans_a}
    # Parquet and JSON Lines carry the records; CSV the words.
    export_matches(linked, tmp_path / "m.parquet", fmt="parquet")
    export_matches(linked, tmp_path / "m.json", fmt="json")
    export_matches(linked, tmp_path / "m.csv")
    parquet = pl.read_parquet(tmp_path / "m.parquet")
    assert {
        m: [from_record(r) for r in rs]
        for m, rs in zip(parquet["match_id"], parquet["reasons"].to_list(), strict=True)
    } == stored
    lines = (tmp_path / "m.json").read_text(encoding="utf-8").splitlines()
    assert {
        row["match_id"]: [from_record(r) for r in row["reasons"]] for row in map(json.loads, lines)
    } == stored
    csv = pl.read_csv(tmp_path / "m.csv")
    assert "reasons" not in csv.columns
    by_id = dict(zip(csv["match_id"], csv["agrees"].fill_null(""), strict=True))
    assert by_id[match_id] == "; ".join(words(reasons)[0])


def test_a_match_linked_before_records_keeps_its_words(linked: Store) -> None:
    match_id = linked.matches(limit=1)["match_id"][0]
    with duckdb.connect(str(linked.path)) as con:  # as a database from before migration 6
        con.execute("UPDATE matches SET reasons = NULL WHERE match_id = ?", [match_id])
        kept = con.execute("SELECT agrees FROM matches WHERE match_id = ?", [match_id]).fetchone()
    pair = pair_from_row(linked.pair(match_id))  # type: ignore[arg-type]
    assert pair.reasons == () and pair.agrees == tuple(kept[0])  # type: ignore[index]
    assert pair.a.marks == () and pair.b.marks == ()
