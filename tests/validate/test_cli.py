"""`python -m geo validate`: output format, exit codes, several paths at once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo import paths
from geo.cli import main

# Three small files the tests write (the conformance fixtures of ../shared/ are checked in
# test_conformance.py): one valid, one with an error on line 3, one with a warning on line 3.
TEXTS = {
    "good.geojson": '{\n  "type": "Feature",\n'
    '  "geometry": {"type": "Point", "coordinates": [102.0, 0.5]},\n'
    '  "properties": {"prop0": "value0"}\n}\n',
    "bad.geojson": '{\n  "type": "Point",\n  "coordinates": [ 1, 2, "f" ]\n}\n',
    "warns.geojson": '{\n    "type": "Point",\n    "coordinates": [2, 4, 6, 8]\n}\n',
}


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    """good, bad and warns: each name to the file written with its text."""
    written = {}
    for name, text in TEXTS.items():
        written[name.removesuffix(".geojson")] = tmp_path / name
        (tmp_path / name).write_text(text, encoding="utf-8")
    return written


def test_valid_file_exits_0_silently(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--plain", str(files["good"])]) == 0
    assert capsys.readouterr().out == ""


def test_warnings_alone_exit_0(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    warns = files["warns"]
    assert main(["validate", "--plain", str(warns)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{warns}:3:20: warning: a position of 4 numbers")
    assert out.count("\n") == 1


def test_invalid_file_exits_1_one_line_per_problem(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    bad = files["bad"]
    assert main(["validate", "--plain", str(files["good"]), str(bad)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{bad}:3:26: error: each element of a position must be a number, not a string"
    ]


def test_json_format(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    bad, warns = files["bad"], files["warns"]
    assert main(["validate", "--plain", "--format", "json", str(bad), str(warns)]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert [(p["path"], p["line"], p["severity"]) for p in problems] == [
        (str(bad), 3, "error"),
        (str(warns), 3, "warning"),
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


def test_unreadable_files_exit_2(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin1 = tmp_path / "latin1.geojson"
    latin1.write_bytes(
        '{"type": "Point",\n "coordinates": [1, 2], "x": "Türkiye"}'.encode("latin-1")
    )
    missing = tmp_path / "missing.geojson"
    assert main(["validate", str(files["bad"]), str(latin1), str(missing)]) == 2
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
