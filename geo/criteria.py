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

Adding a criterion: a row here and the app's widget that sets it. geo.view.View takes its
fields from the rows, and `geo export` its options (each row's `options`: the flag, its help
and how its value is read and checked). The app's status line, the export's "nothing
matches" message and the captions say a criterion in these words, so every face says "claim
status hides 2"."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Mapping, Sequence
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
from geo.schema import CLAIM_STATUS, EVENT_TYPES, LAYERS, STANCES
from geo.sources import cited_source_ids

SqlCondition = tuple[str, list[object]]
# The report criteria read each incident's list of reports (geo.ledger), which plain SQL
# cannot: a store runs them through this DuckDB function, which geo.store.query registers
# with geo.view.report_masks (the masks of these rows, one vector of rows at a time).
REPORTS_SQL_FUNCTION = "geo_view_reports"
NOT_INCIDENT_SQL = "layer IS DISTINCT FROM 'incident'"


class BadValue(ValueError):
    """A value given to a criterion's `geo export` option that it cannot use; the message names
    the option and what it takes."""


def _as_given(value: Any, data: Any, sources: Any) -> Any:
    return value


@dataclass(frozen=True)
class Option:
    """The `geo export` option that sets one View field of its row. geo.cli.export builds the
    parser from `flag`, `help`, `metavar`, `kind` ("text", "date": YYYY-MM-DD, "int") and
    `repeat` (given again, the values are one list); `read(value, data, sources)` turns what
    was given (None when it was not) into the field's value, checked against what the data
    (its `sources` and `country` cells) and the sources registry hold, raising BadValue."""

    flag: str
    help: str
    metavar: str
    kind: str = "text"
    repeat: bool = False
    read: Callable[[Any, Any, Any], Any] = _as_given


@dataclass(frozen=True)
class Criterion:
    name: str  # key of geo.view.masks / hidden_counts
    label: str  # what the user reads
    fields: tuple[str, ...]  # the View fields it reads (geo.view.View has them, in this order)
    url_keys: tuple[str, ...]  # query parameters (geo.urlstate)
    options: tuple[Option, ...]  # `geo export` options, one per field
    mask: Callable[..., pd.Series]  # (gdf, *field values) -> True keeps the feature
    sql: Callable[..., SqlCondition]  # (*field values) -> condition on a store
    # A list criterion the user ticks values of: each feature's values, as a list per row.
    values: Callable[[gpd.GeoDataFrame], pd.Series] | None = None
    sql_refined: bool = False  # the SQL keeps a superset; rows it keeps get the mask too
    browser: Mapping[str, object] | None = None  # what the browser reads to apply it itself
    # The field values read from the options together (dates: `--from` after `--to`); None or
    # the message of a BadValue.
    check: Callable[..., str | None] | None = None

    @property
    def cli_options(self) -> tuple[str, ...]:
        return tuple(option.flag for option in self.options)


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


def known(
    flag: str, values: list[str] | None, allowed: Sequence[str], listed: Sequence[str] = ()
) -> frozenset[str] | None:
    """The values given to a repeatable option as a set, or None when it was not given; a
    value that matches nothing is a BadValue naming the closest allowed value (case is
    forgiven) and listing `listed` (default: `allowed`)."""
    if values is None:
        return None
    by_fold = {value.casefold(): value for value in allowed}
    chosen = set()
    for value in values:
        match = by_fold.get(value.strip().casefold())
        if match is None:
            close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            shown = listed or allowed
            named = ", ".join(shown) if len(shown) <= 12 else f"{len(shown)} values"
            raise BadValue(f"{flag} {value!r} matches nothing ({named}){hint}")
        chosen.add(match)
    return frozenset(chosen)


def _one_of(flag: str, allowed: Sequence[str]) -> Callable[[Any, Any, Any], Any]:
    """`read` of a repeatable option whose values come from a fixed list."""
    return lambda values, data, sources: known(flag, values, tuple(allowed))


def _read_sources(values: list[str] | None, data: Any, sources: Any) -> frozenset[str] | None:
    """Source ids the registry lists or the data cites."""
    if values is None:
        return None
    ids = tuple(dict.fromkeys([*map(str, sources.index), *cited_source_ids(data)]))
    return known("--source", values, ids)


