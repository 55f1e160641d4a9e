"""Pure: one :class:`InputRecord` to one :class:`Article` with its claims and anchors."""

from __future__ import annotations

import datetime as dt

from workbench.ids import stable_id
from workbench.ingest.scraped import is_chrome
from workbench.models import Article, Claim, InputRecord
from workbench.settings import Settings
from workbench.text.anchors import find_anchors
from workbench.text.attribution import origin_chain
from workbench.text.language import detect_language
from workbench.text.normalise import normalise, strip_bidi
from workbench.text.segment import Span, cap_span, split_sentences


def article_id(source: str, text: str) -> str:
    """Article id: hash of the normalised outlet name and the normalised text."""
    return stable_id("article", normalise(source), normalise(text))


def _line_spans(line: str, limit: int) -> list[tuple[int, int]]:
    """Sentence ranges of one line (from its start) outside site chrome, cut to ``limit``."""
    if not line.strip() or is_chrome(line):
        return []
    body = line.rstrip("\r\n")
    ranges: list[tuple[int, int]] = []
    for span in split_sentences(body):
        if not is_chrome(body[span.start : span.end]):  # "... امس. سمات الأهلي"
            ranges.extend((piece.start, piece.end) for piece in cap_span(body, span, limit))
    return ranges


def content_spans(text: str, settings: Settings) -> list[Span]:
    """Sentence spans of ``text`` outside site chrome, cut to the claim-size limit.

    A line repeated in the text (menus, captions, a pasted paragraph) is split once.
    """
    spans: list[Span] = []
    position = 0
    split: dict[str, list[tuple[int, int]]] = {}
    for line in text.splitlines(keepends=True):
        ranges = split.get(line)
        if ranges is None:
            ranges = split[line] = _line_spans(line, settings.max_claim_chars)
        spans.extend(Span(position + start, position + end) for start, end in ranges)
        position += len(line)
    return spans


def _claim(
    aid: str,
    field: str,
    source_text: str,
    span: Span,
    hint: str,
    published: dt.date | None,
    seen: set[str],
    seen_raw: set[str],
    min_words: int,
) -> Claim | None:
    raw = source_text[span.start : span.end]
    if raw in seen_raw:
        return None  # the same characters as an earlier sentence: not even normalised again
    seen_raw.add(raw)
    text = strip_bidi(raw).strip()
    norm = normalise(text)
    if not norm or len(norm.split()) < min_words:
        return None  # a fragment (menu, byline, caption)
    claim_id = stable_id("claim", aid, norm)
    if claim_id in seen:
        return None  # a repeated sentence: costs its id, not its language and anchors
    return Claim(
        claim_id=claim_id,
        article_id=aid,
        position=0,
        field=field,
        start=span.start,
        end=span.end,
        text=text,
        norm_text=norm,
        language=detect_language(text, hint=hint, norm=norm),
        anchors=find_anchors(text, published=published),
    )


def _candidate_spans(record: InputRecord, settings: Settings) -> list[tuple[str, str, Span]]:
    body = [("text", record.text, s) for s in content_spans(record.text, settings)]
    title = (record.title or "").strip()
    if title and len(title) <= settings.max_claim_chars:
        first = body[0][2] if body else None
        first_text = record.text[first.start : first.end] if first else ""
        if normalise(first_text) != normalise(title):  # a headline already in the body
            start = record.title.index(title) if record.title else 0
            body.insert(0, ("title", record.title or "", Span(start, start + len(title))))
    return body


def build_claims(aid: str, record: InputRecord, language: str, settings: Settings) -> list[Claim]:
    """Claims of one article, in reading order, without fragments or repeated sentences."""
    claims: list[Claim] = []
    seen: set[str] = set()
    seen_raw: set[str] = set()
    for field, source_text, span in _candidate_spans(record, settings):
        claim = _claim(
            aid,
            field,
            source_text,
            span,
            language,
            record.published,
            seen,
            seen_raw,
            settings.min_claim_words,
        )
        if claim is None:
            continue
        seen.add(claim.claim_id)
        claims.append(claim.model_copy(update={"position": len(claims)}))
    return claims


def build_article(
    record: InputRecord,
    *,
    ref: str,
    input_path: str,
    settings: Settings,
    now: dt.datetime,
    aid: str | None = None,
) -> Article:
    """Turn one record into an article with claims (pure: no I/O, same input -> same ids).

    ``aid`` is the record's :func:`article_id` when the caller has computed it already.
    """
    aid = aid or article_id(record.source, record.text)
    language = record.language or detect_language(record.text)
    return Article(
        article_id=aid,
        article_ref=record.id or ref,
        source=" ".join(record.source.split()),
        url=record.url,
        title=record.title,
        published=record.published,
        language=language,
        origin_chain=origin_chain(record.text),
        text=record.text,
        input_path=input_path,
        ingested_at=now,
        claims=build_claims(aid, record, language, settings),
    )
