"""Hostile input shapes, shared by the tests (each must ingest in time linear in its size)
and ``bench/bench_hostile.py`` (ingest MB/s for each).

Text shapes are article bodies that once cost the square of their length (a run of dots, many
short quotations, page-chrome look-alikes) or stress one part of claim building (digits,
dates, bidi controls, lines). Each function returns a text of about ``size`` characters.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable
from pathlib import Path


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


#: JSON Lines that no reader may let cost another line (each is one rejection).
BAD_JSONL_LINES: dict[str, str] = {
    "a 6,000-digit number": '{"text": ' + "9" * 6000 + "}",
    "nested 100,000 deep": '{"text": ' + deep_json(100_000) + "}",
    "NaN": '{"source": "S", "text": NaN}',
    "1e999": '{"source": "S", "text": 1e999}',
    "a raw NUL byte": '{"source": "S", "text": "a\x00b"}',
    "paragraphs nested in lists": '{"source": "S", "text": [[["a b c"]]]}',
}


def _good_line(key: str) -> str:
    text = f"The minister opened the new dam on Monday. Record {key} of many."
    return json.dumps({"id": key, "source": "Harbor Post", "text": text})


def hostile_folder(root: Path, *, shape_chars: int, html_nesting: int) -> tuple[set[str], int]:
    """Write a folder of every hostile input beside good records into ``root``.

    Returns the ids of the good records (each must be stored) and the number of bad inputs
    (each must be named once, as a rejection or a skipped file).
    """
    root.mkdir(parents=True, exist_ok=True)
    good: set[str] = set()
    bad = 0
    for i, line in enumerate(BAD_JSONL_LINES.values()):
        before, after = f"jsonl{i}a", f"jsonl{i}b"
        text = "\n".join([_good_line(before), line, _good_line(after)]) + "\n"
        (root / f"lines{i}.jsonl").write_text(text, encoding="utf-8")
        good |= {before, after}
        bad += 1
    for i, data in enumerate((deep_json(100_000), '{"text": ' + "9" * 6000 + "}", "[NaN]")):
        (root / f"bad{i}.json").write_text(data, encoding="utf-8")
        bad += 1
    rows = [
        ["id", "source", "text"],
        ["big", "S", "word " * 40_000],
        ["csv1", "S", "A first good row of text."],
    ]
    rows += [["csv2", "S", "Another good row of text, after a big cell."]]
    with (root / "big-cell.csv").open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(rows)
    good |= {"big", "csv1", "csv2"}
    (root / "cr-only.csv").write_bytes(b"id,source,text\rcr1,S,Text of a row.\r")
    good.add("cr1")
    shapes = [
        json.dumps({"id": f"shape{i}", "source": f"Outlet {i}", "text": make(shape_chars)})
        for i, make in enumerate(TEXT_SHAPES.values())
    ]
    (root / "shapes.jsonl").write_text("\n".join(shapes) + "\n", encoding="utf-8")
    good |= {f"shape{i}" for i in range(len(TEXT_SHAPES))}
    page = "<html><body>" + "<div>" * html_nesting + "<p>The talks ended.</p>"
    (root / "deep.html").write_text(page + "</div>" * html_nesting, encoding="utf-8")
    bad += 1  # a record or one reason: counted as bad, either is accepted
    os.mkfifo(root / "pipe.jsonl")
    bad += 1
    (root / "red\x1b[31m\nname.jsonl").write_text("not json\n", encoding="utf-8")
    bad += 1
    return good, bad
