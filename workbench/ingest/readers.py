"""Readers: one file in, :class:`InputRecord` or :class:`Rejection` out, one per article.

Formats by extension: scraped text (``.txt``, ``.text``, no extension), JSON Lines
(``.jsonl``, ``.ndjson``), JSON (an array of records or one record), CSV/TSV, and HTML (main
text by trafilatura). Field names accept common aliases (``content`` for ``text``, ...).

JSON Lines and CSV are streamed (:mod:`workbench.ingest.lines`): a record over
``max_record_mb`` is rejected and skipped, and memory stays that of one record whatever the
file's size. Every record stands alone: a bad one (invalid JSON, a number past Python's
4,300 digits, nesting past the recursion limit, a broken CSV row) is one rejection naming its
line, and the file goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from workbench.ingest.decode import InputError, decode_bytes
from workbench.ingest.json_values import JsonValues, no_constant, unread
from workbench.ingest.lines import Line, Lines
from workbench.ingest.scraped import page_meta
from workbench.models import InputRecord, Note, Rejection
from workbench.settings import Settings

Item = InputRecord | Rejection  # Notes are Rejections that do not stop the record

_ISO_CODE = re.compile(r"^[a-z]{2,3}$")
TEXT_SUFFIXES = frozenset({"", ".txt", ".text"})
LINE_SUFFIXES = frozenset({".jsonl", ".ndjson", ".csv", ".tsv"})
#: Read a record at a time under ``max_record_mb``; the other formats are read whole.
STREAMED_SUFFIXES = LINE_SUFFIXES | {".json"}
SUFFIXES = TEXT_SUFFIXES | STREAMED_SUFFIXES | {".html", ".htm"}
#: Lone surrogates (a JSON ``\ud800`` escape) cannot be stored or shown as text.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Control characters other than tab and line ends (a JSON ``\u0000`` escape, a NUL byte).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")

_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article", "paragraphs"),
    "source": ("source", "outlet", "site", "sitename", "publisher"),
    "published": (
        "published",
        "date",
        "published_at",
        "pubdate",
        "date_published",
        "date_extracted",
    ),
    "url": ("url", "link"),
    "id": ("id", "article_id", "guid"),
    "title": ("title", "headline"),
    "language": ("language", "lang"),
}


def _pick(raw: Mapping[str, Any], field: str) -> Any:
    for name in _ALIASES[field]:
        value = raw.get(name)
        if value not in (None, ""):
            return value
    return None


def _day(value: Any) -> tuple[dt.date | None, str | None]:
    if value is None or isinstance(value, dt.date):
        return value, None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]), None
    except ValueError:
        return None, f"published {text[:40]!r} is not an ISO date; kept without a date"


def _clean(field: str, value: str, notes: list[str] | None) -> str:
    # Characters no store, page or terminal should receive; said once per field.
    cleaned = _CONTROL.sub("", _SURROGATE.sub("\ufffd", value))
    if cleaned != value and notes is not None:
        notes.append(f"{field}: control characters or lone surrogate escapes removed")
    return cleaned


def to_record(
    raw: Mapping[str, Any], *, default_source: str | None = None, notes: list[str] | None = None
) -> InputRecord:
    """Validate one raw mapping (a JSON object or CSV row) into an :class:`InputRecord`.

    A problem that need not lose the record (an unreadable date) is appended to ``notes``.

    Raises:
        InputError: with the fields that are missing or invalid.
    """
    if not isinstance(raw, Mapping):
        raise InputError(f"record is a JSON {type(raw).__name__}, not an object")
    fields = {f: _pick(raw, f) for f in _ALIASES}
    if isinstance(fields["text"], list):
        if not all(isinstance(p, str) for p in fields["text"]):
            raise InputError("text: a list of paragraphs must hold only strings")
        fields["text"] = "\n\n".join(fields["text"])
    for field, value in fields.items():
        if isinstance(value, str):
            fields[field] = _clean(field, value, notes)
    if isinstance(fields["id"], int) and not isinstance(fields["id"], bool):
        fields["id"] = str(fields["id"])
    elif not isinstance(fields["id"], str):
        fields["id"] = None  # true, a list, an object: no usable id; the file name serves
    language = fields["language"]
    if not (isinstance(language, str) and _ISO_CODE.match(language.strip().lower())):
        fields["language"] = None  # not an ISO 639 code: detect it instead
    else:
        fields["language"] = language.strip().lower()
    fields["source"] = fields["source"] or default_source
    fields["published"], problem = _day(fields["published"])
    if problem and notes is not None:
        notes.append(problem)
    try:
        return InputRecord.model_validate({k: v for k, v in fields.items() if v is not None})
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'record'}: {_problem(e)}" for e in error.errors()
        )
        raise InputError(problems) from None


#: pydantic's error types, in the words of a rejection line ("text: missing").
_PROBLEMS = {"missing": "missing", "string_too_short": "empty", "string_type": "not text"}


def _problem(error: Any) -> str:
    """One field's problem in plain words: a validator's own message without pydantic's
    "Value error, " before it, a few common types by name, else pydantic's message."""
    if error["type"] == "value_error" and "error" in error.get("ctx", {}):
        return str(error["ctx"]["error"])
    return _PROBLEMS.get(error["type"], str(error["msg"]))


