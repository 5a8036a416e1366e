"""The canonical layout keeps everything, settles in one pass, and writes atomically."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.canonical import dumps
from geo.schema import PROPERTIES

KNOWN = [spec.name for spec in PROPERTIES]

# --- strategies ------------------------------------------------------------------------------

coordinate = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False) | st.integers(-180, 180)
position = st.lists(coordinate, min_size=2, max_size=3)
json_scalar = (
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
json_value = st.recursive(
    json_scalar,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
geometry = st.one_of(
    st.none(),
    st.builds(lambda c: {"type": "Point", "coordinates": c}, position),
    st.builds(lambda c: {"coordinates": c, "type": "LineString"}, st.lists(position, max_size=4)),
    st.builds(lambda c: {"type": "MultiPoint", "coordinates": c}, st.lists(position, max_size=3)),
    st.builds(
        lambda c: {"type": "Polygon", "coordinates": c},
        st.lists(st.lists(position, min_size=1, max_size=5), max_size=2),
    ),
    st.builds(
        lambda c: {"type": "MultiPolygon", "coordinates": c},
        st.lists(st.lists(st.lists(position, max_size=4), max_size=2), max_size=2),
    ),
    st.builds(
        lambda c: {"type": "MultiLineString", "coordinates": c},
        st.lists(st.lists(position, max_size=3), max_size=2),
    ),
)
geometry_collection = st.builds(
    lambda g: {"type": "GeometryCollection", "geometries": [x for x in g if x is not None]},
    st.lists(geometry, max_size=3),
)
properties = st.dictionaries(st.sampled_from(KNOWN) | st.text(max_size=10), json_value, max_size=8)
feature = st.builds(
    lambda fid, props, geom, extra: (
        {"geometry": geom, "properties": props, "type": "Feature"}
        | ({"id": fid} if fid is not None else {})
        | extra
    ),
    st.none() | st.text(max_size=10) | st.integers(),
    properties | st.none(),
    geometry | geometry_collection,
    st.dictionaries(st.sampled_from(["bbox", "title", "ü-foreign"]), json_value, max_size=2),
)
collection = st.builds(
    lambda features, extra: {"features": features, **extra, "type": "FeatureCollection"},
    st.lists(feature, max_size=5),
    st.dictionaries(
        st.text(max_size=6).filter(lambda k: k not in ("type", "features")), json_value, max_size=2
    ),
)


def _same_coordinates(got: Any, sent: Any) -> bool:
    if isinstance(sent, list):
        return len(got) == len(sent) and all(map(_same_coordinates, got, sent))
    return (
        math.isclose(got, round(sent, 6), abs_tol=1e-9) if isinstance(sent, float) else got == sent
    )


def _same_geometry(got: Any, sent: Any) -> bool:
    if not isinstance(sent, dict):
        return got == sent
    if set(got) != set(sent):
        return False
    for key, value in sent.items():
        if key == "coordinates":
            if not _same_coordinates(got[key], value):
                return False
        elif key == "geometries":
            if not all(map(_same_geometry, got[key], value)) or len(got[key]) != len(value):
                return False
        elif got[key] != value:
            return False
    return True


# --- what fmt keeps -------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(collection)
def test_dumps_keeps_every_feature_property_and_member(document: dict[str, Any]) -> None:
    parsed = json.loads(dumps(document))
    assert [f.get("id") for f in parsed["features"]] == [f.get("id") for f in document["features"]]
    for got, sent in zip(parsed["features"], document["features"], strict=True):
        assert got["properties"] == sent["properties"]  # known, unknown, nested, unicode
        assert set(got) == set(sent)
        assert all(got[key] == sent[key] for key in sent if key not in ("geometry",))
        assert _same_geometry(got["geometry"], sent["geometry"])
    assert {k: v for k, v in parsed.items() if k != "features"} == {
        k: v for k, v in document.items() if k != "features"
    }


@settings(max_examples=80, deadline=None)
@given(collection)
def test_dumps_is_idempotent(document: dict[str, Any]) -> None:
    once = dumps(document)
    assert dumps(json.loads(once)) == once


@settings(max_examples=100, deadline=None)
@given(json_value)
def test_dumps_of_any_json_value_round_trips(value: Any) -> None:
    text = dumps(value)
    assert json.loads(text) == value
    assert text.endswith("\n")


# --- the layout -----------------------------------------------------------------------------


def test_layout_orders_members_and_keeps_points_on_one_line() -> None:
    document = {
        "features": [
            {
                "geometry": {"coordinates": [45.45839912, 39.1891], "type": "Point"},
                "properties": {
                    "zz_mine": 1,
                    "sources": ["a", "b"],
                    "name": "Naxçıvan",
                    "layer": "site",
                },
                "id": "site-x",
                "type": "Feature",
            }
        ],
        "name": "incidents",
        "type": "FeatureCollection",
    }
    assert dumps(document) == (
        "{\n"
        '  "type": "FeatureCollection",\n'
        '  "name": "incidents",\n'
        '  "features": [\n'
        "    {\n"
        '      "type": "Feature",\n'
        '      "id": "site-x",\n'
        '      "properties": {\n'
        '        "layer": "site",\n'
        '        "name": "Naxçıvan",\n'
        '        "sources": ["a", "b"],\n'
        '        "zz_mine": 1\n'
        "      },\n"
        '      "geometry": {\n'
        '        "type": "Point",\n'
        '        "coordinates": [45.458399, 39.1891]\n'
        "      }\n"
        "    }\n"
        "  ]\n"
        "}\n"
    )


def test_lines_put_one_position_per_line_and_polygons_one_ring_per_line() -> None:
    ring = [[float(i), 1.0] for i in range(1000)] + [[0.0, 1.0]]
    line = {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}
    polygon = {"type": "Polygon", "coordinates": [ring, [[0, 0], [1, 0], [1, 1], [0, 0]]]}
    assert (
        dumps(line)
        == '{\n  "type": "LineString",\n  "coordinates": [\n    [1, 2],\n    [3, 4]\n  ]\n}\n'
    )
    text = dumps(polygon)
    assert len(text.splitlines()) == 7  # braces, type, "coordinates": [, two rings, ]
    assert "[[0, 0], [1, 0], [1, 1], [0, 0]]" in text


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (-0.0, "0"),
        (-1e-9, "0"),
        (1e-7, "0"),
        (1e-5, "0.00001"),
        (12.3456789, "12.345679"),
        (45.0, "45"),
        (180, "180"),
        (-179.9999999, "-180"),
    ],
)
def test_coordinates_have_six_decimals_no_exponent_no_negative_zero(
    number: float, text: str
) -> None:
    assert dumps({"type": "Point", "coordinates": [number, 0]}).count(f"[{text}, 0]") == 1


def test_text_stays_utf8_and_lone_surrogates_are_escaped() -> None:
    text = dumps({"name": "Türkiye — ناخچیوان", "odd": "\ud800"})
    assert "Türkiye — ناخچیوان" in text
    assert "\\ud800" in text
    assert json.loads(text)["odd"] == "\ud800"
    text.encode("utf-8")  # no lone surrogate left raw


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_values_json_cannot_hold_raise_value_error(bad: float) -> None:
    with pytest.raises(ValueError):
        dumps({"type": "Point", "coordinates": [bad, 0]})
    with pytest.raises(ValueError):
        dumps({"type": "Feature", "properties": {"x": bad}, "geometry": None})
