"""geo.periods: the window a date with its precision stands for, and its one label."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import periods
from geo.periods import DAY, MONTH, WEEK, Period


@pytest.mark.parametrize(
    ("day", "precision", "end", "text"),
    [
        ("2026-03-05", DAY, None, "5 Mar 2026"),
        (date(2025, 7, 2), WEEK, None, "week of 30 Jun 2025"),
        ("2021-10-01", MONTH, None, "Oct 2021"),
        ("2021-10-01", "3", None, "Oct 2021"),  # as a CSV cell gives it
        ("2026-03-04", DAY, "2026-03-06", "4–6 Mar 2026"),
        ("2026-02-28", DAY, "2026-03-02", "28 Feb – 2 Mar 2026"),
        ("2025-12-31", DAY, "2026-01-02", "31 Dec 2025 – 2 Jan 2026"),
        ("2025-06-30", WEEK, "2025-07-08", "weeks of 30 Jun – 7 Jul 2025"),
        ("2021-10-01", MONTH, "2021-11-03", "Oct – Nov 2021"),
        ("2021-10-01", MONTH, "2021-10-20", "Oct 2021"),  # the end adds nothing
        (None, DAY, None, ""),
        (pd.NaT, MONTH, None, ""),
        (pd.Timestamp("2026-03-05"), pd.NA, None, "5 Mar 2026"),  # unknown precision: a day
    ],
)
def test_label(day, precision, end, text):
    assert periods.label(day, precision, end) == text


def test_period_windows():
    assert periods.period(date(2021, 12, 5), MONTH) == Period(date(2021, 12, 1), date(2021, 12, 31))
    assert periods.period(date(2024, 2, 10), MONTH) == Period(date(2024, 2, 1), date(2024, 2, 29))
    assert periods.period(date(2025, 7, 2), WEEK, date(2025, 7, 9)) == Period(
        date(2025, 6, 30), date(2025, 7, 13)
    )
    assert periods.period(date(2026, 3, 4), DAY, date(2026, 3, 6)) == Period(
        date(2026, 3, 4), date(2026, 3, 6)
    )


@settings(deadline=None)  # pandas' first calls are slow on a loaded machine
@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.sampled_from([DAY, WEEK, MONTH]),
    st.one_of(st.none(), st.integers(0, 90)),
)
def test_vectorised_windows_equal_the_scalar_rule(day, precision, extra_days):
    end = None if extra_days is None else day + pd.Timedelta(days=extra_days).to_pytimedelta()
    frame = pd.DataFrame(
        {
            "event_date": pd.to_datetime([day]),
            "end_date": pd.to_datetime([end]),
            "time_precision": pd.array([precision], dtype="Int64"),
        }
    )
    starts, ends = periods.windows(frame)
    window = periods.period(day, precision, end)
    assert (starts.iloc[0].date(), ends.iloc[0].date()) == (window.start, window.end)
    assert day in window
    assert periods.labels(frame).iloc[0] == periods.label(day, precision, end)


def test_labels_of_a_frame_leave_undated_rows_empty():
    frame = pd.DataFrame(
        {
            "event_date": pd.to_datetime(["2026-03-05", "2026-04-10", None]),
            "end_date": pd.to_datetime([None, None, None]),
            "time_precision": pd.array([1, 3, None], dtype="Int64"),
        }
    )
    assert list(periods.labels(frame)) == ["5 Mar 2026", "Apr 2026", ""]


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("2026-3-5", ['"2026-03-05" (5 Mar 2026)']),
        ("05/03/2026", ['"2026-03-05" (5 Mar 2026)', '"2026-05-03" (3 May 2026)']),
        ("13.03.2026", ['"2026-03-13" (13 Mar 2026)']),  # no month 13: one reading only
        ("2026-03-05T22:10:00Z", ['"2026-03-05" (5 Mar 2026)']),
        ("5 March 2026", ['"2026-03-05" (5 Mar 2026)']),
        ("Mar 5, 2026", ['"2026-03-05" (5 Mar 2026)']),
        ("yesterday", []),
        ("31/02/2026", []),  # neither reading is a real date: nothing offered
    ],
)
def test_a_hand_typed_date_is_answered_with_what_it_may_mean(typed, offered):
    problem = periods.date_problem(typed)
    assert problem is not None and problem.startswith(f'"{typed}" is not a date written')
    assert problem.endswith("; write " + " or ".join(offered) if offered else "YYYY-MM-DD")


@given(st.dates(min_value=date(1, 1, 1)))
def test_every_real_date_in_its_form_passes_and_others_do_not(day):
    assert periods.date_problem(day.isoformat()) is None
    assert periods.strict_date(day.isoformat()) == day
    typed = f"{day.day}/{day.month}/{day.year:04d}"
    problem = periods.date_problem(typed)
    assert problem is not None and f'"{day.isoformat()}"' in problem
