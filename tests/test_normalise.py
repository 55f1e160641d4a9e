"""Normalisation for matching: letter variants, zero-width and bidi characters, digits, quotes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.text.digits import fold_digits
from workbench.text.normalise import aligned_normalise, normalise, original_span, strip_bidi, tokens

EQUAL = [
    pytest.param("پشتپرده", "پشت\u200cپرده", id="ZWNJ inside a Persian word"),
    pytest.param("علي", "علی", id="Arabic yeh = Persian yeh"),
    pytest.param("كوبر", "کوبر", id="Arabic kaf = keheh"),
    pytest.param("الرئاسة", "الرئاسه", id="teh marbuta = heh"),
    pytest.param("أحمد", "احمد", id="hamza on alef"),
    pytest.param("إلى", "الی", id="hamza below alef, alef maksura"),
    pytest.param("مرحباً", "مرحبا", id="tanween removed"),
    pytest.param("مـــرحبا", "مرحبا", id="tatweel removed"),
    pytest.param("۱۴۰۳", "1403", id="Persian digits"),
    pytest.param("١٤٠٣", "1403", id="Arabic-Indic digits"),
    pytest.param("«برد کوپر»", '"برد کوپر"', id="guillemets"),
    pytest.param("“إكس”", '"اکس"', id="curly quotes"),
    pytest.param("a\u202eb\u202c", "ab", id="bidi override removed"),
    pytest.param("Türkiye", "turkiye", id="Latin accents and case"),
    pytest.param("  many   spaces\n", "many spaces", id="whitespace collapsed"),
    pytest.param("مسؤول", "مسئول", id="hamza on waw or yeh"),
    pytest.param("الرءاسة", "الرئاسة", id="bare hamza or on yeh"),
]


@pytest.mark.parametrize(("left", "right"), EQUAL)
def test_variants_normalise_equal(left: str, right: str) -> None:
    assert normalise(left) == normalise(right)


DIFFERENT = [
    pytest.param("آذر", "آذار", id="Jalali Azar vs Arabic Adhar (March)"),
    pytest.param("1403", "1404", id="digits"),
    pytest.param("general", "admiral", id="Latin words"),
]


@pytest.mark.parametrize(("left", "right"), DIFFERENT)
def test_different_words_stay_different(left: str, right: str) -> None:
    assert normalise(left) != normalise(right)


def test_tokens_drop_punctuation_keep_numbers() -> None:
    assert tokens("بحث «كوبر»، 1,000 و2.5!") == ["بحث", "کوبر", "1,000", "و2.5"]


def test_fold_digits_keeps_length() -> None:
    text = "۱۸ آذر ۱۴۰۳ و٢٫٥"
    folded = fold_digits(text)
    assert folded == "18 آذر 1403 و2.5"
    assert len(folded) == len(text)


def test_strip_bidi_keeps_zwnj() -> None:
    assert strip_bidi("می\u200cشود\u202e\u2066") == "می\u200cشود"


def test_aligned_normalise_maps_back_to_the_original() -> None:
    text = "بحث الرئيسُ «كوبر» مع Cooper"
    norm, where = aligned_normalise(text)
    start = norm.index("کوبر")
    assert text[slice(*original_span(where, start, start + 4))] == "كوبر"


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(st.text())
def test_normalise_drops_bidi_and_zero_width(text: str) -> None:
    assert not set(normalise(text)) & set(
        "\u200c\u200d\u200b\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    )


@given(st.text())
def test_aligned_normalise_indexes_are_valid(text: str) -> None:
    norm, where = aligned_normalise(text)
    assert len(norm) == len(where)
    assert all(0 <= i < len(text) for i in where)
    assert list(where) == sorted(where)
