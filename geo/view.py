"""What part of the data a user is looking at, and the one function that applies it.

The app builds a View from its widgets and the URL, `geo export` from its options; neither
filters on its own. Filtering is vectorised: one boolean mask per criterion.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from geo.periods import windows

COUNTRY_SEPARATOR = ";"


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
    stances: frozenset[str] | None = None  # ... with one of these stances (geo.reports)


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
        result["sources"] = _any_listed(gdf["sources"], view.sources)
    if view.event_types is not None:
        result["event_types"] = ~is_incident | gdf["event_type"].astype(str).isin(view.event_types)
    if view.countries is not None:
        countries = gdf["country"].astype("string").fillna("").str.split(COUNTRY_SEPARATOR)
        countries = countries.map(lambda names: [n.strip() for n in names])
        result["countries"] = _any_listed(countries, view.countries)
    if view.claim_statuses is not None:
        result["claim_statuses"] = ~is_incident | gdf["claim_status"].astype(str).isin(
            view.claim_statuses
        )
    if view.layers is not None:
        result["layers"] = gdf["layer"].astype(str).isin(view.layers)
    if view.bbox is not None:
        result["bbox"] = pd.Series(gdf.geometry.intersects(box(*view.bbox)), index=gdf.index)
    if view.min_origins is not None:
        from geo.reports import origins_of

        result["min_origins"] = ~is_incident | (origins_of(gdf) >= view.min_origins)
    if view.claimants is not None or view.stances is not None:
        from geo.reports import matching_reports

        result["reports"] = ~is_incident | matching_reports(gdf, view.claimants, view.stances)
    return result


def filter_features(gdf: gpd.GeoDataFrame, view: View) -> gpd.GeoDataFrame:
    """The features the view selects, in their original order."""
    keep = pd.Series(True, index=gdf.index)
    for mask in masks(gdf, view).values():
        keep &= mask
    return gdf[keep.to_numpy()]


def hidden_counts(gdf: gpd.GeoDataFrame, view: View) -> dict[str, int]:
    """How many features each criterion hides on its own (a feature hidden by two criteria
    counts under both)."""
    return {name: int((~mask).sum()) for name, mask in masks(gdf, view).items()}
