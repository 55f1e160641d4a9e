"""Cross-script keys: the same name in any script meets; stems and stopwords."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.linking.keys import skeleton, stems, stopwords

SAME = [
    pytest.param(["كوبر", "کوپر", "Cooper", "Κούπερ", "Kuper"], id="Cooper in five scripts"),
    pytest.param(["باراك", "باراک", "Barrack"], id="Barrack"),
    pytest.param(["سنتكوم", "سنتکام", "CENTCOM"], id="CENTCOM"),
    pytest.param(["ترامب", "ترامپ", "Trump"], id="Trump (p/b)"),
    pytest.param(["برادلي", "Bradley"], id="Bradley"),
    pytest.param(["أردوغان", "Erdoğan", "Ердоган"], id="Erdogan with accents and Cyrillic"),
    pytest.param(["الشرع", "al-Sharaa", "Sharaa"], id="Arabic article and Latin al-"),
    pytest.param(["واشنگتن", "Washington"], id="Washington"),
]


@pytest.mark.parametrize("spellings", SAME)
def test_spellings_share_a_skeleton(spellings: list[str]) -> None:
    assert len({skeleton(s) for s in spellings}) == 1


def test_different_names_differ() -> None:
    assert skeleton("Cooper") != skeleton("Barrack")


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        pytest.param("والاستقرار", "استقرار", id="Arabic و + ال"),
        pytest.param("همکاریهای", "همکاری", id="Persian plural without ZWNJ"),
        pytest.param("partnerships", "partnership", id="English plural"),
    ],
)
def test_stems(token: str, expected: str) -> None:
    assert expected in stems(token)


def test_stopwords_by_language() -> None:
    assert "فی" in stopwords("ar")  # في, normalised
    assert "the" in stopwords("en")
    assert stopwords("xx") == frozenset()


@given(st.text())
def test_skeleton_is_ascii_consonants(text: str) -> None:
    key = skeleton(text)
    assert key == "" or (key.isascii() and key.isalpha() and not set(key) & set("aeiouwy"))
