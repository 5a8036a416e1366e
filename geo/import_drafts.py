"""Files from the tools analysts already use, read into a draft for review: what
`python -m geo import FILE` does. Never into the data: every feature comes out marked
`review: "draft"`, in the shape `geo extract` writes, for the review loop and `geo merge`.

Read through pyogrio (GDAL): KML and KMZ (Google My Maps, Google Earth: LIBKML driver, with
ExtendedData, TimeStamp and TimeSpan), GeoPackage (every layer), Shapefile (a .shp, or a .zip
holding one), GPX (waypoints, routes and tracks; not the points of routes and tracks), GeoJSON,
FlatGeobuf, and CSV with coordinate columns (latitude/longitude, lat/lon, y/x, …) or a WKT
column, or positions written as text (`39°33′N` in the latitude column, `39°33′N 44°59′E` in
a `position` column: read by geo.positions, the one reader of written positions). GeoParquet
from any writer through geopandas (GDAL here has no Parquet driver), and a plain Parquet table
with coordinate columns. Positions in another CRS are projected to EPSG:4326; heights are
dropped.

How a feature becomes a draft (`FIELDS` lists the names read, case-insensitively):
- name, description, dates (KML TimeStamp or TimeSpan, GPX time, a date column) and the
  schema's own properties when the file has them (event_type, actor1, fatalities, …);
- an incident when it has a date and an event type, from its own columns or, as `geo extract`
  reads an article, from the words of its name, description and folder; else, by its shape,
  a site of kind "other" (a point), an area of kind "region" (a polygon) or a route (a line:
  kind pipeline or flight_path from its words, else left for the reviewer and listed), with
  its date, if any, kept;
- `country` and `admin1` from the file, else from the borders that hold the position;
  `geo_source` "manual" (the position was placed by hand in the other tool); `sources` the
  --source given;
- every other field with a value is written into `notes` ("Other fields in the file: …") and
  listed as not mapped, so nothing of the file is lost.

A KML written by `geo export --format kml` (its ExtendedData holds `feature_id`) is read back
as what it is: each field is the property of its name, typed by the schema (lists split at
"; " or read as JSON, reports as JSON, whole numbers as numbers), the id is `feature_id`, and
the popup (`description`) and TimeSpan, which the export derives from the properties, are not
read again; only `review` becomes "draft".
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from geo.files import file_error
from geo.positions import DECIMAL_PLACES

# Suffixes `geo import` reads, and what each is (for the docs and the messages).
FORMATS: dict[str, str] = {
    ".kml": "KML (Google Earth, Google My Maps)",
    ".kmz": "KMZ, zipped KML (Google Earth, Google My Maps)",
    ".gpkg": "GeoPackage",
    ".shp": "Shapefile",
    ".zip": "zipped Shapefile",
    ".gpx": "GPX (waypoints, routes, tracks)",
    ".csv": "CSV with coordinate columns or a WKT column",
    ".parquet": "GeoParquet (any writer), or Parquet with coordinate columns",
    ".geoparquet": "GeoParquet",
    ".geojson": "GeoJSON",
    ".json": "GeoJSON",
    ".fgb": "FlatGeobuf",
}
# Column names (lower case) read as a position, as the CSV driver's open options want them.
LONGITUDE_NAMES = ("longitude", "lon", "long", "lng", "x")
LATITUDE_NAMES = ("latitude", "lat", "y")
WKT_NAMES = ("wkt", "geometry", "geom", "the_geom", "shape")
# Columns whose text may be a whole position as people write it (geo.positions).
POSITION_NAMES = ("position", "coordinates", "coords", "latlon", "lat_lon", "location")
# Field names (lower case) mapped to a draft's properties; the rest go to notes.
FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "title", "label"),
    "description": ("description", "desc", "cmt", "comment", "notes"),
    # In this order: a file's own event date before a KML TimeStamp or a GPX time; a
    # numeric `timestamp` (ACLED's upload time, seconds) is not a date and is never read as one.
    "date": ("event_date", "date", "begin", "timestamp", "time", "when", "ogr_when", "datetime"),
    "end": ("end", "end_date"),
}
# The schema's own properties, taken as they are when a file has them (an ACLED-like export).
SCHEMA_FIELDS = (
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "fatalities",
    "claim_status",
    "claimed_by",
    "denied_by",
    "time_precision",
    "geo_precision",
)
# Fields a reader fills for every feature with the format's defaults, which say nothing of it.
HOUSEKEEPING = frozenset(
    {
        "id",
        "altitudemode",
        "tessellate",
        "extrude",
        "visibility",
        "draworder",
        "icon",
        "snippet",
        "ele",
        "magvar",
        "geoidheight",
        "fix",
        "sat",
        "hdop",
        "vdop",
        "pdop",
        "ageofdgpsdata",
        "dgpsid",
        "sym",
        "src",
        "type",
        "number",
        "bbox",
    }
)
SKIPPED_GPX_LAYERS = ("route_points", "track_points")  # the points of routes and tracks
_ISO_DATE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
# An HTML tag ("<br>", "</b>", "<a href=...>"), not a "<" of running text ("x < 5 km").
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# A character reference closed by its semicolon ("&amp;", "&#39;", "&#x2019;", "&ndash;"): an
# "AT&T" or "R&D" is text. Google My Maps writes names and descriptions as HTML inside CDATA,
# and some exports escape that HTML once more ("&amp;amp;").
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
ENTITY_PASSES = 2  # HTML escaped, and escaped once more


@dataclass
class Imported:
    """What `import_file` read: the draft FeatureCollection, one line per thing not mapped
    ("layer 'Drones' feature 1 (Shahbuz road sighting): field icon …"), and how many features
    each layer gave."""

    collection: dict[str, Any]
    unmapped: list[str] = field(default_factory=list)
    layers: dict[str, int] = field(default_factory=dict)


def read_layers(path: Path) -> list[tuple[str, Any]]:
    """Each layer of the file as (name, GeoDataFrame in EPSG:4326), in the file's order.
    Raises FileError (exit 2) naming the file and what is wrong: a missing file, a format
    no reader knows, a damaged file, a CSV without coordinate columns, a CRS that cannot be
    projected."""
    if not path.is_file():
        why = "it is a folder, not a file" if path.is_dir() else "no such file"
        raise file_error(path, f"cannot read: {why}")
    if path.stat().st_size == 0:
        raise file_error(path, "the file is empty: nothing to import")
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".geoparquet"):
        return [(path.stem, _read_parquet(path))]
    if suffix in (".geojson", ".json"):
        # GDAL keeps one value of a key written twice in one object without a word: read it
        # as every writer does first (geo.files.read_json: a repeated key is an error with
        # its line, feature and property; a syntax error its line and column).
        from geo.files import read_json

        read_json(path)
    import pyogrio
    from pyogrio.errors import DataLayerError, DataSourceError

    try:
        listed = [str(name) for name, _ in pyogrio.list_layers(path)]
    except (DataSourceError, DataLayerError, RuntimeError) as error:
        known = ", ".join(sorted(FORMATS))
        raise file_error(
            path, f"cannot be read as a geographic file ({_gdal(error)}); geo import reads {known}"
        ) from None
    if suffix == ".gpx":
        listed = [name for name in listed if name not in SKIPPED_GPX_LAYERS]
    options = _csv_options(path) if suffix == ".csv" else {}
    layers = []
    for name in listed:
        try:
            # Times as written ("2026-03-04T22:10:00-05:00"): the event's day is the one its
            # place lived, which converting to UTC would move (here to 5 March).
            frame = pyogrio.read_dataframe(path, layer=name, datetime_as_string=True, **options)
        except (DataSourceError, DataLayerError, RuntimeError, ValueError) as error:
            raise file_error(path, f"layer {name!r} cannot be read: {_gdal(error)}") from None
        layers.append((name, _in_degrees(path, frame)))
    return layers


# GDAL's advice to name a driver: meant for its own command line, not for this one.
_DRIVER_ADVICE = re.compile(r"[.;]*\s*It might help to specify the correct driver.*$", re.S)


def _gdal(error: Exception) -> str:
    """GDAL's (or pyarrow's) message on one line, without the advice to name a driver."""
    return " ".join(_DRIVER_ADVICE.sub("", str(error)).split()) or type(error).__name__


def _csv_options(path: Path) -> dict[str, str]:
    """Open options of GDAL's CSV driver: which columns hold the position. Raises FileError
    when the header names neither a coordinate pair nor a WKT column."""
    import csv

    from geo.files import FileError, decode, read_bytes
    from geo.sniff import separator_problem

    text = decode(read_bytes(path), str(path))
    lines = text.splitlines()
    header = next(csv.reader(lines[:1]), [])
    for pair in (*((y, x) for y in LATITUDE_NAMES for x in LONGITUDE_NAMES), *POSITION_NAMES):
        required = pair if isinstance(pair, tuple) else (pair,)
        other = separator_problem(
            header,
            required,
            str(path),
            lines[1] if len(lines) > 1 else "",
            numbers=required,
            normalize=lambda cell: cell.strip().lower(),
        )
        if other is not None:  # "a semicolon-separated CSV, with decimal commas": re-save it
            raise FileError(problems=[other])
    names = {cell.strip().lower() for cell in header}
    has_pair = names & set(LONGITUDE_NAMES) and names & set(LATITUDE_NAMES)
    if not has_pair and not names & {*WKT_NAMES, *POSITION_NAMES}:
        raise file_error(
            path,
            f"the header ({', '.join(header) or 'empty'}) names no coordinate columns: name "
            f"them latitude and longitude (or lat/lon, y/x), give a WKT column "
            f"({'/'.join(WKT_NAMES)}), or a column of positions as written "
            f"({'/'.join(POSITION_NAMES)}: 39°33′N 44°59′E)",
        )
    # Latitude and longitude stay text, read by geo.positions (`_written_position`): GDAL's
    # X/Y columns would turn "39°33′N" into nothing.
    return {"GEOM_POSSIBLE_NAMES": ",".join(WKT_NAMES), "KEEP_GEOM_COLUMNS": "NO"}


def _read_parquet(path: Path) -> Any:
    """A GeoParquet file (geo metadata, any writer) or a Parquet table with coordinate columns
    as a GeoDataFrame. Raises FileError for a file that is not Parquet or has no position."""
    import geopandas as gpd
    import pandas as pd
    import pyarrow

    try:
        return _in_degrees(path, gpd.read_parquet(path))
    except ValueError as error:
        if "geo" not in str(error).lower():
            raise file_error(path, f"cannot be read as GeoParquet: {_gdal(error)}") from None
    except (OSError, pyarrow.ArrowException) as error:
        raise file_error(path, f"cannot be read as Parquet: {_gdal(error)}") from None
    table = pd.read_parquet(path)  # Parquet without geo metadata: its coordinate columns
    lower = {str(column).lower(): column for column in table.columns}
    lon = next((lower[n] for n in LONGITUDE_NAMES if n in lower), None)
    lat = next((lower[n] for n in LATITUDE_NAMES if n in lower), None)
    if lon is None or lat is None:
        raise file_error(
            path,
            "a Parquet file with neither GeoParquet metadata nor latitude and longitude "
            "columns: nothing says where its rows are",
        )
    # positions read row by row from those columns (`_written_position`), numbers or text
    return gpd.GeoDataFrame(table, geometry=[None] * len(table), crs="EPSG:4326")


def _in_degrees(path: Path, frame: Any) -> Any:
    """The frame in EPSG:4326 without heights. A frame with no CRS is taken as degrees when
    its coordinates fit; else FileError (a Shapefile without its .prj)."""
    import geopandas as gpd
    import shapely

    if not isinstance(frame, gpd.GeoDataFrame):  # a table without geometry (a CSV's rows)
        return gpd.GeoDataFrame(frame, geometry=[None] * len(frame), crs="EPSG:4326")
    if frame.crs is None:
        west, south, east, north = frame.total_bounds
        if not all(map(math.isfinite, (west, south, east, north))) or (
            -180 <= west <= east <= 180 and -90 <= south <= north <= 90
        ):
            frame = frame.set_crs("EPSG:4326")
        else:
            raise file_error(
                path,
                "its coordinates are not degrees and the file does not say their "
                "coordinate system (a Shapefile without its .prj?): add it, or re-save in "
                "EPSG:4326",
            )
    elif not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    frame = frame.set_geometry(shapely.force_2d(frame.geometry.values))
    return frame


# --- features into drafts -------------------------------------------------------------------


def import_file(path: Path, source_id: str | None) -> Imported:
    """The draft FeatureCollection of every feature of every layer of `path` (see the
    module's docstring). Raises FileError for a file that cannot be read (read_layers)."""
    from geo.export.kml import ID_FIELD
    from geo.extract.draft import schema_ordered, slug, unique_id

    layers = read_layers(path)
    imported = Imported({"type": "FeatureCollection", "features": []})
    taken: set[str] = set()
    for layer_name, frame in layers:
        imported.layers[layer_name] = len(frame)
        lower = {
            str(column).lower(): str(column) for column in frame.columns if column != "geometry"
        }
        for index, (_, row) in enumerate(frame.iterrows(), start=1):
            label = _row_label(path, layer_name, len(layers), index, row, lower)
            geometry, written = _geometry(row.geometry), ""
            if geometry is None:  # a position written as text: "39°33′N" in the latitude column
                geometry, written = _written_position(row, lower, imported, label)
            if geometry is None:
                imported.unmapped.append(
                    f"{label}: no position; its location is left for geo geocode"
                )
            if ID_FIELD in lower:  # geo export's own KML: its fields are the properties
                props, wanted = _exported_properties(row, lower, source_id, imported, label)
                if geometry is None:
                    props.setdefault("location", props.get("name"))  # for `geo geocode`
                imported.collection["features"].append(
                    {
                        "type": "Feature",
                        "id": unique_id(wanted, taken),
                        "properties": props,
                        "geometry": geometry,
                    }
                )
                continue
            geometry_type = None if geometry is None else geometry["type"]
            props, notes = _properties(
                row, lower, layer_name, geometry_type, source_id, imported, label
            )
            if written:
                notes.append(f"Position read from {written}.")
            _place(props, geometry)
            if not props.get("country"):
                imported.unmapped.append(
                    f"{label}: no country in the file or around its position: set it"
                )
            where = f"{path.name}{_in(layer_name, len(layers))}, feature {index}"
            props["notes"] = " ".join([f"Imported by geo import from {where}.", *notes])
            props["review"] = "draft"
            name = props.get("name") or _name_of(props, layer_name, index)
            props["name"] = name
            short = {"incident": "inc"}.get(props["layer"], props["layer"])
            wanted = f"draft-{short}-{slug(name)}"
            imported.collection["features"].append(
                {
                    "type": "Feature",
                    "id": unique_id(wanted, taken),
                    "properties": schema_ordered(
                        {k: v for k, v in props.items() if v is not None or k == "fatalities"}
                    ),
                    "geometry": geometry,
                }
            )
    return imported


# Fields of geo export's KML that it derives from the properties (the popup, the TimeSpan,
# the style; the id is read apart): not read back as properties.
DERIVED_KML_FIELDS = frozenset({"description", "begin", "end", "ogr_style"})


def _exported_properties(
    row: Any, lower: dict[str, str], source_id: str | None, imported: Imported, label: str
) -> tuple[dict[str, Any], str]:
    """The properties and id of one placemark of a KML that `geo export` wrote: each field
    with a value is the property of its name (a name LIBKML would take for a KML element was
    written with a trailing "_", which is dropped), read back from its text by the schema's
    type (geo.export.records.as_text wrote it); `review` is "draft", and --source is added
    to `sources`. A value that cannot be read back is listed and left out."""
    from geo.export.kml import ID_FIELD, LIBKML_FIELDS
    from geo.schema import PROPERTY_BY_NAME

    libkml = {name.lower(): name for name in LIBKML_FIELDS}
    props: dict[str, Any] = {}
    for key, column in lower.items():
        value = row[column]
        if key in (ID_FIELD, *DERIVED_KML_FIELDS) or key in HOUSEKEEPING or _empty(value):
            continue
        name = column
        if key.endswith("_") and key[:-1] in libkml:
            name = libkml[key[:-1]]
        spec = PROPERTY_BY_NAME.get(name.lower())
        try:
            props[spec.name if spec else name] = _typed(str(value), spec.type if spec else None)
        except ValueError as error:
            imported.unmapped.append(f"{label}: field {column}: {error}; left out")
    if source_id and source_id not in props.setdefault("sources", []):
        props["sources"].append(source_id)
    if props.get("layer") == "incident":
        props.setdefault("fatalities", None)  # unknown, which KML writes as no field
    props["review"] = "draft"
    schema = [name for name in PROPERTY_BY_NAME if name in props]
    ordered = {name: props[name] for name in schema}
    ordered |= {name: value for name, value in props.items() if name not in ordered}
    return ordered, str(row[lower[ID_FIELD]])


def _typed(text: str, kind: str | None) -> Any:
    """A property's value from the text geo.export.records.as_text wrote for it: `kind` is its
    schema type (None: a property the schema does not name, whose JSON object or list is
    read back, any other text kept). Raises ValueError for text that is not of the type."""
    if kind == "integer":
        return int(text)
    if kind == "number":
        number = float(text)
        return int(number) if number.is_integer() else number
    if kind == "report_list" or (kind == "string_list" and text.startswith("[")):
        value = json.loads(text)
        if not isinstance(value, list):
            raise ValueError(f"{text[:40]!r} is not a JSON list")
        return value
    if kind == "string_list":
        from geo.export.kml import LIST_SEPARATOR

        return [part for part in text.split(LIST_SEPARATOR) if part]
    if kind is None and text[:1] in "[{":
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text


def _name_of(props: dict[str, Any], layer_name: str, index: int) -> str:
    """A name for a feature the file names not: what and where, as the file tells them
    (an ACLED row: "Air/drone strike: Caspian Sea - Off Lankaran"), else layer and number."""
    what, where = props.get("sub_event_type"), props.get("location")
    if where:
        return f"{what}: {where}" if what else str(where)
    return f"{layer_name} {index}"


def _in(layer_name: str, layer_count: int) -> str:
    return f", layer {layer_name!r}" if layer_count > 1 or layer_name else ""


def _row_label(
    path: Path, layer_name: str, layer_count: int, index: int, row: Any, lower: dict[str, str]
) -> str:
    """How a message names a feature: the file, its line for a CSV (header on line 1, one
    row a line), else its layer and number, and its name."""
    name = _text(_field(row, lower, FIELDS["name"]))
    named = f" ({name})" if name else ""
    if path.suffix.lower() == ".csv":
        return f"{path}:{index + 1}: row {index}{named}"
    return f"{path}{_in(layer_name, layer_count)}: feature {index}{named}"


def _field(row: Any, lower: dict[str, str], names: tuple[str, ...]) -> Any:
    for name in names:
        if name in lower and not _empty(row[lower[name]]):
            return row[lower[name]]
    return None


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd

        if value is pd.NaT or (not isinstance(value, list | tuple | dict) and pd.isna(value)):
            return True
    except (TypeError, ValueError):
        pass
    return isinstance(value, str) and not value.strip()


def _text(value: Any) -> str:
    """A value as one line of plain text: an HTML description's tags (<br>) become blanks and
    its character references the characters ("&amp;" "&", "&#39;" "'", "&amp;amp;" "&"), in
    every field of every format (KML and KMZ names, descriptions and ExtendedData; GPX; CSV)."""
    if value is None:
        return ""
    text = _TAG.sub(" ", str(value))
    for _ in range(ENTITY_PASSES):
        if not _ENTITY.search(text):
            break
        text = _TAG.sub(" ", _ENTITY.sub(lambda m: html.unescape(m.group()), text))
    return " ".join(text.split())


def _day(value: Any) -> date | None:
    """The day a date value names: a datetime (in its own time zone, as written), or an ISO
    string (YYYY-MM-DD, optionally with a time); None for anything else."""
    if isinstance(value, int | float) or hasattr(value, "dtype"):
        return None  # a number (seconds since 1970? a year?) names no day for sure
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    match = _ISO_DATE.match(str(value))
    if match is None:
        return None
    try:
        return date.fromisoformat(match[1])
    except ValueError:
        return None


_FLIGHT_WORDS = re.compile(r"\b(?:drone|uav|flight|aircraft|plane|missile|track)", re.I)
_PIPELINE_WORDS = re.compile(r"\bpipe", re.I)


def _context_layer(geometry_type: str | None, words: str) -> tuple[str, str | None]:
    """The layer and kind of a feature that is no incident, by its shape (a site is a point,
    a route a line, an area a polygon); a route's kind from its words, else None (left to
    the reviewer: the schema has no route of unknown kind)."""
    if geometry_type in ("LineString", "MultiLineString"):
        if _PIPELINE_WORDS.search(words):
            return "route", "pipeline"
        return "route", "flight_path" if _FLIGHT_WORDS.search(words) else None
    if geometry_type in ("Polygon", "MultiPolygon"):
        return "area", "region"
    return "site", "other"


def _first_day(
    row: Any, lower: dict[str, str], names: tuple[str, ...], used: set[str]
) -> date | None:
    """The day of the first of `names` that holds one (marked used), else None."""
    for name in names:
        if name in lower and not _empty(row[lower[name]]):
            day = _day(row[lower[name]])
            if day is not None:
                used.add(name)
                return day
    return None


def _properties(
    row: Any,
    lower: dict[str, str],
    layer_name: str,
    geometry_type: str | None,
    source_id: str | None,
    imported: Imported,
    label: str,
) -> tuple[dict[str, Any], list[str]]:
    """The draft's properties from one row, and the sentences its notes get."""
    from geo.extract.proposals import event_in_words
    from geo.schema import EVENT_TYPES, PROPERTY_BY_NAME

    used: set[str] = set()

    def take(names: tuple[str, ...]) -> Any:
        for name in names:
            if name in lower and not _empty(row[lower[name]]):
                used.add(name)
                return row[lower[name]]
        return None

    name = _text(take(FIELDS["name"]))
    description = _text(take(FIELDS["description"]))
    notes = [f"Description in the file: {description.rstrip('.')}."] if description else []
    props: dict[str, Any] = {"name": name or None}
    for key in SCHEMA_FIELDS:
        value = take((key,))
        if value is None:
            continue
        if PROPERTY_BY_NAME[key].type == "integer":
            try:
                value = int(value)
            except (TypeError, ValueError):
                used.discard(key)
                continue
        props[key] = _text(value) if isinstance(value, str) else value
    start, end = _first_day(row, lower, FIELDS["date"], used), None
    if start is None:
        written = [n for n in FIELDS["date"] if n in lower and not _empty(row[lower[n]])]
        if written:  # left in the other fields below, where notes keep them
            shown = ", ".join(f"{n} {_text(row[lower[n]])!r}" for n in written)
            imported.unmapped.append(f"{label}: no date read from {shown} (not YYYY-MM-DD)")
    else:
        end = _first_day(row, lower, FIELDS["end"], used)
    if start is not None:
        props["event_date"] = start.isoformat()
        if end is not None and end > start:
            props["end_date"] = end.isoformat()
    event_type, sub_event_type = props.get("event_type"), props.get("sub_event_type")
    known = event_type in EVENT_TYPES and sub_event_type in EVENT_TYPES.get(event_type, ())
    if not known:
        guessed = event_in_words(
            ". ".join(part for part in (name, description, layer_name) if part)
        )
        if guessed is not None:
            props["event_type"], props["sub_event_type"] = guessed[0], guessed[1]
            notes.append(f"Event type guessed from the word '{guessed[2]}'.")
            known = True
    if known and start is not None:
        props["layer"] = "incident"
        props.setdefault("time_precision", 1)
        props.setdefault("claim_status", "unverified")
        props.setdefault("fatalities", None)
    else:
        for key in ("event_type", "sub_event_type", "time_precision", "claim_status", "fatalities"):
            props.pop(key, None)
        why = "no date" if start is None else "no event type in its fields or words"
        words = " ".join((name, description, layer_name))
        props["layer"], props["kind"] = _context_layer(geometry_type, words)
        what = f"{'an' if props['layer'] == 'area' else 'a'} {props['layer']}" + (
            f" of kind {props['kind']}" if props["kind"] else ""
        )
        todo = "make it an incident by hand if it is one"
        if props["kind"] is None:
            todo = "set its kind (pipeline or flight_path) before the draft validates"
        imported.unmapped.append(f"{label}: drafted as {what} ({why}); {todo}")
    props["sources"] = [source_id] if source_id else []
    if source_id and props["layer"] == "incident":
        props["reports"] = [{"source": source_id, "stance": "asserts"}]
    position_columns = {*LONGITUDE_NAMES, *LATITUDE_NAMES, *WKT_NAMES}  # the geometry says it
    others = [
        (lower[key], row[lower[key]])
        for key in lower
        if key not in used
        and key not in HOUSEKEEPING
        and key not in position_columns
        and not _empty(row[lower[key]])
    ]
    if others:
        notes.append(
            "Other fields in the file: " + "; ".join(f"{k}: {_text(v)}" for k, v in others) + "."
        )
        imported.unmapped.append(
            f"{label}: not mapped, kept in notes: {', '.join(k for k, _ in others)}"
        )
    return props, notes


def _geometry(value: Any) -> dict[str, Any] | None:
    """GeoJSON geometry with coordinates rounded to 6 places, or None when the feature has
    none or an empty one."""
    from shapely.geometry import mapping

    from geo.export.records import as_lists

    if not hasattr(value, "is_empty") or value.is_empty:  # None, or NaN from a frame's row
        return None
    import numpy as np
    import shapely

    rounded = shapely.transform(value, lambda xy: np.round(xy, DECIMAL_PLACES))
    return as_lists(mapping(rounded))


def _written_position(
    row: Any, lower: dict[str, str], imported: Imported, label: str
) -> tuple[dict[str, Any] | None, str]:
    """A Point from a position written as text (geo.positions: `39°33′N 44°59′E`) in the
    latitude and longitude columns, else in a POSITION_NAMES column; and where it was read
    ("latitude and longitude '39°33′N, 44°59′E'", "" for plain numbers in those columns).
    Text that is written as coordinates but is no position is listed with the reason."""
    from geo.positions import PositionError, parse_position, position_with_words

    lat = next((lower[n] for n in LATITUDE_NAMES if n in lower), None)
    lon = next((lower[n] for n in LONGITUDE_NAMES if n in lower), None)
    candidates, pair = [], f"{lat} and {lon}"
    if lat and lon and not _empty(row[lat]) and not _empty(row[lon]):
        candidates.append((pair, f"{row[lat]}, {row[lon]}"))
    candidates += [
        (lower[n], str(row[lower[n]]))
        for n in POSITION_NAMES
        if n in lower and not _empty(row[lower[n]])
    ]
    for where, text in candidates:
        try:
            # a position column may hold words beside it ("39°33′N 44°59′E (near Sharur)")
            read = parse_position(text) if where == pair else position_with_words(text)
            position = read[0] if isinstance(read, tuple) else read
        except PositionError as error:
            imported.unmapped.append(f"{label}: {where} {text!r} is no position: {error}")
            continue
        if position is None and where == pair:
            imported.unmapped.append(f"{label}: {where} {text!r} are not coordinates")
        if position is not None:
            geometry = {"type": "Point", "coordinates": position.coordinates}
            if where == pair and position.notation == "decimal degrees":
                return geometry, ""  # the usual columns of numbers: nothing to say
            return geometry, f"{where} {text!r} ({position.notation})"
    return None, ""


def _place(props: dict[str, Any], geometry: dict[str, Any] | None) -> None:
    """country, admin1 and geo_source from the position, where the file said none; without a
    position, `location` from the name, so that `geo geocode` can place the draft."""
    if geometry is None:
        props.setdefault("location", props.get("name"))  # for `geo geocode` to place it
        return
    from shapely.geometry import shape

    from geo.borders import country_containing, province_containing

    point = shape(geometry).representative_point()
    if not props.get("country"):
        props["country"] = country_containing(point.x, point.y)
    if not props.get("admin1") and props.get("country"):
        province = province_containing(point.x, point.y)
        props["admin1"] = None if province is None else str(province["name"])
    props["geo_source"] = "manual"
