"""The bulk store: ACLED-sized data (millions of events) as GeoParquet, queried with SQL.

The curated incident file stays what people edit; a store holds bulk imports beside it.
`layout` says what a store file holds, `importer` writes one from an ACLED CSV in constant
memory, `query` runs a geo.view.View on it through DuckDB (embedded, no server), `grid` defines
the map's aggregation cells, `distributed` runs the same aggregation on a Dask cluster, and
`layer` draws a store on the app's map.
"""
