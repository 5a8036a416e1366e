"""Draft files under review: the `drafts/` folder beside an incident file, where
`python -m geo extract --out` writes proposals until a reviewer merges what is right.

Drafts cite the same sources registry as the incident file (the nearest `sources.csv`, see
geo.sources.registry_for), so `data/drafts/x.geojson` validates against `data/sources.csv`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

DRAFTS_FOLDER = "drafts"


def drafts_folder(incidents: Path) -> Path:
    """Where the drafts of an incident file live: `drafts/` beside it."""
    return Path(incidents).parent / DRAFTS_FOLDER


def list_drafts(incidents: Path) -> list[Path]:
    """The draft files (`*.geojson`) of an incident file, by name; none when no folder."""
    folder = drafts_folder(incidents)
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob("*.geojson") if path.is_file())


def combine(frames: Sequence[gpd.GeoDataFrame]) -> gpd.GeoDataFrame | None:
    """The features of several loaded draft files as one frame, in the order given; None when
    no file is given (so callers can tell "no drafts chosen" from "drafts with no feature")."""
    if not frames:
        return None
    if len(frames) == 1:
        return frames[0]
    return gpd.GeoDataFrame(pd.concat(list(frames), ignore_index=True), crs=frames[0].crs)
