"""Reviewed word lists shipped with the package: role/rank titles and outlets.

Both files map a concept to the words that name it in any language; entries are normalised
on load so that lookups work on normalised text. See docs/ingest.md for how to extend them.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from workbench.text.normalise import normalise


def _load(name: str) -> dict[str, list[str]]:
    raw = json.loads(resources.files("workbench.text").joinpath("data", name).read_text("utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def _alternation(words: dict[str, str]) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    body = "|".join(re.escape(w) for w in ordered)
    # Whole words only; Arabic proclitics و/ف/ب/ل may stick to the front.
    return re.compile(rf"(?<![^\W_])(?:[وفبل](?=ال))?({body})(?![^\W_])")


@lru_cache(maxsize=1)
def titles() -> dict[str, str]:
    """Normalised title word -> role/rank concept (``"ژنرال" -> "general"``)."""
    return {normalise(w): concept for concept, ws in _load("titles.json").items() for w in ws}


@lru_cache(maxsize=1)
def title_pattern() -> re.Pattern[str]:
    """Regex over normalised text finding title words; group 1 is the word."""
    return _alternation(titles())


@lru_cache(maxsize=1)
def outlets() -> dict[str, str]:
    """Normalised outlet alias -> canonical outlet name (``"ایرنا" -> "IRNA"``)."""
    return {
        normalise(w.lstrip("~")): name
        for name, ws in _load("outlets.json").items()
        for w in [name, *ws]
    }


@lru_cache(maxsize=1)
def ambiguous_outlet_aliases() -> frozenset[str]:
    """Aliases marked ``~``: outlet names only after a reporting verb."""
    return frozenset(
        normalise(w[1:]) for ws in _load("outlets.json").values() for w in ws if w[:1] == "~"
    )


def is_known_outlet(name: str) -> bool:
    """True when the lexicon knows ``name`` as an outlet or official source."""
    return normalise(" ".join(name.split())) in outlets()


def canonical_outlet(name: str) -> str:
    """The canonical name of an outlet if the lexicon knows it, else ``name`` tidied."""
    tidy = " ".join(name.strip(" \t\"'«»“”،,:.").split())
    return outlets().get(normalise(tidy), tidy)


@lru_cache(maxsize=1)
def outlet_pattern() -> re.Pattern[str]:
    """Regex over normalised text finding unambiguous outlet aliases of 3+ letters (group 1)."""
    ambiguous = ambiguous_outlet_aliases()
    return _alternation({k: v for k, v in outlets().items() if len(k) >= 3 and k not in ambiguous})


#: Words that follow "according to" / "به گزارش" / "نقلا عن" without naming an outlet.
_GENERIC_SOURCES = (
    "خبرنگار گزارشگر منابع مصادر مصدر مراسل مسئولان مسئول مسؤولين officials official sources "
    "source reports reporters witnesses residents the a une un des les le la"
)


@lru_cache(maxsize=1)
def _generic_sources() -> frozenset[str]:
    return frozenset(normalise(w) for w in _GENERIC_SOURCES.split())


def is_generic_source(name: str) -> bool:
    """True when ``name`` starts with a word that names no outlet ("officials", "منابع")."""
    words = normalise(name).split()
    return not words or words[0] in _generic_sources()
