"""Numbers in one sentence: digits of any script, separators, percentages, scale words, and
spelled-out numerals in Arabic, Persian, English, French and Turkish.

Matching runs on the folded copy of the sentence (:func:`workbench.text.dates.fold_for_search`,
one character for one), so offsets point into the original text.

Digit groups: ``1,000`` / ``١٬٠٠٠`` are thousands; ``2.5`` / ``٢٫٥`` are decimals; ``10.000``
and ``1.000.000`` (dot-separated groups of exactly three) are thousands too, unless a single
group is followed by a scale word (``1.500 مليار`` reads as 1.5 billion); ``2,5`` (not three
digits after the comma) is a decimal comma.

Spelled numerals are read word by word per language and combined (``بیست و پنج`` = 25,
``خمسة وعشرون`` = 25, ``quatre-vingt-dix`` = 90, ``one hundred and five`` = 105); words that
are mostly something else when alone (``یک``, ``un``, ``bir``, ``one``, ``نه``) count only as
part of a longer numeral (``یک هزار`` = 1000).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation

from workbench.models import Anchor, AnchorKind
from workbench.text.dates import (
    alternation,
    fold_for_search,
    name_regex,
    select_longest,
    table_key,
)

_LETTER = r"[^\W\d_]"
_LB = rf"(?<!{_LETTER}|\u200c)"
_RB = rf"(?!{_LETTER}|\u200c)"
_LB_CLITIC = rf"(?:{_LB}|(?<=^[وفبل])|(?<=[^\w\u200c][وفبل]))"
_GAP = r"[\s\u200c]*"
_DECIMAL = Context(prec=80)

# ----------------------------------------------------------------------------- tables

# Scale words after digits: "6 هزار", "3 ملايين", "1.5 مليار", "2 million", "5 bin".
_SCALES: dict[int, tuple[str, ...]] = {
    1000: ("ألف", "آلاف", "ألفا", "هزار", "thousand", "thousands", "mille", "bin"),
    10**6: ("مليون", "ملايين", "مليونا", "میلیون", "million", "millions", "milyon", "mn"),
    10**9: (
        *("مليار", "مليارات", "بليون", "میلیارد"),
        *("billion", "billions", "milliard"),
        *("milliards", "milyar", "bn"),
    ),
    10**12: ("تريليون", "تریلیون", "trillion", "trillions", "trilyon"),
}
_PERCENT_AFTER = (
    *("درصد", "بالمئة", "بالمائة", "في المئة", "في المائة"),
    *("percent", "per cent", "pour cent", "pour-cent"),
)


@dataclass(frozen=True)
class _Lexicon:
    """Number words of one language; ``sep`` is what may stand between two words of a
    numeral; ``weak`` words count only inside a longer numeral; ``units_first`` allows
    "five and twenty" (Arabic ``خمسة وعشرون``)."""

    words: dict[int, tuple[str, ...]]
    sep: str
    weak: tuple[str, ...] = ()
    units_first: bool = False
    clitics: bool = False
    guard: str = ""
    script: str = ""


_AR = _Lexicon(
    words={
        1: ("واحد", "واحدة", "أحد"),
        2: ("اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني"),
        3: ("ثلاثة", "ثلاث"),
        4: ("أربعة", "أربع"),
        5: ("خمسة", "خمس"),
        6: ("ستة", "ست"),
        7: ("سبعة", "سبع"),
        8: ("ثمانية", "ثماني", "ثمان"),
        9: ("تسعة", "تسع"),
        10: ("عشرة", "عشر"),
        20: ("عشرون", "عشرين"),
        30: ("ثلاثون", "ثلاثين"),
        40: ("أربعون", "أربعين"),
        50: ("خمسون", "خمسين"),
        60: ("ستون", "ستين"),
        70: ("سبعون", "سبعين"),
        80: ("ثمانون", "ثمانين"),
        90: ("تسعون", "تسعين"),
        100: ("مائة", "مئة"),
        200: ("مئتان", "مائتان", "مئتين", "مائتين"),
        300: ("ثلاثمائة", "ثلاثمئة"),
        400: ("أربعمائة", "أربعمئة"),
        500: ("خمسمائة", "خمسمئة"),
        600: ("ستمائة", "ستمئة"),
        700: ("سبعمائة", "سبعمئة"),
        800: ("ثمانمائة", "ثمانمئة", "ثمانيمائة"),
        900: ("تسعمائة", "تسعمئة"),
        1000: ("ألف", "آلاف", "ألفا"),
        2000: ("ألفان", "ألفين"),
        10**6: ("مليون", "ملايين", "مليونا"),
        10**9: ("مليار", "مليارات", "بليون"),
        10**12: ("تريليون",),
    },
    sep=r"[\s\u200c]+(?:و[\s\u200c]*)?",
    weak=(
        # "التاسع عشر" (nineteenth): a bare عشر is most often the end of an ordinal.
        *("أحد", "واحد", "واحدة", "ست", "سبع", "تسع", "ثمان", "اثنا", "اثني", "عشر"),
        *("آلاف", "ملايين", "مليارات"),
    ),
    units_first=True,
    clitics=True,
    # "الف)" is a list marker (the letter alef), not a thousand.
    guard=r"(?!(?<=الف)\s*\))",
    script="arabic",
)
_FA = _Lexicon(
    words={
        1: ("یک",),
        2: ("دو",),
        3: ("سه",),
        4: ("چهار",),
        5: ("پنج",),
        6: ("شش", "شیش"),
        7: ("هفت",),
        8: ("هشت",),
        9: ("نه",),
        10: ("ده",),
        11: ("یازده",),
        12: ("دوازده",),
        13: ("سیزده",),
        14: ("چهارده",),
        15: ("پانزده", "پونزده"),
        16: ("شانزده",),
        17: ("هفده", "هفتده"),
        18: ("هجده", "هیجده", "هژده"),
        19: ("نوزده",),
        20: ("بیست",),
        30: ("سی",),
        40: ("چهل",),
        50: ("پنجاه",),
        60: ("شصت",),
        70: ("هفتاد",),
        80: ("هشتاد",),
        90: ("نود",),
        100: ("صد", "یکصد"),
        200: ("دویست",),
        300: ("سیصد",),
        400: ("چهارصد",),
        500: ("پانصد",),
        600: ("ششصد",),
        700: ("هفتصد",),
        800: ("هشتصد",),
        900: ("نهصد",),
        1000: ("هزار",),
        10**6: ("میلیون",),
        10**9: ("میلیارد",),
        10**12: ("تریلیون",),
    },
    sep=r"[\s\u200c]*و[\s\u200c]*|[\s\u200c]+",
    # "صدها میلیون" (hundreds of millions): a bare میلیون is no number.
    weak=("یک", "نه", "سی", "میلیون", "میلیارد", "تریلیون"),
    # "پنج شنبه" is Thursday, not five.
    guard=rf"(?!{_GAP}شنبه)",
    script="persian",
)
_EN = _Lexicon(
    words={
        1: ("one",),
        2: ("two",),
        3: ("three",),
        4: ("four",),
        5: ("five",),
        6: ("six",),
        7: ("seven",),
        8: ("eight",),
        9: ("nine",),
        10: ("ten",),
        11: ("eleven",),
        12: ("twelve",),
        13: ("thirteen",),
        14: ("fourteen",),
        15: ("fifteen",),
        16: ("sixteen",),
        17: ("seventeen",),
        18: ("eighteen",),
        19: ("nineteen",),
        20: ("twenty",),
        30: ("thirty",),
        40: ("forty",),
        50: ("fifty",),
        60: ("sixty",),
        70: ("seventy",),
        80: ("eighty",),
        90: ("ninety",),
        100: ("hundred",),
        1000: ("thousand",),
        10**6: ("million",),
        10**9: ("billion",),
        10**12: ("trillion",),
    },
    sep=r"[\s-]+(?:and[\s-]+)?",
    weak=("one",),
)
_FR = _Lexicon(
    words={
        1: ("un", "une"),
        2: ("deux",),
        3: ("trois",),
        4: ("quatre",),
        5: ("cinq",),
        6: ("six",),
        7: ("sept",),
        8: ("huit",),
        9: ("neuf",),
        10: ("dix",),
        11: ("onze",),
        12: ("douze",),
        13: ("treize",),
        14: ("quatorze",),
        15: ("quinze",),
        16: ("seize",),
        20: ("vingt", "vingts"),
        30: ("trente",),
        40: ("quarante",),
        50: ("cinquante",),
        60: ("soixante",),
        80: ("quatre-vingt", "quatre-vingts"),
        100: ("cent", "cents"),
        1000: ("mille",),
        10**6: ("million", "millions"),
        10**9: ("milliard", "milliards"),
    },
    sep=r"[\s-]+(?:et[\s-]+)?",
    weak=("un", "une", "neuf", "cent", "sept"),
)
_TR = _Lexicon(
    words={
        1: ("bir",),
        2: ("iki",),
        3: ("üç",),
        4: ("dört",),
        5: ("beş",),
        6: ("altı",),
        7: ("yedi",),
        8: ("sekiz",),
        9: ("dokuz",),
        10: ("on",),
        20: ("yirmi",),
        30: ("otuz",),
        40: ("kırk",),
        50: ("elli",),
        60: ("altmış",),
        70: ("yetmiş",),
        80: ("seksen",),
        90: ("doksan",),
        100: ("yüz",),
        1000: ("bin",),
        10**6: ("milyon",),
        10**9: ("milyar",),
        10**12: ("trilyon",),
    },
    sep=r"\s+",
    weak=("bir", "on", "yüz", "bin", "altı", "yedi"),
)
_LEXICONS = (_AR, _FA, _EN, _FR, _TR)

# ----------------------------------------------------------------------------- patterns

_SCALE_WORDS = {table_key(w): scale for scale, words in _SCALES.items() for w in words}
_SCALE_RX = rf"(?:{alternation(w for ws in _SCALES.values() for w in ws)}){_RB}"
_SCALE_TOKEN = re.compile(_SCALE_RX)
_PERCENT = rf"(?P<pct>\s?[%٪]|{_GAP}(?:{alternation(_PERCENT_AFTER)}){_RB})"
_DIGITS_RE = re.compile(
    r"(?<![0-9A-Za-z_])(?<![A-Za-z]-)(?<![0-9][.,])"
    rf"(?P<pre>(?:[%٪]|{_LB}{name_regex('yüzde')}{_RB})\s?)?"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"
    r"|[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?"
    r"|[0-9]+(?:[.,][0-9]+)?)"
    r"(?![0-9])"
    # One or two scale words: "6 هزار", "2 هزار میلیارد" (2 × 10^12).
    rf"(?:{_GAP}(?P<scale>{_SCALE_RX}(?:{_GAP}{_SCALE_RX})?))?"
    rf"{_PERCENT}?"
)
# Groups of three after a leading "0" are decimals ("0.125").
_THOUSANDS_COMMA = re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_THOUSANDS_DOT = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?")


def _token_regex(lexicon: _Lexicon) -> re.Pattern[str]:
    # Strict ة: the Persian words مایه and سته are not مائة and ستة.
    words = alternation((w for ws in lexicon.words.values() for w in ws), loose_ta=False)
    before = _LB_CLITIC if lexicon.clitics else _LB
    return re.compile(rf"{before}(?P<w>{words}){_RB}{lexicon.guard}")


@dataclass(frozen=True)
class _Compiled:
    lexicon: _Lexicon
    tokens: re.Pattern[str]
    sep: re.Pattern[str]
    values: dict[str, int]
    weak: frozenset[str]


_COMPILED = tuple(
    _Compiled(
        lexicon=lex,
        tokens=_token_regex(lex),
        sep=re.compile(lex.sep),
        values={table_key(w): n for n, ws in lex.words.items() for w in ws},
        weak=frozenset(table_key(w) for w in lex.weak),
    )
    for lex in _LEXICONS
)

# ----------------------------------------------------------------------------- values


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: str
    detail: str = ""


def format_decimal(value: Decimal) -> str:
    """A plain decimal string: no exponent, no separators, no trailing zeros (``"2.5"``)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _digits_value(digits: str, scaled: bool) -> Decimal | None:
    if _THOUSANDS_COMMA.fullmatch(digits):
        plain = digits.replace(",", "")
    elif _THOUSANDS_DOT.fullmatch(digits) and not (scaled and digits.count(".") == 1):
        plain = digits.replace(".", "").replace(",", ".")
    else:
        plain = digits.replace(",", ".")
    try:
        return Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        return None


