"""CSV export of incidents with ACLED's column names and order, so the selection can be read by
tools built for ACLED data. ACLED columns the project has no value for stay empty; the
project's own properties follow ACLED's columns; `related` keeps only links to incidents in
the file, so an import of it validates."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

import geopandas as gpd
import pandas as pd

from geo.export.acled_columns import (
    ACLED_COLUMNS,
    ACLED_ONLY_COLUMNS,
    ACLED_PREFIX,
    GEOMETRY_COLUMN,
    ID_COLUMN,
    LIST_SEPARATOR,
    SHARED_COLUMNS,
    SOURCE_COLUMN,
)
from geo.export.errors import ExportError
from geo.export.records import as_text, iter_properties, property_names, related_within
from geo.schema import SOURCE_SCALES

SCALE_COLUMN = "source_scale"  # ACLED's; filled from the reports' sources when not imported

INCIDENT = "incident"


def acled_csv_bytes(gdf: gpd.GeoDataFrame, sources: pd.DataFrame) -> bytes:
    """The incidents of `gdf` as ACLED-shaped CSV (UTF-8, header row, `\\n` line ends)."""
    incidents = related_within(gdf[(gdf["layer"].astype(str) == INCIDENT).to_numpy()])
    if incidents.empty:
        raise ExportError(
            "the selection holds no incidents; the ACLED CSV export holds incidents only "
            "(use --format geojson or kml for sites, routes and areas)"
        )
    header = csv_header(incidents)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    # The csv module quotes a cell holding the line terminator ("\n") but not a lone "\r",
    # which readers then take for a line end: a row with one is written fully quoted.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    geometries = incidents.geometry.tolist()
    for (feature_id, properties), geometry in zip(
        iter_properties(incidents), geometries, strict=True
    ):
        row = _row(header, feature_id, properties, geometry, sources)
        (quoted if any("\r" in cell for cell in row) else writer).writerow(row)
    return buffer.getvalue().encode("utf-8")


def csv_header(incidents: gpd.GeoDataFrame) -> list[str]:
    """ACLED's columns, then `id`, `geometry_wkt` and every project property the incidents
    carry that ACLED's columns do not hold."""
    shared = set(SHARED_COLUMNS)
    # ACLED's own `source` and spelling of `country` stay columns of their own too: the
    # ACLED cells show them, and a re-import tells them apart from the registry's outlets.
    acled_extras = {ACLED_PREFIX + column for column in ACLED_ONLY_COLUMNS}
    project = [
        name
        for name in property_names(incidents)
        if name not in shared and name not in acled_extras
    ]
    return [*ACLED_COLUMNS, ID_COLUMN, GEOMETRY_COLUMN, *project]


def _row(
    header: list[str],
    feature_id: str,
    properties: dict[str, object],
    geometry: object,
    sources: pd.DataFrame,
) -> list[str]:
    cells: dict[str, str] = {name: _cell(properties.get(name)) for name in header}
    for column in ACLED_ONLY_COLUMNS:
        cells[column] = _cell(properties.get(ACLED_PREFIX + column))
    event_date = properties.get("event_date")
    cells["year"] = str(event_date)[:4] if event_date else ""
    reported = [
        str(r.get("source")) for r in properties.get("reports") or [] if isinstance(r, dict)
    ]
    own_source = properties.get(ACLED_PREFIX + SOURCE_COLUMN)
    cells[SOURCE_COLUMN] = (
        _cell(own_source)
        if own_source is not None
        else _outlets(reported or properties.get("sources") or [], sources)
    )
    acled_country = properties.get(ACLED_PREFIX + "country")
    if acled_country:  # ACLED's own spelling of the country ("Turkey"), kept on import
        cells["country"] = _cell(acled_country)
    if properties.get(ACLED_PREFIX + SCALE_COLUMN) is None and reported:
        cells[SCALE_COLUMN] = _scale(reported, sources)
    cells[ID_COLUMN] = feature_id
    cells["latitude"], cells["longitude"], cells[GEOMETRY_COLUMN] = _position(geometry)
    return [cells[name] for name in header]


def _position(geometry: object) -> tuple[str, str, str]:
    """latitude, longitude and (for anything but a point) the WKT of the geometry."""
    if geometry is None or geometry.is_empty:  # type: ignore[attr-defined]
        return "", "", ""
    if geometry.geom_type == "Point":  # type: ignore[attr-defined]
        return repr(geometry.y), repr(geometry.x), ""  # type: ignore[attr-defined]
    # ACLED places every event at a point; a line or area incident keeps its shape in WKT.
    point = geometry.representative_point()  # type: ignore[attr-defined]
    return repr(point.y), repr(point.x), geometry.wkt  # type: ignore[attr-defined]


def _scale(source_ids: Iterable[str], sources: pd.DataFrame) -> str:
    """ACLED's `source_scale` from the registry's scales of the reporting sources: one scale,
    or the distinct ones joined by '-' in ACLED's order (National-International)."""
    if "source_scale" not in sources.columns:
        return ""
    found = {
        part
        for source_id in source_ids
        if source_id in sources.index
        for part in str(sources.at[source_id, "source_scale"] or "").split("-")
        if part
    }
    return "-".join(scale for scale in SOURCE_SCALES if scale in found)


def _outlets(source_ids: Iterable[str], sources: pd.DataFrame) -> str:
    """ACLED's `source`: the outlets that reported the event, each once, in citation order."""
    outlets: list[str] = []
    for source_id in source_ids:
        outlet = sources.at[source_id, "outlet"] if source_id in sources.index else ""
        if outlet and outlet not in outlets:
            outlets.append(str(outlet))
    return LIST_SEPARATOR.join(outlets)


def _cell(value: object) -> str:
    text = as_text(value, LIST_SEPARATOR)
    return "" if text is None else text
