"""Number words per language, for :mod:`workbench.text.numbers`.

All of this data is hand-written (no installed library reads spelled numerals in these
languages): scale words that follow digits, percent words, and one :class:`Lexicon` per
language for spelled numerals (Arabic, Persian, English, French, Turkish, German, Spanish,
Italian, Greek, Russian, Urdu). Words are written as a reader of the language writes them,
accents included; they are folded like the searched text when the patterns are built, so
``fünf`` also matches ``funf`` and ``FÜNF``. Compound words (German ``einundzwanzig``,
Italian ``ventotto``) are generated from their parts below.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    """Number words of one language.

    ``sep`` is what may stand between two words of a numeral. ``weak`` words count only as part
    of a longer numeral ("one", "un", articles); ``ambiguous`` words count alone only in a
    sentence where the ``cue`` regex (common words of the language, on the folded text) finds
    something (Italian ``due`` is English "due"). ``strict`` spellings must be written exactly
    so, accents included (Spanish ``tres`` is not French ``très``). ``units_first`` allows "five
    and twenty" (Arabic ``خمسة وعشرون``). ``digits``: digit groups may stand for a word, as in
    ``2 bin 53`` or ``یکهزار و ۲۳``. ``point`` words read a spelled decimal ("six point one"),
    ``zero`` words count only there. ``script`` decides in which sentences the lexicon runs.
    """

    words: dict[int, tuple[str, ...]]
    sep: str
    script: str
    weak: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    cue: str = ""
    strict: tuple[str, ...] = ()
    units_first: bool = False
    clitics: bool = False
    guard: str = ""
    digits: bool = False
    point: tuple[str, ...] = ()
    zero: tuple[str, ...] = ()


def _compounds(
    tens: dict[int, str], units: dict[int, str], join: str = "", elide: str = ""
) -> dict[int, tuple[str, ...]]:
    """Tens-and-units words written as one word: German ``unit + join + tens``
    ("einundzwanzig"); Italian (``join`` empty, ``elide`` the units starting with a vowel)
    ``tens + unit`` with the tens' last vowel dropped before ``elide`` ("ventotto")."""
    table: dict[int, tuple[str, ...]] = {}
    for ten, ten_word in tens.items():
        for unit, unit_word in units.items():
            if join:
                word = f"{unit_word}{join}{ten_word}"
            else:
                stem = ten_word[:-1] if unit_word[0] in elide else ten_word
                word = f"{stem}{unit_word}"
            table[ten + unit] = (*table.get(ten + unit, ()), word)
    return table


