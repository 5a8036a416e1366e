"""Whether an incident file makes sense, beyond its form: positions on the globe and in the
country the feature names (which is what catches swapped longitude and latitude), polygons that
are valid shapes, dates that are not in the future and ends that are not before starts."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.validation import explain_validity

from geo.countries import split_names
from geo.jsonpos import Pointer
from geo.periods import latest_today, strict_date
from geo.schema import WATER_KINDS
from geo.validate.finding import Finding
from geo.validate.structure import COORDINATE_DEPTH

GEOMETRY_DEPTH = 3  # ("features", index, "geometry"): where a feature's geometry is


def check_meaning(
    document: dict[str, object], broken: set[int], today: date | None = None
) -> list[Finding]:
    """Problems of sense in an incident FeatureCollection; features in `broken` (whose
    structure is wrong) are left out of the geometric checks."""
    features = document.get("features")
    if document.get("type") != "FeatureCollection" or not isinstance(features, list):
        return []
    today = today or latest_today()
    findings: list[Finding] = []
    placed: list[Placed] = []
    provinces: list[tuple[int, str]] = []  # index in `placed`, admin1
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
        at = (*pointer, "geometry")  # GEOMETRY_DEPTH deep
        out_of_range = _check_range(geometry, at)
        findings += out_of_range
        # A member with a position off the globe is named by its range error; the others are
        # still checked (a MultiPoint's swapped point in range got no word beside its swapped
        # point beyond latitude 90).
        off = [finding.pointer for finding in out_of_range]
        for member, member_at in _geometry_objects(geometry, at):
            if member.get("type") in ("Polygon", "MultiPolygon") and not _holds_any(member_at, off):
                findings += _check_polygon(member, member_at)
        country = properties.get("country")
        water = properties.get("kind") in WATER_KINDS  # the shores' states, not its position's
        if not isinstance(country, str) or not country.strip() or water:
            continue
        names = split_names(country)
        admin1 = properties.get("admin1")
        location = properties.get("location")
        location = location.strip() if isinstance(location, str) else ""
        for member_at, shaped, first in _members(geometry, at, off):
            if isinstance(admin1, str) and admin1.strip():
                provinces.append((len(placed), admin1.strip()))
            placed.append(Placed(member_at, shaped, first, names, location))
    placed = _with_points(placed)
    if placed:
        findings += _check_countries(placed)
    # A member already outside its country (swapped coordinates, a typo) is one fault: its
    # province is not reported again.
    # Nor is one just across a border (its warning names the country and the distance).
    misplaced = {
        f.pointer
        for f in findings
        if f.property == "country" and (f.severity == "error" or "across the border" in f.message)
    }
    in_provinces = [(placed[i], a) for i, a in provinces if placed[i].pointer not in misplaced]
    if in_provinces:
        findings += _check_admin1(in_provinces)
    return findings


def _check_dates(properties: dict[str, object], at: Pointer, today: date) -> list[Finding]:
    findings = []
    start = strict_date(properties.get("event_date"))
    end = strict_date(properties.get("end_date"))
    for name, day in (("event_date", start), ("end_date", end)):
        if day is not None and day > today:
            findings.append(
                Finding(
                    (*at, name),
                    "error",
                    f"{day} is in the future (the latest date on Earth now is {today})",
                    name,
                )
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


@dataclass(slots=True)
class Placed:
    """One member of a feature's geometry that the borders place: a Point, LineString or
    Polygon (a Multi* geometry or a GeometryCollection gives one per member), with where its
    coordinates are, its first position as written (for messages) and the countries named."""

    pointer: Pointer
    shape: shapely.Geometry | None  # None only until _with_points makes it
    first: list
    names: list[str]
    location: str = ""  # the feature's `location`, for a twin town across a border


def _with_points(placed: list[Placed]) -> list[Placed]:
    """`placed` with the shapes of its Point members made in one vectorised call (one
    shapely.Point per feature in Python is most of the check's time on 100k points)."""
    waiting = [member for member in placed if member.shape is None]
    if waiting:
        made = shapely.points(np.array([member.first[:2] for member in waiting], dtype=float))
        for member, point in zip(waiting, made, strict=True):
            member.shape = point
    return placed


def _geometry_objects(geometry: dict, pointer: Pointer) -> Iterator[tuple[dict, Pointer]]:
    """The geometry and, for a GeometryCollection, each member at any depth."""
    yield geometry, pointer
    if geometry.get("type") == "GeometryCollection":
        for index, member in enumerate(geometry.get("geometries", [])):
            if isinstance(member, dict):
                yield from _geometry_objects(member, (*pointer, "geometries", index))


def _members(
    geometry: dict, pointer: Pointer, off: list[Pointer]
) -> Iterator[tuple[Pointer, shapely.Geometry | None, list]]:
    """Each Point, LineString and Polygon of a (structurally valid) geometry: where its
    coordinates are, the shape (None for a Point: see _with_points), its first position.
    Empty members have nothing to place, and members holding one of the positions `off`
    the globe are named by their range error already."""
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        for index, member in enumerate(geometry.get("geometries", [])):
            yield from _members(member, (*pointer, "geometries", index), off)
        return
    coordinates = geometry.get("coordinates")
    at = (*pointer, "coordinates")
    if kind in _SINGLE:
        parts = [(at, coordinates)]
    elif kind in _MULTI:
        parts = [((*at, index), part) for index, part in enumerate(coordinates)]  # type: ignore[arg-type]
        kind = _MULTI[kind]
    else:
        return
    for part_at, part in parts:
        if not part or _holds_any(part_at, off):
            continue
        if kind == "Point":  # most features: made all at once by _with_points
            yield part_at, None, part
            continue
        first = next(position for _, position in _positions(part, COORDINATE_DEPTH[kind], ()))
        if kind == "LineString":
            shaped = shapely.LineString(part)
        else:
            shaped = shapely.make_valid(shapely.Polygon(part[0], part[1:]))
        yield part_at, shaped, first


_SINGLE = ("Point", "LineString", "Polygon")
_MULTI = {"MultiPoint": "Point", "MultiLineString": "LineString", "MultiPolygon": "Polygon"}


def _described(placed: Placed) -> str:
    """'[lon, lat]' for a point, 'this LineString (first position [lon, lat])' for a shape;
    a member of a Multi* geometry or a collection is preceded by where it is in the geometry
    ('coordinates[1]: [lon, lat]')."""
    first = f"[{placed.first[0]}, {placed.first[1]}]"
    where = _where_in(placed.pointer, GEOMETRY_DEPTH)
    if placed.shape.geom_type == "Point":
        return f"{where}{first}"
    return f"{where}this {placed.shape.geom_type} (first position {first})"


def _swapped(shaped: shapely.Geometry) -> shapely.Geometry:
    """The shape with each position's two numbers exchanged."""
    return shapely.transform(shaped, lambda xy: xy[:, ::-1])


def _check_range(geometry: dict, pointer: Pointer) -> list[Finding]:
    """An error for each Point, LineString and Polygon with a position off the globe, at its
    first such position: each point of a MultiPoint or a GeometryCollection is named (every
    swapped point, where it is in the geometry), a line or polygon once (the rest of one
    shape are likely alike)."""
    if geometry.get("type") == "Point":  # most features: no need to walk
        shapes = [[((*pointer, "coordinates"), geometry["coordinates"])]]
    else:
        shapes = [
            list(_positions(part, depth, part_at))
            for member, member_at in _geometry_objects(geometry, pointer)
            for part_at, part, depth in _parts(member, member_at)
        ]
    findings = []
    for positions in shapes:
        for at, position in positions:
            lon, lat = position[0], position[1]
            where = _where_in(at, len(pointer))
            if not -180 <= lon <= 180:
                findings.append(
                    Finding(at, "error", f"{where}longitude {lon} is outside -180..180")
                )
                break
            if not -90 <= lat <= 90:
                swapped = " (are longitude and latitude swapped?)" if -90 <= lon <= 90 else ""
                message = f"{where}latitude {lat} is outside -90..90{swapped}"
                findings.append(Finding(at, "error", message))
                break
    return findings


def _parts(geometry: dict, pointer: Pointer) -> Iterator[tuple[Pointer, object, int]]:
    """Each Point, LineString and Polygon of one geometry that is no collection, as (where
    its coordinates are, the coordinates, their depth of nesting of positions)."""
    kind = geometry.get("type")
    at = (*pointer, "coordinates")
    if kind in _SINGLE:
        yield at, geometry.get("coordinates"), COORDINATE_DEPTH[kind]
    elif kind in _MULTI:
        for index, part in enumerate(geometry.get("coordinates") or []):
            yield (*at, index), part, COORDINATE_DEPTH[_MULTI[kind]]


def _where_in(at: Pointer, depth: int) -> str:
    """'geometries[1].coordinates[0]: ' for a position inside a geometry of several members
    (the JSON path below the feature's `geometry`), '' for a Point's."""
    inner = at[depth:]
    if inner[-1:] == ("coordinates",):  # a Point's, or a whole member's of a collection
        inner = inner[:-1]
    if not inner:
        return ""
    path = ""
    for part in inner:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    return f"{path}: "


def _holds_any(at: Pointer, pointers: list[Pointer]) -> bool:
    """Whether any of `pointers` is `at` or lies inside it."""
    return any(pointer[: len(at)] == at for pointer in pointers)


def _check_polygon(geometry: dict, pointer: Pointer) -> list[Finding]:
    try:
        polygon = shape(geometry)
    except (ValueError, TypeError, shapely.errors.ShapelyError) as error:
        return [Finding(pointer, "error", f"not a valid polygon: {error}")]
    if polygon.is_valid:
        return []
    return [Finding(pointer, "error", f"not a valid polygon: {explain_validity(polygon)}")]


def _check_countries(placed: list[Placed]) -> list[Finding]:
    """Each member must lie in (or within the coast tolerance of) one of the countries its
    feature's `country` property names; a line or polygon must meet one of them (a drone
    track may cross the border). All members are matched against the borders at once."""
    try:
        from geo.borders import COAST_TOLERANCE_KM, km_between, read_countries

        countries = read_countries()
    except Exception as error:  # any failure to read the borders only skips this check
        return [
            Finding(
                placed[0].pointer,
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
    warned: set[tuple[Pointer, str]] = set()
    for member in placed:
        wanted: set[int] = set()
        for name in member.names:
            if name.casefold() in rows_by_name:
                wanted.add(rows_by_name[name.casefold()])
                continue
            feature_at = member.pointer[:2]
            if (feature_at, name) in warned:
                continue  # one warning per feature, not one per member
            warned.add((feature_at, name))
            findings.append(
                Finding(
                    member.pointer,
                    "warning",
                    f'"{name}" is not a country of '
                    "data/borders/countries.geojson, so this position is not "
                    f"checked{_suggest_country(name, names)}",
                    "country",
                )
            )
        wanted_rows.append(wanted)
    inside = _inside_named(placed, wanted_rows, geometries)
    for index, member in enumerate(placed):
        wanted = wanted_rows[index]
        if not wanted or inside[index]:
            continue
        near = min(km_between(geometries[r], member.shape) for r in wanted)
        if near <= COAST_TOLERANCE_KM:
            across = _just_across(member, wanted, near, geometries, names)
            if across is not None:
                findings.append(across)
            continue
        wanted_text = " or ".join(names[r] for r in sorted(wanted))
        swapped = _swapped(member.shape)
        described = _described(member)
        if any(geometries[r].intersects(swapped) for r in wanted):
            lon, lat = member.first[0], member.first[1]
            if member.shape.geom_type == "Point":
                turned = f"swapped, [{lat}, {lon}] lies"
            else:
                turned = f"with each position's two numbers swapped (first [{lat}, {lon}]) it lies"
            message = (
                f"{described} lies outside {wanted_text}; {turned} in it: GeoJSON positions "
                "are [longitude, latitude]"
            )
        else:
            holding = shapely.intersects(geometries, member.shape)
            there = sorted(str(n) for n in names[holding])
            where = f"in {' / '.join(there)}" if there else "in no country of the borders file"
            message = f"{described} lies {where}, not in {wanted_text} (its country)"
        findings.append(Finding(member.pointer, "error", message, "country"))
    return findings


TWIN_KM = 1.0  # a point this close to a gazetteer's town is placed on that town


def _just_across(
    member: Placed, wanted: set[int], near: float, geometries: np.ndarray, names: np.ndarray
) -> Finding | None:
    """A member outside its named countries but within the coast tolerance of one (which the
    simplified borders allow) that lies inside another country: a warning naming that country
    and the distance, or an error when it sits on a town of its `location`'s name there while
    the named country has a town of that name too (Azerbaijan's Astara for a feature of Iran:
    the twin across the border). In the sea or on a shore no country holds, nothing."""
    from geo.borders import COAST_TOLERANCE_KM

    holding = shapely.intersects(geometries, member.shape)
    there = [str(names[r]) for r in np.flatnonzero(holding) if r not in wanted]
    if not there:
        return None
    wanted_text = " or ".join(str(names[r]) for r in sorted(wanted))
    where = " / ".join(there)
    said = (
        f"{_described(member)} lies in {where}, {near:.1f} km across the border from "
        f"{wanted_text} (its country)"
    )
    twin = _twin_town(member, [str(names[r]) for r in sorted(wanted)])
    if twin is not None:
        return Finding(member.pointer, "error", f"{said}: {twin}", "country")
    return Finding(
        member.pointer,
        "warning",
        f"{said}; within the {COAST_TOLERANCE_KM:g} km the simplified borders allow, so not "
        "an error: check the position",
        "country",
    )


def _twin_town(member: Placed, countries: list[str]) -> str | None:
    """When the member is a point within TWIN_KM of a town named as its `location` outside
    `countries`, and a town of that name lies in one of `countries`: what to say of it."""
    if member.shape.geom_type != "Point" or not member.location:
        return None
    try:
        geocoder = _geocoder()
        point = member.shape
        placed_on = next(
            (
                found
                for found in geocoder.geocode(member.location, exactly_one=False) or []
                if found.raw.get("kind") != "province"
                and _km(point, found) <= TWIN_KM
                and found.raw.get("country") not in countries
            ),
            None,
        )
        if placed_on is None:
            return None
        own = next(
            (
                found
                for country in countries
                for found in geocoder.geocode(member.location, exactly_one=False, country=country)
                or []
                if found.raw.get("kind") != "province"
            ),
            None,
        )
    except Exception:  # the gazetteers only add to the message; without them, a warning
        return None
    if own is None:
        return None
    return (
        f"it sits on {placed_on.raw.get('name')} ({placed_on.raw.get('source')}, "
        f"{_km(point, placed_on):.1f} km away), the town of the same name across the border; "
        f"{own.raw.get('name')} of {own.raw.get('country')} ({own.raw.get('source')}) lies at "
        f"[{round(own.longitude, 6)}, {round(own.latitude, 6)}] (`geo geocode` places a "
        "null geometry there from the feature's country)"
    )


def _km(point: shapely.Geometry, location: object) -> float:
    from geo.geocoders.gazetteer import haversine_km

    return float(haversine_km(point.y, point.x, location.latitude, location.longitude))  # type: ignore[attr-defined]


def _geocoder() -> object:
    global _GEOCODER
    if _GEOCODER is None:
        from geo.geocoders import OfflineGeocoder

        _GEOCODER = OfflineGeocoder()
    return _GEOCODER


_GEOCODER: object = None


def _check_admin1(members: list[tuple[Placed, str]]) -> list[Finding]:
    """A member whose feature's `admin1` names a province of data/borders/provinces.geojson
    must lie in (a line or polygon: meet) that province: an error when it lies farther than
    the coast tolerance (5 km) from it; a warning when it lies just across a national border
    (Azerbaijan's Astara for a feature of Gilan, Iran, or a border-river town the simplified
    line puts on the other bank); nothing when a simplified provincial line of its own country
    puts it just across. An `admin1` the borders do not know (a district, an older name) is
    not checked."""
    try:
        from geo.borders import COAST_TOLERANCE_KM, km_between, provinces_of, read_provinces
        from geo.words.normalize import normalize

        table = read_provinces()
        points = [m.shape for m, _ in members if m.shape.geom_type == "Point"]
        point_codes = iter(provinces_of(points)) if points else iter(())
    except Exception as error:  # any failure to read the borders only skips this check
        message = f"admin1 not checked: cannot read the borders ({type(error).__name__}: {error})"
        return [Finding(members[0][0].pointer, "warning", message, "admin1")]
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
    country_names = table["country"].to_numpy()
    geometries = table.geometry.to_numpy()
    codes = table["code"].astype(str).to_numpy()
    findings = []
    for member, admin1 in members:
        if member.shape.geom_type == "Point":
            code = next(point_codes)
        else:
            meeting = sorted(table.sindex.query(member.shape, predicate="intersects"))
            met = [str(codes[r]) for r in meeting]
            code = next((c for c in met if c in spellings.get(normalize(admin1), ())), None)
            code = code or (met[0] if met else None)
        wanted = spellings.get(normalize(admin1))
        if not wanted or code in wanted:
            continue
        where = "in no province of the borders file"
        severity = "error"
        if code:
            where = f"in {names[rows[code]]} ({code})"
            near = min(km_between(geometries[rows[w]], member.shape) for w in wanted)
            if near <= COAST_TOLERANCE_KM:
                if {countries[rows[w]] for w in wanted} == {countries[rows[code]]}:
                    continue  # a provincial line of one country, simplified: as for countries
                # Just across a national border: the country it lies in and the distance; an
                # error when it sits on the twin town of its `location` across the border.
                there = str(country_names[rows[code]])
                own = sorted({str(country_names[rows[w]]) for w in wanted})
                said = (
                    f"{_described(member)} lies in {names[rows[code]]} ({code}), {there}, "
                    f"{near:.1f} km across the border from {admin1}, {' or '.join(own)} "
                    "(its admin1)"
                )
                twin = _twin_town(member, own)
                if twin is not None:
                    findings.append(Finding(member.pointer, "error", f"{said}: {twin}", "admin1"))
                    continue
                message = (
                    f"{said}; within the {COAST_TOLERANCE_KM:g} km the simplified borders "
                    "allow, so not an error: check the position"
                )
                findings.append(Finding(member.pointer, "warning", message, "admin1"))
                continue
        message = f"{_described(member)} lies {where}, not in {admin1} (its admin1)"
        findings.append(Finding(member.pointer, severity, message, "admin1"))  # type: ignore[arg-type]
    return findings


def _inside_named(
    placed: list[Placed], wanted_rows: list[set[int]], geometries: np.ndarray
) -> np.ndarray:
    """For each member, whether one of its named countries holds (or meets) it: one
    vectorised test per country over the members that name it."""
    shapes = np.array([p.shape for p in placed], dtype=object)
    point = shapely.get_type_id(shapes) == 0
    xs, ys = shapely.get_x(shapes[point]), shapely.get_y(shapes[point])
    inside = np.zeros(len(placed), dtype=bool)
    for row in set().union(*wanted_rows):
        naming = np.array([row in wanted for wanted in wanted_rows])
        shapely.prepare(geometries[row])
        # Points by their coordinates (the fastest test), lines and polygons as shapes.
        named = naming[point]
        held = np.zeros(len(xs), dtype=bool)
        held[named] = shapely.intersects_xy(geometries[row], xs[named], ys[named])
        inside[point] |= held
        shaped = naming & ~point
        if shaped.any():
            inside[shaped] |= shapely.intersects(geometries[row], shapes[shaped])
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