def _read_text_page(text: str, name: str, default_source: str | None) -> Iterator[Item]:
    notes: list[str] = []
    text = _clean("text", text, notes)
    meta = page_meta(text)
    source = default_source or meta.source
    if not source:
        yield Rejection(
            path=name, reason="no outlet name in the text (no 'Site icon NAME' line); pass --source"
        )
        return
    yield InputRecord(
        source=source,
        text=text,
        published=meta.published,
        title=meta.title,
        url=meta.url,
        language=meta.language,
    )
    yield from (Note(path=name, reason=n) for n in notes)


def _json(text: str) -> Any:
    """``json.loads`` with every failure a one-line :class:`InputError` (never a crash)."""
    try:
        return json.loads(text, parse_constant=no_constant)
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg}") from None
    except (RecursionError, ValueError) as error:
        raise InputError(unread(error)) from None


def _record(raw: Any, default_source: str | None, notes: list[str]) -> InputRecord:
    try:
        return to_record(raw, default_source=default_source, notes=notes)
    except RecursionError:
        raise InputError("not read: a field nested too deeply") from None


def _read_jsonl(lines: Lines, name: str, default_source: str | None) -> Iterator[Item]:
    # Only "\n" ends a record: U+2028, U+0085 and friends may sit inside JSON strings.
    for line in lines:
        if line.problem:
            yield Rejection(path=name, line=line.number, reason=line.problem)
            continue
        if not line.text.strip():
            continue
        notes: list[str] = []
        try:
            yield _record(_json(line.text), default_source, notes)
            yield from (Note(path=name, line=line.number, reason=n) for n in notes)
        except InputError as error:
            yield Rejection(path=name, line=line.number, reason=str(error))


def _read_json(values: JsonValues, name: str, default_source: str | None) -> Iterator[Item]:
    for value in values:
        if value.problem:
            reason = f"record {value.number}: {value.problem}"
            yield Rejection(path=name, line=value.line, reason=reason)
            continue
        notes: list[str] = []
        try:
            yield _record(value.value, default_source, notes)
            yield from (
                Note(path=name, line=value.line, reason=f"record {value.number}: {n}")
                for n in notes
            )
        except InputError as error:
            reason = f"record {value.number}: {error}"
            yield Rejection(path=name, line=value.line, reason=reason)


class _Physical:
    """The text of each line for the csv module, remembering a line it could not have."""

    def __init__(self, lines: Lines) -> None:
        self._lines = iter(lines)
        self.trouble: Line | None = None  # the first bad line of the row being read
        self.number = 0

    def __iter__(self) -> _Physical:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.number = line.number
        if line.problem:
            self.trouble = self.trouble or line
            return "\n"  # the row it was in is rejected; the csv module sees a blank line
        return line.text


def _columns(header: list[str], name: str) -> tuple[dict[str, int], list[Item]]:
    index: dict[str, int] = {}
    notes: list[Item] = []
    for i, column in enumerate(header):
        if column in index:
            notes.append(
                Note(
                    path=name, line=1, reason=f"column {column!r} appears twice; the first is read"
                )
            )
        else:
            index[column] = i
    return index, notes


