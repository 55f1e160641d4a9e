"""Language detection: ar, fa, en reliably; Persian with Arabic letters is still Persian."""

from __future__ import annotations

import pytest

from workbench.text.language import detect_language

CASES = [
    pytest.param(
        "بحث الرئيس السوري مع قائد القيادة المركزية الأمريكية آفاق التعاون في المجالات السياسية.",
        "ar",
        id="Arabic",
    ),
    pytest.param(
        "سنتکام نیز اعلام کرد که مقامات این مرکز از رئیس دولت موقت سوریه تشکر کردند.",
        "fa",
        id="Persian",
    ),
    pytest.param(
        "وارسته با بيان اين مطلب اظهارداشت كه اين دفاتر قادرند 24 هزار روستا را تحت پوشش قرار دهند.",
        "fa",
        id="Persian written with Arabic yeh and kaf",
    ),
    pytest.param("خادمان نوروزی کرمان تجلیل می‌شوند", "fa", id="short Persian headline"),
    pytest.param(
        "The minister said the agreement was signed on Monday in the capital.", "en", id="English"
    ),
    pytest.param(
        "Le ministre a déclaré que l’accord a été signé lundi dans la capitale.", "fr", id="French"
    ),
    pytest.param(
        "Bakan anlaşmanın pazartesi günü başkentte imzalandığını söyledi.", "tr", id="Turkish"
    ),
    pytest.param("وزیر اعظم نے کہا کہ معاہدہ پیر کو دارالحکومت میں طے پایا ہے۔", "ur", id="Urdu"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_short_latin_claim_keeps_its_article_language() -> None:
    assert detect_language("Cooper met Sharaa.", hint="en") == "en"


def test_short_arabic_claim_keeps_its_article_language() -> None:
    assert detect_language("أين عاشت زوجاته؟", hint="ar") == "ar"  # أين folds like Persian این
    assert detect_language("چه گفت؟", hint="ar") == "fa"  # چ settles it


def test_arabic_script_tie_falls_back_to_hint() -> None:
    assert detect_language("سوريا دمشق", hint="fa") == "fa"


def test_no_words_is_undetermined() -> None:
    assert detect_language("12345 ...") == "und"
