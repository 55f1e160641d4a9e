"""The cross-language concept lexicon (``data/lexicon.json``): words and phrases -> concept ids.

Entries are normalised and lightly stemmed when loaded (see :func:`keys.stems`), and claim
tokens are looked up the same way, so "الاستراتيجية", "استراتژیک" and "strategic" all give the
concept ``strategic``. docs/lexicon.md says how the file was built and how to extend it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from workbench.linking.keys import stems
from workbench.text.normalise import tokens as word_tokens

MAX_PHRASE = 4


@dataclass(frozen=True)
class Lexicon:
    """Lookup tables: single-word stems and multi-word phrases to concepts; negation words;
    the level (``country``, ``region``, ``city``) of the concepts that are places; the head
    words of named things ("the Kharzan *Dam*") and of named places ("*city* of Marvand")."""

    words: dict[str, str]
    phrases: dict[tuple[str, ...], str]
    negation: frozenset[str]
    phrase_starts: frozenset[str] = frozenset()
    places: Mapping[str, str] = field(default_factory=dict)
    named_heads: frozenset[str] = frozenset()
    place_heads: frozenset[str] = frozenset()
    #: Concept -> the concepts that state its contrary ("increase" -> {"decrease"}).
    contraries: Mapping[str, frozenset[str]] = field(default_factory=dict)


def _base(token: str) -> str:
    return stems(token)[-1]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged lexicon, loaded once."""
    text = resources.files("workbench.linking").joinpath("data", "lexicon.json").read_text("utf-8")
    raw = json.loads(text)
    words: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for concept, by_language in raw["concepts"].items():
        for entries in by_language.values():
            for entry in entries:
                parts = word_tokens(entry)
                if len(parts) == 1:
                    for form in stems(parts[0]):
                        words.setdefault(form, concept)
                elif 1 < len(parts) <= MAX_PHRASE:
                    phrases.setdefault(tuple(_base(p) for p in parts), concept)
    negation = frozenset(
        t for ws in raw.get("negation", {}).values() for w in ws for t in word_tokens(w)
    )
    starts = frozenset(p[0] for p in phrases)
    places = {c: level for level, ids in raw.get("places", {}).items() for c in ids}
    return Lexicon(
        words=words,
        phrases=phrases,
        negation=negation,
        phrase_starts=starts,
        places=places,
        named_heads=frozenset(raw.get("named_heads", ())),
        place_heads=frozenset(raw.get("place_heads", ())),
        contraries=_contraries(raw.get("contraries", ())),
    )


def _contraries(pairs: list[list[str]]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for first, second in pairs:
        found.setdefault(first, set()).add(second)
        found.setdefault(second, set()).add(first)
    return {concept: frozenset(others) for concept, others in found.items()}


def concepts(tokens: list[str]) -> tuple[set[str], set[int]]:
    """Concepts named by normalised ``tokens``, and the token positions that named them.

    Phrases are tried first, longest first, so "prime minister" is not also "minister".
    """
    lex = lexicon()
    bases = [_base(t) for t in tokens]
    found: set[str] = set()
    used: set[int] = set()
    starts = [i for i, b in enumerate(bases) if b in lex.phrase_starts]
    for size in range(MAX_PHRASE, 1, -1):
        for start in starts:
            window = range(start, start + size)
            if window.stop > len(tokens):
                continue
            concept = lex.phrases.get(tuple(bases[i] for i in window))
            if concept and not used.intersection(window):
                found.add(concept)
                used.update(window)
    for index, token in enumerate(tokens):
        concept = None if index in used else word_concept(token)
        if concept:
            found.add(concept)
            used.add(index)
    return found, used


@lru_cache(maxsize=200_000)
def word_concept(token: str) -> str | None:
    """The concept of one normalised word (through its stems), or None."""
    words = lexicon().words
    return next((words[f] for f in stems(token) if f in words), None)
