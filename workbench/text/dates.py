"""Dates and weekdays in one sentence, in Gregorian, Jalali (Solar Hijri) and Hijri calendars.

:func:`find_dates` searches the sentence's *folded* copy (:mod:`workbench.text.sentence`,
:func:`~workbench.text.patterns.fold_for_search`): digits of every script become ASCII,
Arabic letter variants one Persian form, Latin letters lose case and accents. Every fold is
one character for one, so offsets found in the folded copy point into the original text.

Patterns are built from the month and weekday names of :mod:`workbench.text.calendar_names`
(CLDR's, and hand tables for what it lacks), one compiled regex per pattern family and
calendar: day-month(-year), month-day(-year) (English order), month-year, year with a year word,
numeric ``YYYY-MM-DD``, and weekday names. Overlapping candidates are resolved longest first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

import jdatetime
from hijridate import Gregorian, Hijri

from workbench.models import Anchor, AnchorKind
from workbench.text.calendar_names import (
    CAPITALISED_WEEKDAYS,
    HIJRI_MONTHS,
    JALALI_MONTHS,
    gregorian_months,
    weekday_names,
)
from workbench.text.patterns import (
    GAP,
    LB,
    LB_CLITIC,
    NUM_LB,
    RB,
    alternation,
    fold_for_search,
    keyed,
    select_longest,
    table_key,
)
from workbench.text.sentence import Sentence, prepare

GREGORIAN = "gregorian"
JALALI = "jalali"
HIJRI = "hijri"

# ----------------------------------------------------------------------------- tables

# Short month names that are also common words: only with a year in the same phrase.
_NEEDS_YEAR = frozenset(table_key(n) for n in ("مه", "می", "ماي"))
# English month names that are also common words: only when capitalised.
_CAPITALISED = frozenset(("may", "march"))

_FA_UNIT_ORDINALS = ("یکم", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم", "نهم")
_FA_ORDINALS: dict[int, tuple[str, ...]] = {
    1: ("اول", "نخست"),
    10: ("دهم",),
    11: ("یازدهم",),
    12: ("دوازدهم",),
    13: ("سیزدهم",),
    14: ("چهاردهم",),
    15: ("پانزدهم", "پونزدهم"),
    16: ("شانزدهم",),
    17: ("هفدهم", "هفتدهم"),
    18: ("هجدهم", "هیجدهم", "هژدهم"),
    19: ("نوزدهم",),
    20: ("بیستم",),
    30: ("سی ام", "سی اُم"),
    31: ("سی و یکم",),
}
for _n, _word in enumerate(_FA_UNIT_ORDINALS, start=1):
    _FA_ORDINALS[_n] = (*_FA_ORDINALS.get(_n, ()), _word)
    _FA_ORDINALS[20 + _n] = (f"بیست و {_word}",)

_AR_UNITS: tuple[str, ...] = ("الحادي", "الثاني", "الثالث", "الرابع", "الخامس")
_AR_UNITS += ("السادس", "السابع", "الثامن", "التاسع")
_AR_ORDINALS: dict[int, tuple[str, ...]] = {
    1: ("الأول",),
    10: ("العاشر",),
    20: ("العشرين",),
    30: ("الثلاثين",),
    31: ("الحادي والثلاثين",),
}
for _n, _word in enumerate(_AR_UNITS, start=1):
    if _n > 1:
        _AR_ORDINALS[_n] = (_word,)
    _AR_ORDINALS[10 + _n] = (f"{_word} عشر",)
    _AR_ORDINALS[20 + _n] = (f"{_word} والعشرين",)

_YEAR_RANGES = {
    GREGORIAN: r"(?:1[89]|2[01])[0-9]{2}",
    JALALI: r"1[34][0-9]{2}",
    HIJRI: r"1[3-5][0-9]{2}",
}
_SUFFIXES: dict[str, tuple[str, ...]] = {
    GREGORIAN: ("ميلادي", "ميلادية", "م"),
    JALALI: (
        "هجری شمسی",
        "شمسی",
        "خورشیدی",
        "ه ش",
        "ه.ش",
        "ه. ش",
        "هـ ش",
        "هـ.ش",
        "ه\u200d.ش",
        "ش",
    ),
    HIJRI: (
        *("هجری قمری", "قمری", "هجري", "هجرية", "للهجرة", "ه.ق", "ه. ق", "هـ.ق", "ه\u200d.ق"),
        *("ه ق", "هـ", "ه\u200d", "ه", "ق"),
    ),
}
# Words that make a bare 4-digit number a year when they stand right before it.
_YEAR_WORDS_BEFORE: dict[str, tuple[str, ...]] = {
    GREGORIAN: (
        *("سال", "اواخر", "اوایل", "اواسط", "ابتدای", "پایان"),
        *("عام", "سنة", "أواخر", "أوائل", "أواسط", "منتصف", "مطلع", "بداية", "نهاية", "منذ"),
        *("in", "since", "year", "during", "until", "early", "late", "mid", "mid-"),
        *("en", "depuis", "année", "l'année", "l'an"),
    ),
    JALALI: ("سال",),
    HIJRI: (),
}
# A Gregorian month named alone ("in June", "شباط/فبراير الماضي") is a date only after or
# before one of these words; its year comes from the sentence, the context or the reference.
_MONTH_ALONE_BEFORE = (
    "in", "since", "until", "by", "last", "next", "early", "late", "mid", "during",
    "en", "depuis", "dès", "fin", "début", "courant",
    "في", "خلال", "منذ", "حتى", "شهر", "در", "ماه",
)  # fmt: skip
_MONTH_ALONE_AFTER = (
    "الماضي", "المقبل", "القادم", "الحالي", "الجاري", "گذشته", "آینده",
    "dernier", "prochain", "ayında", "ayı",
)  # fmt: skip
# Words after a Gregorian year that make it one without a calendar suffix (Turkish).
_YEAR_WORDS_AFTER = ("yılı", "yılında", "yılının", "yılından", "'de", "'da", "'te", "'ta")

# ----------------------------------------------------------------------------- patterns


@dataclass(frozen=True)
class _Calendar:
    name: str
    months: dict[str, int]
    day_month: re.Pattern[str]
    month_day: re.Pattern[str] | None
    month_year: re.Pattern[str]
    year_before: re.Pattern[str] | None
    year_after: re.Pattern[str]
    #: A month named alone, after or before a time word (Gregorian only).
    month_alone: tuple[re.Pattern[str], ...]
    #: Any month name of this calendar as a word: a cheap test before the costly patterns run
    #: (a bare substring test passed on most Arabic sentences: "دی" in "الذي").
    month_names: re.Pattern[str]


def _suffix(calendar: str) -> str:
    return rf"(?:{GAP}(?:{alternation(_SUFFIXES[calendar])}){RB})"


def _year(calendar: str, year_range: str | None = None) -> str:
    digits = year_range or _YEAR_RANGES[calendar]
    return rf"(?<![0-9.,])(?P<year>{digits})(?![0-9]|[.,][0-9])"


def _month_word(calendar: str, names: Iterable[str]) -> str:
    """A month name standing as a word (Persian "دی ماه" too): every month pattern needs one."""
    after = rf"(?:{GAP}ماه)?" if calendar == JALALI else ""
    return rf"{LB}(?:{alternation(names)}){after}{RB}"


def _month(calendar: str, names: Iterable[str]) -> str:
    alt = alternation(names)
    after = rf"(?:{GAP}ماه)?" if calendar == JALALI else ""
    # A second name of the same month: "ديسمبر/ كانون الأول", "يونيو (حزيران)", "يونيو - حزيران".
    again = rf"(?:{alt}){RB}"
    dual = rf"(?:\s*[/-]\s*{again}|\s*\(\s*{again}\s*\)|\s+{again})?"
    dual = dual if calendar == GREGORIAN else ""
    return rf"{LB}(?P<month>{alt}){after}{RB}{dual}"


def _day() -> str:
    fa_days = alternation(n for names in _FA_ORDINALS.values() for n in names)
    ar_days = alternation(n for names in _AR_ORDINALS.values() for n in names)
    return (
        rf"(?:{NUM_LB}(?P<day>[0-9]{{1,2}})(?![0-9])(?:st|nd|rd|th|er|\.)?{GAP}"
        rf"(?:(?:of|من|de|del)\s+)?"
        rf"|{LB}(?P<dword>{fa_days}){RB}{GAP}"
        rf"|{LB_CLITIC}(?P<aword>{ar_days}){RB}\s+من\s+(?:شهر\s+)?)"
    )


# Between a month and its year: a year word ("من عام", "سال") or Spanish "de" / "del".
_YEAR_LINK = (
    rf"[\s\u200c,،]*(?:(?:من\s+)?(?:{alternation(('سال', 'عام', 'العام', 'سنة'))})\s+"
    r"|(?:de|del)\s+)?"
)


def _month_day(names: Iterable[str], year: str) -> re.Pattern[str] | None:
    """English order, Latin month names only: "December 8, 2024", "Dec. 8"."""
    latin = [n for n in names if fold_for_search(n).isascii()]
    if not latin:
        return None
    month = rf"{LB}(?P<month>{alternation(latin)}){RB}"
    day = r"(?P<day>[0-9]{1,2})(?![0-9])(?:st|nd|rd|th)?"
    return re.compile(rf"(?P<body>{month}\s*{day}{RB}(?:\s*(?:,\s*)?{year}{RB})?)")


def _year_before(calendar: str, suffix: str) -> re.Pattern[str] | None:
    """A year right after a year word: "سال ۲۰۱۹", "عام 2024", "in 2011"."""
    before = _YEAR_WORDS_BEFORE[calendar]
    if not before:
        return None
    word = rf"{LB_CLITIC}(?:ال)?(?:{alternation(before)}){RB}[\s\u200c]*(?:(?:of|من)\s+)?"
    only = r"19[0-9]{2}|20[0-9]{2}|2100" if calendar == GREGORIAN else None
    return re.compile(rf"{word}(?P<body>{_year(calendar, only)}{suffix}?){RB}")


def _year_after(calendar: str, suffix: str) -> re.Pattern[str]:
    """A year with a calendar word after it: "۱۴۰۳ ش", "1446 هـ", "2024م", "2024 yılında"."""
    if calendar == GREGORIAN:
        suffix = rf"(?:{suffix}|{GAP}(?:{alternation(_YEAR_WORDS_AFTER)}){RB})"
    return re.compile(rf"(?P<body>{_year(calendar)}{suffix})")


def _month_alone(calendar: str, month: str) -> tuple[re.Pattern[str], ...]:
    """ "in June", "en juin", "في شباط/فبراير", "ماه ژوئن", "June last": Gregorian only, since
    Jalali and Hijri month names alone are common words ("مهر", "تیر", "رمضان" the fast)."""
    if calendar != GREGORIAN:
        return ()
    before = rf"{LB_CLITIC}(?:{alternation(_MONTH_ALONE_BEFORE)}){GAP}(?:(?:of|de|d')\s*)?"
    after = rf"{GAP}(?:{alternation(_MONTH_ALONE_AFTER)}){RB}"
    return (
        re.compile(rf"{before}(?P<body>{month})"),
        re.compile(rf"(?P<body>{month}){after}"),
    )


def _calendar(name: str, table: dict[int, tuple[str, ...]]) -> _Calendar:
    names = [n for names in table.values() for n in names]
    month, year, suffix = _month(name, names), _year(name), _suffix(name)
    dated = rf"(?:{_YEAR_LINK}{year}{suffix}?{RB})"
    return _Calendar(
        name=name,
        months=keyed(table),
        day_month=re.compile(rf"(?P<body>{_day()}{month}{dated}?)"),
        month_day=_month_day(names, year),
        month_year=re.compile(rf"(?P<body>{month}{dated})"),
        year_before=_year_before(name, suffix),
        year_after=_year_after(name, suffix),
        month_alone=_month_alone(name, month),
        month_names=re.compile(_month_word(name, names)),
    )


_CALENDARS = (
    _calendar(GREGORIAN, gregorian_months()),
    _calendar(JALALI, JALALI_MONTHS),
    _calendar(HIJRI, HIJRI_MONTHS),
)
_ORDINALS = {**keyed(_FA_ORDINALS), **keyed(_AR_ORDINALS)}
_WEEKDAY_NAMES = {table_key(n): day for day, names in weekday_names().items() for n in names}
_WEEKDAY_RE = re.compile(
    rf"{LB_CLITIC}(?P<body>{alternation(n for ns in weekday_names().values() for n in ns)}){RB}"
)
# "الأسبوع الثالث من رمضان": after a definite noun an Arabic ordinal is an adjective.
_ADJECTIVE = re.compile(r"(?:^|[\s\u200c])ال[^\W\d_]+[\s\u200c]*$")
# "امام جمعه" (Friday-prayer leader) is a title, not a day.
_ORDINAL_WEEKDAYS = frozenset(table_key(n) for n in CAPITALISED_WEEKDAYS)
_NOT_A_DAY = re.compile(rf"{LB}(?:{alternation(('امام', 'امامان', 'ائمه'))})[\s\u200c]*$")
_NUMERIC_RE = re.compile(
    rf"(?P<body>{NUM_LB}(?<!-)(?P<year>[0-9]{{4}})(?P<sep>[-/.])(?P<month>[0-9]{{1,2}})"
    rf"(?P=sep)(?P<day>[0-9]{{1,2}})(?![0-9])(?P<hijri>{_suffix(HIJRI)})?)"
)

# ----------------------------------------------------------------------------- candidates


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    calendar: str = ""
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: str = ""


def _day_of(groups: Mapping[str, str | None]) -> int | None:
    if groups.get("day"):
        return int(groups["day"] or 0)
    word = groups.get("dword") or groups.get("aword")
    return _ORDINALS.get(table_key(word)) if word else None


def _rejected(match: re.Match[str], text: str) -> bool:
    """Month words that are something else here: "may 2" (a verb: English month names are
    capitalised), "2. May be" (a sentence ends), "۵ می شود" (a verb prefix), "الأسبوع الثالث
    من" (an adjective)."""
    groups = match.groupdict()
    month_text = groups.get("month")
    key = table_key(month_text) if month_text else ""
    if key in _CAPITALISED and text[match.start("month")].islower():
        return True
    if key in _CAPITALISED and groups.get("day") and match.string[match.end("day")] == ".":
        return True  # "Page 2. May be": "15. März" is German, "2. May" ends a sentence
    if key in _NEEDS_YEAR and groups.get("year") is None:
        return True
    if groups.get("aword"):
        return (
            _ADJECTIVE.search(match.string, max(0, match.start() - 30), match.start()) is not None
        )
    return False


