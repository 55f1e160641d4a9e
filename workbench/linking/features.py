"""Pure: what the linker knows of one claim, computed from its text and anchors.

Features are derived data (the same claim always gives the same features), so they are
computed when linking rather than stored; only the blocking keys are stored. A link run holds
them as one frame (:func:`feature_rows`, a row per claim), several times smaller than Python
objects and invisible to the garbage collector, and turns rows back into :class:`Features`
(:func:`from_rows`) only for the slice of matches it explains.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from sys import intern
from typing import Any

import polars as pl

from workbench.linking.frame import event_frame
from workbench.linking.keys import (
    PROCLITICS,
    all_stopwords,
    normalised_skeleton,
    skeleton,
    stems,
    stopwords,
)
from workbench.linking.lexicon import concepts, lexicon, word_concept
from workbench.text.anchors import find_anchors
from workbench.text.lexicon import outlets
from workbench.text.normalise import (
    aligned_normalise,
    normalise,
    normalised_token_matches,
    normalised_tokens,
    original_span,
)

_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]+")
_SPAN_LINE = re.compile(r"^(.+)\t(\d+)\t(\d+)$", re.MULTILINE)
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
#: Ranks compete with ranks, offices with offices: "admiral" vs "general" is a difference,
#: "admiral" vs "commander" is not (one person can be both).
TITLE_GROUPS = {
    "rank": {"admiral", "general", "colonel"},
    "office": {"president", "prime_minister", "king", "crown_prince", "secretary_general"},
}
MIN_SKELETON = 2


@dataclass(frozen=True, slots=True)
class Features:
    """One claim as the linker sees it (compact: a link run holds one per claim)."""

    claim_id: str
    article_id: str
    source: str
    language: str
    published: dt.date | None
    # Sorted tuples rather than sets: a run holds one Features per claim, and an empty tuple
    # costs nothing. ``names`` packs "as written\tskeleton" lines into one string.
    tokens: tuple[str, ...]
    name_keys: tuple[str, ...]
    concepts: tuple[str, ...]
    numbers: tuple[tuple[str, str], ...]  # (value, unit concept or "")
    dates: tuple[str, ...]
    titles: tuple[str, ...]
    speakers: tuple[str, ...]
    negated: bool
    names: str = ""
    # The event frame (see :mod:`workbench.linking.frame`): where, which named thing, weekdays.
    places: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()  # "concept\tskeleton"
    weekdays: tuple[str, ...] = ()
    #: Where the claim's text shows what the linker read: "key\tstart\tend" lines (see
    #: :func:`span_key`), so an explanation's reasons carry character spans.
    spans: str = ""

    def span_index(self) -> dict[str, list[tuple[int, int]]]:
        """Span key -> ``(start, end)`` offsets in the claim's text."""
        index: dict[str, list[tuple[int, int]]] = {}
        for key, start, end in _SPAN_LINE.findall(self.spans):
            index.setdefault(key, []).append((int(start), int(end)))
        return index

    def name_pairs(self) -> list[tuple[str, str]]:
        """(as written, skeleton) of the claim's name-like words."""
        return [(w, k) for w, k, _ in self.name_entries()]

    def name_entries(self) -> list[tuple[str, str, bool]]:
        """(as written, skeleton, is a name) of the claim's name-like words: names come from
        name anchors and capitals; the others are Arabic-script content words."""
        entries = []
        for line in self.names.splitlines():
            written, key, kind = [*line.split("\t"), "n"][:3]
            entries.append((written, key, kind == "n"))
        return entries


def pack_names(entries: Iterable[tuple[str, str, bool]]) -> str:
    """The compact :attr:`Features.names` of (as written, skeleton, is a name) entries: the
    inverse of :meth:`Features.name_entries` (a name is ``written\tskeleton``, a word not
    known to be one ``written\tskeleton\tw``)."""
    return "\n".join(f"{w}\t{k}" if is_name else f"{w}\t{k}\tw" for w, k, is_name in entries)


