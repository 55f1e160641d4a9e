"""What every page shares: the store for this server, and a friendly stop when it is empty."""

from __future__ import annotations

import streamlit as st

from workbench.settings import Settings
from workbench.store import Store, StoreError


@st.cache_resource
def _store(path: str) -> Store:
    return Store(path, wait_s=5.0)


def store() -> Store:
    """The store named by WORKBENCH_DB (or the default), shared by all sessions."""
    return _store(str(Settings().db))


def stop_on_store_error(error: StoreError) -> None:
    """Show a store problem as a message (never a traceback) and end the page run."""
    st.warning(str(error))
    st.stop()
