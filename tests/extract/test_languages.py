"""One short invented report per language that ../shared/news/articles.json lacks: each must
give the incident's place (a facility word names the town's curated site), its date as
written, its event and its figure, and a capital that denies it is no place of the event."""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.draft import extract_article

AIRPORT = "sites:nakhchivan-airport"
PUBLISHED = date(2026, 3, 11)
TUESDAY = date(2026, 3, 10)

# language -> (text, place source or name, the capital that only speaks)
REPORTS: dict[str, tuple[str, str, str]] = {
    "az": (
        "Naxçıvan hava limanına Martın 10-da dron hücumu olub, üç nəfər yaralanıb. "
        "Tehran hücumla bağlı iddianı təkzib edib.",
        AIRPORT,
        "Tehran",
    ),
    "ar": (
        "في 10 مارس 2026 أصابت طائرة مسيرة مطار نخجوان وأصيب ثلاثة أشخاص. "
        "ونفت طهران أي صلة بالهجوم.",
        AIRPORT,
        "Tehran",
    ),
    "fr": (
        "Le mardi 10 mars 2026, un drone a frappé l'aéroport de Nakhitchevan et trois "
        "personnes ont été blessées. Téhéran a démenti toute attaque.",
        AIRPORT,
        "Tehran",
    ),
    "de": (
        "Am Dienstag, dem 10. März 2026, traf eine Drohne den Flughafen von Nachitschewan; "
        "drei Menschen wurden verletzt. Teheran bestritt jeden Angriff.",
        AIRPORT,
        "Tehran",
    ),
    "it": (
        "Martedì 10 marzo 2026 un drone ha colpito l'aeroporto di Nakhchivan e tre persone "
        "sono rimaste ferite. Teheran ha smentito l'attacco.",
        AIRPORT,
        "Tehran",
    ),
    "sr": (
        "U utorak, 10. marta 2026. godine, dron je pogodio aerodrom u Nahičevanu u "
        "Azerbejdžanu, a tri osobe su ranjene. Teheran je negirao napad.",
        AIRPORT,
        "Tehran",
    ),
    "hr": (
        "Dron je u utorak, 10. ožujka 2026., pogodio zračnu luku u Nahičevanu u "
        "Azerbajdžanu, a ranjene su tri osobe. Teheran je negirao napad.",
        AIRPORT,
        "Tehran",
    ),
    "uk": (
        "У вівторок, 10 березня 2026 року, дрон атакував аеропорт Нахічевані в Азербайджані, "
        "троє людей поранені. Тегеран заперечив атаку.",
        AIRPORT,
        "Tehran",
    ),
    "ka": (
        "2026 წლის 10 მარტს საქართველოში, ბათუმის ნავსადგურთან დრონი აფეთქდა, სამი "
        "ადამიანი დაშავდა. თბილისმა თავდასხმა დაგმო.",
        "Batumi",
        "Tbilisi",
    ),
}


@pytest.mark.parametrize("language", sorted(REPORTS))
def test_a_report_gives_place_date_event_and_figure(geocoder: object, language: str) -> None:
    text, where, speaker = REPORTS[language]
    extraction = extract_article(text, geocoder, published=PUBLISHED)  # type: ignore[arg-type]
    strikes = [p for p in extraction.proposals if p.sub_event_type == "Air/drone strike"]
    assert strikes, [(p.place.text, p.sub_event_type) for p in extraction.proposals]
    strike = strikes[0]
    assert where in (strike.place.place.source, strike.place.place.name)
    assert (strike.day, strike.precision) == (TUESDAY, 1)
    assert ("injured", 3) in [(f.name, f.value) for f in strike.figures]
    assert speaker not in [p.place.place.name for p in extraction.proposals]


def test_a_facility_word_without_a_curated_site_keeps_the_town(geocoder: object) -> None:
    text = "Un drone a frappé l'aéroport d'Ordubad, en Azerbaïdjan, le 10 mars 2026."
    extraction = extract_article(text, geocoder, published=PUBLISHED)  # type: ignore[arg-type]
    (strike,) = extraction.proposals
    assert strike.place.place.name == "Ordubad"


def test_the_day_before_counts_from_the_date_told_before(geocoder: object) -> None:
    text = (
        "Le 10 mars 2026, un drone a frappé l'aéroport de Nakhitchevan. La veille, un missile "
        "avait été intercepté au-dessus d'Ordubad, en Azerbaïdjan."
    )
    extraction = extract_article(text, geocoder, published=PUBLISHED)  # type: ignore[arg-type]
    by_place = {p.place.place.name: p.day for p in extraction.proposals}
    assert by_place["Ordubad"] == date(2026, 3, 9)


def test_a_south_slavic_j_is_the_y_of_a_romanised_name(geocoder: object) -> None:
    # "Hataj" is in no gazetteer; read as "Hatay" once Türkiye is named ("Hadano" and "Hātā",
    # which its stem also meets, lie elsewhere).
    text = "Dana 9. marta 2026. raketa je presretnuta iznad provincije Hataj u Turskoj."
    extraction = extract_article(text, geocoder, published=PUBLISHED)  # type: ignore[arg-type]
    (interception,) = extraction.proposals
    assert interception.place.place.name == "Hatay"
    assert interception.day == date(2026, 3, 9)
    assert interception.sub_event_type == "Disrupted weapons use"


def test_a_georgian_case_form_with_its_dropped_vowel_finds_the_name(geocoder: object) -> None:
    # ნახჭევანი in the genitive drops its last vowel (ნახჭევნის); the name is found
    # through its romanisation, in the country the text names, and the airport word after it
    # makes the event the airport's.
    text = "2026 წლის 10 მარტს აზერბაიჯანში ნახჭევნის აეროპორტს დრონი დაეჯახა."
    extraction = extract_article(text, geocoder, published=PUBLISHED)  # type: ignore[arg-type]
    (strike,) = extraction.proposals
    assert strike.place.place.source == AIRPORT
    assert strike.day == TUESDAY


