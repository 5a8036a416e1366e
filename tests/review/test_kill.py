"""Killing a save at any instant leaves the data file and its history log consistent: the
change with its record, or neither (geo/review/history.py, "Order of writes"). A process
saving in a loop, its writes slowed at random, is killed with SIGKILL again and again."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo.canonical import dumps
from geo.review import history

pytestmark = pytest.mark.slow  # kills a writer process mid-write and starts others

KILLS = 25
SAVER = Path(__file__).with_name("killed_saver.py")


def _notes_in_file(path: Path) -> dict[str, str]:
    document = json.loads(path.read_text(encoding="utf-8"))
    return {f["id"]: f["properties"]["notes"] for f in document["features"]}


def _notes_in_log(path: Path) -> dict[str, str]:
    """Each feature's notes as the finished saves of the log left them."""
    notes: dict[str, str] = {}
    for record in history.audit(path).records:
        after = record.get("after") or {}
        value = (after.get("properties") or {}).get("notes")
        if record.get("feature") and value is not None:
            notes[record["feature"]] = value
    return notes


def test_a_save_killed_anywhere_leaves_the_change_with_its_record_or_neither(tmp_path):
    data = tmp_path / "incidents.geojson"
    data.write_text(dumps({"type": "FeatureCollection", "features": []}), encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    rng = random.Random(23)
    interrupted = 0
    for _ in range(KILLS):
        saver = subprocess.Popen(
            [sys.executable, str(SAVER), str(data)], env=environment, stderr=subprocess.PIPE
        )
        time.sleep(1.0 + rng.random() * 0.5)  # its start-up, then some saves
        saver.send_signal(signal.SIGKILL)
        _, err = saver.communicate()
        assert saver.returncode == -signal.SIGKILL, err.decode()
        audit = history.audit(data)
        # every finished save's change is in the file, and nothing else is
        assert audit.consistent, audit.notes
        assert not any("changed outside" in n or "damaged" in n for n in audit.notes)
        assert _notes_in_log(data) == _notes_in_file(data)
        interrupted += bool(audit.unfinished) or history.read_log(data).torn
    # the kills do land inside saves, so the windows were exercised
    assert interrupted, "no kill landed between the log's append and the file's rename"
    history.save(data, data.read_text(encoding="utf-8") + "\n", action="fmt", who="after")
    final = history.audit(data)
    assert final.consistent and final.notes == [] and final.unfinished == []
    print(f"{KILLS} kills, {interrupted} inside a save, {len(final.records)} records")
