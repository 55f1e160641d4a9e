"""Names, organisations and role/rank titles in one claim.

Heuristics, each cheap and explainable: quoted short spans («...», “...”), short spans in
parentheses (acronyms such as "(CENTCOM)"), capitalised sequences in Latin text, the words
after a title ("الأدميرال تشارلز برادلي كوبر"), and outlets or institutions the lexicon knows.
"""

from __future__ import annotations

import re

from workbench.models import Anchor, AnchorKind
from workbench.text.lexicon import canonical_outlet, outlet_pattern, title_pattern, titles
from workbench.text.normalise import normalise
from workbench.text.sentence import Sentence, prepare

# Short quoted spans without sentence punctuation inside: «برد کوپر», “سنتكوم”, (CENTCOM).
_QUOTED = re.compile(
    r"«([^«».,!?؟،]{2,60})»|“([^“”.,!?؟،]{2,60})”|\"([^\".,!?؟،]{2,60})\"|\(([^().,!?؟،]{2,40})\)"
)
_LATIN_NAME = re.compile(
    r"\b[A-Z][\w'’-]+(?:\s+(?:(?:al|el|bin|ibn|de|del|van|von|der|la|le|du|da)[-\s]+)?[A-Z][\w'’-]+)*"
)
_TOKEN = re.compile(r"[^\s\"'(),.;:!?،؛]+")
# Words that end a name after a title (normalised): prepositions, conjunctions, relatives.
_STOP = frozenset(
    "فی من علی الی عن مع ان الذی التی خلال منذ حول عبر و او ثم قد در به با از که را این آن "
    "برای نیز هم تا بر of in on at to with from and the a an who which said that "
    # verbs and time words that follow a name: "الشرع يبحث", "پزشکیان امروز", "told reporters"
    "یبحث بحث استقبل التقی قال قالت اکد اعلن ذکر اشار امس الیوم امروز دیروز اعلام گفت "
    "افزود کرد said says told announced met visited today yesterday".split()
)
_LEADING = frozenset("in the at on a an for by from with as of".split())
_MAX_QUOTED_WORDS = 4


def _anchor(kind: AnchorKind, text: str, span: tuple[int, int], value: str) -> Anchor:
    return Anchor(kind=kind, text=text[span[0] : span[1]], value=value, start=span[0], end=span[1])


def find_titles(text: str | Sentence) -> list[Anchor]:
    """Role and rank words, valued by their concept (``"ژنرال" -> "general"``)."""
    sentence = prepare(text)
    found = []
    for match in title_pattern().finditer(sentence.norm):
        span = sentence.original(*match.span(1))
        found.append(_anchor(AnchorKind.TITLE, sentence.text, span, titles()[match.group(1)]))
    return found


def _quoted_names(text: str) -> list[Anchor]:
    found = []
    for match in _QUOTED.finditer(text):
        group = next(i for i in range(1, 5) if match.group(i) is not None)
        inner = match.group(group).strip()
        if 0 < len(inner.split()) <= _MAX_QUOTED_WORDS and normalise(inner):
            found.append(_anchor(AnchorKind.NAME, text, match.span(group), normalise(inner)))
    return found


def _latin_names(text: str) -> list[Anchor]:
    found = []
    for match in _LATIN_NAME.finditer(text):
        words = match.group().split()
        while words and (normalise(words[0]) in titles() or words[0].lower() in _LEADING):
            words = words[1:]  # "Admiral Brad Cooper": the title is its own anchor
        if not words or (match.start() == 0 and len(words) == 1):
            continue  # a lone capital at the start of a sentence is just the first word
        start = match.start() + match.group().index(words[0])
        span = (start, start + len(" ".join(words)))
        if text[span[0] : span[1]] == " ".join(words):
            found.append(_anchor(AnchorKind.NAME, text, span, normalise(" ".join(words))))
    return found


def _words_after(norm: str, position: int) -> tuple[int, int] | None:
    taken: list[re.Match[str]] = []
    for match in _TOKEN.finditer(norm, position):
        gap = norm[taken[-1].end() if taken else position : match.start()]
        if gap.strip() or match.group() in _STOP or match.group() in titles() or len(taken) == 3:
            break
        if not taken and match.group().startswith("ال") and match.group().endswith("ی"):
            position = match.end()  # nisba adjective: "الرئيس السوري أحمد الشرع"
            continue
        taken.append(match)
    return (taken[0].start(), taken[-1].end()) if taken else None


def _names_after_titles(sentence: Sentence) -> list[Anchor]:
    norm, text = sentence.norm, sentence.text
    found = []
    for match in title_pattern().finditer(norm):
        span = _words_after(norm, match.end())
        if span is not None and not norm[span[0] : span[1]].isdigit():
            found.append(
                _anchor(
                    AnchorKind.NAME,
                    text,
                    sentence.original(*span),
                    norm[span[0] : span[1]],
                )
            )
    return found


def _known_outlets(sentence: Sentence) -> list[Anchor]:
    return [
        _anchor(
            AnchorKind.NAME,
            sentence.text,
            sentence.original(*m.span(1)),
            canonical_outlet(m.group(1)),
        )
        for m in outlet_pattern().finditer(sentence.norm)
    ]


def find_names(text: str | Sentence) -> list[Anchor]:
    """Names and organisations in ``text``; overlapping finds keep the first found, longest."""
    sentence = prepare(text)
    candidates = [
        *_known_outlets(sentence),
        *_quoted_names(sentence.text),
        *_latin_names(sentence.text),
        *_names_after_titles(sentence),
    ]
    return drop_overlaps(candidates)


def drop_overlaps(anchors: list[Anchor]) -> list[Anchor]:
    """Keep anchors that do not overlap an earlier-listed one; return them sorted by start."""
    kept: list[Anchor] = []
    for anchor in anchors:
        if all(anchor.end <= k.start or anchor.start >= k.end for k in kept):
            kept.append(anchor)
    return sorted(kept, key=lambda a: a.start)
