"""The members of features' geometries: what every map draws, for every RFC 7946 type.

A map draws a Point as a marker and a LineString or Polygon as a path. A MultiPoint is several
markers, a MultiLineString or MultiPolygon several paths, and a GeometryCollection whatever its
members are (an impact point and a debris line: a marker and a path), all in the feature's
style. `members` takes any of them apart into Points, LineStrings and Polygons, each with the
row of the feature it belongs to. The web map (geo.render.payload) and the report maps
(geo.export.static_map) both take features apart here, so no type is drawn by one and left
out by the other (geo.validate places the same members, with where each is written). An empty
geometry (or empty member) has no member: like a null geometry, it is not drawn and is counted
as having no position.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

# shapely's type ids (shapely.GeometryType): a Point member, and the types holding members.
POINT = 0
CONTAINERS = (4, 5, 6, 7)  # MultiPoint, MultiLineString, MultiPolygon, GeometryCollection


@dataclass(frozen=True)
class Members:
    """Every Point, LineString and Polygon of a sequence of geometries, in row order (a
    feature's members in the order written): `shapes[i]` belongs to row `rows[i]`."""

    shapes: np.ndarray  # shapely geometries (object array)
    rows: np.ndarray  # int64 positions in the input

    @property
    def is_point(self) -> np.ndarray:
        return shapely.get_type_id(self.shapes) == POINT

    def rows_with_points(self, count: int) -> np.ndarray:
        """For each of `count` input rows, whether it has a Point member (a marker)."""
        marked = np.zeros(count, dtype=bool)
        marked[self.rows[self.is_point]] = True
        return marked


def members(geometries: object) -> Members:
    """The Points, LineStrings and Polygons of `geometries` (a GeoSeries, an array or a list
    of shapely geometries, None allowed), multi-part geometries and collections taken apart
    at any depth in written order; empty ones dropped."""
    shapes = _objects(geometries)
    rows = np.arange(len(shapes), dtype=np.int64)
    keep = ~(shapely.is_missing(shapes) | shapely.is_empty(shapes))
    shapes, rows = shapes[keep], rows[keep]
    container = np.isin(shapely.get_type_id(shapes), CONTAINERS)
    if not container.any():  # the common case: one member per feature, no Python loop
        return Members(shapes, rows)
    parts: list[shapely.Geometry] = []
    part_rows: list[int] = []
    for shape, row in zip(shapes[container], rows[container], strict=True):
        flat = list(_flatten(shape))
        parts += flat
        part_rows += [int(row)] * len(flat)
    shapes = np.concatenate([shapes[~container], _objects(parts)])
    rows = np.concatenate([rows[~container], np.array(part_rows, dtype=np.int64)])
    order = np.argsort(rows, kind="stable")  # a row is one feature or all its parts, in order
    return Members(shapes[order], rows[order])


def _flatten(shape: shapely.Geometry) -> list[shapely.Geometry]:
    if shape.is_empty:
        return []
    if shapely.get_type_id(shape) in CONTAINERS:
        return [part for member in shape.geoms for part in _flatten(member)]
    return [shape]


def _objects(geometries: object) -> np.ndarray:
    values = geometries if isinstance(geometries, np.ndarray) else list(geometries)  # type: ignore[call-overload]
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array
