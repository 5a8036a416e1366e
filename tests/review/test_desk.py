"""The review desk's work without Streamlit (geo/review/desk.py, geo/review/loop.py): the
form the schema generates, moving a draft, the evidence marked in the article, the same
article registered once, a decision made on a version of the file that has since changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo import files
from geo.canonical import dumps
from geo.review import desk, loop
from geo.schema import PROPERTY_BY_NAME


def test_the_form_is_the_schemas_for_the_layer() -> None:
    incident = [spec.name for spec in desk.form_properties("incident")]
    site = [spec.name for spec in desk.form_properties("site")]
    assert "event_type" in incident and "claim_status" in incident and "kind" not in incident
    assert "kind" in site and "event_type" not in site
    assert not {"layer", "sources", "reports", "review", "evidence"} & set(incident)
    assert desk.choices(PROPERTY_BY_NAME["kind"], "site")[0] == "airport"


@pytest.mark.parametrize(
    ("name", "text", "value"),
    [
        ("fatalities", " 3 ", 3),
        ("uncertainty_km", "2.5", 2.5),
        ("notes", "", None),
        ("related", "a; b ;", ["a", "b"]),
    ],
)
def test_form_text_is_read_as_the_propertys_type(name, text, value) -> None:
    assert desk.parse_value(PROPERTY_BY_NAME[name], text) == value


def test_a_form_value_that_is_not_of_the_type_is_named() -> None:
    with pytest.raises(ValueError, match="fatalities: 'three' is not a whole number"):
        desk.parse_value(PROPERTY_BY_NAME["fatalities"], "three")


def test_a_moved_draft_records_where_its_position_came_from() -> None:
    feature = {
        "id": "x",
        "properties": {"layer": "site", "geo_source": "sites:a"},
        "geometry": None,
    }
    by_hand = desk.moved(feature, 39.2, 45.4)
    assert by_hand["geometry"] == {"type": "Point", "coordinates": [45.4, 39.2]}
    assert by_hand["properties"]["geo_source"] == "manual"
    place = {"source": "geonames:1", "country": "Azerbaijan", "name": "Ordubad", "geo_precision": 1}
    picked = desk.moved(feature, 38.9, 46.0, place=place)
    assert picked["properties"]["geo_source"] == "geonames:1"
    assert picked["properties"]["location"] == "Ordubad"
    assert feature["geometry"] is None  # the draft itself is not changed


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=6))
def test_evidence_spans_are_inside_the_text_sorted_and_disjoint(pairs) -> None:
    evidence = [f"{start}-{start + size}" for start, size in pairs]
    spans = desk.evidence_spans({"properties": {"evidence": evidence}}, 50)
    assert all(0 <= a < b <= 50 for a, b in spans)
    assert all(spans[i][1] < spans[i + 1][0] for i in range(len(spans) - 1))


def test_the_marked_text_is_escaped() -> None:
    html = desk.marked_html("<b>Baku</b> & Tabriz\nnext", [(3, 7)])
    assert html == "&lt;b&gt;<mark>Baku</mark>&lt;/b&gt; &amp; Tabriz<br>next"


def test_an_article_registered_twice_by_its_url_keeps_one_row(tmp_path: Path) -> None:
    registry = tmp_path / "sources.csv"
    row = loop.SourceRow("Test Outlet", None, "https://example.org/a", "A title", language="en")
    first = loop.register_article(registry, "Drones over Ordubad.\n", row=row)
    again = loop.register_article(registry, "Drones over Ordubad.\n", row=row)
    assert first.created and not again.created and again.source_id == first.source_id
    assert len(registry.read_text(encoding="utf-8").splitlines()) == 2
    with pytest.raises(loop.UserError, match="already records another text"):
        loop.register_article(registry, "Another text.\n", row=row)


def test_a_decision_on_a_file_that_changed_since_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "incidents.geojson"
    data.write_text(dumps({"type": "FeatureCollection", "features": []}), encoding="utf-8")
    _, seen = loop.read_target(data)
    data.write_text(data.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # someone saves
    draft = {"type": "FeatureCollection", "features": []}
    with pytest.raises(files.ChangedOnDisk):
        loop.merge_into(data, draft, who="Ben", expect=seen)


def test_a_decided_feature_leaves_its_draft_and_the_last_one_the_file(tmp_path: Path) -> None:
    draft = tmp_path / "drafts" / "a.geojson"
    draft.parent.mkdir()
    features = [{"type": "Feature", "id": i, "properties": {}, "geometry": None} for i in "ab"]
    draft.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    desk.drop_from_draft(draft, "a")
    assert [f["id"] for f in desk.read_draft(draft)[0]["features"]] == ["b"]
    desk.drop_from_draft(draft, "b")
    assert not draft.exists()
