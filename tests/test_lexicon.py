"""The cross-language concept lexicon (workbench/linking/data/lexicon.json) is well formed.

Most checks read the file with ``json`` only, so they hold whatever the loader looks like. The
last section goes through the real loaders (``linking.lexicon`` and ``text.lexicon``): every
entry must reach its own concept once all languages share one dictionary, and the tables of
words in German, Spanish, Italian, Greek, Russian and Urdu must land where news needs them.
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
OPTIONAL = ("fr", "tr", "de", "es", "it", "el", "ru", "ur")
#: The languages added after the first five; each must be present in the file.
ADDED = ("de", "es", "it", "el", "ru", "ur")
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


# --------------------------------------------------------------------------- added languages

#: Concepts that news about disasters and casualties needs: each has words in every language.
DISASTER_CONCEPTS = (
    "earthquake",
    "aftershock",
    "magnitude",
    "epicentre",
    "depth",
    "kilometre",
    "landslide",
    "rubble",
    "destroyed",
    "damaged",
    "toll",
    "missing",
    "affected",
    "district",
    "house",
    "building",
    "village",
    "province",
    "family",
    "person",
    "victims",
    "killed",
    "wounded",
    "rescue",
    "aid",
    "hospital",
    "north_east",
    "north_west",
    "south_east",
    "south_west",
)


@pytest.mark.parametrize("concept", DISASTER_CONCEPTS)
def test_disaster_concepts_have_every_language(concept: str) -> None:
    by_language = _concepts()[concept]
    missing = [code for code in REQUIRED + OPTIONAL if not by_language.get(code)]
    assert missing == [], f"{concept} lacks {missing}"


@pytest.mark.parametrize("language", ADDED)
def test_added_languages_have_negation_and_many_concepts(language: str) -> None:
    assert _raw()["negation"].get(language), f"no negation words for {language}"
    covered = sum(1 for by_language in _concepts().values() if by_language.get(language))
    assert covered >= 300, f"{language} covers only {covered} concepts"


@pytest.mark.parametrize(
    ("word_a", "language_a", "word_b", "language_b"),
    [
        # earthquakes and their measures
        pytest.param("Erdbeben", "de", "earthquake", "en", id="earthquake de-en"),
        pytest.param("terremoto", "es", "séisme", "fr", id="earthquake es-fr"),
        pytest.param("terremoto", "it", "deprem", "tr", id="earthquake it-tr"),
        pytest.param("σεισμός", "el", "زلزال", "ar", id="earthquake el-ar"),
        pytest.param("землетрясения", "ru", "زمین‌لرزه", "fa", id="earthquake ru-fa"),
        pytest.param("زلزلہ", "ur", "زلزله", "fa", id="earthquake ur-fa"),
        pytest.param("Nachbeben", "de", "aftershocks", "en", id="aftershock de-en"),
        pytest.param("μετασεισμοί", "el", "artçı", "tr", id="aftershock el-tr"),
        pytest.param("афтершоков", "ru", "پس‌لرزه", "fa", id="aftershock ru-fa"),
        pytest.param("magnitud", "es", "magnitude", "fr", id="magnitude es-fr"),
        pytest.param("магнитудой", "ru", "ریشتر", "fa", id="magnitude ru-fa"),
        pytest.param("epicentro", "it", "épicentre", "fr", id="epicentre it-fr"),
        pytest.param("επίκεντρο", "el", "Epizentrum", "de", id="epicentre el-de"),
        pytest.param("глубине", "ru", "عمق", "ar", id="depth ru-ar"),
        pytest.param("км", "ru", "km", "en", id="kilometre ru-en"),
        pytest.param("χλμ", "el", "كيلومتر", "ar", id="kilometre el-ar"),
        pytest.param("کلومیٹر", "ur", "کیلومتر", "fa", id="kilometre ur-fa"),
        # casualties
        pytest.param("Tote", "de", "morts", "fr", id="killed de-fr"),
        pytest.param("muertos", "es", "ölü", "tr", id="killed es-tr"),
        pytest.param("morti", "it", "کشته", "fa", id="killed it-fa"),
        pytest.param("νεκρούς", "el", "قتلى", "ar", id="killed el-ar"),
        pytest.param("погибших", "ru", "killed", "en", id="killed ru-en"),
        pytest.param("ہلاک", "ur", "dead", "en", id="killed ur-en"),
        pytest.param("Verletzte", "de", "injured", "en", id="wounded de-en"),
        pytest.param("heridos", "es", "جرحى", "ar", id="wounded es-ar"),
        pytest.param("feriti", "it", "blessés", "fr", id="wounded it-fr"),
        pytest.param("τραυματίες", "el", "yaralı", "tr", id="wounded el-tr"),
        pytest.param("раненых", "ru", "مجروح", "fa", id="wounded ru-fa"),
        pytest.param("زخمی", "ur", "wounded", "en", id="wounded ur-en"),
        pytest.param("vermisst", "de", "missing", "en", id="missing de-en"),
        pytest.param("αγνοούμενοι", "el", "المفقودين", "ar", id="missing el-ar"),
        pytest.param("пропавших", "ru", "disparus", "fr", id="missing ru-fr"),
        pytest.param("لاپتہ", "ur", "مفقود", "fa", id="missing ur-fa"),
        pytest.param("Opferzahl", "de", "toll", "en", id="toll de-en"),
        pytest.param("число погибших", "ru", "حصيلة", "ar", id="toll ru-ar"),
        pytest.param("víctimas", "es", "ضحايا", "ar", id="victims es-ar"),
        pytest.param("damnificados", "es", "sinistrés", "fr", id="affected es-fr"),
        pytest.param("zerstört", "de", "destroyed", "en", id="destroyed de-en"),
        pytest.param("crollati", "it", "yıkıldı", "tr", id="destroyed it-tr"),
        pytest.param("разрушены", "ru", "تخریب", "fa", id="destroyed ru-fa"),
        pytest.param("تباہ", "ur", "دمر", "ar", id="destroyed ur-ar"),
        pytest.param("danneggiati", "it", "damaged", "en", id="damaged it-en"),
        pytest.param("ζημιές", "el", "hasar", "tr", id="damaged el-tr"),
        pytest.param("macerie", "it", "enkaz", "tr", id="rubble it-tr"),
        pytest.param("завалами", "ru", "الأنقاض", "ar", id="rubble ru-ar"),
        pytest.param("Rettungskräfte", "de", "rescuers", "en", id="rescue de-en"),
        pytest.param("спасатели", "ru", "امدادگران", "fa", id="rescue ru-fa"),
        pytest.param("Hilfe", "de", "aide", "fr", id="aid de-fr"),
        pytest.param("ayuda", "es", "مساعدات", "ar", id="aid es-ar"),
        # places and buildings
        pytest.param("Dorf", "de", "village", "en", id="village de-en"),
        pytest.param("χωριό", "el", "روستا", "fa", id="village el-fa"),
        pytest.param("село", "ru", "köy", "tr", id="village ru-tr"),
        pytest.param("گاؤں", "ur", "قرية", "ar", id="village ur-ar"),
        pytest.param("район", "ru", "district", "en", id="district ru-en"),
        pytest.param("ضلع", "ur", "ilçe", "tr", id="district ur-tr"),
        pytest.param("Provinz", "de", "استان", "fa", id="province de-fa"),
        pytest.param("صوبہ", "ur", "province", "en", id="province ur-en"),
        pytest.param("Häuser", "de", "houses", "en", id="house de-en"),
        pytest.param("σπίτια", "el", "منازل", "ar", id="house el-ar"),
        pytest.param("домов", "ru", "evler", "tr", id="house ru-tr"),
        pytest.param("Gebäude", "de", "bâtiments", "fr", id="building de-fr"),
        pytest.param("здания", "ru", "ساختمان", "fa", id="building ru-fa"),
        pytest.param("ospedale", "it", "مستشفى", "ar", id="hospital it-ar"),
        pytest.param("Afganistán", "es", "افغانستان", "fa", id="afghanistan es-fa"),
        pytest.param("Αφγανιστάν", "el", "Afghanistan", "de", id="afghanistan el-de"),
        pytest.param("پاکستان", "ur", "Пакистан", "ru", id="pakistan ur-ru"),
        # directions, quantities, time
        pytest.param("nordöstlich", "de", "kuzeydoğu", "tr", id="north_east de-tr"),
        pytest.param("северо-востоке", "ru", "شمال شرق", "ar", id="north_east ru-ar"),
        pytest.param("شمال مشرقی", "ur", "nord-est", "fr", id="north_east ur-fr"),
        pytest.param("Westen", "de", "غرب", "fa", id="west de-fa"),
        pytest.param("тысяч", "ru", "thousands", "en", id="thousand ru-en"),
        pytest.param("ہزاروں", "ur", "آلاف", "ar", id="thousand ur-ar"),
        pytest.param("Millionen", "de", "میلیون", "fa", id="million de-fa"),
        pytest.param("per cento", "it", "درصد", "fa", id="percent it-fa"),
        pytest.param("σήμερα", "el", "today", "en", id="today el-en"),
        pytest.param("вчера", "ru", "أمس", "ar", id="yesterday ru-ar"),
        # roles, institutions, saying and meeting
        pytest.param("Präsident", "de", "président", "fr", id="president de-fr"),
        pytest.param("πρωθυπουργός", "el", "başbakan", "tr", id="prime_minister el-tr"),
        pytest.param("وزیراعظم", "ur", "نخست وزیر", "fa", id="prime_minister ur-fa"),
        pytest.param("Außenminister", "de", "وزير الخارجية", "ar", id="foreign_minister de-ar"),
        pytest.param("адмирал", "ru", "admiral", "en", id="admiral ru-en"),
        pytest.param("Regierung", "de", "دولت", "fa", id="government de-fa"),
        pytest.param("ООН", "ru", "United Nations", "en", id="united_nations ru-en"),
        pytest.param("dijo", "es", "said", "en", id="say es-en"),
        pytest.param("заявил", "ru", "گفت", "fa", id="say ru-fa"),
        pytest.param("συνάντηση", "el", "لقاء", "ar", id="meet el-ar"),
    ],
)
def test_added_language_pairs_share_a_concept(
    word_a: str, language_a: str, word_b: str, language_b: str
) -> None:
    concepts_a = _concepts_of(word_a, language_a)
    concepts_b = _concepts_of(word_b, language_b)
    assert concepts_a, f"{word_a!r} is not listed under {language_a}"
    assert concepts_b, f"{word_b!r} is not listed under {language_b}"
    assert concepts_a & concepts_b


# --------------------------------------------------------------------------- through the loaders


def test_every_entry_reaches_its_own_concept_through_the_loader() -> None:
    """All languages share one dictionary, first entry wins: a word of a new language whose
    normalised form or light stem is already another concept's would silently land there."""
    from workbench.linking.lexicon import concepts, word_concept
    from workbench.text.normalise import tokens

    wrong = []
    for cid, by_language in _concepts().items():
        for language, words in by_language.items():
            for word in words:
                parts = tokens(word)
                if len(parts) == 1:
                    found = {word_concept(parts[0])}
                else:
                    found, used = concepts(parts)
                    if len(used) != len(parts):
                        found = found | {"<unused token>"}
                if found != {cid}:
                    wrong.append(f"{cid}/{language}: {word!r} -> {sorted(map(str, found))}")
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        pytest.param("Erdbeben der Stärke 6,3", "earthquake", id="de earthquake"),
        pytest.param("погибли 800 человек", "killed", id="ru killed"),
        pytest.param("τουλάχιστον 20 νεκροί", "killed", id="el killed"),
        pytest.param("3.000 feriti", "wounded", id="it wounded"),
        pytest.param("cientos de desaparecidos", "missing", id="es missing"),
        pytest.param("سینکڑوں افراد جاں بحق", "killed", id="ur killed"),
        pytest.param("a 10 km de profundidad", "kilometre", id="es km"),
        pytest.param("на глубине 10 км", "depth", id="ru depth"),
        pytest.param("στα βορειοανατολικά της χώρας", "north_east", id="el north-east"),
    ],
)
def test_claim_phrases_in_added_languages_name_their_concept(text: str, concept: str) -> None:
    from workbench.linking.lexicon import concepts
    from workbench.text.normalise import tokens

    assert concept in concepts(tokens(text))[0]


