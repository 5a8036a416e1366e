"""The incident schema and the checks of meaning, on small files written here."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.load import load_incidents
from geo.periods import latest_today
from geo.problems import Problem, has_errors
from geo.schema import PROPERTIES, SOURCE_COLUMNS
from geo.validate import check_text

ANKARA = [32.85427, 39.91987]
INCIDENT = {
    "type": "Feature",
    "id": "inc-1",
    "properties": {
        "layer": "incident",
        "name": "Something happened in Ankara",
        "event_date": "2026-03-04",
        "time_precision": 1,
        "event_type": "Strategic developments",
        "sub_event_type": "Other",
        "country": "Türkiye",
        "claim_status": "confirmed",
        "geo_source": "manual",
        "sources": ["src-a"],
    },
    "geometry": {"type": "Point", "coordinates": ANKARA},
}
SITE = {
    "type": "Feature",
    "id": "site-1",
    "properties": {
        "layer": "site",
        "name": "A site",
        "kind": "government",
        "country": "Türkiye",
        "sources": ["src-a"],
    },
    "geometry": {"type": "Point", "coordinates": ANKARA},
}
ROUTE = {
    "type": "Feature",
    "id": "route-1",
    "properties": {"layer": "route", "name": "A line", "kind": "pipeline", "sources": ["src-a"]},
    "geometry": {"type": "LineString", "coordinates": [[32.0, 39.0], [33.0, 40.0]]},
}
AREA = {
    "type": "Feature",
    "id": "area-1",
    "properties": {
        "layer": "area",
        "name": "A square",
        "kind": "region",
        "country": "Türkiye",
        "sources": ["src-a"],
    },
    "geometry": {
        "type": "Polygon",
        "coordinates": [[[32.0, 39.0], [33.0, 39.0], [33.0, 40.0], [32.0, 40.0], [32.0, 39.0]]],
    },
}


@pytest.fixture()
def sources(tmp_path: Path) -> Path:
    path = tmp_path / "sources.csv"
    row = {"id": "src-a", "outlet": "An outlet", "published": "2026-03-09"}
    row["published_precision"] = "1"
    lines = [",".join(SOURCE_COLUMNS), ",".join(row.get(c, "") for c in SOURCE_COLUMNS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _check(sources: Path, *features: dict, plain: bool = False) -> list[Problem]:
    document = {"type": "FeatureCollection", "features": list(features)}
    text = json.dumps(document, ensure_ascii=False, indent=2)
    _, problems = check_text(text, str(sources.parent / "f.geojson"), plain=plain)
    return problems


def _with(feature: dict, **properties: object) -> dict:
    changed = copy.deepcopy(feature)
    for name, value in properties.items():
        if value is ...:
            del changed["properties"][name]
        else:
            changed["properties"][name] = value
    return changed


def _one_error(problems: list[Problem]) -> Problem:
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1, [p.format() for p in problems]
    return errors[0]


def test_a_valid_file_has_no_problems(sources: Path) -> None:
    assert _check(sources, INCIDENT, SITE, ROUTE, AREA) == []


@pytest.mark.parametrize(
    ("feature", "changes", "prop", "words"),
    [
        (INCIDENT, {"name": ...}, "name", "missing name"),
        (INCIDENT, {"layer": ...}, "layer", "missing layer"),
        (INCIDENT, {"layer": "incidnet"}, "layer", 'did you mean "incident"'),
        (INCIDENT, {"sources": []}, "sources", "may not be empty"),
        (INCIDENT, {"claim_status": "confirmd"}, "claim_status", 'did you mean "confirmed"'),
        (INCIDENT, {"time_precision": 4}, "time_precision", "not allowed"),
        (INCIDENT, {"time_precision": True}, "time_precision", "whole number"),
        (INCIDENT, {"fatalities": -1}, "fatalities", "below the minimum"),
        (INCIDENT, {"uncertainty_km": "5"}, "uncertainty_km", "a string; write 5 without the"),
        (INCIDENT, {"fatalities": "3"}, "fatalities", "a string; write 3 without the quotes"),
        (INCIDENT, {"fatalities": 3.0}, "fatalities", "not 3.0; write 3"),
        (INCIDENT, {"fatalities": "three"}, "fatalities", "whole number, not a string"),
        (INCIDENT, {"event_date": "2026-3-4"}, "event_date", "YYYY-MM-DD"),
        (INCIDENT, {"event_date": "2025-13-01"}, "event_date", "no month 13"),
        (INCIDENT, {"event_date": "2026-02-29"}, "event_date", "28 days"),
        (INCIDENT, {"end_date": "2026-03-01"}, "end_date", "before it starts"),
        (INCIDENT, {"sub_event_type": "Air/drone strike"}, "sub_event_type", "not a sub-event"),
        (INCIDENT, {"sub_event_type": "Airstrike"}, "sub_event_type", "not a sub-event type"),
        (INCIDENT, {"geo_source": "sites"}, "geo_source", "sites:ID"),
        (INCIDENT, {"geo_source": "gnames:123"}, "geo_source", 'did you mean "geonames"'),
        (INCIDENT, {"sources": ["src-b"]}, "sources", 'did you mean "src-a"'),
        (
            INCIDENT,
            {"sources": "src-a"},
            "sources",
            'list of strings (e.g. ["a", "b"]), not a string; write ["src-a"]',
        ),
        (INCIDENT, {"related": ["inc-404"]}, "related", "no feature has the id"),
        (INCIDENT, {"related": ["inc-1"]}, "related", "itself"),
        (INCIDENT, {"evidence": ["30-10"]}, "evidence", "START < END"),
        (INCIDENT, {"country": "Iran"}, "country", "lies in Türkiye, not in Iran"),
        (SITE, {"kind": "pipeline"}, "kind", "not a kind of site"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_one_wrong_property_is_one_error(
    sources: Path, feature: dict, changes: dict, prop: str, words: str
) -> None:
    error = _one_error(_check(sources, _with(feature, **changes), ROUTE))
    assert (error.feature_id, error.property) == (feature["id"], prop)
    assert words in error.message


def test_a_position_typed_as_text_is_answered_with_the_number(sources: Path) -> None:
    feature = copy.deepcopy(INCIDENT)
    feature["geometry"]["coordinates"] = ["32.85427", 39.91987]
    error = _one_error(_check(sources, feature))
    assert "must be a number, not a string; write 32.85427 without the quotes" in error.message


def test_future_dates_are_errors(sources: Path) -> None:
    tomorrow = (latest_today() + timedelta(days=1)).isoformat()
    error = _one_error(_check(sources, _with(INCIDENT, event_date=tomorrow)))
    assert (error.property, "in the future" in error.message) == ("event_date", True)


def test_country_names_are_compared_through_alternatives_and_case(sources: Path) -> None:
    assert _check(sources, _with(INCIDENT, country="turkey")) == []
    problems = _check(sources, _with(INCIDENT, country="Turky"))
    assert [p.severity for p in problems] == ["warning"]
    assert 'did you mean "Turkey"' in problems[0].message or "Türkiye" in problems[0].message


def test_unknown_property_is_a_warning_with_a_suggestion(sources: Path) -> None:
    problems = _check(sources, _with(INCIDENT, fatalites=3))
    assert [(p.severity, p.property) for p in problems] == [("warning", "fatalites")]
    assert 'did you mean "fatalities"' in problems[0].message


def test_null_geometry_needs_a_location(sources: Path) -> None:
    pending = _with(INCIDENT, location="Ankara")
    pending["geometry"] = None
    problems = _check(sources, pending)
    assert [p.severity for p in problems] == ["warning"]
    assert "not geocoded yet" in problems[0].message
    pending["properties"].pop("location")
    assert "no location" in _one_error(_check(sources, pending)).message


@pytest.mark.parametrize(
    ("feature_id", "words"), [(7, "must be a string"), ("", "empty"), (None, "must be a string")]
)
def test_ids_are_non_empty_strings(sources: Path, feature_id: object, words: str) -> None:
    feature = copy.deepcopy(ROUTE)
    feature["id"] = feature_id
    error = _one_error(_check(sources, feature))
    assert (error.property, words in error.message) == ("id", True)


def test_layer_decides_the_geometry_type(sources: Path) -> None:
    site = copy.deepcopy(SITE)
    site["geometry"] = copy.deepcopy(ROUTE["geometry"])
    assert "not a LineString" in _one_error(_check(sources, site)).message


def test_invalid_polygon_says_why(sources: Path) -> None:
    bowtie = copy.deepcopy(AREA)
    bowtie["geometry"]["coordinates"] = [
        [[32.0, 39.0], [33.0, 40.0], [33.0, 39.0], [32.0, 40.0], [32.0, 39.0]]
    ]
    error = _one_error(_check(sources, bowtie))
    assert "Self-intersection" in error.message and error.feature_id == "area-1"


def test_latitude_out_of_range(sources: Path) -> None:
    feature = copy.deepcopy(INCIDENT)
    feature["geometry"]["coordinates"] = [39.9, 132.8]
    assert "outside -90..90" in _one_error(_check(sources, feature)).message


def test_plain_mode_checks_structure_only(sources: Path) -> None:
    feature = _with(INCIDENT, layer="nonsense", event_date="yesterday", country="Narnia")
    assert _check(sources, feature, plain=True) == []
    assert has_errors(_check(sources, feature))


def test_missing_sources_registry_is_reported(tmp_path: Path) -> None:
    text = json.dumps({"type": "FeatureCollection", "features": [INCIDENT]})
    _, problems = check_text(text, str(tmp_path / "f.geojson"))
    if any((folder / "sources.csv").exists() for folder in tmp_path.parents):
        pytest.skip("a sources.csv lies in a folder above the test's temporary folder")
    [problem] = problems
    assert problem.path == str(tmp_path / "f.geojson")
    assert f"no sources registry: no sources.csv in {tmp_path}" in problem.message


def test_an_incident_file_is_a_feature_collection(sources: Path) -> None:
    _, problems = check_text(json.dumps(INCIDENT), str(sources.parent / "f.geojson"))
    assert "must be a FeatureCollection" in _one_error(problems).message


def test_admin1_is_checked_against_the_province_holding_the_point() -> None:
    from geo.validate.meaning import check_meaning

    def document(lon: float, lat: float, admin1: str) -> dict[str, object]:
        properties = {"country": "Iran", "admin1": admin1}
        geometry = {"type": "Point", "coordinates": [lon, lat]}
        feature = {"type": "Feature", "properties": properties, "geometry": geometry}
        return {"type": "FeatureCollection", "features": [feature]}

    # Azerbaijan's Astara, 2.4 km across the border from Gilan: said, as a warning naming the
    # country it lies in and the distance (a town on a border river can lie across a
    # simplified line); far from Gilan: an error.
    across = check_meaning(document(48.87498, 38.45598, "Gilan"), set())
    assert [(f.severity, f.message) for f in across if f.property == "admin1"] == [
        (
            "warning",
            "[48.87498, 38.45598] lies in Astara (AZ-AST), Azerbaijan, 2.4 km across the border "
            "from Gilan, Iran (its admin1); within the 5 km the simplified borders allow, so not "
            "an error: check the position",
        )
    ]
    far = check_meaning(document(51.42151, 35.69439, "Gilan"), set())  # Tehran
    assert [f.severity for f in far if f.property == "admin1"] == ["error"]
    home = check_meaning(document(48.86994, 38.43084, "Gilan"), set())  # Iran's Āstārā
    assert not [f for f in home if f.property == "admin1"]
    unknown = check_meaning(document(48.86994, 38.43084, "Astara County"), set())
    assert not [f for f in unknown if f.property == "admin1"]


# A new user's variant of the border-twin-towns field case: a point just across a border (within
# the 5 km the simplified borders allow) says which country it lies in and how far; on the
# town of its own `location`'s name across the border, while its country has a town of that
# name too, it is an error naming both towns.
ASTARA_AZ, ASTARA_IR = [48.87498, 38.45598], [48.86994, 38.43084]
JULFA_AZ, JULFA_IR = [45.62961, 38.95397], [45.63329, 38.93788]


def _placed(point: list[float], **properties: str) -> dict[str, object]:
    feature = {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "Point", "coordinates": point},
    }
    return {"type": "FeatureCollection", "features": [feature]}


@pytest.mark.parametrize(
    ("point", "properties", "said"),
    [
        (ASTARA_AZ, {"country": "Iran", "admin1": "Gilan", "location": "Astara"}, "Āstārā of Iran"),
        (ASTARA_IR, {"country": "Azerbaijan", "location": "Astara"}, "Astara of Azerbaijan"),
        (JULFA_IR, {"country": "Azerbaijan", "location": "Julfa"}, "Julfa of Azerbaijan"),
    ],
)
def test_a_point_on_the_twin_town_across_the_border_is_an_error(point, properties, said) -> None:
    from geo.validate.meaning import check_meaning

    [finding] = check_meaning(_placed(point, **properties), set())
    assert finding.severity == "error"
    assert (
        "across the border from" in finding.message
        and "the town of the same name" in finding.message
    )
    assert said in finding.message


@pytest.mark.parametrize(
    ("point", "properties", "said"),
    [
        (
            [48.87, 38.44],
            {"country": "Iran", "location": "Astara"},
            "lies in Azerbaijan, 0.5 km across the border from Iran",
        ),
        (
            ASTARA_IR,
            {"country": "Azerbaijan"},
            "lies in Iran, 0.5 km across the border from Azerbaijan",
        ),
        (ASTARA_IR, {"country": "Azerbaijan", "location": "Lankaran road"}, "lies in Iran, 0.5 km"),
    ],
)
def test_a_point_just_across_a_border_names_the_country_and_the_distance(
    point, properties, said
) -> None:
    from geo.validate.meaning import check_meaning

    [finding] = check_meaning(_placed(point, **properties), set())
    assert finding.severity == "warning" and said in finding.message
    assert "check the position" in finding.message


def test_the_twin_town_error_names_file_line_and_feature(tmp_path: Path, capsys) -> None:
    from geo.cli import main

    document = _placed(ASTARA_IR, country="Azerbaijan", location="Astara")
    document["features"][0]["id"] = "inc-astara"  # type: ignore[index]
    path = tmp_path / "astara.geojson"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    text = out.out + out.err
    assert f"{path}:" in text and "inc-astara" in text and "Astara of Azerbaijan" in text
    assert "Traceback" not in text


def test_a_sea_is_named_by_its_shores_and_lies_in_none_of_them(sources: Path) -> None:
    """The Caspian's representative point lies in water: its `country` lists the coastal
    states, so the containment check (which a site on land must pass) does not apply."""
    sea = _with(AREA, kind="sea", country="Azerbaijan; Iran; Kazakhstan; Russia; Turkmenistan")
    sea["geometry"] = {"type": "Point", "coordinates": [50.666667, 41.666667]}
    sea["properties"]["layer"] = "area"
    problems = _check(sources, sea)
    assert not [p for p in problems if p.property == "country"], [p.format() for p in problems]
    land = _with(SITE, country="Azerbaijan")
    land["geometry"] = {"type": "Point", "coordinates": [50.666667, 41.666667]}
    assert "lies in no country" in _one_error(_check(sources, land)).message


_INTEGER_PROPERTIES = [s.name for s in PROPERTIES if s.type == "integer"]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(_INTEGER_PROPERTIES),
    value=st.one_of(st.integers(min_value=2**63), st.integers(max_value=-(2**63) - 1)),
)
def test_a_whole_number_beyond_64_bits_is_one_error_not_a_crash_later(
    sources: Path, name: str, value: int
) -> None:
    # A hand edit of "fatalities": 99999999999999999999999 passed validate, then every map and
    # export died in the loader (pandas' Int64) with a traceback.
    error = _one_error(_check(sources, _with(INCIDENT, **{name: value})))
    assert (error.feature_id, error.property) == ("inc-1", name)
    assert "out of range" in error.message
    assert len(error.message) < 200  # a 4,000-digit number is shortened, not printed whole


def test_the_largest_whole_number_that_validates_also_loads(sources: Path) -> None:
    path = sources.parent / "f.geojson"
    feature = _with(INCIDENT, fatalities=2**63 - 1)
    document = {"type": "FeatureCollection", "features": [feature]}
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert _check(sources, feature) == []
    assert load_incidents(path, sources)["fatalities"].tolist() == [2**63 - 1]
