"""A built index kept on disk between runs, so the command line starts in a fraction of a
second instead of re-reading 29 MB of GeoNames JSON and the borders on every call.

The file name carries a hash of everything the index is built from (the input files' bytes,
this package's code version and a format tag), so an edited input or a new package version
builds a fresh index; nothing needs to be deleted by hand. The cache lives under `.cache/`
at the project root (ignored by git); if it cannot be written, the index is simply rebuilt
next time.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import TypeVar

from geo import paths
from geo.files import FileError, locked, write_atomic

CACHE_DIR = paths.ROOT / ".cache" / "geocoders"
# Bump when the shape of a cached object changes.
FORMAT = "4"

T = TypeVar("T")


def digest(inputs: Iterable[Path | str]) -> str:
    """Hash of the given files' bytes (a missing file hashes as missing) and strings."""
    hasher = hashlib.sha256(FORMAT.encode())
    for item in inputs:
        if isinstance(item, Path):
            hasher.update(str(item.name).encode())
            try:
                hasher.update(item.read_bytes())
            except OSError:
                hasher.update(b"<missing>")
        else:
            hasher.update(item.encode())
    return hasher.hexdigest()[:16]


# The code and words that decide what an index holds: a change to any must build a fresh
# index. The name helpers and every language's words live in geo/words/ (moved there from this
# package; a name listed here that no longer exists would hash as missing and keep a stale index).
_WORDS = paths.ROOT / "geo" / "words"
CODE: tuple[Path, ...] = (
    *(
        Path(__file__).with_name(module)
        for module in ("gazetteer.py", "areas.py", "geonames.py", "cache.py")
    ),
    *sorted(_WORDS.glob("*.py")),
    *sorted((_WORDS / "languages").glob("*.toml")),
)


# How long a process waits for another one building the same index (about 20 s of CPU) before
# building it itself.
BUILD_WAIT_S = 600.0
_MISSING = object()


def _read(path: Path) -> object:
    """The index pickled at `path`, or _MISSING."""
    try:
        with path.open("rb") as stream:
            data = stream.read()
        # Hundreds of thousands of small objects: the cyclic garbage collector would walk
        # them again and again while they are created, and none of them can form a cycle.
        gc.disable()
        try:
            return pickle.loads(data)
        finally:
            gc.enable()
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return _MISSING


def cached(name: str, inputs: Iterable[Path | str], build: Callable[[], T]) -> T:
    """`build()`'s result, read from the cache when the inputs (and this package's indexing
    code) are unchanged. One process builds a missing index while the others wait for it
    under the file's lock and then read it (two test workers, two commands started at once),
    instead of each building its own; and the file is only ever replaced atomically, so a
    reader never finds it missing while another process writes it."""
    if os.environ.get("GEO_NO_INDEX_CACHE"):
        return build()
    path = CACHE_DIR / f"{name}-{digest([*inputs, *CODE])}.pickle"
    found = _read(path)
    if found is not _MISSING:
        return found  # type: ignore[return-value]
    with ExitStack() as stack:
        try:
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            stack.enter_context(locked(path, wait_s=BUILD_WAIT_S))
        except (OSError, FileError):
            pass  # no lock to be had (a read-only checkout): build here, only slower
        else:
            found = _read(path)  # built by the process this one waited for
            if found is not _MISSING:
                return found  # type: ignore[return-value]
        value = build()
        try:
            for stale in CACHE_DIR.glob(f"{name}-*.pickle"):
                if stale != path:  # an index of other inputs; this one is replaced atomically
                    stale.unlink(missing_ok=True)
            write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, FileError):
            pass  # a read-only checkout still works, only slower
        return value
