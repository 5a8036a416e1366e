"""The event at the place the sentence puts it, from invented sentences: a border area is
where the two countries named share their border, not a country's centroid; the state that
attacked is not where; a frequent word that no capital letter marks is no town."""

from __future__ import annotations

import math
from datetime import date

import pytest

from geo.extract.draft import extract_article

PUBLISHED = date(2026, 3, 10)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) pairs, in km."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dlon = math.radians(b[1] - a[1])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# (sentence, the two countries, a point on their shared border)
BORDERS = [
    (
        "Iran held military drills near the Azerbaijani border on Monday.",
        ("Iran", "Azerbaijan"),
    ),
    (
        "Am Montag begann Iran ein Manöver an der Grenze zu Aserbaidschan.",
        ("Azerbaijan", "Iran"),
    ),
    (
        "El lunes, Georgia instaló un puesto de control en la frontera con Armenia.",
        ("Georgia", "Armenia"),
    ),
]


@pytest.mark.parametrize(("text", "countries"), BORDERS)
def test_an_event_at_a_border_is_placed_on_the_border_not_at_the_centroid(
    geocoder: object, text: str, countries: tuple[str, str]
) -> None:
    (proposal,) = extract_article(text, geocoder, published=PUBLISHED).proposals  # type: ignore[arg-type]
    place = proposal.place.place
    assert place.kind == "region" and "border" in place.name
    assert place.country in countries
    side = geocoder.geocode(place.country, exactly_one=True)  # type: ignore[attr-defined]
    # far from the country's own point: the border, not the middle of the country
    assert _km((place.lat, place.lon), (side.latitude, side.longitude)) > 100


def test_a_border_without_a_second_country_keeps_the_country(geocoder: object) -> None:
    text = "On Monday shots were fired at the border in Armenia."
    proposals = extract_article(text, geocoder, published=PUBLISHED).proposals  # type: ignore[arg-type]
    assert [p.place.place.kind for p in proposals] == ["country"]


@pytest.mark.parametrize(
    "text",
    [
        "Israel struck Iran on Monday.",
        "Russia attacked Ukraine on Monday.",
        "On Monday, Azerbaijan shelled Armenia, the ministry said.",
    ],
)
def test_the_state_that_attacked_is_not_the_place(geocoder: object, text: str) -> None:
    proposals = extract_article(text, geocoder, published=PUBLISHED).proposals  # type: ignore[arg-type]
    attacker = text.split(" ")[0] if not text.startswith("On") else "Azerbaijan"
    assert proposals and all(p.place.place.name != attacker for p in proposals)


@pytest.mark.parametrize(
    ("text", "language_word"),
    [
        # Arabic "that it" (بأنه) is also how Baneh is written once its hamza is folded
        ("وقالت الوزارة بأنه لم يتم تسجيل أي ضحايا في الحادث.", "بأنه"),
        # Persian "dispatch" (اعزام) and "general" (عمومی) name small villages
        ("وزارت از اعزام نیروهای کمکی و بسیج عمومی خبر داد.", "اعزام"),
        # Azerbaijani "if" (Əgər, Eger in Hungary) and "but" (Amma) open sentences
        ("Əgər hücum təkrarlanarsa, cavab veriləcək. Amma hələlik sakitlikdir.", "Əgər"),
    ],
)
def test_a_frequent_word_no_capital_marks_is_no_place(
    geocoder: object, text: str, language_word: str
) -> None:
    places = extract_article(text, geocoder, published=PUBLISHED).places  # type: ignore[arg-type]
    assert [m.text for m in places if m.place.kind != "country"] == []


def test_a_frequent_name_of_a_big_city_is_still_a_place(geocoder: object) -> None:
    """Tabriz is a frequent word of Persian because it is a big city: it stays a place."""
    text = "انفجار در تبریز روز دوشنبه رخ داد."
    places = extract_article(text, geocoder, published=PUBLISHED).places  # type: ignore[arg-type]
    assert [m.place.name for m in places] == ["Tabriz"]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # Armenian genitives and locatives (simplemma lemmas, then the file's case endings)
        (
            "Գորիսի և Կապանի բնակիչները բողոքի ակցիա են անցկացրել Սյունիքի մարզում։",
            ["Goris", "Kapan", "Syunik"],
        ),
        # Hebrew clitics written as one word with the name: "in Armenia, in Yerevan" (a
        # town's inflected forms count in the countries the article names)
        ("הפגנה גדולה נערכה בארמניה, בירוואן.", ["Armenia", "Yerevan"]),
    ],
)
def test_an_inflected_name_meets_its_gazetteer_entry(
    geocoder: object, text: str, places: list[str]
) -> None:
    found = extract_article(text, geocoder, published=PUBLISHED).places  # type: ignore[arg-type]
    assert [m.place.name for m in found] == places


# A quake at one town, felt in others: invented, in several languages.
QUAKES = [
    ("A strong earthquake struck Khoy on Monday. It was felt in Tabriz, Urmia and Maku.", "Khūy"),
    ("Malatya'da pazartesi günü deprem meydana geldi. Deprem Elazığ ve Adıyaman'da da hissedildi.",
     "Malatya"),
    ("Ein Erdbeben hat am Montag die Stadt Van erschüttert. Die Erdstöße waren auch in Erzurum "
     "spürbar.", "Van"),
    ("Снажан земљотрес погодио је Краљево у понедељак. Потрес се осетио и у Београду.",
     "Kraljevo"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "town"), QUAKES)
def test_a_quake_is_where_it_struck_not_where_it_was_felt(
    geocoder: object, text: str, town: str
) -> None:
    proposals = extract_article(text, geocoder, published=PUBLISHED).proposals  # type: ignore[arg-type]
    assert [(p.place.place.name, p.kind) for p in proposals] == [(town, "disaster")]


# A list of places, each of its own rank (Tartar is read as its district): invented.
@pytest.mark.parametrize(
    "text",
    [
        "On Monday, Barda, Goranboy and Tartar were attacked with rockets.",
        "On Monday, Armenian forces shelled Barda, Goranboy, Tartar with rockets.",
    ],
)
def test_a_list_of_places_gives_one_incident_each(geocoder: object, text: str) -> None:
    proposals = extract_article(text, geocoder, published=PUBLISHED).proposals  # type: ignore[arg-type]
    assert [p.place.place.name for p in proposals] == ["Barda", "Goranboy", "Tartar"]


def test_a_town_and_its_province_are_no_list(geocoder: object) -> None:
    text = "On Monday, a drone struck Khoy, West Azerbaijan province."
    proposals = extract_article(text, geocoder, published=PUBLISHED).proposals  # type: ignore[arg-type]
    assert [p.place.place.name for p in proposals] == ["Khūy"]
