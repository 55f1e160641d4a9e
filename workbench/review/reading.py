"""A reading aid for one-language reviewers: what the linker understood of a claim, in English.

A desk's reviewers rarely read every language a story travels in, and nothing here may call a
translation service. So beside a claim in a language the reviewer does not read, the Review
page shows what the linker read in it: its concepts (the lexicon's English names), names
transliterated to Latin letters, numbers with what they count, dates as ISO days whatever the
calendar they were written in, who said it, and whether it is negated. It is marked as
machine-made and never replaces the original. Pure: from the claim's text and stored anchors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from anyascii import anyascii

from workbench.linking.features import number_units
from workbench.linking.keys import all_stopwords
from workbench.linking.lexicon import concepts, lexicon, word_concept
from workbench.text.normalise import normalise, normalised_tokens

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: Concepts too general to help a reader (most claims of a story have them).
_GENERAL = frozenset({"say", "announce", "statement", "report", "add", "confirm", "day", "person"})


@dataclass(frozen=True)
class ReadingAid:
    """What the linker read in one claim, in English (each part empty where it read none)."""

    language: str
    concepts: tuple[str, ...]  # "earthquake", "killed", "interior ministry"
    names: tuple[tuple[str, str], ...]  # (as written, in Latin letters)
    numbers: tuple[str, ...]  # "12 wounded", "6.3", "120 engineer"
    dates: tuple[str, ...]  # ISO days, months or intervals
    said_by: tuple[str, ...]  # who said it, in Latin letters
    titles: tuple[str, ...]  # ranks and offices: "admiral", "prime minister"
    negated: bool


def _english(concept: str) -> str:
    return concept.replace("_", " ")


def _latin(written: str) -> str:
    found = anyascii(written).strip()
    return found[:1].upper() + found[1:] if found else ""


def reading_aid(
    text: str,
    language: str,
    anchors: Iterable[Mapping[str, Any]],
) -> ReadingAid:
    """The aid for one claim, from its ``text``, ``language`` and stored anchor rows (``kind,
    text, value, char_end``): the linker's own readers, without the rest of its features (a
    page renders this for every pair it shows)."""
    rows = [dict(a) for a in anchors]
    words = normalised_tokens(normalise(text))
    found, _ = concepts(words)
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for a in rows:
        by_kind.setdefault(str(a["kind"]), []).append(a)
    titles = tuple(dict.fromkeys(_english(str(a["value"])) for a in by_kind.get("title", [])))
    shown_concepts = tuple(
        sorted(
            _english(c)
            for c in found
            if ":" not in c and c not in _GENERAL and _english(c) not in titles
        )
    )
    stop = all_stopwords()
    # Names: the name anchors' words, and in a cased script (Latin, Greek, Cyrillic) any word
    # written with a capital after the first; each kept where a cased one is capitalised and
    # it is neither a stopword nor a word the lexicon knows.
    capitals = [m.group() for m in _WORD.finditer(text) if m.start() and m.group()[0].isupper()]
    read = [w for a in by_kind.get("name", []) for w in str(a["text"]).split()]
    written = [
        w
        for w in dict.fromkeys([*read, *capitals])
        if (w[0].isupper() or not w[0].islower())
        and w.lower() not in stop
        and not word_concept(normalise(w))
    ]
    numbers = by_kind.get("number", [])
    spans = [(int(a["char_end"]) - len(str(a["text"])), int(a["char_end"])) for a in numbers]
    units = number_units(text, spans)
    # Who said it, where the speaker the attribution read holds a name or a title: a
    # speaker of common words only is most often a misreading ("أعلنت يوم 15 مهر").
    telling = [*written, *(str(a["text"]) for a in by_kind.get("title", []))]
    said_by = tuple(
        dict.fromkeys(
            _latin(str(a["text"]))
            for a in by_kind.get("attribution", [])
            if any(t and t in str(a["text"]) for t in telling)
        )
    )
    return ReadingAid(
        language=language,
        concepts=shown_concepts,
        names=tuple((w, latin) for w in written if (latin := _latin(w))),
        numbers=tuple(
            f"{a['value']} {unit}".strip() for a, unit in zip(numbers, units, strict=True)
        ),
        dates=tuple(
            dict.fromkeys(
                str(a["value"])
                for a in by_kind.get("date", [])
                if not str(a["value"]).startswith("--")
            )
        ),
        said_by=tuple(s for s in said_by if s),
        titles=titles,
        negated=not lexicon().negation.isdisjoint(words),
    )
