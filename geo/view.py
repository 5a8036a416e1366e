"""What part of the data a user is looking at, and the one function that applies it.

The app builds a View from its widgets and the URL, `geo export` from its options; neither
filters on its own. Filtering is vectorised: one boolean mask per criterion.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from geo.countries import SEPARATOR as COUNTRY_SEPARATOR
from geo.countries import split_names
from geo.periods import windows


@dataclass(frozen=True)
class View:
    """A selection. `None` for a criterion means "no filter on it"; an empty set selects
    nothing that the criterion applies to."""

    date_from: date | None = None
    date_to: date | None = None
    sources: frozenset[str] | None = None
    event_types: frozenset[str] | None = None
    countries: frozenset[str] | None = None
    claim_statuses: frozenset[str] | None = None
    layers: frozenset[str] | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    min_origins: int | None = None  # incidents confirmed by at least this many origins
    claimants: frozenset[str] | None = None  # a report carries one of these claimants ...
    stances: frozenset[str] | None = None  # ... with one of these stances (geo.ledger)


def _any_listed(values: pd.Series, wanted: frozenset[str]) -> pd.Series:
    """True where a list-valued cell shares at least one element with `wanted`."""
    exploded = values.explode()
    return exploded.isin(wanted).groupby(level=0).any().reindex(values.index, fill_value=False)


def masks(gdf: gpd.GeoDataFrame, view: View) -> dict[str, pd.Series]:
    """One boolean mask per criterion that the view sets: True keeps the feature."""
    result: dict[str, pd.Series] = {}
    is_incident = gdf["layer"].astype(str) == "incident"
    if view.date_from is not None or view.date_to is not None:
        window_start, window_end = windows(gdf)
        keep = pd.Series(True, index=gdf.index)
        if view.date_to is not None:
            keep &= ~(window_start > pd.Timestamp(view.date_to))
        if view.date_from is not None:
            keep &= ~(window_end < pd.Timestamp(view.date_from))
        result["dates"] = keep | window_start.isna()  # undated features are not time-bound
    if view.sources is not None:
        result["sources"] = _any_listed(LIST_VALUES["sources"](gdf), view.sources)
    if view.event_types is not None:
        result["event_types"] = ~is_incident | gdf["event_type"].astype(str).isin(view.event_types)
    if view.countries is not None:
        result["countries"] = _any_listed(LIST_VALUES["countries"](gdf), view.countries)
    if view.claim_statuses is not None:
        result["claim_statuses"] = ~is_incident | gdf["claim_status"].astype(str).isin(
            view.claim_statuses
        )
    if view.layers is not None:
        result["layers"] = gdf["layer"].astype(str).isin(view.layers)
    if view.bbox is not None:
        result["bbox"] = pd.Series(gdf.geometry.intersects(box(*view.bbox)), index=gdf.index)
    if view.min_origins is not None:
        from geo.ledger import origins_of

        result["min_origins"] = ~is_incident | (origins_of(gdf) >= view.min_origins)
    if view.claimants is not None or view.stances is not None:
        from geo.ledger import matching_reports

        result["reports"] = ~is_incident | matching_reports(gdf, view.claimants, view.stances)
    return result


# The same criteria as `masks`, as SQL over a bulk store (geo.store.layout: the store keeps
# each feature's date window in `window_start`/`window_end`, computed by `date_windows`, and its
# bounds in the GeoParquet `bbox` column). Each entry mirrors the mask of the same name above;
# tests/store/test_query.py checks on random views that both select the same features.
SqlCondition = tuple[str, list[object]]


# The one criterion whose SQL keeps a superset: `bbox` compares bounds (exact for points).
SQL_REFINED = frozenset({"bbox"})
# The report criteria read each incident's list of reports (geo.ledger), which plain SQL
# cannot: a store runs them through this DuckDB function, which geo.store.query registers with
# `report_masks` below (the masks above, one vector of rows at a time).
REPORTS_SQL_FUNCTION = "geo_view_reports"


def _report_criteria(view: View) -> dict[str, str]:
    """The report criteria the view sets, each as the JSON `report_masks` reads back."""
    fields = {
        "min_origins": view.min_origins,
        "claimants": None if view.claimants is None else sorted(view.claimants),
        "stances": None if view.stances is None else sorted(view.stances),
    }
    text = json.dumps(fields, sort_keys=True)
    result = {}
    if view.min_origins is not None:
        result["min_origins"] = text
    if view.claimants is not None or view.stances is not None:
        result["reports"] = text
    return result


def report_masks(frame: pd.DataFrame, criteria: str) -> dict[str, pd.Series]:
    """`masks` of the report criteria in `criteria` (from `_report_criteria`) on `frame`,
    which needs only `layer` and `reports` (and the registry in its attrs)."""
    fields = json.loads(criteria)
    view = View(
        min_origins=fields["min_origins"],
        claimants=None if fields["claimants"] is None else frozenset(fields["claimants"]),
        stances=None if fields["stances"] is None else frozenset(fields["stances"]),
    )
    return masks(frame, view)


def window_bounds(view: View) -> list[tuple[str, str, date]]:
    """The dates criterion on a store's date windows as (column, operator, date) tests, all
    of which a kept event passes: its window starts by `date_to` and ends from `date_from`
    on. Plain comparisons, so a Parquet reader can skip row groups and files by their
    statistics (DuckDB through `sql_conditions`, Dask through its `filters`)."""
    bounds: list[tuple[str, str, date]] = []
    if view.date_to is not None:
        bounds.append(("window_start", "<=", view.date_to))
    if view.date_from is not None:
        bounds.append(("window_end", ">=", view.date_from))
    return bounds


def sql_conditions(view: View) -> dict[str, SqlCondition]:
    """One SQL condition (DuckDB dialect, `?` parameters) per criterion the view sets: true
    keeps the feature, false or NULL hides it (plain range tests on the date window and the
    bbox, so that Parquet statistics skip row groups). For the criteria in SQL_REFINED the
    caller refines the rows it gets with `filter_features` on a View of those criteria alone
    (`refining_view`)."""
    result: dict[str, SqlCondition] = {}
    not_incident = "layer IS DISTINCT FROM 'incident'"
    bounds = window_bounds(view)
    if bounds:
        sql = " AND ".join(f"{column} {operator} ?" for column, operator, _ in bounds)
        # an undated feature's window in a store is UNDATED_WINDOW: every range reaches it
        result["dates"] = (f"({sql})", [value for _, _, value in bounds])
    if view.sources is not None:
        result["sources"] = ("coalesce(list_has_any(sources, ?), false)", [sorted(view.sources)])
    if view.event_types is not None:
        result["event_types"] = (
            f"({not_incident} OR coalesce(list_contains(?, event_type), false))",
            [sorted(view.event_types)],
        )
    if view.countries is not None:
        # "A; B" names two countries, as geo.countries.SEPARATOR says; Python's strip() trims the
        # same blanks as trim() here for the names countries have.
        result["countries"] = (
            "list_has_any("
            "list_transform(string_split(coalesce(country, ''), ?), lambda c: trim(c)), ?)",
            [COUNTRY_SEPARATOR, sorted(view.countries)],
        )
    if view.claim_statuses is not None:
        result["claim_statuses"] = (
            f"({not_incident} OR coalesce(list_contains(?, claim_status), false))",
            [sorted(view.claim_statuses)],
        )
    if view.layers is not None:
        result["layers"] = ("coalesce(list_contains(?, layer), false)", [sorted(view.layers)])
    for name, criteria in _report_criteria(view).items():
        result[name] = (f"{REPORTS_SQL_FUNCTION}(layer, reports, ?, ?)", [criteria, name])
    if view.bbox is not None:
        west, south, east, north = view.bbox
        result["bbox"] = (
            "(bbox.xmax >= ? AND bbox.xmin <= ? AND bbox.ymax >= ? AND bbox.ymin <= ?)",
            [west, east, south, north],
        )
    return result


def refining_view(view: View) -> View | None:
    """The part of `view` that SQL_REFINED criteria need checked again in Python, if any."""
    return None if view.bbox is None else View(bbox=view.bbox)


def filter_features(gdf: gpd.GeoDataFrame, view: View) -> gpd.GeoDataFrame:
    """The features the view selects, in their original order."""
    keep = pd.Series(True, index=gdf.index)
    for mask in masks(gdf, view).values():
        keep &= mask
    return gdf[keep.to_numpy()]


# The list criteria a user ticks values of, and each one's values per feature (a list per
# feature, as `masks` reads them): criterion name -> function of the frame.
LIST_VALUES: dict[str, Callable[[gpd.GeoDataFrame], pd.Series]] = {
    "sources": lambda gdf: gdf["sources"],
    "event_types": lambda gdf: _one_value_lists(gdf["event_type"]),
    "countries": lambda gdf: gdf["country"].map(split_names),
    "claim_statuses": lambda gdf: _one_value_lists(gdf["claim_status"]),
}


def _one_value_lists(values: pd.Series) -> pd.Series:
    """A single-valued column as one-element lists (empty where missing)."""
    return values.astype(object).map(lambda v: [] if pd.isna(v) else [str(v)])


def value_counts(gdf: gpd.GeoDataFrame, view: View, name: str) -> dict[str, int]:
    """How many incidents carry each value of the list criterion `name` (a key of
    LIST_VALUES) among those every *other* criterion of `view` keeps: what ticking that value
    alone would show. Values no such incident carries are left out (count 0 for the caller)."""
    keep = gdf["layer"].astype(str) == "incident"
    for other, mask in masks(gdf, view).items():
        if other != name:
            keep &= mask
    values = LIST_VALUES[name](gdf)[keep.to_numpy()].explode().dropna()  # no frame copy
    return {str(value): int(count) for value, count in values.value_counts().items()}


def hidden_counts(gdf: gpd.GeoDataFrame, view: View) -> dict[str, int]:
    """How many features each criterion hides on its own (a feature hidden by two criteria
    counts under both)."""
    return {name: int((~mask).sum()) for name, mask in masks(gdf, view).items()}
