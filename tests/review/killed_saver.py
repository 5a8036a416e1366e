"""Run by tests/review/test_kill.py: saves a data file through the logged save in a loop,
each save changing one feature, with the writes slowed at random so that a kill lands in
every window (between the log's append and the file's rename, inside either). Killed from
outside; never ends by itself."""

from __future__ import annotations

import os
import random
import sys
import time

from geo.canonical import dumps
from geo.review import history

_replace, _fsync = os.replace, os.fsync


def _slow_replace(source, target):  # the file's rename, after the log's append
    time.sleep(random.random() * 0.02)
    _replace(source, target)


def _slow_fsync(descriptor):  # the log's and the file's flush
    time.sleep(random.random() * 0.01)
    _fsync(descriptor)


def main(path: str) -> None:
    os.replace, os.fsync = _slow_replace, _slow_fsync
    counter = time.monotonic_ns()
    while True:
        counter += 1
        feature = {
            "type": "Feature",
            "id": f"f{counter % 3}",
            "properties": {"layer": "site", "name": "x", "notes": str(counter)},
            "geometry": None,
        }
        current = history._parse(open(path, "rb").read())  # noqa: SIM115
        features = [f for f in current["features"] if f["id"] != feature["id"]] + [feature]
        history.save(path, dumps({**current, "features": features}), action="edit", who="killed")


if __name__ == "__main__":
    main(sys.argv[1])
