"""Read an incident file into a typed GeoDataFrame, or fail with every problem in it.

The frame is built column by column from the parsed document (pandas reads the properties,
each column is typed whole, points are made by one vectorised shapely call), never one row at a
time: 100k features load in about a
second (bench/load_bench.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import shapely

from geo import paths
from geo.problems import InvalidDataError, Problem, has_errors
from geo.schema import PROPERTIES, PropertySpec

CRS = "EPSG:4326"
# Columns whose values come from a fixed list: categoricals, with the schema's order.
PROPERTY_NAMES: tuple[str, ...] = tuple(spec.name for spec in PROPERTIES)
CATEGORICAL = frozenset(spec.name for spec in PROPERTIES if spec.type == "string" and spec.enum)


def load_incidents(path: Path = paths.INCIDENTS, sources: Path | None = None) -> gpd.GeoDataFrame:
    """The features of an incident file, one row each, in file order.

    Columns: `id`, one per property of geo.schema.PROPERTIES in that order, the file's unknown
    properties (alphabetically), `geometry` (EPSG:4326; None where the file has null).
    Dates are datetime64[us] (NaT when unknown); integers Int64 and numbers float64 (NA / NaN when
    unknown); enumerated strings categorical; other strings pandas' `str` dtype, with null and
    "" both read as missing; list properties (sources, related, evidence, reports) are Python
    lists, [] when absent (reports: lists of dicts as written). `frame.attrs["problems"]`
    holds the warnings the validator gave.

    Source ids are checked against `sources` (a sources.csv), else the registry
    geo.sources.choose_registry finds (the nearest sources.csv, else the file's own `sources`
    member). Raises InvalidDataError carrying every problem `python -m geo validate` would
    print when any of them is an error.
    """
    from geo.validate import check_file  # the validator imports its own heavy parts lazily

    document, problems = check_file(Path(path), sources_path=sources)
    if document is None or has_errors(problems):
        if not has_errors(problems):  # no document, yet nothing said why: never silent
            problems = [*problems, Problem(str(path), 1, 1, "error", "could not be read")]
        raise InvalidDataError(problems)
    frame = incidents_frame(document)
    frame.attrs["problems"] = problems
    return frame


def incidents_frame(document: dict[str, Any]) -> gpd.GeoDataFrame:
    """A typed GeoDataFrame from a parsed FeatureCollection that has passed validation."""
    with _collector_paused():
        return _frame(document)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Building the columns allocates millions of objects and no reference cycles; left on, the
    cyclic garbage collector walks the whole parsed document again and again (a third of the
    time at 100k features)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _frame(document: dict[str, Any]) -> gpd.GeoDataFrame:
    features: list[dict[str, Any]] = document.get("features") or []
    properties = [feature.get("properties") or {} for feature in features]
    # pandas reads the known properties out of the dicts in C; each column is then typed whole.
    raw = pd.DataFrame(properties, columns=list(PROPERTY_NAMES), dtype=object)
    columns: dict[str, Any] = {"id": pd.array([f.get("id") for f in features], dtype="str")}
    for spec in PROPERTIES:
        columns[spec.name] = typed_column(spec, raw[spec.name])
    extra = sorted(set().union(*properties) - set(PROPERTY_NAMES))
    for name in extra:  # unknown properties keep their values exactly as written
        columns[name] = _objects([p.get(name) for p in properties])
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(features)))
    geometry = _geometries([feature.get("geometry") for feature in features])
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometry, crs=CRS).values, crs=CRS)


def typed_column(spec: PropertySpec, column: pd.Series) -> Any:
    """One property's column, typed; null and "" both become missing."""
    if spec.type in ("string_list", "report_list"):
        return _objects([value if isinstance(value, list) else [] for value in column.tolist()])
    if spec.type == "date":
        # One unit for every date column whatever pandas infers; microseconds reach year 1.
        dates = pd.to_datetime(column, format="%Y-%m-%d", errors="coerce")
        return dates.astype("datetime64[us]").array
    if spec.type in ("integer", "number"):
        numbers = pd.to_numeric(column, errors="coerce")
        return numbers.astype("Int64" if spec.type == "integer" else float).array
    if spec.name in CATEGORICAL:
        return pd.Categorical(column, categories=list(spec.enum))
    return column.astype("str").replace("", None).array


def _objects(values: list[Any]) -> np.ndarray:
    """A 1-D object array holding `values` as they are (numpy would nest equal-length lists)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _geometries(geometries: Sequence[dict[str, Any] | None]) -> np.ndarray:
    """Shapely geometries: 2-D points in one vectorised call, the rest through GeoJSON."""
    result = np.full(len(geometries), None, dtype=object)
    points = [
        i
        for i, g in enumerate(geometries)
        if g is not None and g.get("type") == "Point" and len(g.get("coordinates") or ()) == 2
    ]
    if points:
        coordinates = np.array([geometries[i]["coordinates"] for i in points], dtype=float)
        result[points] = shapely.points(coordinates)
    taken = set(points)
    others = [i for i, g in enumerate(geometries) if g is not None and i not in taken]
    if others:
        result[others] = shapely.from_geojson([orjson.dumps(geometries[i]) for i in others])
    return result
