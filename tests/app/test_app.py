"""The page in Streamlit's AppTest: each filter changes the count as it should, and an invalid
data file shows the validator's messages while the last valid data stays on the page."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from geo import paths, urlstate
from geo.export import export_bytes
from geo.load import load_incidents
from geo.sources import read_sources

pytestmark = pytest.mark.slow  # every test runs the whole app (Streamlit's AppTest)

APP = str(paths.ROOT / "app.py")


def run_app(dataset_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("GEO_INCIDENTS", str(dataset_path))
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return app


def matching(app: AppTest) -> tuple[int, int]:
    for element in app.markdown:
        found = re.search(r"\*\*(\d+) of (\d+) features match", element.value)
        if found:
            return int(found.group(1)), int(found.group(2))
    raise AssertionError("no count on the page")


def open_list(app: AppTest, key: str) -> AppTest:
    """Open the sidebar's checkbox list `key` (a closed list draws no boxes)."""
    if not app.session_state[f"list_{key}"]:
        app.session_state[f"list_{key}"] = True
        app.run()
    return app


def pick(app: AppTest, key: str, values: list[str]) -> AppTest:
    """Tick `values` in the sidebar's checkbox list `key` (a URL parameter) and rerun."""
    open_list(app, key)
    for value in values:
        app.checkbox(key=f"pick_{key}::{value}").check()
    return app.run()


def box_label(app: AppTest, key: str, value: str) -> str:
    open_list(app, key)
    return app.checkbox(key=f"pick_{key}::{value}").label


def hidden_text(app: AppTest) -> str:
    return next(e.value for e in app.markdown if "features match" in e.value)


def test_page_shows_every_feature_and_the_map(dataset_path, monkeypatch):
    app = run_app(dataset_path, monkeypatch)
    assert matching(app) == (8, 8)
    assert "no filter hides any" in hidden_text(app)
    assert len(app.get("dataframe")) == 1
    # The lists start closed, and a closed list draws no boxes (a new viewer costs less).
    assert not [box for box in app.checkbox if (box.key or "").startswith("pick_")]
    assert box_label(app, "claim", "disputed").endswith("· 1")  # opened, it draws them


def set_dates(app: AppTest, start: date, end: date) -> AppTest:
    """Put a range into the date control and apply it (what Enter does in the browser)."""
    app.date_input(key="date_range").set_value((start, end))
    app.button(key="apply_dates").click()
    return app.run()


def test_date_filter_respects_month_precision(dataset_path, monkeypatch):
    app = run_app(dataset_path, monkeypatch)
    control = app.date_input(key="date_range")
    # Bounded to the data: 5 March (the first incident) to 30 April (the April month's end).
    assert control.min == date(2026, 3, 5) and control.max == date(2026, 4, 30)
    assert control.value == (date(2026, 3, 5), date(2026, 4, 30))
    set_dates(app, date(2026, 4, 25), date(2026, 4, 30))
    # Only the April incident known to the month (dated 10 April) remains of the incidents;
    # the undated site, routes and area stay. The range's open end is left out of the URL.
    assert matching(app) == (5, 8)
    assert "date range hides 3" in hidden_text(app)
    assert app.query_params["from"] == "2026-04-25" and "to" not in app.query_params
    set_dates(app, date(2026, 4, 25), date(2026, 4, 26))
    assert matching(app) == (5, 8)
    set_dates(app, date(2026, 3, 5), date(2026, 3, 9))
    assert matching(app) == (5, 8)  # only the 5 March incident of the four
    set_dates(app, date(2026, 3, 5), date(2026, 4, 30))  # the whole data: no filter
    assert matching(app) == (8, 8) and "from" not in app.query_params


def test_a_typed_date_waits_for_enter(dataset_path, monkeypatch):
    app = run_app(dataset_path, monkeypatch)
    app.date_input(key="date_range").set_value((date(2026, 4, 25), date(2026, 4, 30))).run()
    assert matching(app) == (8, 8)  # not applied yet: the form waits for its submit


