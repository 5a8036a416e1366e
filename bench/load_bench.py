"""How long `load_incidents` takes on a large incident file.

    .venv/bin/python bench/load_bench.py [N]     # N features, 100000 by default

Writes N synthetic but valid features (points scattered a few km around a few cities, a route
and an area every 500 features) beside a copy of data/sources.csv in a temporary folder, then
times, best of three (wall clock and CPU): the validator alone, building the frame from the
parsed document, and the whole `load_incidents` call.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geo import paths
from geo.canonical import dumps
from geo.load import incidents_frame, load_incidents
from geo.sources import read_sources
from geo.validate import check_file

# (lon, lat, country) of city centres, each well inside its country.
CENTRES = [
    (51.389, 35.689, "Iran"),
    (49.867, 40.409, "Azerbaijan"),
    (32.854, 39.920, "Türkiye"),
    (45.403, 39.209, "Azerbaijan"),
    (49.583, 37.281, "Iran"),
]


def synthetic(count: int, source_ids: list[str], seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    features = []
    for index in range(count):
        lon, lat, country = CENTRES[index % len(CENTRES)]
        properties: dict[str, Any] = {
            "name": f"Feature {index}",
            "sources": [rng.choice(source_ids)],
        }
        if index % 500 == 1:
            properties |= {"layer": "route", "kind": "pipeline"}
            geometry = {
                "type": "LineString",
                "coordinates": [[lon + step * 0.01, lat + step * 0.005] for step in range(20)],
            }
        elif index % 500 == 2:
            properties |= {"layer": "area", "kind": "region", "country": country}
            ring = [[lon, lat], [lon + 0.05, lat], [lon + 0.05, lat + 0.05], [lon, lat + 0.05]]
            geometry = {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
        else:
            properties |= {
                "layer": "incident",
                "event_date": f"2025-{1 + index % 12:02d}-{1 + index % 28:02d}",
                "time_precision": 1 + index % 3,
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Air/drone strike",
                "country": country,
                "geo_precision": 2,
                "fatalities": index % 4 or None,
                "claim_status": "unverified",
                "notes": "Synthetic feature for the load benchmark.",
            }
            geometry = {
                "type": "Point",
                "coordinates": [lon + rng.uniform(-0.05, 0.05), lat + rng.uniform(-0.05, 0.05)],
            }
        features.append(
            {
                "type": "Feature",
                "id": f"bench-{index}",
                "properties": properties,
                "geometry": geometry,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def best_of(runs: int, action: Callable[[], object]) -> str:
    """Best wall-clock and CPU time of a few runs; CPU time is what other busy processes on the
    machine disturb least."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return f"{min(walls):.2f} s wall, {min(cpus):.2f} s CPU"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    source_ids = list(read_sources(paths.SOURCES).index)
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(paths.SOURCES, Path(folder) / "sources.csv")
        path = Path(folder) / "incidents.geojson"
        path.write_text(dumps(synthetic(count, source_ids)), encoding="utf-8")
        size_mb = path.stat().st_size / 1e6
        document = json.loads(path.read_text(encoding="utf-8"))
        frame = load_incidents(path)  # warm-up, and proof the data is valid
        assert len(frame) == count
        validate = best_of(3, lambda: check_file(path))
        build = best_of(3, lambda: incidents_frame(document))
        total = best_of(3, lambda: load_incidents(path))
    print(f"{count} features, {size_mb:.1f} MB")
    print(f"validate (geo.validate.check_file): {validate}")
    print(f"build frame (geo.load.incidents_frame): {build}")
    print(f"load_incidents, total: {total}")


if __name__ == "__main__":
    main()
