"""Pure: the event frame of a claim (where, when, which named thing) and signs of another event.

Look-alike claims report *another* occurrence of a similar event: the same people meeting in
another city or month, another dam inspected. They share names and vocabulary, so they score
like true pairs; what tells them apart is the frame of the event:

- **where**: a gazetteer place (:mod:`gazetteer`: GeoNames countries and cities, whose names
  in every script give one key: Herat, هرات and Герат are all ``g:1140026``) named anywhere
  in the claim; a lexicon place after a locative ("in Geneva", "في جنيف", "بدمشق"); an unknown
  capitalised name after a locative ("in Marvand", "à Genève", "в Марванде", "Şam'da"), or
  after a place head ("مدينة مروند"). Anywhere, a gazetteer name counts where it is written as
  a name: capitalised in a cased script, not first in a sentence ("Mobile phones ..."), not an
  acronym, not beside another capitalised name ("Barack Obama"); in Arabic script, which has
  no capitals, under :data:`ARABIC_NAME_LETTERS`. Places carry a level (country, region,
  city) and are compared only within a level, since a city lies in a country;
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
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from workbench.linking.gazetteer import MAX_WORDS, Place, common_words, gazetteer
from workbench.linking.keys import all_stopwords, skeleton, stems
from workbench.linking.lexicon import MAX_PHRASE, lexicon, word_concept
from workbench.linking.reasons import Kind, Reason, differing
from workbench.text.dates import is_calendar_word
from workbench.text.normalise import normalise
from workbench.text.patterns import fold_for_search

#: Frame parts that must disagree before two claims count as different events.
SIGNS_FOR_ANOTHER_EVENT = 2
#: Two names are one when their skeletons are this similar (rapidfuzz ``ratio``).
SAME_NAME = 85.0
MIN_NAME = 3

# A capitalised word in Latin, Greek or Cyrillic script.
_LATIN_WORD = r"[A-ZÀ-ÖØ-Þ\u0386\u0388-\u038f\u0391-\u03ab\u0400-\u042f][\w'’-]*"
# "in Marvand", "at the White House", "à Genève", "near Idlib", "bei Berlin", "cerca de
# Zaran", "nella Marvand", "στη Μαρβάντ", "в Марванде". An unknown name after one is a place.
_LATIN_LOCATIVE = re.compile(
    r"(?<![\w'’])(?i:in|at|near|outside|à|au|aux|dans|près de|bei|nahe|nach|en|cerca de|nel|"
    r"nella|vicino a|στο|στη|στην|στον|σε|κοντά σε|в|во|около|под)\s+"
    rf"(?:(?:the|la|le|les|l['’])\s*)?(?P<place>{_LATIN_WORD})"
)
# Normalised locatives before a known place: the above, the Italian and French "a"/"à" (too
# common before other names to read an unknown one: "a Reuters report"), Arabic script's.
_LOCATIVES = frozenset(
    (
        *("in", "at", "near", "outside", "a", "au", "aux", "dans", "bei", "nahe", "nach", "en"),
        *("nel", "nella", "στο", "στη", "στην", "στον", "σε", "в", "во", "около", "под"),
        *("فی", "در", "قرب", "داخل"),
    )
)
_LOCATIVE_PAIRS = frozenset((("pres", "de"), ("cerca", "de"), ("vicino", "a"), ("κοντα", "σε")))
_ARTICLES = frozenset(("the", "la", "le", "les", "l", "el", "der", "die", "dem", "den", "il"))
# Urdu postpositions after the name ("ہرات میں", in Herat; "ہرات سے", from Herat) and the
# Turkish case suffix after an apostrophe ("Herat'ta").
_POSTPOSITIONS = frozenset(("میں", "سے"))
_TURKISH_CASES = frozenset(("da", "de", "ta", "te"))
# A word as written: letters, with the marks and joiners written inside words.
_WRITTEN_WORD = re.compile(
    r"[^\W\d_](?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c])*"
)
_NAME_GAP = re.compile(r"[\s'’-]+|")  # between the words of one name: "Mazar-i-Sharif"
_SENTENCE_END = frozenset(".!?…\n")
_OPENING = frozenset("\"'«“‘„([")
#: Arabic script has no capitals, and many of its words are also the names of towns (میدان
#: square, Medan; امان safety, Amman). A one-word gazetteer name counts there for a place
#: where the script is written from ARABIC_NAME_LETTERS letters (besides the article ال),
#: after a locative from three; for a place elsewhere, whose Arabic-script names are
#: transliterations (یوما "a day" is Yuma, فلاديمير is a man before a city), only after a
#: locative and from LONG_NAME letters ("في ميونيخ", not "في ميدان التحرير").
ARABIC_NAME_LETTERS = 4
LONG_NAME = 6
# Inflected Russian and Greek names: the endings to take off and those to try instead
# ("в Герате" -> Герат, "под Москвой" -> Москва, "στη Δαμασκό" -> Δαμασκός), normalised
# (й is и there).
_CYRILLIC_ENDINGS = ("ами", "ои", "еи", "ом", "ем", "е", "и", "у", "ю", "а", "я", "ы")
_CYRILLIC_ADDED = ("", "а", "я", "ь", "и", "о")
# Turkish case suffix: "Şam'da", "Cenevre'de", "Ankara'ta".
_TURKISH_LOCATIVE = re.compile(rf"(?P<place>{_LATIN_WORD})['’](?:da|de|ta|te)\b")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_GREEK = re.compile(r"[\u0370-\u03ff]")
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
    """The key of a known place (lexicon ``c:<concept>``, gazetteer ``g:<id>``), ``n:<skeleton>``
    for another name, else None (a lexicon word that is not a place)."""
    norm = _normalised(word).strip("'")
    found = _known(norm)
    if found is not None:
        return found.key
    if word_concept(norm) is not None:
        return None
    key = skeleton(word)
    return f"n:{key}" if _is_name(word) and len(key) >= 2 else None


@lru_cache(maxsize=50_000)
def _normalised(word: str) -> str:
    return normalise(word)


@dataclass(frozen=True, slots=True)
class _Known:
    """A known place one or more words name."""

    key: str
    words: int = 1
    place: Place | None = None  # the gazetteer's place; None for the lexicon's
    locative: bool = False  # the word says "in" itself: "بدمشق"


def _lexicon_place(norm: str) -> str | None:
    concept = word_concept(norm)
    return f"c:{concept}" if concept is not None and concept in lexicon().places else None


def _known_form(form: str) -> _Known | None:
    place = gazetteer().names.get(form)
    if place is not None:
        return _Known(place.key, place=place)
    key = _lexicon_place(form)
    return _Known(key) if key is not None else None


def _known(norm: str) -> _Known | None:
    """The known place one normalised word names: as written, inflected (Russian, Greek:
    "Герате", "Δαμασκό"), or a lexicon place with the clitic ب ("بدمشق", in Damascus)."""
    found = _known_form(norm)
    if found is not None:
        return found
    if norm[:1] == "ب" and len(norm) > MIN_NAME:
        key = _lexicon_place(norm[1:])
        return _Known(key, locative=True) if key is not None else None
    return next(filter(None, map(_known_form, _inflected(norm))), None)


_NO_PLACE: tuple[bool, bool, _Known | None] = (False, False, None)


@lru_cache(maxsize=50_000)
def _word_places(norm: str) -> tuple[bool, bool, _Known | None]:
    """Whether a gazetteer name, a lexicon place of several words may start with this
    normalised word, and the known place it names alone: computed once per word."""
    found = (norm in gazetteer().starts, stems(norm)[-1] in lexicon().phrase_starts, _known(norm))
    return _NO_PLACE if found == _NO_PLACE else found


def _inflected(norm: str) -> Iterable[str]:
    """The nominatives a normalised Russian or Greek word may be an inflected form of."""
    if _CYRILLIC.match(norm):
        for ending in _CYRILLIC_ENDINGS:
            if norm.endswith(ending) and len(norm) - len(ending) >= MIN_NAME:
                stem = norm[: -len(ending)]
                yield from (stem + added for added in _CYRILLIC_ADDED)
                return
    elif _GREEK.match(norm):
        if norm.endswith("σ"):  # genitive "Αθήνας" -> "Αθήνα"
            yield norm[:-1]
        elif norm.endswith("ου"):  # "Δαμασκού", "Κιέβου"
            yield from (norm[:-2] + end for end in ("οσ", "ο", "α", "η"))
        elif norm.endswith(("ο", "α", "η")):  # accusative "Δαμασκό" -> "Δαμασκός"
            yield norm + "σ"


class _Places:
    """The known places of one claim, read in one pass over its words (see event_frame)."""

    def __init__(self, text: str) -> None:
        self.text = text
        matches = list(_WRITTEN_WORD.finditer(text))
        #: The words as written, normalised, and where each starts and ends.
        self.written = [m[0] for m in matches]
        self.norms = [_normalised(w) for w in self.written]
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.found: set[str] = set()
        #: Start offsets of the words of the known places found: "New" of "in New York" is
        #: not read again as an unknown name.
        self.covered: set[int] = set()

    def read(self) -> None:
        written, norms = self.written, self.norms
        i = 0
        while i < len(norms):
            if written[i][0].islower():
                i += 1
                continue  # "in nice weather": a lower-case word is not a name
            gazetteer_run, lexicon_run, single = _word_places(norms[i])
            known = None
            if gazetteer_run or lexicon_run:
                known = self._run_at(i, gazetteer_run, lexicon_run)
            known = known or single
            if known is None:
                i += 1
                continue
            if self._counts(i, known):
                self.found.add(known.key)
                self.covered.update(self.starts[i : i + known.words])
            i += known.words

    def _gap(self, i: int) -> str:
        """What stands between word ``i`` and the next."""
        return self.text[self.ends[i] : self.starts[i + 1]]

    def _spaced(self, i: int) -> bool:
        """Only a space between word ``i`` and the next (no mark): "Barack Obama", not
        "Obama, Herat"."""
        gap = self._gap(i)
        return bool(gap) and gap.isspace()

    def _run_at(self, i: int, in_gazetteer: bool, in_lexicon: bool) -> _Known | None:
        """A known place of several words from word ``i`` (of the gazetteer, the lexicon):
        "Mazar-i-Sharif", "New York"; only spaces, hyphens or apostrophes stand between the
        words of a name."""
        end = i + 1
        longest = i + max(MAX_WORDS, MAX_PHRASE)
        while end < min(len(self.norms), longest) and _NAME_GAP.fullmatch(self._gap(end - 1)):
            end += 1
        if end == i + 1:
            return None
        run = self.norms[i:end]
        found = gazetteer().lookup(run) if in_gazetteer else None
        if found is not None and found[1] > 1:
            return _Known(found[0].key, found[1], found[0])
        return _lexicon_phrase(run) if in_lexicon else None

    def _counts(self, i: int, known: _Known) -> bool:
        """A known place at word ``i`` counts: a lexicon place after a locative, a gazetteer
        place there or written as a name (see the module docstring)."""
        first, norm, size = self.written[i], self.norms[i], known.words
        after_locative = known.locative or self._after_locative(i, size)
        if known.place is None:
            return after_locative  # the lexicon's: "Iranian" is not a place
        if not first[0].isupper():  # Arabic script: no capitals tell a name
            if size > 1:
                return True
            letters = len(norm) - (2 if norm.startswith("ال") else 0)
            if not known.place.local:
                return after_locative and letters >= LONG_NAME
            return letters >= (MIN_NAME if after_locative else ARABIC_NAME_LETTERS)
        if after_locative:
            return True
        if self._first_in_sentence(i) or first.isupper():
            return False  # "Mobile phones ...", "IRNA": a capital says nothing there
        before, after = self._beside(i, size)
        return not any(n is not None and self._name_like(n) for n in (before, after))

    def _first_in_sentence(self, i: int) -> bool:
        text, at = self.text, self.starts[i]
        while at > 0 and (text[at - 1].isspace() or text[at - 1] in _OPENING):
            at -= 1
            if text[at] == "\n":
                return True
        return at == 0 or text[at - 1] in _SENTENCE_END

    def _beside(self, i: int, size: int) -> tuple[int | None, int | None]:
        """The words just before and after words ``i`` to ``i + size``, if only a space
        stands between."""
        j = i + size
        before = i - 1 if i > 0 and self._spaced(i - 1) else None
        after = j if j < len(self.norms) and self._spaced(j - 1) else None
        return before, after

    def _after_locative(self, i: int, size: int) -> bool:
        """A locative before ("in", "در", "в", "cerca de", "in the"), an Urdu postposition
        after ("ہرات میں"), or a Turkish case suffix ("Herat'ta")."""
        norms = self.norms
        before, after = self._beside(i, size)
        if before is not None:
            if norms[before] in _LOCATIVES:
                return True
            if before > 0 and self._spaced(before - 1):
                pair = (norms[before - 1], norms[before])
                if pair in _LOCATIVE_PAIRS or (pair[1] in _ARTICLES and pair[0] in _LOCATIVES):
                    return True
        if after is not None and norms[after] in _POSTPOSITIONS:
            return True
        j = i + size
        return j < len(norms) and self._gap(j - 1) in ("'", "’") and norms[j] in _TURKISH_CASES

    def _name_like(self, i: int) -> bool:
        """A capitalised word that is not a common or lexicon word: "Barack" of "Barack
        Obama"."""
        norm = self.norms[i]
        return (
            self.written[i][0].isupper()
            and norm not in common_words()
            and word_concept(norm) is None
            and _word_places(norm)[2] is None
        )


