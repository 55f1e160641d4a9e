"""Readers for each format and encoding; bad input becomes a one-line rejection, never an exception."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from pathlib import Path

import pytest

from workbench.ingest.readers import read_records
from workbench.models import InputRecord, Note, Rejection

ARABIC = "Site icon الوادي اليومية\n\nوقعت الدولتان اتفاقا لتقاسم المياه يوم الأحد في مرفند.\n"
ENGLISH = "Site icon Harbor Post\n\nThe two countries signed a water accord on Sunday.\n"


def read(name: str, data: bytes) -> list[InputRecord | Rejection]:
    return list(read_records(Path(name), name, data))


@pytest.mark.parametrize(
    ("name", "data", "expected_text"),
    [
        pytest.param("a.txt", ARABIC.encode("utf-8"), ARABIC, id="UTF-8"),
        pytest.param(
            "a.txt", codecs.BOM_UTF8 + ARABIC.encode("utf-8"), ARABIC, id="UTF-8 with BOM"
        ),
        pytest.param("e.txt", ENGLISH.encode("utf-16"), ENGLISH, id="UTF-16 with BOM"),
        pytest.param("a.txt", ARABIC.encode("cp1256"), ARABIC, id="Windows-1256 Arabic"),
        pytest.param("noext", ENGLISH.encode(), ENGLISH, id="no extension is a text page"),
    ],
)
def test_text_pages_decode(name: str, data: bytes, expected_text: str) -> None:
    (record,) = read(name, data)
    assert isinstance(record, InputRecord)
    assert record.text == expected_text
    assert record.source in {"الوادي اليومية", "Harbor Post"}


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        pytest.param("empty.txt", b"", "empty file", id="empty"),
        pytest.param("blank.txt", b"  \n\n ", "empty file", id="only whitespace"),
        pytest.param("noise.txt", bytes(range(256)) * 40, "binary content", id="random bytes"),
        pytest.param(
            "ctl.txt",
            b"\x01\x02\x03\x04\x05\x06\x07\x08" * 50,
            "binary content",
            id="control characters",
        ),
        pytest.param(
            "page.txt", b"Just a sentence with no outlet at all.", "no outlet name", id="no outlet"
        ),
    ],
)
def test_unreadable_input_is_rejected_with_a_reason(name: str, data: bytes, reason: str) -> None:
    (rejection,) = read(name, data)
    assert isinstance(rejection, Rejection)
    assert rejection.path == name
    assert reason in rejection.reason
    assert "\n" not in str(rejection)


def test_jsonl_lines_end_only_at_newline() -> None:
    raw = '{"source": "S", "text": "A b c.\u2028D e f."}\n'.replace("\\u2028", "\u2028")
    (record,) = read("sep.jsonl", raw.encode())
    assert isinstance(record, InputRecord) and "\u2028" in record.text


def test_bad_date_keeps_the_record_with_a_note() -> None:
    items = read(
        "d.jsonl", b'{"source": "S", "text": "Some text here.", "published": "2025-13-45"}'
    )
    record, note = items
    assert isinstance(record, InputRecord) and record.published is None
    assert isinstance(note, Note) and note.line == 1 and "not an ISO date" in note.reason


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param(
            {"source": "S", "text": "  ...!!! ؟؟ "}, "has no letters", id="punctuation only"
        ),
        pytest.param({"source": "S", "text": "۱۲۳ ۴۵۶"}, "has no letters", id="digits only"),
    ],
)
def test_records_without_letters_are_rejected(raw: dict[str, str], reason: str) -> None:
    (rejection,) = read("x.jsonl", json.dumps(raw).encode())
    assert isinstance(rejection, Rejection) and reason in rejection.reason


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param({"source": "S", "text": "   "}, "text: must not be blank", id="blank"),
        pytest.param({"source": "S", "text": ""}, "text: missing", id="empty"),
        pytest.param({"text": "Some text here."}, "source: missing", id="missing"),
        pytest.param({"source": "S", "text": 5}, "text: not text", id="a number"),
    ],
)
def test_rejections_say_the_problem_in_plain_words(raw: dict[str, object], reason: str) -> None:
    # Not pydantic's "Value error, must not be blank" / "Field required".
    (rejection,) = read("x.jsonl", json.dumps(raw).encode())
    assert isinstance(rejection, Rejection) and rejection.reason == reason


def test_language_must_be_an_iso_code() -> None:
    items = read(
        "l.jsonl",
        b'{"source": "S", "text": "Text.", "language": "english", "id": true}\n{"source": "S", "text": "Text.", "language": "FA"}',
    )
    first, second = items
    assert isinstance(first, InputRecord) and first.language is None and first.id is None
    assert isinstance(second, InputRecord) and second.language == "fa"


def test_jsonl_keeps_good_records_and_names_bad_lines() -> None:
    lines = [
        json.dumps({"id": "r1", "source": "Harbor Post", "text": "First good record here."}),
        '{"id": "r2", "source": "Harbor Post", "text": "trunc',
        json.dumps({"id": "r3", "text": "A record without its outlet."}),
        json.dumps(
            {
                "id": "r4",
                "source": "Al-Wadi",
                "text": "Second good record here.",
                "published": "2025-03-10",
            }
        ),
        json.dumps(["not", "an", "object"]),
    ]
    items = read("batch.jsonl", "\n".join(lines).encode())
    good = [i for i in items if isinstance(i, InputRecord)]
    bad = [i for i in items if isinstance(i, Rejection)]
    assert [r.id for r in good] == ["r1", "r4"]
    assert str(good[1].published) == "2025-03-10"
    assert [(b.line, b.reason.split(":")[0]) for b in bad] == [
        (2, "not valid JSON"),
        (3, "source"),
        (5, "record is a JSON list, not an object"),
    ]


def test_csv_rows_with_line_numbers() -> None:
    data = "id,source,text,published\nc1,Harbor Post,A good row of text.,2025-03-10\nc2,,Row without source.,\n"
    items = read("rows.csv", data.encode())
    assert isinstance(items[0], InputRecord) and items[0].id == "c1"
    assert isinstance(items[1], Rejection) and items[1].line == 3 and "source" in items[1].reason


def test_csv_without_text_column_is_one_rejection() -> None:
    (rejection,) = read("bad.csv", b"id,source,body_html\n1,X,<p>hi</p>\n")
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "missing column(s): text"


def test_tsv_is_read() -> None:
    (record,) = read("rows.tsv", b"source\ttext\nHarbor Post\tTab separated text here.\n")
    assert isinstance(record, InputRecord) and record.source == "Harbor Post"


def test_json_array_with_field_aliases() -> None:
    data = [
        {
            "source": "aawsat",
            "url": "https://example.org/1",
            "date_extracted": "2015-07-21 02:51:32",
            "title": "T",
            "content": "Body text here.",
        },
        {
            "title": "Fars style",
            "paragraphs": ["One.", "Two."],
            "link": "https://example.org/2",
            "source": "Fars",
        },
    ]
    items = read("day.json", json.dumps(data).encode())
    assert all(isinstance(i, InputRecord) for i in items)
    first, second = items
    assert isinstance(first, InputRecord) and isinstance(second, InputRecord)
    assert (first.text, str(first.published), first.url) == (
        "Body text here.",
        "2015-07-21",
        "https://example.org/1",
    )
    assert second.text == "One.\n\nTwo."


def test_html_main_text_and_metadata() -> None:
    html = """<html><head><title>Dam review begins</title>
    <meta property="og:site_name" content="The Basin Monitor">
    <meta property="article:published_time" content="2025-03-11"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Dam review begins</h1>
    <p>Engineers from both countries started a full safety review of the dam on Monday morning.</p>
    <p>The team of 120 engineers will finish its work within three weeks, officials said.</p>
    </article><footer>Copyright notice</footer></body></html>"""
    (record,) = read("page.html", html.encode())
    assert isinstance(record, InputRecord)
    assert record.source == "The Basin Monitor"
    assert str(record.published) == "2025-03-11"
    assert "120 engineers" in record.text
    assert "Copyright" not in record.text


def test_html_without_text_is_rejected() -> None:
    (rejection,) = read("empty.html", b"<html><body><nav>Home</nav></body></html>")
    assert isinstance(rejection, Rejection)


def test_stored_copy_header_gives_outlet_address_day_and_language() -> None:
    page = (
        b"SOURCE: Harbor Post | URL: https://example.org/a | DATE: 2025-03-10 | LANG: en "
        b"| NOTE: first 2,000 characters\n"
        b"Engineers inspect the Zaran dam\n\n"
        b"The commission said on Monday that 120 engineers inspected the dam.\n"
    )
    (record,) = read("harbor.txt", page)
    assert isinstance(record, InputRecord)
    assert (record.source, record.url, record.language) == (
        "Harbor Post",
        "https://example.org/a",
        "en",
    )
    assert record.published == dt.date(2025, 3, 10)
    assert record.title == "Engineers inspect the Zaran dam"
    assert record.text.startswith("SOURCE:")  # kept as received; the header is chrome


def test_stored_copy_header_line_is_chrome() -> None:
    from workbench.ingest.scraped import is_chrome

    assert is_chrome("SOURCE: Harbor Post | URL: https://example.org/a | DATE: 2025-03-10")
    assert not is_chrome("SOURCE: officials said the dam was inspected.")
