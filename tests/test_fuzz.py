"""Hypothesis against the readers and the text pipeline: arbitrary bytes and Unicode never
raise, and a good record is never lost among bad ones."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.ingest.build import build_article
from workbench.ingest.readers import read_records
from workbench.models import InputRecord, Rejection
from workbench.settings import Settings
from workbench.text.anchors import find_anchors
from workbench.text.normalise import normalise, strip_bidi
from workbench.text.segment import split_sentences

SUFFIXES = [".txt", ".jsonl", ".json", ".csv", ".tsv", ".html", ".md"]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
GOOD = {"id": "good", "source": "Wire", "text": "The minister said the dam opened on Monday."}


@FAST
@given(st.binary(max_size=4000), st.sampled_from(SUFFIXES))
def test_readers_never_raise_on_arbitrary_bytes(data: bytes, suffix: str) -> None:
    items = list(read_records(Path(f"x{suffix}"), f"x{suffix}", data))
    assert all(isinstance(i, InputRecord | Rejection) for i in items)
    assert all(str(i).startswith("x") for i in items if isinstance(i, Rejection))


@FAST
@given(st.lists(st.text(max_size=200), max_size=6), st.integers(0, 6))
def test_a_good_jsonl_record_survives_any_bad_lines_around_it(bad: list[str], at: int) -> None:
    lines = [line.replace("\n", " ").replace("\r", " ") for line in bad]
    lines.insert(min(at, len(lines)), json.dumps(GOOD))
    data = "\n".join(lines).encode("utf-8")
    records = [
        i for i in read_records(Path("f.jsonl"), "f.jsonl", data) if isinstance(i, InputRecord)
    ]
    assert any(r.id == "good" and r.text == GOOD["text"] for r in records)


@FAST
@given(st.text(max_size=600))
def test_normalise_is_idempotent_and_strips_bidi(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert not any(
        c in strip_bidi(text) for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    )


@FAST
@given(st.text(max_size=600), st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1)))
def test_segmentation_and_anchors_never_raise(text: str, published: dt.date) -> None:
    for span in split_sentences(text):
        assert 0 <= span.start <= span.end <= len(text)
        for anchor in find_anchors(text[span.start : span.end], published=published):
            assert 0 <= anchor.start <= anchor.end


@FAST
@given(st.text(min_size=1, max_size=800).filter(lambda t: any(c.isalpha() for c in t)))
def test_building_an_article_from_any_text_never_raises(text: str) -> None:
    record = InputRecord(source="Wire", text=text)
    article = build_article(
        record, ref="x", input_path="x.txt", settings=Settings(), now=dt.datetime(2026, 1, 1)
    )
    for claim in article.claims:
        assert not any(
            c in claim.text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        )
