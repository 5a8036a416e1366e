"""A geo.view.View on a store, as SQL run by DuckDB (embedded, reading the Parquet files in
place: only the columns and row groups a query needs are read).

The criteria are geo.view.sql_conditions, the SQL twins of the masks the curated file is
filtered with; rows come back in the loader's frame (geo.load), so exports, popups and the
timeline take them as they take the curated file.
"""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import shapely
from duckdb.sqltypes import BOOLEAN, VARCHAR

from geo.countries import SEPARATOR as COUNTRY_SEPARATOR
from geo.criteria import REPORTS_SQL_FUNCTION
from geo.files import file_error
from geo.ledger import REPUBLISHED_ATTR, Registry
from geo.load import CRS, typed_column
from geo.schema import PROPERTIES
from geo.store import grid, layout
from geo.view import View, filter_features, refining_view, report_masks, sql_conditions

# DuckDB's memory for one app or CLI process; it spills to disk past it.
MEMORY_LIMIT = "512MB"
NOT_PROPERTIES = (layout.WINDOW_START, layout.WINDOW_END, layout.BBOX)


class Store:
    """An open store (a `.parquet` file or a folder of them). Thread-safe: each query runs on
    its own cursor of one DuckDB connection."""

    def __init__(self, path: Path, threads: int = 2) -> None:
        """Raises FileNotFoundError when there is no Parquet file, FileError (exit 2) for
        Parquet that `geo import-acled` did not write (layout.foreign_reason)."""
        self.path = Path(path)
        files = layout.parquet_files(self.path)
        if not files or not all(f.is_file() for f in files):
            raise FileNotFoundError(f"{self.path}: no Parquet file")
        foreign = layout.foreign_reason(self.path)
        if foreign is not None:  # its queries would fail on the first missing column
            raise file_error(self.path, foreign)
        self._connection = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "threads": threads})
        listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        # A folder store is hive-style (year=YYYY/): its partition names are not columns.
        self._from = f"read_parquet([{listed}], union_by_name = true, hive_partitioning = false)"
        self._lock = threading.Lock()
        self._republished: dict[str, str] = {}
        self._connection.create_function(
            REPORTS_SQL_FUNCTION,
            self._report_masks,
            [VARCHAR, VARCHAR, VARCHAR, VARCHAR],
            BOOLEAN,
            type="arrow",
            null_handling="special",
        )
        self._extras = _columns_holding_values(files)

    def use_registry(self, sources: pd.DataFrame) -> None:
        """Count a republication and its original as one origin (geo.ledger) from now on."""
        self._republished = dict(Registry.of(sources).republished_from)

    def _report_masks(
        self, layer: pa.Array, reports: pa.Array, criteria: pa.Array, name: pa.Array
    ) -> pa.Array:
        """geo.view.report_masks on one vector of rows (DuckDB calls it while it scans)."""
        frame = pd.DataFrame(
            {
                "layer": layer.to_pylist(),
                "reports": [json.loads(v) if v else [] for v in reports.to_pylist()],
            }
        )
        frame.attrs[REPUBLISHED_ATTR] = self._republished
        mask = report_masks(frame, criteria[0].as_py())[name[0].as_py()]
        return pa.array(mask.to_numpy(dtype=bool))

    def _query(self, sql: str, params: list[object]) -> pa.Table:
        with self._lock:
            cursor = self._connection.cursor()
        try:
            return cursor.sql(sql, params=params).to_arrow_table()
        finally:
            cursor.close()

    def _where(self, view: View) -> tuple[str, list[object]]:
        conditions = sql_conditions(view)
        if not conditions:
            return "", []
        sql = " AND ".join(condition for condition, _ in conditions.values())
        return f"WHERE {sql}", [p for _, params in conditions.values() for p in params]

    def count(self, view: View) -> int:
        """How many events the view selects (a shape whose bounds only reach into the view's
        box counts too: geo.view.SQL_REFINED; exact for points, as ACLED's events)."""
        where, params = self._where(view)
        table = self._query(f"SELECT count(*) AS n FROM {self._from} {where}", params)
        return int(table["n"][0].as_py())

    def hidden_counts(self, view: View) -> dict[str, int]:
        """How many events each criterion hides on its own, as geo.view.hidden_counts."""
        conditions = sql_conditions(view)
        if not conditions:
            return {}
        columns = ", ".join(
            f'count(*) FILTER (WHERE NOT coalesce(({sql}), false)) AS "{name}"'
            for name, (sql, _) in conditions.items()
        )
        params = [p for _, params in conditions.values() for p in params]
        row = self._query(f"SELECT {columns} FROM {self._from}", params).to_pylist()[0]
        return {name: int(count) for name, count in row.items()}

    def select(self, view: View) -> gpd.GeoDataFrame:
        """The events the view selects, in the loader's frame (geo.load.load_incidents): `id`,
        the schema's properties typed as the loader types them, the extra columns that hold
        any value, `geometry` (EPSG:4326), by date."""
        where, params = self._where(view)
        table = self._query(
            f"SELECT * EXCLUDE ({', '.join(NOT_PROPERTIES)}) FROM {self._from} {where} "
            f"ORDER BY {layout.WINDOW_START} NULLS LAST, id",
            params,
        )
        frame = frame_of(table, self._extras)
        frame.attrs[REPUBLISHED_ATTR] = self._republished
        refine = refining_view(view)
        return frame if refine is None else filter_features(frame, refine)

    def cells(self, view: View, zoom: int) -> pd.DataFrame:
        """Events per grid cell (geo.store.grid) at map zoom `zoom`: columns x, y, count."""
        size = grid.cell_size(zoom)
        x, y = grid.cell_sql(size)
        where, params = self._where(view)
        where = f"{where} {'AND' if where else 'WHERE'} bbox IS NOT NULL"
        return self._query(
            f"SELECT {x} AS x, {y} AS y, count(*) AS count FROM {self._from} {where} "
            "GROUP BY ALL ORDER BY x, y",
            params,
        ).to_pandas()

    def period_counts(self, view: View, period: str) -> pd.DataFrame:
        """Dated incidents per `period` ('day', 'week' from Monday, 'month' or 'year') of their
        `event_date`, by event type ('(no type)' when empty): columns period (datetime),
        group, count, sorted by period then group."""
        where, params = self._where(view)
        where = (
            f"{where} {'AND' if where else 'WHERE'} event_date IS NOT NULL AND layer = 'incident'"
        )
        return self._query(
            f"SELECT CAST(date_trunc('{period}', event_date) AS TIMESTAMP) AS period,"
            f" coalesce(event_type, '(no type)') AS \"group\", count(*) AS count "
            f'FROM {self._from} {where} GROUP BY ALL ORDER BY period, "group"',
            params,
        ).to_pandas()

    def date_range(self) -> tuple[date | None, date | None]:
        """The first and last day any event's window covers."""
        first, _ = layout.UNDATED_WINDOW
        row = self._query(
            f"SELECT min({layout.WINDOW_START}) AS a, max({layout.WINDOW_END}) AS b "
            f"FROM {self._from} WHERE {layout.WINDOW_START} > DATE '{first}'",
            [],
        ).to_pylist()[0]
        return row["a"], row["b"]

    def distinct_values(self) -> pd.DataFrame:
        """Each distinct `sources` list and `country` cell once (columns `sources`, `country`):
        what `geo export` checks --source and --country against, without reading every row."""
        sources = self._query(f"SELECT DISTINCT unnest(sources) AS s FROM {self._from}", [])
        countries = self._query(
            f"SELECT DISTINCT trim(unnest(string_split(country, ?))) AS c FROM {self._from}",
            [COUNTRY_SEPARATOR],
        )
        source_ids = sorted(v for v in sources["s"].to_pylist() if v)
        names = sorted(v for v in countries["c"].to_pylist() if v)
        length = max(len(source_ids), len(names))
        return pd.DataFrame(
            {
                "sources": [[s] for s in source_ids] + [[]] * (length - len(source_ids)),
                "country": names + [None] * (length - len(names)),
            }
        )