# A province named with its province word, in each language's word order and case: the name
# is the province, not its capital (Antakya is "Hatay" in GeoNames too) nor a town elsewhere
# (Gjilan is "گیلان"). The Persian and Arabic names come from Natural Earth's name_fa/name_ar.
PROVINCE_REPORTS: dict[str, tuple[str, str]] = {
    "it": ("Il 9 marzo 2026 un missile è stato abbattuto nella provincia di Hatay.", "Hatay"),
    "uk": ("9 березня 2026 року ракету збили у провінції Хатай.", "Hatay"),
    "uk-instrumental": ("9 березня 2026 року ракету збили над провінцією Хатай.", "Hatay"),
    "ru": ("9 марта 2026 года ракету сбили в провинции Хатай в Турции.", "Hatay"),
    "ka": ("2026 წლის 9 მარტს თურქეთში, ჰატაის პროვინციაში რაკეტა ჩამოაგდეს.", "Hatay"),
    "ka-genitive": (
        "2026 წლის 9 მარტს თურქეთში ჰატაის პროვინციის თავზე რაკეტა ჩამოაგდეს.",
        "Hatay",
    ),
    "tr": ("9 Mart 2026'da Hatay ilinde bir füze düşürüldü.", "Hatay"),
    "tr-two-words": (
        "9 Mart 2026'da İran'ın Doğu Azerbaycan eyaletinde bir İHA düşürüldü.",
        "East Azerbaijan",
    ),
    "ru-two-words": (
        "9 марта 2026 года беспилотник сбили в провинции Восточный Азербайджан.",
        "East Azerbaijan",
    ),
    "fa": ("در ۱۸ اسفند ۱۴۰۴ یک موشک در استان هاتای ترکیه رهگیری شد.", "Hatay"),
    "fa-gilan": ("در ۱۸ اسفند ۱۴۰۴ یک پهپاد در استان گیلان ایران ساقط شد.", "Gilan"),
    "ar": ("في 9 مارس 2026 أسقطت طائرة مسيرة فوق محافظة أردبيل في إيران.", "Ardabil"),
    "de": ("Am 9. März 2026 wurde über der Provinz Hatay eine Rakete abgefangen.", "Hatay"),
    "fr": ("Le 9 mars 2026, un drone a été abattu dans la province d'Ardabil, en Iran.", "Ardabil"),
    "pl": ("9 marca 2026 r. w prowincji Hatay zestrzelono rakietę.", "Hatay"),
    "hu": ("2026. március 9-én rakétát lőttek le Hatay tartományban.", "Hatay"),
    "sr": ("Dana 9. marta 2026. dron je oboren iznad provincije Ardabil u Iranu.", "Ardabil"),
    "az": ("9 mart 2026-cı ildə İranın Ərdəbil ostanında dron vuruldu.", "Ardabil"),
    "en": ("On 9 March 2026 a drone was shot down over Mazandaran province in Iran.", "Mazandaran"),
}


@pytest.mark.parametrize("case", sorted(PROVINCE_REPORTS))
def test_a_province_word_makes_the_name_the_province(geocoder: object, case: str) -> None:
    text, province = PROVINCE_REPORTS[case]
    extraction = extract_article(text, geocoder, published=PUBLISHED)  # type: ignore[arg-type]
    places = [(p.place.place.name, p.place.place.kind) for p in extraction.proposals]
    assert places == [(province, "province")]
    # every report here tells of a weapon shot down, with the verb's prefix split off too
    # in Hungarian ("lőttek le")
    assert [p.sub_event_type for p in extraction.proposals] == ["Disrupted weapons use"]


def test_an_ordinary_word_that_is_also_a_province_name_is_no_place(geocoder: object) -> None:
    # Natural Earth calls Markazi "مرکزی" (central) in Persian: the central bank is no province.
    text = "در ۱۸ اسفند ۱۴۰۴ بانک مرکزی ایران اعلام کرد که یک پهپاد بر فراز تبریز ساقط شد."
    extraction = extract_article(text, geocoder, published=PUBLISHED)  # type: ignore[arg-type]
    assert "Markazi" not in [m.place.name for m in extraction.places]


@pytest.mark.parametrize(
    "text",
    [
        "Des drones ont frappé l'aéroport d'Ispahan vendredi.",
        "İsfahan havalimanına cuma günü bir İHA saldırısı düzenlendi.",
        "پهپادها روز جمعه به فرودگاه اصفهان حمله کردند.",
        "Беспилотники атаковали аэропорт Исфахана в пятницу.",
    ],
    ids=["fr", "tr", "fa", "ru"],
)
def test_a_town_s_airport_without_a_curated_site_is_ourairports_one(geocoder, text) -> None:
    """A town named with its airport word: the airport that serves it (OurAirports through
    airportsdata, 21 km out of Isfahan), not the town's centre."""
    extraction = extract_article(text, geocoder, published=PUBLISHED)  # type: ignore[arg-type]
    (strike,) = extraction.proposals
    assert strike.place.place.source == "airportsdata:OIFM"


def test_a_town_two_airports_serve_keeps_the_town(geocoder) -> None:
    text = "A drone struck Tehran airport on 10 March 2026."
    extraction = extract_article(text, geocoder, published=PUBLISHED)  # type: ignore[arg-type]
    (strike,) = extraction.proposals
    assert strike.place.place.name == "Tehran"
