"""Issue 5 through the CLI on real databases: import, round trips, status, ClaimReview, agreement."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from tests.review_fixtures import T0, independent_matches
from workbench.cli import cli
from workbench.export.csv_safe import FORMULA_STARTS, neutralise
from workbench.export.verdict_import import unneutralise
from workbench.models import Label, VerdictIn
from workbench.store import Store


def _run(db: Path, *args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *map(str, args)], catch_exceptions=False)


@pytest.fixture
def two_dbs(linked_template: Path, tmp_path: Path) -> tuple[Store, Store]:
    """Two databases that ingested and linked the same articles (copied: same ids)."""
    stores = []
    for name in ("desk_a.duckdb", "desk_b.duckdb"):
        shutil.copy(linked_template, tmp_path / name)
        stores.append(Store(tmp_path / name))
    return stores[0], stores[1]


def _record(store: Store, match_id: str, label: str, reviewer: str, second: int, **kw: str) -> None:
    verdict = VerdictIn(match_id=match_id, verdict=Label(label), reviewer=reviewer, **kw)
    store.record_verdict(verdict, T0 + dt.timedelta(seconds=second))


def _independent_matches(store: Store) -> list[str]:
    return independent_matches(store)["match_id"].to_list()


def _judge(store: Store) -> list[str]:
    ids = _independent_matches(store)[:6]
    _record(store, ids[0], "corroborates", "ana", 1, note="=1+1 looks fine")
    _record(store, ids[0], "corroborates", "@bo", 2)
    _record(store, ids[1], "conflicts", "ana", 3)
    _record(store, ids[1], "corroborates", "@bo", 4)
    _record(store, ids[2], "unrelated", "ana", 5)
    _record(store, ids[2], "unrelated", "@bo", 6)
    _record(store, ids[3], "unsure", "ana", 7)
    store.retract_last("ana", T0 + dt.timedelta(seconds=8))
    return ids


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_round_trip_through_two_databases(two_dbs: tuple[Store, Store], tmp_path: Path) -> None:
    desk_a, desk_b = two_dbs
    _judge(desk_a)
    assert _run(desk_a.path, "export", "verdicts", tmp_path / "a.csv").exit_code == 0
    imported = _run(desk_b.path, "import", "verdicts", tmp_path / "a.csv")
    assert imported.exit_code == 0, imported.output
    assert "6 rows: 6 verdicts imported, 0 already present" in imported.output
    again = _run(desk_b.path, "import", "verdicts", tmp_path / "a.csv")
    assert "0 verdicts imported, 6 already present" in again.output
    assert _run(desk_b.path, "export", "verdicts", tmp_path / "b.csv").exit_code == 0
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert _csv_rows(tmp_path / "b.csv")[0]["note"] == "'=1+1 looks fine"  # still neutralised
    assert desk_b.verdict_rows()["note"].to_list()[0] == "=1+1 looks fine"  # stored as typed


def test_history_round_trip_keeps_retractions(two_dbs: tuple[Store, Store], tmp_path: Path) -> None:
    desk_a, desk_b = two_dbs
    _judge(desk_a)
    _run(desk_a.path, "export", "verdicts", "--history", tmp_path / "log.csv")
    assert _run(desk_b.path, "import", "verdicts", tmp_path / "log.csv").exit_code == 0
    assert desk_b.verdict_rows(history=True).equals(desk_a.verdict_rows(history=True))
    assert desk_b.verdict_rows().height == 6  # the undone 'unsure' stays undone


def test_minimal_columns_bad_rows_and_unknown_matches(linked: Store, tmp_path: Path) -> None:
    match_id = linked.matches(limit=1)["match_id"][0]
    source = tmp_path / "in.csv"
    source.write_text(
        "match_id,verdict,reviewer,decided_at,note\n"
        f"{match_id},conflicts,ana,2026-01-05T09:00:00Z,rank\n"  # line 2: good
        f"{match_id},agree,ana,2026-01-05T09:00:01Z,\n"  # line 3: not a label
        f"{match_id},unsure,,2026-01-05T09:00:02Z,\n"  # line 4: no reviewer
        f"{match_id},unsure,ana,yesterday,\n"  # line 5: no time
        f"{match_id},retract,ana,2026-01-05T09:00:03Z,\n"  # line 6: retracts what?
        "nosuchmatch,conflicts,ana,2026-01-05T09:00:04Z,\n"  # line 7: unknown match
        f"{match_id},corroborates,bo,2026-01-05 12:30:00+03:30,tehran time\n",  # line 8: good
        encoding="utf-8",
    )
    result = _run(linked.path, "import", "verdicts", source)
    assert result.exit_code == 1
    assert "7 rows: 2 verdicts imported, 0 already present, 4 invalid, 1 on unknown matches" in (
        result.output
    )
    for line, reason in [(3, "verdict"), (4, "reviewer"), (5, "decided_at"), (6, "retract")]:
        assert f"in.csv:{line}: " in result.output and reason in result.output
    assert "in.csv:7: match nosuchmatch is not in this database" in result.output
    times = {r["reviewer"]: r["decided_at"] for r in linked.verdict_rows().to_dicts()}
    assert times == {"ana": dt.datetime(2026, 1, 5, 9, 0), "bo": dt.datetime(2026, 1, 5, 9, 0)}


@pytest.mark.parametrize(
    ("description", "content", "message"),
    [
        (
            "no text column",
            "match_id,verdict,reviewer\nm,conflicts,ana\n",
            "missing column(s) decided_at",
        ),
        ("binary", b"\xff\xfe\x00\x81\x00garbage", "not UTF-8 text"),
        ("empty", "", "missing column(s) match_id"),
    ],
)
def test_unreadable_import_files_are_one_line(
    linked: Store, tmp_path: Path, description: str, content: str | bytes, message: str
) -> None:
    source = tmp_path / "bad.csv"
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:
        source.write_text(content, encoding="utf-8")
    result = _run(linked.path, "import", "verdicts", source)
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_parquet_export_has_the_same_rows(linked: Store, tmp_path: Path) -> None:
    _judge(linked)
    assert (
        _run(
            linked.path, "export", "verdicts", "--format", "parquet", tmp_path / "v.parquet"
        ).exit_code
        == 0
    )
    frame = pl.read_parquet(tmp_path / "v.parquet")
    assert frame["verdict_id"].to_list() == linked.verdict_rows()["verdict_id"].to_list()
    assert frame["note"][0] == "=1+1 looks fine"


def test_claims_status_export(linked: Store, tmp_path: Path) -> None:
    ids = _judge(linked)
    copy = next(m for m in linked.matches()["match_id"] if m not in _independent_matches(linked))
    _record(linked, copy, "corroborates", "cy", 9)  # a copy of one wire: does not count
    assert _run(linked.path, "export", "claims-status", tmp_path / "s.csv").exit_code == 0
    rows = {r["claim_id"]: r for r in _csv_rows(tmp_path / "s.csv")}
    match = linked.matches().filter(pl.col("match_id") == ids[1]).row(0, named=True)
    row = rows[match["claim_a_id"]]
    # ana says conflicts, bo says corroborates on the same pair: contested until adjudicated
    assert row["status"] == "contested"
    assert row["corroborating_origins"] == "1" and row["conflicting_origins"] == "1"
    assert row["text"] == match["text_a"] and row["source"] == match["source_a"]
    copied = linked.matches().filter(pl.col("match_id") == copy).row(0, named=True)
    assert rows[copied["claim_b_id"]]["same_origin_links"] == "1"
    everything = _run(linked.path, "export", "claims-status", "--all", tmp_path / "all.csv")
    assert f"{linked.totals()['claims']} claims written" in everything.output


def test_claimreview_export(linked: Store, tmp_path: Path) -> None:
    ids = _judge(linked)
    result = _run(linked.path, "export", "claimreview", "--author", "Desk X", tmp_path / "r.jsonld")
    assert result.exit_code == 0
    items = json.loads((tmp_path / "r.jsonld").read_text(encoding="utf-8"))
    first = linked.matches().filter(pl.col("match_id") == ids[0]).row(0, named=True)
    mine = [i for i in items if i["identifier"] == first["claim_a_id"]]
    assert len(mine) == 1
    item = mine[0]
    assert item["@context"] == "https://schema.org" and item["@type"] == "ClaimReview"
    assert item["claimReviewed"] == first["text_a"]
    assert item["author"] == {"@type": "Organization", "name": "Desk X"}
    assert item["reviewRating"]["alternateName"].startswith(("Corroborated by 1", "Contested"))
    assert item["itemReviewed"]["@type"] == "Claim" and len(item["itemReviewed"]["appearance"]) >= 2
    assert item["datePublished"] == "2026-01-05"
    assert {i["reviewRating"]["alternateName"].split()[0] for i in items} <= {
        "Corroborated",
        "Conflicting",
        "Contested:",
    }


def test_agreement_json(linked: Store) -> None:
    _judge(linked)
    result = _run(linked.path, "agreement", "--json")
    report = json.loads(result.output)
    # three matches judged by both ana and @bo: agree, disagree, agree
    assert report["pairs_with_multiple_reviewers"] == 3
    assert report["percent_agreement"] == pytest.approx(2 / 3, abs=1e-4)
    # Cohen by hand: observed 2/3; ana: corr 1, conf 1, unrel 1; bo: corr 2, unrel 1
    # expected = (1/3)(2/3) + (1/3)(0) + (1/3)(1/3) = 1/3; kappa = (2/3-1/3)/(1-1/3) = 1/2
    assert report["cohen_kappa"] == pytest.approx(0.5, abs=1e-4)
    assert report["fleiss_kappa"] is not None
    assert [d["verdicts"] for d in report["disagreements"]] == [
        {"@bo": "corroborates", "ana": "conflicts"}
    ]
    assert {"calibration", "bands", "confusion"} <= set(report)
    assert report["calibration"][0]["cutoff"] == 0 and report["calibration"][0]["judged"] == 6
    text = _run(linked.path, "agreement")
    assert "3 pairs judged by several reviewers" in text.output


@given(st.text(max_size=50))
def test_the_import_undoes_exactly_the_export_formula_guard(value: str) -> None:
    # The one text that cannot round trip is one that already looks guarded ("'=x").
    ambiguous = value.startswith("'") and value[1:].startswith(FORMULA_STARTS)
    assert (unneutralise(neutralise(value)) == value) is not ambiguous


def test_claimreview_links_only_web_urls_and_can_sit_in_a_script_tag(
    db: Path, tmp_path: Path
) -> None:
    """Article URLs and text are untrusted: a ``javascript:`` URL is not copied, and a claim
    holding ``</script>`` cannot end the element the JSON-LD is pasted into."""
    said = "The minister said the dam </script><script>alert(1)</script> opened on Monday & more."
    records = [
        {"id": "a", "source": "Wire A", "url": "javascript:alert(1)", "text": said},
        {"id": "b", "source": "Wire B", "url": "https://b.example/news", "text": said},
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    assert _run(db, "ingest", "-q", feed).exit_code == 0
    assert _run(db, "link", "-q").exit_code == 0
    store = Store(db)
    match_id = store.matches()["match_id"][0]
    _record(store, match_id, "corroborates", "ana", 1)
    out = tmp_path / "r.jsonld"
    assert _run(db, "export", "claimreview", "--author", "Desk <X>", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "<" not in text and ">" not in text and "&" not in text
    items = json.loads(text)
    assert {i["claimReviewed"] for i in items} == {said.rstrip()}
    urls = [w.get("url") for i in items for w in i["itemReviewed"]["appearance"]]
    assert "https://b.example/news" in urls and "javascript:alert(1)" not in urls
    assert items[0]["author"]["name"] == "Desk <X>"


def test_import_refuses_retracting_another_reviewers_verdict_and_future_times(
    linked: Store, tmp_path: Path
) -> None:
    match_id = _independent_matches(linked)[0]
    _record(linked, match_id, "corroborates", "ana", 1)
    (ana,) = linked.current_verdicts().filter(pl.col("match_id") == match_id)["verdict_id"]
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    source = tmp_path / "in.csv"
    source.write_text(
        "match_id,verdict,reviewer,decided_at,note,retracts\n"
        f"{match_id},retract,bo,2026-01-05T09:00:05Z,,{ana}\n"  # line 2: bo retracts ana's
        f"{match_id},retract,ana,2026-01-05T09:00:06Z,,nonexistent\n"  # line 3
        f"{match_id},conflicts,bo,{future},,\n"  # line 4: from the future
        f"{match_id},conflicts,bo,2026-01-05T09:00:07Z,,\n"  # line 5: fine
        f"{match_id},retract,ana,2026-01-05T09:00:08Z,,{ana}\n",  # line 6: ana's own: fine
        encoding="utf-8",
    )
    result = _run(linked.path, "import", "verdicts", source)
    assert result.exit_code == 1, result.output
    assert "2 verdicts imported" in result.output
    assert ":2: retracts" in result.output and "not this reviewer's verdict" in result.output
    assert ":3: retracts nonexistent: no such verdict here" in result.output
    assert ":4: decided_at" in result.output and "in the future" in result.output
    current = linked.current_verdicts().filter(pl.col("match_id") == match_id)
    assert current.select("reviewer", "verdict").rows() == [("bo", "conflicts")]


def test_import_reattaches_a_row_whose_match_a_relink_dropped_through_its_claims(
    linked: Store, tmp_path: Path
) -> None:
    match = linked.matches(limit=1).row(0, named=True)
    a, b = match["claim_a_id"], match["claim_b_id"]
    other = linked.matches(limit=2).row(1, named=True)
    source = tmp_path / "in.csv"
    source.write_text(
        "match_id,claim_a_id,claim_b_id,verdict,reviewer,decided_at\n"
        # line 2: an old match id, the two claims of a match held now (in either order)
        f"0000000000000001,{b},{a},conflicts,ana,2026-01-05T09:00:00Z\n"
        # line 3: an old match id whose claims are both here but linked by no match now
        f"0000000000000002,{a},{other['claim_b_id']},unrelated,ana,2026-01-05T09:00:01Z\n"
        # line 4: a claim this database never held: not imported, named
        f"0000000000000003,{a},nosuchclaim,unsure,ana,2026-01-05T09:00:02Z\n",
        encoding="utf-8",
    )
    result = _run(linked.path, "import", "verdicts", source)
    assert result.exit_code == 1, result.output
    assert "2 verdicts imported" in result.output and "(2 re-attached" in result.output
    assert "in.csv:4: match 0000000000000003 is not in this database" in result.output
    rows = {
        r["verdict"]: (r["match_id"], r["claim_a_id"], r["claim_b_id"])
        for r in linked.verdict_rows(history=True).to_dicts()
    }
    assert rows["conflicts"] == (match["match_id"], a, b)  # on the match linking them now
    assert rows["unrelated"] == ("0000000000000002", a, other["claim_b_id"])  # kept on claims
    again = _run(linked.path, "import", "verdicts", source)  # twice: nothing more
    assert "0 verdicts imported, 2 already present" in again.output
