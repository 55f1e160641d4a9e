"""Export: download the verdict CSV, the same file as `workbench export verdicts`."""

from __future__ import annotations

import streamlit as st

from workbench.export.verdicts import verdicts_csv
from workbench.store import StoreError
from workbench.ui.common import stop_on_store_error, store

st.title("Export")
history = st.checkbox("Whole log (retractions included)", key="export_history")
excel = st.checkbox("For Excel (UTF-8 with BOM)", key="export_excel")
try:
    counts = store().review_counts()
except StoreError as error:
    stop_on_store_error(error)
    raise  # unreachable
st.caption(
    f"{sum(counts.by_label.values())} current verdicts on {counts.judged} matches. "
    "Cells a spreadsheet would run as a formula start with an apostrophe."
)


def _data() -> bytes:
    return verdicts_csv(store(), excel=excel, history=history)


st.download_button(
    "Download verdicts CSV",
    data=_data,
    file_name="verdicts-history.csv" if history else "verdicts.csv",
    mime="text/csv",
    key="export_download",
)
