"""The field cases of "every geometry, every check, every map" (tests/cases/, from
../shared/cases/): a line and an area written lat,lon; a GeometryCollection on every map."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.cli import main

CASES = Path(__file__).parent / "cases"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding every case and the registry they cite; the working folder."""
    shutil.copytree(CASES, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_line_and_an_area_written_lat_lon_are_errors_naming_file_line_feature(work, capsys):
    path = work / "swapped-line-and-area" / "swapped.geojson"
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    errors = [line for line in out.splitlines() if ": error: " in line]
    assert len(errors) == 2, out
    area, track = errors
    assert area.startswith(f"{path}:14:") and "[area-exclusion-zone-shahbuz]" in area
    assert track.startswith(f"{path}:30:") and "[inc-2026-03-05-drone-track]" in track
    assert "this Polygon" in area and "this LineString" in track
    for line in errors:
        assert "lies outside Azerbaijan" in line and "swapped" in line
