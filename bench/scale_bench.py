"""How the bulk store (geo.store) holds up at ACLED's sizes.

    .venv/bin/python bench/scale_bench.py [--sizes 100000,1000000,2500000] [--app-size 2500000]

For each size it writes a synthetic ACLED CSV (fixed seed; ACLED's 31 columns filled as an
export fills them, dates over ten years, points over Türkiye, Iran, Iraq, Syria and the
Caucasus) and measures:

- `import_s_N`, `import_cpu_s_N`, `import_peak_mb_N`: `python -m geo import-acled FILE.csv
  --out STORE.parquet`, wall time, CPU time (user and system, of the command and its workers:
  what a busy machine does not stretch), and the highest memory of the command and its worker
  processes together (sum of proportional set sizes, sampled every 100 ms);
- `query_ms_N`: median of 21 runs of one map view's query, as the app's store layer runs it: a
  year of dates over the region at zoom 6 (count in view, then counts per cell);
- `export_s_N`: one country-month (Iran, March 2024) exported to ACLED CSV: the store opened,
  queried and the CSV written, in process; `export_cli_s_N` is the whole
  `python -m geo export --in STORE.parquet` command (start-up and imports included);
- at `--app-size`: `app_rss_mb_N`, the app's resident memory with the store open and drawn, and
  `paint_ratio_N`: time to first paint (navigation until the map is drawn, and with a store
  until its layer is on the map too) with the store, over the same with the shipped data only;
  median of three page loads each after one warm-up, headless Debian Chromium, every request off
  127.0.0.1 blocked, servers on 127.0.0.1 only.

The last line printed is one JSON object with every figure and the machine's load average.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

import numpy as np
import psutil
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.acled.columns import ACLED_COLUMNS  # noqa: E402
from geo.schema import EVENT_TYPES  # noqa: E402

# (ACLED's country name, ISO 3166 numeric, west, south, east, north): a box inside each.
COUNTRIES = [
    ("Turkey", 792, 27.0, 37.0, 43.5, 41.5),
    ("Iran", 364, 45.0, 27.0, 60.0, 38.0),
    ("Iraq", 368, 40.0, 30.0, 47.0, 36.5),
    ("Syria", 760, 36.0, 33.0, 41.5, 36.8),
    ("Azerbaijan", 31, 45.5, 38.8, 49.5, 41.5),
    ("Armenia", 51, 43.8, 39.2, 46.2, 41.0),
    ("Georgia", 268, 41.0, 41.3, 46.2, 43.3),
]
ACTORS = [
    "Military Forces of Turkey (2016-)",
    "Military Forces of Iran (1989-)",
    "Protesters (Iran)",
    "Rioters (Iraq)",
    "Unidentified Armed Group (Syria)",
    "Civilians (Azerbaijan)",
    "Police Forces of Armenia (2018-)",
]
SOURCES = ["Anadolu Agency", "IRNA", "Rudaw", "SOHR", "APA", "Armenpress", "Civil.ge; Reuters"]
FIRST_DAY = np.datetime64("2015-01-01")
DAYS = 3652  # ten years


def synthetic_table(rows: int, first_id: int = 0, seed: int = 14) -> pa.Table:
    """`rows` ACLED rows as an Arrow table of strings, in ACLED's column order (built with
    Arrow's compute functions: a million rows take seconds)."""
    rng = np.random.default_rng(seed)

    def pick(values: list[str], p: list[float] | None = None) -> pa.Array:
        return pc.take(pa.array(values), pa.array(rng.choice(len(values), rows, p=p)))

    def text(numbers: np.ndarray) -> pa.Array:
        return pa.array(numbers).cast(pa.string())

    def join(*parts: object) -> pa.Array:
        return pc.binary_join_element_wise(*parts, "")

    pairs = [(t, s) for t, subs in EVENT_TYPES.items() for s in subs]
    pair = pa.array(rng.integers(0, len(pairs), rows))
    country = rng.choice(len(COUNTRIES), rows, p=[0.3, 0.25, 0.15, 0.15, 0.05, 0.05, 0.05])
    boxes = np.array([c[2:] for c in COUNTRIES])[country]
    lon = boxes[:, 0] + rng.random(rows) * (boxes[:, 2] - boxes[:, 0])
    lat = boxes[:, 1] + rng.random(rows) * (boxes[:, 3] - boxes[:, 1])
    day = pa.array(FIRST_DAY + rng.integers(0, DAYS, rows).astype("timedelta64[D]"))
    day_text = day.cast(pa.string())
    index = pa.array(country)
    empty = pa.array([""] * rows)
    columns = {
        "event_id_cnty": join(
            pc.take(pa.array([c[0][:3].upper() for c in COUNTRIES]), index),
            text(np.arange(first_id, first_id + rows)),
        ),
        "event_date": day_text,
        "year": pc.utf8_slice_codeunits(day_text, 0, 4),
        "time_precision": pick(["1", "2", "3"], [0.85, 0.1, 0.05]),
        "disorder_type": pick(["Political violence", "Demonstrations"]),
        "event_type": pc.take(pa.array([p[0] for p in pairs]), pair),
        "sub_event_type": pc.take(pa.array([p[1] for p in pairs]), pair),
        "actor1": pick(ACTORS),
        "assoc_actor_1": pick(["", "Labor Group (Iran)", "Women (Turkey)"]),
        "inter1": pick(["State forces", "Rebel group", "Protesters"]),
        "actor2": pick(["", *ACTORS], [0.5] + [0.5 / len(ACTORS)] * len(ACTORS)),
        "assoc_actor_2": empty,
        "inter2": pick(["", "Civilians", "State forces"]),
        "interaction": pick(["State forces-Civilians", "Protesters only"]),
        "civilian_targeting": pick(["", "Civilian targeting"], [0.8, 0.2]),
        "iso": pc.take(pa.array([str(c[1]) for c in COUNTRIES]), index),
        "region": pa.array(["Middle East"] * rows),
        "country": pc.take(pa.array([c[0] for c in COUNTRIES]), index),
        "admin1": join("Province ", text(rng.integers(1, 40, rows))),
        "admin2": join("District ", text(rng.integers(1, 200, rows))),
        "admin3": empty,
        "location": join("Place ", text(rng.integers(1, 5000, rows))),
        "latitude": text(np.round(lat, 4)),
        "longitude": text(np.round(lon, 4)),
        "geo_precision": pick(["1", "2", "3"], [0.7, 0.2, 0.1]),
        "source": pick(SOURCES),
        "source_scale": pick(["National", "Subnational", "International"]),
        "notes": join(
            "On ",
            day_text,
            ", a synthetic event of the scale benchmark took place; the note stands for "
            "ACLED's one or two sentences of description. [size=no report]",
        ),
        "fatalities": pick(["0", "0", "0", "1", "2", "5", "12"]),
        "tags": pick(["", "crowd size=no report"]),
        "timestamp": text(1_700_000_000 + rng.integers(0, 10_000_000, rows)),
    }
    return pa.table({name: columns[name] for name in ACLED_COLUMNS})


