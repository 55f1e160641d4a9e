"""Claim segmentation: sentence ends in Arabic, Persian and Latin text, quotes, numbers, abbreviations."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.text.segment import Span, cap_span, split_sentences

CASES = [
    pytest.param(
        "One two three. Four five six.", ["One two three.", "Four five six."], id="Latin full stops"
    ),
    pytest.param("هل حضر؟ نعم حضر.", ["هل حضر؟", "نعم حضر."], id="Arabic question mark"),
    pytest.param(
        "امدادی کام شروع ہو گیا۔حکام نے بتایا۔ مزید معلومات",
        ["امدادی کام شروع ہو گیا۔", "حکام نے بتایا۔", "مزید معلومات"],
        id="Urdu full stop without the space after it",
    ),
    pytest.param(
        "Version 2.5 is out.Next", ["Version 2.5 is out.Next"], id="a glued dot is no end"
    ),
    pytest.param(
        "اول آمد؛ بعد رفت. تمام.",
        ["اول آمد؛ بعد رفت.", "تمام."],
        id="Arabic semicolon joins clauses",
    ),
    pytest.param(
        "Growth was 2.5 percent today.", ["Growth was 2.5 percent today."], id="decimal point"
    ),
    pytest.param(
        "Gen. Smith met Mr. J. Doe in the U.S. capital. Fine.",
        ["Gen. Smith met Mr. J. Doe in the U.S. capital.", "Fine."],
        id="abbreviations and initials",
    ),
    pytest.param(
        'He said: "We agree. Fully." Then left.',
        ['He said: "We agree. Fully."', "Then left."],
        id="not inside ASCII quotes",
    ),
    pytest.param(
        "قال «نعم. لا.» ثم ذهب.", ["قال «نعم. لا.»", "ثم ذهب."], id="not inside guillemets"
    ),
    pytest.param(
        "وأوضحت أن اللقاء “بحث. ودعم”. انتهى.",
        ["وأوضحت أن اللقاء “بحث. ودعم”.", "انتهى."],
        id="not inside curly quotes",
    ),
    pytest.param(
        "Headline without stop\nBody sentence here.",
        ["Headline without stop", "Body sentence here."],
        id="line breaks end sentences",
    ),
    pytest.param(
        'تقریبا" به نصف کاهش دهد. پایان.',
        ['تقریبا" به نصف کاهش دهد.', "پایان."],
        id="a stray quote protects nothing",
    ),
    pytest.param("Wow!! Really?! Yes.", ["Wow!!", "Really?!", "Yes."], id="runs of terminators"),
    pytest.param("...\n123.\n", [], id="no letters, no claim"),
    pytest.param(
        "The U.N. said no. Officials agreed.",
        ["The U.N. said no.", "Officials agreed."],
        id="'no' ends a sentence",
    ),
    pytest.param(
        "He moved to the U.S. He said it was fine.",
        ["He moved to the U.S.", "He said it was fine."],
        id="sentence-final abbreviation before a capital",
    ),
    pytest.param(
        "قال د. محمد إن الاتفاق تم. وانتهى الأمر.",
        ["قال د. محمد إن الاتفاق تم.", "وانتهى الأمر."],
        id="Arabic initial",
    ),
    pytest.param(
        "Le 8 déc. 2024, il est parti. Fin.",
        ["Le 8 déc. 2024, il est parti.", "Fin."],
        id="French month abbreviation",
    ),
    pytest.param(
        "قتلوا.\u202c \u200fوأضاف المصدر.",
        ["قتلوا.\u202c", "\u200fوأضاف المصدر."],
        id="bidi marks after a full stop",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[s.start : s.end] for s in split_sentences(text)] == expected


def test_offset_is_added() -> None:
    assert split_sentences("Hello there.", offset=10) == [Span(10, 22)]


def test_cap_span_cuts_at_spaces() -> None:
    text = "word " * 100
    pieces = cap_span(text, Span(0, len(text) - 1), 50)
    assert all(p.end - p.start <= 50 for p in pieces)
    assert "".join(text[p.start : p.end] + " " for p in pieces).strip() == text.strip()


def test_cap_span_cuts_a_line_without_spaces() -> None:
    text = "x" * 1000
    pieces = cap_span(text, Span(0, 1000), 300)
    assert [p.end - p.start for p in pieces] == [300, 300, 300, 100]


@given(st.text())
def test_spans_point_at_trimmed_text_in_order(text: str) -> None:
    spans = split_sentences(text)
    for span in spans:
        piece = text[span.start : span.end]
        assert piece == piece.strip() and piece
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
