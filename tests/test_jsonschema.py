"""The JSON Schema for editors: committed = generated, real data passes, bad features fail."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import paths
from geo.canonical import dumps
from geo.cli import main
from geo.jsonschema import incidents_schema
from geo.problems import has_errors
from geo.schema import PROPERTIES
from geo.validate import check_text

Feature = dict[str, Any]
SHIPPED_TEXT = paths.INCIDENTS.read_text(encoding="utf-8")
DROP = object()  # as a sampled value: remove the property
PROPERTY_TYPES = {spec.name: spec.type for spec in PROPERTIES}


COMMITTED = jsonschema.Draft202012Validator(
    json.loads(paths.INCIDENTS_SCHEMA.read_text(encoding="utf-8"))
)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(COMMITTED.schema)
    return COMMITTED


def _collection(*features: Feature) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


INCIDENT: Feature = {
    "type": "Feature",
    "id": "inc-2026-03-05-example",
    "properties": {
        "layer": "incident",
        "name": "Example",
        "event_date": "2026-03-05",
        "time_precision": 1,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "country": "Azerbaijan",
        "claim_status": "claimed",
        "fatalities": None,
        "uncertainty_km": "",
        "admin1": "",
        "geo_source": "sites:nakhchivan-airport",
        "evidence": ["10-42"],
        "sources": ["src-a"],
        "my_own_note": {"any": ["thing"]},
    },
    "geometry": {"type": "Point", "coordinates": [45.45, 39.19]},
}
SITE: Feature = {
    "type": "Feature",
    "id": "site-example",
    "properties": {
        "layer": "site",
        "name": "Example airport",
        "kind": "airport",
        "country": "Azerbaijan",
        "sources": ["src-a"],
    },
    "geometry": None,
}


def test_committed_schema_is_the_generated_one() -> None:
    assert paths.INCIDENTS_SCHEMA.read_text(encoding="utf-8") == dumps(incidents_schema())


def test_schema_command_check_and_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "schema.json"
    assert main(["schema", "--check", "--output", str(target)]) == 1
    assert not target.exists()
    assert main(["schema", "--output", str(target)]) == 0
    assert main(["schema", "--check", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == paths.INCIDENTS_SCHEMA.read_text(encoding="utf-8")


def test_the_shipped_data_file_validates(validator: jsonschema.Draft202012Validator) -> None:
    document = json.loads(SHIPPED_TEXT)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []


def test_good_features_validate(validator: jsonschema.Draft202012Validator) -> None:
    site = copy.deepcopy(SITE)
    site["properties"]["location"] = "Nakhchivan airport"  # null geometry needs a location
    assert list(validator.iter_errors(_collection(INCIDENT, site))) == []


def _set(path: str, value: object) -> Callable[[Feature], None]:
    """A mutation that sets properties[path] (or the feature member after 'feature.')."""

    def mutate(feature: Feature) -> None:
        if path.startswith("feature."):
            feature[path.removeprefix("feature.")] = value
        else:
            feature["properties"][path] = value

    return mutate


def _drop(name: str) -> Callable[[Feature], None]:
    return lambda feature: feature["properties"].pop(name)


@pytest.mark.parametrize(
    ("base", "mutate", "why"),
    [
        (INCIDENT, _drop("sources"), "sources required in every layer"),
        (INCIDENT, _set("sources", []), "sources must name at least one source"),
        (INCIDENT, _drop("event_date"), "incidents need a date"),
        (INCIDENT, _set("event_date", "2026-3-5"), "dates are YYYY-MM-DD"),
        (INCIDENT, _set("event_date", "2026-13-05"), "no month 13"),
        (INCIDENT, _set("time_precision", 4), "precision is 1-3"),
        (INCIDENT, _set("layer", "incidents"), "layer from the list"),
        (INCIDENT, _set("sub_event_type", "Armed clash"), "sub-event of another event type"),
        (INCIDENT, _set("claim_status", ""), "claim status required for incidents"),
        (INCIDENT, _set("geo_source", "wikipedia:Baku"), "positions come from a known source"),
        (INCIDENT, _set("geo_source", "sites:"), "a keyed geo_source names its entry"),
        (INCIDENT, _set("evidence", ["12"]), "evidence spans are START-END"),
        (INCIDENT, _set("related", "site-x"), "related is a list"),
        (INCIDENT, _set("fatalities", -1), "no negative deaths"),
        (INCIDENT, _set("fatalities", "two"), "fatalities is a number"),
        (INCIDENT, _set("feature.id", " "), "ids are not blank"),
        (INCIDENT, _set("reports", [{"source": "a", "stance": "says"}]), "stance from the list"),
        (INCIDENT, _set("reports", [{"stance": "denies"}]), "a report names its source"),
        (
            INCIDENT,
            _set("reports", [{"source": "a", "stance": "relays", "figures": {"injured": -2}}]),
            "no negative figures",
        ),
        (
            INCIDENT,
            _set("reports", [{"source": "a", "stance": "relays", "figures": {"injured": [2]}}]),
            "a range is [low, high]",
        ),
        (
            INCIDENT,
            _set("feature.geometry", {"type": "Point", "coordinates": [45, 91]}),
            "latitude in range",
        ),
        (
            INCIDENT,
            _set("feature.geometry", {"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]}),
            "a ring has at least 4 positions",
        ),
        (SITE, _set("kind", "pipeline"), "a site's kind is a site kind"),
        (SITE, _drop("kind"), "sites need a kind"),
        (
            SITE,
            _set("feature.geometry", {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}),
            "a site is a point",
        ),
        (SITE, lambda feature: None, "a null geometry needs a location"),
    ],
)
def test_bad_features_fail(
    validator: jsonschema.Draft202012Validator,
    base: Feature,
    mutate: Callable[[Feature], None],
    why: str,
) -> None:
    feature = copy.deepcopy(base)
    mutate(feature)
    assert list(validator.iter_errors(_collection(feature))), why


def test_every_property_has_hover_help() -> None:
    properties = incidents_schema()["$defs"]["properties"]["properties"]
    assert all(spec.get("description") for spec in properties.values())


# --- the schema is never stricter than the validator ----------------------------------------

SAMPLE_VALUES = [
    None,
    "",
    " ",
    "x",
    0,
    -1,
    1,
    2,
    4,
    2.5,
    True,
    [],
    ["x"],
    ["wsws-2026-03-09"],
    {"a": 1},
    "2026-03-05",
    "2026-13-01",
    "5 March 2026",
    "incident",
    "site",
    "route",
    "area",
    "airport",
    "pipeline",
    "province",
    "Air/drone strike",
    "Explosions/Remote violence",
    "Battles",
    "claimed",
    "sites:x",
    "sites:",
    "manual",
    "derived:x",
    "10-20",
    ["10-20"],
    ["20-10"],
]


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
@settings(max_examples=120, deadline=None)
@given(
    st.data(),
    st.sampled_from([spec.name for spec in PROPERTIES] + ["not_in_schema"]),
    st.sampled_from(SAMPLE_VALUES) | st.none().map(lambda _: DROP),
)
def test_what_the_schema_rejects_the_validator_rejects_too(
    data: st.DataObject, name: str, value: object
) -> None:
    if value == [] and PROPERTY_TYPES.get(name) != "string_list":
        return  # the validator reads [] as "empty" even for a text or number; the schema does not
    document = json.loads(SHIPPED_TEXT)
    index = data.draw(st.integers(0, len(document["features"]) - 1))
    properties = document["features"][index]["properties"]
    if value is DROP:
        properties.pop(name, None)
    else:
        properties[name] = value
    alone = _collection(document["features"][index])  # the schema checks features one by one
    if list(COMMITTED.iter_errors(alone)):
        _, problems = check_text(dumps(document), str(paths.INCIDENTS))
        assert has_errors(problems), (document["features"][index]["id"], name, value)
