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

from geo.acled.columns import (
    ACLED_COLUMNS,
    ACLED_ONLY_COLUMNS,
    ACLED_PREFIX,
    GEOMETRY_COLUMN,
    ID_COLUMN,
    LIST_SEPARATOR,
    SHARED_COLUMNS,
    SOURCE_COLUMN,
)
from geo.escape import spreadsheet_cells
from geo.export.errors import ExportError
from geo.export.records import (
    NOT_PROPERTIES,
    column_texts,
    plain,
    property_names,
    related_within,
)
from geo.schema import SOURCE_SCALES

SCALE_COLUMN = "source_scale"  # ACLED's; filled from the reports' sources when not imported

INCIDENT = "incident"


def acled_csv_bytes(gdf: gpd.GeoDataFrame, sources: pd.DataFrame) -> bytes:
    """The incidents of `gdf` as ACLED-shaped CSV (UTF-8, header row, `\\n` line ends).
    Cells are made a column at a time (geo.export.records.column_texts), so a selection of
    a bulk store writes as fast as a small file."""
    incidents = related_within(gdf[(gdf["layer"].astype(str) == INCIDENT).to_numpy()])
    if incidents.empty:
        raise ExportError(
            "the selection holds no incidents; the ACLED CSV export holds incidents only "
            "(use --format geojson or kml for sites, routes and areas)"
        )
    # A cell a spreadsheet would run as a formula gets a leading "'" (OWASP; the reader,
    # geo.acled.reader, takes it off again, so the round trip is the identity).
    header = csv_header(incidents)
    columns = {
        name: spreadsheet_cells(cells)
        for name, cells in _columns(header, incidents, sources).items()
    }
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    # The csv module quotes a cell holding the line terminator ("\n") but not a lone "\r",
    # which readers then take for a line end: a row with one is written fully quoted.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(spreadsheet_cells(header))
    rows = zip(*(columns[name] for name in header), strict=True)
    if any("\r" in "".join(cells) for cells in columns.values()):
        for row in rows:
            (quoted if any("\r" in cell for cell in row) else writer).writerow(row)
    else:
        writer.writerows(rows)
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


def _columns(
    header: list[str], incidents: gpd.GeoDataFrame, sources: pd.DataFrame
) -> dict[str, list[str]]:
    """The cells of each column of `header`, one per incident: a property's text as written
    by every text format (geo.export.records), ACLED's own columns from their `acled_`
    properties, `year` from `event_date`, `source` and `source_scale` from the registry when
    the row has none of ACLED's, the position from the geometry."""
    count = len(incidents)

    def texts(name: str) -> list[str]:
        if name in incidents.columns and name not in NOT_PROPERTIES:
            return column_texts(incidents, name, LIST_SEPARATOR)
        return [""] * count

    cells = {name: texts(name) for name in header}
    for column in ACLED_ONLY_COLUMNS:
        cells[column] = texts(ACLED_PREFIX + column)
    cells["year"] = [date[:4] for date in cells["event_date"]]
    own_source = _present(incidents, ACLED_PREFIX + SOURCE_COLUMN)
    own_scale = _present(incidents, ACLED_PREFIX + SCALE_COLUMN)
    acled_source, scale = texts(ACLED_PREFIX + SOURCE_COLUMN), cells[SCALE_COLUMN]
    reports = _values(incidents, "reports")
    cited = _values(incidents, "sources")
    outlets = []
    for row in range(count):
        reported = [str(r.get("source")) for r in reports[row] or [] if isinstance(r, dict)]
        outlets.append(
            acled_source[row]
            if own_source[row]
            else _outlets(reported or cited[row] or [], sources)
        )
        if not own_scale[row] and reported:
            scale[row] = _scale(reported, sources)
    cells[SOURCE_COLUMN] = outlets
    acled_country = texts(ACLED_PREFIX + "country")
    # ACLED's own spelling of the country ("Turkey"), kept on import
    cells["country"] = [
        own or country for own, country in zip(acled_country, cells["country"], strict=True)
    ]
    cells[ID_COLUMN] = [str(feature_id) for feature_id in incidents["id"].tolist()]
    positions = [_position(geometry) for geometry in incidents.geometry.tolist()]
    cells["latitude"] = [position[0] for position in positions]
    cells["longitude"] = [position[1] for position in positions]
    cells[GEOMETRY_COLUMN] = [position[2] for position in positions]
    return cells


def _values(incidents: gpd.GeoDataFrame, name: str) -> list[object]:
    """The property's JSON value per row (None where missing or not a column)."""
    if name not in incidents.columns:
        return [None] * len(incidents)
    return [plain(value) for value in incidents[name].tolist()]


def _present(incidents: gpd.GeoDataFrame, name: str) -> list[bool]:
    """Whether each row has a value of property `name`."""
    return [value is not None for value in _values(incidents, name)]


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
