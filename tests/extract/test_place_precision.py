"""Words and people's names that are no places, in invented sentences of several languages and
scripts: a given name beside a surname, a stray far from the article's places in a country
it never names, a frequent word abroad, an outlet's name."""

from __future__ import annotations

import pytest

from geo.extract.language import languages_of
from geo.extract.places import find_places, known_word


def places(text: str, geocoder: object) -> list[str]:
    found = find_places(text, geocoder, languages=languages_of(text))  # type: ignore[arg-type]
    return [m.place.name for m in found]


@pytest.mark.parametrize(
    ("text", "person", "kept"),
    [
        (
            "Am Donnerstag lud der russische Präsident, Wladimir Putin, die Außenminister "
            "nach Moskau ein.",
            "Vladimir",
            "Moscow",
        ),
        (
            "Le ministre de l'Intérieur, Ahmad Vahidi, s'est rendu à Khoy après le séisme.",
            "Al Aḩmadī",
            "Khūy",
        ),
        (
            "Predsjednik Vladimir Putin je razgovarao s kolegama u Bakuu.",
            "Vladimir",
            "Baku",
        ),
    ],
)
def test_a_given_name_beside_a_surname_is_no_town(
    geocoder: object, text: str, person: str, kept: str
) -> None:
    found = places(text, geocoder)
    assert person not in found
    assert kept in found


@pytest.mark.parametrize(
    ("text", "town"),
    [
        # Turkish writes an office with capitals; the word is in the dictionary
        ("İran Bakü Büyükelçisi Dışişleri Bakanlığına çağrıldı.", "Baku"),
        # German capitalises nouns: a noun beside a town keeps the town
        ("In Moskau Truppen zu stationieren, lehnte Baku ab.", "Moscow"),
    ],
)
def test_a_word_of_the_language_beside_a_town_keeps_it(
    geocoder: object, text: str, town: str
) -> None:
    assert town in places(text, geocoder)


def test_the_dictionary_knows_nouns_not_surnames() -> None:
    assert known_word("Truppen", "de") is True
    assert known_word("Putin", "de") is False
    assert known_word("Vahidi", "fr") is False
    assert known_word("Büyükelçisi", "tr") is True
    assert known_word("Baku", "az") is None  # no dictionary: nothing tells


@pytest.mark.parametrize(
    ("text", "stray", "kept"),
    [
        # "the authorities of Baku": سلطات is no Settat in Morocco
        ("وقالت سلطات باكو إن مدينة كنجة تعرضت للقصف.", "Settat", "Ganja"),
        # "between Europe and Asia": Asiya is no Ashiya in Japan
        (
            "Bakıda keçirilən görüşdə Avropa və Asiya arasında yeni dəhliz müzakirə olunub.",
            "Ashiya",
            "Baku",
        ),
        # a square named after freedom is no Libertad in the Philippines
        (
            "Los manifestantes marcharon hacia la Plaza de la Libertad en Tiflis, Georgia.",
            "Libertad",
            "Tbilisi",
        ),
    ],
)
def test_a_stray_far_from_every_other_place_is_a_word(
    geocoder: object, text: str, stray: str, kept: str
) -> None:
    found = places(text, geocoder)
    assert stray not in found
    assert kept in found


@pytest.mark.parametrize(
    ("text", "far"),
    [
        ("Die Außenminister trafen sich in Genf, um über Armenien zu sprechen.", "Geneva"),
        ("اجتمع وزراء خارجية أرمينيا وأذربيجان في جنيف.", "Geneva"),
        ("In Moskau Truppen zu stationieren, lehnte Baku ab.", "Baku"),  # a capital
    ],
)
def test_a_far_place_written_as_a_place_or_a_capital_stays(
    geocoder: object, text: str, far: str
) -> None:
    assert far in places(text, geocoder)


def test_a_frequent_word_abroad_is_the_word(geocoder: object) -> None:
    # قوله, "his saying", is four times as frequent as Kavála (Greece) would be written
    text = "ونقلت الصحيفة عن أحد السكان قوله إن الزلزال دمر المنازل في تركيا."
    assert places(text, geocoder) == ["Türkiye"]


