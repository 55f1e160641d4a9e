"""Review: one linked pair at a time, four verdicts with shortcuts, a note, skip and undo.

Blind: nothing here shows other reviewers' verdicts. The logic is in workbench.review.
"""

from __future__ import annotations

from collections.abc import Callable

import pydantic
import streamlit as st

from workbench.models import Label, QueueFilter, QueueMode, QueueOrder
from workbench.review.display import badge, claim_card, esc, plain, reasons
from workbench.review.session import NoReviewer, ReviewSession, VerdictKept
from workbench.store import StoreError
from workbench.ui.common import (
    need_reviewer,
    reader_languages,
    review_session,
    reviewer,
    stop_on_store_error,
    store,
    with_reading_aid,
)

#: Button label, verdict, shortcut (digits: no clash with the browser or Streamlit's C and R).
BUTTONS = (
    ("Corroborates", Label.CORROBORATES, "1"),
    ("Conflicts", Label.CONFLICTS, "2"),
    ("Unrelated", Label.UNRELATED, "3"),
    ("Unsure", Label.UNSURE, "4"),
)
MODES = {
    "Unreviewed first": QueueMode.UNREVIEWED,
    "Agreement: pairs others judged": QueueMode.AGREEMENT,
}
ORDERS = {
    "Score, highest first": QueueOrder.SCORE,
    "Suggestion (conflicts first)": QueueOrder.SUGGESTION,
}
ANY = "any"


@st.cache_data(ttl=60, show_spinner=False)
def _facets(db: str) -> tuple[list[str], list[str]]:
    del db  # the cache key: one set of facets per database
    languages = store().match_breakdown()["languages"].unique().sort().to_list()
    sources = store().match_sources()["source"].to_list()
    return languages, sources


def _queue() -> QueueFilter:
    """The queue the reviewer asked for, from the sidebar."""
    languages, sources = _facets(str(store().path))
    side = st.sidebar
    side.subheader("Queue")
    mode = side.selectbox("Pairs", list(MODES), key="queue_mode")
    order = side.selectbox("Order", list(ORDERS), key="queue_order")
    pair = side.selectbox("Languages", [ANY, *languages], key="queue_languages")
    source = side.selectbox("Outlet", [ANY, *sources], key="queue_source")
    suggestion = side.selectbox(
        "Suggestion", [ANY, "conflicts", "unsure", "corroborates"], key="queue_suggestion"
    )
    low, high = side.slider("Score", 0.0, 100.0, (0.0, 100.0), step=1.0, key="queue_score")
    first, _, second = pair.partition("-")
    return QueueFilter(
        mode=MODES[mode],
        order=ORDERS[order],
        languages=None if pair == ANY else (first, second),
        source=None if source == ANY else source,
        suggestion=None if suggestion == ANY else suggestion,
        score_min=low,
        score_max=high,
    )


def _flash(message: str, tone: str = "info") -> None:
    st.session_state["review_flash"] = (tone, message)


def _later(action: Callable[..., None], *args: object) -> None:
    """A button's work, done by the panel run that follows inside its one database opening
    (a callback of its own would open the file a second time per click)."""
    st.session_state["review_action"] = (action, args)


def _show_flash() -> None:
    flash = st.session_state.pop("review_flash", None)
    if flash:
        getattr(st, flash[0])(flash[1])


def _decide(session: ReviewSession, match_id: str, label: Label) -> None:
    note = str(st.session_state.get(f"note_{match_id}") or "")
    try:
        session.decide(match_id, label, note)
    except VerdictKept as kept:
        where = (
            "kept on disk (it survives closing this tab or a server restart)"
            if kept.durable
            else "kept in this browser session only, since the disk refused it too; keep the "
            "tab open"
        )
        _flash(
            f"Not stored yet: {plain(kept)}. Your **{label.value}** is {where}, and will be "
            "saved as soon as the database can take it.",
            "warning",
        )
    except (NoReviewer, StoreError) as error:
        _flash(str(error), "warning")
    except pydantic.ValidationError as error:
        _flash(f"not recorded: {error.errors()[0]['msg']}", "warning")
    else:
        _flash(f"Recorded **{label.value}**. Undo with U.", "success")


