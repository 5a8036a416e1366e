"""Events of the kinds a map of the region needs beyond strikes and clashes, from invented
sentences (none is an article's): a railway's groundbreaking or first train, a crossing opened
or closed, a convoy; verbs that tell an event only beside their subject (a helicopter that
fell); one event per dated clause; weekdays written with a clitic, a case ending or a part
of the day in one word."""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.dates import find_dates
from geo.extract.draft import extract_article
from geo.extract.proposals import _event_kind
from geo.words.lexicon import LANGUAGES

# language -> an invented sentence of a groundbreaking, an opening or a first train
INFRASTRUCTURE: dict[str, str] = {
    "en": "The first train from the coast arrived at the new station.",
    "tr": "Yeni demiryolu hattının temeli bugün düzenlenen törenle atıldı.",
    "az": "Yeni dəmir yolu xəttinin təməlqoyma mərasimi keçirilib.",
    "ru": "Первый поезд прибыл на новую станцию.",
    "uk": "Перший поїзд прибув на нову станцію.",
    "de": "Der Grundstein für die neue Bahnlinie wurde gelegt.",
    "fr": "La première pierre de la nouvelle ligne a été posée.",
    "es": "Se colocó la primera piedra de la nueva línea férrea.",
    "it": "È stata posata la prima pietra della nuova ferrovia.",
    "pl": "Wmurowano kamień węgielny pod nową linię kolejową.",
    "hu": "Letették az új vasútvonal alapkövét.",
    "sr": "Položen je kamen temeljac za novu prugu.",
    "hr": "Položen je kamen temeljac za novu prugu.",
    "bs": "Položen je kamen temeljac za novu prugu.",
    "ar": "وضع حجر الأساس لخط السكة الحديدية الجديد.",
    "fa": "کلنگ ساخت راه آهن جدید به زمین زده شد.",
    "he": "הונחה אבן הפינה לקו הרכבת החדש.",
    "hy": "Առաջին գնացքը ժամանեց նոր կայարան։",
    "ka": "პირველი მატარებელი ახალ სადგურზე ჩამოვიდა.",
}


@pytest.mark.parametrize("language", sorted(INFRASTRUCTURE))
def test_a_groundbreaking_or_a_first_train_is_an_infrastructure_event(language: str) -> None:
    found = _event_kind(INFRASTRUCTURE[language], language)
    assert found is not None and found[3] == "infrastructure"
    assert found[:2] == ("Strategic developments", "Other")


def test_every_language_tells_an_infrastructure_event() -> None:
    assert set(INFRASTRUCTURE) == set(LANGUAGES)


# (sentence, language, kind): a verb that needs its subject, with words between them
WITH_SUBJECT = [
    ("Askeri helikopter dün öğleden sonra dağlık bölgede düştü.", "tr", "accident"),
    ("Военный вертолёт в понедельник упал в горах.", "ru", "accident"),
    ("سقطت مروحية عسكرية في منطقة جبلية.", "ar", "accident"),
    ("A small plane with four people on board fell into the lake.", "en", "accident"),
    ("Ein Hubschrauber der Armee stürzte am Montag in den Bergen ab.", "de", "accident"),
    ("Una avioneta con cuatro personas a bordo cayó en la montaña.", "es", "accident"),
    ("Wojskowy śmigłowiec spadł w górach.", "pl", "accident"),
    ("The border crossing was closed on Monday.", "en", "infrastructure"),
    ("Sınır kapısı pazartesi günü kapatıldı.", "tr", "infrastructure"),
    ("Пограничный переход был закрыт в понедельник.", "ru", "infrastructure"),
    ("La frontière a été fermée lundi.", "fr", "infrastructure"),
    ("Der Grenzübergang wurde am Montag geschlossen.", "de", "infrastructure"),
    ("La frontera fue cerrada el lunes.", "es", "infrastructure"),
    ("Սահմանը փակվել է երկուշաբթի։", "hy", "infrastructure"),
    ("საზღვარი ორშაბათს დაიკეტა.", "ka", "infrastructure"),
]


