"""Streamlit entry point: builds the navigation; pages render, the library does the work.

Run with ``workbench serve`` (which sets WORKBENCH_DB) or ``streamlit run workbench/ui/app.py``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).parent / "pages"

st.set_page_config(page_title="Claim workbench", layout="wide")
navigation = st.navigation(
    [
        st.Page(PAGES / "overview.py", title="Overview", default=True),
        st.Page(PAGES / "articles.py", title="Articles"),
        st.Page(PAGES / "claims.py", title="Claims"),
    ]
)
navigation.run()
