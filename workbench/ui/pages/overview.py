"""Overview: how much is in the database, by source and language."""

from __future__ import annotations

import streamlit as st

from workbench.store import StoreError
from workbench.ui.common import stop_on_store_error, store

st.title("Overview")
try:
    totals = store().totals()
    by_source = store().status_by_source()
except StoreError as error:
    stop_on_store_error(error)
else:
    columns = st.columns(4)
    for column, (label, value) in zip(columns, totals.items(), strict=True):
        column.metric(label.capitalize(), value)
    st.subheader("By source and language")
    st.dataframe(by_source, hide_index=True, key="overview_sources")
