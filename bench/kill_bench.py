"""Writers killed at random moments: the target is the old version or the new one, never
missing or half-written, and the next run leaves no temporary file, staging folder or worker.

For each writer, `--kills` times: start it, SIGKILL it after a random delay within its usual
run time (half of them within its last fifth, where it writes), then check the target and
that no process of the killed run (one whose working folder is the bench's, or that names
it) is alive a second later. Then one run without a kill, and a look for leftovers beside
the target. Writers:

- `geo merge DRAFT --into FILE` and the app's save (the review desk's Accept:
  geo.review.loop.merge_into, run in its own process), both logged in FILE's history, whose
  interrupted save the next one must clear;
- `geo fmt FILE`, `geo geocode FILE` (a feature to place);
- `geo archive ARTICLE --source ID` (archive/ID.txt and the registry row's SHA-256);
- `geo import-acled CSV --out FOLDER` and `--out STORE.parquet` (a store of `--rows` rows,
  replaced on each run; the folder's import runs worker processes).

    nice -n 10 .venv/bin/python bench/kill_bench.py [--kills 20] [--rows 50000] [--only NAME]
"""

from __future__ import annotations

import argparse
import hashlib
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
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.store.conftest import acled_csv, acled_rows  # noqa: E402
from tests.test_concurrent_writers import CASES, _draft  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
APP_SAVE = """
import json, sys
from pathlib import Path
from geo.review import loop
draft = json.loads(Path(sys.argv[2]).read_text())
loop.merge_into(Path(sys.argv[1]), draft, who="bench", draft_name=Path(sys.argv[2]).name)
"""


