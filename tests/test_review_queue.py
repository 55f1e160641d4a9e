"""The review queue on a real database: order, filters, leases, agreement mode, skip, undo."""

from __future__ import annotations

import subprocess
import sys
import threading

import polars as pl
import pytest

from tests.review_fixtures import Clock
from workbench.models import Label, QueueFilter, QueueMode, QueueOrder
from workbench.review.session import NoReviewer, ReviewSession, VerdictKept
from workbench.store import DatabaseBusy, Store

ALL = QueueFilter()
TOP = QueueFilter(score_min=70)  # a few dozen pairs: enough to see order, quick to work through


def _session(store: Store, name: str, clock: Clock, lease: int = 120) -> ReviewSession:
    return ReviewSession(store, name, lease_seconds=lease, clock=clock)


def _drain(session: ReviewSession, queue: QueueFilter, label: Label = Label.UNSURE) -> list[str]:
    seen = []
    while (pair := session.current(queue)) is not None:
        seen.append(pair.match_id)
        session.decide(pair.match_id, label)
    return seen


def test_queue_serves_highest_score_first_and_every_pair_once(linked: Store) -> None:
    matches = linked.matches().filter(pl.col("score") >= 70)
    seen = _drain(_session(linked, "ana", Clock()), TOP)
    assert sorted(seen) == sorted(matches["match_id"])
    scores = dict(zip(matches["match_id"], matches["score"], strict=True))
    assert [scores[m] for m in seen] == sorted(scores.values(), reverse=True)


def test_pairs_nobody_judged_come_before_pairs_others_judged(linked: Store) -> None:
    clock = Clock()
    first = _session(linked, "bo", clock).current(ALL)
    assert first is not None
    _session(linked, "bo", clock).decide(first.match_id, Label.CORROBORATES)
    seen = _drain(_session(linked, "ana", clock), TOP)
    assert seen[-1] == first.match_id  # bo's pair, though the best scored, comes last for ana


def test_suggestion_order_puts_conflicts_first(linked: Store) -> None:
    queue = QueueFilter(order=QueueOrder.SUGGESTION, score_min=60)
    seen = _drain(_session(linked, "ana", Clock()), queue)
    suggestion = dict(
        zip(linked.matches()["match_id"], linked.matches()["suggestion"], strict=True)
    )
    ranks = [{"conflicts": 0, "unsure": 1, "corroborates": 2}[suggestion[m]] for m in seen]
    assert ranks == sorted(ranks) and ranks[0] == 0


@pytest.mark.parametrize(
    ("description", "queue", "keep"),
    [
        ("score range", QueueFilter(score_min=60, score_max=80), lambda r: 60 <= r["score"] <= 80),
        (
            "suggestion",
            QueueFilter(suggestion="conflicts", score_min=50),
            lambda r: r["suggestion"] == "conflicts" and r["score"] >= 50,
        ),
        (
            "language pair, either order",
            QueueFilter(languages=("fa", "ar"), score_min=50),
            lambda r: {r["language_a"], r["language_b"]} == {"ar", "fa"} and r["score"] >= 50,
        ),
        (
            "outlet on either side",
            QueueFilter(source="Harbor Post", score_min=50),
            lambda r: "Harbor Post" in (r["source_a"], r["source_b"]) and r["score"] >= 50,
        ),
        (
            "quotes and SQL in a filter are values",
            QueueFilter(source="x' OR '1'='1"),
            lambda r: False,
        ),
    ],
)
def test_filters_serve_exactly_the_matching_pairs(
    linked: Store, description: str, queue: QueueFilter, keep: object
) -> None:
    expected = {r["match_id"] for r in linked.matches().to_dicts() if keep(r)}  # type: ignore[operator]
    session = _session(linked, "ana", Clock())
    assert session.queue_size(queue) == len(expected)
    assert set(_drain(session, queue)) == expected


def test_two_reviewers_at_once_are_not_served_the_same_pair(linked: Store) -> None:
    clock = Clock()
    ana, bo = _session(linked, "ana", clock), _session(linked, "bo", clock)
    for _ in range(5):
        a, b = ana.current(ALL), bo.current(ALL)
        assert a is not None and b is not None and a.match_id != b.match_id
        assert ana.current(ALL) == a  # a rerun keeps the pair in front of the reviewer
        ana.decide(a.match_id, Label.CORROBORATES)
        bo.decide(b.match_id, Label.CONFLICTS)
    judged = linked.current_verdicts()
    assert judged.height == 10 and judged["match_id"].n_unique() == 10


def test_a_lease_expires_and_the_pair_goes_to_someone_else(linked: Store) -> None:
    clock = Clock()
    ana, bo = _session(linked, "ana", clock, lease=60), _session(linked, "bo", clock, lease=60)
    held = ana.current(ALL)
    assert held is not None
    assert bo.current(ALL) != held
    bo.skip(bo.current(ALL).match_id)  # type: ignore[union-attr]
    clock.advance(61)  # ana's browser went away
    bo.clear_skipped()
    bo.current_id = None
    assert bo.current(ALL) == held