def _read_countries(values: list[str] | None, data: Any, sources: Any) -> frozenset[str] | None:
    """Country names as the data writes them; other names of a country ("Turkey") are taken
    from the borders' alternative names (geo.countries). A country the borders know but the
    data does not name is taken (the faces say it matches nothing, as of an event type the
    data lacks: `unmatched`); a name of no country is a BadValue listing the data's."""
    if values is None:
        return None
    from geo import countries

    in_data = sorted({n for cell in data["country"] for n in countries.split_names(cell)})
    elsewhere = sorted(set(countries.aliases().values()) - set(in_data))
    resolved = [countries.resolve(value) for value in values]
    return known("--country", resolved, (*in_data, *elsewhere), listed=in_data)


def _read_bbox(text: str | None, data: Any, sources: Any) -> tuple[float, ...] | None:
    if text is None:
        return None
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        raise BadValue(
            f"--bbox {text!r}: expected four numbers W,S,E,N (e.g. 44,38,48,40)"
        ) from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise BadValue(f"--bbox {text!r}: needs -180 <= W < E <= 180 and -90 <= S < N <= 90")
    return west, south, east, north


def _dates_in_order(date_from: date | None, date_to: date | None) -> str | None:
    if date_from and date_to and date_from > date_to:
        return f"--from {date_from} is after --to {date_to}"
    return None


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "dates",
        "date range",
        ("date_from", "date_to"),
        ("from", "to"),
        (
            Option(
                "--from",
                "first day shown (a feature whose date window reaches it is kept)",
                "YYYY-MM-DD",
                kind="date",
            ),
            Option("--to", "last day shown", "YYYY-MM-DD", kind="date"),
        ),
        mask=_dates_mask,
        sql=_dates_sql,
        # The map's timeline applies a window in the browser, to each drawn feature's first and
        # last day (geo.timeline.point_columns): `undated` is the first day of a feature with
        # none, which no window hides (as `_dates_mask` keeps undated features).
        browser={"undated": timeline.UNDATED},
        check=_dates_in_order,
    ),
    Criterion(
        "sources",
        "sources",
        ("sources",),
        ("source",),
        (
            Option(
                "--source",
                "keep features citing this source id (repeatable)",
                "ID",
                repeat=True,
                read=_read_sources,
            ),
        ),
        mask=_listed_mask(_sources),
        sql=_list_sql("sources"),
        values=_sources,
    ),
    Criterion(
        "event_types",
        "event type",
        ("event_types",),
        ("type",),
        (
            Option(
                "--type",
                "keep incidents of this ACLED event type (repeatable)",
                "EVENT_TYPE",
                repeat=True,
                read=_one_of("--type", tuple(EVENT_TYPES)),
            ),
        ),
        mask=_incident_value_mask("event_type"),
        sql=_incident_value_sql("event_type"),
        values=_event_types,
    ),
    Criterion(
        "countries",
        "country",
        ("countries",),
        ("country",),
        (
            Option(
                "--country",
                "keep features in this country (repeatable)",
                "NAME",
                repeat=True,
                read=_read_countries,
            ),
        ),
        mask=_listed_mask(_countries),
        sql=_countries_sql,
        values=_countries,
    ),
    Criterion(
        "claim_statuses",
        "claim status",
        ("claim_statuses",),
        ("claim",),
        (
            Option(
                "--status",
                "keep incidents with this claim status (repeatable)",
                "CLAIM_STATUS",
                repeat=True,
                read=_one_of("--status", tuple(CLAIM_STATUS)),
            ),
        ),
        mask=_incident_value_mask("claim_status"),
        sql=_incident_value_sql("claim_status"),
        values=_claim_statuses,
    ),
    Criterion(
        "layers",
        "layers",
        ("layers",),
        ("layer",),
        (
            Option(
                "--layer",
                f"keep this layer: {', '.join(LAYERS)} (repeatable)",
                "LAYER",
                repeat=True,
                read=_one_of("--layer", LAYERS),
            ),
        ),
        mask=lambda gdf, wanted: gdf["layer"].astype(str).isin(wanted),
        sql=lambda wanted: ("coalesce(list_contains(?, layer), false)", [sorted(wanted)]),
    ),
    Criterion(
        "bbox",
        "box",
        ("bbox",),
        (),
        (
            Option(
                "--bbox",
                "keep features in this lon/lat box; static maps show this box",
                "W,S,E,N",
                read=_read_bbox,
            ),
        ),
        mask=lambda gdf, bbox: pd.Series(gdf.geometry.intersects(box(*bbox)), index=gdf.index),
        sql=_bbox_sql,
        sql_refined=True,  # bounds against the box: exact for points, a superset for shapes
    ),
    Criterion(
        "min_origins",
        "independent origins",
        ("min_origins",),
        ("origins",),
        (
            Option(
                "--min-origins",
                "keep incidents whose reports come from at least N independent origins",
                "N",
                kind="int",
            ),
        ),
        mask=_origins_mask,
        sql=lambda minimum: _reports_sql("min_origins", min_origins=minimum),
    ),
    Criterion(
        "reports",
        "claimant and stance",
        ("claimants", "stances"),
        ("claimant", "stance"),
        (
            Option(
                "--claimant",
                "keep incidents with a report carrying this claimant (repeatable)",
                "NAME",
                repeat=True,
                read=lambda values, data, sources: frozenset(values) if values else None,
            ),
            Option(
                "--stance",
                "keep incidents with a report of this stance (repeatable; with --claimant, "
                "on the same report: --claimant Iran --stance denies)",
                "STANCE",
                repeat=True,
                read=_one_of("--stance", tuple(STANCES)),
            ),
        ),
        mask=_reports_mask,
        sql=lambda claimants, stances: _reports_sql(
            "reports", claimants=claimants, stances=stances
        ),
    ),
)
BY_NAME: dict[str, Criterion] = {criterion.name: criterion for criterion in CRITERIA}
# The list criteria a user ticks values of (the app's checkbox lists, geo.view.value_counts).
LIST_CRITERIA: tuple[str, ...] = tuple(c.name for c in CRITERIA if c.values is not None)


