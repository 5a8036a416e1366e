"""geo.geocoders.airports, and the aerodromes OfflineGeocoder.sites_near gives beside the
curated sites: OurAirports' reference points through airportsdata."""

from __future__ import annotations

from geo.geocoders.airports import AirportsGeocoder


def test_an_aerodrome_is_an_airport_or_an_air_base_by_its_name():
    airports = AirportsGeocoder()
    isfahan = airports.get("airportsdata:OIFM")
    base = airports.get("airportsdata:OIHS")  # Hamadan Air Base
    assert isfahan is not None and isfahan.kind == "airport"
    assert base is not None and base.kind == "air_base"
    assert isfahan.country_codes == ("IR",)
    assert airports.city_of("airportsdata:OIFM") == "isfahan"
    assert airports.get("airportsdata:ZZZZ") is None


def test_the_airport_of_a_town_is_the_one_ourairports_says_serves_it(geocoder):
    # Isfahan's airport lies 21 km out of the town; Hesa's, 33 km, serves Hesa.
    [isfahan] = geocoder.sites_near(32.6525, 51.6746, {"airport"}, 30.0, town="Isfahan")
    assert isfahan.raw["source"] == "airportsdata:OIFM"
    # Two serve Tehran (Mehrabad, and Imam Khomeini 35 km out): both, nearest first.
    tehran = geocoder.sites_near(35.6944, 51.4215, {"airport"}, 30.0, town="Tehran")
    assert [s.raw["source"] for s in tehran] == ["airportsdata:OIII", "airportsdata:OIIE"]
    # No town's name: only the radius counts.
    assert geocoder.sites_near(35.6944, 51.4215, {"airport"}, 30.0)[0].raw["name"] == (
        "Mehrabad International Airport"
    )


def test_a_curated_site_stands_for_the_aerodrome_at_its_place(geocoder):
    found = geocoder.sites_near(39.2089, 45.4584, {"airport"}, 30.0, town="Nakhchivan")
    assert [s.raw["source"] for s in found] == ["sites:nakhchivan-airport"]
    assert geocoder.get("airportsdata:OIFM").name.startswith("Esfahan")  # a geo_source read back
