"""Overview: what is in the database, what the linker found, how far review has come."""

from __future__ import annotations

import altair as alt
import polars as pl
import streamlit as st

from workbench.review.overview import conflicted_claims, progress
from workbench.store import StoreError
from workbench.ui.common import stop_on_store_error, store, table

st.title("Overview")
try:
    totals = store().totals()
    by_source = store().status_by_source()
    breakdown = store().match_breakdown()
    by_outlet = store().match_sources()
    counts = store().review_counts()
    conflicted = conflicted_claims(store())
except StoreError as error:
    stop_on_store_error(error)
    raise  # unreachable

columns = st.columns(4)
for column, (label, value) in zip(columns, totals.items(), strict=True):
    column.metric(label.capitalize(), value)

st.subheader("Review progress")
done = progress(counts)
st.progress(done.share, text=done.text)
left, right = st.columns(2)
with left:
    st.caption("Matches by language pair and machine suggestion")
    if breakdown.height:
        st.altair_chart(
            alt.Chart(breakdown)
            .mark_bar()
            .encode(
                x=alt.X("matches:Q", title="matches"),
                y=alt.Y("languages:N", title=None, sort="-x"),
                color=alt.Color("suggestion:N", title="suggestion"),
                tooltip=["languages", "suggestion", "matches"],
            ),
            width="stretch",
            key="overview_matches_chart",
        )
    else:
        st.info("No matches yet: run `workbench link`.")
with right:
    st.caption("Current verdicts by label and reviewer")
    labels = pl.DataFrame(
        {"verdict": list(counts.by_label), "count": list(counts.by_label.values())},
        schema={"verdict": pl.String, "count": pl.Int64},
    )
    if labels.height:
        st.altair_chart(
            alt.Chart(labels)
            .mark_bar()
            .encode(x="count:Q", y=alt.Y("verdict:N", title=None), tooltip=["verdict", "count"]),
            width="stretch",
            key="overview_verdicts_chart",
        )
        table(
            pl.DataFrame(
                {
                    "reviewer": list(counts.by_reviewer),
                    "verdicts": list(counts.by_reviewer.values()),
                }
            ),
            key="overview_reviewers",
        )
    else:
        st.info("No verdicts yet: open **Review**.")

st.subheader("Claims with conflicts")
if conflicted.height:
    table(conflicted, key="overview_conflicts")
else:
    st.caption("None reported by reviewers yet.")
st.subheader("By source and language")
left, right = st.columns([3, 2])
left.caption("Articles and claims")
table(where=left, frame=by_source, key="overview_sources")
right.caption("Matches per outlet (a match counts for both of its outlets)")
table(where=right, frame=by_outlet, key="overview_match_sources")
