"""Time on the map (pure): the columns the in-map timeline reads, and report periods.

The timeline strip under the map (geo/render/geo_timeline.js) counts and filters incidents in
the browser, from three columns per drawn point that `point_columns` makes:

- `t0`, `t1`: first and last day the feature's date may stand for (geo.periods.windows: a
  week- or month-precision date stands for its whole period, `end_date` extends it), as days
  since 1970-01-01; `UNDATED` for a feature with no date (never hidden by a time window, as
  geo.view keeps undated features);
- `g`: the incident's type as an index into `groups()` (the map's own colours, from
  geo.style), or `NOT_COUNTED` for a point that is not an incident.

A window [from, to] keeps a feature when its date window overlaps it, exactly as
geo.view.masks does, so the count in the browser and the page's count agree.

`period_windows` cuts a date range into calendar days, ISO weeks or months, each labelled by
geo.periods, for `geo export --every`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import numpy as np
import pandas as pd

from geo import periods, style

Every = Literal["day", "week", "month"]
EVERY: tuple[Every, ...] = ("day", "week", "month")
UNDATED = int(np.iinfo(np.int32).min)
NOT_COUNTED = 255
EPOCH = np.datetime64("1970-01-01", "D")


def groups() -> list[dict[str, str]]:
    """The timeline's stacks: every ACLED event type with its map colour, then other types."""
    return [
        {"label": event_type, "color": color}
        for event_type, (color, _) in style.EVENT_TYPE_STYLES.items()
    ] + [{"label": style.OTHER_TYPE_LABEL, "color": style.UNKNOWN_COLOR}]


def day_number(day: date | None) -> int | None:
    """Days since 1970-01-01 (None stays None)."""
    return None if day is None else (day - date(1970, 1, 1)).days


def point_columns(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """`t0`, `t1` (int32 days) and `g` (uint8 group) for each row of `frame`, in order."""
    if not len(frame):
        empty = np.zeros(0, dtype=np.int32)
        return {"t0": empty, "t1": empty, "g": np.zeros(0, dtype=np.uint8)}
    start, end = periods.windows(frame)
    t0 = _days(start)
    t1 = _days(end)
    t1 = np.where(t0 == UNDATED, UNDATED, np.maximum(t1, t0)).astype(np.int32)
    types = list(style.EVENT_TYPE_STYLES)
    event_type = frame["event_type"].astype("string") if "event_type" in frame else None
    codes = np.full(len(frame), len(types), dtype=np.int64)  # "Other type"
    if event_type is not None:
        known = pd.Categorical(event_type, categories=types).codes
        codes = np.where(known >= 0, known, len(types))
    is_incident = (frame["layer"].astype("string") == "incident").fillna(False).to_numpy(bool)
    group = np.where(is_incident, codes, NOT_COUNTED).astype(np.uint8)
    return {"t0": t0, "t1": t1, "g": group}


def _days(moments: pd.Series) -> np.ndarray:
    values = moments.to_numpy(dtype="datetime64[D]")
    days = (values - EPOCH).astype(np.int64)
    return np.where(np.isnat(values), UNDATED, days).astype(np.int32)


def header(window: tuple[date | None, date | None] | None) -> dict[str, object]:
    """The timeline's part of the map payload: its groups and the window it opens on (day
    numbers, None for an open end)."""
    start, end = window or (None, None)
    return {"groups": groups(), "window": [day_number(start), day_number(end)]}


CODES: dict[Every, int] = {"day": periods.DAY, "week": periods.WEEK, "month": periods.MONTH}


@dataclass(frozen=True)
class PeriodWindow:
    """One calendar period: its first and last day and how a caption names it."""

    first: date
    last: date
    label: str  # geo.periods' label: "5 Mar 2026", "week of 2 Mar 2026", "Mar 2026"
    key: str  # for file names, sorting as the periods do: "2026-03-05", "2026-W10", "2026-03"


def period_of(day: date, every: Every) -> PeriodWindow:
    """The day, ISO week (Monday to Sunday) or calendar month containing `day`."""
    code = CODES[every]
    window = periods.period(day, code)
    if every == "week":
        year, week, _ = window.start.isocalendar()
        key = f"{year}-W{week:02d}"
    elif every == "month":
        key = f"{window.start.year}-{window.start.month:02d}"
    else:
        key = day.isoformat()
    return PeriodWindow(window.start, window.end, periods.label(day, code), key)


def period_windows(first: date, last: date, every: Every) -> list[PeriodWindow]:
    """Every period of kind `every` from the one holding `first` to the one holding `last`."""
    if every not in EVERY:
        raise ValueError(f"every must be one of {', '.join(EVERY)}, not {every!r}")
    found = []
    current = period_of(first, every)
    while current.first <= last:
        found.append(current)
        current = period_of(current.last + timedelta(days=1), every)
    return found
