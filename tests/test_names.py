"""Titles, names and attributions: who is named, with which rank, and who said it."""

from __future__ import annotations

import pytest

from workbench.models import AnchorKind
from workbench.text.attribution import find_attributions, origin_chain
from workbench.text.names import find_names, find_titles

AR = "بحث الرئيس السوري أحمد الشرع، مع قائد القيادة المركزية الأمريكية (سنتكوم) الأدميرال تشارلز برادلي كوبر، الجمعة."
FA = "«احمد الشرع» رئیس دولت موقت سوریه و ژنرال «برد کوپر» فرمانده جدید فرماندهی مرکزی آمریکا در خاورمیانه (سنتکام)، گفت و گو کردند."
EN = "Syrian President Ahmed al-Sharaa met Admiral Brad Cooper, the head of U.S. Central Command, in Damascus."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(AR, {"president", "commander", "admiral"}, id="Arabic ranks"),
        pytest.param(FA, {"president", "general", "commander"}, id="Persian ranks"),
        pytest.param(EN, {"president", "admiral"}, id="English ranks"),
    ],
)
def test_titles_are_concepts(text: str, expected: set[str]) -> None:
    assert {a.value for a in find_titles(text)} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            AR,
            {"احمد الشرع", "تشارلز برادلی کوبر", "CENTCOM"},
            id="Arabic: after titles, known institutions",
        ),
        pytest.param(FA, {"احمد الشرع", "برد کوپر", "CENTCOM"}, id="Persian: quoted names"),
        pytest.param(
            EN, {"brad cooper", "CENTCOM", "damascus"}, id="English: capitalised sequences"
        ),
    ],
)
def test_names_found(text: str, expected: set[str]) -> None:
    names = {a.value for a in find_names(text)}
    assert expected <= names


def test_anchor_offsets_point_into_the_original() -> None:
    for anchor in find_names(AR) + find_titles(AR):
        assert AR[anchor.start : anchor.end] == anchor.text


@pytest.mark.parametrize(
    ("text", "speaker", "verb"),
    [
        pytest.param(
            "سنتکام نیز اعلام کرد که مقامات تشکر کردند.", "CENTCOM", "اعلام کرد", id="Persian SOV"
        ),
        pytest.param(
            "بدورها، ذكرت “سنتكوم”، في منشور أن كوبر شكر الشرع.",
            "CENTCOM",
            "ذکرت",
            id="Arabic VSO with quotes",
        ),
        pytest.param(
            "وذكرت الرئاسة السورية، عبر حسابها أن اللقاء تم.",
            "Syrian Presidency",
            "ذکرت",
            id="Arabic official source",
        ),
        pytest.param(
            "CENTCOM said on Friday that Cooper thanked him.", "CENTCOM", "said", id="English"
        ),
        pytest.param(
            "The talks were useful, according to the Syrian Presidency.",
            "Syrian Presidency",
            "according to",
            id="according to",
        ),
        pytest.param(
            "Le ministère a déclaré que la visite était utile.",
            "le ministere",
            "a declare",
            id="French",
        ),
    ],
)
def test_attribution_speaker(text: str, speaker: str, verb: str) -> None:
    found = find_attributions(text)
    assert [(a.value, a.detail) for a in found][:1] == [(speaker, verb)]
    assert all(a.kind is AnchorKind.ATTRIBUTION for a in found)


def test_conversation_is_not_saying() -> None:
    assert find_attributions("دو طرف در مورد همکاری گفت و گو کردند.") == []


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        pytest.param(
            "به گزارش تابناک به نقل از ایرنا، این بیانیه افزود.",
            ["Tabnak", "IRNA"],
            id="Persian reporter citing agency",
        ),
        pytest.param(
            "وذكرت الرئاسة السورية، عبر حسابها بمنصة إكس، أن الشرع استقبل كوبر.",
            ["Syrian Presidency"],
            id="Arabic official account",
        ),
        pytest.param(
            "The visit was brief, according to Reuters, citing officials.",
            ["Reuters"],
            id="according to",
        ),
        pytest.param("A plain sentence with no source.", [], id="none"),
        pytest.param("The plan was agreed, according to officials.", [], id="generic source"),
    ],
)
def test_origin_chain(text: str, chain: list[str]) -> None:
    assert origin_chain(text) == chain
