"""The map's aggregation on a Dask cluster: the same store files, the same cells, counted by
many machines.

Why Dask (with dask-geopandas) rather than Spark: it runs the project's own pandas code on each
partition, so a View means on a cluster exactly what it means on the curated file
(geo.view.filter_features, the very masks) and a cell is computed by the same function as the
embedded path's SQL twin (geo.store.grid); it needs no JVM; and dask-geopandas reads GeoParquet
with its metadata as it is. Spark would need the criteria written a third time, in Spark SQL,
and Apache Sedona for the geometry.

The store is read where it lies: every worker must reach the path given (a shared file system,
or an fsspec URL such as s3://… with that filesystem's package installed on every worker).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from geo.store import grid, layout
from geo.store.query import is_missing, is_text
from geo.view import View, filter_features, window_bounds

if TYPE_CHECKING:
    import dask_geopandas

# What geo.view's masks read (geo.periods.windows reads the three date columns).
COLUMNS = [
    "id",
    "layer",
    "event_date",
    "end_date",
    "time_precision",
    "sources",
    "event_type",
    "country",
    "claim_status",
    "reports",
    layout.GEOMETRY,
]
_META = pd.DataFrame(
    {
        "x": pd.Series(dtype="int64"),
        "y": pd.Series(dtype="int64"),
        "count": pd.Series(dtype="int64"),
    }
)


def cells(store: Path | str, view: View, zoom: int) -> pd.DataFrame:
    """Events per grid cell as geo.store.query.Store.cells gives them (columns x, y, count,
    sorted), computed by Dask: on the cluster of the active `dask.distributed.Client` if one
    is, else in this process. Each partition is filtered by geo.view.filter_features."""
    size = grid.cell_size(zoom)
    counted = events(store, view).map_partitions(_partition_cells, view, size, meta=_META)
    result = counted.groupby(["x", "y"])["count"].sum().compute()
    return (
        result.reset_index()
        .astype("int64")
        .sort_values(["x", "y"], ignore_index=True)[["x", "y", "count"]]
    )


def events(store: Path | str, view: View) -> dask_geopandas.GeoDataFrame:
    """The store's columns the masks read, as a Dask frame of the row groups whose date
    statistics may hold events of `view` (geo.view.window_bounds: the others, and the years
    of a folder store outside the view's dates, are not read)."""
    import dask_geopandas

    files = [str(f) for f in layout.parquet_files(Path(store))] if _local(store) else [store]
    bounds = window_bounds(view)
    return dask_geopandas.read_parquet(
        files, columns=COLUMNS, filters=bounds or None, split_row_groups=True
    )


def _local(store: Path | str) -> bool:
    return "://" not in str(store)


def _partition_cells(part: gpd.GeoDataFrame, view: View, size: float) -> pd.DataFrame:
    """One partition's events that `view` keeps, counted per cell."""
    kept = filter_features(_as_loaded(part), view)
    placed = kept[kept.geometry.notna().to_numpy()]
    bounds = placed.geometry.bounds
    x, y = grid.cells_of(bounds["minx"], bounds["miny"], bounds["maxx"], bounds["maxy"], size)
    counts = pd.DataFrame({"x": x, "y": y, "count": 1}).groupby(["x", "y"], as_index=False).sum()
    return counts.astype("int64")


def _as_loaded(part: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The partition's columns as the loader types those the masks read: lists as lists,
    reports parsed from their JSON text."""
    part = part.copy()
    part["sources"] = [[] if is_missing(v) else list(v) for v in part["sources"]]
    part["reports"] = [json.loads(v) if is_text(v) else [] for v in part["reports"]]
    return part
