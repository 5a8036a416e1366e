"""Filling and checking positions from place names: the library behind `python -m geo geocode`.

Filling: a feature with a null geometry and a `location` written as a position (`39°33′N
44°59′E`, `39.55, 44.98`, also with words before or after it: `39°33′N 44°59′E (near Sharur)`,
the words staying in `location` as a note; geo.positions) gets that point, `geo_source`
"manual" and, when it has none, `geo_precision` 1; one with a place name gets the best match's
point (an area feature of layer "area" gets the area's polygon when data/borders has one),
`geo_source` (the entry, e.g. `geonames:147429`) and, when it has none, `geo_precision` (1 for
a site or town, 3 for an area's representative point). The feature's own `country` and `admin1`
constrain the search. Names that match nothing, or two far-apart places equally well ("Julfa":
one in Azerbaijan, one in Iran), are reported with their candidates and left alone.

Checking: every position whose `geo_source` names a gazetteer entry lies within
CHECK_TOLERANCE_KM of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.problems import Problem

CHECK_TOLERANCE_KM = 1.0
GAZETTEER_PREFIXES = ("sites:", "geonames:", "borders:", "nominatim:")


@dataclass
class FillReport:
    """What `fill` did: one message per filled geometry, one per feature left alone."""

    filled: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)


def feature_lines(source_map: Any, features: list[Any]) -> list[int]:
    """Per feature, the line of its geometry (what geocode fills and checks), else of the
    feature itself."""
    return [_line(source_map, features, i) for i in range(len(features))]


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


def fill(
    path: str, document: dict[str, Any], lines: list[int], geocoder: Any, online: Any
) -> FillReport:
    """Fill, in `document`, the null geometry of every feature with a `location` (see the
    module's docstring); `lines[i]` is the line of feature i's geometry, for the messages.
    Raises geo.geocoders.nominatim.OnlineGeocodingError when the online service fails."""
    from shapely.geometry import mapping

    from geo.export.records import as_lists
    from geo.geocoders import is_ambiguous, namesakes
    from geo.positions import PositionError, position_with_words

    report = FillReport()
    left = report.left
    for position, feature in enumerate(document["features"]):
        if not isinstance(feature, dict) or feature.get("geometry") is not None:
            continue
        properties = feature.get("properties")
        location = properties.get("location") if isinstance(properties, dict) else None
        if not isinstance(location, str) or not location.strip():
            continue
        where = f"{path}:{lines[position]}:1: [{_feature_id(feature, position)}] geometry"
        try:
            read = position_with_words(location)
        except PositionError as error:
            left.append(f"{where}: location is written as coordinates but is no position: {error}")
            continue
        if read is not None:  # a position, not a name: no gazetteer is asked
            written, words = read
            elsewhere = outside_country(written, properties.get("country"))
            if elsewhere:
                left.append(f"{where}: location {location!r} {elsewhere}; left without a geometry")
                continue
            feature["geometry"] = {"type": "Point", "coordinates": written.coordinates}
            if properties.get("geo_precision") is None:
                properties["geo_precision"] = 1
            properties["geo_source"] = "manual"
            kept = f"; the words {words!r} stay in location as a note" if words else ""
            report.filled.append(
                f"{where}: {location!r} -> manual ({written.decimal()}, read as "
                f"{written.notation}{kept})"
            )
            continue
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
            found = online.geocode(location, exactly_one=False) or []
        if not found:
            left.append(f"{where}: no place named {location!r} is known")
            continue
        if is_ambiguous(found):
            left.append(f"{where}: {location!r} is ambiguous: {_candidates(found)}")
            continue
        best = found[0]
        area = best.raw.get("geometry")
        if properties.get("layer") == "area" and area is not None:
            feature["geometry"] = as_lists(mapping(area))
        else:
            feature["geometry"] = {
                "type": "Point",
                "coordinates": [round(best.longitude, 6), round(best.latitude, 6)],
            }
        if properties.get("geo_precision") is None:
            properties["geo_precision"] = best.raw.get("geo_precision", 1)
        properties["geo_source"] = best.raw["source"]
        others = namesakes(found)
        also = (
            f"; also the name of {_candidates(others)}: check it, or set country to choose"
            if others
            else ""
        )
        report.filled.append(
            f"{where}: {location!r} -> {best.raw['source']} {best.raw['name']} "
            f"({best.latitude:.5f}, {best.longitude:.5f}){also}"
        )
    return report


def _candidates(found: list[Any]) -> str:
    return "; ".join(
        f"{c.raw['source']} {c.raw['name']} ({c.raw.get('admin1') or '-'}, "
        f"{c.raw.get('country') or '-'}) score {c.raw['score']}"
        for c in found[:5]
    )


def check_positions(
    path: Path, document: dict[str, Any], lines: list[int], geocoder: Any, online: Any
) -> tuple[list[Problem], int]:
    """A problem for every feature more than CHECK_TOLERANCE_KM from the gazetteer entry its
    geo_source names (for an area entry: outside the area by more than that), and for every
    geo_source naming an entry no gazetteer has; for a `location` written as a position
    (geo.positions), a problem when the geometry lies more than CHECK_TOLERANCE_KM from it or
    geo_source names a gazetteer entry instead of `manual`; and how many positions were
    checked."""
    problems: list[Problem] = []
    checked = 0
    for position, feature in enumerate(document["features"]):
        if not isinstance(feature, dict):
            continue
        properties = feature.get("properties") or {}
        source = properties.get("geo_source") if isinstance(properties, dict) else None
        geometry = feature.get("geometry")
        written = _written_position(properties)
        if written is not None and isinstance(geometry, dict):
            checked += 1
            line, feature_id = lines[position], _feature_id(feature, position)
            for message in _disagreements(written, geometry, source):
                problems.append(
                    Problem(str(path), line, 1, "error", message, feature_id, "geometry")
                )
            continue
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
    return problems, checked


def outside_country(written: Any, country: object, whose: str = "its country") -> str | None:
    """Why the position `written` (a geo.positions.Position) cannot be in `country` (a cell
    naming one or more countries: a feature's, or `geo lookup --country`'s, which `whose`
    names in the message): the words of a message when none of the named countries of the
    borders file holds it or lies within their coast tolerance (the rule `validate` applies,
    so that `fill` never writes a point `validate` refuses); None otherwise, and when no
    country of the borders file is named. A pair written longitude first, which a named
    country holds the other way round, says so (`other_way_round`)."""
    from geo.borders import COAST_TOLERANCE_KM, country_containing, km_to, read_countries
    from geo.countries import resolve, split_names

    names = {resolve(name) for name in split_names(country)}
    countries = read_countries()
    wanted = countries[countries["name"].isin(names)]
    if wanted.empty:
        return None

    def near(lon: float, lat: float) -> bool:
        return any(km_to(area, lon, lat) <= COAST_TOLERANCE_KM for area in wanted.geometry)

    if near(written.lon, written.lat):
        return None
    named = " or ".join(sorted(wanted["name"]))
    holder = country_containing(written.lon, written.lat)
    said = f"reads as {_pair(written.lat, written.lon)}, which lies {_in(holder)}, "
    said += f"not in {named} ({whose})"
    if -90 <= written.lon <= 90 and near(written.lat, written.lon):
        said += f"; {other_way_round(written, named)}"
    return said


def unordered_swap(written: Any) -> str | None:
    """For a pair no hemisphere or label orders ("44.983333 39.55"), whose other way round is
    a position in another country of the borders file: a note saying that it is read
    latitude first, where each reading lies and how to write the other; None otherwise."""
    if written.ordered or not -90 <= written.lon <= 90:
        return None
    from geo.borders import country_containing

    holder = country_containing(written.lon, written.lat)
    turned = country_containing(written.lat, written.lon)
    if turned is None or turned == holder:
        return None
    return (
        f"has no hemispheres, so it reads as {_pair(written.lat, written.lon)}, which lies "
        f"{_in(holder)}; if it is written longitude first, {other_way_round(written, turned)}"
    )


def _pair(lat: float, lon: float) -> str:
    return f"latitude {_degrees(lat)}, longitude {_degrees(lon)}"


def _degrees(value: float) -> str:
    """A coordinate as written back to the user: up to 6 decimal places, no trailing zeros."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _in(holder: str | None) -> str:
    return f"in {holder}" if holder else "in no country of the borders file"


def other_way_round(written: Any, named: str) -> str:
    """The swap hint of a position written as text (geocode's `location`, `lookup`): that
    the other way round it lies in `named`, and how to write it so."""
    lat, lon = written.lon, written.lat  # the other way round
    marked = (
        f"{_degrees(abs(lat))}{'N' if lat >= 0 else 'S'} "
        f"{_degrees(abs(lon))}{'E' if lon >= 0 else 'W'}"
    )
    return (
        f"the other way round ({_degrees(lat)}, {_degrees(lon)}) it lies in {named}: write "
        f"latitude first, or add hemispheres ({marked})"
    )


def _written_position(properties: Any) -> Any:
    """The position a feature's `location` is written as, or None (a name, or coordinates
    that are no position: `fill` reports those)."""
    from geo.positions import PositionError, position_with_words

    location = properties.get("location") if isinstance(properties, dict) else None
    if not isinstance(location, str):
        return None
    try:
        read = position_with_words(location)
    except PositionError:
        return None
    return None if read is None else read[0]


def _disagreements(written: Any, geometry: dict[str, Any], source: Any) -> list[str]:
    """What a feature says against its own `location` written as a position: its geometry
    elsewhere, or a geo_source naming a gazetteer entry for a position typed by hand."""
    from shapely.geometry import shape

    from geo.geocoders.gazetteer import haversine_km

    found = []
    try:
        point = shape(geometry).representative_point()
    except (ValueError, TypeError, AttributeError, KeyError):
        point = None
    if point is not None and not point.is_empty:
        distance = float(haversine_km(point.y, point.x, written.lat, written.lon))
        if distance > CHECK_TOLERANCE_KM:
            found.append(
                f"{distance:.1f} km from the position its location writes "
                f"({written.decimal()}); a typo in one of them?"
            )
    if isinstance(source, str) and source != "manual":
        found.append(
            f"geo_source {source} but its location is a position written by hand "
            f"({written.decimal()}): geo_source manual"
        )
    return found


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
