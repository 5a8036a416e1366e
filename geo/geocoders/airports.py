"""Airports and air bases of the world, from OurAirports through the `airportsdata` package
(public domain; one row per ICAO code with its IATA code, name, city, country and aerodrome
reference point).

Only aerodromes with an IATA code are kept (about 7,900: those with scheduled flights, and the
air bases news names by a code); a name with "Air Base" or "Air Force Base" in it is an
air base, every other one an airport. `geo_source` is `airportsdata:ICAO` (airportsdata:OIFM).
The table is read on first use (about 0.2 s), only when a text names an airport or an air base
by its town's name ("l'aéroport d'Ispahan"): the curated sites of data/gazetteer/sites.csv are
asked first.
"""

from __future__ import annotations

import re

import airportsdata

from geo.geocoders.gazetteer import GazetteerGeocoder, NameIndex, Place
from geo.words.normalize import normalize

_AIR_BASE = re.compile(r"\b(?:air base|air force base|airbase|ab)\b", re.IGNORECASE)


class AirportsGeocoder(GazetteerGeocoder):
    """Aerodromes by name (`matches`) and by town (`city_of`): kind "airport" or
    "air_base", as sites.csv writes them."""

    prefix = "airportsdata"

    def __init__(self) -> None:
        super().__init__()
        self._cities: dict[str, str] = {}

    def _build_index(self) -> NameIndex:
        index = NameIndex()
        for icao, row in airportsdata.load("ICAO").items():
            if not row.get("iata"):
                continue
            source = f"{self.prefix}:{icao}"
            name = str(row["name"])
            index.add_place(
                Place(
                    source=source,
                    name=name,
                    kind="air_base" if _AIR_BASE.search(name) else "airport",
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                    country_codes=(str(row["country"]),),
                    admin1=str(row.get("subd") or ""),
                )
            )
            self._cities[source] = normalize(str(row.get("city") or ""))
        return index

    def city_of(self, source: str) -> str:
        """The normalized name of the town an aerodrome serves ("" when OurAirports gives
        none)."""
        _ = self.index  # the table is read on first use
        return self._cities.get(source, "")
