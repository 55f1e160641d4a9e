"""The ingest command end to end, on a real DuckDB file: idempotence, bad input, limits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES, RunCli
from workbench.ingest.build import build_article
from workbench.models import InputRecord
from workbench.settings import Settings
from workbench.store import Store
from workbench.text.normalise import strip_bidi

ARTICLES = SAMPLES / "articles"
GOOD_PAGE = "Site icon Harbor Post\n\nDams reopen\n\nThe two dams reopened on Monday after a long review. Officials said the water flow was normal.\n"


def test_samples_ingest_and_reingest_changes_nothing(run_cli: RunCli, db: Path) -> None:
    first = run_cli("ingest", "--quiet", ARTICLES)
    assert first.exit_code == 0, first.output
    before = Store(db).totals()
    assert before["articles"] == 8
    assert before["claims"] >= 40
    second = run_cli("ingest", "--quiet", ARTICLES)
    assert second.exit_code == 0
    assert "0 articles ingested" in second.output and "8 duplicates" in second.output
    assert Store(db).totals() == before


def test_ids_are_the_same_in_another_database(run_cli: RunCli, db: Path, tmp_path: Path) -> None:
    run_cli("ingest", "--quiet", ARTICLES)
    other = Store(tmp_path / "other.duckdb")
    from workbench.jobs.ingest import ingest

    ingest([ARTICLES], other, Settings())
    ids = lambda s: sorted(s.claims()["claim_id"].to_list())  # noqa: E731
    assert ids(Store(db)) == ids(other)


def _bad_folder(root: Path) -> Path:
    folder = root / "batch"
    (folder / "deep" / "deeper").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD_PAGE)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "random.txt").write_bytes(os.urandom(4096) + b"\x00")
    (folder / "arabic-1256.txt").write_bytes(
        "Site icon الوادي\n\nوقعت الدولتان اتفاقا لتقاسم المياه يوم الأحد في مرفند.\n".encode(
            "cp1256"
        )
    )
    (folder / "english-16.txt").write_bytes(
        GOOD_PAGE.replace("Harbor Post", "Other Post").encode("utf-16")
    )
    (folder / "deep" / "deeper" / "persian.txt").write_text(
        "Site icon خبر جنوب\n\nتوافق‌نامه تقسیم آب روز یکشنبه در شهر مروند به امضا رسید.\n"
    )
    lines = [
        json.dumps({"id": "j1", "source": "Wire", "text": "The first wire story is complete."}),
        '{"id": "j2", "source": "Wire", "text": "cut off',
        json.dumps({"id": "j3", "text": "A story without its outlet is refused."}),
        json.dumps({"id": "j4", "source": "Wire", "text": "The second wire story is complete."}),
    ]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "no-text.csv").write_text("id,source,summary_html\n1,X,<p>hello</p>\n")
    (folder / "bidi.txt").write_text(
        "Site icon Trick Post\n\nThe minister \u202esaid\u202c the dam \u2066opened\u2069 on Monday.\n"
    )
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    # 30 MB on one line without punctuation: refused unread, the limit named
    (folder / "huge.txt").write_bytes(b"Site icon Huge\n\n" + b"word " * 6_000_000)
    return folder


def test_bad_input_is_named_and_the_rest_ingested(
    run_cli: RunCli, db: Path, tmp_path: Path
) -> None:
    result = run_cli("ingest", "--quiet", _bad_folder(tmp_path))
    assert result.exit_code == 1
    output = result.output
    for expected in (
        "empty.txt: empty file",
        "random.txt: binary content",
        "wire.jsonl:2: not valid JSON",
        "wire.jsonl:3: source",
        "no-text.csv: missing column(s): text",
        "picture.png: skipped: unsupported file type",
        "huge.txt: file is 30.0 MB, over the 20 MB limit (max_file_mb",
    ):
        assert expected in output
    refs = set(Store(db).articles()["article_ref"].to_list())
    assert refs == {
        "good.txt",
        "arabic-1256.txt",
        "english-16.txt",
        "deep/deeper/persian.txt",
        "j1",
        "j4",
        "bidi.txt",
    }
    languages = dict(Store(db).articles().select("article_ref", "language").iter_rows())
    assert languages["arabic-1256.txt"] == "ar"
    assert languages["deep/deeper/persian.txt"] == "fa"
    assert languages["english-16.txt"] == "en"


def test_bidi_controls_never_reach_claim_text(run_cli: RunCli, db: Path, tmp_path: Path) -> None:
    run_cli("ingest", "--quiet", _bad_folder(tmp_path))
    texts = "".join(Store(db).claims()["text"].to_list())
    assert not set(texts) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert "The minister said the dam opened on Monday." in texts


def test_file_size_limit_is_named(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_MAX_FILE_MB", "0.01")
    big = tmp_path / "big.txt"
    big.write_text("Site icon Big\n\n" + "word " * 5000)
    result = run_cli("ingest", "--quiet", big)
    assert result.exit_code == 1
    assert "big.txt: file is 0.0 MB, over the 0.01 MB limit (max_file_mb" in result.output


def test_one_huge_line_becomes_bounded_claims(tmp_path: Path) -> None:
    record = InputRecord(source="S", text="word " * 20000)
    article = build_article(record, ref="r", input_path="r", settings=Settings(), now=_now())
    assert article.claims
    assert max(len(c.text) for c in article.claims) <= Settings().max_claim_chars


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A temporary folder other users may enter (pytest's own are private to root)."""
    path = Path(tempfile.mkdtemp(prefix="workbench-perm-"))
    path.chmod(0o777)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def test_unreadable_file_is_named(open_tmp: Path) -> None:
    """As root (CI), the check runs as the unprivileged user ``nobody``: root reads anything."""
    tmp_path = open_tmp
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_PAGE)
    (folder / "locked.txt").write_text(GOOD_PAGE.replace("Harbor", "Locked"))
    (folder / "locked.txt").chmod(0)
    for path in (tmp_path, folder):
        path.chmod(0o777)
    command = [
        sys.executable,
        "-m",
        "workbench",
        "--db",
        str(tmp_path / "w.duckdb"),
        "ingest",
        "-q",
        str(folder),
    ]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot drop privileges to test")
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    # One worker: a process pool started by setpriv's child loses its resource tracker.
    env = {**os.environ, "WORKBENCH_WORKERS": "1"}
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=120, check=False, env=env
    )
    assert done.returncode == 1, done.stderr
    assert "locked.txt: permission denied" in done.stderr
    assert "1 articles ingested" in done.stdout


