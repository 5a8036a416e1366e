"""Read an ACLED CSV export (or this project's own CSV export) into features of the project's
schema, with a clear problem for every bad cell: file, line, column, event id, field.

Mapping (see geo.acled.columns): ACLED's columns that the project shares become the
same properties; latitude/longitude the point (or `geometry_wkt` the shape, for the project's
own line and area incidents); ACLED's other non-empty columns are kept as `acled_<column>`
extra properties so that exporting again gives the same row. A genuine ACLED row has no
project columns: it becomes an incident citing the source id given on the command line
(ACLED's own `source` text is kept as `acled_source`), named after its sub-event type and
place, with claim status "unverified" (ACLED codes media reports; it does not verify claims).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import shapely
from shapely.geometry import mapping

from geo.acled.columns import (
    ACLED_COLUMNS,
    ACLED_ONLY_COLUMNS,
    ACLED_PREFIX,
    DEFAULT_SOURCE_ID,
    GEOMETRY_COLUMN,
    ID_COLUMN,
    LIST_SEPARATOR,
    SHARED_COLUMNS,
    SOURCE_COLUMN,
)
from geo.escape import spreadsheet_cell_read
from geo.export.records import as_lists
from geo.periods import date_offer
from geo.problems import Problem
from geo.schema import CLAIM_STATUS, EVENT_TYPES, INTEGER_RANGE, PROPERTY_BY_NAME, PropertySpec
from geo.sniff import DECIMAL_COMMA, format_mismatch, repeated_columns, separator_problem

DEFAULT_CLAIM_STATUS = "unverified"
EARLIEST_DATE = "1900-01-01"
# Columns whose text is kept byte for byte (not stripped): free text a round trip must keep.
VERBATIM_COLUMNS: tuple[str, ...] = ("notes",)
REQUIRED_COLUMNS: tuple[str, ...] = ("event_date", "event_type", "latitude", "longitude")
NUMBER_COLUMNS: tuple[str, ...] = ("latitude", "longitude", "fatalities")
# ACLED writes dates as ISO (API) or as "05 March 2026" (its export tool); both are read.
DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y")
_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    return _SLUG.sub("-", text.casefold()).strip("-")


@lru_cache(maxsize=65536)  # a bulk export repeats a few thousand dates millions of times
def parse_date(text: str) -> date:
    """An ACLED date in any of DATE_FORMATS; ValueError naming them otherwise."""
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    offer = date_offer(text)
    raise ValueError(
        f"{text!r} is not a date (YYYY-MM-DD or '05 March 2026')"
        + (f"; write {offer}" if offer else "")
    )


def read_acled_text(
    text: str,
    path: str,
    *,
    source_id: str = DEFAULT_SOURCE_ID,
    country_names: dict[str, str] | None = None,
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The FeatureCollection of the CSV `text` (None when no row could be read at all) and
    every problem. `country_names` maps case-folded alternative names ("turkey") to the
    project's names ("Türkiye")."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    try:
        header = next(reader, None)
    except csv.Error as error:
        return None, [Problem(path, 1, 1, "error", f"not a valid CSV header: {error}")]
    if header is None:
        return None, [Problem(path, 1, 1, "error", "empty file: expected ACLED's header row")]
    # The exporter wrote a "'" before each cell a spreadsheet would run as a formula
    # (geo.escape.spreadsheet_cell); it is taken off here, and only that one.
    header = [spreadsheet_cell_read(cell) for cell in header]
    second_line = (
        text.splitlines()[reader.line_num] if reader.line_num < len(text.splitlines()) else ""
    )
    header, header_problems = read_header(header, path, second_line)
    if header_problems:
        return None, header_problems
    features: list[dict[str, Any]] = []
    first_line: dict[str, int] = {}
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader, None)
        except csv.Error as error:
            problems.append(
                Problem(path, reader.line_num, 1, "error", f"not a valid CSV row: {error}")
            )
            break
        if cells is None:
            break
        if not any(cell.strip() for cell in cells):
            continue
        cells = [spreadsheet_cell_read(cell) if cell[:1] == "'" else cell for cell in cells]
        feature = read_row(path, start, header, cells, problems, source_id, country_names or {})
        if feature is None:
            continue
        feature_id = feature["id"]
        if feature_id in first_line:
            problems.append(duplicate_id(path, start, header, feature_id, first_line[feature_id]))
            continue
        first_line[feature_id] = start
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}, problems


def read_header(
    cells: list[str], path: str, first_row: str = ""
) -> tuple[list[str], list[Problem]]:
    """The header row's column names as the rows are read by (ACLED's and the project's
    names case-folded), and a problem for each required column that is missing, or for each
    column named twice (geo.sniff.repeated_columns: the file is then unreadable). A file
    separated by semicolons (what spreadsheets write where the decimal separator is a comma),
    tabs or pipes is said to be one, with how to re-save it, instead of four missing columns;
    `first_row`
    (the text of the line after the header) lets the message name its decimal commas."""
    header = [_column_name(name) for name in cells]
    other = format_mismatch(",".join(cells), "CSV")
    if other is not None:
        message = f"the file is {other}, not an ACLED CSV export"
        return header, [Problem(path, 1, 1, "error", message, unreadable=True)]
    separated = separator_problem(
        cells, REQUIRED_COLUMNS, path, first_row, numbers=NUMBER_COLUMNS, normalize=_column_name
    )
    if separated is not None:
        return header, [separated]
    repeated = repeated_columns(header, path)
    if repeated:
        return header, repeated
    return header, [
        Problem(
            path, 1, 1, "error", f"missing column {name!r}: is this an ACLED export?", property=name
        )
        for name in REQUIRED_COLUMNS
        if name not in header
    ]


def read_row(
    path: str,
    line: int,
    header: list[str],
    cells: list[str],
    problems: list[Problem],
    source_id: str = DEFAULT_SOURCE_ID,
    country_names: dict[str, str] | None = None,
) -> dict[str, Any] | None:
    """The GeoJSON feature of one CSV row (its first line is `line`), or None after adding
    every problem of the row to `problems`. Every rule a row must pass lives here; only the
    uniqueness of ids needs the other rows (see `duplicate_id`)."""
    return _Row(path, line, header, cells, problems).feature(source_id, country_names or {})


def duplicate_id(
    path: str, line: int, header: list[str], feature_id: str, first_line: int
) -> Problem:
    """The problem of a row whose id an earlier row (on `first_line`) already has."""
    name = ID_COLUMN if ID_COLUMN in header else "event_id_cnty"
    column = header.index(name) + 1 if name in header else 1
    return Problem(
        path,
        line,
        column,
        "error",
        f"duplicate id {feature_id!r}: first on line {first_line}",
        feature_id,
        name,
    )


_NOT_EXTRA = frozenset([*ACLED_COLUMNS, ID_COLUMN, GEOMETRY_COLUMN])
KNOWN_COLUMNS = frozenset(
    [*ACLED_COLUMNS, *PROPERTY_BY_NAME, ID_COLUMN, GEOMETRY_COLUMN]
    + [ACLED_PREFIX + column for column in (*ACLED_ONLY_COLUMNS, SOURCE_COLUMN, "country")]
)


def _column_name(text: str) -> str:
    """ACLED's and the project's column names are matched without regard to case; other
    columns (the user's own properties) keep their spelling."""
    name = text.strip().lstrip("\ufeff")
    return name.casefold() if name.casefold() in KNOWN_COLUMNS else name


class _Row:
    """One CSV row being read; collects its problems."""

    def __init__(
        self, path: str, line: int, header: list[str], cells: list[str], problems: list[Problem]
    ) -> None:
        self.path, self.line, self.header, self.problems = path, line, header, problems
        self.cells = {name: cell.strip() for name, cell in zip(header, cells, strict=False)}
        # Free text (notes, ACLED's own columns) is kept byte for byte, spaces included, so
        # that exporting the feature again gives ACLED's cell back.
        self.raw = dict(zip(header, cells, strict=False))
        self.count = len(cells)  # the dicts above hold at most the header's number
        self.count_ok = self.count == len(header)
        self.feature_id: str | None = None

    def get(self, name: str) -> str:
        return self.cells.get(name, "")

    def error(self, name: str, message: str) -> None:
        column = self.header.index(name) + 1 if name in self.header else 1
        self.problems.append(
            Problem(self.path, self.line, column, "error", message, self.feature_id, name)
        )

    def feature(self, source_id: str, country_names: dict[str, str]) -> dict[str, Any] | None:
        own_project_row = ID_COLUMN in self.header and bool(self.get(ID_COLUMN))
        event_id = self.get("event_id_cnty")
        self.feature_id = (
            self.get(ID_COLUMN)
            or (f"acled-{slug(event_id)}" if event_id else None)
            or f"acled-line-{self.line}"
        )
        if not self.count_ok:
            self.error(
                self.header[0],
                f"row has {self.count} cells; the header has {len(self.header)}",
            )
            return None
        before = len(self.problems)
        cells = self.cells  # read directly: this runs millions of times in a bulk import
        properties: dict[str, Any] = {"layer": "incident"}
        for name in SHARED_COLUMNS:
            text = cells.get(name)
            value = self._typed(name, text) if text else None
            if value is not None:
                properties[name] = value
        if "country" in properties:
            country = str(properties["country"])
            properties["country"] = country_names.get(country.casefold(), country)
            if properties["country"] != country:  # ACLED's spelling ("Turkey"), for export
                properties[ACLED_PREFIX + "country"] = country
        for name in VERBATIM_COLUMNS:
            if cells.get(name):
                properties[name] = self.raw[name]
        self._check_dates(properties)
        self._check_types(properties)
        for name, value in cells.items():
            if not value or name in _NOT_EXTRA:
                continue
            typed = self._typed(name, value)
            if isinstance(typed, str) and name not in PROPERTY_BY_NAME:
                typed = self.raw[name]  # free text of the user's or ACLED's, byte for byte
            if typed is not None:
                properties[name] = typed  # the project's own columns, and any extra one
        for column in ACLED_ONLY_COLUMNS:
            if cells.get(column):
                properties[ACLED_PREFIX + column] = self.raw[column]
        has_sources = "sources" in self.header and bool(self.get("sources"))
        if self.get(SOURCE_COLUMN) and not has_sources:
            # The outlets ACLED credits, as ACLED wrote them. The project's own export has
            # `sources` (then `source` is the registry's outlets) and its own `acled_source`
            # column, read back with the other columns above.
            properties[ACLED_PREFIX + SOURCE_COLUMN] = self.raw[SOURCE_COLUMN]
        if not has_sources:
            properties["sources"] = [source_id]
        if "reports" not in properties and not own_project_row:
            properties["reports"] = [self._report(source_id, properties)]
        properties.setdefault("claim_status", DEFAULT_CLAIM_STATUS)
        properties.setdefault("name", self._name(properties))
        if not own_project_row and "event_date" in properties:
            properties.setdefault("time_precision", 1)
        geometry = self._geometry()
        if len(self.problems) > before:
            return None
        return {
            "type": "Feature",
            "id": self.feature_id,
            "properties": properties,
            "geometry": geometry,
        }

    def _typed(self, name: str, text: str) -> Any:
        """The cell as the property's JSON type; None when empty or bad (bad is reported)."""
        if not text:
            return None
        spec: PropertySpec | None = PROPERTY_BY_NAME.get(name)
        kind = spec.type if spec else "string"
        try:
            if kind == "date":
                return parse_date(text).isoformat()
            if kind == "integer":
                number = float(text)
                if not number.is_integer() or number < 0:
                    raise ValueError
                value = int(number)
                if value > INTEGER_RANGE[1]:
                    self.error(name, f"{text!r} is out of range: at most {INTEGER_RANGE[1]:,}")
                    return None
                if spec is not None and spec.enum and value not in spec.enum:
                    allowed = ", ".join(str(v) for v in spec.enum)
                    self.error(name, f"{text!r} is not one of {allowed}")
                    return None
                return value
            if kind == "number":
                number = float(text)
                if not math.isfinite(number) or number < 0:
                    raise ValueError
                return int(number) if number.is_integer() else number
        except ValueError as error:
            detail = str(error) if kind == "date" else f"{text!r} is not a whole number >= 0"
            if kind == "number":
                detail = f"{text!r} is not a number >= 0"
            self.error(name, detail)
            return None
        if kind == "string_list":
            return [part.strip() for part in text.split(LIST_SEPARATOR.strip()) if part.strip()]
        if kind == "report_list":  # written as JSON text by the export
            try:
                value = json.loads(text)
            except ValueError as error:
                self.error(name, f"not a JSON list of reports: {error}")
                return None
            if not isinstance(value, list):
                self.error(name, "not a JSON list of reports")
                return None
            return value
        return text

    @staticmethod
    def _report(source_id: str, properties: dict[str, Any]) -> dict[str, Any]:
        """An ACLED row is ACLED's own account of the event (geo.ledger): it asserts it, and
        its fatalities are its figure of the killed."""
        report: dict[str, Any] = {"source": source_id, "stance": "asserts"}
        if properties.get("fatalities") is not None:
            report["figures"] = {"killed": properties["fatalities"]}
        return report

    def _check_types(self, properties: dict[str, Any]) -> None:
        event_type = properties.get("event_type")
        if event_type is not None and event_type not in EVENT_TYPES:
            self.error(
                "event_type",
                f"{event_type!r} is not an ACLED event type ({', '.join(EVENT_TYPES)})",
            )
            return
        sub_type = properties.get("sub_event_type")
        if sub_type is not None and sub_type not in EVENT_TYPES.get(str(event_type), ()):
            self.error("sub_event_type", f"{sub_type!r} is not a sub-event type of {event_type!r}")
        status = self.get("claim_status")
        if status and status not in CLAIM_STATUS:
            self.error("claim_status", f"{status!r} is not one of {', '.join(CLAIM_STATUS)}")

    def _check_dates(self, properties: dict[str, Any]) -> None:
        """A date before 1900 (ACLED starts in 1997; such a date is usually a spreadsheet's
        day 0), and a `year` that is not the year of `event_date`."""
        event_date = properties.get("event_date")
        if not isinstance(event_date, str):
            return
        if event_date < EARLIEST_DATE:
            self.error(
                "event_date",
                f"{self.get('event_date')!r} is before 1900: ACLED's data start in 1997, and "
                "so early a date is usually a spreadsheet's empty date cell (day 0, "
                "1899-12-30); check the original row",
            )
        year = self.get("year")
        if year and year != event_date[:4]:
            self.error(
                "year",
                f"year {year} contradicts event_date {self.get('event_date')!r} "
                f"(year {event_date[:4]}); one of the two was edited: correct it",
            )

    def _name(self, properties: dict[str, Any]) -> str:
        what = properties.get("sub_event_type") or properties.get("event_type") or "Event"
        where = properties.get("location") or properties.get("admin1") or properties.get("country")
        return f"{what}, {where}" if where else str(what)

    def _geometry(self) -> dict[str, Any] | None:
        wkt = self.get(GEOMETRY_COLUMN)
        if wkt:
            try:
                return as_lists(mapping(shapely.from_wkt(wkt)))
            except shapely.errors.GEOSException as error:
                self.error(GEOMETRY_COLUMN, f"not a WKT geometry: {error}")
                return None
        latitude, longitude = self.get("latitude"), self.get("longitude")
        if not latitude and not longitude:
            if not self.get("location"):
                self.error("latitude", "no position: latitude, longitude and location are empty")
            return None  # a location alone is geocoded later by `python -m geo geocode`
        try:
            lat, lon = float(latitude), float(longitude)
        except ValueError:
            commas = [t for t in (latitude, longitude) if DECIMAL_COMMA.fullmatch(t)]
            hint = (
                f"; {commas[0]!r} has a decimal comma: write {commas[0].replace(',', '.')!r}"
                if commas
                else ""
            )
            self.error(
                "latitude",
                f"latitude {latitude!r} / longitude {longitude!r} are not numbers{hint}",
            )
            return None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.error("latitude", f"position ({lat}, {lon}) is outside -90..90, -180..180")
            return None
        return {"type": "Point", "coordinates": [lon, lat]}