def test_a_url_date_outside_the_data_is_shown_at_the_data_edge(dataset_path, monkeypatch):
    monkeypatch.setenv("GEO_INCIDENTS", str(dataset_path))
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["from"] = "2020-01-01"
    app.query_params["to"] = "2026-03-20"
    app.run()
    assert not app.exception, app.exception
    assert app.date_input(key="date_range").value == (date(2026, 3, 5), date(2026, 3, 20))
    assert matching(app) == (7, 8)  # the April incident is after the range


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("source", ["src-alpha"], 4),  # airport incident, site, flight path, area
        ("type", ["Battles"], 5),  # one battle and the four non-incidents
        ("country", ["Iran"], 4),  # two incidents in Iran, and two routes through it
        ("claim", ["confirmed", "claimed"], 6),
    ],
)
def test_each_filter_changes_the_count(dataset_path, monkeypatch, key, value, expected):
    app = run_app(dataset_path, monkeypatch)
    pick(app, key, value)
    assert matching(app) == (expected, 8)
    assert app.session_state[f"pick_{key}"] == value


def test_layers_filter_changes_the_count(dataset_path, monkeypatch):
    app = run_app(dataset_path, monkeypatch)
    app.multiselect(key="pick_layer").set_value(["incident"]).run()
    assert matching(app) == (4, 8)


def test_list_counts_are_of_incidents_the_other_filters_keep(dataset_path, monkeypatch):
    app = run_app(dataset_path, monkeypatch)
    assert box_label(app, "source", "src-beta").endswith("· 2")  # two incidents, no filter
    assert box_label(app, "country", "Iran").endswith("· 2")
    pick(app, "country", ["Iran"])
    # The sources are counted among Iran's incidents; the country list ignores its own pick.
    assert box_label(app, "source", "src-beta").endswith("· 2")
    assert box_label(app, "source", "src-alpha").endswith("· 0")
    assert box_label(app, "country", "Azerbaijan").endswith("· 1")
    pick(app, "source", ["src-beta"])
    assert box_label(app, "claim", "unverified").endswith("· 1")
    assert box_label(app, "claim", "confirmed").endswith("· 0")
    assert "what ticking it alone would show" in " ".join(c.value for c in app.caption)


def test_only_and_all_shortcuts(dataset_path, monkeypatch):
    app = run_app(dataset_path, monkeypatch)
    pick(app, "claim", ["confirmed", "claimed"])
    assert matching(app) == (6, 8)
    app.button(key="only_claim::disputed").click().run()  # one value alone, in one click
    assert app.session_state["pick_claim"] == ["disputed"]
    assert app.checkbox(key="pick_claim::disputed").value
    assert not app.checkbox(key="pick_claim::confirmed").value
    assert matching(app) == (5, 8)
    app.button(key="all_claim").click().run()  # nothing ticked: every value
    assert app.session_state["pick_claim"] == []
    assert matching(app) == (8, 8)
    assert "claim=" not in str(dict(app.query_params))


