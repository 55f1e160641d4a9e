"""Claims: search in any language (letter variants and digits do not matter); a claim's links."""

from __future__ import annotations

import streamlit as st

from workbench.review.claims import claim_links
from workbench.review.display import badge, direction, esc
from workbench.store import StoreError
from workbench.text.normalise import normalise
from workbench.ui.common import stop_on_store_error, store, table

st.title("Claims")
query = st.text_input("Search claims", key="claims_search", placeholder="e.g. کوپر or 2024")
try:
    found = store().claims(search=normalise(query) or None, limit=500)
except StoreError as error:
    stop_on_store_error(error)
    raise  # unreachable
st.caption(f"{found.height} claims shown (at most 500)")
table(
    found.select("source", "language", "published", "text", "dates", "numbers", "names"),
    key="claims_results",
)
if found.height:
    labels = {
        row["claim_id"]: f"{row['source']} · {row['text'][:90]}"
        for row in found.iter_rows(named=True)
    }
    chosen = st.selectbox(
        "Claim", list(labels), format_func=labels.__getitem__, key="claims_choice"
    )
    if chosen:
        row = found.filter(found["claim_id"] == chosen).row(0, named=True)
        try:
            linked = claim_links(store(), chosen)
        except StoreError as error:
            stop_on_store_error(error)
            raise
        chain = store().claims_by_ids([chosen])["origin_chain"][0] or row["source"]
        st.html(
            f'<div dir="{direction(row["language"])}" style="font-size:1.1em">'
            f"{esc(row['text'])}</div><div>status: {badge(linked.status)} · "
            f"<bdi>origin chain: {esc(chain)}</bdi></div>"
        )
        st.subheader(f"{linked.links.height} linked claims")
        table(
            linked.links.select(
                "score",
                "suggestion",
                "verdicts",
                "other_source",
                "other_language",
                "other_published",
                "other_text",
                "differs",
            ),
            key="claims_links",
        )
