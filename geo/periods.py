"""The period a date stands for, and its one label.

A date in this project carries ACLED's time precision (`time_precision` of an incident,
`published_precision` of a source): 1 the day itself, 2 the ISO week (Monday to Sunday) that
contains it, 3 the calendar month that contains it. `end_date`, when given, extends the period
the same way at its end. Everything that filters, merges, labels or counts by date goes through
here: the View's date filter, merge's "same time" rule, popups, tables, captions, the timeline
and the exports, so a month-precision source reads "Oct 2021" on every face.

Labels are English and locale-independent: "5 Mar 2026", "week of 30 Jun 2025", "Oct 2021";
a span "4–6 Mar 2026", "28 Feb – 2 Mar 2026", "Oct – Nov 2021".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

DAY, WEEK, MONTH = 1, 2, 3
PRECISIONS: dict[int, str] = {DAY: "day", WEEK: "week", MONTH: "month"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SPAN = " – "  # between the ends of a span; an en dash, spaced when either end has spaces


DATE_FORM = re.compile(r"\d{4}-\d{2}-\d{2}")
# Forms people type by hand instead of YYYY-MM-DD, each answered with the date it would be.
_UNPADDED = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DAY_FIRST_OR_MONTH_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_WITH_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}.*")
_MONTH_NAMES = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")


# The calendar runs furthest ahead on the Line Islands (Kiritimati, UTC+14): a date is in the
# future only once it has begun nowhere on Earth.
LATEST_UTC_OFFSET = timedelta(hours=14)


def latest_today(now: datetime | None = None) -> date:
    """The latest calendar date anywhere on Earth at the instant `now` (aware; default: now):
    the date at UTC+14. What "in the future" is measured against, so a check gives the same
    verdict on any machine, whatever its time zone (an incident reported in Kiritimati on its
    own date is not in the future for a checker in Alaska)."""
    instant = now if now is not None else datetime.now(UTC)
    return (instant.astimezone(UTC) + LATEST_UTC_OFFSET).date()


def strict_date(value: object) -> date | None:
    """The date a YYYY-MM-DD string names (the only form the data files take, RFC 3339's
    full-date), or None if it is not one."""
    if not isinstance(value, str) or not DATE_FORM.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def date_problem(value: str) -> str | None:
    """None when `value` is a real date written YYYY-MM-DD; else what is wrong, said for the
    person who typed it, with the date(s) they probably meant ("5/3/2026" may be 5 March or
    3 May: both are offered, never one guessed)."""
    if strict_date(value) is not None:
        return None
    if DATE_FORM.fullmatch(value):
        year, month, _ = (int(part) for part in value.split("-"))
        if year == 0:
            return f'"{value}" is not a real date: there is no year 0'
        if not 1 <= month <= 12:
            return f'"{value}" is not a real date: there is no month {month}'
        days = calendar.monthrange(year, month)[1]
        return f'"{value}" is not a real date: {calendar.month_name[month]} {year} has {days} days'
    offer = date_offer(value)
    return f'"{value}" is not a date written YYYY-MM-DD' + (f"; write {offer}" if offer else "")


def date_offer(text: str) -> str:
    """The YYYY-MM-DD date(s) a date typed another way may mean, for a message
    ('"2026-03-05" (5 Mar 2026) or "2026-05-03" (3 May 2026)'); "" when none."""
    return " or ".join(f'"{day.isoformat()}" ({_day(day)})' for day in _meant(text.strip()))


def _meant(text: str) -> list[date]:
    """The real dates a hand-typed `text` may stand for, in the order offered."""
    candidates: list[tuple[int, int, int]] = []
    if match := _WITH_TIME.fullmatch(text):
        candidates.append(tuple(int(p) for p in match.group(1).split("-")))  # type: ignore[arg-type]
    elif match := _UNPADDED.fullmatch(text):
        candidates.append((int(match[1]), int(match[2]), int(match[3])))
    elif match := _DAY_FIRST_OR_MONTH_FIRST.fullmatch(text):
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        candidates += [(year, second, first), (year, first, second)]
    elif (match := _DAY_MONTH_YEAR.fullmatch(text)) and match[2].lower() in _MONTH_NAMES:
        candidates.append((int(match[3]), _MONTH_NAMES[match[2].lower()], int(match[1])))
    elif (match := _MONTH_DAY_YEAR.fullmatch(text)) and match[1].lower() in _MONTH_NAMES:
        candidates.append((int(match[3]), _MONTH_NAMES[match[1].lower()], int(match[2])))
    meant: list[date] = []
    for year, month, day in candidates:
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate not in meant:
            meant.append(candidate)
    return meant


@dataclass(frozen=True)
class Period:
    """The first and last day (inclusive) a date with its precision may stand for."""

    start: date
    end: date

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end


def precision_of(value: Any) -> int:
    """A precision code from a cell (int, float, "2", None, NA): unknown or out of range is 1,
    the day, which is what a bare date says."""
    try:
        code = int(float(value))
    except (TypeError, ValueError, OverflowError):
        return DAY
    return code if code in PRECISIONS else DAY


def as_date(value: Any) -> date | None:
    """A date from a date, datetime, pandas Timestamp or ISO text; None for missing values."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, float) and np.isnan(value):
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(stamp) else stamp.date()