@pytest.mark.parametrize(
    ("word", "role"),
    [
        pytest.param("Admiral", "admiral", id="de admiral"),
        pytest.param("almirante", "admiral", id="es admiral"),
        pytest.param("ammiraglio", "admiral", id="it admiral"),
        pytest.param("ναύαρχος", "admiral", id="el admiral"),
        pytest.param("адмирал", "admiral", id="ru admiral"),
        pytest.param("ایڈمرل", "admiral", id="ur admiral"),
        pytest.param("генерал", "general", id="ru general"),
        pytest.param("στρατηγός", "general", id="el general"),
        pytest.param("جنرل", "general", id="ur general"),
        pytest.param("coronel", "colonel", id="es colonel"),
        pytest.param("полковник", "colonel", id="ru colonel"),
        pytest.param("Präsident", "president", id="de president"),
        pytest.param("президента", "president", id="ru president"),
        pytest.param("presidente del Gobierno", "prime_minister", id="es prime minister"),
        pytest.param("πρωθυπουργός", "prime_minister", id="el prime minister"),
        pytest.param("وزیراعظم", "prime_minister", id="ur prime minister"),
        pytest.param("Außenminister", "foreign_minister", id="de foreign minister"),
        pytest.param("министр иностранных дел", "foreign_minister", id="ru foreign minister"),
        pytest.param("portavoz", "spokesperson", id="es spokesperson"),
        pytest.param("ترجمان", "spokesperson", id="ur spokesperson"),
        pytest.param("Generalsekretär", "secretary_general", id="de secretary general"),
        pytest.param("Kronprinz", "crown_prince", id="de crown prince"),
        pytest.param("король", "king", id="ru king"),
    ],
)
def test_titles_in_added_languages(word: str, role: str) -> None:
    from workbench.text.lexicon import titles
    from workbench.text.normalise import normalise

    assert titles().get(normalise(word)) == role
