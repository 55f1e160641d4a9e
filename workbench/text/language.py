"""Language of an article or a claim, as an ISO 639-1 code.

Arabic script is decided here by letters and frequent words, so that Persian written with
Arabic ي/ك is still Persian (پ چ ژ گ and words like "است", "این", "می" tell). Other scripts
go to py3langid, whose model ships inside the package (nothing is downloaded).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from workbench.text.normalise import normalise

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+")

SAMPLE_CHARS = 4000
SHORT_WORDS = 6
_PERSIAN_LETTERS = frozenset("پچژگ")
# Farsi yeh and keheh: Arabic text writes ي and ك, so these are Persian (or Urdu) evidence.
_PERSIAN_FORMS = frozenset("یک\u200c")
_URDU_LETTERS = frozenset("ٹڈڑںےۓہھ")
# Frequent function words, in normalised form (ی for ي/ى, ک for ك, ه for ة, no hamza).
_PERSIAN_WORDS = frozenset(
    "است این که را می های برای با از شد کرد بود آن هم یک ها بر تا نیز شده کند اند ای "
    "همچنین اما خود وی ایشان گفت کرده میشود شود دارد در به هستند یافت شدند نیست "
    "ندارد نبود باشد درصد امسال".split()
)
_ARABIC_WORDS = frozenset(
    "فی من علی الی التی الذی الذین ان عن مع هذا هذه کان کانت قد لم لن ثم او وقال قال "
    "حیث بین ذلک تلک منذ خلال حول لدی عند".split()
)


# Verb prefix می/نمی and plural suffix های are Persian morphology, rare in Arabic.
_PERSIAN_MORPHOLOGY = re.compile(r"(?<!\S)(?:ن?می\S{3,}|\S+های)(?!\S)")
_ARABIC_ARTICLE = re.compile(r"(?<!\S)ال")


def _decisive(text: str) -> bool:
    # Letters only one of the two languages writes: پ چ ژ گ for Persian, ة for Arabic.
    return any(c in _PERSIAN_LETTERS or c == "ة" for c in text)


def _arabic_script_language(text: str, norm: str | None) -> str | None:
    def count(chars: frozenset[str]) -> int:
        return sum(text.count(c) for c in chars)  # str.count runs in C

    words = _WORD.findall(norm if norm is not None else normalise(text))
    persian = 2 * count(_PERSIAN_LETTERS) + count(_PERSIAN_FORMS)
    persian += sum(map(_PERSIAN_WORDS.__contains__, words))
    persian += len(_PERSIAN_MORPHOLOGY.findall(" ".join(words)))
    arabic = text.count("ة") + sum(map(_ARABIC_WORDS.__contains__, words))
    arabic += len(_ARABIC_ARTICLE.findall(" ".join(words))) // 2
    urdu = count(_URDU_LETTERS)
    if urdu >= 2 and urdu * 20 >= len(_ARABIC_SCRIPT.findall(text)):
        return "ur"  # letters Urdu needs and Persian and Arabic never write
    if persian == arabic:
        return None
    return "fa" if persian > arabic else "ar"


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _statistical(text: str) -> tuple[str, float]:
    language, confidence = _identifier().classify(text)
    return str(language), float(confidence)


def detect_language(text: str, *, hint: str | None = None, norm: str | None = None) -> str:
    """Return the ISO 639-1 code of ``text``'s language, ``hint`` when the text cannot tell.

    Args:
        text: an article or a sentence.
        hint: the language of the surrounding article, used for short or ambiguous text.
        norm: ``normalise(text)`` when the caller has it already.

    Returns:
        A code such as ``"ar"``, ``"fa"``, ``"en"``, or ``"und"`` when nothing tells.
    """
    text = text[:SAMPLE_CHARS]  # an article's opening tells its language as well as all of it
    if norm is not None:
        norm = norm[:SAMPLE_CHARS]
    arabic = len(_ARABIC_SCRIPT.findall(text))
    latin = len(_LATIN.findall(text))
    if arabic and arabic >= latin:
        if hint in {"ar", "fa"} and len(text.split()) < SHORT_WORDS and not _decisive(text):
            return hint  # "أين عاشت زوجاته؟": too short to overrule the article
        found = _arabic_script_language(text, norm)
        return found or (hint if hint in {"ar", "fa", "ur"} else None) or "ar"
    if not _WORD.search(text):
        return hint or "und"
    if hint and latin and len(text) < 60 and hint not in {"ar", "fa", "ur"}:
        return hint  # a short Latin sentence of a Latin-script article keeps its article's language
    language, confidence = _statistical(text)
    if hint and confidence < 0.5:
        return hint
    return language
