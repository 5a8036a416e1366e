"""Whether an incident file makes sense, beyond its form: positions on the globe and in the
country the feature names (which is what catches swapped longitude and latitude), polygons that
are valid shapes, dates that are not in the future and ends that are not before starts."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.validation import explain_validity

from geo.countries import split_names
from geo.periods import strict_date
from geo.schema import WATER_KINDS
from geo.validate.finding import Finding
from geo.validate.jsonpos import Pointer
from geo.validate.structure import COORDINATE_DEPTH


def check_meaning(
    document: dict[str, object], broken: set[int], today: date | None = None
) -> list[Finding]:
    """Problems of sense in an incident FeatureCollection; features in `broken` (whose
    structure is wrong) are left out of the geometric checks."""
    features = document.get("features")
    if document.get("type") != "FeatureCollection" or not isinstance(features, list):
        return []
    today = today or date.today()
    findings: list[Finding] = []
    points: list[tuple[Pointer, float, float, list[str]]] = []
    provinces: list[tuple[Pointer, float, float, str]] = []
    for index, feature in enumerate(features):
        if not isinstance(feature, dict):
            continue
        pointer: Pointer = ("features", index)
        properties = feature.get("properties")
        properties = properties if isinstance(properties, dict) else {}
        findings += _check_dates(properties, (*pointer, "properties"), today)
        geometry = feature.get("geometry")
        if index in broken or not isinstance(geometry, dict):
            continue
        at = (*pointer, "geometry")
        out_of_range = _check_range(geometry, at)
        if out_of_range:
            findings.append(out_of_range)
            continue
        if geometry.get("type") in ("Polygon", "MultiPolygon"):
            findings += _check_polygon(geometry, at)
        country = properties.get("country")
        water = properties.get("kind") in WATER_KINDS  # the shores' states, not its position's
        if (
            geometry.get("type") == "Point"
            and isinstance(country, str)
            and country.strip()
            and not water
        ):
            names = split_names(country)
            lon, lat = geometry["coordinates"][:2]  # type: ignore[index]
            points.append(((*at, "coordinates"), lon, lat, names))
            admin1 = properties.get("admin1")
            if isinstance(admin1, str) and admin1.strip():
                provinces.append(((*at, "coordinates"), lon, lat, admin1.strip()))
    if points:
        findings += _check_countries(points)
    # A point already outside its country (swapped coordinates, a typo) is one fault: its
    # province is not reported again.
    misplaced = {f.pointer for f in findings if f.property == "country" and f.severity == "error"}
    provinces = [p for p in provinces if p[0] not in misplaced]
    if provinces:
        findings += _check_admin1(provinces)
    return findings


def _check_dates(properties: dict[str, object], at: Pointer, today: date) -> list[Finding]:
    findings = []
    start = strict_date(properties.get("event_date"))
    end = strict_date(properties.get("end_date"))
    for name, day in (("event_date", start), ("end_date", end)):
        if day is not None and day > today:
            findings.append(
                Finding((*at, name), "error", f"{day} is in the future (today is {today})", name)
            )
    if start is not None and end is not None and end < start:
        findings.append(
            Finding(
                (*at, "end_date"), "error", f"ends ({end}) before it starts ({start})", "end_date"
            )
        )
    return findings


def _positions(value: object, depth: int, pointer: Pointer) -> Iterator[tuple[Pointer, list]]:
    if depth == 0:
        yield pointer, value  # type: ignore[misc]
        return
    for index, element in enumerate(value):  # type: ignore[arg-type]
        yield from _positions(element, depth - 1, (*pointer, index))


def _geometry_positions(geometry: dict, pointer: Pointer) -> Iterator[tuple[Pointer, list]]:
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        for index, member in enumerate(geometry.get("geometries", [])):
            yield from _geometry_positions(member, (*pointer, "geometries", index))
    elif kind in COORDINATE_DEPTH:
        yield from _positions(
            geometry["coordinates"], COORDINATE_DEPTH[kind], (*pointer, "coordinates")
        )


def _check_range(geometry: dict, pointer: Pointer) -> Finding | None:
    """The first position off the globe, if any (one per feature: the rest are likely alike)."""
    if geometry.get("type") == "Point":  # most features: no need to walk
        positions = [((*pointer, "coordinates"), geometry["coordinates"])]
    else:
        positions = _geometry_positions(geometry, pointer)
    for at, position in positions:
        lon, lat = position[0], position[1]
        if not -180 <= lon <= 180:
            return Finding(at, "error", f"longitude {lon} is outside -180..180")
        if not -90 <= lat <= 90:
            swapped = " (are longitude and latitude swapped?)" if -90 <= lon <= 90 else ""
            return Finding(at, "error", f"latitude {lat} is outside -90..90{swapped}")
    return None


def _check_polygon(geometry: dict, pointer: Pointer) -> list[Finding]:
    try:
        polygon = shape(geometry)
    except (ValueError, TypeError, shapely.errors.ShapelyError) as error:
        return [Finding(pointer, "error", f"not a valid polygon: {error}")]
    if polygon.is_valid:
        return []
    return [Finding(pointer, "error", f"not a valid polygon: {explain_validity(polygon)}")]


def _check_countries(points: list[tuple[Pointer, float, float, list[str]]]) -> list[Finding]:
    """Each point must lie in (or within the coast tolerance of) one of the countries its
    `country` property names. All points are matched against the borders at once."""
    try:
        from geo.borders import COAST_TOLERANCE_KM, km_to, read_countries

        countries = read_countries()
    except Exception as error:  # any failure to read the borders only skips this check
        return [
            Finding(
                points[0][0],
                "warning",
                f"country not checked: cannot read the borders ({type(error).__name__}: {error})",
                "country",
            )
        ]
    rows_by_name = _rows_by_name(countries)
    geometries = countries.geometry.to_numpy()
    names = countries["name"].to_numpy()
    findings = []
    wanted_rows: list[set[int]] = []
    for at, _, _, wanted_names in points:
        wanted: set[int] = set()
        for name in wanted_names:
            if name.casefold() in rows_by_name:
                wanted.add(rows_by_name[name.casefold()])
            else:
                findings.append(
                    Finding(
                        at,
                        "warning",
                        f'"{name}" is not a country of '
                        "data/borders/countries.geojson, so this position is not "
                        f"checked{_suggest_country(name, names)}",
                        "country",
                    )
                )
        wanted_rows.append(wanted)
    inside = _inside_named(points, wanted_rows, geometries)
    for index, (at, lon, lat, _) in enumerate(points):
        wanted = wanted_rows[index]
        if not wanted or inside[index]:
            continue
        if any(km_to(geometries[r], lon, lat) <= COAST_TOLERANCE_KM for r in wanted):
            continue
        wanted_text = " or ".join(names[r] for r in sorted(wanted))
        swapped = shapely.Point(lat, lon)
        if any(geometries[r].intersects(swapped) for r in wanted):
            message = (
                f"[{lon}, {lat}] lies outside {wanted_text}; swapped, [{lat}, {lon}] lies "
                f"in it: GeoJSON positions are [longitude, latitude]"
            )
        else:
            holding = shapely.intersects(geometries, shapely.Point(lon, lat))
            there = sorted(str(n) for n in names[holding])
            where = f"in {' / '.join(there)}" if there else "in no country of the borders file"
            message = f"[{lon}, {lat}] lies {where}, not in {wanted_text} (its country)"
        findings.append(Finding(at, "error", message, "country"))
    return findings


def _check_admin1(points: list[tuple[Pointer, float, float, str]]) -> list[Finding]:
    """A point whose `admin1` names a province of data/borders/provinces.geojson must lie in
    that province: an error when it lies farther than the coast tolerance (5 km) from it; a
    warning when it lies just across a national border (Azerbaijan's Astara for a feature of
    Gilan, Iran, or a border-river town the simplified line puts on the other bank); nothing
    when a simplified provincial line of its own country puts it just across.
    An `admin1` the borders do not know (a district, an older name) is not checked."""
    try:
        from geo.borders import COAST_TOLERANCE_KM, km_to, provinces_of, read_provinces
        from geo.geocoders.normalize import normalize

        table = read_provinces()
        holding = provinces_of([shapely.Point(lon, lat) for _, lon, lat, _ in points])
    except Exception as error:  # any failure to read the borders only skips this check
        message = f"admin1 not checked: cannot read the borders ({type(error).__name__}: {error})"
        return [Finding(points[0][0], "warning", message, "admin1")]
    rows: dict[str, int] = {}
    spellings: dict[str, set[str]] = {}
    for row, (code, name, alternatives) in enumerate(
        zip(table["code"], table["name"], table["name_alt"], strict=True)
    ):
        rows[str(code)] = row
        for spelling in [name, *str(alternatives or "").split("|")]:
            if spelling and str(spelling).strip():
                spellings.setdefault(normalize(str(spelling)), set()).add(str(code))
    names, countries = table["name"].to_numpy(), table["country_iso_a2"].to_numpy()
    geometries = table.geometry.to_numpy()
    findings = []
    for (at, lon, lat, admin1), code in zip(points, holding, strict=True):
        wanted = spellings.get(normalize(admin1))
        if not wanted or code in wanted:
            continue
        where = "in no province of the borders file"
        severity = "error"
        if code:
            where = f"in {names[rows[code]]} ({code})"
            near = min(km_to(geometries[rows[w]], lon, lat) for w in wanted)
            if near <= COAST_TOLERANCE_KM:
                if {countries[rows[w]] for w in wanted} == {countries[rows[code]]}:
                    continue  # a provincial line of one country, simplified: as for countries
                severity = "warning"
                where += f", {near:.1f} km from {admin1}"
        message = f"[{lon}, {lat}] lies {where}, not in {admin1} (its admin1)"
        findings.append(Finding(at, severity, message, "admin1"))  # type: ignore[arg-type]
    return findings


def _inside_named(
    points: list[tuple[Pointer, float, float, list[str]]],
    wanted_rows: list[set[int]],
    geometries: np.ndarray,
) -> np.ndarray:
    """For each point, whether one of its named countries holds it: one vectorised
    containment test per country over the points that name it."""
    lons = np.array([p[1] for p in points], dtype=float)
    lats = np.array([p[2] for p in points], dtype=float)
    inside = np.zeros(len(points), dtype=bool)
    for row in set().union(*wanted_rows):
        naming = np.array([row in wanted for wanted in wanted_rows])
        shapely.prepare(geometries[row])
        inside[naming] |= shapely.intersects_xy(geometries[row], lons[naming], lats[naming])
    return inside


def _rows_by_name(countries: object) -> dict[str, int]:
    rows: dict[str, int] = {}
    for row, (name, alternatives) in enumerate(
        zip(countries["name"], countries["name_alt"], strict=True)  # type: ignore[index]
    ):
        for spelling in [name, *str(alternatives or "").split("|")]:
            if spelling and spelling.strip():
                rows.setdefault(spelling.strip().casefold(), row)
    return rows


def _suggest_country(name: str, names: np.ndarray) -> str:
    close = difflib.get_close_matches(name, [str(n) for n in names], n=1)
    return f'; did you mean "{close[0]}"?' if close else ""
