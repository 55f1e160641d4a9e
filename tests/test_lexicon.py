"""The cross-language concept lexicon (workbench/linking/data/lexicon.json) is well formed.

Read with ``json`` only, so these checks hold whatever the loader looks like.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest

LEXICON = Path(__file__).resolve().parents[1] / "workbench" / "linking" / "data" / "lexicon.json"
REQUIRED = ("ar", "fa", "en")
OPTIONAL = ("fr", "tr")
CONCEPT_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


@cache
def _raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LEXICON.read_text(encoding="utf-8"))
    return data


def _concepts() -> dict[str, dict[str, list[str]]]:
    concepts: dict[str, dict[str, list[str]]] = _raw()["concepts"]
    return concepts


def _key(word: str) -> str:
    return word.casefold().strip()


def test_file_parses_with_concepts_and_negation() -> None:
    raw = _raw()
    assert isinstance(raw.get("_comment"), str)
    assert raw["_comment"].strip()
    assert isinstance(raw["concepts"], dict)
    assert isinstance(raw["negation"], dict)


def test_at_least_300_concepts() -> None:
    assert len(_concepts()) >= 300


def test_concept_ids_are_lower_snake_case() -> None:
    bad = [cid for cid in _concepts() if not CONCEPT_ID.fullmatch(cid)]
    assert bad == []


def test_required_languages_are_non_empty_lists_of_strings() -> None:
    bad = []
    for cid, by_language in _concepts().items():
        for language in REQUIRED:
            words = by_language.get(language)
            if not isinstance(words, list) or not words:
                bad.append(f"{cid}: no {language}")
        for language, words in by_language.items():
            if language not in REQUIRED + OPTIONAL:
                bad.append(f"{cid}: unknown language {language}")
            elif not all(isinstance(w, str) and w.strip() for w in words):
                bad.append(f"{cid}: empty or non-string word in {language}")
    assert bad == []


def test_no_word_in_two_concepts_of_one_language() -> None:
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for cid, by_language in _concepts().items():
        for language, words in by_language.items():
            for word in words:
                owners[language, _key(word)].add(cid)
    shared = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert shared == {}


def test_no_word_twice_in_one_list() -> None:
    repeated = [
        f"{cid}/{language}"
        for cid, by_language in _concepts().items()
        for language, words in by_language.items()
        if len({_key(w) for w in words}) != len(words)
    ]
    assert repeated == []


def test_negation_has_the_first_languages() -> None:
    negation = _raw()["negation"]
    for language in REQUIRED:
        words = negation.get(language)
        assert isinstance(words, list)
        assert words
        assert all(isinstance(w, str) and w.strip() for w in words)


def _concepts_of(word: str, language: str) -> set[str]:
    return {
        cid
        for cid, by_language in _concepts().items()
        if _key(word) in {_key(w) for w in by_language.get(language, [])}
    }


@pytest.mark.parametrize(
    ("word_a", "language_a", "word_b", "language_b"),
    [
        pytest.param("الاستراتيجية", "ar", "استراتژیک", "fa", id="strategic ar-fa"),
        pytest.param("الشراكة", "ar", "مشارکت", "fa", id="partnership ar-fa"),
        pytest.param("الاستقرار", "ar", "ثبات", "fa", id="stability ar-fa"),
        pytest.param("الأمن", "ar", "امنیت", "fa", id="security ar-fa"),
        pytest.param("التعاون", "ar", "همکاری", "fa", id="cooperation ar-fa"),
        pytest.param("المبعوث", "ar", "فرستاده", "fa", id="envoy ar-fa"),
        pytest.param("القيادة المركزية", "ar", "فرماندهی مرکزی", "fa", id="centcom ar-fa"),
        pytest.param("مواجهة", "ar", "مقابله", "fa", id="confront ar-fa"),
        pytest.param("استعادة", "ar", "بازگرداندن", "fa", id="return ar-fa"),
        pytest.param("المواطنين", "ar", "شهروندان", "fa", id="citizen ar-fa"),
        pytest.param("فصائل", "ar", "معارضان", "fa", id="opposition ar-fa"),
        pytest.param("سيطرتها", "ar", "کنترل", "fa", id="control ar-fa"),
        pytest.param("واشنطن", "ar", "washington", "en", id="washington ar-en"),
        pytest.param("damas", "fr", "دمشق", "fa", id="damascus fr-fa"),
        pytest.param("güvenlik", "tr", "security", "en", id="security tr-en"),
    ],
)
def test_cross_language_pairs_share_a_concept(
    word_a: str, language_a: str, word_b: str, language_b: str
) -> None:
    concepts_a = _concepts_of(word_a, language_a)
    concepts_b = _concepts_of(word_b, language_b)
    assert concepts_a, f"{word_a!r} is not listed under {language_a}"
    assert concepts_b, f"{word_b!r} is not listed under {language_b}"
    assert concepts_a & concepts_b


def test_places_and_heads_name_concepts_of_the_lexicon() -> None:
    raw = _raw()
    assert set(raw["places"]) == {"country", "region", "city"}
    listed = [c for ids in raw["places"].values() for c in ids]
    assert len(listed) == len(set(listed)), "a place in two levels"
    for concept in [*listed, *raw["named_heads"], *raw["place_heads"]]:
        assert concept in raw["concepts"], concept
    # Heads that name sources would make two outlets citing two agencies look like two events.
    assert not {"news_agency", "newspaper"} & set(raw["named_heads"])


def test_contraries_are_pairs_of_two_concepts() -> None:
    raw = _raw()
    for pair in raw["contraries"]:
        assert len(pair) == 2 and pair[0] != pair[1], pair
        assert all(c in raw["concepts"] for c in pair), pair
