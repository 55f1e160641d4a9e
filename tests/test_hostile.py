"""Input a hostile user would try: no shape may hang, crash, or cost another record.

Every shape runs through the real ingest into a real DuckDB file. Time limits here are hang
guards, not speed targets (those live in ``bench/bench_hostile.py``): each is many times
what linear work takes on a slow machine and far below what the square of the input costs
(``dots then a letter`` at 40,000 characters took 34 s before, and four times that at
twice the size).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import RunCli
from tests.hostile import TEXT_SHAPES, deep_json, hostile_folder
from workbench.ingest.build import build_article
from workbench.ingest.files import Pending
from workbench.ingest.readers import read_records
from workbench.jobs.ingest import _build_one, ingest
from workbench.models import InputRecord, Note, Rejection
from workbench.settings import Settings
from workbench.store import Store

#: Characters of each text shape: a quadratic pass over this many takes many minutes.
SHAPE_CHARS = 200_000
#: Seconds any one shape may take: linear work takes a few.
HANG_GUARD_S = 60.0

GOOD = {"source": "Harbor Post", "text": "The minister opened the new dam on Monday."}


def _good(i: int) -> str:
    return json.dumps({**GOOD, "id": f"good{i}", "text": f"{GOOD['text']} Record {i} of many."})


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("shape", sorted(TEXT_SHAPES))
def test_a_text_shape_builds_in_linear_time(shape: str) -> None:
    record = InputRecord(source="Wire", text=TEXT_SHAPES[shape](SHAPE_CHARS))
    started = time.perf_counter()
    article = build_article(
        record, ref="r", input_path="r", settings=Settings(), now=dt.datetime(2025, 1, 1)
    )
    elapsed = time.perf_counter() - started
    assert elapsed < HANG_GUARD_S, f"{shape}: {elapsed:.0f} s for {SHAPE_CHARS:,} characters"
    assert all(len(c.text) <= Settings().max_claim_chars for c in article.claims)


def _items(name: str, data: bytes, **options: Any) -> list[InputRecord | Rejection]:
    return list(read_records(Path(name), name, data, **options))


def _kept(items: list[InputRecord | Rejection]) -> list[str | None]:
    return [i.id for i in items if isinstance(i, InputRecord)]


def _why(items: list[InputRecord | Rejection]) -> dict[int | None, str]:
    return {i.line: i.reason for i in items if type(i) is Rejection}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        pytest.param('{"text": ' + "9" * 6000 + "}", "digits", id="a 6,000-digit number"),
        pytest.param('{"text": ' + deep_json(100_000) + "}", "nested too deeply", id="deep"),
        pytest.param('{"source": "S", "text": NaN}', "NaN is not a JSON number", id="NaN"),
        pytest.param('{"source": "S", "text": -Infinity}', "-Infinity is not", id="Infinity"),
        pytest.param('{"source": "S", "text": "a\x00b"}', "not valid JSON", id="raw NUL byte"),
        pytest.param(
            '{"source": "S", "text": [[["a b c"]]]}', "only strings", id="nested paragraphs"
        ),
    ],
)
def test_a_bad_jsonl_line_is_one_rejection_and_the_next_line_is_kept(
    line: str, reason: str
) -> None:
    items = _items("feed.jsonl", "\n".join([_good(1), line, _good(3)]).encode())
    assert _kept(items) == ["good1", "good3"]
    assert reason in _why(items)[2]
    assert "\n" not in _why(items)[2]


def test_jsonl_surrogate_and_nul_escapes_are_cleaned_with_a_note() -> None:
    line = json.dumps({**GOOD, "id": "s", "text": "The \ud800 minister\u0000 spoke today."})
    items = list(read_records(Path("f.jsonl"), "f.jsonl", (line + "\n" + _good(2)).encode()))
    records = [i for i in items if isinstance(i, InputRecord)]
    assert [r.id for r in records] == ["s", "good2"]
    assert records[0].text == "The \ufffd minister spoke today."
    assert any(isinstance(i, Note) and i.line == 1 and "surrogate" in i.reason for i in items)
    assert records[0].text.encode("utf-8")  # storable: no lone surrogate left


def test_a_huge_number_elsewhere_in_the_record_is_read() -> None:
    line = json.dumps({**GOOD, "id": "n"})[:-1] + ', "published": 1e999}'
    items = _items("f.jsonl", line.encode())
    assert _kept(items) == ["n"]  # 1e999 reads as infinity: an unreadable date, a note


def test_a_jsonl_line_over_the_record_limit_is_skipped_unread() -> None:
    big = json.dumps({**GOOD, "id": "big", "text": "word " * 100_000})
    data = "\n".join([_good(1), big, _good(3)]).encode()
    items = _items("f.jsonl", data, max_record_mb=0.1)
    assert _kept(items) == ["good1", "good3"]
    assert "over the 0.1 MB record limit (max_record_mb" in _why(items)[2]
    assert _kept(_items("f.jsonl", data)) == ["good1", "big", "good3"]  # the default holds it


def test_undecodable_bytes_cost_only_their_line() -> None:
    arabic = {"source": "الوادي", "text": "وقعت الدولتان اتفاقا لتقاسم المياه يوم الأحد."}
    good = [json.dumps({**arabic, "id": f"a{i}"}, ensure_ascii=False) for i in range(3)]
    broken = b'{"source": "S", "text": "\xff\xfe broken"}'
    data = b"\n".join([good[0].encode(), broken, good[1].encode(), good[2].encode()])
    items = _items("f.jsonl", data)
    assert _kept(items) == ["a0", "a1", "a2"]  # still read as UTF-8: the Arabic is intact
    assert "not valid utf-8" in _why(items)[2]
    assert next(i.text for i in items if isinstance(i, InputRecord)) == arabic["text"]


def test_crlf_jsonl_is_read() -> None:
    assert _kept(_items("f.jsonl", (_good(1) + "\r\n" + _good(2) + "\r\n").encode())) == [
        "good1",
        "good2",
    ]


def _csv(rows: list[list[str]], newline: str = "\n") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerows(rows)
    return out.getvalue().encode()


HEADER = ["id", "source", "text"]


def test_a_csv_cell_over_128_kb_is_kept_and_so_is_the_row_after_it() -> None:
    data = _csv([HEADER, ["big", "S", "word " * 40_000], ["after", "S", "A good row of text."]])
    assert _kept(_items("f.csv", data)) == ["big", "after"]


def test_a_csv_cell_over_the_record_limit_costs_only_its_row() -> None:
    rows = [HEADER, ["big", "S", "word " * 40_000], ["after", "S", "A good row of text."]]
    items = _items("f.csv", _csv(rows), max_record_mb=0.1)
    assert _kept(items) == ["after"]
    assert "0.1 MB record limit" in _why(items)[2] or "field larger" in _why(items)[2]


def test_carriage_return_only_csv_is_read() -> None:
    rows = [HEADER, ["a", "S", "First row of text."], ["b", "S", "Second row of text."]]
    assert _kept(_items("f.csv", _csv(rows, newline="\r"))) == ["a", "b"]


def test_a_duplicate_csv_column_is_noted_and_the_first_read() -> None:
    rows = [["id", "source", "text", "text"], ["a", "S", "The first text column.", "other"]]
    items = list(read_records(Path("f.csv"), "f.csv", _csv(rows)))
    (record,) = [i for i in items if isinstance(i, InputRecord)]
    assert record.text == "The first text column."
    assert any(isinstance(i, Note) and "'text' appears twice" in i.reason for i in items)


def test_an_unclosed_csv_quote_is_named_and_the_run_goes_on() -> None:
    """An unclosed quote swallows the lines after it into one cell, as CSV says; the cell
    limit ends that cell with one rejection, and the rows after the limit are read again."""
    rows = [f"r{i},S,A good row of text number {i}.\n" for i in range(100)]
    data = ('id,source,text\na,S,"never closed\n' + "".join(rows)).encode()
    items = _items("f.csv", data, max_record_mb=0.001)
    assert "field larger than field limit" in _why(items)[2]
    kept = _kept(items)
    assert "a" not in kept and kept[-1] == "r99" and len(kept) > 50


def test_nul_bytes_in_a_csv_cell_are_cleaned() -> None:
    (record, note) = read_records(
        Path("f.csv"), "f.csv", _csv([HEADER, ["a", "S", "Te\x00xt a b."]])
    )
    assert isinstance(record, InputRecord) and record.text == "Text a b."
    assert isinstance(note, Note)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(deep_json(100_000).encode(), "nested too deeply", id="deep"),
        pytest.param(b'{"text": ' + b"9" * 6000 + b"}", "digits", id="a 6,000-digit number"),
        pytest.param(b"[NaN]", "NaN is not a JSON number", id="NaN"),
    ],
)
def test_a_bad_json_file_is_one_rejection(data: bytes, reason: str) -> None:
    (rejection,) = _items("f.json", data)
    assert isinstance(rejection, Rejection) and reason in rejection.reason


def test_a_lying_meta_charset_does_not_win_over_the_bytes() -> None:
    text = "وقعت الدولتان اتفاقا لتقاسم المياه يوم الأحد في مرفند بحضور الوزراء."
    page = (
        f"<html><head><meta charset='windows-1252'><title>خبر</title></head>"
        f"<body><article><p>{text}</p><p>{text}</p></article></body></html>"
    )
    items = _items("p.html", page.encode(), default_source="Wire")
    (record,) = [i for i in items if isinstance(i, InputRecord)]
    assert text in record.text  # read as the UTF-8 it is, not as Windows-1252


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_deeply_nested_20_mb_page_is_named_in_time() -> None:
    n = 1_800_000
    page = ("<html><body>" + "<div>" * n + "<p>The talks ended.</p>" + "</div>" * n).encode()
    started = time.perf_counter()
    items = _items("deep.html", page)
    assert time.perf_counter() - started < HANG_GUARD_S
    assert len(items) == 1  # a record or one reason, never a crash


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A folder of one good file and everything that is not a regular file inside it."""
    root = tmp_path / "in"
    root.mkdir()
    (root / "good.jsonl").write_text(_good(1) + "\n")
    os.mkfifo(root / "pipe.jsonl")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(root / "socket.jsonl"))
    outside = tmp_path / "outside.jsonl"
    outside.write_text(_good(2) + "\n")
    (root / "outside-link.jsonl").symlink_to(outside)
    (root / "inside-link.jsonl").symlink_to(root / "good.jsonl")
    (root / "self-loop.jsonl").symlink_to(root / "self-loop.jsonl")
    (root / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    try:
        yield root
    finally:
        listener.close()


@pytest.mark.timeout(60)  # a FIFO opened for reading waits for a writer forever
def test_only_regular_files_are_read_and_links_only_inside(folder: Path, db: Path) -> None:
    report = ingest([folder], Store(db), Settings(db=db, workers=1))
    why = {r.path: r.reason for r in [*report.skipped, *report.rejected]}
    assert why["pipe.jsonl"] == "skipped: a named pipe, not a regular file"
    assert why["socket.jsonl"] == "skipped: a socket, not a regular file"
    assert why["outside-link.jsonl"] == "skipped: symbolic link to outside the folder"
    assert why["linked-folder"] == "skipped: symbolic link to a folder, not followed"
    assert "self-loop.jsonl" in why
    # good.jsonl and the link to it: one article, the second a duplicate
    assert report.ingested == 1 and report.duplicates == 1


@pytest.mark.timeout(60)
def test_a_named_pipe_given_by_name_is_skipped_not_opened(tmp_path: Path, db: Path) -> None:
    os.mkfifo(tmp_path / "feed.jsonl")
    report = ingest([tmp_path / "feed.jsonl"], Store(db), Settings(db=db, workers=1))
    assert [s.reason for s in report.skipped] == ["skipped: a named pipe, not a regular file"]


def test_file_names_with_line_breaks_and_escape_codes_are_one_line_each(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = tmp_path / "names"
    root.mkdir()
    (root / "two\nlines.jsonl").write_text("not json\n")
    (root / "red\x1b[31m.jsonl").write_text("not json\n")
    result = run_cli("ingest", "--quiet", root)
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    problem_lines = [line for line in result.output.splitlines() if "not valid JSON" in line]
    assert len(problem_lines) == 2, result.output
    assert any("lines.jsonl:1: not valid JSON" in line for line in problem_lines)
    assert any("red\\x1b[31m.jsonl:1" in line for line in problem_lines)


def test_a_file_of_every_shape_is_stored_whole(db: Path, tmp_path: Path) -> None:
    feed = tmp_path / "mixed.jsonl"
    lines = [_good(0)]
    for i, shape in enumerate(sorted(TEXT_SHAPES)):
        lines.append(json.dumps({"id": f"s{i}", "source": "S", "text": TEXT_SHAPES[shape](5000)}))
    lines.append(_good(1))
    feed.write_text("\n".join(lines) + "\n")
    report = ingest([feed], Store(db), Settings(db=db, workers=1))
    assert not report.rejected
    stored = set(Store(db).articles()["article_ref"].to_list())
    assert {"good0", "good1"} <= stored
    assert report.ingested + report.duplicates == len(lines)


def test_a_record_that_cannot_be_built_is_named_not_raised() -> None:
    """The pipeline's safety net, on a record no reader can make (built around validation):
    the error becomes that record's rejection, with its kind, and nothing is raised."""
    broken = InputRecord.model_construct(source="S", text=None, title=None, published=None)
    pending = Pending(record=broken, ref="feed.jsonl#7", name="feed.jsonl")
    result = _build_one(pending, "a1", Settings(), dt.datetime(2025, 1, 1))
    assert isinstance(result, Rejection)
    assert result.path == "feed.jsonl"
    assert result.reason.startswith("record feed.jsonl#7: could not be built (TypeError")


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_folder_of_every_hostile_input_ends_in_time_and_keeps_every_good_record(
    tmp_path: Path,
) -> None:
    """The issue's target, end to end: the real command on one folder of everything above
    (bad lines beside good ones, bad files, big and odd CSVs, every text shape, a 20 MB
    nested page, a FIFO, a file name with escape codes) ends in 60 s, stores every good
    record and names every bad input on one line of its own."""
    folder = tmp_path / "hostile"
    good, bad = hostile_folder(folder, shape_chars=SHAPE_CHARS, html_nesting=1_800_000)
    db = tmp_path / "h.duckdb"
    command = [sys.executable, "-m", "workbench", "--db", str(db), "ingest", "-q", str(folder)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=HANG_GUARD_S)
    assert time.perf_counter() - started < HANG_GUARD_S
    assert done.returncode == 1, done.stderr[-2000:]  # some inputs were rejected: documented
    stored = set(Store(db).articles()["article_ref"].to_list())
    assert good <= stored, sorted(good - stored)
    lines = done.stderr.splitlines()
    named = [line for line in lines if line.startswith("rejected") or ": skipped: " in line]
    assert len(named) >= bad, done.stderr[-3000:]
    assert "\x1b" not in done.stderr
    assert any("pipe.jsonl" in line and "named pipe" in line for line in named)
