"""The long fuzz search: each reader of tests/test_fuzz_verbs.py on its own, `--examples`
mutated inputs each (10,000 by default; the suite runs 100), printing per reader how many
inputs were tried, how many ended in a traceback (or a write on failure), and the time.

Readers: the incident file through `validate`, `fmt`, `export` and `merge` (the file merged
into, and the draft merged), ACLED CSV through `import-acled` into a file and into a store,
the sources registry behind `validate`, and the page's URL parameters. A reader whose search
finds a failure prints hypothesis's smallest failing input and the error, and the next reader
starts.

    nice -n 10 .venv/bin/python bench/fuzz_bench.py [--examples 10000] [--readers validate ...]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests import test_fuzz_verbs as fuzz  # noqa: E402

CSV_CELL = {"row": st.integers(0, 5), "column": st.integers(0, 60), "cell": fuzz.CELLS}
REGISTRY_CELL = {"row": st.integers(0, 8), "column": st.integers(0, 12), "cell": fuzz.CELLS}
GEOJSON = {"path": fuzz.GEOJSON_PATHS, "value": fuzz.VALUES, "raw": fuzz.RAW_JSON}


def _readers(fresh) -> dict[str, tuple[dict, object]]:
    """name -> (strategies by argument, the case run on one input)."""
    readers: dict[str, tuple[dict, object]] = {
        "url": ({"params": fuzz.URL_PARAMS}, fuzz.url_case),
        "import-acled": (CSV_CELL, lambda **a: fuzz.acled_case(fresh(), **a, out="out.geojson")),
        "registry": (REGISTRY_CELL, lambda **a: fuzz.registry_case(fresh(), **a)),
        "import-acled-store": (
            CSV_CELL,
            lambda **a: fuzz.acled_case(fresh(), **a, out="store.parquet"),
        ),
    }
    for verb in fuzz.VERBS:  # validate, fmt, merge-into, merge-draft (the drafts), export
        readers[verb] = (GEOJSON, lambda verb=verb, **a: fuzz.geojson_case(fresh(), verb, **a))
    return readers


ORDER = [
    "url",
    "import-acled",
    "validate",
    "registry",
    "fmt",
    "merge-draft",
    "merge-into",
    "export",
    "import-acled-store",
]


def _search(name: str, strategies: dict, case, examples: int) -> tuple[int, float, str]:
    """Run `case` on `examples` inputs drawn from `strategies`: how many were tried, in how
    many seconds, and the failure found ("" when none)."""
    count = 0
    started = time.perf_counter()

    def one(**inputs) -> None:
        nonlocal count
        count += 1
        if count % 1000 == 0:
            seconds = time.perf_counter() - started
            print(f"  {name}: {count:,} inputs, {seconds:.0f} s", flush=True)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            case(**inputs)

    search = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )(given(**strategies)(one))
    failure = ""
    try:
        search()
    except Exception as error:  # what the search is for: print it, go on
        failure = "".join(traceback.format_exception_only(error)).strip()
    return count, time.perf_counter() - started, failure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--readers", nargs="+", choices=ORDER, default=ORDER)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        made = iter(range(10**9))

        def fresh() -> Path:
            folder = Path(scratch) / str(next(made))
            folder.mkdir()
            (folder / "sources.csv").write_text(fuzz.REGISTRY, encoding="utf-8")
            return folder

        readers = _readers(fresh)
        for name in args.readers:
            count, seconds, failure = _search(name, *readers[name], args.examples)
            print(
                f"{name}: {count:,} inputs in {seconds:.0f} s, "
                + (f"FAILED: {failure}" if failure else "no traceback, no write on failure"),
                flush=True,
            )
            for folder in Path(scratch).iterdir():  # one reader's folders at a time
                shutil.rmtree(folder, ignore_errors=True)
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