def _read_csv(
    lines: Lines, name: str, default_source: str | None, delimiter: str, max_chars: int
) -> Iterator[Item]:
    csv.field_size_limit(max_chars)  # a cell may be as large as a record, no larger
    physical = _Physical(lines)
    reader = csv.reader(physical, delimiter=delimiter)
    header: list[str] | None = None
    index: dict[str, int] = {}
    while True:
        start = physical.number + 1
        physical.trouble = None
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            yield Rejection(path=name, line=start, reason=f"malformed CSV: {error}")
            continue
        if physical.trouble is not None:
            trouble = physical.trouble
            yield Rejection(path=name, line=trouble.number, reason=trouble.problem or "unreadable")
            continue
        if not row:
            continue  # a blank line
        if header is None:
            header = row
            index, duplicates = _columns(header, name)
            yield from duplicates
            missing = [f for f in ("text", "source") if not index.keys() & set(_ALIASES[f])]
            if default_source and "source" in missing:
                missing.remove("source")
            if missing:
                yield Rejection(path=name, reason=f"missing column(s): {', '.join(missing)}")
                return
            continue
        fields = {column: row[i] for column, i in index.items() if i < len(row)}
        notes: list[str] = []
        try:
            yield to_record(fields, default_source=default_source, notes=notes)
            yield from (Note(path=name, line=start, reason=n) for n in notes)
        except InputError as error:
            yield Rejection(path=name, line=start, reason=str(error))


def _read_html(text: str, name: str, default_source: str | None) -> Iterator[Item]:
    import trafilatura  # heavy import, only when HTML is ingested

    found = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    data: dict[str, Any] = {}
    if found is not None:
        data = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    if not data.get("text"):
        yield Rejection(path=name, reason="no article text found in the HTML")
        return
    raw = {
        "text": data["text"],
        "title": data.get("title"),
        "url": data.get("url"),
        "published": data.get("date"),
        "source": default_source or data.get("sitename") or data.get("hostname"),
    }
    notes: list[str] = []
    try:
        yield to_record(raw, notes=notes)
        yield from (Note(path=name, reason=n) for n in notes)
    except InputError as error:
        yield Rejection(path=name, reason=str(error))


def _record_limit(max_record_mb: float) -> str:
    return f"{max_record_mb:g} MB record limit (max_record_mb / WORKBENCH_MAX_RECORD_MB)"


def read_records(
    path: Path,
    name: str,
    data: bytes | BinaryIO,
    *,
    default_source: str | None = None,
    max_record_mb: float = Settings.model_fields["max_record_mb"].default,
) -> Iterator[Item]:
    """Parse one file (its bytes, or a seekable binary handle) into records, or rejections
    naming ``name``, the line where there is one, and a reason.

    JSON, JSON Lines and CSV are streamed from a handle a record at a time; other formats
    are read whole.
    """
    suffix = path.suffix.lower()
    handle: BinaryIO = io.BytesIO(data) if isinstance(data, bytes) else data
    max_chars = int(max_record_mb * 1_000_000)
    limit_name = _record_limit(max_record_mb)
    if suffix == ".json":
        try:
            values = JsonValues(handle, max_chars=max_chars, limit_name=limit_name)
        except InputError as error:
            yield Rejection(path=name, reason=str(error))
            return
        try:
            yield from _read_json(values, name, default_source)
        finally:
            values.detach()
        return
    if suffix in LINE_SUFFIXES:
        try:
            lines = Lines(
                handle,
                newline="\n" if suffix in {".jsonl", ".ndjson"} else "",
                max_chars=max_chars,
                limit_name=limit_name,
            )
        except InputError as error:
            yield Rejection(path=name, reason=str(error))
            return
        try:
            if suffix in {".jsonl", ".ndjson"}:
                yield from _read_jsonl(lines, name, default_source)
            else:
                delimiter = "\t" if suffix == ".tsv" else ","
                yield from _read_csv(lines, name, default_source, delimiter, max_chars)
        finally:
            lines.detach()
        return
    try:
        text = decode_bytes(handle.read())
    except InputError as error:
        yield Rejection(path=name, reason=str(error))
        return
    if suffix in {".html", ".htm"}:
        yield from _read_html(text, name, default_source)
    else:
        yield from _read_text_page(text, name, default_source)