def _merge(*tables: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    merged: dict[int, tuple[str, ...]] = {}
    for table in tables:
        for value, words in table.items():
            merged[value] = (*merged.get(value, ()), *words)
    return merged


def _greek_sigma(words: Iterable[str]) -> tuple[str, ...]:
    """Greek words with a final ς also as written in capitals and lower-cased (final σ)."""
    out: list[str] = []
    for word in words:
        out.append(word)
        if word.endswith("ς"):
            out.append(word[:-1] + "σ")
    return tuple(out)


def _urdu_heh(words: Iterable[str]) -> tuple[str, ...]:
    """Urdu words also as typed with the Arabic ه for ہ and ھ."""
    out: list[str] = []
    for word in words:
        out.append(word)
        variant = word.replace("ہ", "ه").replace("ھ", "ه")
        if variant != word:
            out.append(variant)
    return tuple(out)


# ----------------------------------------------------------------------------- after digits

# Scale words after digits: "6 هزار", "3 ملايين", "1.5 مليار", "2 million", "5 bin", "2 mila".
SCALES: dict[int, tuple[str, ...]] = {
    1000: (
        *("ألف", "آلاف", "ألفا", "هزار", "ہزار", "thousand", "thousands", "mille", "bin"),
        *("tausend", "tsd.", "mil", "mila", "χιλιάδες", "χιλιάδεσ", "χιλ."),
        *("тысяча", "тысячи", "тысяч", "тысячу", "тыс."),
    ),
    10**5: ("لاکھ", "lakh", "lakhs"),
    10**6: (
        *("مليون", "ملايين", "مليونا", "میلیون", "ملین", "million", "millions", "milyon", "mn"),
        *("millionen", "mio.", "millón", "millones", "milione", "milioni", "mln"),
        *("εκατομμύριο", "εκατομμύρια", "εκατ.", "миллион", "миллиона", "миллионов", "млн"),
    ),
    10**7: ("کروڑ", "crore", "crores"),
    10**9: (
        *("مليار", "مليارات", "بليون", "میلیارد", "ارب", "بلین"),
        *("billion", "billions", "milliard", "milliards", "milyar", "bn"),
        *("milliarde", "milliarden", "mrd.", "miliardo", "miliardi", "mld"),
        *("δισεκατομμύριο", "δισεκατομμύρια", "δισ.", "миллиард", "миллиарда", "миллиардов"),
        "млрд",
    ),
    10**12: (
        *("تريليون", "تریلیون", "trillion", "trillions", "trilyon", "billón", "billones"),
        *("τρισεκατομμύριο", "τρισεκατομμύρια", "триллион", "триллиона", "триллионов"),
        "трлн",
    ),
}
PERCENT_AFTER = (
    *("درصد", "بالمئة", "بالمائة", "في المئة", "في المائة", "فیصد"),
    *("percent", "per cent", "pour cent", "pour-cent", "prozent", "por ciento", "per cento"),
    *("τοις εκατό", "процентов", "процента", "процент"),
)

# ----------------------------------------------------------------------------- Arabic script

AR = Lexicon(
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
        # Duals, also in construct state ("مئتي", "ألفي قتيل").
        200: ("مئتان", "مائتان", "مئتين", "مائتين", "مئتي", "مائتي"),
        300: ("ثلاثمائة", "ثلاثمئة"),
        400: ("أربعمائة", "أربعمئة"),
        500: ("خمسمائة", "خمسمئة"),
        600: ("ستمائة", "ستمئة"),
        700: ("سبعمائة", "سبعمئة"),
        800: ("ثمانمائة", "ثمانمئة", "ثمانيمائة"),
        900: ("تسعمائة", "تسعمئة"),
        1000: ("ألف", "آلاف", "ألفا"),
        2000: ("ألفان", "ألفين", "ألفي"),
        10**6: ("مليون", "ملايين", "مليونا"),
        2 * 10**6: ("مليونان", "مليونين"),
        10**9: ("مليار", "مليارات", "بليون"),
        10**12: ("تريليون",),
    },
    sep=r"[\s\u200c]+(?:و[\s\u200c]*)?",
    script="arabic",
    weak=(
        # "التاسع عشر" (nineteenth): a bare عشر is most often the end of an ordinal.
        *("أحد", "واحد", "واحدة", "ست", "سبع", "تسع", "ثمان", "اثنا", "اثني", "عشر"),
        *("آلاف", "ملايين", "مليارات"),
    ),
    units_first=True,
    clitics=True,
    # "الف)" is a list marker (the letter alef), not a thousand.
    guard=r"(?!(?<=الف)\s*\))",
    digits=True,
    point=("فاصل", "فاصلة"),
    zero=("صفر",),
)
FA = Lexicon(
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
        # "یکهزار" / "یک‌هزار" is written as one word, and Dari writes it so too.
        1000: ("هزار", "یک هزار"),
        10**6: ("میلیون",),
        10**9: ("میلیارد",),
        10**12: ("تریلیون",),
    },
    sep=r"[\s\u200c]*و[\s\u200c]*|[\s\u200c]+",
    script="persian",
    # "صدها میلیون" (hundreds of millions): a bare میلیون is no number.
    weak=("یک", "نه", "سی", "میلیون", "میلیارد", "تریلیون"),
    # "پنج شنبه" is Thursday, not five.
    guard=r"(?![\s\u200c]*شنبه)",
    digits=True,
    # Dari writes a decimal point as Urdu does ("شش اعشاریه یک": six point one).
    point=("ممیز", "اعشاریه"),
    zero=("صفر",),
)
UR = Lexicon(
    words={
        value: _urdu_heh(words)
        for value, words in {
            1: ("ایک",),
            2: ("دو",),
            3: ("تین",),
            4: ("چار",),
            5: ("پانچ",),
            6: ("چھ", "چھے"),
            7: ("سات",),
            8: ("آٹھ",),
            9: ("نو",),
            10: ("دس",),
            11: ("گیارہ",),
            12: ("بارہ",),
            13: ("تیرہ",),
            14: ("چودہ",),
            15: ("پندرہ",),
            16: ("سولہ",),
            17: ("سترہ",),
            18: ("اٹھارہ",),
            19: ("انیس",),
            20: ("بیس",),
            25: ("پچیس",),
            30: ("تیس",),
            40: ("چالیس",),
            50: ("پچاس",),
            60: ("ساٹھ",),
            70: ("ستر",),
            80: ("اسی",),
            90: ("نوے",),
            100: ("سو",),
            1000: ("ہزار",),
            10**5: ("لاکھ",),
            10**7: ("کروڑ",),
            10**9: ("ارب",),
        }.items()
    },
    sep=r"[\s\u200c]+",
    script="urdu",
    # "ایک" is also the article "a"; "نو منتخب" is "newly elected"; "اسی" is "that very".
    weak=("ایک", "نو", "اسی"),
    # "ایئر بیس" / "بیس کیمپ": an air base, a base camp, not twenty.
    guard=r"(?<!اییر\sبیس)(?!(?<=بیس)\sکیمپ)",
    digits=True,
    point=("اعشاریہ", "اعشاریه"),
    zero=("صفر",),
)