def test_invalid_file_shows_messages_and_keeps_last_valid_data(dataset_path, monkeypatch):
    app = run_app(dataset_path, monkeypatch)
    document = json.loads(dataset_path.read_text(encoding="utf-8"))
    document["features"][0]["properties"]["claim_status"] = "maybe"
    dataset_path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    stat = dataset_path.stat()
    os.utime(dataset_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    app.run()
    assert not app.exception
    assert any("does not validate" in e.value for e in app.error)
    messages = "\n".join(c.value for c in app.code)
    assert re.search(
        r"incidents\.geojson:\d+:\d+: error: \[inc-2026-03-05-airport\] "
        r"claim_status:",
        messages,
    )
    assert matching(app) == (8, 8)  # the last valid version is still shown


def test_last_valid_data_survives_clear_cache_while_the_file_is_invalid(
    dataset_path, monkeypatch, cache_dir
):
    run_app(dataset_path, monkeypatch)  # a valid version, kept on disk too
    dataset_path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    st.cache_resource.clear()  # what the menu's "Clear cache" does; a restart loses as much
    st.cache_data.clear()
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    assert any("the map shows the last valid version" in e.value for e in app.error)
    assert matching(app) == (8, 8)
    assert list(cache_dir.glob("last-valid/*.pickle"))


def test_a_bad_url_value_is_reported_not_dropped(dataset_path, monkeypatch):
    monkeypatch.setenv("GEO_INCIDENTS", str(dataset_path))
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["from"] = "2026-02-30"
    app.query_params["source"] = "src-alpha~src-nowhere"
    app.run()
    assert not app.exception, app.exception
    warning = " ".join(w.value for w in app.warning)
    assert "from='2026-02-30' is not a date" in warning
    assert "source=src-nowhere: not in the data" in warning
    assert matching(app) == (4, 8)  # src-alpha is applied; the date is left out


def test_hiding_a_layer_changes_count_table_export_and_url_alike(dataset_path, monkeypatch):
    app = run_app(dataset_path, monkeypatch)
    app.multiselect(key="pick_layer").set_value(["incident", "route", "area"]).run()
    assert matching(app) == (7, 8)  # the one site is hidden
    table = app.dataframe[0].value
    assert len(table) == 7 and "site" not in set(table["layer"])
    params = {k: v if isinstance(v, str) else v[0] for k, v in app.query_params.items()}
    assert params["layer"] == "area~incident~route"
    state = urlstate.from_params(params)
    gdf, sources = load_incidents(dataset_path), read_sources(dataset_path.parent / "sources.csv")
    exported = json.loads(export_bytes("geojson", gdf, sources, state.view))
    assert sorted(f["id"] for f in exported["features"]) == sorted(table["id"])


def test_url_restores_filters(dataset_path, monkeypatch):
    monkeypatch.setenv("GEO_INCIDENTS", str(dataset_path))
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["source"] = "src-beta"
    app.query_params["from"] = "2026-03-15"
    app.run()
    assert matching(app) == (1, 8)  # of the two src-beta incidents, the one after the 15th
    assert app.session_state["pick_source"] == ["src-beta"]
    assert app.checkbox(key="pick_source::src-beta").value
    assert not app.checkbox(key="pick_source::src-alpha").value


def details(app: AppTest) -> str:
    return " ".join(m.value for m in app.markdown if "geo-popup" in m.value)


def table_selection(app: AppTest) -> list[str]:
    rows = app.session_state["table"]["selection"]["rows"]
    return [app.dataframe[0].value["id"].iloc[row] for row in rows]


def test_map_click_table_row_and_details_panel_select_one_feature(dataset_path, monkeypatch):
    app = run_app(dataset_path, monkeypatch)
    assert not details(app) and table_selection(app) == []
    # A click on the map (what the map component reports): the panel and the table row follow,
    # and the map is not moved.
    app.session_state["map"] = {"last_object_clicked_tooltip": "inc-2026-03-05-airport"}
    app.run()
    assert "Drone strike at the airport" in details(app)
    assert table_selection(app) == ["inc-2026-03-05-airport"]
    assert "map_centre" not in app.session_state
    # A row picked in the table: the panel follows, and the map is asked to centre on it.
    village = list(app.dataframe[0].value["id"]).index("inc-2026-03-18-village")
    app.session_state["table"] = {"selection": {"rows": [village], "columns": []}}
    app.run()
    assert "Shelling near a village" in details(app)
    lat, lon = app.session_state["map_centre"]
    assert (round(lat, 1), round(lon, 1)) == (38.9, 46.1)
    # Filters reorder the table: the selection follows the feature, not the row number.
    pick(app, "country", ["Iran"])
    assert table_selection(app) == ["inc-2026-03-18-village"]
    assert "Shelling near a village" in details(app)
    # The panel's close button clears the selection everywhere.
    app.button(key="close_details").click().run()
    assert not details(app) and table_selection(app) == []


def test_a_stale_table_selection_from_the_browser_is_no_pick(dataset_path, monkeypatch):
    """A rerun the map asks for (its new size while the drawer opens or closes) may carry the
    browser's table selection from before the server's last change: that stale selection
    neither closes a panel just opened nor reopens one just closed."""
    app = run_app(dataset_path, monkeypatch)
    click = {"last_object_clicked_tooltip": "inc-2026-03-05-airport"}
    app.session_state["map"] = click
    app.run()
    row = app.session_state["table"]
    # the map reports its new size; the table it sends is still the one with no row
    app.session_state["map"] = {**click, "bounds": {"_southWest": {"lat": 38, "lng": 44}}}
    app.session_state["table"] = {"selection": {"rows": [], "columns": []}}
    app.run()
    assert "Drone strike at the airport" in details(app)
    assert table_selection(app) == ["inc-2026-03-05-airport"]
    app.button(key="close_details").click().run()
    app.session_state["map"] = {**click, "bounds": {"_southWest": {"lat": 37, "lng": 44}}}
    app.session_state["table"] = row  # stale: the row of the feature just closed
    app.run()
    assert not details(app) and table_selection(app) == []
