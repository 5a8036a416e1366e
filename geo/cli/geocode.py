"""`python -m geo geocode [PATH] [--online] [--dry-run]` fills the empty geometries of an
incident file from each feature's `location`; `--check` says which gazetteer-derived
positions lie more than 1 km from their gazetteer entry.

Filling: a feature with a null geometry and a `location` gets the best match's point (an area
feature of layer "area" gets the area's polygon when data/borders has one), `geo_source` (the
entry, e.g. `geonames:147429`) and, when it has none, `geo_precision` (1 for a site or town, 3
for an area's representative point). Names that match nothing, or two far-apart places equally
well ("Julfa": one in Azerbaijan, one in Iran), are listed with their candidates and left
alone; add context ("Julfa, Nakhchivan") or an alias. Nothing else in the file changes; the
file is written atomically in the canonical form of `geo fmt`.

Exit codes: 0 all done (or all positions agree), 1 something left unresolved (or a position
disagrees, or the online service failed), 2 the file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from geo import paths
from geo.problems import ExitStatus, Problem

UNRESOLVED = ExitStatus.FAILED
CHECK_TOLERANCE_KM = 1.0
GAZETTEER_PREFIXES = ("sites:", "geonames:", "borders:", "nominatim:")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "geocode",
        help="fill empty geometries from `location`, or --check stored positions",
        description="Fill the null geometries of an incident file from each feature's "
        "`location` (offline gazetteers; --online adds Nominatim), or with --check list "
        "the features more than 1 km from the gazetteer entry named by their geo_source.",
    )
    parser.add_argument("path", nargs="?", type=Path, default=paths.INCIDENTS, metavar="PATH")
    parser.add_argument(
        "--online", action="store_true", help="ask Nominatim for names no gazetteer knows"
    )
    parser.add_argument("--dry-run", action="store_true", help="print what would change only")
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; report positions more than 1 km from their gazetteer entry",
    )
    parser.add_argument(
        "--nominatim-cache",
        type=Path,
        default=None,
        metavar="PATH",
        help="Nominatim cache file (default data/gazetteer/nominatim-cache.json)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    raw_text, document, feature_lines = _read(args.path)
    from geo.geocoders import OfflineGeocoder

    geocoder = OfflineGeocoder()
    for problem in geocoder.problems:
        print(problem.format(), file=sys.stderr)
    online = _online(args) if args.online or args.check else None
    if args.check:
        return check_positions(args.path, document, feature_lines, geocoder, online)
    return fill(args, raw_text, document, feature_lines, geocoder, online)


def _online(args: argparse.Namespace) -> Any:
    from geo.geocoders.nominatim import CACHE, CachedNominatim

    return CachedNominatim(cache_path=args.nominatim_cache or CACHE)


def _read(path: Path) -> tuple[str, dict[str, Any], list[int]]:
    """The text, the parsed FeatureCollection and, per feature, the line of its geometry.
    Raises FileError (geo.files.read_json) before anything is changed, e.g. for a key that
    appears twice in one object, whose second value a rewrite would silently keep."""
    from geo.files import BOM, FileError, read_json

    read = read_json(path)
    document = read.document
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise FileError(
            problems=[
                Problem(str(path), 1, 1, "error", "not a FeatureCollection with a features list")
            ]
        )
    source_map = read.source_map()
    lines = [_line(source_map, features, i) for i in range(len(features))]
    return (BOM if read.bom else "") + read.text, document, lines


def _line(source_map: Any, features: list[Any], position: int) -> int:
    """The line of a feature's geometry (what geocode fills and --check compares), else of
    the feature itself."""
    feature = features[position]
    pointer: tuple[str | int, ...] = ("features", position)
    if isinstance(feature, dict) and "geometry" in feature:
        pointer = (*pointer, "geometry")
    return source_map.position(source_map.value_offset(pointer))[0]


def _feature_id(feature: Any, position: int) -> str:
    if isinstance(feature, dict) and isinstance(feature.get("id"), str | int):
        return str(feature["id"])
    return f"features[{position}]"


# --- filling ------------------------------------------------------------------------------


def fill(
    args: argparse.Namespace,
    raw_text: str,
    document: dict[str, Any],
    lines: list[int],
    geocoder: Any,
    online: Any,
) -> int:
    from shapely.geometry import mapping

    from geo.canonical import dumps
    from geo.files import write_atomic
    from geo.geocoders import is_ambiguous
    from geo.geocoders.nominatim import OnlineGeocodingError

    path = str(args.path)
    filled = 0
    left: list[str] = []
    for position, feature in enumerate(document["features"]):
        if not isinstance(feature, dict) or feature.get("geometry") is not None:
            continue
        properties = feature.get("properties")
        location = properties.get("location") if isinstance(properties, dict) else None
        if not isinstance(location, str) or not location.strip():
            continue
        where = f"{path}:{lines[position]}:1: [{_feature_id(feature, position)}] geometry"
        country = properties.get("country") if isinstance(properties.get("country"), str) else None
        admin1 = properties.get("admin1") if isinstance(properties.get("admin1"), str) else None
        found = geocoder.geocode(location, exactly_one=False, country=country, admin1=admin1) or []
        if not found and (country or admin1):
            elsewhere = geocoder.geocode(location, exactly_one=False) or []
            if elsewhere and online is None:
                inside = ", ".join(part for part in (admin1, country) if part)
                left.append(
                    f"{where}: no place named {location!r} is known in {inside} (its admin1 "
                    f"and country); elsewhere: {_candidates(elsewhere)}"
                )
                continue
        if not found and online is not None:
            try:
                found = online.geocode(location, exactly_one=False) or []
            except OnlineGeocodingError as error:
                print(f"error: {error}", file=sys.stderr)
                return UNRESOLVED
        if not found:
            left.append(f"{where}: no place named {location!r} is known")
            continue
        if is_ambiguous(found):
            left.append(f"{where}: {location!r} is ambiguous: {_candidates(found)}")
            continue
        best = found[0]
        area = best.raw.get("geometry")
        if properties.get("layer") == "area" and area is not None:
            feature["geometry"] = _as_lists(mapping(area))
        else:
            feature["geometry"] = {
                "type": "Point",
                "coordinates": [round(best.longitude, 6), round(best.latitude, 6)],
            }
        if properties.get("geo_precision") is None:
            properties["geo_precision"] = best.raw.get("geo_precision", 1)
        properties["geo_source"] = best.raw["source"]
        filled += 1
        print(
            f"{where}: {location!r} -> {best.raw['source']} {best.raw['name']} "
            f"({best.latitude:.5f}, {best.longitude:.5f})"
        )
    for message in left:
        print(message, file=sys.stderr)
    if filled and not args.dry_run:
        text = dumps(document)
        if text != raw_text:
            write_atomic(args.path, text)
    verb = "would fill" if args.dry_run else "filled"
    print(
        f"{path}: {verb} {filled} geometr{'y' if filled == 1 else 'ies'}; "
        f"{len(left)} left unresolved",
        file=sys.stderr,
    )
    return UNRESOLVED if left else ExitStatus.OK


def _candidates(found: list[Any]) -> str:
    return "; ".join(
        f"{c.raw['source']} {c.raw['name']} ({c.raw.get('admin1') or '-'}, "
        f"{c.raw.get('country') or '-'}) score {c.raw['score']}"
        for c in found[:5]
    )


def _as_lists(value: Any) -> Any:
    """shapely's mapping() gives tuples; GeoJSON (and the canonical writer) wants lists."""
    if isinstance(value, tuple | list):
        return [_as_lists(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_lists(item) for key, item in value.items()}
    return value


# --- checking -----------------------------------------------------------------------------


def check_positions(
    path: Path, document: dict[str, Any], lines: list[int], geocoder: Any, online: Any
) -> int:
    """Print a problem for every feature more than 1 km from the gazetteer entry its
    geo_source names (for an area entry: outside the area by more than 1 km), and for every
    geo_source naming an entry no gazetteer has. Exit 1 when there is any."""
    problems: list[Problem] = []
    checked = 0
    for position, feature in enumerate(document["features"]):
        if not isinstance(feature, dict):
            continue
        properties = feature.get("properties") or {}
        source = properties.get("geo_source") if isinstance(properties, dict) else None
        geometry = feature.get("geometry")
        if not isinstance(source, str) or not source.startswith(GAZETTEER_PREFIXES):
            continue
        if not isinstance(geometry, dict):
            continue
        feature_id = _feature_id(feature, position)

        def report(message: str, feature_id: str = feature_id, line: int = lines[position]) -> None:
            problems.append(Problem(str(path), line, 1, "error", message, feature_id, "geometry"))

        if source.startswith("nominatim:"):
            entry = online.cached_entry(source) if online is not None else None
        else:
            entry = geocoder.location_of_source(source)
        if entry is None:
            report(f"geo_source {source} names no entry of the gazetteers")
            continue
        checked += 1
        distance = distance_to_entry(geometry, entry)
        if distance is None:
            report("geometry cannot be read to compare with its gazetteer entry")
        elif distance > CHECK_TOLERANCE_KM:
            what = "outside the area of" if entry.raw.get("geometry") is not None else "from"
            report(
                f"{distance:.1f} km {what} {source} ({entry.raw['name']}, "
                f"{entry.latitude:.5f}, {entry.longitude:.5f}); a typo, or a deliberate move "
                "that should change geo_source to manual?"
            )
    for problem in problems:
        print(problem.format())
    print(
        f"{path}: {checked} gazetteer-derived position(s) checked, {len(problems)} problem(s)",
        file=sys.stderr,
    )
    return UNRESOLVED if problems else ExitStatus.OK


def distance_to_entry(geometry: dict[str, Any], entry: Any) -> float | None:
    """Kilometres between a feature's geometry and its gazetteer entry: to the entry's point,
    or, for an area entry, from the area (0 inside it). A line or polygon feature is measured
    by its representative point."""
    from shapely.geometry import shape
    from shapely.ops import nearest_points

    from geo.geocoders.gazetteer import haversine_km

    try:
        feature_shape = shape(geometry)
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    if feature_shape.is_empty:
        return None
    point = (
        feature_shape
        if feature_shape.geom_type == "Point"
        else (feature_shape.representative_point())
    )
    area = entry.raw.get("geometry")
    if area is not None:
        if area.intersects(point):
            return 0.0
        nearest = nearest_points(area, point)[0]
        return float(haversine_km(point.y, point.x, nearest.y, nearest.x))
    return float(haversine_km(point.y, point.x, entry.latitude, entry.longitude))
