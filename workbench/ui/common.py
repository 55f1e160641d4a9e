"""What every page shares: the store for this server, the reviewer, and friendly stops.

Session state and widget keys live here and in the pages, never in the library.
"""

from __future__ import annotations

import streamlit as st

from workbench.review.session import ReviewSession
from workbench.settings import Settings
from workbench.store import Store, StoreError


@st.cache_resource
def _store(path: str, wait_s: float) -> Store:
    return Store(path, wait_s=wait_s)


def settings() -> Settings:
    """The server's settings (from WORKBENCH_* variables)."""
    return Settings()


def store() -> Store:
    """The store named by WORKBENCH_DB (or the default), shared by all sessions."""
    return _store(str(settings().db), settings().ui_wait_s)


def reviewer() -> str:
    """The name typed in the sidebar, spaces tidied; empty when none is given yet."""
    return " ".join(str(st.session_state.get("reviewer") or "").split())


def review_session() -> ReviewSession:
    """This browser session's place in the queue, following the reviewer name."""
    session = st.session_state.get("review_session")
    name = reviewer()
    if not isinstance(session, ReviewSession):
        session = ReviewSession(store(), name, lease_seconds=settings().lease_seconds)
        st.session_state["review_session"] = session
    elif session.reviewer != name:
        session.reviewer, session.current_id = name, None
        session.skipped.clear()
    return session


def stop_on_store_error(error: StoreError) -> None:
    """Show a store problem as a message (never a traceback) and end the page run."""
    st.warning(str(error))
    st.stop()
