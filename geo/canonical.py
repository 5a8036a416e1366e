"""The one canonical text of a GeoJSON document (written by geo.files.write_atomic).

Layout (why: people edit these files by hand and review them in git diffs):

- Members in a fixed order. FeatureCollection: type, other members (alphabetically), features.
  Feature: type, id, properties, geometry, other members. Properties: in geo.schema.PROPERTIES
  order, then unknown ones alphabetically. Geometry: type, coordinates (or geometries), other
  members. Objects the file's users put inside unknown properties keep their own key order:
  that order is their content, not layout.
- Two-space indentation, one property per line; a property's value stays on its line when it
  is a scalar or a list of scalars (`"sources": ["a", "b"]`).
- Coordinates: a position is always one line, `[lon, lat]`. Points, lines and multi-points
  (what people place and nudge by hand) put one position per line, so moving a vertex is a
  one-line diff. Each polygon ring is one line: areas are cut from data/borders by a tool and
  replaced whole, and a province of thousands of vertices then takes a line per ring instead
  of thousands of lines that would bury the incidents around it.
- Coordinates are rounded to 6 decimals (about 0.1 m), written without exponent and without
  -0; other numbers are written as Python's json writes them. Text stays UTF-8 (no \\u escapes
  except for lone surrogates, which UTF-8 cannot carry). The text ends with a newline.

`dumps` keeps every member of every object and the order of every array, so dumps(parse(x))
is a pure re-layout, and dumps(parse(dumps(d))) == dumps(d).
"""

from __future__ import annotations

import json
import math
from typing import Any

from geo.schema import PROPERTIES, REPORT_FIELDS

INDENT = "  "
COORDINATE_DECIMALS = 6
PROPERTY_ORDER: dict[str, int] = {spec.name: rank for rank, spec in enumerate(PROPERTIES)}
REPORT_ORDER: dict[str, int] = {spec.name: rank for rank, spec in enumerate(REPORT_FIELDS)}

# How each geometry type nests its coordinates: the depth at which one line holds a whole
# array (a position, or a polygon ring), counted from the `coordinates` member.
_LINE_DEPTH: dict[str, int] = {
    "Point": 0,  # [lon, lat]
    "MultiPoint": 1,  # one position per line
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 1,  # one ring per line
    "MultiPolygon": 2,
}
_GEOMETRY_TYPES = frozenset(_LINE_DEPTH) | {"GeometryCollection"}


def dumps(document: Any) -> str:
    """The canonical text of a GeoJSON document (FeatureCollection, Feature or geometry; any
    other JSON value is written with the same indentation rules). Raises ValueError for a value
    JSON cannot hold (NaN, infinity, a non-string key) and for text that is no Unicode (half
    of a surrogate pair, which a JSON escape "\\ud800" can write but no UTF-8 file can hold)."""
    text = _value(document, 0, _kind_of(document)) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        bad = text[error.start : error.end]
        raise ValueError(
            f"{bad.encode('unicode_escape').decode()} is half of a UTF-16 surrogate pair, no "
            "character: a UTF-8 file cannot hold it; remove it by hand"
        ) from None
    return text