def _tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({intern(v) for v in values}))


def _name_pairs(
    text: str, anchors: Iterable[Mapping[str, Any]], unnamed: list[str]
) -> list[tuple[str, str]]:
    words = [w for a in anchors if a["kind"] == "name" for w in str(a["text"]).split()]
    # Capitalised Latin words are names unless they are common words capitalised at the
    # start of a sentence ("The", "Officials"): stopwords and lexicon words are not names.
    stop = all_stopwords()
    capitalised = [
        w
        for w in _CAPITALISED.findall(text)
        if w.lower() not in stop and not word_concept(w.lower())
    ]
    pairs = [(w, skeleton(w)) for w in [*words, *capitalised]]
    if _ARABIC_SCRIPT.search(text):
        # No capitals tell names in Arabic script: every content word outside the lexicon
        # counts, with and without a leading one-letter clitic (لكوبر -> كوبر); the DF limits
        # and prefix filtering keep the rare, telling ones.
        for t in unnamed:  # "\tw": a content word, not known to be a name
            pairs.append((t, normalised_skeleton(stems(t)[-1]) + "\tw"))
            if t[:1] in PROCLITICS and len(t) > 4:
                pairs.append((t, normalised_skeleton(stems(t[1:])[-1]) + "\tw"))
    return pairs


#: What a count of people in a news claim most often counts. A toll and its victims are
#: counts of the dead.
CASUALTIES = {"killed": "killed", "toll": "killed", "victims": "killed", "wounded": "wounded",
              "missing": "missing"}  # fmt: skip
_WINDOW = 5  # words read on each side of a number for a casualty noun
#: Scales whose name often comes before the value ("magnitude 6.3", "a depth of 10"); other
#: units are read after it.
MEASURES = frozenset({"magnitude", "depth", "percent"})


def _nearest_casualty(words: list[str], *, backwards: bool = False) -> tuple[int, str]:
    """How many of ``words`` it takes, counted from the number (from the start, or from the
    end ``backwards``), to name a casualty, and which; ``(0, "")`` when none do. Phrases are
    read forwards, so the window grows away from the number."""
    found, _ = concepts(words)
    if not any(c in CASUALTIES for c in found):  # most numbers: one lookup, not one a word
        return 0, ""
    for size in range(1, len(words) + 1):
        found, _ = concepts(words[-size:] if backwards else words[:size])
        kinds = {CASUALTIES[c] for c in found if c in CASUALTIES}
        if kinds:
            return size, min(kinds)
    return 0, ""


#: Words that join two counts ("15 dead and 40 injured", "۷ نفر کشته و ۲۰ نفر زخمی"): a noun
#: before one of them, or before a clause mark, belongs to the count before it.
_JOINS = frozenset({"and", "و", "et", "ve", "und", "y", "и", "και", "اور", "ile"})  # not "e": "è"
_CLAUSE = re.compile(r"[,;:.،؛!?]")


def _words(text: str) -> list[str]:
    """Normalised words, a joining و taken off a casualty noun (وإصابة: and wounding), which
    the lexicon's stems keep on other words, where the letter is often the word's own."""
    words = normalised_tokens(normalise(text))
    return [
        w[1:] if w[:1] == "و" and len(w) > 3 and word_concept(w[1:]) in CASUALTIES else w
        for w in words
    ]


