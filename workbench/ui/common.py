"""What every page shares: the store for this server, the reviewer, and friendly stops.

Session state and widget keys live here and in the pages, never in the library.
"""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from workbench.export.csv_safe import frame_for_table
from workbench.review import identity as ident
from workbench.review.display import plain, reading_aid_html
from workbench.review.identity import Identity
from workbench.review.pairs import Side
from workbench.review.reading import reading_aid
from workbench.review.session import ReviewSession, keep_draining
from workbench.settings import Settings
from workbench.store import Store, StoreError


@st.cache_resource
def _store(path: str, wait_s: float, journal: str | None) -> Store:
    store = Store(path, wait_s=wait_s, journal=journal)
    keep_draining(store)  # one background task per server: kept verdicts stored when free
    return store


def settings() -> Settings:
    """The server's settings (from WORKBENCH_* variables)."""
    return Settings()


def store() -> Store:
    """The store named by WORKBENCH_DB (or the default), shared by all sessions."""
    found = settings()
    journal = None if found.verdict_journal is None else str(found.verdict_journal)
    return _store(str(found.db), found.ui_wait_s, journal)


def login_configured() -> bool:
    """Whether Streamlit's OIDC login is configured (an ``[auth]`` table in its secrets)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own error types
        return False


def identity() -> Identity:
    """Who is reviewing in this request: from the proxy's header or the login when the server
    has one (never from anything typed), else the name typed in the sidebar."""
    header = settings().identity_header
    if header:
        return ident.from_header(dict(st.context.headers), header)
    if login_configured():
        user = st.user.to_dict()  # is_logged_in is among its keys once [auth] is configured
        return ident.from_login(bool(user.get("is_logged_in")), user)
    return ident.typed(st.session_state.get("reviewer"))


def reviewer() -> str:
    """The reviewer's name for this request; empty when there is none yet."""
    return identity().name


def need_reviewer(to: str) -> None:
    """End the page run with a word on what is missing when there is no reviewer."""
    who = identity()
    if who.name:
        return
    if who.trusted:
        st.warning(f"Nothing can be recorded: {plain(who.missing)}.")
    else:
        st.info(f"Enter your name as **Reviewer** in the sidebar to {to}.")
    st.stop()


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


def table(frame: pl.DataFrame, key: str, where: Any = None, **options: Any) -> None:
    """Show ``frame`` as a table, the only way pages do: formula-safe for the toolbar's
    "Download as CSV" and the clipboard, empty cells empty, published days as dates."""
    (where or st).dataframe(frame_for_table(frame), hide_index=True, key=key, **options)


def stop_on_store_error(error: StoreError) -> None:
    """Show a store problem as a message (never a traceback) and end the page run."""
    st.warning(str(error))
    st.stop()


#: Languages offered in "Languages I read" besides those of the database.
COMMON_LANGUAGES = ("ar", "de", "el", "en", "es", "fa", "fr", "it", "ru", "tr", "ur")


def reader_languages(present: list[str] | None = None) -> set[str]:
    """The languages this reviewer reads, from the sidebar (kept with the session; English
    until they say otherwise): the reading aid appears for the others."""
    options = sorted({*COMMON_LANGUAGES, *(present or ()), *st.session_state.get("reads", ())})
    chosen = st.sidebar.multiselect(
        "Languages I read",
        options,
        default=[x for x in st.session_state.get("reads", ["en"]) if x in options],
        key="reader_languages",
        help="Beside a claim in another language, the page shows in English what the linker "
        "read in it (machine-made, not a translation).",
    )
    st.session_state["reads"] = list(chosen)
    return set(chosen)


@st.cache_data(max_entries=2048, show_spinner=False)
def _aid_html(text: str, language: str, anchors: tuple[tuple[tuple[str, Any], ...], ...]) -> str:
    return reading_aid_html(reading_aid(text, language, [dict(a) for a in anchors]))


def with_reading_aid(card: str, side: Side, reads: set[str]) -> str:
    """A claim card, with the reading aid below it where the reviewer does not read its
    language."""
    if side.language in reads:
        return card
    anchors = tuple(tuple(sorted(a.items())) for a in side.anchors)
    return card + _aid_html(side.text, side.language, anchors)