def _hit(calendar: _Calendar, match: re.Match[str]) -> _Hit | None:
    groups = match.groupdict()
    month_text, year_text = groups.get("month"), groups.get("year")
    month = calendar.months.get(table_key(month_text)) if month_text else None
    if month_text and month is None:
        return None
    year = int(year_text) if year_text else None
    start, end = match.span("body")
    return _Hit(start, end, calendar.name, year, month, _day_of(groups))


_FOUR_DIGITS = re.compile(r"(?<![0-9])[12][0-9]{3}(?![0-9])")


def _calendar_hits(calendar: _Calendar, folded: str, text: str) -> Iterator[_Hit]:
    # Month patterns need a month name, year patterns a four-digit year: test cheaply first.
    has_month = calendar.month_names.search(folded) is not None
    has_year = _FOUR_DIGITS.search(folded) is not None
    patterns = (
        (calendar.day_month, has_month),
        (calendar.month_day, has_month),
        (calendar.month_year, has_month),
        (calendar.year_before, has_year),
        (calendar.year_after, has_year),
        *((pattern, has_month) for pattern in calendar.month_alone),
    )
    for pattern, possible in patterns:
        if pattern is None or not possible:
            continue
        for match in pattern.finditer(folded):
            hit = None if _rejected(match, text) else _hit(calendar, match)
            if hit is not None:
                yield hit


