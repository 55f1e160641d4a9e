"""The verdict log on a real DuckDB file: append-only, current per reviewer, undo, survival."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pydantic
import pytest

from tests.conftest import SAMPLES
from tests.review_fixtures import T0
from workbench.jobs.ingest import ingest
from workbench.jobs.link import link
from workbench.models import Label, VerdictIn
from workbench.settings import Settings
from workbench.store import Store, UnknownMatch


def _match_ids(store: Store, n: int) -> list[str]:
    return store.matches(limit=n)["match_id"].to_list()


def _verdict(match_id: str, label: str, reviewer: str = "ana", note: str = "") -> VerdictIn:
    return VerdictIn(match_id=match_id, verdict=Label(label), reviewer=reviewer, note=note)


def _log_size(store: Store) -> int:
    return store.verdict_rows(history=True).height


def test_a_verdict_is_stored_with_both_claims_reviewer_note_and_utc_time(linked: Store) -> None:
    match = linked.matches(limit=1).row(0, named=True)
    vid = linked.record_verdict(_verdict(match["match_id"], "conflicts", note="rank"), T0)
    row = linked.verdict_rows().row(0, named=True)
    assert row["verdict_id"] == vid
    assert (row["claim_a_id"], row["claim_b_id"]) == (match["claim_a_id"], match["claim_b_id"])
    assert (row["verdict"], row["reviewer"], row["note"], row["decided_at"]) == (
        "conflicts",
        "ana",
        "rank",
        T0,
    )
    assert row["text_a"] == match["text_a"] and row["source_b"] == match["source_b"]


def test_latest_verdict_per_reviewer_is_current_and_the_log_keeps_all(linked: Store) -> None:
    first, second = _match_ids(linked, 2)
    linked.record_verdict(_verdict(first, "unsure"), T0)
    linked.record_verdict(_verdict(first, "corroborates"), T0 + dt.timedelta(seconds=5))
    linked.record_verdict(_verdict(first, "conflicts", reviewer="bo"), T0)
    linked.record_verdict(_verdict(second, "unrelated"), T0)
    current = {
        (r["match_id"], r["reviewer"]): r["verdict"] for r in linked.verdict_rows().to_dicts()
    }
    assert current == {
        (first, "ana"): "corroborates",
        (first, "bo"): "conflicts",
        (second, "ana"): "unrelated",
    }
    assert _log_size(linked) == 4


def test_undo_appends_a_retraction_and_the_earlier_verdict_stands_again(linked: Store) -> None:
    first, second = _match_ids(linked, 2)
    linked.record_verdict(_verdict(first, "unsure"), T0)
    linked.record_verdict(_verdict(first, "conflicts"), T0 + dt.timedelta(seconds=1))
    linked.record_verdict(_verdict(second, "corroborates"), T0 + dt.timedelta(seconds=2))
    assert linked.retract_last("ana", T0 + dt.timedelta(seconds=3)) == second
    assert linked.retract_last("ana", T0 + dt.timedelta(seconds=4)) == first
    current = linked.verdict_rows().to_dicts()
    assert [(r["match_id"], r["verdict"]) for r in current] == [(first, "unsure")]
    history = linked.verdict_rows(history=True)
    assert history.height == 5
    assert history.filter(history["verdict"] == "retract")["retracts"].null_count() == 0


def test_undo_touches_only_the_reviewers_own_verdicts(linked: Store) -> None:
    (first,) = _match_ids(linked, 1)
    linked.record_verdict(_verdict(first, "conflicts", reviewer="bo"), T0)
    assert linked.retract_last("ana", T0 + dt.timedelta(seconds=1)) is None
    assert linked.verdict_rows().height == 1


def test_recording_the_same_verdict_at_the_same_instant_twice_adds_one_row(linked: Store) -> None:
    (first,) = _match_ids(linked, 1)
    one = linked.record_verdict(_verdict(first, "conflicts"), T0)
    two = linked.record_verdict(_verdict(first, "conflicts"), T0)
    assert one == two and _log_size(linked) == 1


def test_a_verdict_on_an_unknown_match_is_refused(linked: Store) -> None:
    with pytest.raises(UnknownMatch, match="no match nope"):
        linked.record_verdict(_verdict("nope", "conflicts"), T0)
    assert _log_size(linked) == 0


@pytest.mark.parametrize(
    ("description", "fields"),
    [
        ("no reviewer", {"reviewer": "   "}),
        ("label outside the four", {"verdict": "agree"}),
        ("reviewer name over 80 characters", {"reviewer": "x" * 81}),
        ("reviewer name on two lines", {"reviewer": "ana\nbo"}),
        ("note over 2000 characters", {"note": "n" * 2001}),
    ],
)
def test_bad_verdicts_are_refused_before_the_store(
    description: str, fields: dict[str, str]
) -> None:
    values = {"match_id": "m", "verdict": "conflicts", "reviewer": "ana", **fields}
    with pytest.raises(pydantic.ValidationError):
        VerdictIn.model_validate(values)


def test_verdicts_survive_reingest_relink_rebuild_and_reopening(linked: Store) -> None:
    ids = _match_ids(linked, 3)
    for i, match_id in enumerate(ids):
        linked.record_verdict(_verdict(match_id, "corroborates"), T0 + dt.timedelta(seconds=i))
    before = linked.verdict_rows().to_dicts()
    settings = Settings(db=linked.path)
    ingest([SAMPLES / "articles"], linked, settings)
    link(linked, settings)
    link(linked, settings, rebuild=True)
    reopened = Store(linked.path)
    assert reopened.verdict_rows().to_dicts() == before
    assert set(ids) <= set(reopened.matches()["match_id"])  # same ids: still attached


def test_a_verdict_committed_before_a_kill_is_there_after(tmp_path: Path, linked: Store) -> None:
    (first,) = _match_ids(linked, 1)
    script = (
        "import datetime as dt, os, sys\n"
        "from workbench.models import VerdictIn\n"
        "from workbench.store import Store\n"
        f"s = Store({str(linked.path)!r})\n"
        f"s.record_verdict(VerdictIn(match_id={first!r}, verdict='conflicts', reviewer='ana'),"
        " dt.datetime(2026, 1, 5))\n"
        "os._exit(137)  # no clean shutdown, no checkpoint\n"
    )
    done = subprocess.run([sys.executable, "-c", script], check=False, timeout=60)
    assert done.returncode == 137
    assert linked.verdict_rows()["match_id"].to_list() == [first]