def _start(args: list[str], cwd: Path) -> subprocess.Popen:
    command = [sys.executable, "-c", APP_SAVE, *args[1:]] if args[0] == "app-save" else None
    return subprocess.Popen(
        command or [sys.executable, "-m", "geo", *args],
        cwd=cwd,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _timed(args: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    _start(args, cwd).wait()
    return time.perf_counter() - started


def _alive_in(folder: Path) -> int:
    """How many processes work in `folder` or name it on their command line (a killed run's
    workers; this bench's own process works elsewhere)."""
    count = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cwd = os.readlink(entry / "cwd")
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if cwd == str(folder) or str(folder) in cmdline:
            count += 1
    return count


def _leftovers(folder: Path, names: list[str]) -> list[str]:
    """What an interrupted write leaves beside `names`: temporary files, a lock file, a store
    moved aside, a staging folder (the history log's `.NAME.logged` copy is meant to stay)."""
    kinds = (".tmp", ".lock", ".old")
    return sorted(
        str(p.relative_to(folder))
        for name in names
        for p in (folder / name).parent.iterdir()
        if p.name.startswith(f".{Path(name).name}.")
        and (p.name.endswith(kinds) or ".import-" in p.name)
    )


def _kill_loop(
    name: str,
    kills: int,
    run: list[str],
    folder: Path,
    check: Callable[[], str],
    targets: list[str],
    rng: random.Random,
    after: Callable[[], str] = lambda: "",
) -> str:
    duration = _timed(run, folder)
    check()  # and back to the old version
    outcomes: Counter[str] = Counter()
    orphans = 0
    for number in range(kills):
        process = _start(run, folder)
        # Half the kills anywhere in the run, half in its last fifth, where the writes are.
        time.sleep(rng.uniform(0.05 if number % 2 else 0.8 * duration, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        outcomes[check()] += 1
        time.sleep(1.0)
        orphans += _alive_in(folder)
    _start(run, folder).wait()
    final = check()
    left = _leftovers(folder, targets)
    line = (
        f"{name}: {kills} kills within {duration:.1f} s: "
        + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
        + f"; processes alive 1 s after a kill: {orphans}; after one more run: {final}"
        + after()
        + f"; leftovers beside the target: {left or 'none'}"
    )
    print(line, flush=True)
    return line


def _state_of_json(path: Path, old: str, is_new: Callable[[dict], bool]) -> str:
    if not path.exists():
        return "MISSING"
    text = path.read_text(encoding="utf-8")
    if text == old:
        return "old"
    try:
        document = json.loads(text)
    except ValueError:
        return "BROKEN"
    return "new" if is_new(document) else "OTHER"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["merge", "app-save", "fmt", "geocode", "archive", "import-folder", "import-file"],
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    wanted = set(args.only or ["merge", "app-save", "fmt", "geocode", "archive"])
    if not args.only:
        wanted |= {"import-folder", "import-file"}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch).resolve()
        shutil.copy(CASES / "sources.csv", folder / "sources.csv")
        target = folder / "incidents.geojson"
        # A place the offline gazetteer knows, so that geocode has a position to write.
        original = (
            (CASES / "unplaced-feature-exports" / "incidents.geojson")
            .read_text()
            .replace("Kolani, Sharur", "Ordubad, Nakhchivan")
        )
        from geo.review import history

        def log_after() -> str:
            unfinished = history.audit(target).unfinished
            return f", interrupted saves left in the history log: {len(unfinished)}"

        draft = _draft(0)
        (folder / "draft.geojson").write_text(json.dumps(draft))
        draft_id = draft["features"][0]["id"]

        def merge_check() -> str:
            state = _state_of_json(
                target, original, lambda d: draft_id in {f.get("id") for f in d["features"]}
            )
            target.write_text(original)  # the next merge has its change to make again
            return state

        runs = {
            "merge": ["merge", "draft.geojson", "--into", target.name],
            "app-save": ["app-save", target.name, "draft.geojson"],
        }
        for name, run in runs.items():
            if name in wanted:
                target.write_text(original)
                _kill_loop(
                    name, args.kills, run, folder, merge_check, [target.name], rng, log_after
                )

        from geo.canonical import dumps

        unformatted = json.dumps(json.loads(original))
        formatted = dumps(json.loads(original))

        def fmt_check() -> str:
            text = target.read_text() if target.exists() else None
            state = {unformatted: "old", formatted: "new", None: "MISSING"}.get(text, "BROKEN")
            target.write_text(unformatted)
            return state

        if "fmt" in wanted:
            target.write_text(unformatted)
            _kill_loop(
                "fmt", args.kills, ["fmt", target.name], folder, fmt_check, [target.name], rng
            )

        def geocode_check() -> str:
            state = _state_of_json(
                target, original, lambda d: d["features"][1]["geometry"] is not None
            )
            target.write_text(original)
            return state

        if "geocode" in wanted:
            target.write_text(original)
            _kill_loop(
                "geocode",
                args.kills,
                ["geocode", target.name],
                folder,
                geocode_check,
                [target.name],
                rng,
                log_after,
            )

        if "archive" in wanted:
            article = folder / "article.txt"
            article.write_text("An article's text, kept as it was read.\n" * 2000)
            source_id = "wsws-2026-03-09"
            registry = folder / "sources.csv"
            registry_old = registry.read_text()
            stored = folder / "archive" / f"{source_id}.txt"
            digest = hashlib.sha256(article.read_bytes()).hexdigest()

            def archive_check() -> str:
                text = registry.read_text() if registry.exists() else None
                row = {registry_old: "row old", None: "registry MISSING"}.get(
                    text, "row new" if text and digest in text else "registry BROKEN"
                )
                if not stored.exists():
                    kept = "no text"
                else:
                    kept = "text whole" if stored.read_bytes() else "text EMPTY"
                    stored.unlink()
                registry.write_text(registry_old)
                return f"{row} + {kept}"

            _kill_loop(
                "archive",
                args.kills,
                ["archive", article.name, "--source", source_id],
                folder,
                archive_check,
                [registry.name, f"archive/{stored.name}"],
                rng,
            )

        if wanted & {"import-folder", "import-file"}:
            import pyarrow.dataset as ds

            (folder / "acled.csv").write_text(acled_csv(acled_rows(args.rows)), encoding="utf-8")
        for name, out in (("import-folder", "store"), ("import-file", "store.parquet")):
            if name not in wanted:
                continue
            store = folder / out
            _start(["import-acled", "acled.csv", "--out", out], folder).wait()

            def store_check(store: Path = store) -> str:
                if not store.exists():
                    return "MISSING"
                try:
                    rows = ds.dataset(store, partitioning="hive").count_rows()
                except Exception as error:  # a half-written store: what this bench looks for
                    return f"BROKEN ({type(error).__name__})"
                return "old or new" if rows == args.rows else f"OTHER ({rows} rows)"

            _kill_loop(  # absolute paths: the workers' command line names the folder
                f"import-acled --out {'FOLDER' if out == 'store' else 'STORE.parquet'}",
                args.kills,
                ["import-acled", str(folder / "acled.csv"), "--out", str(store)],
                folder,
                store_check,
                [out],
                rng,
            )


if __name__ == "__main__":
    main()