@pytest.mark.parametrize(
    "text",
    [
        'من جانبها قالت صحيفة "ديلي صباح" إن الزلزال ضرب تركيا.',
        "Según el canal Rustavi 2, la policía detuvo a varios manifestantes en Tiflis.",
        "Selon la chaîne Rustavi 2, la police a arrêté des manifestants à Tbilissi.",
    ],
)
def test_a_name_after_an_outlet_word_is_the_outlet(geocoder: object, text: str) -> None:
    found = places(text, geocoder)
    assert "Dili" not in found and "Rustavi" not in found
    assert found  # the place of the story stays


def test_without_the_outlet_word_the_town_is_read(geocoder: object) -> None:
    text = "La police a arrêté des manifestants à Rustavi et à Tbilissi."
    assert places(text, geocoder) == ["Rustavi", "Tbilisi"]


def _drafted_countries(text: str, geocoder: object) -> list[str]:
    from datetime import date

    from geo.extract.draft import draft_collection, extract_article

    extraction = extract_article(text, geocoder, published=date(2026, 3, 11))  # type: ignore[arg-type]
    return [
        f["properties"]["name"]
        for f in draft_collection(extraction)["features"]
        if f["properties"].get("kind") == "country"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Turkish Foreign Minister Hakan Fidan arrived in Azerbaijan on Tuesday.",
        "Турецкий министр иностранных дел прибыл в Азербайджан во вторник.",
        "Der türkische Außenminister traf am Dienstag in Aserbaidschan ein.",
    ],
)
def test_a_country_named_only_by_its_adjective_is_no_draft(geocoder: object, text: str) -> None:
    drafted = _drafted_countries(text, geocoder)
    assert "Azerbaijan" in drafted
    assert "Türkiye" not in drafted


def test_a_country_named_by_its_name_too_is_drafted(geocoder: object) -> None:
    text = "Турецкий министр прибыл в Азербайджан. Турция поддержала Баку."
    assert {"Azerbaijan", "Türkiye"} <= set(_drafted_countries(text, geocoder))


@pytest.mark.parametrize(
    "text",
    [
        "Zamachy były przygotowywane przeciwko ambasadzie Izraela w Baku, podał Azerbejdżan.",
        "A célpontok között volt Izrael bakui nagykövetsége is, közölte Azerbajdzsán.",
        "وكانت سفارة إسرائيل في باكو من بين الأهداف، بحسب أذربيجان.",
        "İsrail'in Bakü Büyükelçiliği hedefler arasındaydı, dedi Azerbaycan.",
    ],
)
def test_a_country_named_only_as_an_embassys_owner_is_no_draft(geocoder: object, text: str) -> None:
    drafted = _drafted_countries(text, geocoder)
    assert "Azerbaijan" in drafted
    assert "Israel" not in drafted


def test_an_embassy_in_a_country_names_the_country_as_a_place(geocoder: object) -> None:
    text = "Azerbaijan opened an embassy in Israel."
    assert {"Azerbaijan", "Israel"} <= set(_drafted_countries(text, geocoder))


@pytest.mark.parametrize(
    ("text", "ministry"),
    [
        ("Azerbaycan Dışişleri Bakanlığı saldırıyı kınadı.", False),
        ("Türkiye Dışişleri Bakanlığı saldırıyı kınadı.", True),
        ("Dışişleri Bakanlığı saldırıyı kınadı.", True),
    ],
)
def test_a_generic_ministry_beside_another_country_is_that_countrys(
    geocoder: object, text: str, ministry: bool
) -> None:
    found = places(text, geocoder)
    assert ("Ministry of Foreign Affairs of Türkiye" in found) is ministry


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Президент России Владимир Путин провел переговоры в Москве.", "Moscow"),
        ("Rusya Devlet Başkanı Vladimir Putin, Moskova'da açıklama yaptı.", "Moscow"),
        ("Prezydent Rosji Władimir Putin przyjechał do Baku.", "Baku"),
    ],
)
def test_a_given_name_after_a_title_is_no_town(geocoder: object, text: str, kept: str) -> None:
    # the dictionaries of Russian and Turkish know "Путин" and "Putin": the title tells
    found = places(text, geocoder)
    assert "Vladimir" not in found
    assert kept in found


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Мэр Тбилиси Каха Каладзе заявил о протестах.", "Tbilisi"),  # a capital
        ("Мэр Гянджи Ниязи Байрамов сообщил об ударе.", "Ganja"),  # two names after it
    ],
)
def test_a_town_after_a_title_with_its_official_stays(
    geocoder: object, text: str, town: str
) -> None:
    assert town in places(text, geocoder)


