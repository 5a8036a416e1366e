"""A file's line endings are its checkout's business: `fmt` keeps them and `fmt --check` never
fails on them alone (a Windows checkout with core.autocrlf=true, a save from Notepad)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.canonical import dumps
from geo.cli import main

CASE = Path(__file__).parent / "cases" / "crlf-checkout-fmt-check" / "incidents-crlf.geojson"
MESSY = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "id": "a",
            "properties": {"layer": "site", "name": "Şərur", "sources": ["s"]},
            "geometry": {"type": "LineString", "coordinates": [[45.1, 39.2], [45.3, 39.4]]},
        }
    ],
}


def test_the_field_case_passes_check_and_fmt_leaves_it_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / CASE.name
    path.write_bytes(CASE.read_bytes())
    assert b"\r\n" in path.read_bytes()
    assert main(["fmt", "--check", str(path)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["fmt", str(path)]) == 0
    assert path.read_bytes() == CASE.read_bytes()


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])  # "\r": saved the classic Mac way
@pytest.mark.parametrize("bom", [False, True])
def test_fmt_formats_and_keeps_the_line_ending(tmp_path: Path, ending: str, bom: bool) -> None:
    messy = json.dumps(MESSY, ensure_ascii=False, indent=4).replace("\n", ending)
    path = tmp_path / "x.geojson"
    path.write_bytes(("\ufeff" if bom else "").encode() + messy.encode("utf-8"))
    assert main(["fmt", "--check", str(path)]) == 1
    assert main(["fmt", str(path)]) == 0
    written = path.read_bytes().decode("utf-8")
    assert written == dumps(MESSY).replace("\n", ending)
    assert main(["fmt", "--check", str(path)]) == 0


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(crlf=st.lists(st.booleans(), min_size=3, max_size=3))
def test_mixed_endings_alone_are_named_in_one_line_not_a_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], crlf: list[bool]
) -> None:
    """Whatever mix of CRLF and LF a canonical file holds, --check passes it when one ending
    rules it and otherwise says in one line that only line endings differ, and fmt makes it
    one ending throughout."""
    lines = dumps(MESSY).split("\n")[:-1]  # the text ends with a newline
    marks = (crlf * len(lines))[: len(lines)]
    text = "".join(
        line + ("\r\n" if mark else "\n") for line, mark in zip(lines, marks, strict=True)
    )
    path = tmp_path / "mixed.geojson"
    path.write_bytes(text.encode("utf-8"))
    capsys.readouterr()
    status = main(["fmt", "--check", str(path)])
    out, err = capsys.readouterr()
    assert out == ""
    if status:
        assert "only line endings differ" in err and len(err.strip().splitlines()) == 1
    assert main(["fmt", str(path)]) == 0
    written = path.read_bytes()
    assert written.count(b"\n") == written.count(b"\r\n") or b"\r\n" not in written
    assert main(["fmt", "--check", str(path)]) == 0


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_a_byte_order_mark_alone_is_named_in_one_line_not_a_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ending: str
) -> None:
    """A canonical file saved by Notepad (a UTF-8 byte-order mark before the first brace):
    --check says so in one line (a diff line "-\\ufeff{" looks the same as "+{"), fmt
    removes it; with other changes the diff leaves the mark out and the message names it."""
    canonical = dumps(MESSY).replace("\n", ending)
    path = tmp_path / "notepad.geojson"
    path.write_bytes(b"\xef\xbb\xbf" + canonical.encode("utf-8"))
    capsys.readouterr()
    assert main(["fmt", "--check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "only a byte-order mark differs" in err
    messy = tmp_path / "messy.geojson"
    messy.write_bytes(b"\xef\xbb\xbf" + json.dumps(MESSY).encode("utf-8"))
    assert main(["fmt", "--check", str(messy)]) == 1
    out, err = capsys.readouterr()
    assert "\ufeff" not in out and "also starts with a byte-order mark" in err
    assert main(["fmt", str(path)]) == 0
    assert path.read_bytes() == canonical.encode("utf-8")
