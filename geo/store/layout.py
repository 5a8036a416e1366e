"""What a store holds: GeoParquet 1.1 (https://geoparquet.org/releases/v1.1.0/), one row per
event, sorted by the first day of its date window so that a time filter skips row groups.

Columns: `id`; one per property of geo.schema.PROPERTIES (dates as date32, integers int64,
numbers float64, lists of strings as list<string>, lists of objects (`reports`) as JSON text,
other strings as string); ACLED's columns that the
project has no property for as `acled_<column>` strings; the CSV's own extra columns as
strings; `window_start` and `window_end` (date32: the first and last day the event's date may
stand for, from geo.periods.windows); `geometry` (WKB, lon/lat, OGC:CRS84) and `bbox` (the
GeoParquet 1.1 covering column: struct of xmin, ymin, xmax, ymax doubles).

A store is one `.parquet` file or a folder of them (any depth), all with these columns.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from geo.acled.columns import ACLED_PREFIX, ID_COLUMN
from geo.acled.reader import KNOWN_COLUMNS
from geo.schema import PROPERTIES, PropertySpec

ID_COLUMN_NAME = ID_COLUMN
GEOMETRY = "geometry"
BBOX = "bbox"
WINDOW_START, WINDOW_END = "window_start", "window_end"
# The properties geo.periods.windows reads.
DATE_INPUTS: tuple[str, ...] = ("event_date", "end_date", "time_precision")
# Every acled_<column> property the importer may keep (ACLED's spelling of what it renamed
# included), in the importer's own list.
ACLED_EXTRA_COLUMNS: tuple[str, ...] = tuple(
    sorted(name for name in KNOWN_COLUMNS if name.startswith(ACLED_PREFIX))
)
# Rows per row group: small enough that a month of ACLED's whole history (about 20,000
# events) spans one or two groups, large enough that the column statistics stay few.
ROW_GROUP_SIZE = 32_768
# The window of an undated event: every date filter keeps it, as geo.view keeps undated
# features, and the query stays a plain range test that Parquet statistics can prune with.
UNDATED_WINDOW = ("0001-01-01", "9999-12-31")
BBOX_TYPE = pa.struct([(name, pa.float64()) for name in ("xmin", "ymin", "xmax", "ymax")])
_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "date": pa.date32(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "string_list": pa.list_(pa.string()),
    "report_list": pa.string(),  # the list of report objects as JSON text
}
JSON_TYPES = frozenset({"report_list"})


def arrow_type(spec: PropertySpec) -> pa.DataType:
    return _ARROW_TYPES[spec.type]


def store_schema(extra_columns: list[str]) -> pa.Schema:
    """The columns of a store whose CSV had `extra_columns` beyond ACLED's and the project's."""
    fields = [pa.field(ID_COLUMN, pa.string(), nullable=False)]
    fields += [pa.field(spec.name, arrow_type(spec)) for spec in PROPERTIES]
    fields += [pa.field(name, pa.string()) for name in (*ACLED_EXTRA_COLUMNS, *extra_columns)]
    fields += [
        pa.field(WINDOW_START, pa.date32()),
        pa.field(WINDOW_END, pa.date32()),
        pa.field(GEOMETRY, pa.binary()),
        pa.field(BBOX, BBOX_TYPE),
    ]
    return pa.schema(fields)


def geo_metadata(geometry_types: list[str], bounds: list[float] | None) -> str:
    """The `geo` key of the Parquet footer (GeoParquet 1.1): WKB geometry in OGC:CRS84 (the
    default when `crs` is left out), with `bbox` as its covering column."""
    column: dict[str, object] = {
        "encoding": "WKB",
        "geometry_types": sorted(geometry_types),
        "covering": {BBOX: {corner: [BBOX, corner] for corner in ("xmin", "ymin", "xmax", "ymax")}},
    }
    if bounds is not None:
        column["bbox"] = bounds
    return json.dumps(
        {"version": "1.1.0", "primary_column": GEOMETRY, "columns": {GEOMETRY: column}}
    )


# The Parquet footer key holding the registry rows (geo.sources.registry_rows) of the sources
# the store's events cite, as a GeoJSON export carries them in its `sources` member: an export
# from the store then needs no sources.csv beside it. Absent when the import found none.
SOURCES_KEY = "sources"


def carried_sources(path: Path) -> list[dict[str, str]] | None:
    """The registry rows a store (one that opens: geo.store.query.Store) carries, from its
    first file's footer; None when it carries none (a store imported before they were kept,
    or by an import that found no registry row)."""
    metadata = pq.read_schema(parquet_files(path)[0]).metadata or {}
    text = metadata.get(SOURCES_KEY.encode())
    return json.loads(text) if text else None


# Columns every store has and its queries read: a Parquet file without them is not a store.
REQUIRED_COLUMNS: tuple[str, ...] = (ID_COLUMN, "sources", WINDOW_START, WINDOW_END, GEOMETRY)


def foreign_reason(path: Path) -> str | None:
    """Why a store's Parquet file is none that `geo import-acled` wrote (GeoParquet written by
    geopandas, GDAL or a data portal; any Parquet table), in one sentence with the ways to
    use it; None when every file has the store's columns (or cannot be read: the store's
    reader then says why)."""
    for file in parquet_files(path):
        try:
            schema = pq.read_schema(file)
        except (OSError, pa.ArrowException):
            return None
        missing = [name for name in REQUIRED_COLUMNS if name not in schema.names]
        if not missing:
            continue
        geo = b"geo" in (schema.metadata or {})
        lower = {name.lower() for name in schema.names}
        located = geo or ({"latitude", "longitude"} <= lower or {"lat", "lon"} <= lower)
        drafts = (
            f"; to review its features as drafts, run `python -m geo import {file}`"
            if located
            else ""
        )
        return (
            f"{'a GeoParquet' if geo else 'a Parquet'} file that `python -m geo import-acled` "
            f"did not write (it has no {', '.join(missing)} column): to make a store from its "
            "rows, save them as a CSV with ACLED's columns and run `python -m geo import-acled "
            f"ROWS.csv --out STORE.parquet`{drafts}"
        )
    return None


def is_store(path: Path) -> bool:
    """True for a `.parquet` file or a folder holding any (what `geo export --in` and the app
    open as a store rather than an incident file)."""
    path = Path(path)
    if path.is_dir():
        return any(path.rglob("*.parquet"))
    return path.suffix.casefold() == ".parquet"


def parquet_files(path: Path) -> list[Path]:
    """The Parquet files of a store, in a stable order."""
    path = Path(path)
    return sorted(path.rglob("*.parquet")) if path.is_dir() else [path]
