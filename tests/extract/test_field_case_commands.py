"""The extract commands of the field cases exactly as their README writes them (no --source,
no --outlet): `geo extract article.txt --published DATE` writes its drafts to standard output
and says in one line what merge will need (tests/cases/date-ranges, dms-coordinates-as-
location; built from ../shared/cases/)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from geo.cli import main

CASES = Path(__file__).parent.parent / "cases"


def _extract(tmp_path: Path, monkeypatch, capsys, case: str, published: str) -> list[dict]:
    shutil.copytree(CASES, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    assert main(["extract", f"{case}/article.txt", "--published", published]) == 0
    captured = capsys.readouterr()
    assert sum("cite no source" in line for line in captured.err.splitlines()) == 1
    assert "Traceback" not in captured.err
    return [
        f for f in json.loads(captured.out)["features"] if f["properties"]["layer"] == "incident"
    ]


def test_date_ranges_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    incidents = _extract(tmp_path, monkeypatch, capsys, "date-ranges", "2026-03-10")
    by_town = {f["properties"]["location"]: f["properties"] for f in incidents}
    for town, first, last in (
        ("Ordubad", "2026-03-04", "2026-03-06"),
        ("Julfa", "2026-03-04", "2026-03-06"),
        ("Sharur City", "2026-03-07", "2026-03-09"),
    ):
        props = by_town[town]
        assert (props["event_date"], props.get("end_date")) == (first, last), town
        assert props["geo_precision"] < 3 and props["country"] == "Azerbaijan"


def test_dms_positions_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    incidents = _extract(tmp_path, monkeypatch, capsys, "dms-coordinates-as-location", "2026-03-06")
    (incident,) = incidents
    assert incident["geometry"]["coordinates"] == [44.983333, 39.55]
    assert incident["properties"]["geo_source"] == "manual"
    for report in incident["properties"]["reports"]:  # no coordinate read as a figure
        assert "injured" not in report.get("figures", {})
