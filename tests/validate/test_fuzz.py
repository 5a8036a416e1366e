"""Property-based: whatever JSON or bytes come in, the validator answers with Problems and never
raises."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import paths
from geo.problems import Problem
from geo.validate import check_text
from geo.validate.structure import ALL_TYPES

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from([10**400, -(10**308), 2**63])  # past the float range, and at its edge
    | st.floats()
    | st.text(max_size=12)
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)
# Values shaped like GeoJSON, so that the checks below the top level are reached too.
NAMES = st.sampled_from(
    [
        "type",
        "features",
        "geometry",
        "properties",
        "coordinates",
        "geometries",
        "bbox",
        "id",
        "layer",
        "name",
        "event_date",
        "end_date",
        "sources",
        "country",
        "related",
        "kind",
        "sub_event_type",
        "event_type",
        "location",
        "evidence",
        "time_precision",
    ]
)
GEOJSONISH = st.recursive(
    SCALARS | st.sampled_from(ALL_TYPES) | st.sampled_from(["incident", "site", "2026-02-30"]),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(NAMES, children, max_size=6),
    max_leaves=40,
)


def _assert_problems(text: str | bytes, plain: bool) -> None:
    document, problems = check_text(text, "fuzz.geojson", plain=plain, sources_path=paths.SOURCES)
    assert document is None or isinstance(document, dict)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1 and problem.column >= 1
        assert problem.format()


@SETTINGS
@given(JSON_VALUES, st.booleans())
def test_arbitrary_json_never_raises(value: object, plain: bool) -> None:
    _assert_problems(json.dumps(value), plain)


@SETTINGS
@given(GEOJSONISH, st.booleans())
def test_geojson_like_json_never_raises(value: object, plain: bool) -> None:
    document = (
        {"type": "FeatureCollection", "features": [value]} if isinstance(value, dict) else value
    )
    _assert_problems(json.dumps(document, indent=1), plain)


@SETTINGS
@given(st.binary(max_size=200), st.booleans())
def test_arbitrary_bytes_never_raise(data: bytes, plain: bool) -> None:
    _assert_problems(data, plain)


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
@SETTINGS
@given(st.data())
def test_damaged_real_file_never_raises(data: st.DataObject) -> None:
    text = paths.INCIDENTS.read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(text) - 1))
    length = data.draw(st.integers(0, 40))
    replacement = data.draw(st.text(alphabet='{}[],:"0123456789.-eE tnul', max_size=5))
    _assert_problems(text[:start] + replacement + text[start + length :], False)
