"""The filter criteria, once: each is one row holding its name (the key of geo.view.masks and
hidden_counts), the words the user reads, the View fields it reads, its URL parameters
(geo.urlstate), its `geo export` options, its pandas mask, its SQL over a bulk store, and, for
the one criterion the browser applies itself (the timeline's date window), what the browser
reads to apply it, sent in the map's payload (geo.render.payload) so geo_timeline.js does
not spell the rule again.

A row's `mask` and `sql` take the values of its View fields, in the order of `fields`, and
are only called when at least one of them is set (not None). `mask(gdf, *values)` returns a
boolean Series over `gdf`'s rows, True keeping the feature; `sql(*values)` returns one
condition in DuckDB's dialect with its `?` parameters, true keeping an event of a store
(geo.store.layout: `window_start`/`window_end`, the GeoParquet `bbox`), false or NULL hiding
it. tests/store/test_query.py holds the two forms to the same answers on random views.

Adding a criterion: a row here, its field on geo.view.View, and the widget (app) or option
(`geo export`) that sets it. The app's status line, the export's "nothing matches" message
and the captions say a criterion in these words, so every face says "claim status hides 2"."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from geo import timeline
from geo.countries import SEPARATOR as COUNTRY_SEPARATOR
from geo.countries import split_names
from geo.periods import windows

SqlCondition = tuple[str, list[object]]
# The report criteria read each incident's list of reports (geo.ledger), which plain SQL
# cannot: a store runs them through this DuckDB function, which geo.store.query registers
# with geo.view.report_masks (the masks of these rows, one vector of rows at a time).
REPORTS_SQL_FUNCTION = "geo_view_reports"
NOT_INCIDENT_SQL = "layer IS DISTINCT FROM 'incident'"


@dataclass(frozen=True)
class Criterion:
    name: str  # key of geo.view.masks / hidden_counts
    label: str  # what the user reads
    fields: tuple[str, ...]  # the View fields it reads
    url_keys: tuple[str, ...]  # query parameters (geo.urlstate)
    cli_options: tuple[str, ...]  # `geo export` options
    mask: Callable[..., pd.Series]  # (gdf, *field values) -> True keeps the feature
    sql: Callable[..., SqlCondition]  # (*field values) -> condition on a store
    # A list criterion the user ticks values of: each feature's values, as a list per row.
    values: Callable[[gpd.GeoDataFrame], pd.Series] | None = None
    sql_refined: bool = False  # the SQL keeps a superset; rows it keeps get the mask too
    browser: Mapping[str, object] | None = None  # what the browser reads to apply it itself


def _incidents(gdf: gpd.GeoDataFrame) -> pd.Series:
    return gdf["layer"].astype(str) == "incident"


def _any_listed(values: pd.Series, wanted: frozenset[str]) -> pd.Series:
    """True where a list-valued cell shares at least one element with `wanted`."""
    exploded = values.explode()
    return exploded.isin(wanted).groupby(level=0).any().reindex(values.index, fill_value=False)


def _one_value_lists(values: pd.Series) -> pd.Series:
    """A single-valued column as one-element lists (empty where missing)."""
    return values.astype(object).map(lambda v: [] if pd.isna(v) else [str(v)])


def _listed_mask(
    values: Callable[[gpd.GeoDataFrame], pd.Series],
) -> Callable[[gpd.GeoDataFrame, frozenset[str]], pd.Series]:
    """The mask of a list criterion whose every feature may carry several values."""
    return lambda gdf, wanted: _any_listed(values(gdf), wanted)


def _incident_value_mask(column: str) -> Callable[[gpd.GeoDataFrame, frozenset[str]], pd.Series]:
    """The mask of a criterion on one incident column: other layers are not filtered."""
    return lambda gdf, wanted: ~_incidents(gdf) | gdf[column].astype(str).isin(wanted)


def _incident_value_sql(column: str) -> Callable[[frozenset[str]], SqlCondition]:
    return lambda wanted: (
        f"({NOT_INCIDENT_SQL} OR coalesce(list_contains(?, {column}), false))",
        [sorted(wanted)],
    )


def date_bounds(date_from: date | None, date_to: date | None) -> list[tuple[str, str, date]]:
    """The dates criterion on a store's date windows as (column, operator, date) tests, all
    of which a kept event passes: its window starts by `date_to` and ends from `date_from`
    on. Plain comparisons, so a Parquet reader can skip row groups and files by their
    statistics (DuckDB through the row's SQL, Dask through its `filters`)."""
    bounds: list[tuple[str, str, date]] = []
    if date_to is not None:
        bounds.append(("window_start", "<=", date_to))
    if date_from is not None:
        bounds.append(("window_end", ">=", date_from))
    return bounds


def _dates_mask(gdf: gpd.GeoDataFrame, date_from: date | None, date_to: date | None) -> pd.Series:
    window_start, window_end = windows(gdf)
    keep = pd.Series(True, index=gdf.index)
    if date_to is not None:
        keep &= ~(window_start > pd.Timestamp(date_to))
    if date_from is not None:
        keep &= ~(window_end < pd.Timestamp(date_from))
    return keep | window_start.isna()  # undated features are not time-bound


def _dates_sql(date_from: date | None, date_to: date | None) -> SqlCondition:
    bounds = date_bounds(date_from, date_to)
    sql = " AND ".join(f"{column} {operator} ?" for column, operator, _ in bounds)
    # an undated feature's window in a store is UNDATED_WINDOW: every range reaches it
    return f"({sql})", [value for _, _, value in bounds]


def _countries_sql(wanted: frozenset[str]) -> SqlCondition:
    # "A; B" names two countries, as geo.countries.SEPARATOR says; Python's strip() trims the
    # same blanks as trim() here for the names countries have.
    return (
        "list_has_any("
        "list_transform(string_split(coalesce(country, ''), ?), lambda c: trim(c)), ?)",
        [COUNTRY_SEPARATOR, sorted(wanted)],
    )


def _bbox_sql(bbox: tuple[float, float, float, float]) -> SqlCondition:
    west, south, east, north = bbox
    return (
        "(bbox.xmax >= ? AND bbox.xmin <= ? AND bbox.ymax >= ? AND bbox.ymin <= ?)",
        [west, east, south, north],
    )


def _origins_mask(gdf: gpd.GeoDataFrame, minimum: int) -> pd.Series:
    from geo.ledger import origins_of

    return ~_incidents(gdf) | (origins_of(gdf) >= minimum)


def _reports_mask(
    gdf: gpd.GeoDataFrame, claimants: frozenset[str] | None, stances: frozenset[str] | None
) -> pd.Series:
    from geo.ledger import matching_reports

    return ~_incidents(gdf) | matching_reports(gdf, claimants, stances)


def _reports_sql(name: str, **fields: Any) -> SqlCondition:
    """A report criterion's call of REPORTS_SQL_FUNCTION: its field values as the JSON that
    geo.view.report_masks reads back, and its name, to pick its mask."""
    values = {k: sorted(v) if isinstance(v, frozenset) else v for k, v in fields.items()}
    criteria = json.dumps(values, sort_keys=True)
    return f"{REPORTS_SQL_FUNCTION}(layer, reports, ?, ?)", [criteria, name]


def _list_sql(column: str) -> Callable[[frozenset[str]], SqlCondition]:
    return lambda wanted: (f"coalesce(list_has_any({column}, ?), false)", [sorted(wanted)])


def _sources(gdf: gpd.GeoDataFrame) -> pd.Series:
    return gdf["sources"]


def _event_types(gdf: gpd.GeoDataFrame) -> pd.Series:
    return _one_value_lists(gdf["event_type"])


def _countries(gdf: gpd.GeoDataFrame) -> pd.Series:
    return gdf["country"].map(split_names)


def _claim_statuses(gdf: gpd.GeoDataFrame) -> pd.Series:
    return _one_value_lists(gdf["claim_status"])


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "dates",
        "date range",
        ("date_from", "date_to"),
        ("from", "to"),
        ("--from", "--to"),
        mask=_dates_mask,
        sql=_dates_sql,
        # The map's timeline applies a window in the browser, to each drawn feature's first and
        # last day (geo.timeline.point_columns): `undated` is the first day of a feature with
        # none, which no window hides (as `_dates_mask` keeps undated features).
        browser={"undated": timeline.UNDATED},
    ),
    Criterion(
        "sources",
        "sources",
        ("sources",),
        ("source",),
        ("--source",),
        mask=_listed_mask(_sources),
        sql=_list_sql("sources"),
        values=_sources,
    ),
    Criterion(
        "event_types",
        "event type",
        ("event_types",),
        ("type",),
        ("--type",),
        mask=_incident_value_mask("event_type"),
        sql=_incident_value_sql("event_type"),
        values=_event_types,
    ),
    Criterion(
        "countries",
        "country",
        ("countries",),
        ("country",),
        ("--country",),
        mask=_listed_mask(_countries),
        sql=_countries_sql,
        values=_countries,
    ),
    Criterion(
        "claim_statuses",
        "claim status",
        ("claim_statuses",),
        ("claim",),
        ("--status",),
        mask=_incident_value_mask("claim_status"),
        sql=_incident_value_sql("claim_status"),
        values=_claim_statuses,
    ),
    Criterion(
        "layers",
        "layers",
        ("layers",),
        ("layer",),
        ("--layer",),
        mask=lambda gdf, wanted: gdf["layer"].astype(str).isin(wanted),
        sql=lambda wanted: ("coalesce(list_contains(?, layer), false)", [sorted(wanted)]),
    ),
    Criterion(
        "bbox",
        "box",
        ("bbox",),
        (),
        ("--bbox",),
        mask=lambda gdf, bbox: pd.Series(gdf.geometry.intersects(box(*bbox)), index=gdf.index),
        sql=_bbox_sql,
        sql_refined=True,  # bounds against the box: exact for points, a superset for shapes
    ),
    Criterion(
        "min_origins",
        "independent origins",
        ("min_origins",),
        ("origins",),
        ("--min-origins",),
        mask=_origins_mask,
        sql=lambda minimum: _reports_sql("min_origins", min_origins=minimum),
    ),
    Criterion(
        "reports",
        "claimant and stance",
        ("claimants", "stances"),
        ("claimant", "stance"),
        ("--claimant", "--stance"),
        mask=_reports_mask,
        sql=lambda claimants, stances: _reports_sql(
            "reports", claimants=claimants, stances=stances
        ),
    ),
)
BY_NAME: dict[str, Criterion] = {criterion.name: criterion for criterion in CRITERIA}
# The list criteria a user ticks values of (the app's checkbox lists, geo.view.value_counts).
LIST_CRITERIA: tuple[str, ...] = tuple(c.name for c in CRITERIA if c.values is not None)


def browser_fields() -> dict[str, Mapping[str, object]]:
    """What the map's payload tells the browser about the criteria it applies itself."""
    return {c.name: c.browser for c in CRITERIA if c.browser is not None}


def hidden_text(hidden: Mapping[str, int]) -> str:
    """'claim status hides 2; country hides 1' from geo.view.hidden_counts (criteria that hide
    nothing left out); 'no filter hides any' when none hides a feature."""
    parts = [f"{BY_NAME[name].label} hides {count}" for name, count in hidden.items() if count]
    return "; ".join(parts) or "no filter hides any"


def nothing_matches_text(total: int, hidden: Mapping[str, int]) -> str:
    """What every face says when the filters select nothing: 'no feature matches the
    selection (46 in the file; country hides 46)' (`export` adds what to do; the app writes
    it on the map)."""
    return f"no feature matches the selection ({total} in the file; {hidden_text(hidden)})"
