"""The Streamlit UI: every page under AppTest (widgets by key), through the real navigation."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, SAMPLES
from tests.review_fixtures import T0, build_ui_db, independent_matches
from workbench.jobs.evaluate import desk_verdicts
from workbench.jobs.ingest import ingest
from workbench.jobs.link import link
from workbench.jobs.refit import refit
from workbench.linking import learned
from workbench.models import Label, VerdictIn
from workbench.review.status import verdict_labels
from workbench.settings import Settings
from workbench.store import Store

APP = str(ROOT / "workbench" / "ui" / "app.py")
VIEWS = ROOT / "workbench" / "ui" / "views"


@pytest.fixture(scope="module")
def ui_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_ui_db(tmp_path_factory.mktemp("ui") / "ui.duckdb")


@pytest.fixture
def ui_db(ui_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ui.duckdb"
    shutil.copy(ui_template, path)
    return path


def _app(db: Path, monkeypatch: pytest.MonkeyPatch, reviewer: str | None = None) -> AppTest:
    monkeypatch.setenv("WORKBENCH_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    if reviewer is not None:
        at.text_input(key="reviewer").input(reviewer)
    return at


def _open(at: AppTest, view: str) -> AppTest:
    at.switch_page(str(VIEWS / f"{view}.py")).run()
    assert not at.exception, at.exception
    return at


def _html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def _table(at: AppTest, column: str) -> Any:
    """The (pandas) value of the first table on the page with this column."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with a {column!r} column")


def _pair_id(at: AppTest) -> str:
    caption = next(c.value for c in at.caption if c.value.startswith("Pair "))
    return caption.split()[1]


