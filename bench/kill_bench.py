"""Writers killed at random moments: the target is the old version or the new one, never
missing or half-written, and the next run leaves no temporary file, staging folder or worker.

For each writer, `--kills` times: start it, SIGKILL it after a random delay within its usual
run time, then check the target (and, for the store import, that no worker of the killed run
is alive one second later). Then one run without a kill, and a look for leftovers beside the
target. Writers: `geo merge` into an incident file, `geo fmt`, and `geo import-acled --out
FOLDER` (a folder store of `--rows` rows, replaced on each run).

    .venv/bin/python bench/kill_bench.py [--kills 20] [--rows 200000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.store.conftest import acled_csv, acled_rows  # noqa: E402
from tests.test_concurrent_writers import CASES, _draft  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _start(args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "geo", *args],
        cwd=cwd,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _timed(args: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    _start(args, cwd).wait()
    return time.perf_counter() - started


def _alive_with(marker: str) -> int:
    """How many processes have `marker` in their command line (the killed run's workers)."""
    count = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                count += 1
        except OSError:
            continue
    return count


def _leftovers(folder: Path, name: str) -> list[str]:
    """What an interrupted write leaves beside `name`: temporary files, a lock file, a store
    moved aside, a staging folder (the history log's `.NAME.logged` copy is meant to stay)."""
    kinds = (".tmp", ".lock", ".old")
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.name.startswith(f".{name}.") and (p.name.endswith(kinds) or ".import-" in p.name)
    )


def _kill_loop(name: str, kills: int, run: list[str], folder: Path, check, rng) -> None:
    duration = _timed(run, folder)
    outcomes: Counter[str] = Counter()
    orphans = 0
    for _ in range(kills):
        process = _start(run, folder)
        time.sleep(rng.uniform(0.05, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        outcomes[check()] += 1
        if name == "import-acled":
            time.sleep(1.0)
            orphans += _alive_with(str(folder))
    _start(run, folder).wait()
    final = check()
    target = run[-1] if name != "merge" else "incidents.geojson"
    left = _leftovers(folder, Path(target).name)
    print(
        f"{name}: {kills} kills within {duration:.1f} s: "
        + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
        + f"; workers alive 1 s after a kill: {orphans}; after one more run: {final}, "
        f"leftovers beside the target: {left or 'none'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        shutil.copy(CASES / "sources.csv", folder / "sources.csv")
        target = folder / "incidents.geojson"
        original = (CASES / "unplaced-feature-exports" / "incidents.geojson").read_text()

        def state_of_incidents(old: str, new_ids: set[str]) -> str:
            text = target.read_text() if target.exists() else None
            if text is None:
                return "MISSING"
            if text == old:
                return "old"
            try:
                ids = {f["id"] for f in json.loads(text)["features"]}
            except ValueError:
                return "BROKEN"
            return "new" if new_ids <= ids else "OTHER"

        draft = _draft(0)
        (folder / "draft.geojson").write_text(json.dumps(draft))
        draft_id = {draft["features"][0]["id"]}

        def merge_check() -> str:
            state = state_of_incidents(original, draft_id)
            target.write_text(original)  # the next merge has its change to make again
            return state

        target.write_text(original)
        _kill_loop(
            "merge",
            args.kills,
            ["merge", "draft.geojson", "--into", target.name],
            folder,
            merge_check,
            rng,
        )

        unformatted = json.dumps(json.loads(original))

        from geo.canonical import dumps

        formatted = dumps(json.loads(original))

        def fmt_check() -> str:
            text = target.read_text() if target.exists() else None
            state = {unformatted: "old", formatted: "new", None: "MISSING"}.get(text, "BROKEN")
            target.write_text(unformatted)
            return state

        target.write_text(unformatted)
        _kill_loop("fmt", args.kills, ["fmt", target.name], folder, fmt_check, rng)

        (folder / "acled.csv").write_text(acled_csv(acled_rows(args.rows)), encoding="utf-8")
        store = folder / "store"
        _start(["import-acled", "acled.csv", "--out", store.name], folder).wait()
        import pyarrow.dataset as ds

        def store_check() -> str:
            if not store.exists():
                return "MISSING"
            try:
                rows = ds.dataset(store, partitioning="hive").count_rows()
            except Exception as error:  # a half-written store: what this bench looks for
                return f"BROKEN ({type(error).__name__})"
            return "old or new" if rows == args.rows else f"OTHER ({rows} rows)"

        _kill_loop(  # absolute paths: the workers' command line names the folder
            "import-acled",
            args.kills,
            ["import-acled", str(folder / "acled.csv"), "--out", str(store)],
            folder,
            store_check,
            rng,
        )


if __name__ == "__main__":
    main()