def _numeric_hits(folded: str) -> Iterator[_Hit]:
    for match in _NUMERIC_RE.finditer(folded):
        year = int(match["year"])
        if match["hijri"] and 1300 <= year <= 1599:
            calendar = HIJRI
        elif 1300 <= year <= 1499:
            calendar = JALALI
        elif 1900 <= year <= 2100:
            calendar = GREGORIAN
        else:
            continue
        yield _Hit(*match.span("body"), calendar, year, int(match["month"]), int(match["day"]))


def _weekday_hits(folded: str, text: str) -> Iterator[_Hit]:
    for match in _WEEKDAY_RE.finditer(folded):
        key = table_key(match["body"])
        day = _WEEKDAY_NAMES.get(key)
        if key in _ORDINAL_WEEKDAYS and text[match.start("body")].islower():
            continue  # "την τρίτη μεγαλύτερη πόλη": the third largest city
        if day and not _NOT_A_DAY.search(folded, max(0, match.start() - 20), match.start()):
            yield _Hit(*match.span("body"), weekday=day)


# ----------------------------------------------------------------------------- values


def _to_gregorian(calendar: str, year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian day of a calendar date, or None when the date does not exist."""
    try:
        if calendar == JALALI:
            result: dt.date = jdatetime.date(year, month, day).togregorian()
            return result
        if calendar == HIJRI:
            return dt.date(*Hijri(year, month, day).to_gregorian().datetuple())
        return dt.date(year, month, day)
    except (ValueError, OverflowError, ArithmeticError, TypeError):
        return None


def _span_value(
    calendar: str, first: tuple[int, int, int], after: tuple[int, int, int]
) -> str | None:
    """ISO interval from the day ``first`` to the day before ``after`` (both in ``calendar``)."""
    start = _to_gregorian(calendar, *first)
    stop = _to_gregorian(calendar, *after)
    if start is None or stop is None:
        return None
    return f"{start.isoformat()}/{(stop - dt.timedelta(days=1)).isoformat()}"


def _month_value(calendar: str, year: int, month: int) -> str | None:
    if calendar == GREGORIAN:
        return f"{year:04d}-{month:02d}"
    after = (year + 1, 1, 1) if month == 12 else (year, month + 1, 1)
    return _span_value(calendar, (year, month, 1), after)


def _year_value(calendar: str, year: int) -> str | None:
    if calendar == GREGORIAN:
        return f"{year:04d}"
    return _span_value(calendar, (year, 1, 1), (year + 1, 1, 1))


def _dated_value(hit: _Hit, year: int) -> str | None:
    if hit.month is None:
        return _year_value(hit.calendar, year)
    if hit.day is None:
        return _month_value(hit.calendar, year, hit.month)
    day = _to_gregorian(hit.calendar, year, hit.month, hit.day)
    return day.isoformat() if day else None


# A day-month phrase read against the publication date may lie this far ahead of it; later
# than that, it is taken to be last year's (an article of 2 January about "28 December").
_AHEAD = dt.timedelta(days=183)


def _calendar_year(calendar: str, day: dt.date) -> int | None:
    try:
        if calendar == JALALI:
            return int(jdatetime.date.fromgregorian(date=day).year)
        if calendar == HIJRI:
            return int(Gregorian.fromdate(day).to_hijri().year)
        return day.year
    except (ValueError, OverflowError, ArithmeticError, TypeError):
        return None


def _from_reference(hit: _Hit, reference: dt.date) -> str | None:
    year = _calendar_year(hit.calendar, reference)
    if year is None or hit.month is None:
        return None
    limit = reference + _AHEAD if reference < dt.date.max - _AHEAD else dt.date.max
    for candidate in (year, year - 1):
        # A month alone counts from its first day: this year's, unless that lies too far ahead.
        day = _to_gregorian(hit.calendar, candidate, hit.month, hit.day or 1)
        if day is not None and day <= limit:
            return day.isoformat() if hit.day else _month_value(hit.calendar, candidate, hit.month)
    return None


@dataclass(frozen=True)
class _Context:
    years: Mapping[str, int | None]
    reference: dt.date | None


def _yearless_value(hit: _Hit, dated: list[_Hit], context: _Context) -> str | None:
    """Value of a day and month without a year: a year of the same calendar in the sentence,
    else the caller's context year, else the reference date, else ``--MM-DD`` (Gregorian)."""
    same = [h for h in dated if h.calendar == hit.calendar]
    if same:
        nearest = min(same, key=lambda h: abs(h.start - hit.start))
        return _dated_value(hit, nearest.year or 0)
    year = context.years.get(hit.calendar)
    if year is not None:
        return _dated_value(hit, year)
    if context.reference is not None:
        return _from_reference(hit, context.reference)
    if (
        hit.calendar == GREGORIAN
        and hit.month
        and hit.day
        and _to_gregorian(GREGORIAN, 2000, hit.month, hit.day)
    ):
        return f"--{hit.month:02d}-{hit.day:02d}"
    return None


def _anchor(text: str, hit: _Hit, value: str) -> Anchor:
    kind = AnchorKind.WEEKDAY if hit.weekday else AnchorKind.DATE
    return Anchor(
        kind=kind,
        text=text[hit.start : hit.end],
        value=value,
        start=hit.start,
        end=hit.end,
        detail=hit.calendar,
    )


def find_dates(
    text: str | Sentence,
    *,
    context_year: int | None = None,
    context_jalali_year: int | None = None,
    context_hijri_year: int | None = None,
    reference: dt.date | None = None,
) -> list[Anchor]:
    """Find dates and weekday names in one sentence.

    A day and month without a year take the nearest year of the same calendar in ``text``;
    failing that the ``context_*`` year of that calendar; failing that the year of
    ``reference`` in that calendar (or the year before, when the date would lie more than
    half a year after ``reference``); failing that, a Gregorian date gets ``--MM-DD`` and a
    Jalali or Hijri one is left out. Dates that do not exist are left out. Never raises.

    Args:
        text: the sentence, in its original script (or already :func:`prepare`-d).
        context_year: Gregorian year for day-month phrases without one.
        context_jalali_year: Jalali year for day-month phrases without one.
        context_hijri_year: Hijri year for day-month phrases without one.
        reference: the article's publication date.

    Returns:
        Anchors of kind ``date`` (value ISO 8601, converted to Gregorian; ``detail`` the
        calendar written) and ``weekday`` (value an English day name), sorted by start and
        not overlapping; ``text[a.start:a.end] == a.text``.

    Example:
        >>> [a.value for a in find_dates("یکشنبه ۱۸ آذر ۱۴۰۳")]
        ['sunday', '2024-12-08']
    """
    sentence = prepare(text)
    text, folded = sentence.text, sentence.folded
    hits: list[_Hit] = [*_numeric_hits(folded), *_weekday_hits(folded, text)]
    for calendar in _CALENDARS:
        hits.extend(_calendar_hits(calendar, folded, text))
    chosen = select_longest(hits)
    years = {GREGORIAN: context_year, JALALI: context_jalali_year, HIJRI: context_hijri_year}
    years = {name: year or _bare_year(folded, name) for name, year in years.items()}
    context = _Context(years, reference)
    anchors: list[Anchor] = []
    dated = [h for h in chosen if h.year is not None]
    for hit in chosen:
        value = _value(hit, dated, context)
        if value is not None:
            anchors.append(_anchor(text, hit, value))
    return anchors


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    tables = (gregorian_months(), JALALI_MONTHS, HIJRI_MONTHS)
    months = {table_key(n) for table in tables for names in table.values() for n in names}
    return frozenset(months | set(_WEEKDAY_NAMES))


def is_calendar_word(word: str) -> bool:
    """Whether ``word`` is a month name (of any calendar) or a weekday name.

    >>> is_calendar_word("June"), is_calendar_word("شباط"), is_calendar_word("Marvand")
    (True, True, False)
    """
    return table_key(word) in _calendar_words()


_BARE_YEARS = {JALALI: (1300, 1499), GREGORIAN: (1900, 2100)}


def _bare_year(folded: str, calendar: str) -> int | None:
    """A year standing alone in the sentence ("در ۱۴۰۳ و در ۱۸ آذرماه"), before the article's."""
    low, high = _BARE_YEARS.get(calendar, (0, -1))
    return next(
        (int(m.group()) for m in _FOUR_DIGITS.finditer(folded) if low <= int(m.group()) <= high),
        None,
    )


def _value(hit: _Hit, dated: list[_Hit], context: _Context) -> str | None:
    if hit.weekday:
        return hit.weekday
    if hit.year is not None:
        return _dated_value(hit, hit.year)
    return _yearless_value(hit, dated, context)
