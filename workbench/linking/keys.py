"""Cross-script keys for words: light stems, stopwords, and a consonant skeleton.

The skeleton makes one key of a name however it is written: كوبر, کوپر, Cooper, Κούπερ and
Kuper all become ``kbr``. It transliterates with anyascii (which already drops the short
vowels Arabic script does not write), folds digraphs (sh, kh, th, ...), drops Latin
vowels and the letters transliterations add or lose (w, y), merges consonants that scripts
swap (p/b, v/f, q/k, c/k/s, z/s, j/g), drops a final Arabic-script heh (ta marbuta) and
collapses doubles.
"""

from __future__ import annotations

import re
from functools import lru_cache

import stopwordsiso
from anyascii import anyascii

from workbench.text.normalise import normalise

_DIGRAPHS = (
    ("sh", "s"),
    ("ch", "s"),
    ("kh", "k"),
    ("gh", "g"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("zh", "j"),
)
_SOFT_C = re.compile(r"c(?=[eiy])")
_MERGE = str.maketrans({"c": "k", "q": "k", "p": "b", "v": "f", "z": "s", "j": "g", "x": "k"})
_DROP = re.compile(r"[^a-z]|[aeiouwy]")
_DOUBLE = re.compile(r"(.)\1+")
_LATIN_ARTICLE = re.compile(r"^(?:al|el|ad|as|at|an|ar|az)-", re.IGNORECASE)

#: Arabic proclitics that stick to the next word (و and, ف so, ب with, ل for, ك like).
PROCLITICS = ("و", "ف", "ب", "ل", "ک")
_ARTICLE = "ال"
#: Persian plural and ezafe endings, Arabic plural/relative endings (normalised forms).
_SUFFIXES = ("هایی", "های", "ها", "یی", "ای", "ات", "ین", "ون", "یه", "ی", "ه")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """Consonant skeleton of one word in any script (``"کوپر" -> "kbr"``); may be empty."""
    return normalised_skeleton(normalise(_LATIN_ARTICLE.sub("", word)))


@lru_cache(maxsize=200_000)
def normalised_skeleton(norm: str) -> str:
    """:func:`skeleton` of a word that is already normalised."""
    if norm.startswith(_ARTICLE) and len(norm) > 4:
        norm = norm[2:]
    if norm.endswith("ه") and len(norm) > 3:
        norm = norm[:-1]  # ta marbuta / silent final heh: سوريه ~ Syria
    latin = anyascii(norm).lower()
    for pair, single in _DIGRAPHS:
        latin = latin.replace(pair, single)
    latin = _SOFT_C.sub("s", latin).translate(_MERGE)
    return _DOUBLE.sub(r"\1", _DROP.sub("", latin))


@lru_cache(maxsize=200_000)
def stems(token: str) -> tuple[str, ...]:
    """A normalised token and its light stems: without clitics, article and common endings.

    ``stems("والاستقرار") -> ("والاستقرار", "الاستقرار", "استقرار")``. Used on both sides of a
    lexicon lookup, so a word and its inflected forms meet.
    """
    forms = [token]
    if _ARABIC_SCRIPT.search(token):
        base = token
        if base.startswith("لل") and len(base) > 4:
            base = "ا" + base[1:]  # للولايات = ل + الولايات
            forms.append(base)
        elif base[:1] in PROCLITICS and base[1:3] == _ARTICLE and len(base) > 5:
            # A proclitic only before the article: والاستقرار, بالجمعة. Elsewhere the letter
            # is the word's own (Persian کشورش, وزیر), and stripping it makes false stems.
            base = base[1:]
            forms.append(base)
        if base.startswith(_ARTICLE) and len(base) > 4:
            base = base[2:]
            forms.append(base)
        for suffix in _SUFFIXES:
            if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                forms.append(base[: -len(suffix)])
                break
    else:
        forms.extend(_latin_stems(token))
    return tuple(dict.fromkeys(forms))


#: Latin-script endings stripped one at a time, longest first: signed/signée/signing -> sign.
_LATIN_SUFFIXES = ("ing", "ees", "ed", "ee", "es", "s", "e")


def _latin_stems(token: str) -> list[str]:
    for suffix in _LATIN_SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            return [token[: -len(suffix)]]
    return []


@lru_cache(maxsize=64)
def stopwords(language: str) -> frozenset[str]:
    """Normalised stopwords of a language (ISO 639-1) from stopwordsiso; empty if unknown."""
    words = stopwordsiso.stopwords(language) if stopwordsiso.has_lang(language) else set()
    return frozenset(normalise(w) for w in words)


@lru_cache(maxsize=1)
def all_stopwords() -> frozenset[str]:
    """Stopwords of the languages the workbench reads first, for text of unknown language."""
    return frozenset().union(*(stopwords(code) for code in ("ar", "fa", "en", "fr", "tr", "ur")))
