"""The field cases of issue 21 about ways in (tests/cases/, from ../shared/cases/), each run
with the commands of the cases' README: a position written in degrees and minutes, a Google
My Maps KMZ, and a GeoParquet that geopandas wrote given as a store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo.cli import main

CASES = Path(__file__).parent.parent / "cases"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the cases and the registry they cite; the working folder."""
    shutil.copytree(CASES, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
def test_dms_coordinates_as_location(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = work / "dms-coordinates-as-location"
    shutil.copy(work / "sources.csv", case / "sources.csv")
    assert main(["geocode", str(case / "dms.geojson")]) == 0
    [feature] = json.loads((case / "dms.geojson").read_text(encoding="utf-8"))["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [44.983333, 39.55]}
    assert feature["properties"]["geo_source"] == "manual"
    capsys.readouterr()
    assert main(["lookup", "39°33′N 44°59′E", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["lat"], record["lon"], record["source"]) == (39.55, 44.983333, "manual")
    out = work / "draft.geojson"
    assert (
        main(
            [
                "extract",
                str(case / "article.txt"),
                "--published",
                "2026-03-06",
                "--outlet",
                "Case",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    points = {tuple(f["geometry"]["coordinates"]) for f in features if f["geometry"]}
    assert {(44.983333, 39.55), (44.970833, 39.544444)} <= points  # both positions proposed


def test_google_my_maps_kmz(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = work / "google-my-maps-kmz"
    shutil.copy(work / "sources.csv", case / "sources.csv")
    copy = case / "incidents.geojson"
    copy.write_text('{"type": "FeatureCollection", "features": []}\n', encoding="utf-8")
    for argv in (
        ["merge", str(case / "mymaps.kmz"), "--into", str(copy)],
        ["validate", str(case / "mymaps.kml")],
        ["export", "--in", str(case / "mymaps.kmz"), "--format", "png", "--out", "x.png"],
    ):
        assert main(argv) == 2
        captured = capsys.readouterr()
        assert "python -m geo import FILE" in captured.out + captured.err  # the way in
    for name in ("mymaps.kmz", "mymaps.kml"):
        out = work / f"{name}.geojson"
        assert main(["import", str(case / name), "--out", str(out)]) == 0
        [feature] = json.loads(out.read_text(encoding="utf-8"))["features"]
        props = feature["properties"]
        assert props["name"] == "Shahbuz road sighting" and props["review"] == "draft"
        assert props["event_date"] == "2026-03-05"  # ExtendedData `date`
        assert "Seen at dusk by two drivers 5 March" in props["notes"]
        assert feature["geometry"]["coordinates"] == [45.5686, 39.4078]


def test_foreign_geoparquet(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The case's make.py: the ACLED rows as GeoParquet 1.1 written by geopandas."""
    case = work / "foreign-geoparquet"
    rows = pd.read_csv(case / "acled-rows.csv")
    points = gpd.points_from_xy(rows.longitude, rows.latitude)
    parquet = case / "acled-geopandas.parquet"
    gpd.GeoDataFrame(rows, geometry=points, crs="EPSG:4326").to_parquet(
        parquet, write_covering_bbox=True
    )
    assert main(["export", "--in", str(parquet), "--format", "csv", "--out", "x.csv"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "did not write" in err and "Binder" not in err
    assert "import-acled ROWS.csv --out STORE.parquet" in err
    assert main(["import", str(parquet), "--out", "drafts.geojson"]) == 0  # as it says
    features = json.loads(Path("drafts.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["sub_event_type"] for f in features] == ["Air/drone strike"] * 2
