"""Who said it: attribution anchors in a claim, and the origin chain of an article.

Verbs of saying are listed per language in normalised form. The speaker is looked for
where each language puts it: after the verb in Arabic ("ذكرت الرئاسة السورية"), before it in
English, French and Turkish ("CENTCOM said"), at the start of the clause in Persian
("سنتکام نیز اعلام کرد"), and after "according to / به گزارش / نقلا عن / selon".
"""

from __future__ import annotations

import re

from workbench.models import Anchor, AnchorKind
from workbench.text.lexicon import canonical_outlet, is_generic_source
from workbench.text.normalise import aligned_normalise
from workbench.text.sentence import Sentence, prepare

# Speaker follows: "according to X", "به گزارش X", "نقلا عن X", "selon X", "citing X".
_SOURCE_BEFORE = (
    "according to|citing|quoting|به گزارش|به نقل از|بنا بر گزارش|نقلا عن|نقلا عن|بحسب|وفقا ل|"
    "حسب|selon|d'apres|d’apres"
)
# Arabic verbs of saying (VSO: the speaker comes after), with the و/ف proclitic allowed.
_VERB_THEN_SPEAKER = (
    "قال|قالت|ذکر|ذکرت|اعلن|اعلنت|اکد|اکدت|اکدا|اوضح|اوضحت|صرح|صرحت|افاد|افادت|اضاف|اضافت|"
    "اعتبر|اعتبرت|اشار|اشارت|نقلت|said|told|announced"
)
# Speaker before the verb: English, French, Turkish, Persian (SOV, verb at clause end).
_SPEAKER_THEN_VERB = (
    r"said|says|told|stated|announced|added|reported|confirmed|declared|a declare|a dit|"
    r"a annonce|a affirme|a indique|a precise|dedi|acikladi|soyledi|bildirdi|"
    r"اعلام کرد|اعلام کردند|اعلام کرده است|گفت(?!\s*و\s*گو)|گفته است|افزود|تاکید کرد|اظهار داشت|"
    r"اظهارداشت|خاطرنشان کرد|عنوان کرد|اعلام داشت|تصریح کرد"
)
_BOUNDARY = r"(?<![^\W_])"
_END = r"(?![^\W_])"
_AFTER = re.compile(rf"{_BOUNDARY}({_SOURCE_BEFORE}){_END}\s*([^,;:.\"()!?]{{2,60}})")
_VSO = re.compile(rf"{_BOUNDARY}[وف]?({_VERB_THEN_SPEAKER}){_END}")
_SOV = re.compile(rf"{_BOUNDARY}({_SPEAKER_THEN_VERB}){_END}")
_CLAUSE_BREAK = re.compile(r"[,;:\"().!?]")
_WORD = re.compile(r"[^\s,;:\"().!?]+")
_STOP_AFTER = frozenset("ان انه فی عبر خلال علی الی ل ب به که that in on".split())
_ARTICLES = frozenset("the a an".split())
_STOP_BEFORE = frozenset("در به با از نیز هم که را و".split())
_MAX_WORDS = 4


def _first_words(norm: str, start: int) -> tuple[int, int] | None:
    start += len(norm[start:]) - len(norm[start:].lstrip(' "'))  # ذكرت “سنتكوم”: skip the quote
    end = _CLAUSE_BREAK.search(norm, start)
    stop = end.start() if end else len(norm)
    words: list[re.Match[str]] = []
    for word in _WORD.finditer(norm, start, stop):
        if not words and word.group() in _ARTICLES:
            continue
        if word.group() in _STOP_AFTER or len(words) == _MAX_WORDS:
            break
        words.append(word)
    return (words[0].start(), words[-1].end()) if words else None


def _clause_start_words(norm: str, verb_start: int) -> tuple[int, int] | None:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(norm, 0, verb_start)]
    start = breaks[-1] if breaks else 0
    words: list[re.Match[str]] = []
    for word in _WORD.finditer(norm, start, verb_start):
        if not words and word.group() in _ARTICLES:
            continue  # "The Pentagon announced": the speaker is "Pentagon"
        if word.group() in _STOP_BEFORE or len(words) == _MAX_WORDS:
            break
        words.append(word)
    return (words[0].start(), words[-1].end()) if words else None


def _speaker_spans(norm: str) -> list[tuple[str, int, int, tuple[int, int] | None]]:
    found: list[tuple[str, int, int, tuple[int, int] | None]] = []
    for m in _AFTER.finditer(norm):
        found.append((m.group(1), m.start(1), m.end(1), _first_words(norm, m.start(2))))
    for m in _VSO.finditer(norm):
        if not m.group(1).isascii():
            found.append((m.group(1), m.start(1), m.end(1), _first_words(norm, m.end())))
    for m in _SOV.finditer(norm):
        found.append((m.group(1), m.start(1), m.end(1), _clause_start_words(norm, m.start())))
    return found


def find_attributions(text: str | Sentence) -> list[Anchor]:
    """Attribution anchors: ``value`` is the speaker (canonical if a known outlet), or ``""``.

    The anchor's span covers the speaker when one is found, else the verb; ``detail`` is the
    verb as normalised.
    """
    sentence = prepare(text)
    norm, text = sentence.norm, sentence.text
    anchors = []
    for verb, v_start, v_end, speaker in sorted(_speaker_spans(norm), key=lambda s: s[1]):
        span = speaker or (v_start, v_end)
        start, end = sentence.original(*span)
        value = canonical_outlet(norm[speaker[0] : speaker[1]]) if speaker else ""
        anchors.append(
            Anchor(
                kind=AnchorKind.ATTRIBUTION,
                text=text[start:end],
                value=value,
                start=start,
                end=end,
                detail=verb,
            )
        )
    return anchors


_CHAIN = re.compile(
    rf"{_BOUNDARY}(?:به گزارش|according to|selon)\s+([^,;:.\"()!?]{{2,40}}?)\s+"
    rf"(?:به نقل از|citing|quoting|نقلا عن|citant)\s+([^,;:.\"()!?]{{2,40}})"
    rf"|{_BOUNDARY}(?:به گزارش|according to|selon|citing|نقلا عن|به نقل از)\s+"
    rf"([^,;:.\"()!?]{{2,40}})"
    rf"|{_BOUNDARY}[وف]?(?:ذکرت|ذکر|اعلنت|اعلن|قالت|قال)\s+([^,;:.\"()!?]{{2,40}}?)\s*,?\s*"
    rf"(?:عبر حساب|فی بیان|فی منشور)"
)


def origin_chain(text: str, *, max_chars: int = 3000) -> list[str]:
    """The outlets an article names as its origin, reporter first: ``["Tabnak", "IRNA"]``.

    Looks at the first attribution of the article's opening ``max_chars`` characters only:
    "به گزارش تابناک به نقل از ایرنا" -> Tabnak citing IRNA; "ذكرت الرئاسة السورية عبر
    حسابها" -> Syrian Presidency. Returns ``[]`` when the article names none.
    """
    norm, _ = aligned_normalise(text[:max_chars])
    match = _CHAIN.search(norm)
    if not match:
        return []
    names = [g for g in match.groups() if g]
    chain: list[str] = []
    for name in names:
        if is_generic_source(name):
            continue  # "according to officials", "نقلا عن مصادر": no outlet named
        words = name.split()[:_MAX_WORDS]
        canonical = canonical_outlet(" ".join(words))
        if canonical and canonical not in chain:
            chain.append(canonical)
    return chain
