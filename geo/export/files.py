"""Replace a file without ever leaving it half-written: write a temporary file in the same
folder (so the rename stays on one file system), flush it to disk, then rename it over.
The bytes twin of geo.canonical.write_atomic, for images and other binary exports."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path`; on any error the old file (if any) is left as it was."""
    path = Path(os.path.realpath(path))  # through a symlink, as geo.canonical.write_atomic
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
