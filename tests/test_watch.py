"""geo.watch: one watcher calls exactly the subscribers whose files changed."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from geo.watch import FileWatcher, file_stamp


def touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stat = path.stat()  # a later mtime even on a coarse clock
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_only_subscribers_of_a_changed_file_are_called(tmp_path):
    a, b = tmp_path / "a.geojson", tmp_path / "b.csv"
    touch(a, "1")
    touch(b, "1")
    watcher = FileWatcher(interval=3600)  # the test calls check() itself
    calls: list[str] = []
    watcher.subscribe("tab-1", [a, b], lambda: calls.append("tab-1"))
    watcher.subscribe("tab-2", [b], lambda: calls.append("tab-2"))
    assert watcher.check() == set() and calls == []  # nothing changed yet
    touch(a, "22")
    assert watcher.check() == {str(a)}
    assert calls == ["tab-1"]
    touch(b, "333")
    watcher.check()
    assert sorted(calls) == ["tab-1", "tab-1", "tab-2"]
    watcher.stop()


def test_deleting_or_creating_a_file_counts_as_a_change(tmp_path):
    path = tmp_path / "incidents.geojson"
    watcher = FileWatcher(interval=3600)
    calls: list[int] = []
    watcher.subscribe("tab", [path], lambda: calls.append(1))
    assert file_stamp(path) == (0, 0)
    touch(path, "{}")
    watcher.check()
    path.unlink()
    watcher.check()
    assert calls == [1, 1]
    watcher.stop()


def test_an_unsubscribed_session_is_not_called_and_its_files_are_dropped(tmp_path):
    path = tmp_path / "incidents.geojson"
    touch(path, "1")
    watcher = FileWatcher(interval=3600)
    watcher.subscribe("tab", [path], lambda: (_ for _ in ()).throw(AssertionError("called")))
    watcher.unsubscribe("tab")
    touch(path, "22")
    assert watcher.check() == set()
    assert watcher.subscribers() == []
    watcher.stop()


def test_the_thread_notices_a_change_on_its_own(tmp_path):
    path = tmp_path / "incidents.geojson"
    touch(path, "1")
    changed = threading.Event()
    watcher = FileWatcher(interval=0.05)
    watcher.subscribe("tab", [path], changed.set)
    touch(path, "22")
    assert changed.wait(5)
    watcher.stop()