def _lexicon_phrase(run: list[str]) -> _Known | None:
    """A lexicon place of several words that starts ``run``: "New York", "أبو ظبي"."""
    lex = lexicon()
    for size in range(min(MAX_PHRASE, len(run)), 1, -1):
        concept = lex.phrases.get(tuple(stems(w)[-1] for w in run[:size]))
        if concept is not None and concept in lex.places:
            return _Known(f"c:{concept}", size)
    return None


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
    """The places and named things of a claim, from its original ``text`` and its normalised
    ``norm``.

    Places: a gazetteer place written as a name anywhere, any known place (gazetteer or
    lexicon) after a locative ("در بلخ", "بدمشق", "ہرات میں", "в Герате"); in cased scripts
    an unknown capitalised word after a locative ("in Marvand", "в Марванде"). Arabic script
    has no capitals to tell a name from a noun ("در مراسم", in the ceremony), so there an
    unknown word is a place only after a place head ("شهر مروند", "مدينة حماة").

    Named things: ``concept\tskeleton`` for a name next to a head word of the lexicon's
    ``named_heads`` (dam, river, airport, base, ...): "Kharzan Dam", "barrage de Kharzan",
    "سد تیرگان"."""
    lex = lexicon()
    heads = lex.place_heads | lex.named_heads
    places = _Places(text)
    places.read()
    found = places.found
    named: set[str] = set()
    for pattern in (_LATIN_LOCATIVE, _TURKISH_LOCATIVE):
        for match in pattern.finditer(text):
            if match.start("place") in places.covered:
                continue  # read above
            key = _place_key(match["place"])
            if key:
                found.add(key)
    attached = list(_latin_named(text, heads))
    if _ARABIC_SCRIPT.search(text):
        attached += _named_after(_adjacent(_WORD_OR_MARK.findall(norm)), heads)
    for head, name in attached:
        if head in lex.place_heads:
            key = _place_key(name)
            if key:
                found.add(key)
        elif _is_name(name) and len(key := skeleton(name)) >= 2:
            named.add(f"{head}\t{key}")
    return found, named


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


