"""Numbers: digits of any script, separators, percentages, scale words, spelled numerals."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.models import Anchor, AnchorKind
from workbench.text.dates import find_dates
from workbench.text.numbers import find_numbers

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


def values(text: str) -> list[str]:
    return [a.value for a in find_numbers(text)]


def without_dates(text: str) -> list[Anchor]:
    """Numbers of ``text`` once its dates are taken, as the claim splitter does."""
    return find_numbers(text, skip=[(a.start, a.end) for a in find_dates(text)])


DIGIT_CASES = [
    pytest.param("قتل 12 شخصا", ["12"], id="ASCII digits"),
    pytest.param("۱۲ نفر", ["12"], id="Persian digits"),
    pytest.param("١٢ شخصا", ["12"], id="Arabic-Indic digits"),
    pytest.param("1,000", ["1000"], id="comma thousands"),
    pytest.param("1٬000", ["1000"], id="Arabic thousands separator"),
    pytest.param("١٬٠٠٠", ["1000"], id="Arabic-Indic with separator"),
    pytest.param("۱٬۲۵۰٬۰۰۰", ["1250000"], id="Persian millions"),
    pytest.param("1,250,000.75", ["1250000.75"], id="thousands and decimals"),
    pytest.param("10.000", ["10000"], id="dot thousands"),
    pytest.param("1.000.000", ["1000000"], id="dot thousands, two groups"),
    pytest.param("2.5", ["2.5"], id="decimal point"),
    pytest.param("٢٫٥", ["2.5"], id="Arabic decimal separator"),
    pytest.param("۳٫۷۵", ["3.75"], id="Persian decimal"),
    pytest.param("2,5", ["2.5"], id="decimal comma"),
    pytest.param("0.125", ["0.125"], id="leading zero is a decimal"),
    pytest.param("3.14159", ["3.14159"], id="long decimal"),
    pytest.param("2.50", ["2.5"], id="no trailing zeros"),
    pytest.param("007", ["7"], id="no leading zeros"),
    pytest.param("10:30", ["10", "30"], id="time is two numbers"),
    pytest.param("A320", [], id="no number glued to Latin letters"),
    pytest.param("COVID-19", [], id="no number in a code"),
    pytest.param("و53 سنة", ["53"], id="Arabic و glued to digits"),
]

PERCENT_CASES = [
    pytest.param("50%", "50", "50%", id="percent sign"),
    pytest.param("50 %", "50", "50 %", id="percent sign after a space"),
    pytest.param("٪۵۰", "50", "٪۵۰", id="Arabic percent sign before"),
    pytest.param("۲۵٪", "25", "۲۵٪", id="Arabic percent sign after"),
    pytest.param("%50", "50", "%50", id="Turkish percent before"),
    pytest.param("yüzde 50", "50", "yüzde 50", id="Turkish yüzde"),
    pytest.param("۲۵ درصد", "25", "۲۵ درصد", id="Persian درصد"),
    pytest.param("12.5 بالمئة", "12.5", "12.5 بالمئة", id="Arabic بالمئة"),
    pytest.param("12 في المائة", "12", "12 في المائة", id="Arabic في المائة"),
    pytest.param("3 percent", "3", "3 percent", id="English percent"),
    pytest.param("3 pour cent", "3", "3 pour cent", id="French pour cent"),
    pytest.param("5 per cent", "5", "5 per cent", id="per cent is not the French cent"),
]

SCALE_CASES = [
    pytest.param("6 هزار", "6000", id="Persian هزار"),
    pytest.param("۲۰۰ هزار", "200000", id="Persian digits and هزار"),
    pytest.param("3 ملايين", "3000000", id="Arabic ملايين"),
    pytest.param("٢٠٠ ألف", "200000", id="Arabic ألف"),
    pytest.param("3 million", "3000000", id="English million"),
    pytest.param("۲ میلیون", "2000000", id="Persian میلیون"),
    pytest.param("1.5 مليار", "1500000000", id="Arabic مليار with a decimal"),
    pytest.param("1.500 مليار", "1500000000", id="one dot group before a scale is a decimal"),
    pytest.param("2,5 milliards", "2500000000", id="French decimal comma and milliards"),
    pytest.param("$1.5bn", "1500000000", id="bn glued"),
    pytest.param("5 bin", "5000", id="Turkish bin"),
    pytest.param("4 milyon", "4000000", id="Turkish milyon"),
    pytest.param("2 هزار میلیارد", "2000000000000", id="two scale words multiply"),
]

SPELLED_CASES = [
    pytest.param("یک هزار", "1000", id="یک هزار"),
    pytest.param("یازده", "11", id="یازده"),
    pytest.param("بیست و پنج", "25", id="بیست و پنج"),
    pytest.param("دو هزار و پانصد", "2500", id="دو هزار و پانصد"),
    pytest.param("نهصد", "900", id="نهصد"),
    pytest.param("سه میلیون", "3000000", id="سه میلیون"),
    pytest.param("ثلاثة", "3", id="ثلاثة"),
    pytest.param("تسعمائة", "900", id="تسعمائة"),
    pytest.param("خمسة وعشرون", "25", id="Arabic units before tens"),
    pytest.param("ثلاثة عشر", "13", id="Arabic teen"),
    pytest.param("أحد عشر", "11", id="Arabic eleven"),
    pytest.param("ثلاثة آلاف", "3000", id="ثلاثة آلاف"),
    pytest.param("مئة وخمسون", "150", id="Arabic hundred and fifty"),
    pytest.param("ألفين", "2000", id="Arabic two thousand (dual)"),
    pytest.param("twenty-five", "25", id="twenty-five"),
    pytest.param("one hundred and five", "105", id="one hundred and five"),
    pytest.param("two million three hundred thousand", "2300000", id="English scales"),
    pytest.param("Seventeen", "17", id="capitalised English"),
    pytest.param("quatre-vingt-dix-sept", "97", id="French 97"),
    pytest.param("soixante et onze", "71", id="French 71"),
    pytest.param("deux cents", "200", id="French 200"),
    pytest.param("un million", "1000000", id="French un million"),
    pytest.param("iki bin beş yüz", "2500", id="Turkish 2500"),
    pytest.param("on iki", "12", id="Turkish 12"),
    pytest.param("هزار میلیارد", "1000000000000", id="هزار میلیارد"),
    pytest.param("دو هزار میلیارد", "2000000000000", id="دو هزار میلیارد"),
    pytest.param("هزار و یک", "1001", id="هزار و یک"),
]

NOT_NUMBER_CASES = [
    pytest.param("یک کتاب", id="یک alone is an article"),
    pytest.param("one of them", id="one alone"),
    pytest.param("un homme", id="French un alone"),
    pytest.param("bir adam", id="Turkish bir alone"),
    pytest.param("پنج\u200cشنبه", id="Thursday is not five"),
    pytest.param("پنج شنبه", id="Thursday with a space is not five"),
    pytest.param("سه\u200cشنبه", id="Tuesday is not three"),
    pytest.param("یکشنبه", id="Sunday is not one"),
    pytest.param("سهم", id="سه inside a word"),
    pytest.param("هفته", id="هفت inside هفته"),
    pytest.param("هفتم", id="ordinal is not a cardinal"),
    pytest.param("بی بی سی", id="سی alone (BBC)"),
    pytest.param("نه، نمی‌دانم", id="نه means no"),
    pytest.param("الاثنين", id="Monday is not two"),
    pytest.param("الثلاثاء", id="Tuesday is not three"),
    pytest.param("on the table", id="Turkish on is not read in English"),
    pytest.param("ستون عبادی و ستون سیاسی گفت", id="Persian ستون (column) is not Arabic sixty"),
    pytest.param("مایه", id="Persian مایه is not مائة"),
    pytest.param("سته", id="Persian-spelled سته is not ستة"),
    pytest.param("الف) آیات", id="the letter alef as a list marker"),
    pytest.param("نود أن نرى ذلك في المدينة", id="Arabic نود (we wish) is not Persian ninety"),
    pytest.param("صدها میلیون نفر", id="bare میلیون after صدها"),
    pytest.param("القرن التاسع عشر", id="عشر ending an ordinal"),
]


@pytest.mark.parametrize(("text", "expected"), DIGIT_CASES)
def test_digits(text: str, expected: list[str]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(("text", "expected", "slice_"), PERCENT_CASES)
def test_percentages(text: str, expected: str, slice_: str) -> None:
    (anchor,) = find_numbers(text)
    assert (anchor.value, anchor.detail, anchor.text) == (expected, "percent", slice_)


@pytest.mark.parametrize(("text", "expected"), SCALE_CASES)
def test_scale_words(text: str, expected: str) -> None:
    assert values(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), SPELLED_CASES)
def test_spelled_numerals(text: str, expected: str) -> None:
    (anchor,) = find_numbers(text)
    assert anchor.value == expected
    assert anchor.text == text


@pytest.mark.parametrize("text", NOT_NUMBER_CASES)
def test_not_a_number(text: str) -> None:
    assert values(text) == []


def test_two_numbers_that_do_not_combine_stay_apart() -> None:
    assert values("دو سه") == ["2", "3"]


def test_skip_spans_drop_numbers_inside_dates() -> None:
    text = "في 8 ديسمبر 2024 قتل 12 شخصا"
    assert values(text) == ["8", "2024", "12"]
    assert [a.value for a in find_numbers(text, skip=[(3, 16)])] == ["12"]


def test_real_persian_sentence() -> None:
    found = without_dates(SYRIA_FA)
    assert [(a.value, a.text) for a in found] == [("11", "یازده")]


def test_real_arabic_sentence() -> None:
    found = without_dates(SYRIA_AR)
    assert [a.value for a in found] == ["61", "53"]
    assert all(a.kind is AnchorKind.NUMBER and a.detail == "" for a in found)


# ----------------------------------------------------------------------------- properties

PIECES = st.sampled_from(
    [
        "12",
        "۱٬۰۰۰",
        "2.5",
        "٪۵۰",
        " هزار",
        " مليون",
        "یک",
        " و ",
        "بیست",
        "خمسة",
        "وعشرون",
        "twenty",
        "-",
        "five",
        " ",
        ",",
        ".",
        "\u200c",
        "شنبه",
    ]
)


def check_anchors(text: str, anchors: list[Anchor]) -> None:
    for anchor in anchors:
        assert anchor.kind is AnchorKind.NUMBER
        assert text[anchor.start : anchor.end] == anchor.text
        assert anchor.start < anchor.end
        assert anchor.value.lstrip("-").replace(".", "", 1).isdigit()
        assert not anchor.value.endswith(".0")
    for first, second in itertools.pairwise(anchors):
        assert first.end <= second.start


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    check_anchors(text, find_numbers(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_anchors_slice_sorted_and_disjoint(text: str) -> None:
    check_anchors(text, find_numbers(text))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(PIECES, max_size=10).map("".join),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=3),
)
def test_skipped_spans_are_never_overlapped(text: str, spans: list[tuple[int, int]]) -> None:
    skip = [(min(a, b), max(a, b)) for a, b in spans]
    for anchor in find_numbers(text, skip=skip):
        assert all(anchor.end <= start or anchor.start >= end for start, end in skip if start < end)