def line_ending(text: str) -> str:
    """The line ending most lines of `text` end with: "\r\n" for a file from a Windows
    checkout (git's core.autocrlf) or saved by Notepad, "\r" for one saved the classic Mac
    way, else "\n" (also on a tie with "\n"). A file rewritten in place keeps it, so that
    rewriting changes no line by its ending alone."""
    crlf = text.count("\r\n")
    counts = {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": text.count("\r") - crlf}
    if not any(counts.values()):
        return "\n"
    return max(counts, key=lambda ending: (counts[ending], ending == "\r\n", ending == "\n"))


def with_line_ending(text: str, ending: str) -> str:
    """`text` (as `dumps` makes it: lines end in "\n") with every line ending in `ending`."""
    return text if ending == "\n" else text.replace("\n", ending)


# --- layout ---------------------------------------------------------------------------------

# What a value is, which decides its layout: a GeoJSON object by its `type`, "properties" for a
# Feature's properties, _MEMBERS for the array of a collection's members, None for anything
# else (written as JSON with its key order kept).
_Kind = str | None
_MEMBERS = "members"
_REPORTS = "reports"  # a feature's list of reports
_REPORT = "report"  # one report: fields in REPORT_FIELDS order, figures on one line


def _kind_of(value: Any) -> _Kind:
    if not isinstance(value, dict):
        return None
    kind = value.get("type")
    if kind in ("FeatureCollection", "Feature") or kind in _GEOMETRY_TYPES:
        return kind
    return None


def _ordered_keys(obj: dict[str, Any], kind: _Kind) -> list[str]:
    if kind is None:
        return list(obj)
    if kind == "properties":
        return sorted(obj, key=lambda key: (PROPERTY_ORDER.get(key, len(PROPERTY_ORDER)), key))
    if kind == _REPORT:
        return sorted(obj, key=lambda key: (REPORT_ORDER.get(key, len(REPORT_ORDER)), key))
    if kind == "FeatureCollection":
        head, tail = ["type"], ["features"]
    elif kind == "Feature":
        head, tail = ["type", "id", "properties", "geometry"], []
    else:
        head, tail = ["type", "coordinates", "geometries"], []
    fixed = set(head) | set(tail)
    middle = sorted(key for key in obj if key not in fixed)
    return [key for key in head if key in obj] + middle + [key for key in tail if key in obj]


def _child_kind(kind: _Kind, key: str, child: Any) -> _Kind:
    """What a member's value is, given what its parent is."""
    if kind == "Feature" and key == "properties":
        return "properties" if isinstance(child, dict) else None
    if kind == "properties" and key == _REPORTS and isinstance(child, list):
        return _REPORTS
    if kind == _REPORT and key == "figures" and isinstance(child, dict):
        return "figures"
    if isinstance(child, list) and (
        (kind == "FeatureCollection" and key == "features")
        or (kind == "GeometryCollection" and key == "geometries")
    ):
        return _MEMBERS  # an array whose items are Features or geometries
    if kind == "Feature" and key == "geometry":
        return _kind_of(child)
    return None


def _value(value: Any, depth: int, kind: _Kind) -> str:
    if kind == "figures" and all(
        _is_flat([v]) or (isinstance(v, list) and _is_flat(v)) for v in value.values()
    ):
        # A report's figures, {"drones": 4, "injured": [2, 4]}: one line, read at a glance.
        return (
            "{"
            + ", ".join(f"{_string(k)}: {_value(v, depth, None)}" for k, v in value.items())
            + "}"
        )
    if isinstance(value, dict):
        return _object(value, depth, kind)
    if isinstance(value, list):
        if kind == _MEMBERS:
            return _array([_value(item, depth + 1, _kind_of(item)) for item in value], depth)
        if kind == _REPORTS:
            items = [_value(i, depth + 1, _REPORT if isinstance(i, dict) else None) for i in value]
            return _array(items, depth)
        if _is_flat(value):
            return _scalar_array(value)
        return _array([_value(item, depth + 1, None) for item in value], depth)
    return _scalar(value)


def _object(obj: dict[str, Any], depth: int, kind: _Kind) -> str:
    if not obj:
        return "{}"
    pad = INDENT * (depth + 1)
    members = []
    for key in _ordered_keys(obj, kind):
        if not isinstance(key, str):
            raise ValueError(f"object key {key!r} is not a string")
        child = obj[key]
        if kind in _LINE_DEPTH and key == "coordinates":
            text = _coordinates(child, depth + 1, _LINE_DEPTH[kind])
        else:
            text = _value(child, depth + 1, _child_kind(kind, key, child))
        members.append(f"{pad}{_string(key)}: {text}")
    return "{\n" + ",\n".join(members) + "\n" + INDENT * depth + "}"


def _array(items: list[str], depth: int) -> str:
    if not items:
        return "[]"
    pad = INDENT * (depth + 1)
    return "[\n" + ",\n".join(pad + item for item in items) + "\n" + INDENT * depth + "]"


def _coordinates(value: Any, depth: int, line_depth: int) -> str:
    """Coordinates nested `line_depth` arrays deep before the array that takes one line."""
    if not isinstance(value, list):
        return _value(value, depth, None)
    if line_depth == 0 or not value or not all(isinstance(item, list) for item in value):
        return _one_line_coordinates(value)
    return _array([_coordinates(item, depth + 1, line_depth - 1) for item in value], depth)


def _one_line_coordinates(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_one_line_coordinates(item) for item in value) + "]"
    if _is_number(value):
        return _coordinate(value)
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def _coordinate(number: int | float) -> str:
    if isinstance(number, int):
        return str(number)  # exact already; formatting it as a float could overflow
    if not math.isfinite(number):
        raise ValueError(f"coordinate {number!r} is not a finite number")
    text = f"{number:.{COORDINATE_DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_flat(items: list[Any]) -> bool:
    return all(not isinstance(item, dict | list) for item in items)


def _scalar_array(items: list[Any]) -> str:
    return "[" + ", ".join(_scalar(item) for item in items) + "]"


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _string(value)
    return json.dumps(value, allow_nan=False)


def _string(text: str) -> str:
    encoded = json.dumps(text, ensure_ascii=False)
    if any("\ud800" <= char <= "\udfff" for char in encoded):
        encoded = "".join(
            f"\\u{ord(char):04x}" if "\ud800" <= char <= "\udfff" else char for char in encoded
        )
    return encoded
