"""Clusters: claims corroborating each other across three or more outlets, earliest first."""

from __future__ import annotations

import streamlit as st

from workbench.review.overview import cluster_table
from workbench.store import StoreError
from workbench.ui.common import stop_on_store_error, store, table

st.title("Clusters")
st.caption("Claims that reviewers found corroborating each other, across three or more outlets.")
try:
    found = cluster_table(store())
except StoreError as error:
    stop_on_store_error(error)
    raise  # unreachable
if found.is_empty():
    st.info("No cluster yet: a cluster needs corroborated pairs linking three or more outlets.")
    st.stop()
clusters = found["cluster"].unique(maintain_order=True).to_list()
st.caption(f"{len(clusters)} clusters")
for number, cluster in enumerate(clusters, 1):
    rows = found.filter(found["cluster"] == cluster)
    first = rows.row(0, named=True)
    st.subheader(f"Cluster {number}: {first['size']} claims, {first['outlets']} outlets")
    table(
        rows.select("published", "source", "language", "origin", "text"),
        key=f"cluster_{cluster}",
    )
