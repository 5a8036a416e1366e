"""Incidents per day or week, split by type or by outlet: the timeline beside the map (pure).

An incident counts once in the period that contains its `event_date` (for week- or
month-precision dates that is the date the file gives, which stands for the whole period);
split by outlet, an incident reported by two outlets counts under each.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd

Period = Literal["day", "week"]
SplitBy = Literal["type", "outlet"]
AUTO_WEEKLY_AFTER_DAYS = 120  # longer spans are read better per week


def choose_period(gdf: pd.DataFrame) -> Period:
    """Day for short spans, week for long ones."""
    dates = pd.to_datetime(gdf["event_date"], errors="coerce").dropna()
    if dates.empty or (dates.max() - dates.min()).days <= AUTO_WEEKLY_AFTER_DAYS:
        return "day"
    return "week"


def counts(
    gdf: pd.DataFrame, sources: pd.DataFrame, *, period: Period = "day", by: SplitBy = "type"
) -> pd.DataFrame:
    """Columns `period` (start of the day, or Monday of the ISO week), `group` and `count`;
    dated incidents only, sorted by period then group."""
    incidents = gdf[(gdf["layer"].astype("string") == "incident").fillna(False).to_numpy()]
    dates = pd.to_datetime(incidents["event_date"], errors="coerce")
    dated = incidents[dates.notna().to_numpy()]
    dates = dates[dates.notna()]
    start = dates.dt.normalize()
    if period == "week":
        start = start - pd.to_timedelta(start.dt.day_of_week, unit="D")
    if by == "outlet":
        groups = dated["sources"].explode()
        outlets = sources["outlet"] if "outlet" in sources else pd.Series(dtype=str)
        named = groups.map(outlets).fillna(groups).fillna("(no source)")
        frame = pd.DataFrame({"period": start.reindex(named.index), "group": named.astype(str)})
    else:
        types = dated["event_type"].astype("string").fillna("(no type)")
        frame = pd.DataFrame({"period": start, "group": types.astype(str)})
    if frame.empty:
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"), "group": [], "count": []})
    result = frame.groupby(["period", "group"]).size().rename("count").reset_index()
    return result.sort_values(["period", "group"], ignore_index=True)