def test_concurrent_sessions_never_share_a_lease(linked: Store) -> None:
    clock = Clock()
    served: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def work(name: str) -> None:
        session = _session(linked, name, clock)
        try:
            for _ in range(6):
                pair = session.current(ALL)
                assert pair is not None
                served.setdefault(name, []).append(pair.match_id)
                session.decide(pair.match_id, Label.UNSURE)
        except BaseException as error:  # surfaced below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(f"r{i}",)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    every = [m for ids in served.values() for m in ids]
    assert len(every) == 36 and len(set(every)) == 36


def test_agreement_mode_serves_only_pairs_others_judged_and_takes_no_lease(linked: Store) -> None:
    clock = Clock()
    bo = _session(linked, "bo", clock)
    judged = [p for p in (bo.current(ALL) for _ in range(1)) if p]
    bo.decide(judged[0].match_id, Label.CONFLICTS)
    second = bo.current(ALL)
    assert second is not None  # bo now holds a lease on another pair
    agreement = QueueFilter(mode=QueueMode.AGREEMENT)
    ana, cy = _session(linked, "ana", clock), _session(linked, "cy", clock)
    assert ana.queue_size(agreement) == 1
    assert ana.current(agreement) == cy.current(agreement)  # both may judge it
    assert (
        ana.current(agreement) is not None and ana.current(agreement).match_id == judged[0].match_id
    )  # type: ignore[union-attr]
    ana.decide(judged[0].match_id, Label.CORROBORATES)
    assert ana.current(agreement) is None


def test_skip_puts_a_pair_aside_for_the_session_only(linked: Store) -> None:
    clock = Clock()
    ana, bo = _session(linked, "ana", clock), _session(linked, "bo", clock)
    first = ana.current(TOP)
    assert first is not None
    ana.skip(first.match_id)
    second = ana.current(TOP)
    assert second is not None and second != first
    assert bo.current(TOP) == first  # released for others
    bo.skip(first.match_id)
    ana.clear_skipped()
    ana.decide(second.match_id, Label.UNSURE)
    assert ana.current(TOP) == first  # back in ana's queue, still the best


def test_undo_brings_the_pair_back_in_front_of_the_reviewer(linked: Store) -> None:
    ana = _session(linked, "ana", Clock())
    first = ana.current(ALL)
    assert first is not None
    ana.decide(first.match_id, Label.CONFLICTS)
    assert ana.current(ALL) != first
    assert ana.undo() == first.match_id
    assert ana.current(ALL) == first
    assert linked.current_verdicts().is_empty()
    assert ana.undo() is None


def test_no_verdict_without_a_reviewer(linked: Store) -> None:
    nobody = _session(linked, "  ", Clock())
    with pytest.raises(NoReviewer):
        nobody.current(ALL)
    match_id = linked.matches(limit=1)["match_id"][0]
    with pytest.raises(NoReviewer):
        nobody.decide(match_id, Label.CONFLICTS)
    assert linked.verdict_rows(history=True).height == 0


def test_a_pair_carries_context_and_marks_what_differs(linked: Store) -> None:
    matches = linked.matches()
    rank = matches.filter(pl.col("differs").str.contains("title: general ≠ admiral")).row(
        0, named=True
    )
    session = _session(linked, "ana", Clock())
    session.current_id, session.queue = rank["match_id"], ALL
    pair = session.current(ALL)
    assert pair is not None and pair.match_id == rank["match_id"]
    differing = {
        side: [
            getattr(pair, side).text[m.start : m.end]
            for m in getattr(pair, side).marks
            if m.tone == "differ"
        ]
        for side in ("a", "b")
    }
    assert differing["a"] and differing["b"]  # e.g. "اللواء" on one side, "Admiral" on the other
    for side in (pair.a, pair.b):  # the sentences just before and after, from its own article
        sentences = linked.claims(article_id=side.article_id).sort("position")
        position = sentences.filter(pl.col("claim_id") == side.claim_id)["position"][0]
        text = dict(zip(sentences["position"], sentences["text"], strict=True))
        assert (side.before, side.after) == (text.get(position - 1), text.get(position + 1))
        assert side.source and side.article_ref  # the article's fields came along
    assert pair.a.before or pair.a.after


def test_a_verdict_given_while_another_process_holds_the_file_is_kept_and_saved(
    linked: Store,
) -> None:
    clock = Clock()
    patient = Store(linked.path, wait_s=0.3)
    ana = _session(patient, "ana", clock)
    first = ana.current(ALL)
    assert first is not None
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
            " time.sleep(4); c.close()",
            str(linked.path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    with pytest.raises(VerdictKept) as kept:
        ana.decide(first.match_id, Label.CONFLICTS, "seen while busy")
    assert kept.value.durable and "database busy" in str(kept.value)
    assert not ana.pending and linked.journal.waiting() == 1  # on disk, not in memory
    assert ana.waiting() == 1
    with pytest.raises(DatabaseBusy):
        ana.current(ALL)
    holder.wait(timeout=30)
    holder.stdout.close()
    served = ana.current(ALL)  # the database is free again: the kept verdict is saved first
    assert served is not None and served != first and ana.waiting() == 0
    saved = linked.verdict_rows().to_dicts()
    assert [(r["match_id"], r["verdict"], r["note"]) for r in saved] == [
        (first.match_id, "conflicts", "seen while busy")
    ]