def _columns_holding_values(files: list[Path]) -> frozenset[str]:
    """The columns with a value in some row of the store (from the Parquet statistics)."""
    nulls: dict[str, int] = {}
    rows = 0
    for path in files:
        metadata = pq.ParquetFile(path).metadata
        rows += metadata.num_rows
        for group in range(metadata.num_row_groups):
            row_group = metadata.row_group(group)
            for index in range(row_group.num_columns):
                column = row_group.column(index)
                name = column.path_in_schema.split(".")[0]
                count = column.statistics.null_count if column.statistics else 0
                nulls[name] = nulls.get(name, 0) + (count or 0)
    return frozenset(name for name, count in nulls.items() if count < rows)


def frame_of(table: pa.Table, extras: frozenset[str]) -> gpd.GeoDataFrame:
    """Store rows (without the window and bbox columns) as the loader's frame; the extra
    (non-schema) columns are those in `extras`: as the loader, every property some feature of
    the whole store has, even where the rows given have none."""
    raw = table.drop_columns([layout.GEOMETRY]).to_pandas(date_as_object=False)
    columns: dict[str, object] = {"id": raw["id"].astype("str").array}
    for spec in PROPERTIES:
        values = raw[spec.name] if spec.name in raw else pd.Series([None] * len(raw))
        if spec.type == "string_list":
            values = pd.Series([[] if is_missing(v) else list(v) for v in values], dtype=object)
        elif spec.type in layout.JSON_TYPES:
            values = pd.Series([json.loads(v) if is_text(v) else [] for v in values], dtype=object)
        elif spec.type == "date":
            values = values.astype("datetime64[us]")
        elif spec.type == "string":
            values = values.astype(object).where(values.notna(), None)
        columns[spec.name] = typed_column(spec, values.reset_index(drop=True))
    known = {"id", *(spec.name for spec in PROPERTIES)}
    for name in sorted((set(raw.columns) - known) & extras):
        columns[name] = raw[name].astype(object).where(raw[name].notna(), None).to_numpy()
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(raw)))
    geometry = shapely.from_wkb(table[layout.GEOMETRY].to_numpy(zero_copy_only=False))
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometry, crs=CRS).values, crs=CRS)


def is_missing(value: object) -> bool:
    """None, or pandas' NaN for a missing cell."""
    return value is None or (isinstance(value, float) and value != value)  # None or NaN


def is_text(value: object) -> bool:
    """A non-empty string."""
    return isinstance(value, str) and bool(value)
