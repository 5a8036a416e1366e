"""The store's map layer: counts per cell when zoomed out, events with popups when zoomed in,
and the store's timeline counted as the curated timeline counts."""

from __future__ import annotations

import folium
import pandas as pd
import pytest
import shapely

from geo.acled.reader import read_acled_text
from geo.load import incidents_frame
from geo.store import grid
from geo.store.importer import import_acled_store
from geo.store.layer import DETAIL_ZOOM, MapWindow, clipped, store_layer
from geo.store.query import Store
from geo.view import View, filter_features
from tests.store.conftest import acled_csv, acled_rows

SOURCES = pd.DataFrame({"outlet": ["ACLED"], "title": ["export"]}, index=["acled"])


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layer")
    text = acled_csv(acled_rows(300, seed=4))
    (folder / "a.csv").write_text(text, encoding="utf-8")
    import_acled_store(
        folder / "a.csv",
        folder / "a.parquet",
        source_id="acled",
        country_names={},
        on_problem=print,
        workers=1,
    )
    document, _ = read_acled_text(text, "a.csv")
    return Store(folder / "a.parquet"), incidents_frame(document)


def children(layer: folium.FeatureGroup, kind: type) -> list:
    return [child for child in layer._children.values() if isinstance(child, kind)]


def test_zoomed_out_the_events_in_view_are_counted_per_cell(both):
    store, curated = both
    view = View(event_types=frozenset({"Battles", "Riots"}))
    drawn = store_layer(store, view, MapWindow((30, 30, 55, 45), 5), SOURCES)
    cells = store.cells(View(event_types=view.event_types, bbox=(30, 30, 55, 45)), 5)
    assert cells["count"].sum() == drawn.in_view == store.count(view)
    assert len(children(drawn.layer, folium.Rectangle)) == len(cells)
    assert "events per cell" in drawn.legend_html and f"{drawn.in_view:,} events" in drawn.caption
    size = grid.cell_size(5)
    points = curated[curated["event_type"].isin(view.event_types)].geometry
    by_hand = pd.DataFrame(
        {"x": (points.x / size).apply(int), "y": (points.y / size).apply(int)}
    ).value_counts()
    assert dict(zip(zip(cells["x"], cells["y"], strict=True), cells["count"], strict=True)) == {
        key: count for key, count in by_hand.items()
    }


def test_zoomed_in_each_event_in_view_is_drawn_with_its_popup(both):
    store, curated = both
    window = MapWindow((44.3, 40.0, 44.7, 40.4), DETAIL_ZOOM)  # around Yerevan
    drawn = store_layer(store, View(), window, SOURCES)
    markers = children(drawn.layer, folium.CircleMarker)
    expected = curated[curated.geometry.intersects(shapely.box(*window.bounds))]
    assert len(markers) == drawn.in_view == len(expected) > 0
    popup = next(iter(markers[0]._children.values()))
    assert isinstance(popup, folium.Popup)
    assert drawn.legend_html == ""


def test_the_store_timeline_counts_incidents_per_period_and_type(both):
    store, curated = both
    view = View(countries=frozenset({"Iran", "Iraq"}))
    kept = filter_features(curated, view)
    for period, freq in (("day", "D"), ("week", "W-SUN"), ("month", "M")):
        starts = kept["event_date"].dt.to_period(freq).dt.start_time
        expected = (
            pd.DataFrame({"period": starts, "group": kept["event_type"].astype(str)})
            .value_counts()
            .sort_index()
        )
        got = store.period_counts(view, period)
        assert list(zip(got["period"], got["group"], strict=True)) == list(expected.index)
        assert got["count"].tolist() == expected.tolist()


def test_a_world_map_s_bounds_are_clipped_to_a_valid_box():
    assert clipped((-300.0, -95.0, 400.0, 95.0)) == (-180.0, -90.0, 180.0, 90.0)