def _digit_numbers(folded: str) -> Iterator[_Number]:
    for match in _DIGITS_RE.finditer(folded):
        scale_word = match["scale"]
        value = _digits_value(match["num"], scale_word is not None)
        if value is None:
            continue
        for scale in _SCALE_TOKEN.finditer(scale_word or ""):
            factor = Decimal(_SCALE_WORDS.get(table_key(scale.group()), 1))
            value = _DECIMAL.multiply(value, factor)
        detail = "percent" if match["pre"] or match["pct"] else ""
        yield _Number(match.start(), match.end(), format_decimal(value), detail)


# ----------------------------------------------------------------------------- spelled


@dataclass(frozen=True)
class _Run:
    """A spelled numeral being read: ``total`` is what bigger scales closed, ``current``
    the part below the last scale word, ``big`` the last scale word used (0: none)."""

    start: int
    end: int
    total: int = 0
    current: int = 0
    big: int = 0
    words: tuple[str, ...] = ()


def _add_scale(run: _Run, value: int) -> tuple[int, int, int] | None:
    if run.big and value >= run.big:
        # "هزار میلیارد" (a thousand billion): a bigger scale right after a smaller one.
        if value > run.big and value in _SCALES and run.current == 0:
            return run.total * value, 0, value
        return None
    if value in _SCALES:
        return run.total + (run.current or 1) * value, 0, value
    # "ألفين" (2000): a whole number on its own, only at the start of its group.
    return (run.total + value, 0, value) if run.current == 0 else None


