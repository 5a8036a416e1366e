"""Fixtures of the app's tests: the hand-made data set, loaded and on disk."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo.load import load_incidents
from geo.sources import read_sources
from tests.app import fixtures


@pytest.fixture()
def dataset_path(tmp_path: Path) -> Path:
    return fixtures.write_dataset(tmp_path / "data")


@pytest.fixture()
def loaded(dataset_path: Path) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    return load_incidents(dataset_path), read_sources(dataset_path.parent / "sources.csv")


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """geo.snapshot writes the last valid data here, not into the user's cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("GEO_CACHE_DIR", str(folder))
    return folder
