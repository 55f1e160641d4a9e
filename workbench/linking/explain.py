"""Pure: what agrees and what differs between two linked claims, and a machine suggestion.

A suggestion is never a verdict: ``conflicts`` means the two claims are about the same thing
(the score says so) and differ on a detail both speak about (a rank, a number of the same
unit, a day, a negation on one side); ``corroborates`` means nothing differs and the score is
high; otherwise ``unsure``.

The event frame (:mod:`workbench.linking.frame`) adds differences of place, time and named
thing: one is shown (and makes a ``corroborates`` an ``unsure``), two or more mark the pair as
*another event* (``Explanation.another_event``), which the link run does not keep.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process

from workbench.linking import frame
from workbench.linking.features import TITLE_GROUPS, Features
from workbench.linking.lexicon import lexicon
from workbench.linking.reasons import Kind, Reason, agreeing, differing, words
from workbench.linking.scoring import NEAR_RATIO

FUZZY_NAME = 85.0
FUZZY_PAIRS = 64  # fuzzy name comparisons are made only between short lists


class Suggestion(StrEnum):
    """The machine's hint for a reviewer."""

    CORROBORATES = "corroborates"
    CONFLICTS = "conflicts"
    UNSURE = "unsure"


@dataclass(frozen=True)
class Explanation:
    """The reasons (typed records, :mod:`workbench.linking.reasons`) and the suggestion they
    lead to; ``agrees`` and ``differs`` are the same reasons in words."""

    reasons: tuple[Reason, ...]
    suggestion: Suggestion
    #: Two or more parts of the event frame disagree: the claims report different events.
    another_event: bool = False

    @property
    def agrees(self) -> tuple[str, ...]:
        return words(self.reasons)[0]

    @property
    def differs(self) -> tuple[str, ...]:
        return words(self.reasons)[1]


Entries = list[tuple[str, str, bool]]  # (as written, skeleton, is a name) of one claim
Written = frame.Written  # skeleton -> the first form a claim writes it in


def _written(entries: Entries) -> dict[str, str]:
    return {k: w for w, k, _ in reversed(entries)}


def _names(entries: tuple[Entries, Entries], written: tuple[Written, Written]) -> list[Reason]:
    written_a, written_b = written
    named = {k for _, k, is_name in [*entries[0], *entries[1]] if is_name}
    found = [
        agreeing(
            Kind.NAME if k in named else Kind.WORD,
            written_a[k],
            written_b[k],
            a_value=(k,),
            b_value=(k,),
        )
        for k in written_a
        if k in written_b
    ]
    rest_a = [k for k in written_a if k not in written_b and len(k) > 2]
    rest_b = [k for k in written_b if k not in written_a and len(k) > 2]
    if len(rest_a) * len(rest_b) <= FUZZY_PAIRS:  # near spellings: واشنطن ~ Washington
        for key in rest_a:
            best = process.extractOne(key, rest_b, scorer=fuzz.ratio, score_cutoff=FUZZY_NAME)
            if best is not None:  # a "name" only where one side is one: يخدم ~ خدمت is words
                kind = Kind.NAME if key in named or best[0] in named else Kind.WORD
                found.append(
                    agreeing(
                        kind,
                        written_a[key],
                        written_b[best[0]],
                        a_value=(key,),
                        b_value=(best[0],),
                        near=True,
                    )
                )
    return found


def _days(dates: tuple[str, ...]) -> set[str]:
    return {d for d in dates if len(d) == 10}


def _covers(dates: tuple[str, ...], day: str) -> bool:
    # A day agrees with itself, with its month or year, and with an interval holding it.
    for value in dates:
        if "/" in value:
            start, end = value.split("/", 1)
            if start <= day <= end:
                return True
        elif day.startswith(value):
            return True
    return False


def _date_differences(a: Features, b: Features) -> list[Reason]:
    days_a, days_b = _days(a.dates), _days(b.dates)
    if not days_a or not days_b:
        return []
    if any(_covers(b.dates, d) for d in days_a) or any(_covers(a.dates, d) for d in days_b):
        return []
    shown_a, shown_b = sorted(days_a), sorted(days_b)
    return [differing(Kind.DATE, shown_a, shown_b, a_value=shown_a, b_value=shown_b)]


