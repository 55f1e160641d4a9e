"""Pure: the event frame of a claim (where, when, which named thing) and signs of another event.

Look-alike claims report *another* occurrence of a similar event: the same people meeting in
another city or month, another dam inspected. They share names and vocabulary, so they score
like true pairs; what tells them apart is the frame of the event:

- **where**: a place named after a locative ("in Marvand", "à Genève", "في جنيف", "در ژنو",
  "Şam'da"); lexicon places carry a level (country, region, city), and places are compared
  only within a level, since a city lies in a country the lexicon does not know;
- **when**: the finest time each claim gives, as ISO intervals: its days (written, or a
  written weekday or "yesterday" resolved against the article's publication date), else its
  months; years alone say too little;
- **which**: a name attached to the same head word ("the Kharzan Dam" / "سد تیرگان").

Each frame part that disagrees is one sign, and it counts only when nothing of the one side's
frame is mentioned anywhere in the other claim. One sign is a detail to review (a reviewer
sees it under *differs*); :data:`SIGNS_FOR_ANOTHER_EVENT` signs mean the two claims speak of
different events, and the linker does not link them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence

from rapidfuzz import fuzz, process

from workbench.linking.keys import all_stopwords, skeleton
from workbench.linking.lexicon import lexicon, word_concept
from workbench.text.dates import fold_for_search, is_calendar_word

#: Frame parts that must disagree before two claims count as different events.
SIGNS_FOR_ANOTHER_EVENT = 2
#: Two names are one when their skeletons are this similar (rapidfuzz ``ratio``).
SAME_NAME = 85.0
MIN_NAME = 3

_LATIN_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"
# "in Marvand", "at the White House", "à Genève", "near Idlib", "bei Berlin".
_LATIN_LOCATIVE = re.compile(
    rf"\b(?:in|at|near|outside|à|au|aux|dans|près de|bei|nach|en)\s+"
    rf"(?:(?:the|la|le|les|l['’])\s*)?(?P<place>{_LATIN_WORD})"
)
# Turkish case suffix: "Şam'da", "Cenevre'de", "Ankara'ta".
_TURKISH_LOCATIVE = re.compile(rf"(?P<place>{_LATIN_WORD})['’](?:da|de|ta|te)\b")
# Arabic-script prepositions of place (normalised forms): في, در, قرب, داخل.
_ARABIC_LOCATIVES = frozenset(("فی", "در", "قرب", "داخل"))
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_WORD_OR_MARK = re.compile(r"[\w\u200c]+|[^\w\s]")
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_LATIN_TOKEN_OR_MARK = re.compile(r"[^\W\d_][\w'’-]*|[^\w\s]")
_LINKS = frozenset(("of", "de", "du", "des", "d'", "d’"))
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def _fold(word: str) -> str:
    """A Latin or Arabic-script word as lexicon lookups want it (no case, accents, ي/ی)."""
    return fold_for_search(word).strip("'’")


def _is_name(word: str) -> bool:
    low = _fold(word)
    return (
        len(low) >= MIN_NAME
        and low not in all_stopwords()
        and not is_calendar_word(low)
        and word_concept(low) is None
    )


def _place_key(word: str) -> str | None:
    """``c:<concept>`` for a lexicon place, ``n:<skeleton>`` for a name, else None."""
    concept = word_concept(_fold(word))
    if concept is not None:
        return f"c:{concept}" if concept in lexicon().places else None
    key = skeleton(word)
    return f"n:{key}" if _is_name(word) and len(key) >= 2 else None


def _adjacent(tokens: list[str]) -> list[tuple[str, str]]:
    """Pairs of words (of words-and-marks ``tokens``) with only a space between:
    "المدينة»، وتحدث" is not a pair, so a head and a name are never read across a mark."""
    return [(a, b) for a, b in itertools.pairwise(tokens) if a[0].isalnum() and b[0].isalnum()]


def _named_after(
    pairs: Sequence[tuple[str, str]], heads: frozenset[str]
) -> Iterable[tuple[str, str]]:
    """(head concept, word) for Arabic-script word pairs where a word follows a head word:
    "سد تیرگان", "مدينة مروند". After a head an ال word is mostly an adjective ("السد الكبير"),
    and a word with the conjunction و starts a new clause ("شركة وظلت")."""
    for head_word, word in pairs:
        head = word_concept(head_word)
        if head in heads and not word.startswith(("ال", "و")):
            yield head, word


def _latin_named(text: str, heads: frozenset[str]) -> Iterable[tuple[str, str]]:
    """(head concept, name) in Latin text: "Kharzan Dam", "barrage de Kharzan", "city of X"."""
    if not _CAPITAL.search(text):
        return  # no capitals (Arabic script, lower-case text): no Latin name
    tokens = _LATIN_TOKEN_OR_MARK.findall(text)  # with marks: "deal, Qadira" is no pair
    for i, token in enumerate(tokens):
        # Cheap tests first: a head needs a capitalised neighbour.
        before = tokens[i - 1] if i > 0 and tokens[i - 1][:1].isupper() else None
        after = i + 2 if i + 2 < len(tokens) and tokens[i + 1].lower() in _LINKS else i + 1
        following = tokens[after] if after < len(tokens) and tokens[after][:1].isupper() else None
        if (before or following) is None or len(token) < 3:
            continue
        head = word_concept(_fold(token))
        if head in heads:
            yield from ((head, name) for name in (before, following) if name)


def event_frame(text: str, norm: str) -> tuple[set[str], set[str]]:
    """The places and named things of a claim, from its original ``text`` (Latin) and its
    normalised ``norm``, in one pass over the words.

    Places: in Latin a capitalised word after a locative ("in Marvand") or a lexicon place.
    Arabic script has no capitals to tell a name from a noun ("در مراسم", in the ceremony), so
    there a place is a lexicon place after a locative ("في جنيف", "بدمشق"), or a name after a
    place head ("شهر مروند", "مدينة حماة"). Named things: ``concept\tskeleton`` for a name
    next to a head word of the lexicon's ``named_heads`` (dam, river, airport, base, ...):
    "Kharzan Dam", "barrage de Kharzan", "سد تیرگان"."""
    lex = lexicon()
    heads = lex.place_heads | lex.named_heads
    found: set[str] = set()
    named: set[str] = set()
    for pattern in (_LATIN_LOCATIVE, _TURKISH_LOCATIVE):
        for match in pattern.finditer(text):
            key = _place_key(match["place"])
            if key:
                found.add(key)
    attached = list(_latin_named(text, heads))
    if _ARABIC_SCRIPT.search(text):
        tokens = _WORD_OR_MARK.findall(norm)
        pairs = _adjacent(tokens)
        for before, word in pairs:
            if before in _ARABIC_LOCATIVES and _known(word):
                found.add(f"c:{word_concept(word)}")
        for word in tokens:  # "بدمشق": the clitic ب on a lexicon place
            if word[:1] == "ب" and len(word) > 3 and _known(word[1:]):
                found.add(f"c:{word_concept(word[1:])}")
        attached += _named_after(pairs, heads)
    for head, name in attached:
        if head in lex.place_heads:
            key = _place_key(name)
            if key:
                found.add(key)
        elif _is_name(name) and len(key := skeleton(name)) >= 2:
            named.add(f"{head}\t{key}")
    return found, named


def _known(word: str) -> bool:
    return word_concept(word) in lexicon().places


# --------------------------------------------------------------------------- comparison


def _interval(value: str) -> tuple[int, int] | None:
    """(first, last) day ordinal of an ISO day, month or ``start/end`` interval; None for a
    year or anything longer than a month."""
    try:
        if "/" in value:
            start, end = (dt.date.fromisoformat(v).toordinal() for v in value.split("/", 1))
        elif len(value) == 10:
            start = end = dt.date.fromisoformat(value).toordinal()
        elif len(value) == 7:
            first = dt.date.fromisoformat(f"{value}-01")
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            start, end = first.toordinal(), following.toordinal() - 1
        else:
            return None
    except ValueError:
        return None
    return (start, end) if end - start <= 31 else None


def resolved_days(
    weekdays: Iterable[str], relative: Iterable[str], published: dt.date | None
) -> set[str]:
    """Written weekdays (the last such day on or before ``published``) and today/yesterday/
    tomorrow, as ISO days; nothing without a publication date."""
    if published is None:
        return set()
    days = set()
    for name in weekdays:
        if name in _WEEKDAYS:
            back = (published.weekday() - _WEEKDAYS.index(name)) % 7
            days.add((published - dt.timedelta(days=back)).isoformat())
    for word in relative:
        if word in _RELATIVE_DAYS:
            days.add((published + dt.timedelta(days=_RELATIVE_DAYS[word])).isoformat())
    return days


def event_time(dates: Iterable[str], resolved: Iterable[str]) -> list[tuple[int, int]]:
    """The finest time a claim gives: its days (written or resolved), else its months."""
    spans = [s for s in map(_interval, [*dates, *resolved]) if s is not None]
    days = [s for s in spans if s[1] - s[0] <= 1]
    return days or spans


def _gap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int | None:
    if not a or not b:
        return None
    return min(max(0, sb - ea, sa - eb) for sa, ea in a for sb, eb in b)


def _mentioned(key: str, names: set[str], concepts: set[str]) -> bool:
    kind, _, value = key.partition(":")
    if kind == "c":
        return value in concepts
    if value in names:
        return True
    return process.extractOne(value, names, scorer=fuzz.ratio, score_cutoff=SAME_NAME) is not None


def _level(key: str) -> str:
    kind, _, value = key.partition(":")
    return lexicon().places.get(value, "city") if kind == "c" else "city"


Written = Mapping[str, str]  # skeleton -> the word as the claim writes it


def _label(key: str, written: Written) -> str:
    value = key.partition(":")[2]
    return written.get(value, value)


def place_sign(
    places_a: set[str],
    places_b: set[str],
    mentions_a: tuple[set[str], set[str]],
    mentions_b: tuple[set[str], set[str]],
    written: tuple[Written, Written] = ({}, {}),
) -> str | None:
    """``place: x ≠ y`` when both name places of one level and neither's is in the other."""
    if not places_a or not places_b:
        return None
    if any(_mentioned(k, *mentions_b) for k in places_a) or any(
        _mentioned(k, *mentions_a) for k in places_b
    ):
        return None
    levels = {_level(k) for k in places_a} & {_level(k) for k in places_b}
    if not levels:
        return None  # "in Syria" and "in Damascus": one may hold the other
    shown_a = sorted(_label(k, written[0]) for k in places_a if _level(k) in levels)
    shown_b = sorted(_label(k, written[1]) for k in places_b if _level(k) in levels)
    return f"place: {', '.join(shown_a)} ≠ {', '.join(shown_b)}"


