"""Every RFC 7946 geometry type goes through the checks of meaning with the rules of a Point:
in the country (and province) it names, swapped pairs named as such, ranges, the antimeridian.
Parametrised over the types and over places, not over one handed input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from geo.problems import Problem
from geo.schema import SOURCE_COLUMNS
from geo.validate import check_text

D = 0.05  # degrees: small shapes around a place, well inside its province

Builder = Callable[[float, float], dict]


def _square(x: float, y: float) -> list[list[float]]:
    """A counterclockwise ring around (x, y)."""
    return [[x - D, y - D], [x + D, y - D], [x + D, y + D], [x - D, y + D], [x - D, y - D]]


GEOMETRIES: dict[str, Builder] = {
    "Point": lambda x, y: {"type": "Point", "coordinates": [x, y]},
    "MultiPoint": lambda x, y: {"type": "MultiPoint", "coordinates": [[x, y], [x + D, y + D]]},
    "LineString": lambda x, y: {"type": "LineString", "coordinates": [[x - D, y], [x + D, y + D]]},
    "MultiLineString": lambda x, y: {
        "type": "MultiLineString",
        "coordinates": [[[x - D, y], [x, y + D]], [[x, y - D], [x + D, y]]],
    },
    "Polygon": lambda x, y: {"type": "Polygon", "coordinates": [_square(x, y)]},
    "MultiPolygon": lambda x, y: {
        "type": "MultiPolygon",
        "coordinates": [[_square(x, y)], [_square(x + 3 * D, y)]],
    },
    "GeometryCollection": lambda x, y: {
        "type": "GeometryCollection",
        "geometries": [
            {"type": "Point", "coordinates": [x, y]},
            {"type": "LineString", "coordinates": [[x - D, y - D], [x + D, y + D]]},
        ],
    },
}
# (lon, lat, country, admin1): places whose swapped position lies in another country.
PLACES = [
    (45.41, 39.21, "Azerbaijan", "Nakhchivan Autonomous Republic"),
    (32.85, 39.92, "Türkiye", "Ankara"),
    (51.42, 35.69, "Iran", "Tehran"),
]
ELSEWHERE = (44.51, 40.18, "Armenia")  # Yerevan: no country above names it


def _swap(value: object) -> object:
    """Every position [lon, lat] written [lat, lon]."""
    if isinstance(value, list) and value and all(isinstance(n, float) for n in value):
        return [value[1], value[0]]
    if isinstance(value, list):
        return [_swap(v) for v in value]
    if isinstance(value, dict):
        return {
            k: (_swap(v) if k in ("coordinates", "geometries") else v) for k, v in value.items()
        }
    return value


def _members(geometry: dict) -> int:
    """How many Points, LineStrings and Polygons the geometry holds."""
    if geometry["type"] == "GeometryCollection":
        return sum(_members(g) for g in geometry["geometries"])
    return len(geometry["coordinates"]) if geometry["type"].startswith("Multi") else 1


@pytest.fixture()
def sources(tmp_path: Path) -> Path:
    path = tmp_path / "sources.csv"
    row = {"id": "src-a", "outlet": "An outlet", "published": "2026-03-09"}
    row["published_precision"] = "1"
    lines = [",".join(SOURCE_COLUMNS), ",".join(row.get(c, "") for c in SOURCE_COLUMNS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _check(sources: Path, geometry: dict, country: str, admin1: str | None = None) -> list[Problem]:
    properties = {
        "layer": "incident",
        "name": "Something happened",
        "event_date": "2026-03-04",
        "time_precision": 1,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "country": country,
        "claim_status": "unverified",
        "sources": ["src-a"],
    }
    if admin1:
        properties["admin1"] = admin1
    feature = {"type": "Feature", "id": "f-1", "properties": properties, "geometry": geometry}
    document = {"type": "FeatureCollection", "features": [feature]}
    text = json.dumps(document, indent=2)
    _, problems = check_text(text, str(sources.parent / "f.geojson"))
    return problems


def _errors(problems: list[Problem], prop: str) -> list[Problem]:
    return [p for p in problems if p.severity == "error" and p.property == prop]


@pytest.mark.parametrize("place", PLACES, ids=[p[2] for p in PLACES])
@pytest.mark.parametrize("kind", GEOMETRIES)
def test_a_shape_in_its_country_and_province_passes(sources, kind, place):
    lon, lat, country, admin1 = place
    problems = _check(sources, GEOMETRIES[kind](lon, lat), country, admin1)
    assert not [p for p in problems if p.severity == "error"], [p.format() for p in problems]


@pytest.mark.parametrize("place", PLACES, ids=[p[2] for p in PLACES])
@pytest.mark.parametrize("kind", GEOMETRIES)
def test_swapped_pairs_are_an_error_naming_line_feature_and_the_swap(sources, kind, place):
    lon, lat, country, _ = place
    geometry = _swap(GEOMETRIES[kind](lon, lat))
    problems = _check(sources, geometry, country)
    errors = _errors(problems, "country")
    assert len(errors) == _members(geometry), [p.format() for p in problems]
    for error in errors:
        assert error.feature_id == "f-1" and error.path.endswith("f.geojson")
        assert error.line > 1
        assert f"lies outside {country}" in error.message
        assert "swapped" in error.message and "[longitude, latitude]" in error.message


@pytest.mark.parametrize("place", PLACES, ids=[p[2] for p in PLACES])
@pytest.mark.parametrize("kind", GEOMETRIES)
def test_a_shape_in_another_country_names_where_it_lies(sources, kind, place):
    country = place[2]
    geometry = GEOMETRIES[kind](*ELSEWHERE[:2])
    errors = _errors(_check(sources, geometry, country), "country")
    assert errors and all(f"in {ELSEWHERE[2]}, not in {country}" in e.message for e in errors)


@pytest.mark.parametrize("kind", GEOMETRIES)
def test_a_shape_in_another_province_of_its_country_is_an_error(sources, kind):
    lon, lat, country, _ = PLACES[2]  # Tehran, said to be in Ardabil
    errors = _errors(_check(sources, GEOMETRIES[kind](lon, lat), country, "Ardabil"), "admin1")
    assert errors and all("lies in Tehran" in e.message for e in errors)


@pytest.mark.parametrize("kind", GEOMETRIES)
def test_a_shape_off_the_globe_is_an_error(sources, kind):
    """One error per Point, LineString and Polygon off the globe (not one per position)."""
    geometry = GEOMETRIES[kind](45.41, 95.0)
    errors = [p for p in _check(sources, geometry, "Azerbaijan") if p.severity == "error"]
    assert len(errors) == _members(geometry), [p.format() for p in errors]
    assert all("is outside -90..90" in error.message for error in errors)


# In Russia: [lat, lon] of Moscow lies in Turkmenistan, of Vladivostok beyond latitude 90.
MOSCOW, VLADIVOSTOK = [55.75, 37.62], [43.12, 131.89]


@pytest.mark.parametrize(
    ("geometry", "where"),
    [
        (
            {"type": "MultiPoint", "coordinates": [MOSCOW, VLADIVOSTOK]},
            ["coordinates[0]: ", "coordinates[1]: "],
        ),
        (
            {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Point", "coordinates": MOSCOW},
                    {"type": "Point", "coordinates": VLADIVOSTOK},
                ],
            },
            ["geometries[0]: ", "geometries[1]: "],
        ),
    ],
    ids=["MultiPoint", "GeometryCollection"],
)
def test_every_swapped_point_of_a_geometry_is_named_with_its_index(sources, geometry, where):
    """A swapped point beyond latitude 90 no longer hides the swapped point beside it, whose
    swap only the borders show: each gets the hint, with where it is in the geometry."""
    errors = [p for p in _check(sources, geometry, "Russia") if p.severity == "error"]
    assert len(errors) == 2, [p.format() for p in errors]
    in_range, off_globe = sorted(errors, key=lambda p: p.line)
    assert in_range.property == "country" and in_range.message.startswith(where[0])
    assert "swapped, [37.62, 55.75] lies in it" in in_range.message
    assert off_globe.message.startswith(where[1])
    assert "latitude 131.89 is outside -90..90 (are longitude and latitude swapped?)" in (
        off_globe.message
    )


def test_a_line_crossing_the_border_it_names_passes(sources):
    """A drone track from Iran into Nakhchivan meets the country it names: no error."""
    line = {"type": "LineString", "coordinates": [[45.0, 38.9], [45.45, 39.2]]}
    assert not _errors(_check(sources, line, "Azerbaijan"), "country")


@pytest.mark.parametrize(
    ("geometry", "cut"),
    [
        ({"type": "LineString", "coordinates": [[179.5, 51.0], [-179.5, 51.2]]}, "MultiLineString"),
        (
            {"type": "MultiLineString", "coordinates": [[[170.0, 60.0], [-170.0, 60.0]]]},
            "MultiLineString",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [
                    [[179.0, 50.0], [-179.0, 50.0], [-179.0, 51.0], [179.0, 51.0], [179.0, 50.0]]
                ],
            },
            "MultiPolygon",
        ),
        (
            {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Point", "coordinates": [179.5, 51.0]},
                    {"type": "LineString", "coordinates": [[179.5, 51.0], [-179.5, 51.2]]},
                ],
            },
            "MultiLineString",
        ),
    ],
)
def test_a_shape_across_the_antimeridian_is_named_with_the_cut_to_make(sources, geometry, cut):
    problems = _check(sources, geometry, "Russia")
    crossing = [p for p in problems if "antimeridian" in p.message]
    assert len(crossing) == 1 and crossing[0].line > 1, [p.format() for p in problems]
    assert f"into a {cut}" in crossing[0].message


@pytest.mark.parametrize("kind", [k for k in GEOMETRIES if k != "Point"])
def test_an_empty_geometry_is_like_no_geometry(sources, kind):
    """An empty geometry of any type (RFC 7946 §3.1: coordinates or geometries []) places
    nothing: the checks of meaning have nothing to say about its position."""
    key = "geometries" if kind == "GeometryCollection" else "coordinates"
    problems = _check(sources, {"type": kind, key: []}, "Azerbaijan")
    assert not [p for p in problems if p.property in ("country", "admin1")]


def _with_altitude(value: object, every: int) -> object:
    """Positions given an altitude: every one (every=1) or every second one (every=2; RFC 7946
    allows a third number, and a hand edit may add it to some positions only)."""
    if isinstance(value, list) and value and all(isinstance(v, list) for v in value):
        if all(isinstance(n, float) for v in value for n in v):
            return [[*v, 120.0] if i % every == every - 1 else v for i, v in enumerate(value)]
        return [_with_altitude(v, every) for v in value]
    if isinstance(value, list):  # a collection's geometries
        return [_with_altitude(v, every) for v in value]
    if isinstance(value, dict):
        return {
            k: (_with_altitude(v, every) if k in ("coordinates", "geometries") else v)
            for k, v in value.items()
        }
    return value


@pytest.mark.parametrize("kind", [k for k in GEOMETRIES if k not in ("Point",)])
def test_a_mix_of_positions_with_and_without_altitude_is_one_error_not_a_crash(sources, kind):
    """Shape tools fail on a geometry whose positions mix 2 and 3 numbers (it once surfaced as
    a shapely error): the validator names the first odd position, with the way out."""
    lon, lat, country, admin1 = PLACES[0]
    geometry = _with_altitude(GEOMETRIES[kind](lon, lat), every=2)
    errors = [p for p in _check(sources, geometry, country, admin1) if p.severity == "error"]
    assert errors and all("an altitude, or none" in e.message for e in errors)
    assert all("shapely" not in e.message and "inhomogeneous" not in e.message for e in errors)


@pytest.mark.parametrize("kind", GEOMETRIES)
def test_altitude_on_every_position_is_checked_like_a_flat_shape(sources, kind):
    lon, lat, country, admin1 = PLACES[0]
    geometry = _with_altitude(GEOMETRIES[kind](lon, lat), every=1)
    problems = _check(sources, geometry, country, admin1)
    assert not [p for p in problems if p.severity == "error"], [p.format() for p in problems]
