"""Articles: pick one, see its claims and their anchors."""

from __future__ import annotations

import streamlit as st

from workbench.store import StoreError
from workbench.ui.common import stop_on_store_error, store

st.title("Articles")
try:
    articles = store().articles()
except StoreError as error:
    stop_on_store_error(error)
else:
    st.dataframe(articles.drop("article_id", "input_path"), hide_index=True, key="articles_table")
    labels = {
        row["article_id"]: f"{row['source']} · {row['article_ref']}"
        for row in articles.iter_rows(named=True)
    }
    chosen = st.selectbox(
        "Article", list(labels), format_func=labels.__getitem__, key="articles_choice"
    )
    if chosen:
        claims = store().claims(article_id=chosen)
        st.subheader(f"{claims.height} claims")
        st.dataframe(
            claims.select("position", "language", "text", "dates", "numbers", "names", "titles"),
            hide_index=True,
            key="articles_claims",
        )
