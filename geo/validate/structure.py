"""GeoJSON structure as RFC 7946 defines it: object types, required and forbidden members,
positions, lines, rings, bounding boxes. Nothing here knows about incidents.

What RFC 7946 only advises against (positions longer than 3, rings wound against the right-hand
rule, coordinates more precise than anyone can measure) is a warning; what it forbids is an
error, and so are nested or one-member GeometryCollections, as geojsonhint has them.
"""

from __future__ import annotations

import difflib
import itertools
import math

from geo.jsonpos import Pointer
from geo.problems import Severity
from geo.validate.finding import Finding, is_number, json_type, retyped

# How deeply each geometry's "coordinates" nest: 0 is one position.
COORDINATE_DEPTH: dict[str, int] = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}
GEOMETRY_TYPES: tuple[str, ...] = (*COORDINATE_DEPTH, "GeometryCollection")
ALL_TYPES: tuple[str, ...] = ("FeatureCollection", "Feature", *GEOMETRY_TYPES)

# RFC 7946 §7.1: members that define another kind of object and so may not appear in this one.
FORBIDDEN_MEMBERS: dict[str, tuple[str, ...]] = {
    "FeatureCollection": ("coordinates", "geometries", "geometry", "properties"),
    "Feature": ("coordinates", "geometries", "features"),
    "geometry": ("geometry", "properties", "features"),
}
# What an array at each nesting depth of "coordinates" holds, for messages.
HOLDS: dict[int, str] = {
    1: "positions",
    2: "arrays of positions (lines or rings)",
    3: "polygons (arrays of rings)",
}
DECIMALS = 6  # about 0.1 m: finer than any source of this project can place anything
MAX_COLLECTION_NESTING = 16


def check_structure(document: object) -> list[Finding]:
    """Every structural problem of a parsed GeoJSON document."""
    checker = _StructureChecker()
    checker.check_root(document)
    return checker.findings


