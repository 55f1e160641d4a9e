"""Scraped text pages: tell site chrome from content, and read the outlet and date they show.

Pages like ../shared/seeds/ carry a "Site icon NAME" line, a " date 2025-09-13 En" line,
"Exit mobile version" and similar furniture around the article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from workbench.text.lexicon import canonical_outlet, is_generic_source, is_known_outlet
from workbench.text.normalise import normalise
from workbench.text.segment import split_sentences

# A stored-copy header line: "SOURCE: outlet | URL: address | DATE: 2023-10-07 | LANG: fa | ...".
_HEADER = re.compile(
    r"^\s*SOURCE:\s*(?P<source>[^|\n]{1,120}?)\s*\|\s*URL:\s*(?P<url>[^|\s]{0,2000})\s*"
    r"(?:\|\s*DATE:\s*(?P<date>\d{4}-\d{2}-\d{2})[^|\n]{0,40})?"
    r"(?:\|\s*LANG:\s*(?P<lang>[a-z]{2,3})\b[^|\n]{0,40})?(?:\|[^\n]{0,2000})?$"
)
_SITE_ICON = re.compile(r"^\s*+site icon\s++(.{2,80}?)\s*+$", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"^\s*+(?:date|published|publication date|updated|تاريخ النشر|تاریخ انتشار)(?:\s*+:\s*+|\s++)"
    r"(\d{4}-\d{2}-\d{2})(?:[T\s].*)?$",
    re.IGNORECASE,
)
_CHROME = frozenset(
    normalise(line)
    for line in (
        "Exit mobile version",
        "Skip to content",
        "Share",
        "Share this",
        "Read more",
        "Print",
        "Tweet",
        "اقرأ أيضا",
        "اقرأ أيضاً",
        "شارك",
        "مشاركة",
        "طباعة",
        "بیشتر بخوانید",
        "اشتراک گذاری",
        "چاپ",
        "Lire aussi",
        "Devamını oku",
    )
)
# Tag lists under an article: "سمات الأهلي الشباب", "Tags: Syria, Damascus", "برچسب‌ها: ...".
_TAG_LINE = re.compile(
    r"^\s*(?:سمات|الوسوم|وسوم|الكلمات الدلالية|كلمات دلالية|برچسب(?:\u200c?ها)?|"
    r"tags|étiquettes|etiketler|mots-clés)\s*[:：]?\s",
    re.IGNORECASE,
)
_TAG_LINE_WORDS = 15
#: Furniture is short: longer lines (a header line is the longest) are content, unread here.
CHROME_MAX_CHARS = 5000
_REPORTED_BY = re.compile(
    r"(?:به گزارش|according to|selon)\s+([^,،:.\"«»()]{2,40}?)(?=\s+(?:به نقل از|citing)|[,،:.])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PageMeta:
    """What a scraped page says about itself."""

    source: str | None = None
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    language: str | None = None


def is_chrome(line: str) -> bool:
    """True for lines that are site furniture, not article content."""
    if len(line) > CHROME_MAX_CHARS:
        return False
    if _SITE_ICON.match(line) or _DATE_LINE.match(line) or _HEADER.match(line):
        return True
    if _TAG_LINE.match(line) and len(line.split()) <= _TAG_LINE_WORDS:
        return True
    return len(line) < 40 and normalise(line) in _CHROME


def _site_icon(line: str) -> re.Match[str] | None:
    return _SITE_ICON.match(line) if len(line) <= CHROME_MAX_CHARS else None


def _date(line: str) -> dt.date | None:
    match = _DATE_LINE.match(line) if len(line) <= CHROME_MAX_CHARS else None
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def _plausible(name: str) -> bool:
    # A known outlet, a capitalised Latin name, or Arabic-script words that are not generic.
    words = name.split()
    if not words or is_generic_source(name):
        return False
    return is_known_outlet(name) or not words[0].isascii() or words[0][:1].isupper()


def page_meta(text: str) -> PageMeta:
    """Outlet (from "Site icon NAME" or "به گزارش NAME"), date and headline of a scraped page;
    or all of them from a stored-copy header line (``SOURCE: ... | URL: ... | DATE: ...``)."""
    lines = [line for line in text.splitlines() if line.strip()]
    header = _HEADER.match(lines[0]) if lines and len(lines[0]) <= CHROME_MAX_CHARS else None
    if header:
        day = header.group("date")
        return PageMeta(
            source=canonical_outlet(header.group("source")),
            published=dt.date.fromisoformat(day) if day else None,
            title=_title([line.strip() for line in lines[1:] if not is_chrome(line)]),
            url=header.group("url") or None,
            language=header.group("lang"),
        )
    source = next((m.group(1) for line in lines if (m := _site_icon(line))), None)
    if source is None:
        reported = _REPORTED_BY.search(text[:3000])
        source = reported.group(1).strip() if reported and _plausible(reported.group(1)) else None
    published = next((d for line in lines if (d := _date(line)) is not None), None)
    content = [line.strip() for line in lines if not is_chrome(line)]
    return PageMeta(
        source=canonical_outlet(source) if source else None,
        published=published,
        title=_title(content),
    )


def _title(content: list[str]) -> str | None:
    # A headline is one short sentence on its own line; a first paragraph is not a title.
    first = content[0] if content else ""
    if first and len(first.split()) <= 25 and len(split_sentences(first)) == 1:
        return first
    return None
