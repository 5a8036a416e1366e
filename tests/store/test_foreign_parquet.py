"""A GeoParquet (or any Parquet) file that `geo import-acled` did not write, given where a
store is expected: one sentence naming what it is and the ways in, exit 2, never a database
error; `geo import` then reads it into drafts, as the sentence says."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from geo.cli import main
from geo.files import FileError
from geo.store.query import Store

ROWS = pd.DataFrame(
    {
        "event_id_cnty": ["AZE1", "IRN2"],
        "event_date": ["2026-03-05", "2026-03-06"],
        "event_type": ["Explosions/Remote violence", "Battles"],
        "sub_event_type": ["Air/drone strike", "Armed clash"],
        "country": ["Azerbaijan", "Iran"],
        "location": ["Nakhchivan", "Tabriz"],
        "latitude": [39.2089, 38.08],
        "longitude": [45.4122, 46.2919],
    }
)


def _geopandas(path: Path) -> Path:
    points = [Point(lon, lat) for lon, lat in zip(ROWS.longitude, ROWS.latitude, strict=True)]
    gpd.GeoDataFrame(ROWS, geometry=points, crs="EPSG:4326").to_parquet(
        path, write_covering_bbox=True
    )
    return path


def _plain(path: Path) -> Path:
    ROWS.to_parquet(path)
    return path


def _no_position(path: Path) -> Path:
    ROWS.drop(columns=["latitude", "longitude"]).to_parquet(path)
    return path


@pytest.mark.parametrize(
    ("write", "what", "importable"),
    [(_geopandas, "a GeoParquet file", True), (_plain, "a Parquet file", True),
     (_no_position, "a Parquet file", False)],
)  # fmt: skip
def test_export_from_a_foreign_parquet_says_what_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], write, what: str, importable: bool
) -> None:
    path = write(tmp_path / "shared.parquet")
    code = main(["export", "--in", str(path), "--format", "csv", "--out", str(tmp_path / "x")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith(f"{path}:1:1: error: {what} that")
    assert "did not write" in err and "import-acled ROWS.csv --out STORE.parquet" in err
    assert "Binder" not in err and "Traceback" not in err
    assert (f"python -m geo import {path}" in err) is importable
    if importable:  # and the way in it names works
        out = tmp_path / "drafts.geojson"
        assert main(["import", str(path), "--out", str(out)]) == 0
        assert out.read_text(encoding="utf-8").count('"review": "draft"') == 2


def test_the_store_refuses_it_with_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="did not write"):
        Store(_geopandas(tmp_path / "shared.parquet"))
