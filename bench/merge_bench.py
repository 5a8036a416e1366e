"""How long merging N draft features into a file of M features takes (geo.merge), at sizes
10x and 100x apart: each draft feature is looked up through indexes (an R-tree of positions,
location and site names), so the time grows near N + M, not N x M.

The file holds M incidents spread over a 10° x 10° square on 60 days; the draft holds N kept
incidents, half of them at a feature's place and day (merged as new reports), half new.
Prints seconds and CPU seconds per size (one run each; on a shared machine the CPU seconds
are the steadier figure).

    nice -n 10 .venv/bin/python bench/merge_bench.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.merge import merge_documents  # noqa: E402


def _incident(number: int, lon: float, lat: float, day: int, source: str) -> dict:
    return {
        "type": "Feature",
        "id": f"inc-{source}-{number}",
        "properties": {
            "layer": "incident",
            "event_date": f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}",
            "time_precision": 1,
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike",
            "sources": [source],
            "review": "kept",
        },
        "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
    }


def documents(size: int, seed: int = 0) -> tuple[dict, dict]:
    rng = random.Random(seed)
    existing = [
        _incident(i, 40 + rng.uniform(0, 10), 35 + rng.uniform(0, 10), rng.randrange(60), "f")
        for i in range(size)
    ]
    drafts = []
    for i in range(size):
        if i % 2:
            old = existing[rng.randrange(size)]
            lon, lat = old["geometry"]["coordinates"]
            day = old["properties"]["event_date"]
            feature = _incident(i, lon, lat, 0, "d")
            feature["properties"]["event_date"] = day
        else:
            feature = _incident(i, 40 + rng.uniform(0, 10), 35 + rng.uniform(0, 10), 70, "d")
        drafts.append(feature)
    return (
        {"type": "FeatureCollection", "features": existing},
        {"type": "FeatureCollection", "features": drafts},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = parser.parse_args()
    for size in args.sizes:
        target, draft = documents(size)
        started, cpu = time.perf_counter(), time.process_time()
        _, report = merge_documents(target, draft)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"{size:>7,} drafts into {size:>7,} features: {seconds:7.2f} s, {cpu:.2f} CPU-s "
            f"({len(report.added):,} added, {len(report.reported) + len(report.sourced):,} "
            f"merged into a feature, {len(report.near_misses):,} near misses)"
        )


if __name__ == "__main__":
    main()