def test_overview_counts_articles_matches_and_review_progress(
    ui_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(ui_db)
    match_id = independent_matches(store)["match_id"][0]
    store.record_verdict(VerdictIn(match_id=match_id, verdict=Label.CONFLICTS, reviewer="bo"), T0)
    at = _open(_app(ui_db, monkeypatch), "overview")
    assert [m.value for m in at.metric][:1] == [str(store.totals()["articles"])]
    assert at.get("progress")[0].proto.text.startswith(f"1 of {store.matches().height} matches")
    assert len(at.get("vega_lite_chart")) == 2
    assert len(_table(at, "conflicting_origins")) == 2  # both claims of the pair


def test_review_needs_a_reviewer_name(ui_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(_app(ui_db, monkeypatch), "review")
    assert "Reviewer" in at.info[0].value
    assert not [b for b in at.button if b.key and b.key.startswith("verdict_")]


def test_review_records_a_verdict_and_serves_the_next_pair(
    ui_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(_app(ui_db, monkeypatch, reviewer=" Ana  Lopez "), "review")
    labels = [b.label for b in at.button if b.key and b.key.startswith("verdict_")]
    assert labels == ["Corroborates", "Conflicts", "Unrelated", "Unsure"]
    first = _pair_id(at)
    at.text_input(key=f"note_{first}").input("rank differs")
    at.button(key="verdict_conflicts").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Recorded **conflicts**. Undo with U."], at.warning
    assert _pair_id(at) != first
    rows = Store(ui_db).verdict_rows().to_dicts()
    assert [(r["match_id"], r["verdict"], r["reviewer"], r["note"]) for r in rows] == [
        (first, "conflicts", "Ana Lopez", "rank differs")
    ]


def test_undo_and_skip_from_the_page(ui_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(_app(ui_db, monkeypatch, reviewer="ana"), "review")
    first = _pair_id(at)
    at.button(key="verdict_unsure").click().run()
    at.button(key="review_undo").click().run()
    assert _pair_id(at) == first
    assert Store(ui_db).current_verdicts().is_empty()
    assert Store(ui_db).verdict_rows(history=True).height == 2  # the verdict and its retraction
    at.button(key="review_skip").click().run()
    assert _pair_id(at) != first
    assert "1 skipped" in _html(at)


def test_review_shows_both_claims_rtl_with_context_and_marked_differences(
    ui_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(ui_db, monkeypatch, reviewer="ana")
    _open(at, "review")
    at.selectbox(key="queue_suggestion").select("conflicts")
    at.selectbox(key="queue_languages").select("ar-en").run()
    body = _html(at)
    assert 'dir="rtl"' in body and 'dir="ltr"' in body
    assert 'class="differ"' in body  # the differing detail is marked in the text
    assert 'class="context"' in body  # a neighbouring sentence


def test_the_reading_aid_appears_only_for_languages_the_reviewer_does_not_read(
    ui_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(ui_db, monkeypatch, reviewer="ana")
    _open(at, "review")
    at.selectbox(key="queue_languages").select("ar-en").run()
    assert at.multiselect(key="reader_languages").value == ["en"]  # until they say otherwise
    aids = [h.proto.body for h in at.get("html") if "reading-aid" in h.proto.body]
    assert len(aids) == 1, "under the Arabic claim only"
    assert "Machine reading of the ar text, not a translation" in aids[0]
    card = aids[0]
    assert 'data-side="' in card and 'lang="ar"' in card  # the original stays, the aid below
    at.multiselect(key="reader_languages").select("ar").run()
    assert not [h for h in at.get("html") if "reading-aid" in h.proto.body]
    # Kept with the session: another page and back, still read.
    _open(at, "quality")
    _open(at, "review")
    assert set(at.multiselect(key="reader_languages").value) == {"ar", "en"}


def test_review_is_blind_to_other_reviewers(ui_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(ui_db)
    best = store.matches(limit=1)["match_id"][0]
    store.record_verdict(
        VerdictIn(match_id=best, verdict=Label.UNRELATED, reviewer="Zed Secret", note="zzz"), T0
    )
    at = _app(ui_db, monkeypatch, reviewer="ana")
    _open(at, "review")
    at.selectbox(key="queue_mode").select("Agreement: pairs others judged").run()
    assert _pair_id(at) == best
    shown = _html(at) + " ".join(str(e.value) for e in [*at.caption, *at.markdown, *at.info])
    assert "Zed Secret" not in shown and "zzz" not in shown and "unrelated" not in shown


def test_hostile_text_is_escaped_on_the_review_page(
    ui_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(ui_db, monkeypatch, reviewer="ana")
    _open(at, "review")
    at.selectbox(key="queue_source").select("Evil <i>Wire</i>").run()
    body = _html(at)
    assert "&lt;svg onload" in body or "&lt;script&gt;" in body or "&lt;img" in body
    assert "<svg" not in body and "<script" not in body and "<img" not in body and "<i>" not in body


def test_claims_search_ignores_letter_variants_and_lists_links_with_verdicts(
    ui_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(ui_db)
    match = independent_matches(store).row(0, named=True)
    store.record_verdict(
        VerdictIn(match_id=match["match_id"], verdict=Label.CORROBORATES, reviewer="bo"), T0
    )
    at = _open(_app(ui_db, monkeypatch), "claims")
    at.text_input(key="claims_search").input("قديرة").run()  # Arabic yeh and teh marbuta
    arabic_spelling = at.caption[0].value
    at.text_input(key="claims_search").input("قدیره").run()  # Persian yeh and heh
    assert arabic_spelling == at.caption[0].value and not arabic_spelling.startswith(("0 ", "1 "))
    at.text_input(key="claims_search").input(match["text_a"][:40]).run()
    at.selectbox(key="claims_choice").select(match["claim_a_id"]).run()
    assert not at.exception
    assert "corroborates (bo)" in _table(at, "verdicts")["verdicts"].to_list()
    assert "corroborated" in _html(at)


def test_articles_page_marks_claims_by_status(ui_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(ui_db)
    match = independent_matches(store).row(0, named=True)
    store.record_verdict(
        VerdictIn(match_id=match["match_id"], verdict=Label.CONFLICTS, reviewer="bo"), T0
    )
    at = _open(_app(ui_db, monkeypatch), "articles")
    at.selectbox(key="articles_choice").select(match["article_a_id"]).run()
    assert not at.exception
    assert 'class="claim conflicted"' in _html(at)
    assert "conflicted" in _table(at, "status")["status"].to_list()


def test_export_page_offers_the_verdict_csv(ui_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(_app(ui_db, monkeypatch), "export")
    assert at.get("download_button")[0].label == "Download verdicts CSV"


def test_missing_database_is_a_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for view in ("overview", "review", "claims", "articles", "export"):
        at = _open(_app(tmp_path / "none.duckdb", monkeypatch, reviewer="ana"), view)
        assert "no database at" in at.warning[0].value, view
    assert not (tmp_path / "none.duckdb").exists()


def _split_pair(store: Store) -> str:
    """A pair judged differently by two reviewers."""
    match_id = str(independent_matches(store)["match_id"][0])
    for name, label in (("ana", Label.CORROBORATES), ("bo", Label.CONFLICTS)):
        store.record_verdict(VerdictIn(match_id=match_id, verdict=label, reviewer=name), T0)
    return match_id


def test_adjudication_records_a_final_verdict(ui_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(ui_db)
    match_id = _split_pair(store)
    at = _open(_app(ui_db, monkeypatch, reviewer="Editor"), "adjudicate")
    assert at.selectbox(key="adjudicate_choice").value == match_id
    assert "ana" in _html(at) and "bo" in _html(at)  # the reviewers side by side
    at.button(key="adjudicate_corroborates").click().run()
    assert not at.exception
    final = store.current_verdicts().filter(store.current_verdicts()["role"] == "adjudicator")
    assert final.select("match_id", "verdict", "reviewer").rows() == [
        (match_id, "corroborates", "Editor")
    ]
    assert "No open disagreements" in at.success[0].value


def test_quality_page_shows_agreement_and_precision(
    ui_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _split_pair(Store(ui_db))
    at = _open(_app(ui_db, monkeypatch), "quality")
    assert [m.value for m in at.metric][:2] == ["1", "0.00"]
    assert len(at.get("vega_lite_chart")) == 1
    assert _table(at, "precision")["judged"].iloc[0] == 2


def test_clusters_page_lists_claims_across_three_outlets(
    ui_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(ui_db)
    at = _open(_app(ui_db, monkeypatch), "clusters")
    assert "No cluster yet" in at.info[0].value
    matches = independent_matches(store)
    first = matches.row(0, named=True)
    # a second corroboration from a third outlet on one of the claims makes a cluster
    chain = matches.filter(
        (
            (matches["claim_a_id"] == first["claim_a_id"])
            | (matches["claim_b_id"] == first["claim_a_id"])
        )
        & (matches["source_a"] != first["source_b"])
        & (matches["source_b"] != first["source_b"])
    ).row(0, named=True)
    for m in (first, chain):
        store.record_verdict(
            VerdictIn(match_id=m["match_id"], verdict=Label.CORROBORATES, reviewer="ana"), T0
        )
    at = _open(_app(ui_db, monkeypatch), "clusters")
    assert at.subheader[0].value.startswith("Cluster 1: 3 claims, 3 outlets")


def test_tables_show_days_as_days_empty_cells_empty_and_formulas_inert(
    ui_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(_app(ui_db, monkeypatch), "articles")
    articles = _table(at, "published")
    frame = next(f for f in at.dataframe if "published" in f.value.columns)
    schema = pa.ipc.open_stream(frame.proto.arrow_data.data).schema  # what the browser gets
    assert schema.field("published").type == pa.large_string()
    assert "2025-03-10" in articles["published"].tolist()  # a day, not 2025-03-10 00:00:00
    text_columns = [c for c in articles.columns if articles[c].dtype == object]
    assert not any(articles[c].isna().any() for c in text_columns if c != "published")
    at = _open(at, "claims")
    at.text_input(key="claims_search").input("HYPERLINK").run()
    texts = _table(at, "text")["text"].tolist()
    assert texts and all(t.startswith("'=HYPERLINK") for t in texts if "HYPERLINK" in t[:12])
    assert any(t.startswith("'=") for t in texts)


def test_quality_page_shows_the_models_and_what_their_refit_measured(
    ui_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(ui_db)
    for verdict in desk_verdicts(store, SAMPLES / "gold.csv", reviewer="ana"):
        store.record_verdict(verdict, T0)
    report = refit(store, Settings(db=ui_db), verdict_labels(store), name="desk-1")
    at = _open(_app(ui_db, monkeypatch), "quality")
    assert "Scoring models" in [h.value for h in at.subheader]
    models = _table(at, "average precision")
    assert models["model"].tolist() == ["desk-1"]
    before, after = report.average_precision
    assert models["average precision"].tolist() == [f"{before} -> {after}"]
    shipped = learned.load().name
    assert any(f"{shipped}: {store.matches().height}" in c.value for c in at.caption)


def test_quality_before_any_verdict_says_so_instead_of_tables_of_zeros(
    ui_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(_app(ui_db, monkeypatch), "quality")
    assert "No verdicts yet" in at.info[0].value
    assert not at.dataframe and not at.metric


def test_review_lists_a_near_spelled_verb_as_a_word_not_a_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Arabic "serves" against Persian "in the service of": near skeletons, neither a name.
    # The page once listed it as "name: يخدم ~ خدمت" (issue 13).
    articles = tmp_path / "verb.jsonl"
    articles.write_text(
        '{"id": "v1", "source": "Wire A", "published": "2025-03-10", "text": '
        '"قال الأدميرال براد كوبر إن الاتفاق يخدم مصالح البلدين في المنطقة."}\n'
        '{"id": "v2", "source": "Wire B", "published": "2025-03-10", "text": '
        '"دریاسالار برد کوپر گفت این توافق در خدمت منافع دو کشور در منطقه است."}\n',
        encoding="utf-8",
    )
    db = tmp_path / "verb.duckdb"
    settings = Settings(db=db)
    ingest([articles], Store(db), settings)
    link(Store(db), settings)
    at = _open(_app(db, monkeypatch, reviewer="ana"), "review")
    agrees = _html(at).partition('<div class="agrees">')[2].partition("</div>")[0]
    reasons = [line for line in agrees.split("<li")[1:] if "خدمت" in line]
    assert reasons, "the explanation names the shared word"
    assert all("word:" in line and "name:" not in line for line in reasons)
    assert "name: كوبر = کوپر" in agrees  # a name stays a name