def _mentioned(key: str, names: set[str], concepts: set[str], places: Iterable[str] = ()) -> bool:
    """The place ``key`` of one claim is mentioned in the other, which has these ``names``
    (skeletons), ``concepts`` and ``places``. A gazetteer place is mentioned where the other
    has its key (gazetteer names are read anywhere) or a name like its main name."""
    if key in places:
        return True
    kind, _, value = key.partition(":")
    if kind == "c":
        return value in concepts
    if kind == "g":
        place = gazetteer().place(key)
        value = skeleton(place.name) if place is not None else ""
        if not value:
            return False
    if value in names:
        return True
    return process.extractOne(value, names, scorer=fuzz.ratio, score_cutoff=SAME_NAME) is not None


def _level(key: str) -> str:
    """``country``, ``region`` or ``city``: a lexicon place's level, a gazetteer place's; an
    unknown name counts as a city."""
    kind, _, value = key.partition(":")
    if kind == "c":
        return lexicon().places.get(value, "city")
    if kind == "g":
        place = gazetteer().place(key)
        return place.level if place is not None else "city"
    return "city"


Written = Mapping[str, str]  # skeleton -> the word as the claim writes it


def _label(key: str, written: Written) -> str:
    kind, _, value = key.partition(":")
    if kind == "g":
        place = gazetteer().place(key)
        if place is None:
            return value
        return written.get(skeleton(place.name), place.name)
    return written.get(value, value)


