"""The map's aggregation cells: a square lon/lat grid whose cell halves at each zoom level, so
a cell keeps about the same size on screen (CELLS_PER_TILE across a 256-pixel web map tile).

A square grid rather than H3 because the cell of an event must be computed the same way by
DuckDB (embedded) and by pandas on a Dask cluster, bit for bit: `floor(lon / size)` is one IEEE
division and one floor in both, whereas H3 would need DuckDB's h3 extension, downloaded at run
time, which this project's offline machines cannot fetch. An event's cell is that of the
centre of its bounds (its point, for ACLED's events).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CELLS_PER_TILE = 4
MAX_ZOOM = 18


def cell_size(zoom: int) -> float:
    """Width and height of a cell in degrees at map zoom `zoom` (0 shows the world in one
    256-pixel tile): 90° at zoom 0, 2.8125° at zoom 5, 0.176° at zoom 9."""
    return 360.0 / (2 ** max(0, min(int(zoom), MAX_ZOOM)) * CELLS_PER_TILE)


def cell_sql(size: float) -> tuple[str, str]:
    """SQL for the cell column and row of a store's event (from its `bbox` covering)."""
    return (
        f"CAST(floor((bbox.xmin + bbox.xmax) / 2 / {size!r}) AS BIGINT)",
        f"CAST(floor((bbox.ymin + bbox.ymax) / 2 / {size!r}) AS BIGINT)",
    )


def cells_of(xmin: pd.Series, ymin: pd.Series, xmax: pd.Series, ymax: pd.Series, size: float):
    """The same as `cell_sql`, for columns of bounds: (cell column, cell row) as int64."""
    return (
        np.floor((xmin + xmax) / 2 / size).astype("int64"),
        np.floor((ymin + ymax) / 2 / size).astype("int64"),
    )


def cell_bounds(x: int, y: int, size: float) -> tuple[float, float, float, float]:
    """West, south, east, north of cell (x, y)."""
    return x * size, y * size, (x + 1) * size, (y + 1) * size
