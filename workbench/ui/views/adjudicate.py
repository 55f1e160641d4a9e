"""Adjudicate: pairs whose reviewers disagree, side by side; the adjudicator's final verdict."""

from __future__ import annotations

import pydantic
import streamlit as st

from workbench.models import Label
from workbench.review.adjudication import NotAllowed, adjudicate, disagreements
from workbench.review.display import badge, claim_card, esc, plain, reasons
from workbench.review.identity import adjudication_refused, names
from workbench.review.pairs import pair_from_row
from workbench.store import StoreError
from workbench.ui.common import (
    need_reviewer,
    reader_languages,
    reviewer,
    settings,
    stop_on_store_error,
    store,
    with_reading_aid,
)

st.title("Adjudicate")
everything = st.checkbox("Include pairs already adjudicated", key="adjudicate_all")
try:
    found = disagreements(store(), include_adjudicated=everything)
except StoreError as error:
    stop_on_store_error(error)
    raise  # unreachable
if not found:
    st.success("No open disagreements between reviewers.")
    st.stop()
st.caption(f"{len(found)} pairs on which reviewers disagree")
by_id = {d.match_id: d for d in found}
chosen = st.selectbox(
    "Pair",
    list(by_id),
    format_func=lambda m: f"{m} · " + ", ".join(v for v, _ in by_id[m].verdicts.values()),
    key="adjudicate_choice",
)
case = by_id[chosen]
try:
    row = store().pair(chosen)
except StoreError as error:
    stop_on_store_error(error)
    raise
if row is None:
    st.warning("This pair is no longer among the matches (re-linked); its verdicts are kept.")
    st.stop()
pair = pair_from_row(row)
left, right = st.columns(2)
reads = reader_languages(sorted({pair.a.language, pair.b.language}))
left.html(with_reading_aid(claim_card(pair.a, "A"), pair.a, reads))
right.html(with_reading_aid(claim_card(pair.b, "B"), pair.b, reads))
st.html(reasons(pair.agrees, pair.differs))
said = "".join(
    f"<tr><td>{esc(name)}</td><td>{badge(verdict)}</td><td dir='auto'>{esc(note)}</td></tr>"
    for name, (verdict, note) in case.verdicts.items()
)
st.html(
    f"<table class='verdicts'><tr><th>reviewer</th><th>verdict</th><th>note</th></tr>{said}</table>"
)
if case.adjudicated:
    st.html(f"<div>Adjudicated: {badge(case.adjudicated)}</div>")
need_reviewer("adjudicate")
name = reviewer()
desk = names(settings().adjudicators)
refused = adjudication_refused(name, list(case.verdicts), desk)
if refused:
    st.info(f"{plain(refused)}.")
    st.stop()
note = st.text_input("Adjudication note (optional)", key=f"adjudicate_note_{chosen}")
columns = st.columns(4)
for column, label in zip(columns, Label, strict=True):
    if column.button(label.value.capitalize(), key=f"adjudicate_{label.value}", width="stretch"):
        try:
            adjudicate(store(), name, chosen, label, note, adjudicators=desk)
        except (StoreError, NotAllowed) as error:
            st.warning(str(error))
        except pydantic.ValidationError as error:
            st.warning(f"not recorded: {error.errors()[0]['msg']}")
        else:
            st.success(f"Final verdict recorded: {label.value} (as adjudicator)")
            st.rerun()
