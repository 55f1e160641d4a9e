"""`workbench export verdicts` through click's runner on a real database."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

from tests.conftest import RunCli
from tests.review_fixtures import T0
from workbench.export.verdicts import HISTORY_COLUMNS, VERDICT_COLUMNS, verdicts_csv
from workbench.models import Label, VerdictIn
from workbench.store import Store


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_export_verdicts_current_and_history(
    linked_template: Path, db: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    shutil.copy(linked_template, db)
    store = Store(db)
    first, second = store.matches(limit=2)["match_id"].to_list()
    store.record_verdict(
        VerdictIn(match_id=first, verdict=Label.UNSURE, reviewer="ana", note="=cmd|' /C calc'!A0"),
        T0,
    )
    store.record_verdict(
        VerdictIn(match_id=first, verdict=Label.CONFLICTS, reviewer="ana"),
        T0 + dt.timedelta(seconds=1),
    )
    store.record_verdict(
        VerdictIn(match_id=second, verdict=Label.CORROBORATES, reviewer="@bo"),
        T0 + dt.timedelta(seconds=2),
    )
    store.retract_last("@bo", T0 + dt.timedelta(seconds=3))

    result = run_cli("export", "verdicts", tmp_path / "v.csv")
    assert result.exit_code == 0 and "1 verdicts written" in result.output
    rows = _rows(tmp_path / "v.csv")
    assert list(rows[0]) == VERDICT_COLUMNS
    assert [(r["match_id"], r["verdict"], r["reviewer"]) for r in rows] == [
        (first, "conflicts", "ana")
    ]
    assert rows[0]["decided_at"] == "2026-01-05T09:00:01Z"
    assert rows[0]["text_a"] and rows[0]["source_b"]

    result = run_cli("export", "verdicts", "--history", "--excel", tmp_path / "h.csv")
    assert result.exit_code == 0 and "4 log rows written" in result.output
    assert (tmp_path / "h.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    history = _rows(tmp_path / "h.csv")
    assert list(history[0]) == HISTORY_COLUMNS
    assert [r["verdict"] for r in history] == ["unsure", "conflicts", "corroborates", "retract"]
    assert history[0]["note"] == "'=cmd|' /C calc'!A0"  # a formula cannot start a cell
    assert history[2]["reviewer"] == "'@bo"
    assert history[3]["retracts"] == history[2]["verdict_id"]
    assert verdicts_csv(store, excel=True, history=True) == (tmp_path / "h.csv").read_bytes()


def test_export_verdicts_without_a_database_is_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("export", "verdicts", tmp_path / "v.csv")
    assert result.exit_code == 1
    assert "no database at" in result.output and "Traceback" not in result.output
