"""`python -m geo fmt`: rewrites, --check diffs, exit codes, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import paths
from geo.canonical import dumps
from geo.cli import main

MESSY = (
    '{"features":[{"geometry":{"coordinates":[45.12345678,39.2],"type":"Point"},'
    '"properties":{"sources":["s"],"layer":"site","mine":{"b":[1,2]}},"id":"a","type":"Feature"}],'
    '"type":"FeatureCollection"}'
)


def _write(tmp_path: Path, text: str | bytes, name: str = "x.geojson") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_fmt_rewrites_in_canonical_form_then_check_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, MESSY)
    assert main(["fmt", str(path)]) == 0
    text = path.read_text(encoding="utf-8")
    assert text == dumps(json.loads(MESSY))
    assert '"coordinates": [45.123457, 39.2]' in text
    assert main(["fmt", "--check", str(path)]) == 0
    assert main(["fmt", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == text  # a second pass changes nothing


def test_check_prints_a_diff_exits_1_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, MESSY)
    assert main(["fmt", "--check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"--- {path}\n+++ {path} (formatted)\n@@ ")
    assert '+        "layer": "site",\n' in out
    assert "\\ No newline at end of file" in out
    assert "python -m geo fmt" in err
    assert path.read_text(encoding="utf-8") == MESSY


def test_several_paths_exit_with_the_worst_code(tmp_path: Path) -> None:
    canonical = _write(tmp_path, dumps(json.loads(MESSY)), "good.geojson")
    messy = _write(tmp_path, MESSY, "messy.geojson")
    broken = _write(tmp_path, "{", "broken.geojson")
    assert main(["fmt", "--check", str(canonical), str(messy)]) == 1
    assert main(["fmt", "--check", str(canonical), str(messy), str(broken)]) == 2


@pytest.mark.parametrize(
    ("content", "where", "words"),
    [
        ('{"type": "FeatureCollection",\n "features": [,]}', ":2:15:", "expected a value"),
        ('{"a": 1,\n "b": NaN}', ":2:7:", "NaN"),
        ('{"a": 1,\n "a": 2}', ":2:2:", 'key "a" appears twice'),
        (b'{"name": "\xff"}', ":1:11:", "not UTF-8"),
        ("", ":1:1:", "expected a value"),
    ],
)
def test_unreadable_input_exits_2_names_the_place_and_is_left_untouched(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str | bytes,
    where: str,
    words: str,
) -> None:
    path = _write(tmp_path, content)
    before = path.read_bytes()
    for check in ([], ["--check"]):
        assert main(["fmt", *check, str(path)]) == 2
        err = capsys.readouterr().err
        assert f"{path}{where} error:" in err
        assert words in err
    assert path.read_bytes() == before


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fmt", str(tmp_path / "absent.geojson")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_byte_order_mark_is_dropped_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every reader ignores the mark (RFC 8259 §8.1), so validate warns and names fmt as the
    fix, as geocode and merge drop it silently; fmt removes it and says so."""
    path = _write(
        tmp_path, b"\xef\xbb\xbf" + dumps({"type": "FeatureCollection", "features": []}).encode()
    )
    assert main(["validate", "--plain", str(path)]) == 0
    assert f"{path}:1:1: warning: the file starts with a byte-order mark" in capsys.readouterr().out
    assert main(["fmt", "--check", str(path)]) == 1
    assert main(["fmt", str(path)]) == 0
    assert "removed the byte-order mark" in capsys.readouterr().err
    assert path.read_bytes() == dumps({"type": "FeatureCollection", "features": []}).encode()


def test_command_line_on_a_non_json_file_has_no_traceback(tmp_path: Path) -> None:
    path = _write(tmp_path, "this is not json\n")
    result = subprocess.run(
        [sys.executable, "-m", "geo", "fmt", str(path)],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert f"{path}:1:1: error:" in result.stderr
    assert "Traceback" not in result.stderr


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=60) | st.text(max_size=60).map(str.encode))
def test_arbitrary_bytes_never_raise_and_unreadable_files_stay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    path = _write(tmp_path, data)
    code = main(["fmt", str(path)])
    capsys.readouterr()
    assert code in (0, 2)
    if code == 2:
        assert path.read_bytes() == data
    else:
        assert main(["fmt", "--check", str(path)]) == 0
