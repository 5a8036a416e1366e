"""Turn the loader's GeoDataFrame back into plain feature dicts of the project's schema, the
common ground of the GeoJSON, CSV and KML exports.

The loader gives dates as datetimes, counts as nullable integers, enumerations as categoricals
and lists as Python lists; a feature's properties come back as JSON values, schema properties
first in the schema's order, then extra properties in column order. Missing values are left
out, as an absent property and a null one both mean "unknown".
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import mapping

from geo.schema import PROPERTIES

SCHEMA_NAMES: tuple[str, ...] = tuple(spec.name for spec in PROPERTIES)
NOT_PROPERTIES: frozenset[str] = frozenset({"id", "geometry"})
LIST_NAMES: frozenset[str] = frozenset(
    s.name for s in PROPERTIES if s.type in ("string_list", "report_list")
)


def property_names(gdf: gpd.GeoDataFrame) -> list[str]:
    """Schema properties, then the frame's extra columns in their order."""
    extras = [c for c in gdf.columns if c not in SCHEMA_NAMES and c not in NOT_PROPERTIES]
    return [*SCHEMA_NAMES, *extras]


def plain(value: Any) -> Any:
    """A JSON value for one cell; None for a missing one."""
    if isinstance(value, list | tuple | np.ndarray):
        return [plain(item) for item in value]
    if isinstance(value, dict):  # a report, or an object someone put in an extra property
        return {str(key): plain(item) for key, item in value.items()}
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return None
        return int(value) if float(value).is_integer() else float(value)
    return value if isinstance(value, str) else str(value)


def joins_as_list(value: Any, separator: str) -> bool:
    """Whether as_text writes `value` as its items joined by `separator` (a non-empty list of
    non-blank strings none of which holds it), so a reader splits it back."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(i, str) and i.strip() and separator.strip() not in i for i in value)
    )


def as_text(value: Any, separator: str) -> str | None:
    """One property value as the text of a text-only format (CSV cells, KML ExtendedData);
    None when unknown. A string is itself; a list of non-blank strings none of which holds
    `separator` is joined by it (how people read and type `sources`); anything else —
    numbers, booleans, objects, nested or mixed lists — is its JSON text, so `json.loads`
    gives the value back (`true`, not Python's `True`; `{"by": "x"}`, not a Python repr)."""
    value = plain(value)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if joins_as_list(value, separator):
        return separator.join(value)
    if isinstance(value, float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def iter_properties(gdf: gpd.GeoDataFrame) -> Iterator[tuple[str, dict[str, Any]]]:
    """(feature id, properties) per row, in row order."""
    names = [name for name in property_names(gdf) if name in gdf.columns]
    columns = {name: gdf[name].tolist() for name in names}
    ids = gdf["id"].tolist()
    for row, feature_id in enumerate(ids):
        properties = {}
        for name in names:
            value = plain(columns[name][row])
            # The loader gives [] for an absent list property of the schema; a user's own
            # property holding [] keeps it.
            if value is not None and not (value == [] and name in LIST_NAMES):
                properties[name] = value
        yield str(feature_id), properties


def column_texts(gdf: gpd.GeoDataFrame, name: str, separator: str) -> list[str]:
    """Column `name` as text cells, row by row: what `as_text` makes of the property
    `iter_properties` gives for each row, "" where it gives none (the columnar twin of that
    pair, for writers of many rows). Dates, integers and strings are converted per column."""
    series = gdf[name]
    kind = series.dtype
    if pd.api.types.is_datetime64_dtype(kind):  # naive, as the loader gives dates
        days = series.to_numpy(dtype="datetime64[D]")
        return np.where(np.isnat(days), "", days.astype(str)).tolist()
    if pd.api.types.is_integer_dtype(kind):  # int64 or the loader's nullable Int64
        missing = series.isna().to_numpy()
        numbers = series.to_numpy(dtype="int64", na_value=0).astype(str)
        return np.where(missing, "", numbers).tolist()
    empty_list_is_absent = name in LIST_NAMES

    def text(value: Any) -> str:
        # as_text reads the value through plain itself: plain(value) is None or [] is all
        # that needs checking here
        if empty_list_is_absent and isinstance(value, list | tuple | np.ndarray) and not len(value):
            return ""
        written = as_text(value, separator)
        return "" if written is None else written

    def cell(value: Any) -> str:
        kind = value.__class__
        if kind is str:
            return value
        if value is None or (kind is float and value != value):  # missing: None or NaN
            return ""
        return text(value)

    return list(map(cell, series.tolist()))


def related_within(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The frame with each `related` list cut to ids of features in the frame: an export of a
    selection is a file of its own, and the validator rejects links to features not in it."""
    if "related" not in gdf.columns or gdf.empty:
        return gdf
    present = set(gdf["id"].astype(str))
    trimmed = gdf.copy()
    trimmed["related"] = [
        [str(i) for i in ids if str(i) in present] if isinstance(ids, list | tuple) else ids
        for ids in gdf["related"].tolist()
    ]
    return trimmed


def feature_collection(gdf: gpd.GeoDataFrame) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection of the frame's rows, in row order."""
    geometries = gdf.geometry.tolist()
    features = []
    for (feature_id, properties), geometry in zip(iter_properties(gdf), geometries, strict=True):
        shape = None if geometry is None or geometry.is_empty else as_lists(mapping(geometry))
        features.append(
            {"type": "Feature", "id": feature_id, "geometry": shape, "properties": properties}
        )
    return {"type": "FeatureCollection", "features": features}


def as_lists(value: Any) -> Any:
    """shapely's mapping uses tuples for coordinates; JSON writers want lists."""
    if isinstance(value, dict):
        return {key: as_lists(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [as_lists(item) for item in value]
    return value
