"""Claims: search in any language; letter variants and digits do not matter."""

from __future__ import annotations

import streamlit as st

from workbench.store import StoreError
from workbench.text.normalise import normalise
from workbench.ui.common import stop_on_store_error, store

st.title("Claims")
query = st.text_input("Search claims", key="claims_search", placeholder="e.g. کوپر or 2024")
try:
    found = store().claims(search=normalise(query) or None, limit=500)
except StoreError as error:
    stop_on_store_error(error)
else:
    st.caption(f"{found.height} claims shown (at most 500)")
    st.dataframe(
        found.select("source", "language", "published", "text", "dates", "numbers", "names"),
        hide_index=True,
        key="claims_results",
    )
