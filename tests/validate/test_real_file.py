"""The shipped data/incidents.geojson is valid, and hand edits that break a copy of it are each
reported with the right feature id and line, exit code 1 and no traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geo import paths
from geo.problems import Problem, has_errors
from geo.validate import check_file


def _feature_lines(text: str) -> dict[str, int]:
    """Feature id -> 1-based line of its "id" member, found by plain text search."""
    return {
        match.group(1): text.count("\n", 0, match.start()) + 1
        for match in re.finditer(r'^\s*"id": "([^"]+)"', text, re.MULTILINE)
    }


def _line_of(text: str, needle: str, after_line: int = 0) -> int:
    lines = text.splitlines()
    for number in range(after_line, len(lines)):
        if needle in lines[number]:
            return number + 1
    raise AssertionError(f"{needle!r} not found after line {after_line}")


def _owner(text: str, line: int) -> str:
    """Id of the feature whose "id" line comes last before `line` (ids come first in a feature)."""
    return max((start, i) for i, start in _feature_lines(text).items() if start < line)[1]


def _point_features(text: str) -> list[dict]:
    return [
        f
        for f in json.loads(text)["features"]
        if (f.get("geometry") or {}).get("type") == "Point"
        and ";" not in f["properties"].get("country", ";")
    ]


def _errors(path: Path) -> list[Problem]:
    _, problems = check_file(path)
    return [p for p in problems if p.severity == "error"]


def _only_error(path: Path) -> Problem:
    errors = _errors(path)
    assert len(errors) == 1, [p.format() for p in errors]
    return errors[0]


@pytest.fixture()
def incidents(data_copy: Path) -> Path:
    return data_copy / "incidents.geojson"


def test_shipped_file_is_valid() -> None:
    document, problems = check_file(paths.INCIDENTS)
    assert document is not None
    assert not has_errors(problems), [p.format() for p in problems]


def test_swapped_coordinates(incidents: Path) -> None:
    text = incidents.read_text(encoding="utf-8")
    # A swap moves a point only as far as its longitude and latitude differ: take one where
    # they differ by several degrees (where they are near-equal no check could tell).
    feature = next(
        f
        for f in _point_features(text)
        if abs(f["geometry"]["coordinates"][0] - f["geometry"]["coordinates"][1]) > 3
    )
    lon, lat = feature["geometry"]["coordinates"]
    id_line = _feature_lines(text)[feature["id"]]
    original = f'"coordinates": [{json.dumps(lon)}, {json.dumps(lat)}]'
    line = _line_of(text, original, id_line)
    incidents.write_text(
        text.replace(original, f'"coordinates": [{json.dumps(lat)}, {json.dumps(lon)}]', 1),
        encoding="utf-8",
    )
    error = _only_error(incidents)
    assert (error.feature_id, error.line, error.property) == (feature["id"], line, "country")
    assert "swapped" in error.message


def test_impossible_date(incidents: Path) -> None:
    text = incidents.read_text(encoding="utf-8")
    match = re.search(r'"event_date": "[0-9-]+"', text)
    assert match
    line = text.count("\n", 0, match.start()) + 1
    owner = _owner(text, line)
    incidents.write_text(text.replace(match.group(0), '"event_date": "2026-02-30"', 1), "utf-8")
    error = _only_error(incidents)
    assert (error.feature_id, error.line, error.property) == (owner, line, "event_date")
    assert "February 2026 has 28 days" in error.message


def test_unknown_source(incidents: Path) -> None:
    text = incidents.read_text(encoding="utf-8")
    match = re.search(r'"sources": \["([^"]+)"', text)
    assert match
    line = text.count("\n", 0, match.start()) + 1
    owner = _owner(text, line)
    bad = match.group(0).replace(match.group(1), "no-such-article")
    incidents.write_text(text.replace(match.group(0), bad, 1), "utf-8")
    error = _only_error(incidents)
    assert (error.feature_id, error.line, error.property) == (owner, line, "sources")
    assert "no-such-article" in error.message


def test_duplicate_id(incidents: Path) -> None:
    text = incidents.read_text(encoding="utf-8")
    lines = _feature_lines(text)
    (first, first_line), (second, second_line) = sorted(lines.items(), key=lambda x: x[1])[:2]
    # Give the second feature the first one's id; nothing may still name the old second id.
    mutated = text.replace(f'"id": "{second}"', f'"id": "{first}"', 1)
    mutated = mutated.replace(f'"{second}"', f'"{first}-was-renamed"')
    incidents.write_text(mutated, "utf-8")
    duplicate = [p for p in _errors(incidents) if p.property == "id"]
    assert len(duplicate) == 1, [p.format() for p in _errors(incidents)]
    assert (duplicate[0].feature_id, duplicate[0].line) == (first, second_line)
    assert f"line {first_line}" in duplicate[0].message


def test_unclosed_ring(incidents: Path) -> None:
    text = incidents.read_text(encoding="utf-8")
    document = json.loads(text)
    area = next(f for f in document["features"] if f["properties"]["layer"] == "area")
    ring = (
        area["geometry"]["coordinates"][0][0]
        if area["geometry"]["type"] == "MultiPolygon"
        else area["geometry"]["coordinates"][0]
    )
    last = f"[{json.dumps(ring[-1][0])}, {json.dumps(ring[-1][1])}]"
    id_line = _feature_lines(text)[area["id"]]
    line = _line_of(text, f", {last}]", id_line)
    lines = text.splitlines(keepends=True)
    cut = lines[line - 1].rindex(f", {last}]")
    lines[line - 1] = lines[line - 1][:cut] + lines[line - 1][cut + len(last) + 2 :]
    incidents.write_text("".join(lines), "utf-8")
    error = _only_error(incidents)
    assert (error.feature_id, error.line) == (area["id"], line)
    assert "not closed" in error.message


def test_truncated_file(incidents: Path) -> None:
    text = incidents.read_text(encoding="utf-8")
    cut = text[: text.index("\n", len(text) // 2) + 1]  # as an editor that died mid-save
    incidents.write_text(cut, "utf-8")
    error = _only_error(incidents)
    assert error.line == cut.count("\n") + 1
    assert "cut short" in error.message


def test_property_of_the_wrong_type(incidents: Path) -> None:
    text = incidents.read_text(encoding="utf-8")
    match = re.search(r'"time_precision": (\d)', text)
    assert match
    line = text.count("\n", 0, match.start()) + 1
    owner = _owner(text, line)
    incidents.write_text(
        text.replace(match.group(0), f'"time_precision": "{match.group(1)}"', 1), "utf-8"
    )
    error = _only_error(incidents)
    assert (error.feature_id, error.line, error.property) == (owner, line, "time_precision")
    assert "whole number" in error.message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"event_date": "', '"event_date": "2026-02-30", "x": "'),
        ('"features": [', '"features": [[}'),
    ],
    ids=["bad-date-and-unknown-property", "syntax-error"],
)
def test_command_exits_without_traceback(incidents: Path, old: str, new: str) -> None:
    """Invalid data exits 1; a file that is not JSON at all cannot be read (2), as for every
    verb (geo.problems.exit_status)."""
    text = incidents.read_text(encoding="utf-8")
    incidents.write_text(text.replace(old, new, 1), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "geo", "validate", str(incidents)],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == (2 if new.endswith("[[}") else 1)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stdout.startswith(f"{incidents}:")
    assert ": error: " in result.stdout
