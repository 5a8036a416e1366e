"""How long `python -m geo validate` takes on a 100k-feature incident file.

The file is the shipped data/incidents.geojson with its point features copied (new ids) until
there are 100,000 features, written with sources.csv beside it into a temporary folder.

    .venv/bin/python bench/validate_100k.py [--features N]
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo import paths  # noqa: E402
from geo.validate import check_file  # noqa: E402


def build(target: Path, count: int) -> None:
    document = json.loads(paths.INCIDENTS.read_text(encoding="utf-8"))
    originals = document["features"]
    points = [f for f in originals if (f.get("geometry") or {}).get("type") == "Point"]
    features = list(originals)
    while len(features) < count:
        feature = copy.deepcopy(points[len(features) % len(points)])
        feature["id"] = f"{feature['id']}-copy-{len(features)}"
        features.append(feature)
    document["features"] = features
    target.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    shutil.copy(paths.SOURCES, target.parent / "sources.csv")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "incidents.geojson"
        build(target, args.features)
        size_mb = target.stat().st_size / 1e6
        check_file(target)  # warm the borders cache, as a second file in one run would
        started = time.perf_counter()
        _, problems = check_file(target)
        in_process = time.perf_counter() - started
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "geo", "validate", str(target)], cwd=ROOT, capture_output=True
        )
        command = time.perf_counter() - started
    print(
        f"{args.features} features, {size_mb:.0f} MB: check_file {in_process:.2f} s "
        f"({len(problems)} problems); python -m geo validate {command:.2f} s "
        f"(exit {result.returncode})"
    )


if __name__ == "__main__":
    main()
