"""What part of the data a user is looking at, and the one function that applies it.

The app builds a View from its widgets and the URL, `geo export` from its options; neither
filters on its own. Filtering is vectorised: one boolean mask per criterion.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.criteria import BY_NAME, CRITERIA, Criterion, SqlCondition, date_bounds


def _view_class() -> type:
    """View: a selection, one field per field of the criteria's rows (geo.criteria), in their
    order. `None` for a field means "no filter on it"; an empty set selects nothing that its
    criterion applies to. Made from the rows, so a new criterion needs no line here."""
    fields = [(field, Any, dataclasses.field(default=None)) for c in CRITERIA for field in c.fields]
    view = dataclasses.make_dataclass("View", fields, frozen=True)
    view.__module__, view.__doc__ = __name__, _view_class.__doc__
    return view


View: Any = _view_class()


def _values(view: View, criterion: Criterion) -> list[Any] | None:
    """The view's values of the criterion's fields, or None when it sets none of them."""
    values = [getattr(view, field) for field in criterion.fields]
    return None if all(value is None for value in values) else values


def masks(gdf: gpd.GeoDataFrame, view: View) -> dict[str, pd.Series]:
    """One boolean mask per criterion that the view sets (geo.criteria: each row's `mask`):
    True keeps the feature."""
    result: dict[str, pd.Series] = {}
    for criterion in CRITERIA:
        values = _values(view, criterion)
        if values is not None:
            result[criterion.name] = criterion.mask(gdf, *values)
    return result


# The criteria whose SQL keeps a superset (geo.criteria: `sql_refined`).
SQL_REFINED = frozenset(c.name for c in CRITERIA if c.sql_refined)


def report_masks(frame: pd.DataFrame, criteria: str) -> dict[str, pd.Series]:
    """`masks` of the report criteria in `criteria` (the JSON of the fields a report row's SQL
    passes to REPORTS_SQL_FUNCTION) on `frame`, which needs only `layer` and `reports` (and
    the registry in its attrs)."""
    fields = json.loads(criteria)  # a set of values is written as a sorted list
    view = View(**{k: frozenset(v) if isinstance(v, list) else v for k, v in fields.items()})
    return masks(frame, view)


def window_bounds(view: View) -> list[tuple[str, str, date]]:
    """The view's dates criterion as tests on a store's date windows (geo.criteria.date_bounds)."""
    values = _values(view, BY_NAME["dates"])
    return [] if values is None else date_bounds(*values)


def sql_conditions(view: View) -> dict[str, SqlCondition]:
    """One SQL condition (DuckDB dialect, `?` parameters) per criterion the view sets
    (geo.criteria: each row's `sql`): true keeps the feature, false or NULL hides it. For the
    criteria in SQL_REFINED the caller refines the rows it gets with `filter_features` on a
    View of those criteria alone (`refining_view`)."""
    result: dict[str, SqlCondition] = {}
    for criterion in CRITERIA:
        values = _values(view, criterion)
        if values is not None:
            result[criterion.name] = criterion.sql(*values)
    return result


def refining_view(view: View) -> View | None:
    """The part of `view` that SQL_REFINED criteria need checked again in Python, if any."""
    fields = {
        field: getattr(view, field)
        for criterion in CRITERIA
        if criterion.sql_refined and _values(view, criterion) is not None
        for field in criterion.fields
    }
    return View(**fields) if fields else None


def filter_features(gdf: gpd.GeoDataFrame, view: View) -> gpd.GeoDataFrame:
    """The features the view selects, in their original order."""
    keep = pd.Series(True, index=gdf.index)
    for mask in masks(gdf, view).values():
        keep &= mask
    return gdf[keep.to_numpy()]


def value_counts(gdf: gpd.GeoDataFrame, view: View, name: str) -> dict[str, int]:
    """How many incidents carry each value of the list criterion `name` (one of
    geo.criteria.LIST_CRITERIA) among those every *other* criterion of `view` keeps: what
    ticking that value alone would show. Values no such incident carries are left out (count
    0 for the caller). Raises ValueError for a criterion that is not a list."""
    keep = gdf["layer"].astype(str) == "incident"
    for other, mask in masks(gdf, view).items():
        if other != name:
            keep &= mask
    listed = BY_NAME[name].values
    if listed is None:
        raise ValueError(f"{name} is not a list criterion (geo.criteria.LIST_CRITERIA)")
    values = listed(gdf)[keep.to_numpy()].explode().dropna()  # no frame copy
    return {str(value): int(count) for value, count in values.value_counts().items()}


def hidden_counts(gdf: gpd.GeoDataFrame, view: View) -> dict[str, int]:
    """How many features each criterion hides on its own (a feature hidden by two criteria
    counts under both)."""
    return {name: int((~mask).sum()) for name, mask in masks(gdf, view).items()}