def object_signs(
    objects_a: set[str],
    objects_b: set[str],
    names_a: set[str],
    names_b: set[str],
    written: tuple[Written, Written] = ({}, {}),
) -> list[str]:
    """``<head>: x ≠ y`` for each head both name and whose names meet nowhere in the other."""
    heads_a: dict[str, set[str]] = {}
    heads_b: dict[str, set[str]] = {}
    for entry, heads in [*((e, heads_a) for e in objects_a), *((e, heads_b) for e in objects_b)]:
        head, _, name = entry.partition("\t")
        heads.setdefault(head, set()).add(name)
    signs = []
    for head in sorted(heads_a.keys() & heads_b.keys()):
        in_a, in_b = heads_a[head], heads_b[head]
        if any(_mentioned(f"n:{n}", names_b, set()) for n in in_a) or any(
            _mentioned(f"n:{n}", names_a, set()) for n in in_b
        ):
            continue
        shown_a = sorted(written[0].get(n, n) for n in in_a)
        shown_b = sorted(written[1].get(n, n) for n in in_b)
        signs.append(f"{head}: {', '.join(shown_a)} ≠ {', '.join(shown_b)}")
    return signs


def _shown(spans: list[tuple[int, int]]) -> str:
    parts = []
    for start, end in sorted(spans):
        first = dt.date.fromordinal(start)
        parts.append(first.isoformat() if start == end else f"{first:%Y-%m}")
    return ", ".join(dict.fromkeys(parts))


