"""Streamlit entry point: the reviewer's name and the navigation; pages render, the library works.

Run with ``workbench serve`` (which sets WORKBENCH_DB) or ``streamlit run workbench/ui/app.py``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

# Not "pages/": Streamlit would also serve that folder as pages of their own, skipping this file.
PAGES = Path(__file__).parent / "views"

st.set_page_config(page_title="Claim workbench", layout="wide")
# Rendered on every page, so the name stays for the whole browser session.
st.sidebar.text_input(
    "Reviewer",
    key="reviewer",
    max_chars=80,
    placeholder="your name",
    help="Stored with every verdict you record. Required before you can record one.",
)
navigation = st.navigation(
    [
        st.Page(PAGES / "overview.py", title="Overview", default=True),
        st.Page(PAGES / "review.py", title="Review"),
        st.Page(PAGES / "claims.py", title="Claims"),
        st.Page(PAGES / "articles.py", title="Articles"),
        st.Page(PAGES / "adjudicate.py", title="Adjudicate"),
        st.Page(PAGES / "clusters.py", title="Clusters"),
        st.Page(PAGES / "quality.py", title="Quality"),
        st.Page(PAGES / "export.py", title="Export"),
    ]
)
navigation.run()
