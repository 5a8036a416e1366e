"""geo.app.filters: the date range control's values to and from the page's dates."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from geo.app.filters import chosen_range, shown_range

FIRST, LAST = date(2021, 9, 6), date(2026, 4, 30)
inside = st.dates(min_value=FIRST + timedelta(days=1), max_value=LAST - timedelta(days=1))


def test_open_ends_show_the_data_edges_and_a_full_range_is_no_filter() -> None:
    assert shown_range(None, None, FIRST, LAST) == (FIRST, LAST)
    assert chosen_range((FIRST, LAST), FIRST, LAST) == (None, None)
    assert chosen_range((), FIRST, LAST) == (None, None)


def test_dates_outside_the_data_show_its_nearest_date() -> None:
    assert shown_range(date(2000, 1, 1), date(2030, 1, 1), FIRST, LAST) == (FIRST, LAST)
    assert shown_range(date(2030, 1, 1), None, FIRST, LAST) == (LAST, LAST)


def test_a_lone_date_is_that_day() -> None:
    day = date(2024, 5, 1)
    assert chosen_range((day,), FIRST, LAST) == (day, day)


@given(start=inside, end=inside)
def test_dates_inside_the_data_round_trip(start: date, end: date) -> None:
    start, end = min(start, end), max(start, end)
    assert chosen_range(shown_range(start, end, FIRST, LAST), FIRST, LAST) == (start, end)