def test_missing_path_is_named(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("ingest", "--quiet", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert "nowhere: no such file or folder" in result.output


def test_source_option_names_the_outlet(run_cli: RunCli, db: Path, tmp_path: Path) -> None:
    page = tmp_path / "plain.txt"
    page.write_text("A plain page without any outlet line. It has two sentences.")
    assert run_cli("ingest", "-q", page).exit_code == 1
    assert run_cli("ingest", "-q", "--source", "Desk Notes", page).exit_code == 0
    assert Store(db).articles()["source"].to_list() == ["Desk Notes"]


def _now():  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.datetime(2025, 1, 1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1).filter(lambda t: any(c.isalpha() for c in t)))
def test_claim_offsets_point_at_the_claim_text(text: str) -> None:
    record = InputRecord(source="S", text=text)
    article = build_article(record, ref="r", input_path="r", settings=Settings(), now=_now())
    for claim in article.claims:
        original = article.text if claim.field == "text" else (article.title or "")
        assert strip_bidi(original[claim.start : claim.end]).strip() == claim.text
        for anchor in claim.anchors:
            assert claim.text[anchor.start : anchor.end] == anchor.text


def test_repeated_lines_are_split_once_but_keep_their_own_offsets() -> None:
    from workbench.ingest.build import content_spans

    text = "Ali met Reza in Herat. Then left.\nA second line here.\nAli met Reza in Herat. Then left.\n"
    spans = content_spans(text, Settings())
    assert [text[s.start : s.end] for s in spans] == [
        "Ali met Reza in Herat.",
        "Then left.",
        "A second line here.",
        "Ali met Reza in Herat.",
        "Then left.",
    ]
    assert spans[3].start == text.rindex("Ali met")
    record = InputRecord(source="S", text=text)
    article = build_article(record, ref="r", input_path="r", settings=Settings(), now=_now())
    # A repeated sentence is one claim, at its first place.
    assert [c.text for c in article.claims] == [
        "Ali met Reza in Herat.",
        "A second line here.",
    ]
    assert article.claims[0].start == 0


def test_copying_the_samples_twice_counts_duplicates(run_cli: RunCli, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(ARTICLES, copy / "a")
    shutil.copytree(ARTICLES, copy / "b")
    result = run_cli("ingest", "--quiet", copy)
    assert "8 articles ingested" in result.output and "8 duplicates" in result.output
