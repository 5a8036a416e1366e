"""One watcher of data files for a whole process, however many viewers it serves.

The app used to poll the files from every open browser tab (a two-second rerun per tab); the
server then spent CPU on idle tabs in proportion to their number. Here one daemon thread
stats the union of the files that some subscriber cares about, once per `interval` seconds,
and calls each subscriber whose files changed. An idle tab costs nothing but its entry.

    watcher = FileWatcher(interval=1.0)
    watcher.subscribe("session-id", ["data/incidents.geojson"], callback)  # callback()
    watcher.unsubscribe("session-id")

A file's version is its (mtime in ns, size); a missing file is (0, 0), so deleting or
creating a file counts as a change. Callbacks run on the watcher thread and must be quick
(the app's, geo.app.session, only schedules a rerun on the session's event loop).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

Stamp = tuple[int, int]


def file_stamp(path: str | Path) -> Stamp:
    """(mtime in ns, size) of `path`; (0, 0) when it cannot be read."""
    try:
        stat = Path(path).stat()
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


class FileWatcher:
    """Calls subscribers when one of their files changes on disk (see the module docstring)."""

    def __init__(self, interval: float = 1.0) -> None:
        self.interval = interval
        self._lock = threading.Lock()
        self._subscribers: dict[str, tuple[frozenset[str], Callable[[], None]]] = {}
        self._stamps: dict[str, Stamp] = {}
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def subscribe(
        self, key: str, files: Iterable[str | Path], callback: Callable[[], None]
    ) -> None:
        """Call `callback` whenever one of `files` changes; replaces `key`'s earlier
        subscription. The files' current versions are the baseline."""
        names = frozenset(str(f) for f in files)
        with self._lock:
            for name in names - self._stamps.keys():
                self._stamps[name] = file_stamp(name)
            self._subscribers[key] = (names, callback)
        self._start()

    def unsubscribe(self, key: str) -> None:
        with self._lock:
            self._subscribers.pop(key, None)

    def subscribers(self) -> list[str]:
        with self._lock:
            return list(self._subscribers)

    def check(self) -> set[str]:
        """Stat every watched file once and call the subscribers of those that changed;
        returns the changed files (the thread calls this every `interval` seconds)."""
        with self._lock:
            watched = set().union(*(names for names, _ in self._subscribers.values()))
            for name in set(self._stamps) - watched:  # nobody watches it any more
                del self._stamps[name]
            changed = set()
            for name in watched:
                stamp = file_stamp(name)
                if self._stamps.get(name) != stamp:
                    self._stamps[name] = stamp
                    changed.add(name)
            due = [callback for names, callback in self._subscribers.values() if names & changed]
        for callback in due:
            callback()
        return changed

    def stop(self) -> None:
        self._stop.set()

    def _start(self) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="geo-file-watcher", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.check()