# ----------------------------------------------------------------------------- Latin script

EN = Lexicon(
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
    script="latin",
    weak=("one",),
    point=("point",),
    zero=("zero",),
)
FR = Lexicon(
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
    script="latin",
    weak=("un", "une", "neuf", "cent", "sept"),
    point=("virgule",),
    zero=("zéro",),
)
TR = Lexicon(
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
    script="latin",
    weak=("bir", "on", "yüz", "bin", "altı", "yedi"),
    digits=True,
    point=("virgül",),
    zero=("sıfır",),
)

_DE_UNITS = {
    1: "ein",
    2: "zwei",
    3: "drei",
    4: "vier",
    5: "fünf",
    6: "sechs",
    7: "sieben",
    8: "acht",
    9: "neun",
}
_DE_TENS = {
    20: "zwanzig",
    30: "dreißig",
    40: "vierzig",
    50: "fünfzig",
    60: "sechzig",
    70: "siebzig",
    80: "achtzig",
    90: "neunzig",
}
DE = Lexicon(
    words=_merge(
        {
            1: ("eins", "ein", "eine", "einen", "einem", "einer"),
            2: ("zwei", "zwo"),
            **{n: (w,) for n, w in _DE_UNITS.items() if n > 2},
            10: ("zehn",),
            11: ("elf",),
            12: ("zwölf",),
            13: ("dreizehn",),
            14: ("vierzehn",),
            15: ("fünfzehn",),
            16: ("sechzehn",),
            17: ("siebzehn",),
            18: ("achtzehn",),
            19: ("neunzehn",),
            **{n: (w,) for n, w in _DE_TENS.items()},
            100: ("hundert", "einhundert"),
            **{n * 100: (f"{w}hundert",) for n, w in _DE_UNITS.items() if n > 1},
            1000: ("tausend", "eintausend"),
            **{n * 1000: (f"{w}tausend",) for n, w in _DE_UNITS.items() if n > 1},
            10**6: ("million", "millionen"),
            10**9: ("milliarde", "milliarden"),
        },
        {30: ("dreissig",)},
        _compounds({**_DE_TENS}, _DE_UNITS, join="und"),
        _compounds({30: "dreissig"}, _DE_UNITS, join="und"),
    ),
    sep=r"\s+",
    script="latin",
    weak=("eins", "ein", "eine", "einen", "einem", "einer", "millionen", "milliarden"),
    # "Elf" is also English; "Acht" is attention ("außer Acht").
    ambiguous=("elf", "acht"),
    cue=r"der|das|und|ist|sind|wurde|wurden|nicht|mit|dem|den|bei|nach|auch|sich|menschen|laut",
    point=("komma",),
    zero=("null",),
)
ES = Lexicon(
    words={
        1: ("uno", "una", "un"),
        2: ("dos",),
        3: ("tres",),
        4: ("cuatro",),
        5: ("cinco",),
        6: ("seis",),
        7: ("siete",),
        8: ("ocho",),
        9: ("nueve",),
        10: ("diez",),
        11: ("once",),
        12: ("doce",),
        13: ("trece",),
        14: ("catorce",),
        15: ("quince",),
        16: ("dieciséis",),
        17: ("diecisiete",),
        18: ("dieciocho",),
        19: ("diecinueve",),
        20: ("veinte",),
        21: ("veintiuno", "veintiuna", "veintiún"),
        22: ("veintidós",),
        23: ("veintitrés",),
        24: ("veinticuatro",),
        25: ("veinticinco",),
        26: ("veintiséis",),
        27: ("veintisiete",),
        28: ("veintiocho",),
        29: ("veintinueve",),
        30: ("treinta",),
        40: ("cuarenta",),
        50: ("cincuenta",),
        60: ("sesenta",),
        70: ("setenta",),
        80: ("ochenta",),
        90: ("noventa",),
        100: ("cien", "ciento"),
        200: ("doscientos", "doscientas"),
        300: ("trescientos", "trescientas"),
        400: ("cuatrocientos", "cuatrocientas"),
        500: ("quinientos", "quinientas"),
        600: ("seiscientos", "seiscientas"),
        700: ("setecientos", "setecientas"),
        800: ("ochocientos", "ochocientas"),
        900: ("novecientos", "novecientas"),
        1000: ("mil",),
        10**6: ("millón", "millones"),
        10**12: ("billón", "billones"),
    },
    sep=r"\s+(?:y\s+)?",
    script="latin",
    weak=("uno", "una", "un", "millones", "billones"),
    # "once" is English, "dos" French (the back).
    ambiguous=("once", "dos"),
    cue=r"el|los|las|del|y|segun|fueron|tras|hasta|desde|tambien|esta|este|han|sido|personas",
    # "tres" written with an accent is French "très" or Portuguese "três".
    strict=("tres",),
    # "por ciento" is percent.
    guard=r"(?<!por\sciento)",
    point=("coma", "punto"),
    zero=("cero",),
)
_IT_UNITS = {
    1: "uno",
    2: "due",
    3: "tré",
    4: "quattro",
    5: "cinque",
    6: "sei",
    7: "sette",
    8: "otto",
    9: "nove",
}
_IT_TENS = {
    20: "venti",
    30: "trenta",
    40: "quaranta",
    50: "cinquanta",
    60: "sessanta",
    70: "settanta",
    80: "ottanta",
    90: "novanta",
}
IT = Lexicon(
    words=_merge(
        {
            1: ("uno", "una", "un"),
            2: ("due",),
            3: ("tre",),
            **{n: (w,) for n, w in _IT_UNITS.items() if n > 3},
            10: ("dieci",),
            11: ("undici",),
            12: ("dodici",),
            13: ("tredici",),
            14: ("quattordici",),
            15: ("quindici",),
            16: ("sedici",),
            17: ("diciassette",),
            18: ("diciotto",),
            19: ("diciannove",),
            **{n: (w,) for n, w in _IT_TENS.items()},
            100: ("cento",),
            **{n * 100: (f"{'tre' if n == 3 else w}cento",) for n, w in _IT_UNITS.items() if n > 1},
            1000: ("mille", "mila"),
            **{n * 1000: (f"{'tre' if n == 3 else w}mila",) for n, w in _IT_UNITS.items() if n > 1},
            10000: ("diecimila",),
            10**6: ("milione", "milioni"),
            10**9: ("miliardo", "miliardi"),
        },
        _compounds(_IT_TENS, _IT_UNITS, elide="uo"),
    ),
    sep=r"\s+(?:e\s+)?",
    script="latin",
    weak=("uno", "una", "un", "mila", "milioni", "miliardi"),
    # "due" is English and French ("due à"), "sei" is "you are", "Otto" a name.
    ambiguous=("due", "sei", "otto"),
    cue=r"gli|della|delle|dei|degli|nel|nella|nelle|che|sono|stati|stato|anche|dopo|persone",
    # "per cento" is percent.
    guard=r"(?<!per\scento)",
    point=("virgola",),
    zero=("zero",),
)

