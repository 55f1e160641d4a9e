"""SQL fragments and quotes through every CLI option and UI filter that reaches a query.

They must be taken as values: no error, no table dropped or emptied, the results they would
give as plain text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.review_fixtures import Clock
from workbench.cli import cli
from workbench.models import QueueFilter
from workbench.review.session import ReviewSession
from workbench.store import Store
from workbench.text.normalise import normalise

HOSTILE = [
    "x'); DROP TABLE claims; --",
    "' OR '1'='1",
    '"; DELETE FROM verdicts; --',
    "%",
    "_",
    "\\'",
    "ar-fa' UNION SELECT claim_id FROM claims --",
]


def _run(db: Path, *args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *map(str, args)], catch_exceptions=False)


def _tables(store: Store) -> dict[str, int]:
    totals = store.totals()
    return {
        **totals,
        "matches": store.matches().height,
        "log": store.verdict_rows(history=True).height,
    }


@pytest.fixture
def quoted_db(linked_template: Path, tmp_path: Path) -> Path:
    """The linked samples at a path with quotes and a semicolon in it."""
    folder = tmp_path / 'it\'s; a "folder"'
    folder.mkdir()
    db = folder / "o'brien.duckdb"
    shutil.copy(linked_template, db)
    return db


def test_cli_options_and_records_carry_sql_as_values(quoted_db: Path, tmp_path: Path) -> None:
    store = Store(quoted_db)
    before = _tables(store)
    records = tmp_path / "hostile.jsonl"
    records.write_text(
        "\n".join(
            json.dumps({"id": h, "title": h, "text": f"Officials said {h} the dam opened again."})
            for h in HOSTILE
        )
        + "\n",
        encoding="utf-8",
    )
    for hostile in HOSTILE[:2]:
        result = _run(quoted_db, "ingest", "-q", "--source", hostile, records)
        assert result.exit_code == 0, result.output
    assert _run(quoted_db, "link", "-q").exit_code == 0
    sources = set(store.articles()["source"])
    assert set(HOSTILE[:2]) <= sources
    out = tmp_path / "out; it's"
    out.mkdir()
    for command in (
        ["export", "claims", out / "c'.csv"],
        ["export", "matches", out / "m'.csv"],
        ["export", "verdicts", out / "v'.csv"],
        ["export", "claims-status", "--all", out / "s'.csv"],
        ["export", "claimreview", "--author", HOSTILE[0], out / "r'.jsonld"],
        ["agreement", "--json"],
        ["status", "--json"],
    ):
        result = _run(quoted_db, *command)
        assert result.exit_code == 0, (command, result.output)
    after = _tables(store)
    # each record once per outlet named by --source: stored as given
    assert after["articles"] == before["articles"] + 2 * len(HOSTILE)
    assert after["claims"] > before["claims"] and after["matches"] >= before["matches"]


def test_import_rows_with_sql_are_values(quoted_db: Path, tmp_path: Path) -> None:
    store = Store(quoted_db)
    match_id = store.matches(limit=1)["match_id"][0]
    rows = ["match_id,verdict,reviewer,decided_at,note"]
    rows += [
        f'"{h.replace(chr(34), chr(34) * 2)}",conflicts,ana,2026-01-05T09:00:00Z,' for h in HOSTILE
    ]
    rows.append(
        f'{match_id},unsure,"{HOSTILE[0]}",2026-01-05T09:00:01Z,"{HOSTILE[2].replace(chr(34), chr(34) * 2)}"'
    )
    source = tmp_path / "in.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = _run(quoted_db, "import", "verdicts", source)
    assert result.exit_code == 1  # the hostile match ids are not matches of this database
    assert f"{len(HOSTILE)} on unknown matches" in result.output
    saved = store.verdict_rows().to_dicts()
    assert [(r["reviewer"], r["note"]) for r in saved] == [(HOSTILE[0], HOSTILE[2])]
    assert store.totals()["claims"] > 0


@pytest.mark.parametrize("hostile", HOSTILE)
def test_queue_filters_take_sql_as_values(linked: Store, hostile: str) -> None:
    session = ReviewSession(linked, hostile, clock=Clock())  # the reviewer name too
    for queue in (
        QueueFilter(source=hostile),
        QueueFilter(suggestion=hostile),
        QueueFilter(languages=(hostile, "ar")),
    ):
        assert session.queue_size(queue, fresh=True) == 0
        assert session.current(queue) is None
    assert session.current(QueueFilter()) is not None  # the plain queue still works
    assert linked.totals()["claims"] > 0 and linked.matches().height > 0


@pytest.mark.parametrize("hostile", HOSTILE)
def test_claim_search_takes_sql_as_text(linked: Store, hostile: str) -> None:
    found = linked.claims(search=normalise(hostile))
    assert (
        all(normalise(hostile) in t for t in found["norm_text"])
        if "norm_text" in found.columns
        else True
    )
    assert found.height == sum(normalise(hostile) in normalise(t) for t in linked.claims()["text"])


def test_ui_search_and_filters_with_sql(linked: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_DB", str(linked.path))
    at = AppTest.from_file(str(ROOT / "workbench" / "ui" / "app.py"), default_timeout=60).run()
    at.text_input(key="reviewer").input(HOSTILE[1])
    at.switch_page(str(ROOT / "workbench" / "ui" / "views" / "claims.py")).run()
    for hostile in HOSTILE:
        at.text_input(key="claims_search").input(hostile).run()
        assert not at.exception
    at.switch_page(str(ROOT / "workbench" / "ui" / "views" / "review.py")).run()
    assert not at.exception
    at.button(key="verdict_unsure").click().run()
    assert not at.exception
    assert [r["reviewer"] for r in linked.verdict_rows().to_dicts()] == [HOSTILE[1]]
