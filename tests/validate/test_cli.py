"""`python -m geo validate`: output format, exit codes, several paths at once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo import paths
from geo.cli import main

CONFORMANCE = paths.SHARED / "geojson-conformance" / "geojsonhint"
GOOD = CONFORMANCE / "good" / "good-feature.geojson"
BAD = CONFORMANCE / "bad" / "badcoord.geojson"
WARNS = CONFORMANCE / "bad" / "point-toomany.geojson"


def test_valid_file_exits_0_silently(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--plain", str(GOOD)]) == 0
    assert capsys.readouterr().out == ""


def test_warnings_alone_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--plain", str(WARNS)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{WARNS}:3:20: warning: a position of 4 numbers")
    assert out.count("\n") == 1


def test_invalid_file_exits_1_one_line_per_problem(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--plain", str(GOOD), str(BAD)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{BAD}:3:26: error: each element of a position must be a number, not a string"
    ]


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--plain", "--format", "json", str(BAD), str(WARNS)]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert [(p["path"], p["line"], p["severity"]) for p in problems] == [
        (str(BAD), 3, "error"),
        (str(WARNS), 3, "warning"),
    ]
    assert set(problems[0]) == {
        "path",
        "line",
        "column",
        "severity",
        "message",
        "feature_id",
        "property",
    }


def test_unreadable_files_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    latin1 = tmp_path / "latin1.geojson"
    latin1.write_bytes(
        '{"type": "Point",\n "coordinates": [1, 2], "x": "Türkiye"}'.encode("latin-1")
    )
    missing = tmp_path / "missing.geojson"
    assert main(["validate", str(BAD), str(latin1), str(missing)]) == 2
    out = capsys.readouterr().out
    assert f"{latin1}:2:32: error: not UTF-8 text" in out  # the byte after 31 others
    assert f"{missing}:1:1: error: cannot read" in out


def test_a_folder_is_unreadable(tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path)]) == 2


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01", b"[1, 2", b"\xef\xbb\xbf{}", b'{"type": "Feature", "geometry": {"type":'],
)
def test_command_never_shows_a_traceback(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.geojson"
    path.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "geo", "validate", str(path)],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stderr  # only the note naming the registry, if any
    assert result.stdout.startswith(f"{path}:1:")


def test_default_path_is_the_shipped_file() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "geo", "validate"], cwd=paths.ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0
    # stderr says which registry the source ids were checked against, and nothing else
    assert result.stderr == f"{paths.INCIDENTS}: sources registry: {paths.SOURCES}\n"
