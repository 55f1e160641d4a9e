"""The event frame: where, when and which named thing a claim speaks of; signs of another event."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbench.jobs.ingest import ingest
from workbench.jobs.link import link
from workbench.linking import frame
from workbench.linking.explain import Suggestion, explain, frame_signs
from workbench.linking.features import Features, sentence_features
from workbench.linking.gazetteer import gazetteer, name_key
from workbench.linking.reasons import Kind, describe
from workbench.settings import Settings
from workbench.store import Store
from workbench.text.normalise import normalise

PUBLISHED = dt.date(2025, 3, 10)  # a Monday


def _frame(text: str) -> tuple[set[str], set[str]]:
    return frame.event_frame(text, normalise(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Haddad and Okafor met in Marvand on Sunday.", {"n:mrfnd"}),
        ("The talks were held in Geneva.", {"c:geneva"}),
        ("La réunion s'est tenue à Genève.", {"c:geneva"}),
        ("Toplantı Cenevre'de yapıldı.", {"c:geneva"}),
        ("التقى الوزيران في جنيف", {"c:geneva"}),
        ("استقبله في قصر الشعب بدمشق", {"c:damascus"}),
        ("وقع الاتفاق في مدينة مروند", {"n:mrnd"}),
        ("وصل إلى مدينة حماة", {"c:hama"}),
        # Not places: a month after "in", a common noun after "در" (in the ceremony).
        ("The commission meets in June.", set()),
        ("اوکافور به عنوان شاهد در مراسم امضا حضور داشت", set()),
    ],
)
def test_places(text: str, expected: set[str]) -> None:
    assert _frame(text)[0] == expected


def _city(name: str) -> str:
    """The gazetteer key of a place, by one of its names."""
    return gazetteer().names[name_key(name)].key


@pytest.mark.parametrize(
    ("text", "place"),
    [
        pytest.param("An earthquake struck Herat on Saturday.", "Herat", id="en, no locative"),
        pytest.param("زلزله‌ای شدید هرات را لرزاند", "Herat", id="fa, no locative"),
        pytest.param("زلزله دیروز در هرات رخ داد", "Herat", id="fa, after در"),
        pytest.param("ضرب الزلزال مدينة هرات فجرا", "Herat", id="ar, after a place head"),
        pytest.param("Землетрясение в Герате унесло сотни жизней.", "Herat", id="ru, в + case"),
        pytest.param("Ein Erdbeben bei Herat hat Hunderte getötet.", "Herat", id="de, bei"),
        pytest.param("Un terremoto cerca de Herat dejó cientos de muertos.", "Herat", id="es"),
        pytest.param("Un terremoto a Herat ha ucciso centinaia di persone.", "Herat", id="it, a"),
        pytest.param("ہرات میں زلزلہ آیا", "Herat", id="ur, postposition after the name"),
        pytest.param("ہرات سے امدادی ٹیمیں روانہ ہوئیں", "Herat", id="ur, سے"),
        pytest.param("Deprem Herat'ta yüzlerce can aldı.", "Herat", id="tr, case suffix"),
        pytest.param("Ο σεισμός έπληξε τη Σαραγόσα.", "Zaragoza", id="el, no locative"),
        pytest.param("Η συνάντηση έγινε στη Θεσσαλονίκη.", "Thessaloniki", id="el, στη"),
        pytest.param("Η συνάντηση έγινε κοντά σε Πάτρα.", "Patras", id="el, κοντά σε"),
        pytest.param("Встреча прошла около Казани.", "Kazan", id="ru, около + genitive"),
        pytest.param("Die Gespräche fanden nahe München statt.", "Munich", id="de, nahe"),
        pytest.param("La reunión se celebró en Zaragoza.", "Zaragoza", id="es, en"),
        pytest.param("L'incontro si è tenuto nella vecchia Torino.", "Turin", id="it, no locative"),
        pytest.param("Il vertice si è svolto vicino a Milano.", "Milan", id="it, vicino a"),
        pytest.param("He spoke in Mazar-i-Sharif on Monday.", "Mazar-i-Sharif", id="hyphenated"),
        pytest.param("وصلت المساعدات إلى مزار شريف", "Mazar-i-Sharif", id="ar, two words"),
    ],
)
def test_gazetteer_places_in_every_script(text: str, place: str) -> None:
    assert _city(place) in _frame(text)[0]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Nice weather helped the rescuers on Sunday.", id="Nice at a sentence start"),
        pytest.param("Mobile phones were cut off across the valley.", id="Mobile, sentence start"),
        pytest.param("Rescuers said the mobile network was down.", id="mobile in lower case"),
        pytest.param("قال سلام إن المحادثات انتهت", id="سلام, peace: a lexicon word"),
        pytest.param("وقال بأنه سيعود غدا", id="بأنه, that it: not Baneh"),
        pytest.param("تجمع المحتجون في ميدان التحرير", id="ميدان, square: not Medan"),
        pytest.param("سيستمر العمل يوما بعد يوم", id="يوما, a day: not Yuma"),
        pytest.param("Lawmakers heard Nancy Pelosi on Tuesday.", id="a name beside a name"),
        pytest.param("The IRNA agency reported it.", id="an acronym"),
    ],
)
def test_common_words_are_not_places(text: str) -> None:
    assert not any(k.startswith("g:") for k in _frame(text)[0]), _frame(text)[0]


def test_those_common_words_are_gazetteer_names_all_the_same() -> None:
    # The cases above are not places by the way they are written, not for want of a name:
    # Mobile (Alabama), Nancy, Salerno (which GeoNames also calls Irna), Medan, Yuma.
    for name in ("Mobile", "Nancy", "IRNA", "ميدان", "يوما"):
        assert _city(name).startswith("g:"), name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Engineers inspected the Kharzan Dam on Monday.", {"dam\tkrsn"}),
        ("Les ingénieurs inspectent le barrage de Kharzan.", {"dam\tkrsn"}),
        ("از سد تیرگان بازدید کرده بود", {"dam\ttrkn"}),
        ("بدأ تفتيش سد خرزان", {"dam\tkrsn"}),
        # A mark between head and name, an adjective after an Arabic head, a head that does not
        # name things (agreement, water): no named thing.
        ("Under the deal, Qadira receives 40 percent.", set()),
        ("زار السد الكبير", set()),
        ("ارتفعت أسهم 35 شركة، وظلت أسهم 19 شركة", set()),
        ("Qadira and Sarvan signed the Zaran agreement.", set()),
    ],
)
def test_named_things(text: str, expected: set[str]) -> None:
    assert {o.replace("g", "k") for o in _frame(text)[1]} == {o.replace("g", "k") for o in expected}


def test_weekdays_and_yesterday_resolve_against_the_publication_date() -> None:
    assert frame.resolved_days(["sunday"], [], PUBLISHED) == {"2025-03-09"}
    assert frame.resolved_days(["monday"], ["yesterday"], PUBLISHED) == {
        "2025-03-10",
        "2025-03-09",
    }
    assert frame.resolved_days(["sunday"], ["yesterday"], None) == set()


def test_event_time_is_the_finest_a_claim_gives() -> None:
    day = dt.date(2025, 3, 9).toordinal()
    # A day wins over a month; a year alone says nothing.
    assert frame.event_time(["2025-02", "2025-03-09"], []) == [(day, day)]
    assert frame.event_time(["2024"], []) == []
    june = frame.event_time(["2024-06"], [])
    assert june == [(dt.date(2024, 6, 1).toordinal(), dt.date(2024, 6, 30).toordinal())]
    # A Jalali month is an interval of about a month: kept as a month.
    assert len(frame.event_time(["2025-02-19/2025-03-20"], [])) == 1


@pytest.mark.parametrize(
    ("a", "b", "weekdays", "sign"),
    [
        (["2025-03-09"], ["2025-03-08"], (set(), set()), None),  # a day apart: a date conflict
        (["2025-03-09"], ["2025-02"], (set(), set()), "when: 2025-03-09 ≠ 2025-02"),
        (["2025-06"], ["2024-06"], (set(), set()), "when: 2025-06 ≠ 2024-06"),
        ([], [], ({"monday"}, {"saturday"}), "weekday: monday ≠ saturday"),
        (["2025-03-09"], ["2025-03-08"], ({"sunday"}, {"saturday"}), None),
        (["2025-03-10"], ["2025-03-08"], ({"monday"}, {"saturday"}), "weekday: monday ≠ saturday"),
    ],
)
def test_time_sign(
    a: list[str], b: list[str], weekdays: tuple[set[str], set[str]], sign: str | None
) -> None:
    times = frame.event_time(a, []), frame.event_time(b, [])
    found = frame.time_sign(*times, *weekdays, same_event_days=7)
    assert (found and describe(found)) == sign


def test_a_place_sign_needs_one_level_and_no_mention_across() -> None:
    nothing: tuple[set[str], set[str]] = (set(), set())
    sign = frame.place_sign({"n:mrfnd"}, {"c:geneva"}, nothing, nothing)
    assert sign is not None and describe(sign) == "place: mrfnd ≠ geneva"
    assert sign.a_value == ("n:mrfnd",) and sign.b_value == ("c:geneva",)
    # A country and a city: one may hold the other.
    assert frame.place_sign({"c:syria"}, {"c:damascus"}, nothing, nothing) is None
    # The other claim names the place elsewhere ("... from Geneva, where ..."): no sign.
    assert frame.place_sign({"n:mrfnd"}, {"c:geneva"}, (set(), {"geneva"}), nothing) is None


@pytest.mark.parametrize(
    ("a", "b", "differs"),
    [
        pytest.param(
            ("Rescuers reached Herat on Sunday after the quake.", "en"),
            ("امدادگران روز یکشنبه پس از زلزله به هرات رسیدند.", "fa"),
            False,
            id="one city in two scripts agrees",
        ),
        pytest.param(
            ("Rescuers reached Herat on Sunday after the quake.", "en"),
            ("Спасатели добрались до Герата в воскресенье после землетрясения.", "ru"),
            False,
            id="one city in Latin and Cyrillic agrees",
        ),
        pytest.param(
            ("Rescuers reached Herat on Sunday after the quake.", "en"),
            ("امدادگران روز یکشنبه پس از زلزله در بلخ مستقر شدند.", "fa"),
            True,
            id="two cities of one country differ",
        ),
        pytest.param(
            ("The quake struck Herat, officials said.", "en"),
            ("The quake struck Kandahar, officials said.", "en"),
            True,
            id="two cities in one script differ",
        ),
        pytest.param(
            ("The quake struck in Afghanistan, officials said.", "en"),
            ("زلزله هرات را لرزاند.", "fa"),
            False,
            id="a country and one of its cities: other levels",
        ),
        pytest.param(
            ("Talks on Armenia were held in Yerevan.", "en"),
            ("Talks on Armenia were held in Gyumri.", "en"),
            True,
            id="a country both name does not hide that their cities differ",
        ),
        pytest.param(
            ("Aid arrived in Herat and Kandahar.", "en"),
            ("Aid arrived in Herat.", "en"),
            False,
            id="a city of one claim named in the other",
        ),
    ],
)
def test_gazetteer_place_signs(a: tuple[str, str], b: tuple[str, str], differs: bool) -> None:
    signs = frame_signs(claim(*a), claim(*b), 7)
    assert any(s.kind is Kind.PLACE for s in signs) is differs, signs


def test_a_gazetteer_place_is_shown_as_the_claim_writes_it() -> None:
    herat, balkh = _city("Herat"), _city("Balkh")
    sign = frame.place_sign({herat}, {balkh}, (set(), set()), (set(), set()), ({}, {"blk": "بلخ"}))
    assert sign is not None and describe(sign) == "place: Herāt ≠ بلخ"
    # Herat's key on both sides, or a name like its main name in the other: no difference.
    assert frame.place_sign({herat}, {herat, balkh}, (set(), set()), (set(), set())) is None
    assert frame.place_sign({herat}, {balkh}, (set(), set()), ({"hrt"}, set())) is None


def test_the_gazetteer_is_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.linking import gazetteer as module

    builds = []
    build = module._build
    monkeypatch.setattr(module, "_build", lambda: builds.append(1) or build())
    module.gazetteer.cache_clear()
    frame._word_places.cache_clear()  # words already read hold places of the old index
    texts = ("Rescuers reached Herat.", "زلزله هرات را لرزاند", "Спасатели в Герате.")
    keys = [_frame(text)[0] for text in texts]
    assert builds == [1]
    assert keys == [{_city("Herat")}] * 3
    assert module.gazetteer() is module.gazetteer()


def claim(text: str, language: str, published: dt.date | None = PUBLISHED) -> Features:
    """Features of one sentence, with the anchors the ingest would find."""
    return sentence_features(text, claim_id=text[:12], language=language, published=published)


def test_two_signs_are_another_event_one_is_a_difference_to_review() -> None:
    meeting = claim("Haddad and Okafor met in Marvand on Sunday morning.", "en")
    geneva = claim("والتقت حداد بالمبعوث دانيال أوكافور في جنيف في شباط/فبراير الماضي", "ar")
    why = explain(meeting, geneva, 60, corroborate_min=50, conflict_min=35)
    assert why.another_event
    assert any(d.startswith("place: Marvand") for d in why.differs)
    assert any(d.startswith("when:") for d in why.differs)

    same_place = claim("والتقت حداد بالمبعوث دانيال أوكافور في شباط/فبراير الماضي", "ar")
    why = explain(meeting, same_place, 60, corroborate_min=50, conflict_min=35)
    assert not why.another_event
    assert why.suggestion is Suggestion.UNSURE  # not corroborated while "when" differs


def test_a_date_one_day_off_stays_a_conflict_of_one_event() -> None:
    a = claim("The accord was signed in Marvand on 9 March 2025.", "en")
    b = claim("توافق روز شنبه 18 اسفند 1403 در شهر مروند امضا شد.", "fa")
    assert frame_signs(a, b, 7) == []
    why = explain(a, b, 60, corroborate_min=50, conflict_min=35)
    assert why.suggestion is Suggestion.CONFLICTS and not why.another_event


def test_the_link_run_does_not_store_another_event(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "a", "source": "Harbor Post", "published": "2025-03-10", "text": '
        '"Nassar inspected the Kharzan Dam on Monday with 120 engineers of the ministry."}\n'
        '{"id": "b", "source": "Khabar", "published": "2025-03-10", "text": '
        '"نصار روز شنبه از سد تیرگان با 120 مهندس وزارت بازدید کرد."}\n'
        '{"id": "c", "source": "Sahel", "published": "2025-03-10", "text": '
        '"نصار روز دوشنبه از سد خرزان با 120 مهندس وزارت بازدید کرد."}\n',
        encoding="utf-8",
    )
    store = Store(tmp_path / "w.duckdb")
    ingest([feed], store, Settings())
    report = link(store, Settings())
    claims = store.claims()
    by_word = {
        word: next(c for c, t in zip(claims["claim_id"], claims["text"], strict=True) if word in t)
        for word in ("Kharzan", "تیرگان", "خرزان")
    }
    pairs = {frozenset(p) for p in store.matches().select("claim_a_id", "claim_b_id").iter_rows()}
    # The same inspection in two languages is linked; the visit to another dam on another day
    # (two signs) is not, from either side, and the run says how many it set aside.
    assert frozenset((by_word["Kharzan"], by_word["خرزان"])) in pairs
    assert frozenset((by_word["Kharzan"], by_word["تیرگان"])) not in pairs
    assert frozenset((by_word["خرزان"], by_word["تیرگان"])) not in pairs
    assert report.other_events == 2


def test_articles_weeks_apart_are_a_quiet_sign() -> None:
    july = dt.date(2025, 7, 9)
    here = claim("Barrack met al-Sharaa in Damascus to discuss security.", "en", PUBLISHED)
    there = claim("Barrack met al-Sharaa in Damascus to discuss security.", "en", july)
    assert [describe(s) for s in frame_signs(here, there, 7)] == [
        "published: 2025-03-10 ≠ 2025-07-09"
    ]
    why = explain(here, there, 90, corroborate_min=50, conflict_min=35)
    # Alone it is not shown and does not stop a corroboration: outlets restate facts later.
    assert why.suggestion is Suggestion.CORROBORATES and why.differs == ()
    assert not why.another_event
    # With another place it is another meeting.
    istanbul = claim("Barrack met al-Sharaa in Istanbul to discuss security.", "en", july)
    why = explain(here, istanbul, 80, corroborate_min=50, conflict_min=35)
    assert why.another_event
    # A day both claims write settles when, whatever the publication dates.
    dated = claim("Barrack met al-Sharaa in Damascus on 9 March 2025.", "en", PUBLISHED)
    later = claim("Barrack met al-Sharaa in Damascus on 9 March 2025.", "en", july)
    assert frame_signs(dated, later, 7) == []
