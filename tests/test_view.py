"""The one filter: dates by precision window, sources, types, countries, claims, layers, bbox."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import geopandas as gpd
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point

from geo.criteria import BY_NAME, LIST_CRITERIA
from geo.periods import windows
from geo.view import View, filter_features, hidden_counts, value_counts


def frame(rows: list[dict]) -> gpd.GeoDataFrame:
    columns = [
        "id",
        "layer",
        "event_date",
        "end_date",
        "time_precision",
        "event_type",
        "country",
        "claim_status",
        "sources",
        "geometry",
    ]
    table = pd.DataFrame([{c: row.get(c) for c in columns} for row in rows])
    table["event_date"] = pd.to_datetime(table["event_date"])
    table["end_date"] = pd.to_datetime(table["end_date"])
    table["time_precision"] = table["time_precision"].astype("Int64")
    return gpd.GeoDataFrame(table, geometry="geometry", crs="EPSG:4326")


def sample_frame() -> gpd.GeoDataFrame:
    return frame(
        [
            {
                "id": "day",
                "layer": "incident",
                "event_date": "2026-03-05",
                "time_precision": 1,
                "event_type": "Explosions/Remote violence",
                "country": "Azerbaijan",
                "claim_status": "disputed",
                "sources": ["a", "b"],
                "geometry": Point(45.46, 39.19),
            },
            {
                "id": "week",
                "layer": "incident",
                "event_date": "2025-06-25",
                "time_precision": 2,
                "event_type": "Strategic developments",
                "country": "Iran",
                "claim_status": "unverified",
                "sources": ["b"],
                "geometry": Point(49.58, 37.28),
            },
            {
                "id": "month",
                "layer": "incident",
                "event_date": "2021-10-01",
                "time_precision": 3,
                "event_type": "Strategic developments",
                "country": "Iran",
                "claim_status": "claimed",
                "sources": ["c"],
                "geometry": Point(50.0, 36.27),
            },
            {
                "id": "site",
                "layer": "site",
                "country": "Türkiye",
                "sources": ["a"],
                "geometry": Point(35.43, 37.0),
            },
            {
                "id": "route",
                "layer": "route",
                "country": "Azerbaijan; Georgia; Türkiye",
                "sources": ["a"],
                "geometry": LineString([(49.47, 40.18), (35.93, 36.87)]),
            },
        ]
    )


@pytest.fixture()
def sample() -> gpd.GeoDataFrame:
    return sample_frame()


def ids(gdf: gpd.GeoDataFrame) -> list[str]:
    return list(gdf["id"])


def test_no_criteria_keeps_everything(sample: gpd.GeoDataFrame) -> None:
    assert ids(filter_features(sample, View())) == ids(sample)
    assert hidden_counts(sample, View()) == {}


def test_month_precision_overlaps_any_range_touching_the_month(
    sample: gpd.GeoDataFrame,
) -> None:
    late_october = View(date_from=date(2021, 10, 30), date_to=date(2021, 11, 15))
    assert "month" in ids(filter_features(sample, late_october))
    november = View(date_from=date(2021, 11, 1), date_to=date(2021, 11, 30))
    assert "month" not in ids(filter_features(sample, november))


def test_week_precision_is_the_iso_week(sample: gpd.GeoDataFrame) -> None:
    # 2025-06-25 is a Wednesday: its week runs from Monday 23 to Sunday 29 June.
    assert "week" in ids(filter_features(sample, View(date_from=date(2025, 6, 29))))
    assert "week" not in ids(filter_features(sample, View(date_from=date(2025, 6, 30))))
    assert "week" in ids(filter_features(sample, View(date_to=date(2025, 6, 23))))
    assert "week" not in ids(filter_features(sample, View(date_to=date(2025, 6, 22))))


def test_undated_features_survive_a_date_filter(sample: gpd.GeoDataFrame) -> None:
    view = View(date_from=date(2030, 1, 1), date_to=date(2030, 12, 31))
    assert ids(filter_features(sample, view)) == ["site", "route"]
    assert hidden_counts(sample, view) == {"dates": 3}


def test_day_precision_with_end_date_spans_the_range() -> None:
    gdf = frame(
        [
            {
                "id": "span",
                "layer": "incident",
                "event_date": "2021-09-06",
                "end_date": "2021-09-10",
                "time_precision": 1,
                "sources": ["a"],
                "geometry": Point(45.4, 39.2),
            }
        ]
    )
    assert ids(filter_features(gdf, View(date_from=date(2021, 9, 9), date_to=date(2021, 9, 9))))
    assert not ids(filter_features(gdf, View(date_from=date(2021, 9, 11))))


def test_sources_match_any_listed(sample: gpd.GeoDataFrame) -> None:
    assert ids(filter_features(sample, View(sources=frozenset({"b"})))) == ["day", "week"]
    assert ids(filter_features(sample, View(sources=frozenset()))) == []


def test_event_type_and_claim_filters_leave_non_incidents(sample: gpd.GeoDataFrame) -> None:
    view = View(event_types=frozenset({"Strategic developments"}))
    assert ids(filter_features(sample, view)) == ["week", "month", "site", "route"]
    view = View(claim_statuses=frozenset({"disputed"}))
    assert ids(filter_features(sample, view)) == ["day", "site", "route"]


def test_country_matches_each_of_several(sample: gpd.GeoDataFrame) -> None:
    assert ids(filter_features(sample, View(countries=frozenset({"Georgia"})))) == ["route"]
    assert ids(filter_features(sample, View(countries=frozenset({"Türkiye"})))) == ["site", "route"]


def test_layers_and_bbox(sample: gpd.GeoDataFrame) -> None:
    assert ids(filter_features(sample, View(layers=frozenset({"site"})))) == ["site"]
    around_incirlik = View(bbox=(35.0, 36.8, 35.6, 37.2))
    assert ids(filter_features(sample, around_incirlik)) == ["site"]


def test_hidden_counts_count_each_criterion_alone(sample: gpd.GeoDataFrame) -> None:
    view = View(layers=frozenset({"incident"}), sources=frozenset({"a"}))
    assert hidden_counts(sample, view) == {"sources": 2, "layers": 2}
    assert ids(filter_features(sample, view)) == ["day"]


@settings(max_examples=60, deadline=None)
@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    precision=st.sampled_from([1, 2, 3]),
)
def test_window_contains_the_date_and_has_the_right_length(day: date, precision: int) -> None:
    gdf = frame(
        [
            {
                "id": "x",
                "layer": "incident",
                "event_date": day.isoformat(),
                "time_precision": precision,
                "sources": ["a"],
                "geometry": Point(0, 0),
            }
        ]
    )
    start, end = (s.iloc[0].date() for s in windows(gdf))
    assert start <= day <= end
    length = (end - start).days + 1
    assert length == {1: 1, 2: 7}.get(precision, length)
    if precision == 3:
        assert start.day == 1 and start.month == end.month and 28 <= length <= 31
    if precision == 2:
        assert start.weekday() == 0


def test_value_counts_count_incidents_kept_by_the_other_criteria(
    sample: gpd.GeoDataFrame,
) -> None:
    view = View(countries=frozenset({"Iran"}), sources=frozenset({"a"}))
    # Sources are counted among Iran's incidents (the sources filter itself aside) ...
    assert value_counts(sample, view, "sources") == {"b": 1, "c": 1}
    # ... countries among the incidents of source a (the site and route are not incidents).
    assert value_counts(sample, view, "countries") == {"Azerbaijan": 1}
    assert value_counts(sample, View(), "claim_statuses") == {
        "disputed": 1,
        "unverified": 1,
        "claimed": 1,
    }


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(sorted(LIST_CRITERIA)),
    others=st.fixed_dictionaries(
        {
            "sources": st.none() | st.frozensets(st.sampled_from("abc")),
            "countries": st.none() | st.frozensets(st.sampled_from(["Iran", "Azerbaijan"])),
            "claim_statuses": st.none() | st.frozensets(st.sampled_from(["claimed", "disputed"])),
            "date_from": st.none() | st.just(date(2025, 1, 1)),
        }
    ),
)
def test_a_value_counts_what_ticking_it_alone_shows(name: str, others: dict) -> None:
    sample = sample_frame()
    view = View(**others)
    field = BY_NAME[name].fields[0]
    counts = value_counts(sample, view, name)
    every_value = set(BY_NAME[name].values(sample).explode().dropna())
    assert set(counts) <= every_value
    for value in every_value:
        alone = filter_features(sample, replace(view, **{field: frozenset({value})}))
        assert counts.get(value, 0) == int((alone["layer"] == "incident").sum())