def _add_small(run: _Run, value: int, units_first: bool) -> tuple[int, int, int] | None:
    small = run.current % 100
    if small == 0:
        return run.total, run.current + value, run.big
    tens_then_unit = small % 10 == 0 and value < 20 and small + value < 100
    if tens_then_unit and not (small < 20 and value >= 10):
        return run.total, run.current + value, run.big
    if units_first and small < 10 and value % 10 == 0 and small + value < 100:
        return run.total, run.current + value, run.big
    return None


def _combine(run: _Run, value: int, units_first: bool) -> tuple[int, int, int] | None:
    """The run's (total, current, big) with ``value`` read next, or None when it does not fit
    ("two three", "twenty thirty")."""
    if value >= 1000:
        return _add_scale(run, value)
    if value == 100:
        ok = run.current < 10
        return (run.total, (run.current or 1) * 100, run.big) if ok else None
    if value % 100 == 0:
        return (run.total, value, run.big) if run.current == 0 else None
    return _add_small(run, value, units_first)


def _finish(run: _Run, weak: frozenset[str]) -> Iterator[_Number]:
    if len(run.words) == 1 and run.words[0] in weak:
        return
    yield _Number(run.start, run.end, str(run.total + run.current))


def _extend(
    run: _Run | None, match: re.Match[str], compiled: _Compiled, folded: str
) -> _Run | None:
    """``run`` with the word of ``match`` read next, or None when the word starts a new run."""
    word = table_key(match["w"])
    value = compiled.values.get(word)
    if run is None or value is None or not compiled.sep.fullmatch(folded[run.end : match.start()]):
        return None
    step = _combine(run, value, compiled.lexicon.units_first)
    if step is None:
        return None
    return _Run(run.start, match.end(), *step, words=(*run.words, word))


