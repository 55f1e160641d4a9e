"""Explanations and suggestions: what agrees, what differs, and the hint for reviewers."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from workbench.linking.explain import Suggestion, explain
from workbench.linking.features import Features, pack_names


def claim(
    *,
    titles: set[str] = frozenset(),  # type: ignore[assignment]
    numbers: tuple[tuple[str, str], ...] = (),
    dates: set[str] = frozenset(),  # type: ignore[assignment]
    negated: bool = False,
    names: tuple[tuple[str, str], ...] = (("كوبر", "kbr"),),
    concepts: set[str] = frozenset(),  # type: ignore[assignment]
) -> Features:
    return Features(
        claim_id="x",
        article_id="a",
        source="S",
        language="ar",
        published=dt.date(2025, 3, 10),
        tokens=(),
        name_keys=tuple(sorted({k for _, k in names})),
        concepts=tuple(sorted({"meet", *concepts})),
        numbers=numbers,
        dates=tuple(sorted(dates)),
        titles=tuple(sorted(titles)),
        speakers=(),
        negated=negated,
        names=pack_names((w, k, True) for w, k in names),
    )


CASES = [
    pytest.param(
        claim(titles={"admiral"}),
        claim(titles={"general"}),
        60,
        Suggestion.CONFLICTS,
        "title: admiral ≠ general",
        id="rank differs",
    ),
    pytest.param(
        claim(titles={"admiral", "commander"}),
        claim(titles={"commander"}),
        60,
        Suggestion.CORROBORATES,
        None,
        id="rank on one side only",
    ),
    pytest.param(
        claim(titles={"admiral"}),
        claim(titles={"president"}),
        60,
        Suggestion.CORROBORATES,
        None,
        id="rank vs office is not a difference",
    ),
    pytest.param(
        claim(numbers=(("120", "engineer"),)),
        claim(numbers=(("210", "engineer"),)),
        60,
        Suggestion.CONFLICTS,
        "number (engineer): 120 ≠ 210",
        id="number of the same unit",
    ),
    pytest.param(
        claim(numbers=(("2053", "person"), ("9240", "wounded"))),
        claim(numbers=(("2445", "killed"),)),
        60,
        Suggestion.CONFLICTS,
        "number: 2053 ≠ 2445",
        id="versions of one toll, units read differently",
    ),
    pytest.param(
        claim(numbers=(("6.2", ""),)),
        claim(numbers=(("6.3", ""),)),
        60,
        Suggestion.CONFLICTS,
        "number: 6.2 ≠ 6.3",
        id="two magnitudes",
    ),
    pytest.param(
        claim(numbers=(("2053", ""), ("9240", ""))),
        claim(numbers=(("2053", ""), ("9000", ""))),
        60,
        Suggestion.CONFLICTS,
        "number: 9240 ≠ 9000",
        id="one figure agrees, the other is another version",
    ),
    pytest.param(
        claim(numbers=(("12", ""),)),
        claim(numbers=(("600", ""),)),
        60,
        Suggestion.CORROBORATES,
        None,
        id="numbers too far apart to be versions of one figure",
    ),
    pytest.param(
        claim(numbers=(("6.3", ""),)),
        claim(numbers=(("6", ""),)),
        60,
        Suggestion.CORROBORATES,
        None,
        id="a magnitude is not a count",
    ),
    pytest.param(
        claim(numbers=(("6.2", ""),), concepts={"magnitude"}),
        claim(numbers=(("6", ""),), concepts={"magnitude", "earthquake"}),
        60,
        Suggestion.CONFLICTS,
        "number: 6.2 ≠ 6",
        id="two readings of one magnitude, one of them whole",
    ),
    pytest.param(
        claim(numbers=(("6.2", ""),), concepts={"magnitude"}),
        claim(numbers=(("6", ""),), concepts={"village"}),
        60,
        Suggestion.CORROBORATES,
        None,
        id="a magnitude in one claim only is not a scale for the other's count",
    ),
    pytest.param(
        claim(numbers=(("61", "year"),)),
        claim(numbers=(("11", "day"),)),
        60,
        Suggestion.CORROBORATES,
        None,
        id="numbers of different units",
    ),
    pytest.param(
        claim(dates={"2025-03-09"}),
        claim(dates={"2025-03-08"}),
        60,
        Suggestion.CONFLICTS,
        "date: 2025-03-09 ≠ 2025-03-08",
        id="days differ",
    ),
    pytest.param(
        claim(dates={"2024-12-08"}),
        claim(dates={"2024-11-27", "2024-12-08"}),
        60,
        Suggestion.CORROBORATES,
        None,
        id="a day in common",
    ),
    pytest.param(
        claim(dates={"2017-11-25"}),
        claim(dates={"2017-11-22/2017-12-21"}),
        60,
        Suggestion.CORROBORATES,
        None,
        id="day inside a Jalali month",
    ),
    pytest.param(
        claim(negated=True),
        claim(),
        60,
        Suggestion.CONFLICTS,
        "negation: only in the first claim",
        id="negation on one side",
    ),
    pytest.param(claim(), claim(), 60, Suggestion.CORROBORATES, None, id="nothing differs"),
    pytest.param(claim(), claim(), 40, Suggestion.UNSURE, None, id="weak link"),
    pytest.param(
        claim(titles={"admiral"}),
        claim(titles={"general"}),
        20,
        Suggestion.UNSURE,
        "title: admiral ≠ general",
        id="difference on a weak link",
    ),
]


@pytest.mark.parametrize(("a", "b", "score", "suggestion", "difference"), CASES)
def test_explain(
    a: Features, b: Features, score: float, suggestion: Suggestion, difference: str | None
) -> None:
    why = explain(a, b, score, corroborate_min=50, conflict_min=35)
    assert why.suggestion is suggestion
    if difference:
        assert difference in why.differs
    else:
        assert why.differs == ()


def test_agreeing_names_are_shown_as_written() -> None:
    why = explain(claim(), claim(names=(("کوپر", "kbr"),)), 60, corroborate_min=50, conflict_min=35)
    assert "name: كوبر = کوپر" in why.agrees


def test_near_spelled_content_words_are_words_not_names() -> None:
    # A verb in Arabic and a noun in Persian whose skeletons are near ("serves" ~ "service"):
    # neither is a name anchor, so the explanation must not call them one.
    a = claim(names=(("كوبر", "kbr"), ("يخدم", "kdm")))
    b = claim(names=(("کوپر", "kbr"), ("خدمت", "kdmt")))
    a = dataclasses.replace(a, names=pack_names([("كوبر", "kbr", True), ("يخدم", "kdm", False)]))
    b = dataclasses.replace(b, names=pack_names([("کوپر", "kbr", True), ("خدمت", "kdmt", False)]))
    why = explain(a, b, 60, corroborate_min=50, conflict_min=35)
    assert "name: كوبر = کوپر" in why.agrees
    assert "word: يخدم ~ خدمت" in why.agrees
    assert not [r for r in why.agrees if r.startswith("name:") and "يخدم" in r]
    # B names it: a name.
    c = dataclasses.replace(b, names=pack_names([("کوپر", "kbr", True), ("خدمت", "kdmt", True)]))
    assert "name: يخدم ~ خدمت" in explain(a, c, 60, corroborate_min=50, conflict_min=35).agrees


def _with_concepts(*concepts: str) -> Features:
    return dataclasses.replace(claim(), concepts=tuple(sorted({"meet", *concepts})))


@pytest.mark.parametrize(
    ("first", "second", "differs"),
    [
        (("increase",), ("decrease",), ["contrary: increase ≠ decrease"]),
        (("continue",), ("stop",), ["contrary: continue ≠ stop"]),
        (("close",), ("open",), ["contrary: close ≠ open"]),
        # A claim stating both (prices rose, then fell) contradicts neither.
        (("increase", "decrease"), ("decrease",), []),
        (("increase",), ("increase",), []),
    ],
)
def test_contrary_concepts_are_a_conflict(
    first: tuple[str, ...], second: tuple[str, ...], differs: list[str]
) -> None:
    why = explain(
        _with_concepts(*first), _with_concepts(*second), 70, corroborate_min=50, conflict_min=35
    )
    assert [d for d in why.differs if d.startswith("contrary")] == differs
    expected = Suggestion.CONFLICTS if differs else Suggestion.CORROBORATES
    assert why.suggestion is expected


def test_contraries_across_languages_through_the_lexicon() -> None:
    from workbench.linking.lexicon import concepts
    from workbench.text.normalise import tokens

    rose, _ = concepts(tokens("ارتفاع قياسي في إيرادات قناة السويس"))
    fell, _ = concepts(tokens("Suez Canal revenue fell sharply, a drop of a fifth"))
    assert "increase" in rose and "decrease" in fell


def test_packed_names_read_back_as_written() -> None:
    entries = [("كوبر", "kbr", True), ("يخدم", "kdm", False), ("Cooper", "kbr", True)]
    assert dataclasses.replace(claim(), names=pack_names(entries)).name_entries() == entries