def write_csv(path: Path, rows: int) -> None:
    """The CSV, written in slices so that memory stays small."""
    options = pacsv.WriteOptions(quoting_style="needed")
    with pacsv.CSVWriter(path, synthetic_table(1).schema, write_options=options) as writer:
        for start in range(0, rows, 250_000):
            size = min(250_000, rows - start)
            writer.write_table(synthetic_table(size, first_id=start, seed=14 + start))


def peak_rss_mb(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Wall seconds, the highest memory of the process and its children together (MB: the
    sum of their proportional set sizes, so pages the forked workers share count once), and
    stderr."""
    started = time.perf_counter()
    process = psutil.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(_pss_kb(p.pid) for p in tree) / 2**10)
            except psutil.Error:
                pass
            time.sleep(0.1)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, err = process.communicate()
    done.set()
    thread.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err.decode()[-2000:]}")
    return time.perf_counter() - started, peak, err.decode()


def _pss_kb(pid: int) -> int:
    """A process's proportional set size in kB, from /proc/PID/smaps_rollup (one line to
    read, where psutil's memory_full_info parses every mapping: sampling every 100 ms then
    costs the measured command a core's share); 0 once it has ended."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def query_ms(store_path: Path) -> float:
    import pandas as pd

    from geo.store.layer import MapWindow, store_layer
    from geo.store.query import Store
    from geo.view import View

    store = Store(store_path)
    view = View(date_from=date(2023, 1, 1), date_to=date(2023, 12, 31))
    window = MapWindow((30.0, 30.0, 56.0, 43.0), 6)
    sources = pd.DataFrame({"outlet": [], "title": []})
    times = []
    for _ in range(21):
        started = time.perf_counter()
        store_layer(store, view, window, sources)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def export_s(store_path: Path, folder: Path) -> tuple[float, float]:
    """In process (open, query, write) and as the whole command."""
    import pandas as pd

    from geo.export import export
    from geo.files import write_atomic
    from geo.store.query import Store
    from geo.view import View

    started = time.perf_counter()
    store = Store(store_path)
    view = View(
        date_from=date(2024, 3, 1), date_to=date(2024, 3, 31), countries=frozenset({"Iran"})
    )
    selection = store.select(view)
    data = export("csv", selection, pd.DataFrame({"outlet": []}), view).data
    write_atomic(folder / "iran-2024-03.csv", data)
    in_process = time.perf_counter() - started
    command = [
        sys.executable,
        "-m",
        "geo",
        "export",
        "--in",
        str(store_path),
        "--country",
        "Iran",
        "--from",
        "2024-03-01",
        "--to",
        "2024-03-31",
        "--out",
        str(folder / "cli.csv"),
        "--sources",
        str(ROOT / "data" / "sources.csv"),
    ]
    wall, _, _ = peak_rss_mb(command)
    return in_process, wall


def app_figures(store_path: Path, folder: Path) -> tuple[float, float, dict[str, float]]:
    """App RSS with the store drawn, and the paint ratio (medians of three loads each)."""
    from playwright.sync_api import sync_playwright

    from tests.harness import CHROMIUM, CHROMIUM_ARGS, streamlit_command

    paints: dict[str, float] = {}
    rss = 0.0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for label, store in (("shipped", None), ("store", store_path)):
            env = {k: v for k, v in os.environ.items() if k != "GEO_STORE"}
            if store is not None:
                env["GEO_STORE"] = str(store)
            server = subprocess.Popen(
                streamlit_command(
                    8514, "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"
                ),
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                for _ in range(240):
                    try:
                        urllib.request.urlopen("http://127.0.0.1:8514/_stcore/health", timeout=1)
                        break
                    except OSError:
                        time.sleep(0.5)
                times = [_paint(browser, store is not None) for _ in range(4)][1:]
                paints[label] = statistics.median(times)
                if store is not None:
                    rss = psutil.Process(server.pid).memory_info().rss / 2**20
            finally:
                server.terminate()
                server.wait(timeout=30)
        browser.close()
    return rss, paints["store"] / paints["shipped"], paints


def _paint(browser: object, with_store: bool) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else route.abort()
        ),
    )
    started = time.perf_counter()
    page.goto("http://127.0.0.1:8514/")
    frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']").first
    frame.locator("[data-geo-ready]").wait_for(state="attached", timeout=300_000)
    if with_store:
        frame.locator("path.leaflet-interactive[fill-opacity='0.55']").first.wait_for(
            state="attached", timeout=300_000
        )
    elapsed = time.perf_counter() - started
    page.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000,2500000")
    parser.add_argument("--app-size", type=int, default=2_500_000)
    parser.add_argument("--folder", type=Path, help="keep the files here (default: temporary)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    figures: dict[str, object] = {"cores": os.cpu_count(), "load_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as temporary:
        folder = args.folder or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            key = f"{size // 1000}k"
            csv_path, store = folder / f"acled-{key}.csv", folder / f"acled-{key}.parquet"
            started = time.perf_counter()
            if not csv_path.exists():  # kept from a run with the same --folder: same seed
                write_csv(csv_path, size)
            print(
                f"{key}: CSV written in {time.perf_counter() - started:.1f} s "
                f"({csv_path.stat().st_size / 2**20:.0f} MB)",
                flush=True,
            )
            command = [
                sys.executable,
                "-m",
                "geo",
                "import-acled",
                str(csv_path),
                "--out",
                str(store),
            ]
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            seconds, peak, _ = peak_rss_mb(command)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            # CPU seconds of the command and its workers: what a busy machine cannot stretch
            cpu = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
            figures[f"import_cpu_s_{key}"] = round(cpu, 1)
            figures[f"import_s_{key}"] = round(seconds, 1)
            figures[f"import_peak_mb_{key}"] = round(peak)
            figures[f"store_mb_{key}"] = round(store.stat().st_size / 2**20)
            print(f"{key}: import {seconds:.1f} s, {cpu:.0f} CPU s, {peak:.0f} MB", flush=True)
            figures[f"query_ms_{key}"] = round(query_ms(store), 1)
            in_process, wall = export_s(store, folder)
            figures[f"export_s_{key}"] = round(in_process, 2)
            figures[f"export_cli_s_{key}"] = round(wall, 2)
            print(
                f"{key}: {json.dumps({k: v for k, v in figures.items() if k.endswith(key)})}",
                flush=True,
            )
            if size == args.app_size:
                rss, ratio, paints = app_figures(store, folder)
                figures[f"app_rss_mb_{key}"] = round(rss)
                figures[f"paint_ratio_{key}"] = round(ratio, 2)
                figures[f"paint_s_{key}"] = round(paints["store"], 2)
                figures["paint_s_shipped"] = round(paints["shipped"], 2)
            csv_path.unlink()
    figures["load_after"] = os.getloadavg()[0]
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
