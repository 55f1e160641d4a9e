"""Month and weekday names: CLDR's where it covers a language, hand tables for what it lacks.

Gregorian month names and weekday names come from the Unicode CLDR through Babel (installed
with the project, its data inside the package): the wide names in both the *format* form
(the one dates are written in: Russian "января", Greek "Ιανουαρίου") and the *stand-alone*
form ("январь", "Ιανουάριος"), and the abbreviations CLDR writes with a final period ("févr.",
"Okt.", "сент."). Bare abbreviations ("mar", "set", "ara") are left out: they are common
words. CLDR's Arabic locales give the Levantine and Iraqi names (كانون الثاني, شباط) and the
Maghrebi ones (جانفي, غشت, شتنبر).

Kept by hand, because CLDR lacks them:

- the Jalali (Solar Hijri) and Hijri month names: Babel reads only CLDR's Gregorian calendar;
- colloquial and older spellings: Egyptian يونيه / يوليه, Persian می / جولای / آگوست, Arabic
  إبريل, the English abbreviations with a period ("Jan.", "Sept."), the Persian آدینه, and
  Persian weekdays written in two words ("سه شنبه": CLDR writes them in one);
- CLDR names that are mostly common words, left out: Russian "среда" (also "environment")
  and Urdu "ہفتہ" (also "week"); Greek Monday to Thursday are also the ordinals "second" to
  "fifth", so they count only when capitalised.
"""

from __future__ import annotations

from functools import lru_cache

from babel.dates import get_day_names, get_month_names

#: The locales whose CLDR names are read: the desk's languages, and the Arabic regions that
#: name months differently (Levant and Iraq, Maghreb).
CLDR_LOCALES = (
    *("en", "ar", "fa", "fr", "tr", "de", "es", "it", "el", "ru", "ur"),
    *("ar_SY", "ar_IQ", "ar_LB", "ar_DZ", "ar_TN", "ar_MA"),
)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_HAND_GREGORIAN: dict[int, tuple[str, ...]] = {
    1: ("jan.",),
    2: ("feb.",),
    3: ("mar.",),
    4: ("إبريل", "apr."),
    5: ("می",),
    6: ("يونيه", "jun."),
    7: ("يوليه", "جولای", "jul."),
    8: ("آگوست", "aug."),
    9: ("sep.", "sept."),
    10: ("oct.",),
    11: ("nov.",),
    12: ("dec.",),
}
_HAND_WEEKDAYS: dict[str, tuple[str, ...]] = {
    "monday": ("الإثنين", "دو شنبه"),
    "tuesday": ("سه شنبه",),
    "wednesday": ("چهار شنبه",),
    "thursday": ("پنج شنبه",),
    "friday": ("آدینه",),
    "sunday": ("یک شنبه",),
}
_COMMON_WORDS = frozenset(("среда", "ہفتہ"))
#: Weekday names that are also ordinals (Greek "τρίτη" is "third" and Tuesday): a weekday
#: only when capitalised, as Greek writes day names.
CAPITALISED_WEEKDAYS = frozenset(("Δευτέρα", "Τρίτη", "Τετάρτη", "Πέμπτη"))

JALALI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("فروردین",),
    2: ("اردیبهشت",),
    3: ("خرداد",),
    4: ("تیر",),
    5: ("مرداد", "امرداد"),
    6: ("شهریور",),
    7: ("مهر",),
    8: ("آبان",),
    9: ("آذر",),
    10: ("دی",),
    11: ("بهمن",),
    12: ("اسفند",),
}
HIJRI_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("محرم", "محرم الحرام"),
    2: ("صفر", "صفر المظفر"),
    3: ("ربيع الأول", "ربيع أول"),
    4: ("ربيع الآخر", "ربيع الثاني", "ربيع ثاني"),
    5: ("جمادى الأولى", "جمادى الأول", "جمادى أولى"),
    6: ("جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى الثاني"),
    7: ("رجب", "رجب المرجب"),
    8: ("شعبان", "شعبان المعظم"),
    9: ("رمضان", "رمضان المبارك"),
    10: ("شوال", "شوال المكرم"),
    11: ("ذو القعدة", "ذي القعدة", "ذیقعده"),
    12: ("ذو الحجة", "ذي الحجة", "ذیحجه"),
}


def _ordered(names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n.lower() not in _COMMON_WORDS))


@lru_cache(maxsize=1)
def gregorian_months() -> dict[int, tuple[str, ...]]:
    """Every name of each Gregorian month (1-12): CLDR's, then the hand spellings.

    >>> "января" in gregorian_months()[1], "jan." in gregorian_months()[1]
    (True, True)
    """
    found: dict[int, list[str]] = {m: [] for m in range(1, 13)}
    for locale in CLDR_LOCALES:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for month, name in get_month_names(width, context, locale=locale).items():
                    if width == "wide" or name.endswith("."):
                        found[month].append(name)
    for month, names in _HAND_GREGORIAN.items():
        found[month].extend(names)
    return {month: _ordered(names) for month, names in found.items()}


@lru_cache(maxsize=1)
def weekday_names() -> dict[str, tuple[str, ...]]:
    """Every name of each weekday (``"monday"`` ...): CLDR's, then the hand spellings.

    >>> "Sonntag" in weekday_names()["sunday"], "среда" in weekday_names()["wednesday"]
    (True, False)
    """
    found: dict[str, list[str]] = {day: [] for day in WEEKDAYS}
    for locale in CLDR_LOCALES:
        for context in ("format", "stand-alone"):
            for index, name in get_day_names("wide", context, locale=locale).items():
                found[WEEKDAYS[index]].append(name)
    for day, names in _HAND_WEEKDAYS.items():
        found[day].extend(names)
    return {day: _ordered(names) for day, names in found.items()}