def number_units(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """What each number (``text[start:end]`` spans, in order) counts: the nearest casualty
    noun on either side ("15 dead", "death toll has risen to 2,025", "مقتل 15 شخصا": word
    order puts it on either side), read no further than the neighbouring numbers, and on the
    side before no further than a clause mark or a joining word; else the concept of the next
    two words ("120 engineers", "٢١٠ مهندسين"); else a scale (:data:`MEASURES`) in the next
    four words ("6 on the Richter scale") or the two before ("magnitude 6.3")."""
    units = []
    for i, (start, end) in enumerate(spans):
        stop = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        begin = spans[i - 1][1] if i else 0
        after = _words(text[end : min(stop, end + 80)])
        before_text = text[max(begin, start - 80) : start]
        marks = list(_CLAUSE.finditer(before_text))
        before = _words(before_text[marks[-1].end() :] if marks else before_text)
        joins = [j for j, w in enumerate(before) if w in _JOINS]
        before = before[joins[-1] + 1 :] if joins else before
        before = before[-_WINDOW:]
        d_after, after_kind = _nearest_casualty(after[:_WINDOW])
        d_before, before_kind = _nearest_casualty(before, backwards=True)
        if after_kind and (not before_kind or d_after < d_before):  # a tie: the noun before
            units.append(after_kind)
        elif before_kind:
            units.append(before_kind)
        else:
            found, _ = concepts(after[:2])
            if not found:  # "6 on the Richter scale", "ست درجات على مقياس ريختر"
                found = concepts(after[:4])[0] & MEASURES
            if not found:  # "magnitude 6.3", "به بزرگی ۶٫۲", "μεγέθους 6,2": named before
                found = concepts(before[-2:])[0] & MEASURES
            units.append(min(found) if found else "")
    return units


#: Span key prefixes, by what the linker read: a name's or word's skeleton, a concept, a
#: number's value, a day, a title, a speaker, a weekday; ``neg`` a negation word.
SPAN_PREFIX = {"name": "n", "concept": "c", "number": "#", "date": "d", "title": "t",
               "speaker": "s", "weekday": "w"}  # fmt: skip
_ANCHOR_SPAN = {"number": "#", "date": "d", "title": "t", "weekday": "w"}
_WORD = re.compile(r"\S+")


def span_key(kind: str, value: str) -> str:
    """The key under which :attr:`Features.spans` holds where ``value`` of ``kind`` (a
    :data:`SPAN_PREFIX` kind) is written."""
    return f"{SPAN_PREFIX[kind]}:{value}"


def _spans(
    text: str,
    anchors: Sequence[Mapping[str, Any]],
    names: list[tuple[str, str]],
    words: list[str],
    used: set[int],
    found: set[str],
) -> str:
    """Where the claim writes its anchors, names, concepts and negations: "key\tstart\tend"
    lines. Anchors carry their own spans; words are read from the text aligned with its
    normalised form, so a word is located by its position, never by searching for it.

    ``names``: the claim's (as written, key) name pairs; ``words``: its normalised tokens,
    ``used`` the positions of those that named one of the concepts ``found``."""
    lines: list[str] = []
    name_keys = {k.split("\t")[0] for _, k in names}
    # Arabic-script content words counted as names are written as normalised tokens.
    by_word: dict[str, list[str]] = {}
    for written, key in names:
        if key.endswith("\tw"):
            by_word.setdefault(written, []).append(key[:-2])

    def put(key: str, start: int, end: int) -> None:
        if 0 <= start < end <= len(text):
            lines.append(f"{key}\t{start}\t{end}")

    for a in anchors:
        kind, end = str(a["kind"]), int(a["char_end"])
        start = end - len(str(a["text"]))
        if kind in _ANCHOR_SPAN:
            put(f"{_ANCHOR_SPAN[kind]}:{a['value']}", start, end)
        elif kind == "attribution" and a["value"]:
            put(f"s:{skeleton(str(a['value'])) or str(a['value']).lower()}", start, end)
        elif kind == "name":
            for part in _WORD.finditer(str(a["text"])):
                key = skeleton(part.group())
                if key in name_keys:
                    put(f"n:{key}", start + part.start(), start + part.end())
    for capital in _CAPITALISED.finditer(text):
        key = skeleton(capital.group())
        if key in name_keys:
            put(f"n:{key}", *capital.span())
    negation = lexicon().negation
    if not used and not by_word and negation.isdisjoint(words):
        return "\n".join(dict.fromkeys(lines))
    norm, where = aligned_normalise(text)
    tokens = list(normalised_token_matches(norm))
    aligned = len(tokens) == len(words)  # else (rare) every token is looked up
    for i, token in enumerate(tokens):
        word = token.group()
        concept = word_concept(word) if (i in used or not aligned) else None
        keys = by_word.get(word, ())
        if concept not in found and not keys and word not in negation:
            continue
        start, end = original_span(where, *token.span())
        if concept in found:
            put(f"c:{concept}", start, end)
        if word in negation:
            put("neg", start, end)
        for key in keys:
            put(f"n:{key}", start, end)
    return "\n".join(dict.fromkeys(lines))


def features(row: Mapping[str, Any], anchors: Sequence[Mapping[str, Any]]) -> Features:
    """Features of one claim from its row (claim_id, article_id, source, language, published,
    text, norm_text) and its anchor rows (kind, text, value, char_end)."""
    text, language = str(row["text"]), str(row["language"])
    words = normalised_tokens(str(row["norm_text"]))
    # Concepts first, on every word: verbs of saying and phrases hold stopwords (قال, گفت و گو).
    found, used = concepts(words)
    stop = stopwords(language) or all_stopwords()
    tokens = [t for t in words if t not in stop and len(t) > 1 and not t.isdigit()]
    unnamed = [t for i, t in enumerate(words) if i not in used and t in tokens]
    name_pairs = _name_pairs(text, anchors, unnamed)
    names = [(w, k) for w, k in dict(name_pairs).items() if len(k.split("\t")[0]) >= MIN_SKELETON]
    by_kind: dict[str, list[Mapping[str, Any]]] = {}
    for anchor in anchors:
        by_kind.setdefault(str(anchor["kind"]), []).append(anchor)
    numbers = by_kind.get("number", [])
    spans = [(int(a["char_end"]) - len(str(a["text"])), int(a["char_end"])) for a in numbers]
    where, which = event_frame(text, str(row["norm_text"]))
    known = set(outlets().values())
    orgs = {f"org:{a['value'].lower()}" for a in by_kind.get("name", []) if a["value"] in known}
    return Features(
        claim_id=str(row["claim_id"]),
        article_id=str(row["article_id"]),
        source=str(row["source"]),
        language=language,
        published=row.get("published"),
        tokens=tuple(intern(stems(t)[-1]) for t in tokens),  # shared vocabulary: one copy
        name_keys=_tuple(k.split("\t")[0] for _, k in names),
        concepts=_tuple(found | orgs | {f"title:{a['value']}" for a in by_kind.get("title", [])}),
        numbers=tuple(
            zip((str(a["value"]) for a in numbers), number_units(text, spans), strict=True)
        ),
        dates=_tuple(
            str(a["value"]) for a in by_kind.get("date", []) if not a["value"].startswith("--")
        ),
        titles=_tuple(str(a["value"]) for a in by_kind.get("title", [])),
        speakers=_tuple(
            skeleton(str(a["value"])) or str(a["value"]).lower()
            for a in by_kind.get("attribution", [])
            if a["value"]
        ),
        negated=not lexicon().negation.isdisjoint(normalised_tokens(str(row["norm_text"]))),
        names=pack_names((w, k.removesuffix("\tw"), not k.endswith("\tw")) for w, k in names),
        places=_tuple(where),
        objects=_tuple(which),
        weekdays=_tuple(str(a["value"]) for a in by_kind.get("weekday", [])),
        spans=_spans(text, anchors, names, words, used, found),
    )


def sentence_features(
    text: str,
    *,
    claim_id: str,
    language: str,
    source: str = "",
    published: dt.date | None = None,
) -> Features:
    """Features of one sentence as a link run would see it, its anchors found as ingest finds
    them: for evaluations and tests that score sentences without a database."""
    row = {
        "claim_id": claim_id,
        "article_id": claim_id,
        "source": source,
        "language": language,
        "published": published,
        "text": text,
        "norm_text": normalise(text),
    }
    anchors = [
        {"kind": a.kind.value, "text": a.text, "value": a.value, "char_end": a.end}
        for a in find_anchors(text, published=published)
    ]
    return features(row, anchors)


def block_keys(f: Features) -> set[str]:
    """Inverted-index keys of a claim: names, concepts, numbers, days, rare tokens."""
    keys = {f"n:{k}" for k in f.name_keys}
    keys |= {f"c:{c}" for c in f.concepts}
    keys |= {f"#:{value}" for value, _ in f.numbers}
    keys |= {f"d:{d}" for d in f.dates if len(d) == 10}
    keys |= {f"t:{t}" for t in f.tokens if len(t) > 3}
    return keys


_TEXT = pl.String()
_LIST = pl.List(pl.String())
FEATURES_SCHEMA = pl.Schema(
    {
        "claim_id": _TEXT,
        "article_id": _TEXT,
        "source": _TEXT,
        "language": _TEXT,
        "published": pl.Date(),
        "tokens": _LIST,
        "name_keys": _LIST,
        "concepts": _LIST,
        "numbers": _LIST,  # "value\tunit"
        "dates": _LIST,
        "titles": _LIST,
        "speakers": _LIST,
        "negated": pl.Boolean(),
        "names": _TEXT,
        "places": _LIST,
        "objects": _LIST,
        "weekdays": _LIST,
        "spans": _TEXT,
    }
)
_TUPLES = (
    "tokens", "name_keys", "concepts", "dates", "titles", "speakers", "places", "objects",
    "weekdays",
)  # fmt: skip


def string_lists(values: Sequence[Sequence[str]]) -> pl.Series:
    """A list-of-strings column from sequences of strings (none empty or holding ``\\x1f``).

    Joined strings split by polars: several times faster than building nested lists.
    """
    joined = pl.Series(["\x1f".join(v) for v in values], dtype=pl.String())
    split = joined.str.split("\x1f")
    return pl.select(pl.when(joined == "").then(pl.lit([], _LIST)).otherwise(split)).to_series()


def feature_rows(built: Sequence[Features]) -> pl.DataFrame:
    """The features as one frame, a row per claim (schema :data:`FEATURES_SCHEMA`)."""
    columns: dict[str, Any] = {
        name: [getattr(f, name) for f in built]
        for name in ("claim_id", "article_id", "source", "language", "published", "negated")
    }
    columns.update({name: string_lists([getattr(f, name) for f in built]) for name in _TUPLES})
    columns["numbers"] = string_lists([[f"{v}\t{u}" for v, u in f.numbers] for f in built])
    columns["names"] = [f.names for f in built]
    columns["spans"] = [f.spans for f in built]
    return pl.DataFrame(columns, schema=FEATURES_SCHEMA)


def from_rows(frame: pl.DataFrame) -> dict[str, Features]:
    """The :class:`Features` of each row of a :func:`feature_rows` frame, by claim id.

    List columns the frame lacks are left empty: explanations need no ``tokens``, the
    largest column, so a link run ships and converts the rows without it.
    """
    columns = {  # column-wise: several times faster than row dicts
        name: frame[name].to_list() if name in frame.columns else [[]] * frame.height
        for name in FEATURES_SCHEMA.names()
    }
    for name in _TUPLES:
        columns[name] = [tuple(v) for v in columns[name]]
    columns["numbers"] = [
        tuple((v, u) for v, _, u in (n.partition("\t") for n in numbers))
        for numbers in columns["numbers"]
    ]
    names = list(columns)
    return {
        values[0]: Features(**dict(zip(names, values, strict=True)))
        for values in zip(*columns.values(), strict=True)
    }
