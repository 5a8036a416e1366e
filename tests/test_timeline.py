"""geo.timeline: the time columns the in-map timeline filters with agree with geo.view, and
report periods cover a range without gaps."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import style, timeline
from geo.load import load_incidents
from geo.render import payload
from geo.sources import read_sources
from geo.view import View, filter_features
from tests.app import fixtures


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, pd.DataFrame]:
    path = fixtures.write_dataset(tmp_path_factory.mktemp("timeline") / "data")
    return load_incidents(path), read_sources(path.parent / "sources.csv")


def day(text: str) -> int:
    return timeline.day_number(date.fromisoformat(text))


def test_point_columns_give_each_precision_its_window(loaded):
    gdf, _ = loaded
    columns = timeline.point_columns(gdf)
    by_id = dict(
        zip(gdf["id"], zip(columns["t0"], columns["t1"], columns["g"], strict=True), strict=True)
    )
    assert by_id["inc-2026-03-05-airport"][:2] == (day("2026-03-05"), day("2026-03-05"))
    # Known only to the month: the whole of April, not the 1st or the 10th.
    assert by_id["inc-2026-04-month"][:2] == (day("2026-04-01"), day("2026-04-30"))
    assert by_id["site-airport"] == (timeline.UNDATED, timeline.UNDATED, timeline.NOT_COUNTED)
    labels = [group["label"] for group in timeline.groups()]
    assert labels[by_id["inc-2026-04-month"][2]] == "Battles"


def test_groups_use_the_map_colours():
    groups = {group["label"]: group["color"] for group in timeline.groups()}
    for event_type, (color, _) in style.EVENT_TYPE_STYLES.items():
        assert groups[event_type] == color
    assert groups[style.OTHER_TYPE_LABEL] == style.UNKNOWN_COLOR


def test_end_date_spans_its_days():
    frame = pd.DataFrame(
        {
            "layer": ["incident"],
            "event_type": ["Protests"],
            "event_date": ["2026-06-10"],
            "end_date": ["2026-06-20"],
            "time_precision": [1],
        }
    )
    columns = timeline.point_columns(frame)
    assert (columns["t0"][0], columns["t1"][0]) == (day("2026-06-10"), day("2026-06-20"))


@settings(deadline=None, max_examples=40)  # filtering takes tens of ms on a loaded machine
@given(st.dates(date(2026, 3, 1), date(2026, 5, 1)), st.integers(0, 40))
def test_a_window_keeps_what_the_view_keeps(loaded, start, length):
    """The browser's rule (overlap of [t0, t1] with [from, to]; undated kept) selects the same
    features as geo.view for any window."""
    gdf, _ = loaded
    end = start + timedelta(days=length)
    columns = timeline.point_columns(gdf)
    lo, hi = timeline.day_number(start), timeline.day_number(end)
    keep = (columns["t0"] == timeline.UNDATED) | ~((columns["t0"] > hi) | (columns["t1"] < lo))
    expected = set(filter_features(gdf, View(date_from=start, date_to=end))["id"])
    assert set(gdf["id"][keep]) == expected


def test_payload_carries_the_window_and_the_columns(loaded):
    gdf, sources = loaded
    data = payload.decode(
        payload.encode(payload.build_payload(gdf, sources, window=(date(2026, 3, 1), None)))
    )
    assert data["timeline"]["window"] == [day("2026-03-01"), None]
    assert len(data["points"]["t0"]) == len(data["points"]["lat"]) == 4


@settings(deadline=None)
@given(st.dates(date(2000, 1, 1), date(2040, 1, 1)), st.integers(0, 800))
def test_periods_tile_the_range(first, length):
    last = first + timedelta(days=length)
    for every in timeline.EVERY:
        periods = timeline.period_windows(first, last, every)
        assert periods[0].first <= first and periods[-1].last >= last
        for before, after in itertools.pairwise(periods):
            assert after.first == before.last + timedelta(days=1)
        assert len({p.key for p in periods}) == len(periods)


def test_period_labels():
    week = timeline.period_of(date(2026, 3, 5), "week")
    assert (week.first, week.last, week.key) == (date(2026, 3, 2), date(2026, 3, 8), "2026-W10")
    assert week.label == "week of 2 Mar 2026"
    month = timeline.period_of(date(2026, 2, 14), "month")
    assert (month.first, month.last, month.label) == (
        date(2026, 2, 1),
        date(2026, 2, 28),
        "Feb 2026",
    )
    assert np.iinfo(np.int32).min == timeline.UNDATED