@pytest.mark.parametrize(("sentence", "language", "kind"), WITH_SUBJECT)
def test_a_verb_tells_its_event_with_its_subject_a_few_words_away(
    sentence: str, language: str, kind: str
) -> None:
    found = _event_kind(sentence, language)
    assert found is not None and found[3] == kind


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Petrol fiyatları geçen hafta yüzde beş düştü.", "tr"),  # prices fell
        ("Prices fell sharply last week.", "en"),
        ("Цены на нефть упали.", "ru"),
        ("سقط المطر بغزارة.", "ar"),  # rain fell
        ("The shop was closed on Monday.", "en"),
        ("The helicopter landed safely; later the old wall fell.", "en"),  # another clause
    ],
)
def test_the_verb_without_its_subject_tells_no_event(sentence: str, language: str) -> None:
    assert _event_kind(sentence, language) is None


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("A military convoy moved through the valley.", "en"),
        ("Askeri konvoy vadiden geçti.", "tr"),
        ("Военная колонна техники прошла через долину.", "ru"),
        ("Ein Militärkonvoi fuhr durch das Tal.", "de"),
    ],
)
def test_a_convoy_is_a_change_to_group_activity(sentence: str, language: str) -> None:
    found = _event_kind(sentence, language)
    assert found is not None and found[:2] == ("Strategic developments", "Change to group/activity")


PUBLISHED = date(2026, 3, 12)


@pytest.mark.parametrize(
    "text",
    [
        "Drones struck Ganja on 4 March and Barda on 6 March.",
        "On 4 March a drone hit Ganja; on 6 March another struck Barda.",
        "4 Mart'ta Gence'ye, 6 Mart'ta Berde'ye saldırı düzenlendi.",
        "4 марта беспилотник атаковал Гянджу, а 6 марта — Барду.",
    ],
)
def test_two_dated_events_in_one_sentence_are_two_proposals(geocoder: object, text: str) -> None:
    proposals = extract_article(text, geocoder, published=PUBLISHED).proposals  # type: ignore[arg-type]
    assert sorted((p.day, p.place.place.name) for p in proposals) == [
        (date(2026, 3, 4), "Ganja"),
        (date(2026, 3, 6), "Barda"),
    ]


def test_a_dated_clause_with_no_place_of_its_own_proposes_nothing(geocoder: object) -> None:
    """ "Contrary to the agreement of 10 November 2020": a background date, no event."""
    text = (
        "Contrary to the agreement of 10 November 2020, a checkpoint was set up near Lachin "
        "on 3 March."
    )
    proposals = extract_article(text, geocoder, published=PUBLISHED).proposals  # type: ignore[arg-type]
    assert [(p.day, p.kind) for p in proposals] == [(date(2026, 3, 3), "base")]


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("ביום חמישי נפצעו שני חיילים.", date(2026, 3, 12)),  # Hebrew: "on Thursday", clitic
        ("ხუთშაბათს ორი ჯარისკაცი დაიჭრა.", date(2026, 3, 12)),  # Georgian dative
        ("Montagabend gab es Beschuss.", date(2026, 3, 9)),  # German: Monday evening
        ("Am Dienstagmorgen gab es Beschuss.", date(2026, 3, 10)),
    ],
)
def test_a_weekday_with_a_clitic_an_ending_or_a_part_of_the_day(phrase: str, day: date) -> None:
    (mention,) = find_dates(phrase, PUBLISHED)  # a Thursday
    assert mention.day == day


def test_a_year_written_before_the_month_with_its_word_for_year() -> None:
    (mention,) = find_dates("1899 թվականի փետրվարի 7-ին առաջին գնացքը ժամանեց։", PUBLISHED)
    assert mention.day == date(1899, 2, 7)


@pytest.mark.parametrize(
    "text",
    [
        "Drones struck Barda, where fighting has raged since Monday, on Wednesday.",
        "Am Mittwoch trafen Drohnen Barda, wo seit Montag gekämpft wird.",
        "Pazartesiden beri çatışmaların sürdüğü Berde'ye çarşamba günü İHA saldırısı düzenlendi.",
    ],
)
def test_a_states_start_does_not_date_the_event_told_beside_it(geocoder: object, text: str) -> None:
    """ "Since Monday" dates when the fighting began; the strike is Wednesday's."""
    proposals = extract_article(text, geocoder, published=PUBLISHED).proposals  # type: ignore[arg-type]
    assert [p.day for p in proposals] == [date(2026, 3, 11)]


@pytest.mark.parametrize(
    "text",
    [
        "Clashes have continued near Barda since 27 February.",
        "Berde yakınlarında 27 Şubat'tan bu yana çatışmalar sürüyor.",
        "Бои у Барды продолжаются с 27 февраля.",
    ],
)
def test_a_state_that_goes_on_is_dated_by_its_start(geocoder: object, text: str) -> None:
    """ACLED dates an event by its day; a state that goes on is no event of the day the
    article is published, but its start is one."""
    proposals = extract_article(text, geocoder, published=PUBLISHED).proposals  # type: ignore[arg-type]
    assert [p.day for p in proposals] == [date(2026, 2, 27)]
