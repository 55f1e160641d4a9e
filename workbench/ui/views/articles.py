"""Articles: an article's text with its claims marked by status, and the claims with anchors."""

from __future__ import annotations

import streamlit as st

from workbench.review.claims import article_statuses
from workbench.review.display import TONES, article_with_claims, badge, esc
from workbench.store import StoreError
from workbench.ui.common import stop_on_store_error, store, table

st.title("Articles")
try:
    articles = store().articles()
except StoreError as error:
    stop_on_store_error(error)
    raise  # unreachable
table(articles.drop("article_id", "input_path"), key="articles_table")
labels = {
    row["article_id"]: f"{row['source']} · {row['article_ref']}"
    for row in articles.iter_rows(named=True)
}
chosen = st.selectbox(
    "Article", list(labels), format_func=labels.__getitem__, key="articles_choice"
)
if chosen:
    try:
        article = store().article(chosen)
        claims = store().claims(article_id=chosen)
        statuses = article_statuses(store(), claims["claim_id"].to_list())
    except StoreError as error:
        stop_on_store_error(error)
        raise
    assert article is not None
    claims = claims.with_columns(status=claims["claim_id"].replace_strict(statuses))
    st.subheader(f"{claims.height} claims")
    legend = " ".join(badge(s) for s in ("corroborated", "conflicted", "contested", "unverified"))
    st.html(f"<div>{legend}</div>")
    if article.get("title"):
        st.html(f"<h3 dir='auto'>{esc(article['title'])}</h3>")
    spans = [
        (row["char_start"], row["char_end"], row["status"], row["claim_id"])
        for row in claims.iter_rows(named=True)
        if row["field"] == "text" and row["status"] in TONES
    ]
    st.html(article_with_claims(str(article["text"]), spans, str(article["language"])))
    table(
        claims.select(
            "position", "status", "language", "text", "dates", "numbers", "names", "titles"
        ),
        key="articles_claims",
    )
