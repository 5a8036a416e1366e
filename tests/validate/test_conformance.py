"""Every GeoJSON conformance fixture (geojsonhint, check-geojson): good ones pass, bad ones fail
(or warn, where geojsonhint only warns), and each line the fixture expects is one we name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.jsonpos import JSONSyntaxError, SourceMap, parse
from geo.problems import has_errors
from geo.validate import check_text
from geo.validate.structure import check_structure
from tests.shared import shared_files, shared_path

CONFORMANCE = "geojson-conformance"  # under ../shared/ (tests/shared.py)
GOOD = shared_files(CONFORMANCE, pattern="*/good/*.geojson")
BAD = shared_files(CONFORMANCE, pattern="*/bad/*.geojson")
HINT_BAD = (CONFORMANCE, "geojsonhint", "bad")

# geojsonhint's expected results hold no warning for this file (it is its test of turning the
# precision warning off), but the README lists excessive precision among the warnings: we warn.
PRECISION_ONLY = {"excessive_precision_truncated.geojson"}

# Expected lines we do not give, and why. geojsonhint names the line where the object or array
# around a problem opens; we name the offending value itself, or its parent (the test accepts
# both). These are the cases where neither is the fixture's line.
LINE_EXCEPTIONS: dict[tuple[str, int], str] = {
    ("bad-json.geojson", 1): "jsonlint puts every parse error on line 1 at the top level (its "
    "own hash says line 2); the unexpected string is on line 3, which is what we name",
    ("rootstring.geojson", 0): "line 0 does not exist in 1-based numbering; we say line 1",
    ("polygon_winding_order.geojson", 1): "geojsonhint names the Polygon; we name the ring "
    "that winds the wrong way (line 2)",
    ("bad-polygon-interiorring-rhr.geojson", 1): "geojsonhint names the Polygon; we name the "
    "hole that winds the wrong way (line 4)",
}


def _hint_result(name: str) -> list[dict] | None:
    result = shared_path(*HINT_BAD) / name.replace(".geojson", ".result")
    return json.loads(result.read_text(encoding="utf-8")) if result.exists() else None


def _expected_entries(path: Path) -> list[dict]:
    """The fixture's own expected problems (message, line), from either tool."""
    for suffix in (".result", ".cli-output-json"):
        expected = path.with_suffix(suffix)
        if expected.exists():
            return json.loads(expected.read_text(encoding="utf-8"))
    return []


def _warning_only(path: Path) -> bool:
    """geojsonhint's verdict for the file of this name: warnings ("level": "message") only."""
    if path.name in PRECISION_ONLY:
        return True
    result = _hint_result(path.name)
    return bool(result) and all(entry.get("level") == "message" for entry in result)


def _lines_we_name(text: str) -> set[int]:
    """Lines of every problem found, plus the line where each problem's parent opens."""
    try:
        parsed = parse(text)
    except JSONSyntaxError as error:
        return {error.line}
    source_map = SourceMap(text)

    def line(pointer: tuple) -> int:
        return source_map.position(source_map.value_offset(pointer))[0]

    lines = set()
    for finding in check_structure(parsed.document):
        lines |= {line(finding.pointer), line(finding.pointer[:-1])}
        if finding.key:
            lines.add(
                source_map.position(source_map.key_offsets(finding.pointer, finding.key)[-1])[0]
            )
    for duplicate in parsed.duplicates:
        lines |= {line(duplicate.pointer)}
    return lines


@pytest.mark.parametrize("path", GOOD, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_good_fixture_passes(path: Path) -> None:
    document, problems = check_text(path.read_bytes(), str(path), plain=True)
    assert document is not None
    assert not has_errors(problems), [p.format() for p in problems]


@pytest.mark.parametrize("path", BAD, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_bad_fixture_is_reported(path: Path) -> None:
    _, problems = check_text(path.read_bytes(), str(path), plain=True)
    assert problems, "a bad fixture must give at least one problem"
    if _warning_only(path):
        assert not has_errors(problems), [p.format() for p in problems]
        assert all(p.severity == "warning" for p in problems)
    else:
        assert has_errors(problems)
    assert all(p.path == str(path) and p.line >= 1 and p.column >= 1 for p in problems)


@pytest.mark.parametrize(
    "path",
    shared_files(CONFORMANCE, pattern="*/bad/*.geojson", keep=_expected_entries),
    ids=lambda p: f"{p.parent.parent.name}/{p.name}",
)
def test_bad_fixture_lines_match_the_fixture(path: Path) -> None:
    named = _lines_we_name(path.read_text(encoding="utf-8"))
    for entry in _expected_entries(path):
        expected = entry["line"]
        if (path.name, expected) in LINE_EXCEPTIONS:
            continue
        assert expected in named, (
            f"{entry['message']!r} expected on line {expected}; we name {sorted(named)}"
        )


def test_every_line_exception_is_still_needed() -> None:
    """An exception that no longer differs would hide a regression: each must still differ."""
    for name, expected in LINE_EXCEPTIONS:
        path = shared_path(*HINT_BAD) / name
        assert expected not in _lines_we_name(path.read_text(encoding="utf-8")), name


def test_warning_fixtures_are_warned_about_at_the_right_line() -> None:
    text = shared_path(*HINT_BAD, "point-toomany.geojson").read_text(encoding="utf-8")
    _, problems = check_text(text, "p.geojson", plain=True)
    assert [(p.severity, p.line) for p in problems] == [("warning", 3)]
