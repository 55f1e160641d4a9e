"""Dates and weekdays in Gregorian, Jalali and Hijri calendars, in five languages."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.models import Anchor, AnchorKind
from workbench.text.dates import find_dates
from workbench.text.patterns import fold_for_search

G, J, H = "gregorian", "jalali", "hijri"

SYRIA_FA = (
    "معارضان مسلح در سوریه از بامداد هفتم آذر ۱۴۰۳ برابر با ۲۷ نوامبر ۲۰۲۴ با هدف برکناری"
    " بشار اسد از قدرت؛ عملیات خود را در مناطق شمال غرب، غرب و جنوب غرب حلب، آغاز و سرانجام"
    " پس از یازده روز؛ در تاریخ یکشنبه ۱۸ آذرماه کنترل خود بر شهر دمشق و خروج اسد از کشور را"
    " اعلام کردند."
)
SYRIA_AR = (
    "وفي 8 ديسمبر/ كانون الأول 2024، بسطت فصائل سورية سيطرتها على البلاد، منهية 61 عاما من"
    " حكم نظام البعث، و53 سنة من سيطرة عائلة الأسد."
)


def date_values(text: str, **kwargs: Any) -> list[tuple[str, str]]:
    """(value, calendar) of each date anchor, in order."""
    return [(a.value, a.detail) for a in find_dates(text, **kwargs) if a.kind is AnchorKind.DATE]


def weekday_values(text: str) -> list[str]:
    return [a.value for a in find_dates(text) if a.kind is AnchorKind.WEEKDAY]


DAY_CASES = [
    pytest.param("۱۸ آذر ۱۴۰۳", [("2024-12-08", J)], id="jalali day, Persian digits"),
    pytest.param("21 شهریور 1404", [("2025-09-12", J)], id="jalali day, ASCII digits"),
    pytest.param("۱۸ آذرماه ۱۴۰۳", [("2024-12-08", J)], id="jalali month with ماه attached"),
    pytest.param("۱۸ آذر ماه ۱۴۰۳", [("2024-12-08", J)], id="jalali month with ماه apart"),
    pytest.param("۱۸ آذر\u200cماه ۱۴۰۳", [("2024-12-08", J)], id="jalali month with ZWNJ ماه"),
    pytest.param("۱۸ آذر سال ۱۴۰۳", [("2024-12-08", J)], id="jalali day, سال before year"),
    pytest.param("۱ فروردین ۱۴۰۴ ه.ش", [("2025-03-21", J)], id="jalali day with ه.ش"),
    pytest.param("20 ربيع الأول 1447", [("2025-09-12", H)], id="hijri day"),
    pytest.param("20 ربيع الأول 1447 هـ", [("2025-09-12", H)], id="hijri day with هـ"),
    pytest.param("۲۰ ربیع الاول ۱۴۴۷ ق", [("2025-09-12", H)], id="hijri day, Persian spelling"),
    pytest.param("1 رمضان 1446", [("2025-03-01", H)], id="hijri Ramadan"),
    pytest.param("10 ذو الحجة 1445", [("2024-06-16", H)], id="hijri two-word month"),
    pytest.param("8 ديسمبر/ كانون الأول 2024", [("2024-12-08", G)], id="Arabic double month"),
    pytest.param("8 كانون الأول 2024", [("2024-12-08", G)], id="Levantine month"),
    pytest.param("13 آذار 2011", [("2011-03-13", G)], id="آذار is March"),
    pytest.param("8 ديسمبر 2024م", [("2024-12-08", G)], id="Arabic م suffix"),
    pytest.param("27 نوامبر 2024", [("2024-11-27", G)], id="Persian Gregorian month"),
    pytest.param("۲۷ نوامبر ۲۰۲۴", [("2024-11-27", G)], id="Persian Gregorian, Persian digits"),
    pytest.param("١٥ يوليو ٢٠٢٤", [("2024-07-15", G)], id="Arabic-Indic digits"),
    pytest.param("December 8, 2024", [("2024-12-08", G)], id="English month-day-year"),
    pytest.param("Dec. 8, 2024", [("2024-12-08", G)], id="English abbreviation"),
    pytest.param("8 December 2024", [("2024-12-08", G)], id="English day-month-year"),
    pytest.param("the 8th of December 2024", [("2024-12-08", G)], id="English ordinal of"),
    pytest.param("2024-12-08", [("2024-12-08", G)], id="ISO date"),
    pytest.param("۱۴۰۳/۰۹/۱۸", [("2024-12-08", J)], id="numeric jalali date"),
    pytest.param("8 Aralık 2024", [("2024-12-08", G)], id="Turkish"),
    pytest.param("8 décembre 2024", [("2024-12-08", G)], id="French"),
    pytest.param("le 1er décembre 2024", [("2024-12-01", G)], id="French 1er"),
    pytest.param("الثامن من ديسمبر 2024", [("2024-12-08", G)], id="Arabic ordinal day"),
    pytest.param("7 ديسمبر (كانون الأول) 2024", [("2024-12-07", G)], id="month in brackets"),
    pytest.param("7 كانون الأول/ديسمبر 2024", [("2024-12-07", G)], id="Levantine first"),
    pytest.param("30 يونيو - حزيران 2015", [("2015-06-30", G)], id="double month with a dash"),
    pytest.param("May 2, 2024", [("2024-05-02", G)], id="capitalised May"),
    pytest.param("ديسمبر من عام 2024", [("2024-12", G)], id="month من عام year"),
    pytest.param(
        "18 آذر 1403 (8 دسامبر 2024)",
        [("2024-12-08", J), ("2024-12-08", G)],
        id="two calendars side by side",
    ),
]

ORDINAL_CASES = [
    pytest.param("هفتم آذر ۱۴۰۳", [("2024-11-27", J)], id="هفتم"),
    pytest.param("اول مهر ۱۴۰۳", [("2024-09-22", J)], id="اول"),
    pytest.param("یکم مهر ۱۴۰۳", [("2024-09-22", J)], id="یکم"),
    pytest.param("دوازدهم فروردین ۱۴۰۳", [("2024-03-31", J)], id="دوازدهم"),
    pytest.param("بیستم دی ۱۴۰۳", [("2025-01-09", J)], id="بیستم with دی"),
    pytest.param("بیست و هفتم آذر ۱۴۰۳", [("2024-12-17", J)], id="بیست و هفتم with spaces"),
    pytest.param("بیست\u200cوهفتم آذر ۱۴۰۳", [("2024-12-17", J)], id="بیست‌وهفتم with ZWNJ"),
    pytest.param("بیست‌و‌یکم آذر ۱۴۰۳", [("2024-12-11", J)], id="بیست‌و‌یکم two ZWNJ"),
    pytest.param("سی\u200cام شهریور ۱۴۰۳", [("2024-09-20", J)], id="سی‌ام"),
    pytest.param("سی و یکم شهریور ۱۴۰۳", [("2024-09-21", J)], id="سی و یکم"),
]

MONTH_YEAR_CASES = [
    pytest.param("ديسمبر 2024", [("2024-12", G)], id="Arabic month-year"),
    pytest.param("December 2024", [("2024-12", G)], id="English month-year"),
    pytest.param("Aralık 2024", [("2024-12", G)], id="Turkish month-year"),
    pytest.param("آذر ۱۳۹۶", [("2017-11-22/2017-12-21", J)], id="jalali month-year interval"),
    pytest.param("آذرماه سال ۱۳۹۶", [("2017-11-22/2017-12-21", J)], id="jalali with سال"),
    pytest.param("اسفند ۱۴۰۳", [("2025-02-19/2025-03-20", J)], id="jalali leap Esfand"),
    pytest.param("رمضان 1446", [("2025-03-01/2025-03-29", H)], id="hijri month-year interval"),
    pytest.param("مهر ۱۴۰۳", [("2024-09-22/2024-10-21", J)], id="مهر with a year"),
]

YEAR_CASES = [
    pytest.param("سال ۲۰۱۹ میلادی", [("2019", G)], id="سال ... میلادی"),
    pytest.param("عام 2024", [("2024", G)], id="عام"),
    pytest.param("في العام 2024", [("2024", G)], id="العام"),
    pytest.param("أواخر 2024", [("2024", G)], id="أواخر"),
    pytest.param("in 2011", [("2011", G)], id="English in"),
    pytest.param("از سال ۲۰۱۱", [("2011", G)], id="از سال"),
    pytest.param("2024 yılında", [("2024", G)], id="Turkish yılında"),
    pytest.param("en 2024", [("2024", G)], id="French en"),
    pytest.param("منذ 2011", [("2011", G)], id="Arabic منذ"),
    pytest.param("2024م", [("2024", G)], id="Arabic م glued"),
    pytest.param("in 2024'te", [("2024", G)], id="Turkish apostrophe suffix"),
    pytest.param("سال ۱۴۰۳", [("2024-03-20/2025-03-20", J)], id="jalali year interval"),
    pytest.param("۱۴۰۲ ش", [("2023-03-21/2024-03-19", J)], id="jalali year with ش"),
    pytest.param("1446 هـ", [("2024-07-07/2025-06-25", H)], id="hijri year with هـ"),
]

NEGATIVE_CASES = [
    pytest.param("جامعة دمشق", id="جامعة is not الجمعة"),
    pytest.param("قال إن 1403 شخصا", id="plain number 1403 without a year word"),
    pytest.param("مهر و محبت مادر", id="مهر as a common word"),
    pytest.param("دی روز", id="دی without a number"),
    pytest.param("صفر درصد", id="صفر (zero) without a number"),
    pytest.param("۵ می شود", id="می as a verb prefix"),
    pytest.param("31 فبراير 2024", id="31 February is skipped"),
    pytest.param("۴۰ اسفند ۱۴۰۳", id="40 Esfand is skipped"),
    pytest.param("1403-13-40", id="month 13 is skipped"),
    pytest.param("20 رجب", id="hijri day without any year is skipped"),
    pytest.param("7 آذر", id="jalali day without any year is skipped"),
    pytest.param("the number 2024 alone", id="a 4-digit number alone"),
    pytest.param("in the 1990s", id="a decade is not a year"),
    pytest.param("He said it may 2 be wrong", id="may as a verb"),
    pytest.param("the march 2024 protest", id="march as a noun"),
    pytest.param("الأسبوع الثالث من ديسمبر", id="Arabic ordinal as an adjective"),
    pytest.param("مصرف آب ۱۴۰۰ مترمکعب", id="آب (water) before a Jalali-range number"),
    pytest.param("May 1200", id="Gregorian years before 1800 are not read"),
]


@pytest.mark.parametrize(("text", "expected"), DAY_CASES)
def test_day_precision(text: str, expected: list[tuple[str, str]]) -> None:
    assert date_values(text) == expected


@pytest.mark.parametrize(("text", "expected"), ORDINAL_CASES)
def test_persian_ordinal_days(text: str, expected: list[tuple[str, str]]) -> None:
    assert date_values(text) == expected


@pytest.mark.parametrize(("text", "expected"), MONTH_YEAR_CASES)
def test_month_precision(text: str, expected: list[tuple[str, str]]) -> None:
    assert date_values(text) == expected


@pytest.mark.parametrize(("text", "expected"), YEAR_CASES)
def test_year_precision(text: str, expected: list[tuple[str, str]]) -> None:
    assert date_values(text) == expected


@pytest.mark.parametrize("text", NEGATIVE_CASES)
def test_not_a_date(text: str) -> None:
    assert date_values(text) == []


MONTH_NAME_CASES = [
    pytest.param(f"5 {name} 2024", f"2024-{month:02d}-05", id=f"{name}")
    for month, names in {
        1: ("يناير", "كانون الثاني", "ژانویه", "January", "Jan", "janvier", "Ocak"),
        2: ("فبراير", "شباط", "فوریه", "February", "Feb.", "février", "Şubat"),
        3: ("مارس", "آذار", "March", "mars", "Mart"),
        4: ("أبريل", "نيسان", "آوریل", "April", "avril", "Nisan"),
        5: ("مايو", "أيار", "مه", "می", "May", "mai", "Mayıs"),
        6: ("يونيو", "حزيران", "ژوئن", "June", "juin", "Haziran"),
        7: ("يوليو", "تموز", "ژوئیه", "جولای", "July", "juillet", "Temmuz"),
        8: ("أغسطس", "آب", "اوت", "آگوست", "August", "août", "Ağustos"),
        9: ("سبتمبر", "أيلول", "سپتامبر", "September", "Sept.", "septembre", "Eylül"),
        10: ("أكتوبر", "تشرين الأول", "اکتبر", "October", "Oct", "octobre", "Ekim"),
        11: ("نوفمبر", "تشرين الثاني", "نوامبر", "November", "Nov.", "novembre", "Kasım"),
        12: ("ديسمبر", "كانون الأول", "دسامبر", "December", "Dec", "décembre", "Aralık"),
    }.items()
    for name in names
]


@pytest.mark.parametrize(("text", "expected"), MONTH_NAME_CASES)
def test_gregorian_month_names(text: str, expected: str) -> None:
    assert date_values(text) == [(expected, G)]


JALALI_NAMES = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور"]
JALALI_NAMES += ["مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]


@pytest.mark.parametrize(("month", "name"), list(enumerate(JALALI_NAMES, start=1)))
def test_jalali_month_names(month: int, name: str) -> None:
    import jdatetime

    expected = jdatetime.date(1403, month, 5).togregorian().isoformat()
    assert date_values(f"۵ {name} ۱۴۰۳") == [(expected, J)]
    assert date_values(f"۵ {name}\u200cماه ۱۴۰۳") == [(expected, J)]


HIJRI_NAMES = [
    ("محرم", 1),
    ("صفر", 2),
    ("ربيع الأول", 3),
    ("ربيع الآخر", 4),
    ("ربيع الثاني", 4),
    ("جمادى الأولى", 5),
    ("جمادى الآخرة", 6),
    ("جمادی الثانیه", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعدة", 11),
    ("ذی‌القعده", 11),
    ("ذو الحجة", 12),
]


@pytest.mark.parametrize(("name", "month"), HIJRI_NAMES)
def test_hijri_month_names(name: str, month: int) -> None:
    from hijridate import Hijri

    expected = Hijri(1446, month, 5).to_gregorian().isoformat()
    assert date_values(f"5 {name} 1446") == [(expected, H)]


WEEKDAY_CASES = [
    pytest.param("يوم الجمعة", ["friday"], id="Arabic Friday"),
    pytest.param("والجمعة", ["friday"], id="Arabic proclitic و"),
    pytest.param("بالجمعة", ["friday"], id="Arabic proclitic ب"),
    pytest.param("الأحد الماضي", ["sunday"], id="Arabic Sunday"),
    pytest.param("الإثنين والثلاثاء", ["monday", "tuesday"], id="Arabic Monday and Tuesday"),
    pytest.param("الأربعاء", ["wednesday"], id="Arabic Wednesday"),
    pytest.param("الخميس", ["thursday"], id="Arabic Thursday"),
    pytest.param("السبت", ["saturday"], id="Arabic Saturday"),
    pytest.param("روز جمعه", ["friday"], id="Persian Friday"),
    pytest.param("پنج\u200cشنبه", ["thursday"], id="Persian Thursday with ZWNJ"),
    pytest.param("پنجشنبه", ["thursday"], id="Persian Thursday joined"),
    pytest.param("پنج شنبه", ["thursday"], id="Persian Thursday with a space"),
    pytest.param("سه\u200cشنبه", ["tuesday"], id="Persian Tuesday"),
    pytest.param("دوشنبه", ["monday"], id="Persian Monday"),
    pytest.param("چهارشنبه", ["wednesday"], id="Persian Wednesday"),
    pytest.param("یکشنبه", ["sunday"], id="Persian Sunday"),
    pytest.param("شنبه", ["saturday"], id="Persian Saturday"),
    pytest.param("on Friday", ["friday"], id="English"),
    pytest.param("vendredi", ["friday"], id="French"),
    pytest.param("Cuma günü", ["friday"], id="Turkish Cuma"),
    pytest.param("Cumartesi", ["saturday"], id="Turkish Cumartesi is not Cuma"),
    pytest.param("Çarşamba", ["wednesday"], id="Turkish with cedilla"),
    pytest.param("جامعة", [], id="جامعة is no weekday"),
    pytest.param("الجامعة", [], id="الجامعة is no weekday"),
    pytest.param("اجتماعات", [], id="no weekday inside a word"),
    pytest.param("Fridays", [], id="whole words only"),
    pytest.param("امام جمعه موقت تهران", [], id="امام جمعه is a title"),
    pytest.param("إمام الجمعة", [], id="إمام الجمعة is a title"),
    pytest.param("نماز جمعه این هفته", ["friday"], id="Friday prayer is still Friday"),
]


@pytest.mark.parametrize(("text", "expected"), WEEKDAY_CASES)
def test_weekdays(text: str, expected: list[str]) -> None:
    assert weekday_values(text) == expected
    assert all(a.detail == "" for a in find_dates(text) if a.kind is AnchorKind.WEEKDAY)


YEARLESS_CASES = [
    pytest.param(
        "یکشنبه ۱۸ آذرماه", {"context_jalali_year": 1403}, [("2024-12-08", J)], id="jalali context"
    ),
    pytest.param(
        "یکشنبه ۱۸ آذرماه",
        {"reference": dt.date(2024, 12, 9)},
        [("2024-12-08", J)],
        id="jalali reference",
    ),
    pytest.param("8 ديسمبر", {"context_year": 2024}, [("2024-12-08", G)], id="gregorian context"),
    pytest.param("8 December", {}, [("--12-08", G)], id="gregorian without any year"),
    pytest.param("December 8", {}, [("--12-08", G)], id="English order without a year"),
    pytest.param(
        "20 ربيع الأول", {"context_hijri_year": 1447}, [("2025-09-12", H)], id="hijri context"
    ),
    pytest.param(
        "28 December",
        {"reference": dt.date(2025, 1, 2)},
        [("2024-12-28", G)],
        id="reference: last year's December",
    ),
    pytest.param(
        "5 May", {"reference": dt.date(2025, 1, 2)}, [("2025-05-05", G)], id="reference: this year"
    ),
    pytest.param(
        "7 آذر",
        {"reference": dt.date(2024, 12, 9)},
        [("2024-11-27", J)],
        id="jalali year of the reference",
    ),
    pytest.param(
        "20 رجب",
        {"reference": dt.date(2025, 1, 25)},
        [("2025-01-20", H)],
        id="hijri year of the reference",
    ),
    pytest.param(
        "۱۸ آذر و ۲۷ آبان ۱۴۰۲",
        {"context_jalali_year": 1403},
        [("2023-12-09", J), ("2023-11-18", J)],
        id="a year in the sentence wins over the context",
    ),
    pytest.param("30 فبراير", {"context_year": 2024}, [], id="invalid with context year"),
]


@pytest.mark.parametrize(("text", "kwargs", "expected"), YEARLESS_CASES)
def test_day_and_month_without_a_year(
    text: str, kwargs: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    assert date_values(text, **kwargs) == expected


def test_real_persian_sentence() -> None:
    anchors = find_dates(SYRIA_FA)
    assert [(a.kind.value, a.value, a.detail) for a in anchors] == [
        ("date", "2024-11-27", J),
        ("date", "2024-11-27", G),
        ("weekday", "sunday", ""),
        ("date", "2024-12-08", J),
    ]
    assert [a.text for a in anchors] == ["هفتم آذر ۱۴۰۳", "۲۷ نوامبر ۲۰۲۴", "یکشنبه", "۱۸ آذرماه"]


def test_real_arabic_sentence() -> None:
    anchors = find_dates(SYRIA_AR)
    assert [(a.value, a.detail, a.text) for a in anchors] == [
        ("2024-12-08", G, "8 ديسمبر/ كانون الأول 2024")
    ]


def test_brackets_are_not_swallowed() -> None:
    text = "(13 نيسان/ابريل 2015)."
    assert [a.text for a in find_dates(text)] == ["13 نيسان/ابريل 2015"]
    text = "8 ديسمبر (كانون الأول) 2024"
    assert [a.text for a in find_dates(text)] == [text]


def test_anchor_text_is_the_original_slice() -> None:
    text = "في ١٥ يوليو ٢٠٢٤ ثم"
    (anchor,) = find_dates(text)
    assert anchor.text == "١٥ يوليو ٢٠٢٤"
    assert text[anchor.start : anchor.end] == anchor.text


# ----------------------------------------------------------------------------- properties

PIECES = st.sampled_from(
    [
        "۱۸ آذر ۱۴۰۳",
        "هفتم آذر",
        "8 ديسمبر/ كانون الأول 2024",
        "December 8, 2024",
        "2024-12-08",
        "سال ۱۴۰۳",
        "in 2011",
        "الجمعة",
        "یکشنبه",
        "31 فبراير 2024",
        "رمضان 1446",
        " ",
        "، ",
        "و",
        "مهر",
        "1403",
        "\u200c",
        "Dec.",
    ]
)


def check_anchors(text: str, anchors: list[Anchor]) -> None:
    for anchor in anchors:
        assert anchor.kind in {AnchorKind.DATE, AnchorKind.WEEKDAY}
        assert text[anchor.start : anchor.end] == anchor.text
        assert anchor.start < anchor.end
    for first, second in itertools.pairwise(anchors):
        assert first.end <= second.start


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    check_anchors(text, find_dates(text, reference=dt.date(2024, 12, 8)))


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join), st.integers(1300, 1500), st.dates())
def test_anchors_slice_sorted_and_disjoint(text: str, jalali: int, reference: dt.date) -> None:
    anchors = find_dates(
        text, context_jalali_year=jalali, context_hijri_year=jalali, reference=reference
    )
    check_anchors(text, anchors)


@given(st.text())
def test_folding_keeps_length(text: str) -> None:
    assert len(fold_for_search(text)) == len(text)


def test_a_bare_year_in_the_sentence_beats_the_article_date() -> None:
    found = find_dates("در ۱۴۰۳ و در ۱۸ آذرماه", reference=dt.date(2025, 9, 13))
    assert [a.value for a in found if a.kind.value == "date"] == ["2024-12-08"]


MARCH_2025 = dt.date(2025, 3, 10)


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("The commission meets again in June.", MARCH_2025, ["2025-06"]),
        ("La commission a tenu sa réunion en juin.", MARCH_2025, ["2025-06"]),
        ("والتقت حداد في جنيف في شباط/فبراير الماضي", MARCH_2025, ["2025-02"]),
        ("در ماه ژوئن", MARCH_2025, ["2025-06"]),
        # More than half a year ahead of the article: last year's.
        ("The talks began in December.", MARCH_2025, ["2024-12"]),
        # A year in the sentence wins over the article's.
        ("in June, three years after 2021", MARCH_2025, ["2021-06"]),
        # No time word, no article date, a verb, a Jalali month word: not dates.
        ("June was hot.", MARCH_2025, []),
        ("The commission meets again in June.", None, []),
        ("They may meet in may.", MARCH_2025, []),
        ("در مهر او", MARCH_2025, []),
    ],
)
def test_a_month_alone_after_a_time_word(
    text: str, reference: dt.date | None, expected: list[str]
) -> None:
    found = [a.value for a in find_dates(text, reference=reference) if a.kind is AnchorKind.DATE]
    assert found == expected


# ----------------------------------------------------------------------------- CLDR names

CLDR_CASES = [
    ("El 15 de enero de 2024 murieron 20 personas", "2024-01-15"),
    ("Am 15. Januar 2024 starben 20 Menschen", "2024-01-15"),
    ("Il 15 gennaio 2024 sono morte 20 persone", "2024-01-15"),
    ("Στις 15 Ιανουαρίου 2024 σκοτώθηκαν 20", "2024-01-15"),
    ("15 января 2024 года погибли 20 человек", "2024-01-15"),
    ("15 جنوری 2024 کو 20 افراد ہلاک", "2024-01-15"),
    ("في 3 يوليوز 2024 قتل 20 شخصا", "2024-07-03"),  # Moroccan Arabic, from CLDR ar_MA
    ("le 12 mars 2025", "2025-03-12"),
]


@pytest.mark.parametrize(("text", "expected"), CLDR_CASES)
def test_month_names_from_cldr(text: str, expected: str) -> None:
    assert [a.value for a in find_dates(text) if a.kind.value == "date"] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("el lunes pasado", ["monday"]),
        ("am Sonntag", ["sunday"]),
        ("в понедельник", ["monday"]),
        ("την Τρίτη", ["tuesday"]),
        ("اتوار کو", ["sunday"]),
        ("окружающая среда", []),  # a weekday in CLDR, mostly "environment"
        ("گزشتہ ہفتہ", []),  # Saturday in CLDR, mostly "week"
        ("την τρίτη μεγαλύτερη πόλη", []),  # "the third largest city", not Tuesday
    ],
)
def test_weekday_names_from_cldr(text: str, expected: list[str]) -> None:
    assert [a.value for a in find_dates(text)] == expected


def test_a_period_after_the_day_is_german_not_a_sentence_end() -> None:
    assert [a.value for a in find_dates("Am 15. März 2024")] == ["2024-03-15"]
    assert find_dates("See page 2. May we go?") == []
