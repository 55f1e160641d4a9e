"""Hostile input shapes, shared by the tests (each must ingest in time linear in its size)
and ``bench/bench_hostile.py`` (ingest MB/s for each).

Text shapes are article bodies that once cost the square of their length (a run of dots, many
short quotations, page-chrome look-alikes) or stress one part of claim building (digits,
dates, bidi controls, lines). Each function returns a text of about ``size`` characters.
"""

from __future__ import annotations

from collections.abc import Callable


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


TEXT_SHAPES: dict[str, Callable[[int], str]] = {
    "dots": lambda n: "Word " + "." * n,
    "dots then a letter": lambda n: "Word " + "." * n + "x",
    "short quoted sentences": lambda n: _repeat('"A b c." ', n),
    "unmatched quotes": lambda n: '"' + _repeat("a b. ", n),
    "guillemets": lambda n: _repeat("«", n) + " a b c.",
    "abbreviations": lambda n: _repeat("Dr. ", n),
    "initials": lambda n: _repeat("J. ", n),
    "spaces": lambda n: "a" + " " * n + "b. c d e.",
    "one long word": lambda n: "a" * n,
    "digits": lambda n: "1" * n + " people",
    "grouped digits": lambda n: "1" + _repeat(",000", n) + " people",
    "decimal points": lambda n: _repeat("1.", n) + " people",
    "dates": lambda n: _repeat("On 2025-01-01 and 1404/01/01 ", n),
    "number words": lambda n: _repeat("twenty five hundred thousand ", n),
    "arabic words": lambda n: _repeat("قال المتحدث باسم الوزارة ", n),
    "attribution": lambda n: _repeat("به گزارش خبرگزاری به نقل از ", n),
    "according to": lambda n: _repeat("according to a source citing ", n),
    "bidi controls": lambda n: _repeat("\u202e\u200f", n) + " a b c.",
    "combining marks": lambda n: "a" + "\u0301" * n + " b c.",
    "site icon look-alike": lambda n: "Site icon " + " " * n + "x",
    "date line look-alike": lambda n: "date" + " " * n + "x",
    "tag line look-alike": lambda n: "Tags: " + _repeat("a, ", n),
    "many short lines": lambda n: _repeat("A b c.\n", n),
    "blank lines": lambda n: "A b c.\n" + "\n" * n + "D e f.",
    "carriage returns": lambda n: _repeat("A b c.\r", n),
    "capitalised names": lambda n: _repeat("Ali Reza Khan ", n),
}


def deep_json(depth: int) -> str:
    """A JSON value nested ``depth`` arrays deep."""
    return "[" * depth + "]" * depth
