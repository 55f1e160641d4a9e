"""The gazetteer: GeoNames countries and cities by their names in many scripts, one key each."""

from __future__ import annotations

import pytest

from workbench.linking.gazetteer import MIN_POPULATION, Place, common_words, gazetteer, name_key


def _place(name: str) -> Place | None:
    return gazetteer().names.get(name_key(name))


@pytest.mark.parametrize(
    ("names", "shown"),
    [
        pytest.param(("Herat", "Herāt", "هرات", "ہرات", "Герат"), "Herāt", id="Herat in 4 scripts"),
        pytest.param(("Zaragoza", "Saragossa", "Σαραγόσα", "Сарагоса"), "Zaragoza", id="Zaragoza"),
        pytest.param(("Munich", "München", "Μόναχο", "Мюнхен", "ميونيخ"), "Munich", id="Munich"),
        pytest.param(("Lahore", "لاہور"), "Lahore", id="Urdu"),
    ],
)
def test_one_place_has_one_key_in_every_script(names: tuple[str, ...], shown: str) -> None:
    places = {_place(name) for name in names}
    assert len(places) == 1
    (place,) = places
    assert place is not None and place.key.startswith("g:") and place.name == shown
    assert place.level == "city"


def test_countries_and_cities_are_two_levels() -> None:
    armenia, yerevan = _place("Armenia"), _place("Yerevan")
    assert armenia is not None and armenia.level == "country"
    assert yerevan is not None and yerevan.level == "city"


def test_a_lexicon_place_keeps_the_lexicon_key_for_its_other_names() -> None:
    # "Damascus" is the lexicon's; the names it does not list read as the same concept.
    assert _place("Damascus") is None
    damaszek = _place("Damaszek")
    assert damaszek is not None and damaszek.key == "c:damascus"


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("hrat", "a lower-case romanisation key"),
        ("HEA", "an airport code"),
        ("Nice", "a stopword"),
        ("سلام", "a lexicon word (peace)"),
        ("بأنه", "a common word (that it) listed as one"),
        ("Abbas", "only a part of a name (Fort Abbas)"),
        ("Jalalabad", "three Indian towns bear it beside Afghanistan's"),
        ("ab", "too short"),
    ],
)
def test_names_that_are_not_kept(name: str, why: str) -> None:
    assert _place(name) is None, why


def test_a_main_name_and_the_script_s_country_come_first() -> None:
    # Puebla lists "Zaragoza" among its names, the Spanish city bears it as its own.
    zaragoza = _place("Zaragoza")
    assert zaragoza is not None and zaragoza.name == "Zaragoza"
    # Ibadan (Nigeria) and Abadan (Iran) both list آبادان: Persian script is written in Iran.
    abadan = _place("آبادان")
    assert abadan is not None and abadan.name == "Abadan" and abadan.local


def test_the_index_is_small() -> None:
    index = gazetteer()
    assert 50_000 < len(index.names) < 150_000
    assert 5_000 < len(index.by_key) < 20_000
    assert MIN_POPULATION >= 50_000
    assert {p.level for p in index.by_key.values()} == {"country", "city"}
    assert not common_words() & index.names.keys()
