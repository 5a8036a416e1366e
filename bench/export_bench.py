"""Time static exports: the seed data, and N synthetic incidents spread over the region.

    .venv/bin/python bench/export_bench.py            # seed PNG, 10k-point PNG
    .venv/bin/python bench/export_bench.py 100000     # another synthetic size

Prints seconds per export (median of 3, after one warm-up), imports excluded.
"""

from __future__ import annotations

import statistics
import sys
import time

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import paths
from geo.export import export_bytes
from geo.export.options import ExportOptions
from geo.load import load_incidents
from geo.schema import CLAIM_STATUS, EVENT_TYPES
from geo.sources import read_sources
from geo.view import View


def synthetic(count: int, seed: int = 7) -> gpd.GeoDataFrame:
    """`count` incidents with random types, statuses and precisions over Iran, the South
    Caucasus and eastern Türkiye."""
    rng = np.random.default_rng(seed)
    types = list(EVENT_TYPES)
    event_type = rng.choice(types, count)
    frame = gpd.GeoDataFrame(
        {
            "id": [f"inc-synthetic-{i}" for i in range(count)],
            "layer": "incident",
            "name": [f"Synthetic {i}" for i in range(count)],
            "event_date": np.datetime64("2025-01-01") + rng.integers(0, 400, count),
            "end_date": pd.NaT,  # single days, as the loader gives them
            "time_precision": rng.integers(1, 4, count),
            "event_type": event_type,
            "country": "Iran",
            "location": [f"Place {i % 500}" for i in range(count)],
            "geo_precision": rng.integers(1, 4, count),
            "uncertainty_km": np.where(rng.random(count) < 0.3, rng.uniform(1, 40, count), np.nan),
            "claim_status": rng.choice(list(CLAIM_STATUS), count),
            "sources": [["wsws-2026-03-09"]] * count,
        },
        geometry=gpd.points_from_xy(rng.uniform(38, 60, count), rng.uniform(26, 41, count)),
        crs="EPSG:4326",
    )
    return frame


def timed(label: str, gdf: gpd.GeoDataFrame, sources) -> None:
    options = ExportOptions()
    export_bytes("png", gdf, sources, View(), options)
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        export_bytes("png", gdf, sources, View(), options)
        runs.append(time.perf_counter() - start)
    print(
        f"{label}: PNG {options.pixels[0]}x{options.pixels[1]} at {options.dpi} dpi: "
        f"{statistics.median(runs):.2f} s (median of 3)"
    )


def main(argv: list[str]) -> None:
    sources = read_sources(paths.SOURCES)
    seed = load_incidents(paths.INCIDENTS)
    timed(f"seed data ({len(seed)} features)", seed, sources)
    count = int(argv[0]) if argv else 10_000
    timed(f"{count:,} synthetic incidents", synthetic(count), sources)


if __name__ == "__main__":
    main(sys.argv[1:])
