"""Countries and provinces from `data/borders/` (Natural Earth, via `geo.borders`): named areas
whose answer is a representative point (always inside the area) plus the polygon itself.

Also answers "which province / country holds this point", which fills `admin1` and `country`
of every other source's answers and of `reverse()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from shapely import STRtree
from shapely.geometry.base import BaseGeometry

from geo import paths
from geo.geocoders.cache import cached
from geo.geocoders.gazetteer import GazetteerGeocoder, NameIndex, Place
from geo.words.names import demonym, territory_names
from geo.words.normalize import normalize

# A coastal site can fall just outside a simplified shoreline; within this many degrees
# (about 5 km) the nearest area still counts as holding it (geo.borders uses 5 km too).
COAST_TOLERANCE_DEGREES = 0.045


@dataclass
class BordersData:
    index: NameIndex
    geometries: list[BaseGeometry]


def _kind_of_province(name: str) -> str:
    return "autonomous_republic" if "autonomous republic" in normalize(name) else "province"


def _alternates(value: Any) -> list[str]:
    return [part.strip() for part in str(value or "").split("|") if part.strip()]


def _build(countries_path: Path, provinces_path: Path) -> BordersData:
    from geo.borders import read_countries, read_provinces  # geopandas: only when building

    index = NameIndex()
    geometries: list[BaseGeometry] = []
    for row in read_countries(countries_path).itertuples():
        code = str(row.iso_a2 or "").strip()
        point = row.geometry.representative_point()
        index.add_place(
            Place(
                source=f"borders:{code or normalize(row.name).replace(' ', '-')}",
                name=str(row.name),
                kind="country",
                lat=point.y,
                lon=point.x,
                country_codes=(code,) if code else (),
                country=str(row.name),
                is_area=True,
            ),
            _alternates(row.name_alt)
            + ([str(row.iso_a3)] if row.iso_a3 else [])
            + (territory_names(code) if code else []),
        )
        if code and (name := demonym(code)):
            index.add_spelling(len(index.places) - 1, name, "adjective")
        geometries.append(row.geometry)
    for row in read_provinces(provinces_path).itertuples():
        point = row.geometry.representative_point()
        code = str(row.country_iso_a2 or "").strip()
        index.add_place(
            Place(
                source=f"borders:{row.code}",
                name=str(row.name),
                kind=_kind_of_province(str(row.name)),
                lat=point.y,
                lon=point.x,
                country_codes=(code,) if code else (),
                country=str(row.country or ""),
                admin1=str(row.name),
                is_area=True,
            ),
            _alternates(row.name_alt),
        )
        geometries.append(row.geometry)
    return BordersData(index, geometries)


class AreasGeocoder(GazetteerGeocoder):
    """Countries and first-level provinces. `raw["geometry"]` of an answer is its polygon."""

    prefix = "borders"

    def __init__(
        self, countries_path: Path = paths.COUNTRIES, provinces_path: Path = paths.PROVINCES
    ) -> None:
        super().__init__()
        self.countries_path = Path(countries_path)
        self.provinces_path = Path(provinces_path)
        self._data: BordersData | None = None
        self._trees: dict[str, tuple[STRtree, list[int]]] = {}

    @property
    def data(self) -> BordersData:
        if self._data is None:
            inputs = [self.countries_path, self.provinces_path, "borders"]
            self._data = cached(
                "borders", inputs, lambda: _build(self.countries_path, self.provinces_path)
            )
            for geometry in self._data.geometries:
                shapely.prepare(geometry)
        return self._data

    def _build_index(self) -> NameIndex:
        return self.data.index

    def geometry(self, source: str) -> BaseGeometry | None:
        position = self.index.by_source.get(source)
        return None if position is None else self.data.geometries[position]

    def _tree(self, level: str) -> tuple[STRtree, list[int]]:
        if level not in self._trees:
            places = self.index.places
            wanted = [
                i
                for i, place in enumerate(places)
                if (place.kind == "country") == (level == "country")
            ]
            tree = STRtree([self.data.geometries[i] for i in wanted])
            self._trees[level] = (tree, wanted)
        return self._trees[level]

    def containing(
        self, lat: float, lon: float, level: str, country_code: str | None = None
    ) -> Place | None:
        """The country (`level="country"`) or province (`"province"`) holding the point, or
        the nearest one within about 5 km of it (a port on a simplified coast); else None.
        With `country_code`, only areas of that country count: a town on a border river
        belongs to its own country's province even where the simplified line strays."""
        tree, positions = self._tree(level)
        places = self.index.places

        def allowed(hits: Any) -> list[int]:
            found = sorted(positions[int(hit)] for hit in hits)
            if country_code:
                found = [i for i in found if country_code in places[i].country_codes]
            return found

        point = shapely.Point(lon, lat)
        found = allowed(tree.query(point, predicate="intersects"))
        if not found:
            nearby = tree.query(point.buffer(COAST_TOLERANCE_DEGREES), predicate="intersects")
            found = sorted(allowed(nearby), key=lambda i: self.data.geometries[i].distance(point))
        return places[found[0]] if found else None

    def geocode(self, query: str, *, exactly_one: bool = True, **kwargs: Any) -> Any:
        found = super().geocode(query, exactly_one=exactly_one, **kwargs)
        for location in [found] if exactly_one else found or []:
            if location is not None:
                location.raw["geometry"] = self.geometry(location.raw["source"])
        return found
