"""Numbers in one sentence: digits of any script, separators, percentages, scale words, and
spelled-out numerals in Arabic, Persian, Urdu, English, French, Turkish, German, Spanish,
Italian, Greek and Russian.

Matching runs on the folded copy of the sentence (:func:`workbench.text.patterns.fold_for_search`,
one character for one), so offsets point into the original text. The word tables are in
:mod:`workbench.text.number_words` (hand-written: no installed library reads these numerals).

Digit groups: ``1,000`` / ``١٬٠٠٠`` are thousands; ``2.5`` / ``٢٫٥`` are decimals; ``10.000``
and ``1.000.000`` (dot-separated groups of exactly three) are thousands too, unless a single
group is followed by a scale word (``1.500 مليار`` reads as 1.5 billion); ``2,5`` (not three
digits after the comma) is a decimal comma. ``1 500`` (a space, no-break space U+00A0 or narrow
no-break space U+202F, the same one between all groups) is 1500 when a head of one to three
digits is followed by groups of exactly three, and the digit run is nothing more: ``en 2023
15 morts``, ``06 123 456`` and ``+7 495 123 45 67`` keep their numbers apart.

Scale words follow digits in every language (``2 mila``, ``9 тысяч``, ``3 Millionen``, ``2
لاکھ`` = 200000, ``2 کروڑ`` = 20000000). Spelled numerals are read word by word per language and
combined (``بیست و پنج`` = 25, ``خمسة وعشرون`` = 25, ``quatre-vingt-dix`` = 90, ``one hundred
and five`` = 105, ``zweihundert``, ``veinticinco``); in Arabic, Persian, Urdu, Turkish and
Russian digit groups may stand among the words (``2 bin 53`` = 2053, ``یکهزار و ۲۳`` = 1023,
``1 млн 200 тыс.``). A point word reads a spelled decimal (``six point one``, ``altı virgül
bir``). Words that are mostly something else when alone (``یک``, ``un``, ``bir``, ``one``,
``نه``, articles) count only as part of a longer numeral (``یک هزار`` = 1000); words shared
with another language (Italian ``due``, Spanish ``once``) count alone only in a sentence with
common words of their own language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Context, Decimal, InvalidOperation

from workbench.models import Anchor, AnchorKind
from workbench.text.number_words import LEXICONS, PERCENT_AFTER, SCALES, Lexicon
from workbench.text.patterns import (
    GAP,
    LB,
    LB_CLITIC,
    LETTER,
    RB,
    alternation,
    name_regex,
    select_longest,
    table_key,
)
from workbench.text.sentence import Sentence, prepare

_DECIMAL = Context(prec=80)
# What may stand between groups of three digits: space, no-break space, narrow no-break space,
# thin space.
_GROUP_SPACE = "[ \u00a0\u202f\u2009]"

# ----------------------------------------------------------------------------- patterns

_SCALE_WORDS = {table_key(w): scale for scale, words in SCALES.items() for w in words}
_SCALE_RX = rf"(?:{alternation(w for ws in SCALES.values() for w in ws)}){RB}"
_SCALE_TOKEN = re.compile(_SCALE_RX)
_PERCENT = rf"(?P<pct>\s?[%٪]|{GAP}(?:{alternation(PERCENT_AFTER)}){RB})"


def _digits_regex(spaced: bool) -> re.Pattern[str]:
    # Every quantifier below is over a piece that cannot also match what follows it, so the
    # regex runs in linear time; the space-grouped branch never fails once it has its first
    # group (each group checks its own end), so it never re-scans a long digit run.
    spaced_branch = (
        rf"|(?P<spaced>[1-9][0-9]{{0,2}}(?P<sp>{_GROUP_SPACE})[0-9]{{3}}(?![0-9])"
        r"(?:(?P=sp)[0-9]{3}(?![0-9]))*)(?:,[0-9]+)?"
        if spaced
        else ""
    )
    return re.compile(
        r"(?<![0-9A-Za-z_])(?<![A-Za-z]-)(?<![0-9][.,])"
        rf"(?P<pre>(?:[%٪]|{LB}{name_regex('yüzde')}{RB})\s?)?"
        r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?"
        r"|[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?"
        rf"{spaced_branch}"
        r"|[0-9]+(?:[.,][0-9]+)?)"
        r"(?![0-9])"
        # One or two scale words: "6 هزار", "2 هزار میلیارد" (2 × 10^12).
        rf"(?:{GAP}(?P<scale>{_SCALE_RX}(?:{GAP}{_SCALE_RX})?))?"
        rf"{_PERCENT}?"
    )


_DIGITS_RE = _digits_regex(spaced=True)
_PLAIN_DIGITS_RE = _digits_regex(spaced=False)
# Groups of three after a leading "0" are decimals ("0.125").
_THOUSANDS_COMMA = re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_THOUSANDS_DOT = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_GROUP_SPACES = re.compile(_GROUP_SPACE)
# A short digit group right before a space-grouped number ("06 123 456"): a phone number.
_SHORT_GROUP_BEFORE = re.compile(rf"(?:^|[^0-9.,])[0-9]{{1,3}}{_GROUP_SPACE}\Z")
_GROUP_AFTER = re.compile(rf"{_GROUP_SPACE}[0-9]")


_DIGITS = "digits"
_POINT = "point"
_ZERO = "zero"
_WORD = "word"


def _token_regex(lexicon: Lexicon) -> re.Pattern[str]:
    spelled = (*(w for ws in lexicon.words.values() for w in ws), *lexicon.point, *lexicon.zero)
    # Strict ة: the Persian words مایه and سته are not مائة and ستة.
    words = alternation(spelled, loose_ta=False)
    before = LB_CLITIC if lexicon.clitics else LB
    pattern = rf"{before}(?P<w>{words}){RB}{lexicon.guard}"
    if lexicon.digits:
        # A group of one to three digits among the words: "2 bin 53", "یکهزار و ۲۳".
        pattern += r"|(?<![0-9A-Za-z_])(?<![0-9][.,])(?P<d>[1-9][0-9]{0,2})(?![0-9]|[.,][0-9])"
    return re.compile(pattern)


@dataclass(frozen=True)
class _Compiled:
    lexicon: Lexicon
    tokens: re.Pattern[str]
    sep: re.Pattern[str]
    values: dict[str, int]
    weak: frozenset[str]
    ambiguous: frozenset[str]
    cue: re.Pattern[str] | None
    strict: dict[str, frozenset[str]]
    points: frozenset[str]
    zeros: frozenset[str]


def _compile(lexicon: Lexicon) -> _Compiled:
    strict: dict[str, set[str]] = {}
    for word in lexicon.strict:
        strict.setdefault(table_key(word), set()).add(word.lower())
    cue = rf"(?<!{LETTER})(?:{lexicon.cue})(?!{LETTER})" if lexicon.cue else ""
    return _Compiled(
        lexicon=lexicon,
        tokens=_token_regex(lexicon),
        sep=re.compile(lexicon.sep),
        values={table_key(w): n for n, ws in lexicon.words.items() for w in ws},
        weak=frozenset(table_key(w) for w in lexicon.weak),
        ambiguous=frozenset(table_key(w) for w in lexicon.ambiguous),
        cue=re.compile(cue) if cue else None,
        strict={key: frozenset(spellings) for key, spellings in strict.items()},
        points=frozenset(table_key(w) for w in lexicon.point),
        zeros=frozenset(table_key(w) for w in lexicon.zero),
    )


_COMPILED = tuple(_compile(lex) for lex in LEXICONS)

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
    digits = _GROUP_SPACES.sub("", digits)
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


def _number_of(match: re.Match[str]) -> _Number | None:
    scale_word = match["scale"]
    value = _digits_value(match["num"], scale_word is not None)
    if value is None:  # pragma: no cover - the regex only lets digits through
        return None
    for scale in _SCALE_TOKEN.finditer(scale_word or ""):
        factor = Decimal(_SCALE_WORDS.get(table_key(scale.group()), 1))
        value = _DECIMAL.multiply(value, factor)
    detail = "percent" if match["pre"] or match["pct"] else ""
    return _Number(match.start(), match.end(), format_decimal(value), detail)


def _grouping_stands(folded: str, match: re.Match[str]) -> bool:
    """Whether a space-grouped number (``1 500``) is one number: not a piece of a longer run
    of digit groups (a phone number, ``+7 495 123 45 67``)."""
    start, end = match.span("num")
    if start and folded[start - 1] == "+":
        return False
    if _SHORT_GROUP_BEFORE.search(folded[max(0, start - 6) : start]):
        return False
    return _GROUP_AFTER.match(folded, end) is None


def _digit_numbers(folded: str) -> Iterator[_Number]:
    for match in _DIGITS_RE.finditer(folded):
        if match["spaced"]:
            # The groups one by one too: when a date takes the first group ("May 5 100"), the
            # rest still counts; otherwise the longer reading wins.
            for piece in _PLAIN_DIGITS_RE.finditer(folded, match.start(), match.end()):
                if (number := _number_of(piece)) is not None:
                    yield number
            if not _grouping_stands(folded, match):
                continue
        if (number := _number_of(match)) is not None:
            yield number


# ----------------------------------------------------------------------------- spelled


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    kind: str
    key: str = ""
    value: int = 0


@dataclass(frozen=True)
class _Run:
    """A spelled numeral being read: ``total`` is what bigger scales closed, ``current``
    the part below the last scale word, ``big`` the last scale word used (0: none).
    ``lead_digits``: it began with digits ("2 bin"); ``last_digits``: its last token was
    digits; ``zero``: it is a zero word, waiting for a point; ``point``: the end of a point
    word read after it; ``fraction``: the digits read after the point; ``scaled``: a scale word
    after the fraction ("two point five million")."""

    start: int
    end: int
    total: int = 0
    current: int = 0
    big: int = 0
    words: tuple[str, ...] = ()
    lead_digits: bool = False
    last_digits: bool = False
    zero: bool = False
    point: int = 0
    fraction: str = ""
    scaled: int = 0


def _add_scale(run: _Run, value: int) -> tuple[int, int, int] | None:
    if run.big and value >= run.big:
        # "هزار میلیارد" (a thousand billion): a bigger scale right after a smaller one.
        if value > run.big and value in SCALES and run.current == 0:
            return run.total * value, 0, value
        return None
    if value in SCALES:
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


def _finish(run: _Run, compiled: _Compiled, has_cue: Callable[[], bool]) -> Iterator[_Number]:
    if not run.words or (run.zero and not run.fraction):
        return
    if len(run.words) == 1 and not run.lead_digits:
        word = run.words[0]
        if word in compiled.weak or (word in compiled.ambiguous and not has_cue()):
            return
    value = Decimal(run.total + run.current)
    if run.fraction:
        value += Decimal(f"0.{run.fraction}")
        if run.scaled:
            value = _DECIMAL.multiply(value, Decimal(run.scaled))
    yield _Number(run.start, run.end, format_decimal(value))


def _token(match: re.Match[str], compiled: _Compiled, text: str) -> _Token | None:
    start, end = match.span()
    digits = match.groupdict().get("d")
    if digits:
        return _Token(start, end, _DIGITS, value=int(digits))
    key = table_key(match["w"])
    spellings = compiled.strict.get(key)
    if spellings is not None and text[start:end].lower() not in spellings:
        return None  # "très" is no Spanish tres
    if key in compiled.points:
        return _Token(start, end, _POINT, key)
    if key in compiled.zeros:
        return _Token(start, end, _ZERO, key)
    return _Token(start, end, _WORD, key, compiled.values.get(key, 0))


def _extend_fraction(run: _Run, token: _Token) -> _Run | None:
    """``run`` (which has read a point word) with ``token`` read next: a digit of the
    fraction, or one scale word after it."""
    if run.scaled:
        return None
    words = (*run.words, token.key)
    if token.kind in (_WORD, _ZERO) and token.value < 10:
        return replace(run, end=token.end, fraction=run.fraction + str(token.value), words=words)
    if token.kind == _WORD and token.value in SCALES and run.fraction:
        return replace(run, end=token.end, scaled=token.value, words=words)
    return None


def _extend(run: _Run | None, token: _Token, compiled: _Compiled, folded: str) -> _Run | None:
    """``run`` with ``token`` read next, or None when the token starts a new run."""
    if run is None or not compiled.sep.fullmatch(folded[max(run.end, run.point) : token.start]):
        return None
    if run.point:
        return _extend_fraction(run, token)
    if token.kind == _POINT:
        # Only after a spelled number below a thousand: "six point one", not "2 point" nor
        # a lone weak "one" ("at one point two men"; "altı virgül bir" is 6.1).
        lone_one = len(run.words) == 1 and run.words[0] in compiled.weak and run.current == 1
        ok = run.words and not lone_one and not run.big and not run.lead_digits
        return replace(run, point=token.end) if ok else None
    if token.kind == _ZERO or run.zero:
        return None
    if token.kind == _DIGITS:
        # Digits only right after a scale word: "2 bin 53", "هزار و ۲۳".
        if run.current or not run.big or run.last_digits:
            return None
        return replace(run, end=token.end, current=token.value, last_digits=True)
    if run.last_digits and token.value < 1000:
        return None
    step = _combine(run, token.value, compiled.lexicon.units_first)
    if step is None:
        return None
    total, current, big = step
    return replace(
        run,
        end=token.end,
        total=total,
        current=current,
        big=big,
        words=(*run.words, token.key),
        last_digits=False,
    )


def _begin(token: _Token) -> _Run | None:
    if token.kind == _POINT:
        return None
    if token.kind == _DIGITS:
        return _Run(token.start, token.end, current=token.value, lead_digits=True, last_digits=True)
    if token.kind == _ZERO:
        return _Run(token.start, token.end, words=(token.key,), zero=True)
    step = _combine(_Run(0, 0), token.value, False) or (0, token.value, 0)
    return _Run(token.start, token.end, *step, words=(token.key,))


def _spelled_numbers(compiled: _Compiled, folded: str, text: str) -> Iterator[_Number]:
    cue: list[bool] = []

    def has_cue() -> bool:
        if not cue:
            cue.append(compiled.cue is not None and compiled.cue.search(folded) is not None)
        return cue[0]

    run: _Run | None = None
    for match in compiled.tokens.finditer(folded):
        token = _token(match, compiled, text)
        if token is None:
            continue
        extended = _extend(run, token, compiled, folded)
        if extended is None:
            if run is not None:
                yield from _finish(run, compiled, has_cue)
            extended = _begin(token)
        run = extended
    if run is not None:
        yield from _finish(run, compiled, has_cue)


# ----------------------------------------------------------------------------- public


def _overlaps(number: _Number, spans: Sequence[tuple[int, int]]) -> bool:
    return any(number.start < end and start < number.end for start, end in spans)


_PERSIAN_LETTERS = re.compile("[پچژگ]")
# Letters Urdu writes and Persian and Arabic do not (ھ left out: some Arabic text uses it).
_URDU_LETTERS = re.compile("[ٹڈڑںےۓہ]")
_SCRIPTS = {
    "latin": re.compile("[a-z]"),
    "greek": re.compile("[\u0370-\u03ff]"),
    "cyrillic": re.compile("[\u0400-\u04ff]"),
    "arabic script": re.compile("[\u0600-\u06ff]"),
}


def _lexicons_for(text: str, folded: str) -> tuple[_Compiled, ...]:
    """The lexicons of the scripts ``text`` is written in. In Arabic script: Urdu alone in a
    sentence with letters only Urdu writes; else Arabic and Persian, less Arabic words in a
    sentence that is plainly Persian (it has پ چ ژ گ and no ة) and Persian words in one that is
    plainly Arabic (ة and none of those): the two share spellings with other meanings ("ستون"
    is sixty in Arabic, a column in Persian; "نود" is ninety in Persian, "we wish" in
    Arabic)."""
    scripts = {name for name, letters in _SCRIPTS.items() if letters.search(folded)}
    if "arabic script" in scripts:
        if _URDU_LETTERS.search(text):
            scripts.add("urdu")
        else:
            persian = _PERSIAN_LETTERS.search(text) is not None
            arabic = "ة" in text
            if not (persian and not arabic):
                scripts.add("arabic")
            if not (arabic and not persian):
                scripts.add("persian")
    return tuple(c for c in _COMPILED if c.lexicon.script in scripts)


def find_numbers(text: str | Sentence, *, skip: Sequence[tuple[int, int]] = ()) -> list[Anchor]:
    """Find the numbers of one sentence.

    Args:
        text: the sentence, in its original script (or already :func:`prepare`-d).
        skip: ``(start, end)`` spans already taken (dates): numbers overlapping them are
            left out.

    Returns:
        Anchors of kind ``number``, sorted by start and not overlapping. ``value`` is a plain
        decimal string (``"1000"``, ``"2.5"``, ``"1500000000"`` for ``1.5 مليار``);
        ``detail`` is ``"percent"`` for percentages, else empty. Never raises.

    Example:
        >>> [a.value for a in find_numbers("منهية 61 عاما، و53 سنة")]
        ['61', '53']
        >>> [a.value for a in find_numbers("2 bin 53 kişi, 1 500 décès, 2 mila persone")]
        ['2053', '1500', '2000']
    """
    sentence = prepare(text)
    text, folded = sentence.text, sentence.folded
    numbers = list(_digit_numbers(folded))
    for compiled in _lexicons_for(text, folded):
        numbers.extend(_spelled_numbers(compiled, folded, text))
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
