"""The loader: typed columns from the real file, every problem raised, warnings let through."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest

import geo
from geo import paths
from geo.canonical import dumps
from geo.load import incidents_frame, load_incidents
from geo.problems import InvalidDataError
from geo.schema import PROPERTIES


@pytest.fixture(scope="module")
def shipped() -> gpd.GeoDataFrame:
    return load_incidents()


def _scratch(tmp_path: Path, document: dict[str, Any]) -> Path:
    """An incident file beside a copy of the shipped sources registry."""
    shutil.copy(paths.SOURCES, tmp_path / "sources.csv")
    path = tmp_path / "incidents.geojson"
    path.write_text(dumps(document), encoding="utf-8")
    return path


def _shipped_document() -> dict[str, Any]:
    return json.loads(paths.INCIDENTS.read_text(encoding="utf-8"))


def test_shipped_file_loads_with_typed_columns(shipped: gpd.GeoDataFrame) -> None:
    document = _shipped_document()
    assert list(shipped["id"]) == [f["id"] for f in document["features"]]
    assert list(shipped.columns[: len(PROPERTIES) + 1]) == ["id", *(p.name for p in PROPERTIES)]
    assert shipped.columns[-1] == "geometry"
    assert shipped.crs.to_epsg() == 4326
    assert str(shipped["event_date"].dtype) == "datetime64[us]"
    assert str(shipped["end_date"].dtype) == "datetime64[us]"
    for name in ("time_precision", "geo_precision", "fatalities"):
        assert str(shipped[name].dtype) == "Int64"
    for name in ("layer", "kind", "event_type", "sub_event_type", "claim_status", "review"):
        assert isinstance(shipped[name].dtype, pd.CategoricalDtype)
    assert shipped["uncertainty_km"].dtype == float
    assert all(isinstance(value, list) for value in shipped["sources"])
    assert all(value for value in shipped["sources"])
    assert set(shipped["layer"]) == {"incident", "site", "route", "area"}
    assert shipped.geometry.notna().all()
    assert shipped.geometry.is_valid.all()


def test_geo_reexports_the_loader_without_importing_geopandas_early() -> None:
    assert geo.load_incidents is load_incidents
    code = "import sys, geo; assert 'geopandas' not in sys.modules, 'import geo is heavy'"
    subprocess.run([sys.executable, "-c", code], cwd=paths.ROOT, check=True)


def test_values_follow_the_file_and_empty_means_missing() -> None:
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "inc-a",
                "properties": {
                    "layer": "incident",
                    "name": "A",
                    "event_date": "2026-03-05",
                    "time_precision": 2,
                    "admin1": "",
                    "fatalities": 0,
                    "uncertainty_km": 1.5,
                    "sources": ["s"],
                    "zz_custom": {"nested": [1, 2]},
                },
                "geometry": {"type": "Point", "coordinates": [45.1, 39.2, 900.0]},
            },
            {
                "type": "Feature",
                "id": "site-b",
                "properties": {"layer": "site", "name": "B", "kind": "airport", "sources": []},
                "geometry": None,
            },
            {
                "type": "Feature",
                "id": "area-c",
                "properties": {"layer": "area", "name": "C", "related": ["inc-a"]},
                "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
            },
        ],
    }
    frame = incidents_frame(document)
    assert list(frame["id"]) == ["inc-a", "site-b", "area-c"]
    assert frame.loc[0, "event_date"] == pd.Timestamp("2026-03-05")
    assert pd.isna(frame.loc[1, "event_date"])
    assert frame.loc[0, "time_precision"] == 2 and pd.isna(frame.loc[1, "time_precision"])
    assert frame.loc[0, "fatalities"] == 0  # zero is a figure, not "unknown"
    assert pd.isna(frame.loc[0, "admin1"])
    assert frame.loc[1, "kind"] == "airport"
    assert list(frame["related"]) == [[], [], ["inc-a"]]
    assert frame.loc[0, "zz_custom"] == {"nested": [1, 2]}
    assert pd.isna(frame.loc[1, "zz_custom"])
    assert frame.geometry[0].has_z and frame.geometry[0].x == 45.1
    assert frame.geometry[1] is None
    assert frame.geometry[2].area == 0.5


def test_empty_collection_gives_an_empty_typed_frame() -> None:
    frame = incidents_frame({"type": "FeatureCollection", "features": []})
    assert len(frame) == 0 and frame.crs.to_epsg() == 4326
    assert str(frame["event_date"].dtype) == "datetime64[us]"


def test_errors_raise_with_every_problem(tmp_path: Path) -> None:
    document = _shipped_document()
    first, second = document["features"][0], document["features"][1]
    first["properties"]["event_date"] = "2026-02-30"
    second["properties"]["sources"] = ["no-such-source"]
    path = _scratch(tmp_path, document)
    with pytest.raises(InvalidDataError) as raised:
        load_incidents(path)
    errors = [p for p in raised.value.problems if p.severity == "error"]
    assert {(p.feature_id, p.property) for p in errors} == {
        (first["id"], "event_date"),
        (second["id"], "sources"),
    }
    assert all(p.path == str(path) and p.line > 1 for p in errors)


def test_unreadable_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "incidents.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(InvalidDataError) as raised:
        load_incidents(path)
    assert raised.value.problems[0].path == str(path)
    with pytest.raises(InvalidDataError):
        load_incidents(tmp_path / "absent.geojson")


def test_warnings_do_not_stop_loading(tmp_path: Path) -> None:
    document = _shipped_document()
    document["features"][0]["properties"]["nottes"] = "a typo of notes"
    frame = load_incidents(_scratch(tmp_path, document))
    assert frame.loc[0, "nottes"] == "a typo of notes"
    warnings = frame.attrs["problems"]
    assert [(p.severity, p.property) for p in warnings] == [("warning", "nottes")]