def period(day: date, precision: Any = DAY, end: date | None = None) -> Period:
    """The window `day` stands for at `precision`, stretched to the end of `end`'s window."""
    code = precision_of(precision)
    last = end if end is not None and end >= day else day
    if code == WEEK:
        return Period(
            day - timedelta(days=day.weekday()), last + timedelta(days=6 - last.weekday())
        )
    if code == MONTH:
        following = date(last.year + last.month // 12, last.month % 12 + 1, 1)
        return Period(day.replace(day=1), following - timedelta(days=1))
    return Period(day, last)


def label(day: Any, precision: Any = DAY, end: Any = None) -> str:
    """The one text of a date at its precision: "5 Mar 2026", "week of 30 Jun 2025",
    "Oct 2021"; with an `end` in another period, a span ("4–6 Mar 2026"). "" when undated."""
    first = as_date(day)
    if first is None:
        return ""
    code = precision_of(precision)
    last = as_date(end)
    if last is None or last <= first or _single(first, last, code):
        return _one(first, code)
    if code == WEEK:
        monday, last_monday = period(first, WEEK).start, period(last, WEEK).start
        same_year = monday.year == last_monday.year
        return f"weeks of {_day(monday, not same_year)}{SPAN}{_day(last_monday)}"
    if code == MONTH:
        if first.year == last.year:
            return f"{MONTHS[first.month - 1]}{SPAN}{MONTHS[last.month - 1]} {last.year}"
        return f"{_one(first, MONTH)}{SPAN}{_one(last, MONTH)}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{_day(last)}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]}{SPAN}{_day(last)}"
    return f"{_day(first)}{SPAN}{_day(last)}"


def _single(first: date, last: date, code: int) -> bool:
    """Whether `last` lies in the same period as `first`, so a span would say nothing more."""
    return period(first, code) == period(last, code)


def _day(day: date, with_year: bool = True) -> str:
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def _one(day: date, code: int) -> str:
    if code == WEEK:
        return f"week of {_day(day - timedelta(days=day.weekday()))}"
    if code == MONTH:
        return f"{MONTHS[day.month - 1]} {day.year}"
    return _day(day)


def windows(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """`period` of every row of a frame with `event_date`, `time_precision` and optionally
    `end_date` columns, vectorised: first and last day as datetime64 Series on the frame's
    index (NaT where the row is undated)."""
    start = pd.to_datetime(frame["event_date"], errors="coerce")
    if "end_date" in frame:
        end = pd.to_datetime(frame["end_date"], errors="coerce")
        end = end.where(end >= start, start)
    else:
        end = start
    precision = (
        pd.to_numeric(frame["time_precision"], errors="coerce").astype("Float64").fillna(1)
        if "time_precision" in frame
        else pd.Series(1.0, index=frame.index)
    ).to_numpy()
    week_start = start - pd.to_timedelta(start.dt.day_of_week, unit="D")
    week_end = end + pd.to_timedelta(6 - end.dt.day_of_week, unit="D")
    month_start = start.dt.to_period("M").dt.start_time
    month_end = end.dt.to_period("M").dt.end_time.dt.normalize()
    window_start = np.select(
        [precision == WEEK, precision == MONTH], [week_start, month_start], start
    )
    window_end = np.select([precision == WEEK, precision == MONTH], [week_end, month_end], end)
    return (
        pd.Series(pd.to_datetime(window_start), index=frame.index),
        pd.Series(pd.to_datetime(window_end), index=frame.index),
    )


def labels(frame: pd.DataFrame) -> pd.Series:
    """`label` of every row of a frame with `event_date` and `time_precision` (and optionally
    `end_date`), each distinct combination computed once."""
    columns = [c for c in ("event_date", "end_date", "time_precision") if c in frame]
    keys = frame[columns].astype("string").fillna("")
    combined = keys.agg("|".join, axis=1) if len(columns) > 1 else keys[columns[0]]
    codes, uniques = pd.factorize(combined)
    texts = []
    for key in uniques:
        parts = dict(zip(columns, str(key).split("|"), strict=True))
        texts.append(
            label(
                parts.get("event_date") or None,
                parts.get("time_precision") or DAY,
                parts.get("end_date") or None,
            )
        )
    return pd.Series(np.asarray(texts, dtype=object)[codes], index=frame.index)