class _StructureChecker:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.too_precise = 0
        self.first_too_precise: Pointer | None = None

    def report(
        self, pointer: Pointer, message: str, severity: Severity = "error", **kw: str
    ) -> None:
        self.findings.append(Finding(pointer, severity, message, **kw))  # type: ignore[arg-type]

    def check_root(self, document: object) -> None:
        if not isinstance(document, dict):
            self.report((), f"a GeoJSON document must be an object, not {json_type(document)}")
            return
        if "crs" in document:
            self.report(
                (),
                'the "crs" member was removed in RFC 7946: coordinates are always WGS 84 '
                "longitude, latitude",
                "warning",
                key="crs",
            )
        self.check_object(document, (), ALL_TYPES, "the document")
        if self.first_too_precise is not None:
            self.report(
                self.first_too_precise,
                f"{self.too_precise} coordinate(s) have more than {DECIMALS} decimals (about "
                "0.1 m); this is the first. RFC 7946 §11.2 advises rounding them",
                "warning",
            )

    def check_object(
        self, obj: dict[str, object], pointer: Pointer, allowed: tuple[str, ...], what: str
    ) -> None:
        """Check `obj`, which must have a "type" among `allowed`, as that type."""
        kind = self.check_type(obj, pointer, allowed, what)
        if kind is None and len(allowed) == 1:
            kind = allowed[0]  # an element of "features" is meant as a Feature: check the rest
        if kind is None:
            return
        self.check_bbox(obj, pointer)
        if kind == "FeatureCollection":
            self.check_collection(obj, pointer)
        elif kind == "Feature":
            self.check_feature(obj, pointer)
        else:
            self.check_geometry(obj, pointer, kind, 0)

    def check_type(
        self, obj: dict[str, object], pointer: Pointer, allowed: tuple[str, ...], what: str
    ) -> str | None:
        if "type" not in obj:
            self.report(pointer, f'missing "type" member (one of {", ".join(allowed)})')
            return None
        kind = obj["type"]
        at = (*pointer, "type")
        if not isinstance(kind, str):
            self.report(at, f'"type" must be a string, not {json_type(kind)}')
            return None
        if kind not in ALL_TYPES:
            spelled = {t.lower(): t for t in ALL_TYPES}.get(kind.lower())
            if spelled:
                self.report(at, f'type "{kind}" must be spelled "{spelled}" (case matters)')
            else:
                close = difflib.get_close_matches(kind, allowed, n=1)
                hint = (
                    f'; did you mean "{close[0]}"?'
                    if close
                    else f" (expected {', '.join(allowed)})"
                )
                self.report(at, f'unknown type "{kind}"{hint}')
            return None
        if kind not in allowed:
            self.report(at, f"{what} must be {' or '.join(allowed)}, not {kind}")
            return None
        return kind

    def check_forbidden(self, obj: dict[str, object], pointer: Pointer, kind: str) -> None:
        group = kind if kind in FORBIDDEN_MEMBERS else "geometry"
        for member in FORBIDDEN_MEMBERS[group]:
            if member in obj:
                self.report(
                    pointer,
                    f'a {kind} may not have a "{member}" member (RFC 7946 §7.1); rename it '
                    "if it is your own data",
                    key=member,
                )

    def check_collection(self, obj: dict[str, object], pointer: Pointer) -> None:
        self.check_forbidden(obj, pointer, "FeatureCollection")
        if "features" not in obj:
            self.report(pointer, 'missing "features" member (an array of Features)')
            return
        features = obj["features"]
        at = (*pointer, "features")
        if not isinstance(features, list):
            self.report(at, f'"features" must be an array, not {json_type(features)}')
            return
        for index, feature in enumerate(features):
            if isinstance(feature, dict):
                self.check_object(feature, (*at, index), ("Feature",), "every feature")
            else:
                self.report(
                    (*at, index), f"every feature must be an object, not {json_type(feature)}"
                )

    def check_feature(self, obj: dict[str, object], pointer: Pointer) -> None:
        self.check_forbidden(obj, pointer, "Feature")
        if "id" in obj and not (isinstance(obj["id"], str) or is_number(obj["id"])):
            self.report(
                (*pointer, "id"),
                f'"id" must be a string or a number, not {json_type(obj["id"])}',
                property="id",
            )
        if "properties" not in obj:
            self.report(pointer, 'missing "properties" member (an object, or null)')
        elif obj["properties"] is not None and not isinstance(obj["properties"], dict):
            self.report(
                (*pointer, "properties"),
                f'"properties" must be an object or null, not {json_type(obj["properties"])}',
            )
        if "geometry" not in obj:
            self.report(pointer, 'missing "geometry" member (a geometry object, or null)')
            return
        geometry = obj["geometry"]
        if geometry is None:
            return
        if not isinstance(geometry, dict):
            self.report(
                (*pointer, "geometry"),
                f'"geometry" must be a geometry object or null, not {json_type(geometry)}',
            )
            return
        self.check_object(geometry, (*pointer, "geometry"), GEOMETRY_TYPES, "a geometry")

    def check_geometry(
        self, obj: dict[str, object], pointer: Pointer, kind: str, nesting: int
    ) -> None:
        self.check_forbidden(obj, pointer, kind)
        if kind == "GeometryCollection":
            self.check_geometry_collection(obj, pointer, nesting)
            return
        if "coordinates" not in obj:
            self.report(pointer, f'missing "coordinates" member (a {kind} needs them)')
            return
        coordinates = obj["coordinates"]
        at = (*pointer, "coordinates")
        if not isinstance(coordinates, list):
            self.report(at, f'"coordinates" must be an array, not {json_type(coordinates)}')
            return
        if not self.check_nesting(coordinates, COORDINATE_DEPTH[kind], at):
            return
        self.check_dimensions(coordinates, COORDINATE_DEPTH[kind], at)
        if kind == "LineString":
            self.check_line(coordinates, at)
        elif kind == "MultiLineString":
            for index, line in enumerate(coordinates):
                self.check_line(line, (*at, index))
        elif kind == "Polygon":
            self.check_polygon(coordinates, at)
        elif kind == "MultiPolygon":
            for index, polygon in enumerate(coordinates):
                self.check_polygon(polygon, (*at, index))

    def check_geometry_collection(
        self, obj: dict[str, object], pointer: Pointer, nesting: int
    ) -> None:
        if "geometries" not in obj:
            self.report(pointer, 'missing "geometries" member (an array of geometries)')
            return
        geometries = obj["geometries"]
        at = (*pointer, "geometries")
        if not isinstance(geometries, list):
            self.report(at, f'"geometries" must be an array, not {json_type(geometries)}')
            return
        if len(geometries) == 1:
            self.report(
                at,
                "a GeometryCollection with one geometry: use that geometry itself (RFC 7946 "
                "§3.1.8)",
            )
        for index, geometry in enumerate(geometries):
            element = (*at, index)
            if not isinstance(geometry, dict):
                self.report(element, f"every geometry must be an object, not {json_type(geometry)}")
                continue
            kind = self.check_type(geometry, element, GEOMETRY_TYPES, "a geometry")
            if kind is None:
                continue
            if kind == "GeometryCollection":
                self.report(
                    element,
                    "a GeometryCollection inside a GeometryCollection: flatten it (RFC 7946 "
                    "§3.1.8)",
                )
                if nesting >= MAX_COLLECTION_NESTING:
                    continue
            self.check_bbox(geometry, element)
            self.check_geometry(geometry, element, kind, nesting + 1)

    def check_nesting(self, value: object, depth: int, pointer: Pointer) -> bool:
        """Whether `value` nests arrays `depth` levels above positions, reporting where not."""
        if depth == 0:
            return self.check_position(value, pointer)
        if not isinstance(value, list):
            self.report(pointer, f"expected an array of {HOLDS[depth]}, not {json_type(value)}")
            return False
        if any(is_number(element) for element in value):
            self.report(
                pointer,
                f"this array holds numbers where {HOLDS[depth]} belong: it needs "
                f"{depth} more level(s) of [ ]",
            )
            return False
        results = [self.check_nesting(e, depth - 1, (*pointer, i)) for i, e in enumerate(value)]
        return all(results)

    def check_position(self, value: object, pointer: Pointer) -> bool:
        if not isinstance(value, list):
            self.report(
                pointer,
                f"a position must be an array [longitude, latitude], not {json_type(value)}",
            )
            return False
        for index, number in enumerate(value):
            if not is_number(number):
                self.report(
                    (*pointer, index),
                    f"each element of a position must be a number, not {json_type(number)}"
                    + retyped(number, "number"),
                )
                return False
            if not math.isfinite(number):
                self.report((*pointer, index), "a coordinate must be a finite number")
                return False
            if isinstance(number, float) and round(number, DECIMALS) != number:
                self.too_precise += 1
                if self.first_too_precise is None:
                    self.first_too_precise = pointer
        if len(value) < 2:
            self.report(
                pointer,
                f"a position needs at least 2 numbers (longitude, latitude), has {len(value)}",
            )
            return False
        if len(value) > 3:
            self.report(
                pointer,
                f"a position of {len(value)} numbers: RFC 7946 §3.1.1 advises at most 3 "
                "(longitude, latitude, altitude)",
                "warning",
            )
        return True

    def check_dimensions(self, coordinates: list, depth: int, pointer: Pointer) -> None:
        """Every position of one geometry has as many numbers as its first: RFC 7946 lets an
        altitude be given, but the shape tools behind every check and map (shapely, GEOS) read a
        geometry's positions as one table and fail on a mix, so a mix is refused here, once."""
        positions: list[tuple[Pointer, list]] = []

        def walk(value: list, level: int, at: Pointer) -> None:
            if level == 0:
                positions.append((at, value))
                return
            for index, element in enumerate(value):
                walk(element, level - 1, (*at, index))

        walk(coordinates, depth, pointer)
        if not positions:
            return
        width = len(positions[0][1])
        for at, position in positions[1:]:
            if len(position) != width:
                self.report(
                    at,
                    f"this position has {len(position)} numbers where the geometry's first has "
                    f"{width}: give every position of a geometry an altitude, or none",
                )
                return

    def check_line(self, line: list[list[float]], pointer: Pointer) -> None:
        if len(line) < 2:
            self.report(pointer, f"a line needs at least 2 positions, has {len(line)}")
        self.check_antimeridian(line, pointer, "MultiLineString")

    def check_antimeridian(self, line: list[list[float]], pointer: Pointer, cut: str) -> None:
        """A step of more than 180° of longitude between two positions is a line meant to
        cross the antimeridian, which every map then draws the long way round the world."""
        for index, (a, b) in enumerate(itertools.pairwise(line)):
            if abs(a[0] - b[0]) > 180:
                self.report(
                    (*pointer, index),
                    f"from [{a[0]}, {a[1]}] to [{b[0]}, {b[1]}] this crosses the antimeridian "
                    f"(180°), so maps draw it the long way round the world: cut it at 180° "
                    f"into a {cut} (RFC 7946 §3.1.9)",
                    "warning",
                )
                return

    def check_polygon(self, rings: list[list[list[float]]], pointer: Pointer) -> None:
        for index, ring in enumerate(rings):
            at = (*pointer, index)
            if len(ring) < 4:
                self.report(
                    at,
                    f"a ring needs at least 4 positions (the last repeating the first), "
                    f"has {len(ring)}",
                )
            if ring and ring[0] != ring[-1]:
                self.report(at, "the ring is not closed: its last position must repeat its first")
            elif len(ring) >= 4:
                self.check_winding(ring, at, exterior=index == 0)
            self.check_antimeridian(ring, at, "MultiPolygon")

    def check_winding(self, ring: list[list[float]], pointer: Pointer, *, exterior: bool) -> None:
        area = _signed_area(ring)
        if area == 0:
            return
        if exterior and area < 0:
            self.report(
                pointer,
                "the outer ring runs clockwise; RFC 7946 §3.1.6 asks for counterclockwise "
                "(right-hand rule)",
                "warning",
            )
        elif not exterior and area > 0:
            self.report(
                pointer,
                "this hole runs counterclockwise; RFC 7946 §3.1.6 asks for clockwise holes "
                "(right-hand rule)",
                "warning",
            )

    def check_bbox(self, obj: dict[str, object], pointer: Pointer) -> None:
        if "bbox" not in obj:
            return
        bbox = obj["bbox"]
        at = (*pointer, "bbox")
        if not isinstance(bbox, list):
            self.report(at, f'"bbox" must be an array of numbers, not {json_type(bbox)}')
        elif not all(is_number(n) and math.isfinite(n) for n in bbox):
            self.report(at, "each element of a bbox must be a finite number")
        elif len(bbox) not in (4, 6):
            self.report(at, f"a bbox has 4 numbers (6 with altitude), not {len(bbox)}")
        elif bbox[1] > bbox[len(bbox) // 2 + 1]:
            self.report(at, "the bbox's southern latitude is north of its northern one")


def _signed_area(ring: list[list[float]]) -> float:
    """Twice the signed area (shoelace): positive when the ring runs counterclockwise."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(ring))