# ----------------------------------------------------------------------------- Greek, Cyrillic

EL = Lexicon(
    words={
        value: _greek_sigma(words)
        for value, words in {
            1: ("ένα", "ένας", "έναν", "μία", "μια"),
            2: ("δύο", "δυο"),
            3: ("τρία", "τρεις"),
            4: ("τέσσερα", "τέσσερις", "τέσσερεις"),
            5: ("πέντε",),
            6: ("έξι",),
            7: ("επτά", "εφτά"),
            8: ("οκτώ", "οχτώ"),
            9: ("εννέα", "εννιά"),
            10: ("δέκα",),
            11: ("έντεκα", "ένδεκα"),
            12: ("δώδεκα",),
            13: ("δεκατρία", "δεκατρείς"),
            14: ("δεκατέσσερα", "δεκατέσσερις"),
            15: ("δεκαπέντε",),
            16: ("δεκαέξι", "δεκάξι"),
            17: ("δεκαεπτά", "δεκαεφτά"),
            18: ("δεκαοκτώ", "δεκαοχτώ"),
            19: ("δεκαεννέα", "δεκαεννιά"),
            20: ("είκοσι",),
            30: ("τριάντα",),
            40: ("σαράντα",),
            50: ("πενήντα",),
            60: ("εξήντα",),
            70: ("εβδομήντα",),
            80: ("ογδόντα",),
            90: ("ενενήντα",),
            100: ("εκατό", "εκατόν"),
            200: ("διακόσια", "διακόσιοι", "διακόσιες"),
            300: ("τριακόσια", "τριακόσιοι", "τριακόσιες"),
            400: ("τετρακόσια", "τετρακόσιοι", "τετρακόσιες"),
            500: ("πεντακόσια", "πεντακόσιοι", "πεντακόσιες"),
            600: ("εξακόσια", "εξακόσιοι", "εξακόσιες"),
            700: ("επτακόσια", "επτακόσιοι", "επτακόσιες", "εφτακόσια"),
            800: ("οκτακόσια", "οκτακόσιοι", "οκτακόσιες", "οχτακόσια"),
            900: ("εννιακόσια", "εννιακόσιοι", "εννιακόσιες", "εννεακόσια"),
            1000: ("χίλια", "χίλιοι", "χίλιες", "χιλιάδες"),
            10**6: ("εκατομμύριο", "εκατομμύρια"),
            10**9: ("δισεκατομμύριο", "δισεκατομμύρια"),
            10**12: ("τρισεκατομμύριο", "τρισεκατομμύρια"),
        }.items()
    },
    sep=r"\s+",
    script="greek",
    weak=_greek_sigma(
        ("ένα", "ένας", "έναν", "μία", "μια", "χιλιάδες", "εκατομμύρια", "δισεκατομμύρια")
    ),
    # "τοις εκατό" is percent.
    guard=r"(?<!τοις\sεκατο)",
    point=("κόμμα",),
    zero=("μηδέν",),
)
RU = Lexicon(
    words={
        1: ("один", "одна", "одно", "одного", "одной", "одну"),
        2: ("два", "две", "двух"),
        3: ("три", "трёх"),
        4: ("четыре", "четырёх"),
        5: ("пять", "пяти"),
        6: ("шесть", "шести"),
        7: ("семь", "семи"),
        8: ("восемь", "восьми"),
        9: ("девять", "девяти"),
        10: ("десять", "десяти"),
        11: ("одиннадцать", "одиннадцати"),
        12: ("двенадцать", "двенадцати"),
        13: ("тринадцать", "тринадцати"),
        14: ("четырнадцать", "четырнадцати"),
        15: ("пятнадцать", "пятнадцати"),
        16: ("шестнадцать", "шестнадцати"),
        17: ("семнадцать", "семнадцати"),
        18: ("восемнадцать", "восемнадцати"),
        19: ("девятнадцать", "девятнадцати"),
        20: ("двадцать", "двадцати"),
        30: ("тридцать", "тридцати"),
        40: ("сорок", "сорока"),
        50: ("пятьдесят", "пятидесяти"),
        60: ("шестьдесят", "шестидесяти"),
        70: ("семьдесят", "семидесяти"),
        80: ("восемьдесят", "восьмидесяти"),
        90: ("девяносто",),
        100: ("сто", "ста"),
        200: ("двести", "двухсот"),
        300: ("триста", "трёхсот"),
        400: ("четыреста", "четырёхсот"),
        500: ("пятьсот", "пятисот"),
        600: ("шестьсот", "шестисот"),
        700: ("семьсот", "семисот"),
        800: ("восемьсот", "восьмисот"),
        900: ("девятьсот", "девятисот"),
        1000: ("тысяча", "тысячи", "тысяч", "тысячу", "тыс."),
        10**6: ("миллион", "миллиона", "миллионов", "млн"),
        10**9: ("миллиард", "миллиарда", "миллиардов", "млрд"),
        10**12: ("триллион", "триллиона", "триллионов", "трлн"),
    },
    sep=r"\s+",
    script="cyrillic",
    weak=(
        *("один", "одна", "одно", "одного", "одной", "одну", "ста"),
        *("тысячи", "тысяч", "тыс.", "миллиона", "миллионов", "млн"),
        *("миллиарда", "миллиардов", "млрд", "триллиона", "триллионов", "трлн"),
    ),
    digits=True,
    zero=("ноль", "нуль"),
)

LEXICONS = (AR, FA, UR, EN, FR, TR, DE, ES, IT, EL, RU)
