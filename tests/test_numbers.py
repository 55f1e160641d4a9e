"""Numbers: digits of any script, separators, percentages, scale words, spelled numerals."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.models import Anchor, AnchorKind
from workbench.text.dates import find_dates
from workbench.text.numbers import find_numbers

SYRIA_FA = (
    "معارضان مسلح در سوریه از بامداد هفتم آذر ۱۴۰۳ برابر با ۲۷ نوامبر ۲۰۲۴ با هدف برکناری"
    " بشار اسد از قدرت؛ عملیات خود را در مناطق شمال غرب، غرب و جنوب غرب حلب، آغاز و سرانجام"
    " پس از یازده روز؛ در تاریخ یکشنبه ۱۸ آذرماه کنترل خود بر شهر دمشق و خروج اسد از کشور را"
    " اعلام کردند."
)
SYRIA_AR = (
    "وفي 8 ديسمبر/ كانون الأول 2024، بسطت فصائل سورية سيطرتها على البلاد، منهية 61 عاما من"
    " حكم نظام البعث، و53 سنة من سيطرة عائلة الأسد."
)


def values(text: str) -> list[str]:
    return [a.value for a in find_numbers(text)]


def without_dates(text: str) -> list[Anchor]:
    """Numbers of ``text`` once its dates are taken, as the claim splitter does."""
    return find_numbers(text, skip=[(a.start, a.end) for a in find_dates(text)])


DIGIT_CASES = [
    pytest.param("قتل 12 شخصا", ["12"], id="ASCII digits"),
    pytest.param("۱۲ نفر", ["12"], id="Persian digits"),
    pytest.param("١٢ شخصا", ["12"], id="Arabic-Indic digits"),
    pytest.param("1,000", ["1000"], id="comma thousands"),
    pytest.param("1٬000", ["1000"], id="Arabic thousands separator"),
    pytest.param("١٬٠٠٠", ["1000"], id="Arabic-Indic with separator"),
    pytest.param("۱٬۲۵۰٬۰۰۰", ["1250000"], id="Persian millions"),
    pytest.param("1,250,000.75", ["1250000.75"], id="thousands and decimals"),
    pytest.param("10.000", ["10000"], id="dot thousands"),
    pytest.param("1.000.000", ["1000000"], id="dot thousands, two groups"),
    pytest.param("2.5", ["2.5"], id="decimal point"),
    pytest.param("٢٫٥", ["2.5"], id="Arabic decimal separator"),
    pytest.param("۳٫۷۵", ["3.75"], id="Persian decimal"),
    pytest.param("2,5", ["2.5"], id="decimal comma"),
    pytest.param("0.125", ["0.125"], id="leading zero is a decimal"),
    pytest.param("3.14159", ["3.14159"], id="long decimal"),
    pytest.param("2.50", ["2.5"], id="no trailing zeros"),
    pytest.param("007", ["7"], id="no leading zeros"),
    pytest.param("10:30", ["10", "30"], id="time is two numbers"),
    pytest.param("A320", [], id="no number glued to Latin letters"),
    pytest.param("COVID-19", [], id="no number in a code"),
    pytest.param("و53 سنة", ["53"], id="Arabic و glued to digits"),
]

PERCENT_CASES = [
    pytest.param("50%", "50", "50%", id="percent sign"),
    pytest.param("50 %", "50", "50 %", id="percent sign after a space"),
    pytest.param("٪۵۰", "50", "٪۵۰", id="Arabic percent sign before"),
    pytest.param("۲۵٪", "25", "۲۵٪", id="Arabic percent sign after"),
    pytest.param("%50", "50", "%50", id="Turkish percent before"),
    pytest.param("yüzde 50", "50", "yüzde 50", id="Turkish yüzde"),
    pytest.param("۲۵ درصد", "25", "۲۵ درصد", id="Persian درصد"),
    pytest.param("12.5 بالمئة", "12.5", "12.5 بالمئة", id="Arabic بالمئة"),
    pytest.param("12 في المائة", "12", "12 في المائة", id="Arabic في المائة"),
    pytest.param("3 percent", "3", "3 percent", id="English percent"),
    pytest.param("3 pour cent", "3", "3 pour cent", id="French pour cent"),
    pytest.param("5 per cent", "5", "5 per cent", id="per cent is not the French cent"),
]

SCALE_CASES = [
    pytest.param("6 هزار", "6000", id="Persian هزار"),
    pytest.param("۲۰۰ هزار", "200000", id="Persian digits and هزار"),
    pytest.param("3 ملايين", "3000000", id="Arabic ملايين"),
    pytest.param("٢٠٠ ألف", "200000", id="Arabic ألف"),
    pytest.param("3 million", "3000000", id="English million"),
    pytest.param("۲ میلیون", "2000000", id="Persian میلیون"),
    pytest.param("1.5 مليار", "1500000000", id="Arabic مليار with a decimal"),
    pytest.param("1.500 مليار", "1500000000", id="one dot group before a scale is a decimal"),
    pytest.param("2,5 milliards", "2500000000", id="French decimal comma and milliards"),
    pytest.param("$1.5bn", "1500000000", id="bn glued"),
    pytest.param("5 bin", "5000", id="Turkish bin"),
    pytest.param("4 milyon", "4000000", id="Turkish milyon"),
    pytest.param("2 هزار میلیارد", "2000000000000", id="two scale words multiply"),
]

SPELLED_CASES = [
    pytest.param("یک هزار", "1000", id="یک هزار"),
    pytest.param("یازده", "11", id="یازده"),
    pytest.param("بیست و پنج", "25", id="بیست و پنج"),
    pytest.param("دو هزار و پانصد", "2500", id="دو هزار و پانصد"),
    pytest.param("نهصد", "900", id="نهصد"),
    pytest.param("سه میلیون", "3000000", id="سه میلیون"),
    pytest.param("ثلاثة", "3", id="ثلاثة"),
    pytest.param("تسعمائة", "900", id="تسعمائة"),
    pytest.param("خمسة وعشرون", "25", id="Arabic units before tens"),
    pytest.param("ثلاثة عشر", "13", id="Arabic teen"),
    pytest.param("أحد عشر", "11", id="Arabic eleven"),
    pytest.param("ثلاثة آلاف", "3000", id="ثلاثة آلاف"),
    pytest.param("مئة وخمسون", "150", id="Arabic hundred and fifty"),
    pytest.param("ألفين", "2000", id="Arabic two thousand (dual)"),
    pytest.param("twenty-five", "25", id="twenty-five"),
    pytest.param("one hundred and five", "105", id="one hundred and five"),
    pytest.param("two million three hundred thousand", "2300000", id="English scales"),
    pytest.param("Seventeen", "17", id="capitalised English"),
    pytest.param("quatre-vingt-dix-sept", "97", id="French 97"),
    pytest.param("soixante et onze", "71", id="French 71"),
    pytest.param("deux cents", "200", id="French 200"),
    pytest.param("un million", "1000000", id="French un million"),
    pytest.param("iki bin beş yüz", "2500", id="Turkish 2500"),
    pytest.param("on iki", "12", id="Turkish 12"),
    pytest.param("هزار میلیارد", "1000000000000", id="هزار میلیارد"),
    pytest.param("دو هزار میلیارد", "2000000000000", id="دو هزار میلیارد"),
    pytest.param("هزار و یک", "1001", id="هزار و یک"),
]

NOT_NUMBER_CASES = [
    pytest.param("یک کتاب", id="یک alone is an article"),
    pytest.param("one of them", id="one alone"),
    pytest.param("un homme", id="French un alone"),
    pytest.param("bir adam", id="Turkish bir alone"),
    pytest.param("پنج\u200cشنبه", id="Thursday is not five"),
    pytest.param("پنج شنبه", id="Thursday with a space is not five"),
    pytest.param("سه\u200cشنبه", id="Tuesday is not three"),
    pytest.param("یکشنبه", id="Sunday is not one"),
    pytest.param("سهم", id="سه inside a word"),
    pytest.param("هفته", id="هفت inside هفته"),
    pytest.param("هفتم", id="ordinal is not a cardinal"),
    pytest.param("بی بی سی", id="سی alone (BBC)"),
    pytest.param("نه، نمی‌دانم", id="نه means no"),
    pytest.param("الاثنين", id="Monday is not two"),
    pytest.param("الثلاثاء", id="Tuesday is not three"),
    pytest.param("on the table", id="Turkish on is not read in English"),
    pytest.param("ستون عبادی و ستون سیاسی گفت", id="Persian ستون (column) is not Arabic sixty"),
    pytest.param("مایه", id="Persian مایه is not مائة"),
    pytest.param("سته", id="Persian-spelled سته is not ستة"),
    pytest.param("الف) آیات", id="the letter alef as a list marker"),
    pytest.param("نود أن نرى ذلك في المدينة", id="Arabic نود (we wish) is not Persian ninety"),
    pytest.param("صدها میلیون نفر", id="bare میلیون after صدها"),
    pytest.param("القرن التاسع عشر", id="عشر ending an ordinal"),
]


@pytest.mark.parametrize(("text", "expected"), DIGIT_CASES)
def test_digits(text: str, expected: list[str]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(("text", "expected", "slice_"), PERCENT_CASES)
def test_percentages(text: str, expected: str, slice_: str) -> None:
    (anchor,) = find_numbers(text)
    assert (anchor.value, anchor.detail, anchor.text) == (expected, "percent", slice_)


@pytest.mark.parametrize(("text", "expected"), SCALE_CASES)
def test_scale_words(text: str, expected: str) -> None:
    assert values(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), SPELLED_CASES)
def test_spelled_numerals(text: str, expected: str) -> None:
    (anchor,) = find_numbers(text)
    assert anchor.value == expected
    assert anchor.text == text


@pytest.mark.parametrize("text", NOT_NUMBER_CASES)
def test_not_a_number(text: str) -> None:
    assert values(text) == []


def test_two_numbers_that_do_not_combine_stay_apart() -> None:
    assert values("دو سه") == ["2", "3"]


def test_skip_spans_drop_numbers_inside_dates() -> None:
    text = "في 8 ديسمبر 2024 قتل 12 شخصا"
    assert values(text) == ["8", "2024", "12"]
    assert [a.value for a in find_numbers(text, skip=[(3, 16)])] == ["12"]


def test_real_persian_sentence() -> None:
    found = without_dates(SYRIA_FA)
    assert [(a.value, a.text) for a in found] == [("11", "یازده")]


def test_real_arabic_sentence() -> None:
    found = without_dates(SYRIA_AR)
    assert [a.value for a in found] == ["61", "53"]
    assert all(a.kind is AnchorKind.NUMBER and a.detail == "" for a in found)


# ----------------------------------------------------------------------------- more languages


@dataclass(frozen=True)
class Case:
    """One table row: what the sentence shows, the sentence, the values found in order."""

    description: str
    text: str
    expected: tuple[str, ...]


def cases(*rows: Case) -> list[object]:
    return [pytest.param(row, id=row.description) for row in rows]


# The same figure written in two languages must come out as the same value.
CROSS_LANGUAGE_CASES = cases(
    # Turkish: digits around a scale word are one number.
    Case("tr: 2 bin 53 is 2053", "2 bin 53 kişi hayatını kaybetti", ("2053",)),
    Case("tr: 9 bin 240", "9 bin 240 bina yıkıldı", ("9240",)),
    Case("tr: 2 bin 500", "2 bin 500 kişi", ("2500",)),
    Case("tr: 1 milyon 200 bin", "1 milyon 200 bin kişi", ("1200000",)),
    Case("tr: 5 bin alone", "5 bin kişi", ("5000",)),
    # Italian: mila after digits.
    Case("it: 2 mila persone", "2 mila persone", ("2000",)),
    Case("it: 9 mila", "9 mila", ("9000",)),
    Case("it: più di 9 mila", "più di 9 mila morti", ("9000",)),
    Case("it: milioni", "3 milioni di euro", ("3000000",)),
    Case("it: 1,5 miliardi", "1,5 miliardi", ("1500000000",)),
    Case("it: mln abbreviation", "2 mln di euro", ("2000000",)),
    # French and Russian: groups of three after a space.
    Case("fr: 1 500 décès", "1 500 décès", ("1500",)),
    Case("fr: no-break space U+00A0", "1\u00a0500 décès", ("1500",)),
    Case("fr: narrow no-break space U+202F", "1\u202f500 décès", ("1500",)),
    Case("fr: 2 445", "2 445", ("2445",)),
    Case("fr: two groups", "1 234 567 habitants", ("1234567",)),
    Case("fr: grouped with a decimal comma", "12 345,5 euros", ("12345.5",)),
    Case("fr: grouped before a scale word", "1 500 millions", ("1500000000",)),
    Case("fr: grouped percentage", "1 500 %", ("1500",)),
    Case("ru: 1 500 человек", "погибли 1 500 человек", ("1500",)),
    Case("ru: 2 тысяч", "2 тысяч", ("2000",)),
    Case("ru: 2 тысячи", "2 тысячи", ("2000",)),
    Case("ru: 2 тысяча", "2 тысяча", ("2000",)),
    Case("ru: более 9 тысяч", "более 9 тысяч человек", ("9000",)),
    Case("ru: тыс. abbreviation", "2 тыс. человек", ("2000",)),
    Case("ru: миллиона", "3 миллиона", ("3000000",)),
    Case("ru: миллионов", "5 миллионов", ("5000000",)),
    Case("ru: млн and тыс. together", "1 млн 200 тыс. рублей", ("1200000",)),
    Case("ru: млрд", "2,5 млрд", ("2500000000",)),
    # Persian and Dari: words and digits mixed.
    Case("fa: یکهزار و ۲۳", "یکهزار و ۲۳ نفر", ("1023",)),
    Case("fa: یک‌هزار with ZWNJ", "یک‌هزار نفر", ("1000",)),
    Case("fa: یک هزار و دویست", "یک هزار و دویست", ("1200",)),
    Case("fa: دو هزار", "دو هزار", ("2000",)),
    Case("fa: digits, هزار, و, digits", "۲ هزار و ۵۰۰ نفر", ("2500",)),
    Case("fa: digits and میلیون (weak alone)", "۵ میلیون", ("5000000",)),
    # Arabic.
    Case("ar: ألفي (dual of thousand, construct)", "ألفي قتيل", ("2000",)),
    Case("ar: 3 آلاف", "3 آلاف", ("3000",)),
    Case("ar: 3 آلاف و500", "3 آلاف و500", ("3500",)),
    Case("ar: مليونين", "مليونين", ("2000000",)),
    Case("ar: ألفين وخمسمائة", "ألفين وخمسمائة", ("2500",)),
    # Dot as the thousands separator.
    Case("de: 2.053 Tote", "2.053 Tote", ("2053",)),
    Case("es: 2.445 muertos", "2.445 muertos", ("2445",)),
    Case("el: 1.000 άνθρωποι", "1.000 άνθρωποι", ("1000",)),
    # Decimal comma and the Arabic decimal separator.
    Case("de: 6,3", "Ein Beben der Stärke 6,3", ("6.3",)),
    Case("es: 6,3", "un sismo de magnitud 6,3", ("6.3",)),
    Case("it: 6,3", "una scossa di magnitudo 6,3", ("6.3",)),
    Case("el: 6,3", "σεισμός 6,3 Ρίχτερ", ("6.3",)),
    Case("ru: 6,3", "землетрясение магнитудой 6,3", ("6.3",)),
    Case("fr: 6,3", "un séisme de magnitude 6,3", ("6.3",)),
    Case("tr: 6,3", "6,3 büyüklüğünde deprem", ("6.3",)),
    Case("ar: ٦٫٣", "بقوة ٦٫٣ درجات", ("6.3",)),
    # Scale words after digits.
    Case("de: Tausend", "2 Tausend", ("2000",)),
    Case("de: Millionen", "3 Millionen", ("3000000",)),
    Case("de: Milliarden", "2 Milliarden", ("2000000000",)),
    Case("de: Mio.", "3 Mio. Euro", ("3000000",)),
    Case("de: Mrd.", "4 Mrd. Euro", ("4000000000",)),
    Case("es: mil", "2 mil personas", ("2000",)),
    Case("es: millones", "3 millones", ("3000000",)),
    Case("es: mil millones multiply", "2 mil millones", ("2000000000",)),
    Case("it: mille", "2 mille", ("2000",)),
    Case("el: χιλιάδες", "2 χιλιάδες", ("2000",)),
    Case("el: εκατομμύρια", "3 εκατομμύρια", ("3000000",)),
    Case("ur: ہزار", "2 ہزار افراد", ("2000",)),
    Case("ur: لاکھ is 100,000", "2 لاکھ", ("200000",)),
    Case("ur: کروڑ is 10,000,000", "2 کروڑ", ("20000000",)),
    Case("ur: لاکھ and ہزار together", "2 لاکھ 50 ہزار افراد", ("250000",)),
    Case("en: lakh", "5 lakh", ("500000",)),
    Case("en: crore", "2 crore", ("20000000",)),
)

SPELLED_MORE_CASES = cases(
    Case("de: fünf", "fünf Nachbeben", ("5",)),
    Case("de: zwölf", "zwölf Menschen", ("12",)),
    Case("de: einundzwanzig", "einundzwanzig Tote", ("21",)),
    Case("de: dreißig", "dreißig", ("30",)),
    Case("de: Swiss dreissig", "dreissig", ("30",)),
    Case("de: zweihundert", "zweihundert Menschen", ("200",)),
    Case("de: zwei Millionen", "zwei Millionen", ("2000000",)),
    Case("de: eine Million", "eine Million", ("1000000",)),
    Case("de: acht with German words around", "acht Menschen starben bei dem Beben", ("8",)),
    Case("es: cinco", "cinco réplicas", ("5",)),
    Case("es: veintitrés", "veintitrés muertos", ("23",)),
    Case("es: treinta y cinco", "treinta y cinco", ("35",)),
    Case("es: ciento veinticinco", "ciento veinticinco", ("125",)),
    Case("es: dos mil millones", "dos mil millones", ("2000000000",)),
    Case("es: cien mil", "cien mil", ("100000",)),
    Case("es: tres without an accent", "Tres muertos", ("3",)),
    Case("es: dos with Spanish words around", "dos personas murieron en el incendio", ("2",)),
    Case("es: once with Spanish words around", "Once personas murieron en el ataque", ("11",)),
    Case("it: cinque", "cinque scosse", ("5",)),
    Case("it: ventotto (elided)", "ventotto", ("28",)),
    Case("it: ventitré", "ventitré persone", ("23",)),
    Case("it: duemila", "duemila", ("2000",)),
    Case("it: tre milioni", "tre milioni", ("3000000",)),
    Case("it: due with Italian words around", "Sono morte due persone nella notte", ("2",)),
    Case("it: due milioni", "due milioni", ("2000000",)),
    Case("el: πέντε", "πέντε", ("5",)),
    Case("el: δύο χιλιάδες πεντακόσια", "δύο χιλιάδες πεντακόσια", ("2500",)),
    Case("el: είκοσι πέντε", "είκοσι πέντε", ("25",)),
    Case("el: capitals with final Σ", "ΤΡΕΙΣ", ("3",)),
    Case("el: τρεις χιλιάδες", "τρεις χιλιάδες", ("3000",)),
    Case("ru: пять", "пять", ("5",)),
    Case("ru: две тысячи пятьсот", "две тысячи пятьсот", ("2500",)),
    Case("ru: genitive двух тысяч", "более двух тысяч человек", ("2000",)),
    Case("ru: сто двадцать пять", "сто двадцать пять", ("125",)),
    Case("ru: тысяча alone", "тысяча человек", ("1000",)),
    Case("ur: پانچ", "زلزلے کے بعد پانچ جھٹکے محسوس کیے گئے", ("5",)),
    Case("ur: دو ہزار پانچ سو", "دو ہزار پانچ سو افراد ہلاک ہوئے", ("2500",)),
    Case("ur: دس", "دس افراد زخمی ہوئے", ("10",)),
    Case("en: six point one", "six point one", ("6.1",)),
    Case("en: two point five million", "two point five million", ("2500000",)),
    Case("en: zero point five", "zero point five", ("0.5",)),
    Case("fr: six virgule un", "six virgule un", ("6.1",)),
    Case("tr: altı virgül bir", "altı virgül bir büyüklüğünde", ("6.1",)),
    Case("de: sechs Komma eins", "sechs Komma eins", ("6.1",)),
    Case("es: seis coma uno", "seis coma uno", ("6.1",)),
    Case("el: έξι κόμμα ένα", "έξι κόμμα ένα", ("6.1",)),
    Case("fa: شش ممیز یک", "شش ممیز یک ریشتر", ("6.1",)),
    Case("fa (Dari): شش اعشاریه یک", "زلزلۀ به قدرت شش اعشاریه یک درجه ریشتر", ("6.1",)),
    Case("ar: ستة فاصل واحد", "ستة فاصل واحد", ("6.1",)),
    Case("ur: چھ اعشاریہ ایک", "چھ اعشاریہ ایک شدت کا زلزلہ آیا", ("6.1",)),
)

NOT_MERGED_CASES = cases(
    Case("a year followed by a count", "en 2023 15 morts", ("2023", "15")),
    Case("a year alone stays a number", "2023", ("2023",)),
    Case("a year then a grouped count", "in 2023 150 000 people", ("2023", "150000")),
    Case("phone in pairs", "06 12 34 56 78", ("6", "12", "34", "56", "78")),
    Case("phone with a leading-zero group", "06 123 456", ("6", "123", "456")),
    Case("international phone", "+7 495 123 45 67", ("7", "495", "123", "45", "67")),
    Case("international phone in threes", "+33 612 345 678", ("33", "612", "345", "678")),
    Case("grouped number followed by a year", "2 445 2023", ("2", "445", "2023")),
    Case("not three digits after the space", "1 2345", ("1", "2345")),
    Case("a zero is no head", "0 500", ("0", "500")),
    Case("mixed group separators", "1 500\u00a0000", ("1", "500", "0")),
    Case("Turkish bin with digits after it only", "bin 53", ("53",)),
    Case("Spanish does not write 2 mil 500", "2 mil 500", ("2000", "500")),
    Case("a point word after a lone weak word", "at one point two men", ("2",)),
    Case("a point word without a fraction", "the two point guards", ("2",)),
    Case("spelled per cento is not a hundred", "il cinque per cento", ("5",)),
    Case("spelled τοις εκατό is not a hundred", "πέντε τοις εκατό", ("5",)),
)

NOT_A_NUMBER_MORE = cases(
    Case("French très is not Spanish tres", "très bien", ()),
    Case("French TRÈS in capitals", "TRÈS", ()),
    Case("English due", "due to the storm", ()),
    Case("French due", "la hausse due à la crise", ()),
    Case("English once", "I once met him", ()),
    Case("French dos", "le dos", ()),
    Case("Otto is a name", "Otto von Bismarck", ()),
    Case("German Acht is attention", "außer Acht", ()),
    Case("German Tausende is thousands of", "Tausende Menschen", ()),
    Case("Italian mila alone", "Mila Kunis", ()),
    Case("Russian тысячи alone is thousands of", "тысячи людей", ()),
    Case("Russian один is one of", "один из них", ()),
    Case("Greek ένα is an article", "ένα σπίτι", ()),
    Case("Urdu ایئر بیس is an air base", "ایئر بیس پر حملہ ہوا", ()),
    Case("Urdu نو منتخب is newly elected", "نو منتخب وزیراعظم نے کہا", ()),
    Case("zero alone", "zero", ()),
)


@pytest.mark.parametrize("case", CROSS_LANGUAGE_CASES)
def test_cross_language_forms(case: Case) -> None:
    assert tuple(values(case.text)) == case.expected


@pytest.mark.parametrize("case", SPELLED_MORE_CASES)
def test_spelled_numerals_in_more_languages(case: Case) -> None:
    assert tuple(values(case.text)) == case.expected


@pytest.mark.parametrize("case", NOT_MERGED_CASES)
def test_numbers_that_stay_apart(case: Case) -> None:
    assert tuple(values(case.text)) == case.expected


@pytest.mark.parametrize("case", NOT_A_NUMBER_MORE)
def test_not_a_number_in_more_languages(case: Case) -> None:
    assert tuple(values(case.text)) == case.expected


SPAN_CASES = cases(
    Case("Turkish run spans its digits", "2 bin 53 kişi", ("2 bin 53",)),
    Case("no-break space kept in the slice", "au moins 1\u00a0500 décès", ("1\u00a0500",)),
    Case("Persian mixed run", "یکهزار و ۲۳ نفر", ("یکهزار و ۲۳",)),
    Case("Russian abbreviation with its dot", "2 тыс. человек", ("2 тыс.",)),
    Case("spelled decimal", "magnitude six point one quake", ("six point one",)),
)


@pytest.mark.parametrize("case", SPAN_CASES)
def test_offsets_point_at_the_written_text(case: Case) -> None:
    found = find_numbers(case.text)
    assert tuple(a.text for a in found) == case.expected
    assert all(case.text[a.start : a.end] == a.text for a in found)


def test_a_date_taking_the_first_group_leaves_the_rest() -> None:
    assert [a.value for a in without_dates("on May 5 100 people died")] == ["100"]
    assert [a.value for a in without_dates("le 5 mai 2024 1 500 manifestants")] == ["1500"]


LONG = 200_000
LONG_LINES = cases(
    Case("one head and many groups", ("1" + " 000" * LONG)[:LONG], ()),
    Case("many heads of three-digit groups", ("1 100 " * LONG)[: LONG - 5] + " 1000", ()),
    Case("no-break space groups", ("1\u00a0500\u00a0" * LONG)[:LONG], ()),
    Case("two-digit groups and spaces", ("12 " * LONG)[:LONG], ()),
    Case("dot groups", ("1" + ".000" * LONG)[:LONG] + "1", ()),
    Case("dots and digits", ("1.2." * LONG)[:LONG], ()),
    Case("comma groups", ("1" + ",000" * LONG)[:LONG] + "1", ()),
    Case("Turkish digits and scale words", ("2 bin 53 " * LONG)[:LONG], ()),
    Case("Persian digits, و and هزار", ("۲ هزار و " * LONG)[:LONG], ()),
    Case("a number, a long gap, a scale word", "2" + " " * LONG + "bin", ()),
)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("case", LONG_LINES)
def test_long_lines_take_linear_time(case: Case) -> None:
    # A quadratic regex or scan over 200,000 characters would run far past the timeout;
    # linear work takes about a second.
    check_anchors(case.text, find_numbers(case.text))


# ----------------------------------------------------------------------------- properties

PIECES = st.sampled_from(
    [
        "12",
        "۱٬۰۰۰",
        "2.5",
        "٪۵۰",
        " هزار",
        " مليون",
        "یک",
        " و ",
        "بیست",
        "خمسة",
        "وعشرون",
        "twenty",
        "-",
        "five",
        " ",
        ",",
        ".",
        "\u200c",
        "شنبه",
        " 500",
        "\u00a0",
        "\u202f",
        " bin",
        " mila",
        "+",
        "0",
        " point ",
        "fünf",
        " тысяч",
        " ہزار",
        "ΤΡΕΙΣ",
    ]
)


def check_anchors(text: str, anchors: list[Anchor]) -> None:
    for anchor in anchors:
        assert anchor.kind is AnchorKind.NUMBER
        assert text[anchor.start : anchor.end] == anchor.text
        assert anchor.start < anchor.end
        assert anchor.value.lstrip("-").replace(".", "", 1).isdigit()
        assert not anchor.value.endswith(".0")
    for first, second in itertools.pairwise(anchors):
        assert first.end <= second.start


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    check_anchors(text, find_numbers(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_anchors_slice_sorted_and_disjoint(text: str) -> None:
    check_anchors(text, find_numbers(text))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(PIECES, max_size=10).map("".join),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=3),
)
def test_skipped_spans_are_never_overlapped(text: str, spans: list[tuple[int, int]]) -> None:
    skip = [(min(a, b), max(a, b)) for a, b in spans]
    for anchor in find_numbers(text, skip=skip):
        assert all(anchor.end <= start or anchor.start >= end for start, end in skip if start < end)