def test_a_generic_ministry_once_another_countrys_is_so_all_through(geocoder: object) -> None:
    text = (
        "Azerbaycan Dışişleri Bakanlığı saldırıyı kınadı. İran'ın Bakü Büyükelçisi "
        "Dışişleri Bakanlığı'na çağrıldı."
    )
    assert "Ministry of Foreign Affairs of Türkiye" not in places(text, geocoder)


def test_a_province_abroad_named_by_a_frequent_word_is_the_word(geocoder: object) -> None:
    # "Centre" is an alternate name of Israel's Central District; its own reading names
    # Israel, which is no evidence for it
    text = (
        "Selon le Centre sismologique euro-méditerranéen, le séisme a frappé Khoy, près de "
        "la frontière avec la Turquie."
    )
    assert "Central" not in places(text, geocoder)


def test_a_german_noun_is_no_town_for_its_capital_letter(geocoder: object) -> None:
    """German capitalises every noun (de.toml `nouns_capitalised`): a frequent one is the
    word ("Lage", situation; "Rede", speech), a town written as often stays ("Essen")."""
    text = "Die Lage bleibt angespannt, sagte er in einer Rede in Essen."
    found = find_places(text, geocoder, languages=languages_of(text))  # type: ignore[arg-type]
    assert [m.place.name for m in found] == ["Essen"]


def _drafted_names(text: str, geocoder: object) -> list[str]:
    from datetime import date

    from geo.extract.draft import draft_collection, extract_article

    extraction = extract_article(text, geocoder, published=date(2026, 3, 11))  # type: ignore[arg-type]
    return [
        f["properties"]["name"]
        for f in draft_collection(extraction)["features"]
        if f["properties"].get("layer") != "incident"
    ]


# A line that only stamps the story (a time of day or a news agency's word, with the city it
# was filed in) tells where the story was filed: that city is no place of the story.
@pytest.mark.parametrize(
    "text",
    [
        "2026.03.09 | 14:20 Damascus\n\nAn explosion damaged a warehouse in Ganja on Monday.",
        "إسطنبول ـ وكالات\n\nقالت السلطات إن انفجارا وقع في مدينة كنجة يوم الاثنين.",
        "Стамбул – агентства\n\nВ понедельник в Гяндже прогремел взрыв.",
        "Istanbul - agencies\n\nOn Monday an explosion damaged a warehouse in Ganja.",
    ],
)
def test_a_city_named_only_in_a_stamp_line_is_no_draft(geocoder: object, text: str) -> None:
    drafted = _drafted_names(text, geocoder)
    assert "Ganja" in drafted
    assert "Damascus" not in drafted and "Istanbul" not in drafted


def test_a_dateline_city_named_again_in_the_story_stays(geocoder: object) -> None:
    text = "Istanbul - agencies\n\nOn Monday an explosion damaged a warehouse in Istanbul."
    assert "Istanbul" in _drafted_names(text, geocoder)


@pytest.mark.parametrize(
    "text",
    [
        "Данных о погибших нет. Взрыв прогремел в Гяндже.",  # "of data": no Дания (Denmark)
        "Danych o ofiarach brak. Wybuch nastąpił w Gandży.",
        "Даних про загиблих немає. Вибух стався в Гянджі.",
    ],
)
def test_a_sentences_first_word_that_is_a_form_of_another_word_is_no_country(
    geocoder: object, text: str
) -> None:
    """A capital that only opens the sentence marks no name: a word the language's
    dictionary lemmatizes to another word is that word, though its stem meets a country's."""
    assert "Denmark" not in places(text, geocoder)


@pytest.mark.parametrize(
    "text",
    [
        "Ирана власти молчат. Грузии пообещали помощь.",
        "Gruzji władze obiecały pomoc.",
        "Irans Regierung schweigt.",
        "Грузії уряд пообіцяв допомогу.",
    ],
)
def test_a_country_inflected_at_a_sentences_start_stays(geocoder: object, text: str) -> None:
    found = places(text, geocoder)
    assert found and set(found) <= {"Iran", "Georgia"}
