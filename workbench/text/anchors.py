"""All anchors of one claim: dates, weekdays, numbers, titles, names, attributions."""

from __future__ import annotations

import datetime as dt

from workbench.models import Anchor
from workbench.text.attribution import find_attributions
from workbench.text.dates import find_dates
from workbench.text.names import drop_overlaps, find_names, find_titles
from workbench.text.numbers import find_numbers
from workbench.text.sentence import prepare


def find_anchors(text: str, *, published: dt.date | None = None) -> list[Anchor]:
    """Every anchor of the claim ``text``, sorted by position.

    Args:
        text: the claim as written (any script).
        published: the article's date; gives the year to a day and month written without one.

    Returns:
        Anchors of all kinds. Dates and weekdays win over numbers and names they overlap;
        titles over names; attributions may overlap names (a speaker is usually a name).
    """
    sentence = prepare(text)  # both search copies, made once for all the finders
    dates = find_dates(sentence, reference=published)
    numbers = find_numbers(sentence, skip=[(a.start, a.end) for a in dates])
    titled = drop_overlaps([*dates, *find_titles(sentence), *numbers, *find_names(sentence)])
    found = [*titled, *find_attributions(sentence)]
    return sorted(found, key=lambda a: (a.start, a.kind.value))


def anchor_summary(anchors: list[Anchor]) -> dict[str, list[str]]:
    """Anchor values grouped by kind, deduplicated in order: for exports and display."""
    summary: dict[str, list[str]] = {}
    for anchor in anchors:
        values = summary.setdefault(anchor.kind.value, [])
        shown = anchor.value or anchor.text
        if shown not in values:
            values.append(shown)
    return summary