def list_fields() -> dict[str, tuple[Criterion, int]]:
    """The View fields that hold a set of values (an option given again, a URL parameter of
    values joined by "~": sources, event types, countries, claim statuses, layers, claimants,
    stances): field -> (its criterion, its place in the criterion's fields)."""
    return {
        criterion.fields[place]: (criterion, place)
        for criterion in CRITERIA
        for place, option in enumerate(criterion.options)
        if option.repeat
    }


def unmatched(gdf: gpd.GeoDataFrame, view: Any) -> dict[str, tuple[str, ...]]:
    """{View field: the values the view picks for it that match no feature of `gdf`, sorted},
    for every list field (`list_fields`); a field all of whose values match something is left
    out. A value matches when its criterion's mask with that value alone keeps a feature the
    mask with no value hides (an incident criterion keeps every other layer either way), so a
    valid value no feature has ("Protests" in data without protests) is said like a country
    the data does not name: every face says it the same way (`unmatched_text`)."""
    found: dict[str, tuple[str, ...]] = {}
    for field, (criterion, place) in list_fields().items():
        picked = getattr(view, field, None)
        if not picked:
            continue
        values: list[Any] = [None] * len(criterion.fields)
        values[place] = frozenset()
        kept_by_none = criterion.mask(gdf, *values).to_numpy()
        missing = []
        for value in sorted(picked):
            values[place] = frozenset({value})
            if not (criterion.mask(gdf, *values).to_numpy() & ~kept_by_none).any():
                missing.append(value)
        if missing:
            found[field] = tuple(missing)
    return found


def unmatched_text(given: str, count: int) -> str:
    """The words every face says of `count` values no feature matches, after how the face
    names them ('type=Protests~Battles', "--type 'Protests'"): '…: not in the data (no
    feature matches them)'."""
    return f"{given}: not in the data (no feature matches {'it' if count == 1 else 'them'})"


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
