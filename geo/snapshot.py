"""The last valid version of an incident file, kept on disk.

While a hand-edited file does not validate, the app keeps showing the newest version that
did. Kept in memory only, that version would be lost to Streamlit's "Clear cache" or a
restart, and every viewer would see only the error; so each valid version is also written
here, and read back when memory has none.

Where: `$GEO_CACHE_DIR` if set, else `$XDG_CACHE_HOME/geo-incidents` (`~/.cache/geo-incidents`),
under `last-valid/`, one pickle per incident file (named by a hash of its absolute path)
holding (incidents GeoDataFrame, sources registry DataFrame). Written atomically
(geo.files.write_atomic); a snapshot that cannot be read is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import files


def cache_dir() -> Path:
    """The folder snapshots are kept in (see the module docstring)."""
    explicit = os.environ.get("GEO_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "geo-incidents"


def snapshot_path(incidents: Path | str) -> Path:
    """Where the snapshot of `incidents` lives."""
    key = hashlib.sha256(str(Path(incidents).resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir() / "last-valid" / f"{key}.pickle"


def save(incidents: Path | str, gdf: gpd.GeoDataFrame, sources: pd.DataFrame) -> bool:
    """Keep (gdf, sources) as the last valid version of `incidents`; False when it cannot be
    written (a read-only home: the app then keeps it in memory only)."""
    data = pickle.dumps((gdf, sources), protocol=pickle.HIGHEST_PROTOCOL)
    target = snapshot_path(incidents)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        files.write_atomic(target, data)
    except (OSError, files.FileError):
        return False
    return True


def load(incidents: Path | str) -> tuple[gpd.GeoDataFrame, pd.DataFrame] | None:
    """The last valid version of `incidents` kept by `save`, or None."""
    try:
        gdf, sources = pickle.loads(snapshot_path(incidents).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return None
    if not isinstance(gdf, gpd.GeoDataFrame) or not isinstance(sources, pd.DataFrame):
        return None
    return gdf, sources