def _begin(match: re.Match[str], compiled: _Compiled) -> _Run:
    word = table_key(match["w"])
    value = compiled.values.get(word, 0)
    step = _combine(_Run(0, 0), value, False) or (0, value, 0)
    return _Run(match.start(), match.end(), *step, words=(word,))


def _spelled_numbers(compiled: _Compiled, folded: str) -> Iterator[_Number]:
    run: _Run | None = None
    for match in compiled.tokens.finditer(folded):
        extended = _extend(run, match, compiled, folded)
        if extended is None:
            if run is not None:
                yield from _finish(run, compiled.weak)
            extended = _begin(match, compiled)
        run = extended
    if run is not None:
        yield from _finish(run, compiled.weak)


# ----------------------------------------------------------------------------- public


def _overlaps(number: _Number, spans: Sequence[tuple[int, int]]) -> bool:
    return any(number.start < end and start < number.end for start, end in spans)


_PERSIAN_LETTERS = re.compile("[پچژگ]")


def _lexicons_for(text: str) -> tuple[_Compiled, ...]:
    """All lexicons, less Arabic words in a sentence that is plainly Persian (it has پ چ ژ گ
    and no ة) and Persian words in one that is plainly Arabic (ة and none of those): the
    two share spellings with other meanings ("ستون" is sixty in Arabic, a column in Persian;
    "نود" is ninety in Persian, "we wish" in Arabic)."""
    persian = _PERSIAN_LETTERS.search(text) is not None
    arabic = "ة" in text
    drop = "arabic" if persian and not arabic else "persian" if arabic and not persian else ""
    return tuple(c for c in _COMPILED if not drop or c.lexicon.script != drop)


def find_numbers(text: str, *, skip: Sequence[tuple[int, int]] = ()) -> list[Anchor]:
    """Find the numbers of one sentence.

    Args:
        text: the sentence, in its original script.
        skip: ``(start, end)`` spans already taken (dates): numbers overlapping them are
            left out.

    Returns:
        Anchors of kind ``number``, sorted by start and not overlapping. ``value`` is a plain
        decimal string (``"1000"``, ``"2.5"``, ``"1500000000"`` for ``1.5 مليار``);
        ``detail`` is ``"percent"`` for percentages, else empty. Never raises.

    Example:
        >>> [a.value for a in find_numbers("منهية 61 عاما، و53 سنة")]
        ['61', '53']
    """
    folded = fold_for_search(text)
    numbers = list(_digit_numbers(folded))
    for compiled in _lexicons_for(text):
        numbers.extend(_spelled_numbers(compiled, folded))
    kept = [n for n in numbers if not _overlaps(n, skip)]
    return [
        Anchor(
            kind=AnchorKind.NUMBER,
            text=text[n.start : n.end],
            value=n.value,
            start=n.start,
            end=n.end,
            detail=n.detail,
        )
        for n in select_longest(kept)
    ]