def _skip(session: ReviewSession, match_id: str) -> None:
    try:
        session.skip(match_id)
    except StoreError as error:
        _flash(str(error), "warning")


def _undo(session: ReviewSession) -> None:
    try:
        undone = session.undo()
    except StoreError as error:
        _flash(str(error), "warning")
        return
    _flash("Last verdict withdrawn: the pair is back." if undone else "Nothing to undo.")


st.title("Review")
need_reviewer("start reviewing")
name = reviewer()
session = review_session()
try:
    queue = _queue()
    languages, _ = _facets(str(store().path))
    reads = reader_languages(sorted({x for pair in languages for x in pair.split("-")}))
except StoreError as error:
    stop_on_store_error(error)
    raise  # unreachable: st.stop() ends the run


@st.fragment
def _panel(session: ReviewSession, queue: QueueFilter, name: str, reads: set[str]) -> None:
    """The pair and its buttons: a click reruns only this part of the page."""
    action: tuple[Callable[..., None], tuple[object, ...]] | None = st.session_state.pop(
        "review_action", None
    )
    try:
        with store().unit():
            if action is not None:
                do, args = action
                action = None
                do(*args)
            current = session.current(queue)
            remaining = session.queue_size(queue)
    except StoreError as error:
        if action is not None:  # the file could not be opened: the session keeps the verdict
            action[0](*action[1])
        _show_flash()
        waiting = session.waiting()
        if waiting:
            st.info(f"{waiting} verdicts kept, to be saved when the database can take them.")
        stop_on_store_error(error)
        raise  # unreachable: st.stop() ends the run
    _show_flash()
    if current is None:
        st.success(
            "Nothing left in this queue. Change the filters, or come back after the next link."
        )
        cols = st.columns(3)
        if session.skipped and cols[0].button(
            f"Bring back {len(session.skipped)} skipped", key="review_unskip"
        ):
            session.clear_skipped()
            st.rerun(scope="fragment")
        cols[1].button(
            "Undo", key="review_undo", shortcut="U", on_click=_later, args=(_undo, session)
        )
        return

    st.html(  # the reviewer's name is input: escaped
        f'<div class="queue-status" style="color:#666;font-size:0.9em">{remaining} pairs in this '
        f"queue · {len(session.skipped)} skipped · reviewing as {esc(name)}</div>"
    )
    left, right = st.columns(2)
    with left:
        st.html(with_reading_aid(claim_card(current.a, "A"), current.a, reads))
    with right:
        st.html(with_reading_aid(claim_card(current.b, "B"), current.b, reads))
    score_col, hint_col, why_col = st.columns([1, 1, 3])
    score_col.metric("Match score", f"{current.score:.0f}")
    hint_col.html(f"<div>Machine suggestion</div><div>{badge(current.suggestion)}</div>")
    with why_col:
        st.html(reasons(current.agrees, current.differs))
    st.text_input(
        "Note (optional)",
        key=f"note_{current.match_id}",
        max_chars=2000,
        placeholder="why, sources...",
    )
    columns = st.columns(len(BUTTONS) + 2)
    for column, (label, verdict, shortcut) in zip(columns, BUTTONS, strict=False):
        column.button(
            label,
            key=f"verdict_{verdict.value}",
            shortcut=shortcut,
            type="secondary",  # no verdict looks like the default: review is not a nudge
            on_click=_later,
            args=(_decide, session, current.match_id, verdict),
            width="stretch",
        )
    columns[-2].button(
        "Skip",
        key="review_skip",
        shortcut="S",
        on_click=_later,
        args=(_skip, session, current.match_id),
    )
    columns[-1].button(
        "Undo", key="review_undo", shortcut="U", on_click=_later, args=(_undo, session)
    )
    st.caption(f"Pair {current.match_id} · shortcuts: 1 2 3 4 for the verdicts, S skip, U undo")


_panel(session, queue, name, reads)
