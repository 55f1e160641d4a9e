"""The reading aid: what the linker understood of a claim, in English, for a reviewer who does
not read its language; machine-made, escaped, never in place of the original."""

from __future__ import annotations

import datetime as dt
from typing import Any

from workbench.review.display import reading_aid_html
from workbench.review.reading import ReadingAid, reading_aid
from workbench.text.anchors import find_anchors


def _anchors(text: str, published: dt.date | None = None) -> list[dict[str, Any]]:
    return [
        {"kind": a.kind.value, "text": a.text, "value": a.value, "char_end": a.end}
        for a in find_anchors(text, published=published)
    ]


def _aid(text: str, language: str, published: dt.date | None = None) -> ReadingAid:
    return reading_aid(text, language, _anchors(text, published))


def test_an_arabic_claim_read_in_english() -> None:
    text = "قال الأدميرال براد كوبر إن الهجوم أسفر عن مقتل 15 شخصا في دمشق يوم 9 مارس 2025"
    aid = _aid(text, "ar")
    assert ("كوبر", "Kwbr") in aid.names
    assert "admiral" in aid.titles
    assert "15 killed" in aid.numbers
    assert aid.dates == ("2025-03-09",)
    assert "damascus" in aid.concepts
    assert any("kwbr" in s.lower() for s in aid.said_by)


def test_dates_in_other_calendars_become_iso_days() -> None:
    # 15 Mehr 1402 (Jalali) is 7 October 2023.
    aid = _aid("وقع الزلزال يوم 15 مهر 1402 في هرات", "fa")
    assert aid.dates == ("2023-10-07",)


def test_names_in_cased_scripts_are_transliterated() -> None:
    greek = _aid("Ο Χαμντουλάχ Φιτράτ διευκρίνισε ότι 2.205 άνθρωποι έχασαν τη ζωή τους", "el")
    assert ("Φιτράτ", "Fitrat") in greek.names and "2205 killed" in greek.numbers
    russian = _aid(
        "Представитель министерства Абдул Матин Кани заявил, что погибли 610 человек", "ru"
    )
    assert [latin for _, latin in russian.names] == ["Abdul", "Matin", "Kani"]
    # Words the lexicon knows and stopwords are not names, capitalised or not.
    assert all(w not in ("της", "των") for w, _ in greek.names)


def test_a_negation_is_said() -> None:
    assert _aid("قال كوبر إن الاتفاق لا يخدم مصالح البلدين", "ar").negated


def test_the_aid_is_marked_machine_made_and_escaped() -> None:
    hostile = '<img src=x onerror="window.pwned=1"> General Karim Nassar said 12 died.'
    aid = reading_aid(hostile, "en", _anchors(hostile))
    shown = reading_aid_html(aid)
    assert "<img" not in shown
    assert "machine" in shown.lower() and "not a translation" in shown.lower()
    forged = ReadingAid("ar", ("<script>x</script>",), (("<u>", "<s>"),), (), (), (), (), False)
    shown = reading_aid_html(forged)
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "<u>" not in shown and "<s>" not in shown and "&lt;u&gt;" in shown
