"""Writers of one file at the same time: ten `geo merge` runs, a `geo fmt`, a `geo geocode` and
an app-style save (geo.files.update) into one incident file, started together (the scenario of
tests/test_concurrent_writers.py with ten merges instead of three). Prints how many exited 0,
how many changes are in the file and how many writers said theirs was not applied.

    .venv/bin/python bench/writers_bench.py [--merges N] [--rounds R]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_concurrent_writers import run_writers  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--merges", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    for round_number in range(args.rounds):
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            line = run_writers(Path(folder), args.merges)
            print(f"round {round_number + 1}: {line} ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
