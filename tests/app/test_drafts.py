"""Drafts under review: drawn in their own style (geo.style), kept apart in the map's payload
as an overlay of their own, and listed, validated and filtered by the app."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import paths, style
from geo.draft_files import combine, list_drafts
from geo.load import load_incidents
from geo.render import folium_map, payload, popup
from tests.app import fixtures

pytestmark = pytest.mark.slow  # most tests run the whole app (Streamlit's AppTest)

APP = str(paths.ROOT / "app.py")
REVIEWED_COLORS = {
    *(color for color, _ in style.EVENT_TYPE_STYLES.values()),
    style.SITE_COLOR,
    *(s.color for s in (*style.ROUTE_STYLES.values(), *style.AREA_STYLES.values())),
}


@pytest.fixture()
def draft_path(dataset_path: Path) -> Path:
    return fixtures.write_draft(dataset_path)


def test_a_draft_keeps_its_shape_in_the_draft_colour_with_a_dashed_outline():
    for layer, kind, event_type in (
        ("incident", None, "Battles"),
        ("incident", None, None),
        ("site", "airport", None),
        ("route", "pipeline", None),
        ("area", "province", None),
    ):
        row = {"layer": layer, "kind": kind, "event_type": event_type, "claim_status": "claimed"}
        reviewed = style.style_for({**row, "review": "kept"})
        draft = style.style_for({**row, "review": "draft"})
        assert draft.color == style.DRAFT_COLOR and draft.dash is not None
        assert (draft.marker, draft.icon, draft.arrows) == (
            reviewed.marker,
            reviewed.icon,
            reviewed.arrows,
        )
        assert reviewed.color != style.DRAFT_COLOR
    assert style.DRAFT_COLOR not in REVIEWED_COLORS


def test_legend_explains_drafts_only_when_there_are_some(loaded, draft_path):
    gdf, _ = loaded
    assert style.DRAFT_LABEL not in [e.label for e in style.legend_entries(gdf)]
    both = combine([gdf, load_incidents(draft_path)])
    entries = style.legend_entries(both)
    assert entries[0].label == style.DRAFT_LABEL
    assert entries[0].style.color == style.DRAFT_COLOR
    codes, styles = style.style_codes(both)
    for position, (_, row) in enumerate(both.iterrows()):
        assert styles[codes[position]] == style.style_for(row.to_dict())


def decode(text: str) -> dict:
    return payload.decode(text)


def test_payload_keeps_drafts_apart_with_review_and_evidence_in_popups(loaded, draft_path):
    gdf, sources = loaded
    drafts = load_incidents(draft_path)
    data = decode(payload.encode(payload.build_payload(gdf, sources, drafts=drafts)))
    assert len(data["points"]["lat"]) == 4 and len(data["sites"]["lat"]) == 1
    assert len(data["drafts"]["points"]["lat"]) == 2 and len(data["drafts"]["sites"]["lat"]) == 1
    draft_rows = data["drafts"]["points"]["row"] + data["drafts"]["sites"]["row"]
    assert sorted(draft_rows) == [len(gdf), len(gdf) + 1, len(gdf) + 2]
    for code in [*data["drafts"]["points"]["style"], *data["drafts"]["sites"]["style"]]:
        assert data["styles"][code]["color"] == style.DRAFT_COLOR
        assert data["styles"][code]["dashArray"]
    first = popup.assemble(data["features"], len(gdf))
    assert "draft (not yet reviewed)" in first
    assert "characters 120-245, 300-360 of the article" in first
    assert "Alpha News" in first


def test_map_without_drafts_has_no_draft_overlay(loaded):
    gdf, sources = loaded
    page = folium_map.build_map(gdf, sources, inline=True).get_root().render()
    assert "Drafts under review" not in page


def test_drafts_are_listed_from_the_folder_beside_the_file(dataset_path, draft_path):
    (draft_path.parent / "notes.txt").write_text("not a draft", encoding="utf-8")
    assert list_drafts(dataset_path) == [draft_path]
    assert list_drafts(dataset_path.parent / "elsewhere" / "incidents.geojson") == []


# --- The page ---------------------------------------------------------------------------------


def map_script(app: AppTest) -> str:
    """The st_folium component's script: the map as the browser receives it."""
    for element in app.main:
        for node in _walk(element):
            proto = getattr(node, "proto", None)
            if getattr(node, "type", None) == "component_instance" and proto is not None:
                return json.loads(proto.json_args)["script"]
    raise AssertionError("no map on the page")


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def map_payload(app: AppTest) -> dict:
    script = map_script(app)
    encoded = re.search(r'GeoMap\.mount\(\w+, "([A-Za-z0-9+/=]+)"', script).group(1)
    return decode(encoded)


def counts_line(app: AppTest) -> str:
    return next(e.value for e in app.markdown if "features match" in e.value)


def run_app(dataset_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("GEO_INCIDENTS", str(dataset_path))
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return app


def test_a_ticked_draft_is_its_own_overlay_in_the_draft_style(
    dataset_path, draft_path, monkeypatch
):
    app = run_app(dataset_path, monkeypatch)
    assert app.multiselect(key="pick_drafts").options == [draft_path.name]
    data = map_payload(app)
    assert "drafts" not in data

    app.multiselect(key="pick_drafts").set_value([draft_path.name]).run()
    assert not app.exception, app.exception
    data = map_payload(app)
    assert len(data["points"]["lat"]) == 4  # the reviewed incidents, unchanged
    drafted = data["drafts"]
    assert (len(drafted["points"]["lat"]), len(drafted["sites"]["lat"])) == (2, 1)
    for code in [*drafted["points"]["style"], *drafted["sites"]["style"]]:
        assert data["styles"][code]["color"] == style.DRAFT_COLOR
        assert data["styles"][code]["dashArray"]
    assert "3 of 3 draft features shown" in counts_line(app)
    assert "Draft (not reviewed)" in map_script(app)  # the legend

    # The page's filters apply to the drafts too: from 1 April, one draft incident is left
    # (the undated site stays, as sites always do). The map holds both, with their dates: its
    # timeline hides the other in the browser.
    app.date_input(key="date_range").set_value((date(2026, 4, 1), date(2026, 4, 30)))
    app.button(key="apply_dates").click().run()
    data = map_payload(app)
    assert len(data["drafts"]["points"]["lat"]) == 2
    assert len(data["drafts"]["points"]["t0"]) == 2
    assert "2 of 3 draft features shown" in counts_line(app)


def test_an_invalid_draft_is_reported_and_left_off(dataset_path, draft_path, monkeypatch):
    broken = draft_path.parent / "broken.geojson"
    text = draft_path.read_text(encoding="utf-8").replace('"unverified"', '"perhaps"')
    broken.write_text(text, encoding="utf-8")
    app = run_app(dataset_path, monkeypatch)
    app.multiselect(key="pick_drafts").set_value([broken.name, draft_path.name]).run()
    assert not app.exception, app.exception
    assert any("broken.geojson does not validate" in w.value for w in app.warning)
    messages = "\n".join(c.value for c in app.code)
    assert re.search(
        r"broken\.geojson:\d+:\d+: error: \[draft-inc-2026-03-07-lake\] claim_status:", messages
    )
    data = map_payload(app)
    assert len(data["drafts"]["points"]["lat"]) == 2  # the valid draft is still drawn
    assert "3 of 3 draft features shown" in counts_line(app)
