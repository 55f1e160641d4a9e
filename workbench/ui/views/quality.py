"""Quality: how far reviewers agree, and how precise the linker is at each score cut-off."""

from __future__ import annotations

import altair as alt
import polars as pl
import streamlit as st

from workbench.review.quality import quality
from workbench.store import StoreError
from workbench.ui.common import stop_on_store_error, store, table

st.title("Quality")
try:
    found = quality(store())
except StoreError as error:
    stop_on_store_error(error)
    raise  # unreachable
a = found.agreement
calibration = found.calibration
st.subheader("Scoring models")
if found.scored_by.height:
    st.caption(
        "Matches scored by each model: "
        + ", ".join(f"{r['model'] or '?'}: {r['matches']}" for r in found.scored_by.to_dicts())
    )
if found.models.height:
    st.caption(
        "Re-fitted from this desk's verdicts (`workbench refit`), measured on held-back "
        "verdicts: the model it was fitted on -> the new one."
    )
    table(found.models, key="quality_models")
else:
    st.caption("Only the shipped model: `workbench refit` fits one from this desk's verdicts.")
if calibration["judged"].sum() == 0 and not a.pairs_with_multiple_reviewers:
    st.info(
        "No verdicts yet: agreement between reviewers and the linker's precision appear here "
        "once reviewers record verdicts."
    )
    st.stop()


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


columns = st.columns(4)
columns[0].metric("Pairs judged by several", a.pairs_with_multiple_reviewers)
columns[1].metric("Percent agreement", _share(a.percent_agreement))
columns[2].metric("Cohen's kappa", _share(a.cohen_kappa))
columns[3].metric("Fleiss' kappa", _share(a.fleiss_kappa))
st.subheader("Linker precision by score")
if calibration["judged"].sum() > 0:
    st.altair_chart(
        alt.Chart(calibration.drop_nulls("precision"))
        .mark_line(point=True)
        .encode(
            x=alt.X("cutoff:Q", title="score at least"),
            y=alt.Y(
                "precision:Q",
                title="share judged about the same fact",
                scale=alt.Scale(domain=[0, 1]),
            ),
            tooltip=["cutoff", "judged", "related", "precision"],
        ),
        width="stretch",
        key="quality_precision_chart",
    )
    bands = found.bands
    st.caption(
        "Suggested bands: show first from score "
        f"{bands.get('show_first')}, show from {bands.get('show')}, hide below {bands.get('hide')}"
    )
    table(calibration, key="quality_calibration")
else:
    st.info("No reviewed pairs yet: precision appears once reviewers record verdicts.")
st.subheader("Confusion between reviewers")
if a.pairs_with_multiple_reviewers:
    labels = list(a.confusion)
    confusion = {b: [a.confusion[x][b] for x in labels] for b in labels}
    table(pl.DataFrame({"label": labels, **confusion}), key="quality_confusion")
else:
    st.caption("Appears once two reviewers judge the same pair.")
