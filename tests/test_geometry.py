"""geo.geometry.members: every geometry type taken apart into Points, LineStrings and
Polygons, in written order, at any depth, empties dropped."""

from __future__ import annotations

import shapely
from hypothesis import given
from hypothesis import strategies as st

from geo.geometry import members

POINT = shapely.Point(1, 2)
LINE = shapely.LineString([(0, 0), (1, 1)])
SQUARE = shapely.box(0, 0, 1, 1)

singles = st.sampled_from([POINT, LINE, SQUARE])


def _nested(depth: int) -> st.SearchStrategy:
    if depth == 0:
        return singles
    return st.one_of(
        singles,
        st.lists(_nested(depth - 1), min_size=1, max_size=3).map(shapely.GeometryCollection),
        st.lists(st.just(POINT), min_size=1, max_size=3).map(shapely.MultiPoint),
        st.lists(st.just(LINE), min_size=1, max_size=3).map(shapely.MultiLineString),
        st.lists(st.just(SQUARE), min_size=1, max_size=3).map(shapely.MultiPolygon),
    )


def _flat(shape: shapely.Geometry) -> list[shapely.Geometry]:
    if hasattr(shape, "geoms"):
        return [part for member in shape.geoms for part in _flat(member)]
    return [shape]


@given(st.lists(st.one_of(st.none(), _nested(3)), max_size=6))
def test_members_are_every_single_part_with_its_row_in_written_order(geometries):
    found = members(geometries)
    expected = [(row, part) for row, g in enumerate(geometries) if g for part in _flat(g)]
    assert list(found.rows) == [row for row, _ in expected]
    assert all(a.equals(b) for a, (_, b) in zip(found.shapes, expected, strict=True))
    with_points = found.rows_with_points(len(geometries))
    assert list(with_points) == [
        bool(g) and any(p.geom_type == "Point" for p in _flat(g)) for g in geometries
    ]


def test_empty_geometries_and_members_have_none():
    empties = [
        shapely.from_wkt(w)
        for w in ("POINT EMPTY", "MULTIPOINT EMPTY", "GEOMETRYCOLLECTION EMPTY", "POLYGON EMPTY")
    ]
    mixed = shapely.GeometryCollection([shapely.from_wkt("LINESTRING EMPTY"), POINT])
    found = members([*empties, None, mixed])
    assert list(found.rows) == [5] and found.shapes[0].equals(POINT)