def time_sign(
    time_a: list[tuple[int, int]],
    time_b: list[tuple[int, int]],
    weekdays_a: set[str],
    weekdays_b: set[str],
    same_event_days: int,
    published: tuple[dt.date | None, dt.date | None] = (None, None),
) -> str | None:
    """One sign about *when*, from the finest information both claims give:

    - ``when: …``: their times lie more than ``same_event_days`` apart;
    - ``weekday: …``: both write weekdays that differ and their days (if known) are not next to
      each other (a day's difference is a detail of one event, reported as a date conflict);
    - ``published: …``: neither time is known and the articles appeared more than
      ``same_event_days`` apart (weak: see :data:`QUIET_SIGNS`).
    """
    gap = _gap(time_a, time_b)
    if gap is not None and gap > same_event_days:
        return f"when: {_shown(time_a)} ≠ {_shown(time_b)}"
    if weekdays_a and weekdays_b and not weekdays_a & weekdays_b and (gap is None or gap > 1):
        return f"weekday: {', '.join(sorted(weekdays_a))} ≠ {', '.join(sorted(weekdays_b))}"
    first, second = published
    if gap is None and first and second and abs((first - second).days) > same_event_days:
        return f"published: {first.isoformat()} ≠ {second.isoformat()}"
    return None


#: Signs that count towards another event but are not shown as a difference: articles weeks
#: apart often restate one fact, so alone this says little about the claims.
QUIET_SIGNS = ("published:",)
