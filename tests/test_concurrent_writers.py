"""Writers of one file at the same time (geo.files.locked and the token check of write_atomic):
ten `geo merge` runs, a `geo fmt`, a `geo geocode` and an app-style save into one incident
file. Every change is in the file afterwards, or its writer said it was not applied; before
the lock, one of two concurrent merges was lost, both exiting 0."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from geo import files
from geo.canonical import dumps

pytestmark = pytest.mark.slow  # many writer processes at once

CASES = Path(__file__).parent / "cases"
ROOT = Path(__file__).parent.parent
MERGES = 10


def _draft(number: int) -> dict:
    """A kept draft of one incident no other draft or feature matches (its own day and place)."""
    feature = json.loads((CASES / "kml-cdata-end" / "incident.geojson").read_text())["features"][0]
    feature["id"] = f"inc-2026-02-{2 * number + 1:02d}-draft-{number}"
    feature["properties"].update(
        review="kept", notes=f"Draft {number}.", event_date=f"2026-02-{2 * number + 1:02d}"
    )
    feature["geometry"]["coordinates"] = [45.2 + 0.05 * number, 39.3]
    return {"type": "FeatureCollection", "features": [feature]}


def _geo(*args: str, cwd: Path) -> subprocess.Popen:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "geo", *args],
        cwd=cwd,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _app_save(path: Path, outcome: list[str]) -> None:
    """What an editor page does on save: change one feature's notes through files.update,
    which holds the lock from its read to its write."""

    def change(data: bytes | None) -> bytes:
        assert data is not None
        document = json.loads(data)
        document["features"][0]["properties"]["notes"] = "Saved from the app."
        return dumps(document).encode()

    try:
        files.update(path, change)
        outcome.append("applied")
    except files.FileError as error:
        outcome.append(f"refused: {error}")


def run_writers(folder: Path, merges: int) -> str:
    """Start `merges` merges, a fmt, a geocode and an app save into one file in `folder` at
    once; check that every writer that exited 0 has its change in the file and every other one
    said nothing was applied; return the counts as a line to print."""
    shutil.copy(CASES / "sources.csv", folder / "sources.csv")
    incidents = (CASES / "unplaced-feature-exports" / "incidents.geojson").read_text()
    target = folder / "incidents.geojson"
    # A place the offline gazetteer knows, so that geocode has a geometry to write; not in the
    # canonical layout (one line), so that fmt has something to do.
    document = json.loads(incidents.replace("Kolani, Sharur", "Ordubad, Nakhchivan"))
    target.write_text(json.dumps(document), encoding="utf-8")
    before = len(document["features"])
    for number in range(merges):
        (folder / f"draft-{number}.geojson").write_text(json.dumps(_draft(number)))

    processes = {
        f"merge {number}": _geo(
            "merge", f"draft-{number}.geojson", "--into", target.name, cwd=folder
        )
        for number in range(merges)
    }
    processes["fmt"] = _geo("fmt", target.name, cwd=folder)
    processes["geocode"] = _geo("geocode", target.name, cwd=folder)
    app_outcome: list[str] = []
    app = threading.Thread(target=_app_save, args=(target, app_outcome))
    app.start()
    results = {
        name: (process.wait(timeout=600), process.stdout.read(), process.stderr.read())
        for name, process in processes.items()
    }
    app.join()

    final = json.loads(target.read_text())
    ids = {feature["id"] for feature in final["features"]}
    merged = [n for n in range(merges) if results[f"merge {n}"][0] == 0]
    refused = [n for n in range(merges) if results[f"merge {n}"][0] != 0]
    present = [n for n in range(merges) if _draft(n)["features"][0]["id"] in ids]
    placed = final["features"][1]["geometry"] is not None
    saved = final["features"][0]["properties"].get("notes") == "Saved from the app."
    for number in merged:  # an exit 0 promises the change is there
        assert number in present, results[f"merge {number}"]
    for number in refused:  # a refusal says nothing was applied
        assert "nothing was" in results[f"merge {number}"][2], results[f"merge {number}"]
    assert results["geocode"][0] != 0 or placed, results["geocode"]
    # fmt's change is the layout, which any other writer's canonical save also makes: it
    # succeeds, or (its lock not had within the wait on a busy machine) says nothing was written
    assert results["fmt"][0] == 0 or "nothing was written" in results["fmt"][2], results["fmt"]
    assert app_outcome[0] != "applied" or saved
    assert len(final["features"]) == before + len(present)
    # no lock or temporary file is left; the history's copy of the last logged version stays
    hidden = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    assert [name for name in hidden if not name.endswith(".logged")] == []
    return (
        f"{merges} merges: {len(merged)} exited 0, {len(present)} present in the file, "
        f"{len(refused)} said not applied; geocode exit {results['geocode'][0]} "
        f"(placed: {placed}); fmt exit {results['fmt'][0]}; app save: {app_outcome[0][:40]} "
        f"(present: {saved}); {len(final['features'])} features, {before} before"
    )


def test_concurrent_writers_lose_nothing_silently(tmp_path: Path) -> None:
    """Three merges here (bench/writers_bench.py runs ten): each starts a Python process."""
    print(run_writers(tmp_path, 3))


def test_a_stale_token_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "incidents.geojson"
    target.write_text("first\n")
    read = files.read_versioned(target)
    files.write_atomic(target, "someone else's save\n")
    with pytest.raises(files.ChangedOnDisk, match="changed on disk since it was read"):
        files.write_atomic(target, "my save\n", expect=read.token)
    assert target.read_text() == "someone else's save\n"
    assert sorted(tmp_path.iterdir()) == [target]


def test_a_file_expected_absent_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "new.geojson"
    read = files.read_versioned(target)
    assert read.data is None and read.token == files.ABSENT
    target.write_text("created meanwhile\n")
    with pytest.raises(files.ChangedOnDisk):
        files.write_atomic(target, "mine\n", expect=read.token)
    assert target.read_text() == "created meanwhile\n"


def test_the_token_matches_and_the_write_returns_the_new_one(tmp_path: Path) -> None:
    target = tmp_path / "incidents.geojson"
    target.write_text("first\n")
    token = files.write_atomic(target, "second\n", expect=files.read_versioned(target).token)
    assert token == files.current_token(target) == files.token_of(b"second\n")
    assert files.write_atomic(target, "third\n", expect=token) == files.token_of(b"third\n")


def test_temporary_files_of_an_interrupted_write_are_removed_by_the_next(tmp_path: Path) -> None:
    """A writer killed between its temporary file and the rename leaves `.NAME.*.tmp`; the
    next write of that file removes it (under the lock, no live writer owns one). Another
    file's temporary files in the folder are left alone."""
    target = tmp_path / "in[1].geojson"
    target.write_text("old\n")
    leftover = tmp_path / f".{target.name}.abc123.tmp"
    leftover.write_text("half")
    other = tmp_path / ".other.geojson.abc123.tmp"
    other.write_text("not ours")
    files.write_atomic(target, "new\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, other.name])


def test_a_writer_waits_for_the_lock_and_says_so_after_the_wait(tmp_path: Path) -> None:
    """Another process holds the file's lock: a writer waits, and after its wait it stops
    with a message naming the lock; nothing is written. The holder's death frees the lock."""
    target = tmp_path / "incidents.geojson"
    target.write_text("old\n")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from geo import files\n"
            "with files.locked(sys.argv[1]):\n    print('held', flush=True); time.sleep(60)",
            str(target),
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "held\n"
        with (
            pytest.raises(files.FileError, match="another writer has been changing"),
            files.locked(target, wait_s=0.3),
        ):
            files.write_atomic(target, "new\n")
        assert target.read_text() == "old\n"
    finally:
        holder.kill()
        holder.wait()
    files.write_atomic(target, "new\n")  # a killed holder's lock is free
    assert target.read_text() == "new\n"


def test_threads_of_one_process_take_turns(tmp_path: Path) -> None:
    """The app's sessions are threads of one process: each save through files.update reads
    what the one before it wrote, so 20 appends from 20 threads leave 20 lines."""
    target = tmp_path / "log.txt"
    target.write_text("")

    def append(number: int) -> None:
        files.update(target, lambda data: (data or b"") + f"{number}\n".encode())

    threads = [threading.Thread(target=append, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(target.read_text().split()) == sorted(str(n) for n in range(20))


def test_a_read_only_mount_is_not_told_to_chmod(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "incidents.geojson"
    target.write_text("old\n")
    real = os.statvfs

    class ReadOnly:
        def __init__(self, path: object) -> None:
            self._result = real(path)
            self.f_flag = self._result.f_flag | os.ST_RDONLY

    monkeypatch.setattr(files.os, "statvfs", ReadOnly)
    for attempt in (
        lambda: files.write_atomic(target, "new\n"),
        lambda: files.check_writable(target),
    ):
        with pytest.raises(files.FileError) as raised:
            attempt()
        assert "read-only file system" in str(raised.value)
        assert "chmod" not in str(raised.value)
    assert target.read_text() == "old\n"