def place_sign(
    places_a: set[str],
    places_b: set[str],
    mentions_a: tuple[set[str], set[str]],
    mentions_b: tuple[set[str], set[str]],
    written: tuple[Written, Written] = ({}, {}),
) -> Reason | None:
    """A place reason (``place: x ≠ y``) when both claims name places of one level and, at
    that level, no place of either is mentioned in the other. Levels are compared apart: "in
    Syria" and "in Damascus" do not differ (one may hold the other), and a country both name
    (often an actor: Armenia, read anywhere in a claim) does not hide that their cities
    differ."""
    if not places_a or not places_b:
        return None
    levels_a: dict[str, list[str]] = {}
    levels_b: dict[str, list[str]] = {}
    for key in places_a:
        levels_a.setdefault(_level(key), []).append(key)
    for key in places_b:
        levels_b.setdefault(_level(key), []).append(key)
    differ = []
    for level in sorted(levels_a.keys() & levels_b.keys()):
        at_a, at_b = levels_a[level], levels_b[level]
        if any(_mentioned(k, *mentions_b, places_b) for k in at_a) or any(
            _mentioned(k, *mentions_a, places_a) for k in at_b
        ):
            continue
        differ.append((at_a, at_b))
    if not differ:
        return None
    keys_a = sorted(k for at_a, _ in differ for k in at_a)
    keys_b = sorted(k for _, at_b in differ for k in at_b)
    labelled_a = sorted((_label(k, written[0]), k) for k in keys_a)
    labelled_b = sorted((_label(k, written[1]), k) for k in keys_b)
    return differing(
        Kind.PLACE,
        [shown for shown, _ in labelled_a],
        [shown for shown, _ in labelled_b],
        a_value=tuple(k for _, k in labelled_a),
        b_value=tuple(k for _, k in labelled_b),
    )


