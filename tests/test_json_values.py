"""JSON files are streamed a record at a time: same records as reading them whole, one bad
record costs itself (or, where the file cannot be read past it, only what follows), and the
file-size limit no longer applies to them."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.ingest.json_values import JsonValues, Value
from workbench.ingest.readers import read_records
from workbench.jobs.ingest import ingest
from workbench.models import InputRecord, Rejection
from workbench.settings import Settings
from workbench.store import Store

LIMIT = "record limit"


def _values(data: bytes, max_chars: int = 10_000_000, chunk: int = 1 << 20) -> list[Value]:
    values = JsonValues(io.BytesIO(data), max_chars=max_chars, limit_name=LIMIT, chunk_chars=chunk)
    return list(values)


def _record(i: int, words: int = 8) -> dict[str, Any]:
    return {"id": f"r{i}", "source": "Wire", "text": " ".join(["word"] * words) + f" {i}."}


json_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=30)
json_data = st.recursive(
    json_scalars | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(
    items=st.lists(json_data, max_size=8),
    chunk=st.integers(1, 40),
    indent=st.sampled_from([None, 1]),
)
def test_any_array_reads_as_json_loads_reads_it(
    items: list[Any], chunk: int, indent: int | None
) -> None:
    data = json.dumps(items, indent=indent, ensure_ascii=False).encode()
    got = _values(data, chunk=chunk)  # elements cut at every window boundary
    assert [v.problem for v in got] == [None] * len(items)
    assert [v.value for v in got] == json.loads(data)


def test_a_number_cut_by_the_window_is_read_whole() -> None:
    assert [v.value for v in _values(b"[1234567, 89]", chunk=3)] == [1234567, 89]
    assert [v.value for v in _values(b"1234567", chunk=3)] == [1234567]


def test_records_carry_their_number_and_line() -> None:
    data = json.dumps([_record(1), _record(2), _record(3)], indent=2).encode()
    got = _values(data)
    assert [v.number for v in got] == [1, 2, 3]
    assert [v.line for v in got] == [2, 7, 12]


def test_a_record_over_the_limit_costs_only_itself() -> None:
    data = json.dumps([_record(1), _record(2, words=5000), _record(3)]).encode()
    items = list(read_records(Path("f.json"), "f.json", data, max_record_mb=0.01))
    assert [i.id for i in items if isinstance(i, InputRecord)] == ["r1", "r3"]
    (rejection,) = [i for i in items if isinstance(i, Rejection)]
    assert rejection.reason.startswith("record 2: record is over the 0.01 MB record limit")


def test_invalid_json_keeps_the_records_before_it_and_names_its_line() -> None:
    good = ",\n".join(json.dumps(_record(i)) for i in range(1, 4))
    data = f'[\n{good},\n{{"text": oops}},\n{json.dumps(_record(5))}\n]'.encode()
    items = list(read_records(Path("f.json"), "f.json", data))
    assert [i.id for i in items if isinstance(i, InputRecord)] == ["r1", "r2", "r3"]
    (rejection,) = [i for i in items if isinstance(i, Rejection)]
    assert rejection.line == 5
    assert rejection.reason == (
        "record 4: not valid JSON: Expecting value; the rest of the file is not read"
    )


@pytest.mark.parametrize(
    ("tail", "reason"),
    [
        pytest.param(b" {}", "more after its end", id="a second document"),
        pytest.param(b"", "", id="nothing after"),
    ],
)
def test_what_follows_the_array_is_named(tail: bytes, reason: str) -> None:
    got = _values(b"[" + json.dumps(_record(1)).encode() + b"]" + tail)
    assert got[0].value == _record(1)
    assert [v.problem for v in got[1:]] == (
        [f"not valid JSON: {reason}; the rest of the file is not read"] if reason else []
    )


def test_a_missing_comma_ends_the_file_after_the_good_records() -> None:
    got = _values(b'[{"a": 1} {"b": 2}]')
    assert got[0].value == {"a": 1}
    assert got[1].final and "expected ',' or ']'" in (got[1].problem or "")


def test_bytes_not_valid_utf8_cost_only_their_record() -> None:
    arabic = json.dumps({"text": "وقعت الدولتان اتفاقا لتقاسم المياه"}, ensure_ascii=False)
    data = f"[{arabic}, ".encode() + b'{"text": "caf\xe9"}, ' + f"{arabic}]".encode()
    got = _values(data)
    assert [v.value for v in got] == [json.loads(arabic), None, json.loads(arabic)]
    assert got[1].problem == "bytes not valid utf-8"


def test_a_json_array_over_the_file_limit_is_ingested(db: Path, tmp_path: Path) -> None:
    """max_file_mb no longer applies to JSON: 0.15 MB of records under a 0.1 MB file limit."""
    records = [_record(i, words=30) for i in range(1000)]
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(records))
    assert path.stat().st_size > 150_000
    report = ingest([path], Store(db), Settings(db=db, workers=1, max_file_mb=0.1))
    assert report.rejected == [] and report.ingested == len(records)


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        pytest.param(b'{"text": ' + b"9" * 6000 + b"}", "digits", id="a 6,000-digit number"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, "nested too deeply", id="deep"),
        pytest.param(b'{"text": NaN}', "NaN is not a JSON number", id="NaN"),
    ],
)
def test_a_record_no_parser_can_read_keeps_the_records_before_it(bad: bytes, reason: str) -> None:
    """The shapes that crash ijson's C backend or stall its Python one, inside an array."""
    good = json.dumps(_record(1)).encode()
    items = list(
        read_records(Path("f.json"), "f.json", b"[" + good + b", " + bad + b", " + good + b"]")
    )
    assert isinstance(items[0], InputRecord) and items[0].id == "r1"
    (rejection,) = items[1:]
    assert isinstance(rejection, Rejection) and reason in rejection.reason
    assert (
        rejection.reason.startswith("record 2: ")
        and "the rest of the file is not read" in rejection.reason
    )
