"""Readers: one file in, :class:`InputRecord` or :class:`Rejection` out, one per article.

Formats by extension: scraped text (``.txt``, ``.text``, no extension), JSON Lines
(``.jsonl``, ``.ndjson``), JSON (an array of records or one record), CSV/TSV, and HTML (main
text by trafilatura). Field names accept common aliases (``content`` for ``text``, ...).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from workbench.ingest.decode import InputError, decode_bytes
from workbench.ingest.scraped import page_meta
from workbench.models import InputRecord, Note, Rejection

Item = InputRecord | Rejection  # Notes are Rejections that do not stop the record

_ISO_CODE = re.compile(r"^[a-z]{2,3}$")
TEXT_SUFFIXES = frozenset({"", ".txt", ".text"})
SUFFIXES = TEXT_SUFFIXES | {".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".html", ".htm"}

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
        fields["text"] = "\n\n".join(str(p) for p in fields["text"])
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
            f"{'.'.join(map(str, e['loc'])) or 'record'}: {e['msg']}" for e in error.errors()
        )
        raise InputError(problems) from None


def _read_text_page(text: str, name: str, default_source: str | None) -> Iterator[Item]:
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


def _read_jsonl(text: str, name: str, default_source: str | None) -> Iterator[Item]:
    # Only "\n" ends a record: U+2028, U+0085 and friends may sit inside JSON strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        notes: list[str] = []
        try:
            yield to_record(json.loads(line), default_source=default_source, notes=notes)
            yield from (Note(path=name, line=number, reason=n) for n in notes)
        except json.JSONDecodeError as error:
            yield Rejection(path=name, line=number, reason=f"not valid JSON: {error.msg}")
        except InputError as error:
            yield Rejection(path=name, line=number, reason=str(error))


def _read_json(text: str, name: str, default_source: str | None) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield Rejection(path=name, line=error.lineno, reason=f"not valid JSON: {error.msg}")
        return
    for number, raw in enumerate(data if isinstance(data, list) else [data], start=1):
        notes: list[str] = []
        try:
            yield to_record(raw, default_source=default_source, notes=notes)
            yield from (Note(path=name, reason=f"record {number}: {n}") for n in notes)
        except InputError as error:
            yield Rejection(path=name, reason=f"record {number}: {error}")


def _read_csv(text: str, name: str, default_source: str | None, delimiter: str) -> Iterator[Item]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = set(reader.fieldnames or [])
    missing = [f for f in ("text", "source") if not columns & set(_ALIASES[f])]
    if default_source and "source" in missing:
        missing.remove("source")
    if missing:
        yield Rejection(path=name, reason=f"missing column(s): {', '.join(missing)}")
        return
    try:
        for row in reader:
            notes: list[str] = []
            try:
                yield to_record(row, default_source=default_source, notes=notes)
                yield from (Note(path=name, line=reader.line_num, reason=n) for n in notes)
            except InputError as error:
                yield Rejection(path=name, line=reader.line_num, reason=str(error))
    except csv.Error as error:
        yield Rejection(path=name, line=reader.line_num, reason=f"malformed CSV: {error}")


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


def read_records(
    path: Path, name: str, data: bytes, *, default_source: str | None = None
) -> Iterator[Item]:
    """Parse one file's bytes into records (or rejections naming ``name`` and a reason)."""
    suffix = path.suffix.lower()
    try:
        text = decode_bytes(data, line_oriented=suffix in {".jsonl", ".ndjson", ".csv", ".tsv"})
    except InputError as error:
        yield Rejection(path=name, reason=str(error))
        return
    if suffix in {".jsonl", ".ndjson"}:
        yield from _read_jsonl(text, name, default_source)
    elif suffix == ".json":
        yield from _read_json(text, name, default_source)
    elif suffix in {".csv", ".tsv"}:
        yield from _read_csv(text, name, default_source, "\t" if suffix == ".tsv" else ",")
    elif suffix in {".html", ".htm"}:
        yield from _read_html(text, name, default_source)
    else:
        yield from _read_text_page(text, name, default_source)