def object_signs(
    objects_a: set[str],
    objects_b: set[str],
    names_a: set[str],
    names_b: set[str],
    written: tuple[Written, Written] = ({}, {}),
) -> list[Reason]:
    """A named-thing reason (``<head>: x ≠ y``) for each head both name and whose names meet
    nowhere in the other."""
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
        labelled_a = sorted((written[0].get(n, n), n) for n in in_a)
        labelled_b = sorted((written[1].get(n, n), n) for n in in_b)
        signs.append(
            differing(
                Kind.OBJECT,
                [shown for shown, _ in labelled_a],
                [shown for shown, _ in labelled_b],
                a_value=tuple(n for _, n in labelled_a),
                b_value=tuple(n for _, n in labelled_b),
                about=head,
            )
        )
    return signs


def _shown(spans: list[tuple[int, int]]) -> list[str]:
    parts = []
    for start, end in sorted(spans):
        first = dt.date.fromordinal(start)
        parts.append(first.isoformat() if start == end else f"{first:%Y-%m}")
    return list(dict.fromkeys(parts))


def time_sign(
    time_a: list[tuple[int, int]],
    time_b: list[tuple[int, int]],
    weekdays_a: set[str],
    weekdays_b: set[str],
    same_event_days: int,
    published: tuple[dt.date | None, dt.date | None] = (None, None),
) -> Reason | None:
    """One sign about *when*, from the finest information both claims give:

    - ``when: …``: their times lie more than ``same_event_days`` apart;
    - ``weekday: …``: both write weekdays that differ and their days (if known) are not next to
      each other (a day's difference is a detail of one event, reported as a date conflict);
    - ``published: …``: neither time is known and the articles appeared more than
      ``same_event_days`` apart (weak: quiet, see :data:`reasons.QUIET`).
    """
    gap = _gap(time_a, time_b)
    if gap is not None and gap > same_event_days:
        shown_a, shown_b = _shown(time_a), _shown(time_b)
        return differing(Kind.TIME, shown_a, shown_b, a_value=shown_a, b_value=shown_b)
    if weekdays_a and weekdays_b and not weekdays_a & weekdays_b and (gap is None or gap > 1):
        shown_a, shown_b = sorted(weekdays_a), sorted(weekdays_b)
        return differing(Kind.WEEKDAY, shown_a, shown_b, a_value=shown_a, b_value=shown_b)
    first, second = published
    if gap is None and first and second and abs((first - second).days) > same_event_days:
        days = [first.isoformat()], [second.isoformat()]
        return differing(Kind.PUBLISHED, *days, a_value=tuple(days[0]), b_value=tuple(days[1]))
    return None


#: Signs that count towards another event but are not shown as a difference
#: (:data:`reasons.QUIET`): articles weeks apart often restate one fact, so alone this says
#: little about the claims.