def _value(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


#: Concepts measured on a scale, where a whole reading and a decimal one are two versions of
#: one figure ("magnitude 6" / "magnitude 6.2", "6 percent" / "6.5 percent"). Shown as a
#: difference only: as a ranking feature (``scoring._near_numbers``) it linked more
#: look-alikes on the dev events than it found pairs.
SCALES = frozenset({"depth", "kilometre", "magnitude", "percent"})


def _near(a: str, b: str, *, scale: bool = False) -> bool:
    """The rule of ``scoring._near_numbers`` (there column-wise, for ranking) for one pair of
    values: both positive, at most :data:`NEAR_RATIO` apart, and both decimal or both whole;
    here also a whole and a decimal when both claims name one of the :data:`SCALES`."""
    x, y = _value(a), _value(b)
    if x is None or y is None or x <= 0 or y <= 0 or x == y:
        return False
    if ("." in a) != ("." in b) and not scale:  # a magnitude (6.3) is not a count (6)
        return False
    return max(x, y) / min(x, y) <= NEAR_RATIO


def _number_differences(a: Features, b: Features) -> list[Reason]:
    """Numbers of one unit that do not meet; then, among the numbers that meet nothing on the
    other side, pairs close enough to be two versions of one figure (:data:`NEAR_RATIO`)."""
    differs = []
    units = {u for _, u in a.numbers if u} & {u for _, u in b.numbers if u}
    for unit in sorted(units):
        values_a = {v for v, u in a.numbers if u == unit}
        values_b = {v for v, u in b.numbers if u == unit}
        if not values_a & values_b:
            shown_a, shown_b = sorted(values_a), sorted(values_b)
            differs.append(
                differing(
                    Kind.NUMBER, shown_a, shown_b, a_value=shown_a, b_value=shown_b, about=unit
                )
            )
    values_a, values_b = {v for v, _ in a.numbers}, {v for v, _ in b.numbers}
    shown = {v for v, u in [*a.numbers, *b.numbers] if u in units}
    rest_a = sorted(values_a - values_b - shown)
    rest_b = sorted(values_b - values_a - shown)
    # Units are not required to agree here: read per language from the next words, they
    # differ for one figure ("2,053 people were dead" / "2445 قتيلا": person / killed).
    scale = not SCALES.isdisjoint(a.concepts) and not SCALES.isdisjoint(b.concepts)
    for value_a in rest_a:
        near = next((v for v in rest_b if _near(value_a, v, scale=scale)), None)
        if near is not None:
            differs.append(
                differing(Kind.NUMBER, [value_a], [near], a_value=(value_a,), b_value=(near,))
            )
    return differs


def _title_differences(a: Features, b: Features) -> list[Reason]:
    differs = []
    for group in TITLE_GROUPS.values():
        in_a, in_b = group.intersection(a.titles), group.intersection(b.titles)
        if in_a and in_b and not in_a & in_b:
            shown_a, shown_b = sorted(in_a), sorted(in_b)
            differs.append(
                differing(Kind.TITLE, shown_a, shown_b, a_value=shown_a, b_value=shown_b)
            )
    return differs


def _mentions(f: Features) -> tuple[set[str], set[str]]:
    """Names (skeletons) and concepts a claim mentions anywhere: a place or named thing of the
    other claim found here is not a difference."""
    names = {*f.name_keys, *(k.partition(":")[2] for k in f.places if k[:2] == "n:")}
    names |= {o.partition("\t")[2] for o in f.objects}
    concepts = {*f.concepts, *(k.partition(":")[2] for k in f.places if k[:2] == "c:")}
    return names, concepts


def frame_signs(
    a: Features,
    b: Features,
    same_event_days: int,
    written: tuple[Written, Written] | None = None,
) -> list[Reason]:
    """Parts of the event frame on which ``a`` and ``b`` disagree (see :mod:`frame`); names
    are shown as ``written`` (parsed from the claims when not given)."""
    signs = []
    if (a.places and b.places) or (a.objects and b.objects):  # most pairs: neither
        mentions_a, mentions_b = _mentions(a), _mentions(b)
        if written is None:
            written = (_written(a.name_entries()), _written(b.name_entries()))
        place = frame.place_sign(set(a.places), set(b.places), mentions_a, mentions_b, written)
        if place:
            signs.append(place)
        signs += frame.object_signs(
            set(a.objects), set(b.objects), mentions_a[0], mentions_b[0], written
        )
    time_a, time_b = (
        frame.event_time(f.dates, frame.resolved_days(f.weekdays, f.concepts, f.published))
        for f in (a, b)
    )
    when = frame.time_sign(
        time_a,
        time_b,
        set(a.weekdays),
        set(b.weekdays),
        same_event_days,
        (a.published, b.published),
    )
    if when:
        signs.append(when)
    return signs


def _contrary_differences(a: Features, b: Features) -> list[Reason]:
    """``contrary: increase ≠ decrease`` where one claim states a concept, the other its
    contrary (lexicon ``contraries``), and neither states both."""
    contraries = lexicon().contraries
    in_a, in_b = set(a.concepts), set(b.concepts)
    found = []
    for concept in sorted(in_a - in_b):
        for other in sorted(contraries.get(concept, frozenset()) & (in_b - in_a)):
            found.append(
                differing(Kind.CONTRARY, [concept], [other], a_value=(concept,), b_value=(other,))
            )
    return found


#: Reason kind -> the span prefix of its values (:func:`features.span_key`).
_SPAN_OF = {
    Kind.NAME: "n", Kind.WORD: "n", Kind.OBJECT: "n", Kind.CONCEPT: "c", Kind.CONTRARY: "c",
    Kind.TITLE: "t", Kind.NUMBER: "#", Kind.DATE: "d", Kind.TIME: "d", Kind.SPEAKER: "s",
    Kind.WEEKDAY: "w",
}  # fmt: skip


def _place_key(key: str) -> str:
    """A place of the frame (``n:<skeleton>``, ``c:<concept>``) as a span key; a gazetteer
    place (``g:<id>``) has none: it is read from the names written."""
    return key if key[:2] in ("n:", "c:") else ""


def _side_spans(
    reason: Reason, values: tuple[str, ...], index: SpanIndex, side: int
) -> tuple[tuple[int, int], ...]:
    kind = reason.kind
    if kind is Kind.NEGATION:
        return tuple(index.get("neg", ())) if (reason.a if side == 0 else reason.b) else ()
    if len(values) == 1 and kind is not Kind.PLACE:  # the rule: one value, spans in order
        prefix = _SPAN_OF.get(kind)
        return tuple(index.get(f"{prefix}:{values[0]}", ())) if prefix else ()
    if kind is Kind.PLACE:
        keys = [_place_key(v) for v in values]
    else:
        prefix = _SPAN_OF.get(kind)
        keys = [f"{prefix}:{v}" for v in values] if prefix else []
    return tuple(sorted({span for key in keys for span in index.get(key, ())}))


SpanIndex = dict[str, list[tuple[int, int]]]


def locate(
    reason: Reason, a: Features, b: Features, indexes: tuple[SpanIndex, SpanIndex] | None = None
) -> Reason:
    """``reason`` with the character spans where each claim writes what it says."""
    index_a, index_b = indexes or (a.span_index(), b.span_index())
    if not index_a and not index_b:
        return reason
    return reason._replace(
        spans_a=_side_spans(reason, reason.a_value, index_a, 0),
        spans_b=_side_spans(reason, reason.b_value, index_b, 1),
    )


def explain(
    a: Features,
    b: Features,
    score: float,
    *,
    corroborate_min: float,
    conflict_min: float,
    same_event_days: int = 7,
    spans: tuple[SpanIndex, SpanIndex] | None = None,
) -> Explanation:
    """Reasons and a suggestion for the pair ``(a, b)`` scored ``score``; ``spans``: the two
    claims' :meth:`Features.span_index` where the caller holds them (a claim is in many
    pairs), else read here."""
    entries = a.name_entries(), b.name_entries()  # parsed once: the hot path
    written = _written(entries[0]), _written(entries[1])
    numbers = sorted({v for v, _ in a.numbers} & {v for v, _ in b.numbers})
    agrees = [
        *_names(entries, written),
        *(
            agreeing(Kind.CONCEPT, c, a_value=(c,), b_value=(c,))
            for c in sorted(set(a.concepts) & set(b.concepts))
            if c[:6] != "title:"
        ),
        *(
            agreeing(Kind.TITLE, t, a_value=(t,), b_value=(t,))
            for t in sorted(set(a.titles) & set(b.titles))
        ),
        *(agreeing(Kind.NUMBER, v, a_value=(v,), b_value=(v,)) for v in numbers),
        *(
            agreeing(Kind.DATE, d, a_value=(d,), b_value=(d,))
            for d in sorted(_days(a.dates) & _days(b.dates))
        ),
        *(
            agreeing(Kind.SPEAKER, s, a_value=(s,), b_value=(s,))
            for s in sorted(set(a.speakers) & set(b.speakers))
        ),
    ]
    differs = [
        *_title_differences(a, b),
        *_number_differences(a, b),
        *_date_differences(a, b),
        *_contrary_differences(a, b),
    ]
    if a.negated != b.negated:
        side = ["negated"]
        differs.append(
            differing(Kind.NEGATION, side if a.negated else [], [] if a.negated else side)
        )
    signs = frame_signs(a, b, same_event_days, written)
    # A day already shown as a date difference is not shown again as a time of the event.
    dated = any(d.kind is Kind.DATE for d in differs)
    shown = [s for s in signs if not s.quiet and not (s.kind is Kind.TIME and dated)]
    if differs and score >= conflict_min:
        suggestion = Suggestion.CONFLICTS
    elif not differs and not shown and score >= corroborate_min:
        suggestion = Suggestion.CORROBORATES
    else:
        suggestion = Suggestion.UNSURE
    another = len(signs) >= frame.SIGNS_FOR_ANOTHER_EVENT
    indexes = spans or (a.span_index(), b.span_index())
    found = tuple(locate(r, a, b, indexes) for r in (*agrees, *differs, *shown))
    return Explanation(found, suggestion, another)
