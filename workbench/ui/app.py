"""Streamlit entry point: the reviewer's name and the navigation; pages render, the library works.

Run with ``workbench serve`` (which sets WORKBENCH_DB) or ``streamlit run workbench/ui/app.py``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from workbench.review.display import plain
from workbench.review.identity import Source
from workbench.ui.common import identity

# Not "pages/": Streamlit would also serve that folder as pages of their own, skipping this file.
PAGES = Path(__file__).parent / "views"

st.set_page_config(page_title="Claim workbench", layout="wide")

who = identity()
# Rendered on every page, so the name stays for the whole browser session.
if who.source is Source.TYPED:
    st.sidebar.text_input(
        "Reviewer",
        key="reviewer",
        max_chars=80,
        placeholder="your name",
        help="Stored with every verdict you record. Required before you can record one.",
    )
else:  # a trusted identity: shown, never editable
    st.sidebar.text_input(
        "Reviewer",
        value=who.name,
        disabled=True,
        placeholder="no identity",
        help="Given by the desk's login; stored with every verdict you record.",
    )
    if not who.name:
        st.sidebar.warning(f"Nothing can be recorded: {plain(who.missing)}.")
    if who.source is Source.LOGIN:
        if who.name:
            st.sidebar.button("Log out", key="logout", on_click=st.logout)
        else:
            st.sidebar.button("Log in", key="login", on_click=st.login)
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
