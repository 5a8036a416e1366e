"""Column-wise checks of ACLED rows: geo.acled.reader.read_row's verdicts for a whole
batch at once, so a bulk import does not pay read_row's cost on every row.

read_row stays the one owner of what a valid row is and of every message. This module only
decides which rows are plainly valid and what read_row would make of them:

- the rules that read only a few cells (dates and year, event and sub-event type, the
  integer codes, the country's spelling, the report made of the fatalities) are asked of
  read_row itself, once per distinct combination of those cells (a bulk file repeats a few
  thousand combinations millions of times);
- what is left is plain column arithmetic: the id's slug, the position's numbers and range,
  the name from sub-event type and place.

A row this module is not sure of (a cell with spaces or control characters at its ends, an
empty date or id, a position that is not a plain decimal in range, a combination read_row
refuses) is `undecided`: the importer reads it with read_row, which reports it. A header with
the project's own columns (its CSV export read back) is never decided here: `plain_header`.
tests/store/test_checks.py checks on random rows that both give the same store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from geo.acled.columns import (
    ACLED_COLUMNS,
    ACLED_ONLY_COLUMNS,
    ACLED_PREFIX,
    SHARED_COLUMNS,
    SOURCE_COLUMN,
)
from geo.acled.reader import KNOWN_COLUMNS, VERBATIM_COLUMNS, read_row

# The cells read_row's rules read together; each group's distinct combinations are asked of
# read_row (with a valid position, so that only the group's own rules can refuse it).
GROUPS: tuple[tuple[str, ...], ...] = (
    ("event_date", "year", "time_precision"),
    ("event_type", "sub_event_type"),
    ("country",),
    ("geo_precision",),
    ("fatalities",),
)
GROUPED = frozenset(name for group in GROUPS for name in group)
# Shared columns stored as written (stripped, which a decided row's cells already are).
TEXT_COLUMNS: tuple[str, ...] = tuple(
    name for name in SHARED_COLUMNS if name not in GROUPED and name not in VERBATIM_COLUMNS
)
# A cell whose first or last character is a separator or a control character: read_row
# strips some of those (str.strip), so such a row is left to it.
_EDGE = r"^[\pZ\pC]|[\pZ\pC]$"
_DECIMAL = r"^-?[0-9]+(\.[0-9]+)?$"
_ASCII = r"^[\x00-\x7f]+$"
# read_row's answers kept per process; cleared past this many (a file of distinct values).
CACHE_SIZE = 200_000


def plain_header(header: list[str]) -> bool:
    """Whether rows under `header` can be decided here: each column named once, and each
    one of ACLED's or a user's own (not one of the project's properties, ids or shapes)."""
    return len(set(header)) == len(header) and all(
        name in ACLED_COLUMNS or name not in KNOWN_COLUMNS for name in header
    )


@dataclass
class Decided:
    """A batch's decided rows (`rows`: their positions in the batch) and their store
    columns: `properties` (name -> array), `ids`, `longitude`, `latitude`."""

    rows: np.ndarray
    properties: dict[str, pa.Array]
    ids: pa.Array
    longitude: np.ndarray
    latitude: np.ndarray


_MISSING = object()


class Checker:
    """Decides batches of rows under one header, for one source id and country spelling."""

    def __init__(self, header: list[str], source_id: str, country_names: dict[str, str]):
        self.header = header
        self.source_id, self.country_names = source_id, country_names
        self._cache: dict[tuple[tuple[str, ...], tuple[str, ...]], Any] = {}

    def owner(self, group: tuple[str, ...], values: tuple[str, ...]) -> dict[str, Any] | None:
        """read_row's properties for a row with these cells of `group` (and a valid
        position), or None when it refuses them."""
        key = (group, values)
        hit = self._cache.get(key, _MISSING)
        if hit is _MISSING:
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            problems: list = []
            feature = read_row(
                "",
                2,
                [*group, "latitude", "longitude"],
                [*values, "0", "0"],
                problems,
                self.source_id,
                self.country_names,
            )
            hit = self._cache[key] = None if feature is None else feature["properties"]
        return hit

    def decide(self, columns: dict[str, pa.Array]) -> Decided:
        """The rows of `columns` (one string array per header column, all of one length)
        that read_row accepts for certain, with their values."""
        length = len(next(iter(columns.values())))
        empty = pa.array([""] * length, pa.string())

        def cell(name: str) -> pa.Array:
            return columns.get(name, empty)

        ok = np.ones(length, dtype=bool)
        for array in columns.values():
            ok &= ~_bool(pc.match_substring_regex(array, _EDGE))
        event_id = cell("event_id_cnty")
        ok &= _bool(pc.match_substring_regex(event_id, _ASCII))
        latitude, longitude = cell("latitude"), cell("longitude")
        for array in (latitude, longitude):
            ok &= _bool(pc.match_substring_regex(array, _DECIMAL))
        lat = _numbers(latitude, ok)
        lon = _numbers(longitude, ok)
        ok &= (np.abs(lat) <= 90) & (np.abs(lon) <= 180)

        properties: dict[str, pa.Array] = {}
        for group in GROUPS:
            found, values = self._group(group, [cell(name) for name in group])
            ok &= found
            properties.update(values)
        ok &= ~np.asarray(pc.is_null(properties["event_date"]), dtype=bool)

        rows = np.flatnonzero(ok)
        take = pa.array(rows, pa.int64())
        properties = {name: values.take(take) for name, values in properties.items()}
        for name in (*TEXT_COLUMNS, *VERBATIM_COLUMNS):
            properties[name] = _text(cell(name).take(take))
        for name in ACLED_ONLY_COLUMNS:
            properties[ACLED_PREFIX + name] = _text(cell(name).take(take))
        properties[ACLED_PREFIX + SOURCE_COLUMN] = _text(cell(SOURCE_COLUMN).take(take))
        for name in self.header:
            if name not in ACLED_COLUMNS:  # a user's own column, as written
                properties[name] = _text(columns[name].take(take))
        constant = self.owner((), ())
        assert constant is not None  # a row of a valid position only: read_row's defaults
        for name in ("layer", "claim_status", "sources"):
            properties[name] = pa.array([constant[name]] * len(rows))
        properties["name"] = _names(properties)
        ids = pc.binary_join_element_wise(
            "acled-",
            pc.utf8_trim(
                pc.replace_substring_regex(pc.ascii_lower(event_id.take(take)), "[^a-z0-9]+", "-"),
                "-",
            ),
            "",
        )
        return Decided(rows, properties, ids, lon[rows], lat[rows])

    def _group(
        self, group: tuple[str, ...], arrays: list[pa.Array]
    ) -> tuple[np.ndarray, dict[str, pa.Array]]:
        """Whether read_row accepts each row's cells of `group`, and the properties it makes
        of them (null on refused rows), asking read_row once per distinct combination."""
        encoded = [array.dictionary_encode() for array in arrays]
        codes = np.zeros(len(arrays[0]), dtype=np.int64)
        for array in encoded:
            codes = codes * len(array.dictionary) + array.indices.to_numpy()
        distinct, inverse = np.unique(codes, return_inverse=True)
        dictionaries = [array.dictionary.to_pylist() for array in encoded]
        sizes = [len(d) for d in dictionaries]
        answers = []
        for code in distinct.tolist():
            positions = []
            for size in reversed(sizes):
                code, position = divmod(code, size)
                positions.append(position)
            values = tuple(d[p] for d, p in zip(dictionaries, reversed(positions), strict=True))
            answers.append(self.owner(group, values))
        accepted = np.array([answer is not None for answer in answers], dtype=bool)
        names = _OUTPUTS[group]
        take = pa.array(inverse.reshape(-1), pa.int64())
        values = {}
        for name, (convert, kind) in names.items():
            column = [None if a is None else convert(a.get(name)) for a in answers]
            values[name] = pa.array(column, kind).take(take)
        return accepted[inverse.reshape(-1)], values


def _json(value: Any) -> str | None:
    return None if value is None else orjson.dumps(value).decode()


def _same(value: Any) -> Any:
    return value


_TEXT = (_same, pa.string())
_INTEGER = (_same, pa.int64())
# The properties read_row makes of each group's cells, as the store holds them (dates as
# ISO text until the table is built).
_OUTPUTS: dict[tuple[str, ...], dict[str, tuple[Callable[[Any], Any], pa.DataType]]] = {
    GROUPS[0]: {"event_date": _TEXT, "time_precision": _INTEGER},
    GROUPS[1]: {"event_type": _TEXT, "sub_event_type": _TEXT},
    GROUPS[2]: {"country": _TEXT, ACLED_PREFIX + "country": _TEXT},
    GROUPS[3]: {"geo_precision": _INTEGER},
    GROUPS[4]: {"fatalities": _INTEGER, "reports": (_json, pa.string())},
}


def _bool(array: pa.Array) -> np.ndarray:
    return np.asarray(array.fill_null(False), dtype=bool)


def _numbers(array: pa.Array, ok: np.ndarray) -> np.ndarray:
    """The decimal cells as floats (Arrow's parser, correctly rounded as Python's float);
    NaN where `ok` is false."""
    text = pc.if_else(pa.array(ok), array, pa.scalar(None, pa.string()))
    return np.asarray(pc.cast(text, pa.float64()).fill_null(np.nan), dtype=float)


def _text(array: pa.Array) -> pa.Array:
    """Cells as stored: empty is missing."""
    return pc.if_else(pc.equal(array, ""), pa.scalar(None, pa.string()), array)


def _names(properties: dict[str, pa.Array]) -> pa.Array:
    """read_row's name of a row without one: '<sub-event type or event type>, <location,
    admin1 or country>', or the type alone."""
    what = pc.coalesce(properties["sub_event_type"], properties["event_type"], "Event")
    where = pc.coalesce(properties["location"], properties["admin1"], properties["country"])
    return pc.coalesce(pc.binary_join_element_wise(what, where, ", "), what)
