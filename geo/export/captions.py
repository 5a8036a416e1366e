"""The words around a static map: title, caption (period, filters, counts) and footer
(sources shown, data attributions). Pure functions of the data and the view, so they can be
tested without drawing anything."""

from __future__ import annotations

from collections import Counter

import geopandas as gpd
import pandas as pd
import shapely

from geo import periods
from geo.countries import split_names
from geo.criteria import CRITERIA
from geo.export.text import isolate
from geo.sources import cited_source_ids
from geo.view import View

ATTRIBUTION = (
    "Borders: Natural Earth (public domain). Places: GeoNames (CC BY 4.0). "
    "Positions of incidents are approximate where a ring is drawn."
)
LAYER_NOUNS: dict[str, tuple[str, str]] = {
    "incident": ("incident", "incidents"),
    "site": ("site", "sites"),
    "route": ("route", "routes"),
    "area": ("area", "areas"),
}
MAX_TITLE_COUNTRIES = 4


def title(gdf: gpd.GeoDataFrame, view: View) -> str:
    """The map's title, naming what the view asked for: 'Protests in Azerbaijan' for
    --type Protests --country Azerbaijan. Where no country filter is set, the places are the
    countries of the incidents shown (of every feature when none is an incident), most
    frequent first; a route through three countries does not put them in the title. What is
    named: the one event type filtered, else 'Incidents' (or the one layer filtered)."""
    if view.countries:
        places = sorted(view.countries)
    else:
        is_incident = (gdf["layer"].astype(str) == "incident").to_numpy()
        counted = gdf[is_incident] if is_incident.any() else gdf
        counts: Counter[str] = Counter()
        for cell in counted["country"].dropna().astype(str):
            counts.update(split_names(cell))
        places = [name for name, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    if view.event_types is not None and len(view.event_types) == 1:
        subject = next(iter(view.event_types))
    elif view.layers is not None and len(view.layers) == 1:
        subject = LAYER_NOUNS.get(next(iter(view.layers)), ("", "Features"))[1].capitalize()
    else:
        subject = "Incidents"
    if not places:
        return subject
    if len(places) > MAX_TITLE_COUNTRIES:
        places = [*places[: MAX_TITLE_COUNTRIES - 1], "elsewhere"]
    places = [isolate(place) for place in places]
    listed = places[0] if len(places) == 1 else ", ".join(places[:-1]) + " and " + places[-1]
    return f"{subject} in {listed}"


def period_text(gdf: gpd.GeoDataFrame, view: View) -> str:
    """The period the map covers: the view's dates, or the span of the features' dates."""
    if view.date_from is not None or view.date_to is not None:
        start = periods.label(view.date_from) if view.date_from else "the first report"
        end = periods.label(view.date_to) if view.date_to else "the latest report"
        return f"{start} to {end}"
    starts, ends = periods.windows(gdf)
    if starts.isna().all():
        return "undated"
    first, last = starts.idxmin(), ends.idxmax()
    first_text = periods.label(gdf.at[first, "event_date"], gdf.at[first, "time_precision"])
    last_day = gdf.at[last, "end_date"]
    if pd.isna(last_day):
        last_day = gdf.at[last, "event_date"]
    last_text = periods.label(last_day, gdf.at[last, "time_precision"])
    span = first_text if first_text == last_text else f"{first_text} to {last_text}"
    return f"{span} (span of what is drawn)"


def filters_text(view: View) -> str:
    """The view's criteria other than dates, in words (each criterion as geo.criteria names
    it); 'none' when nothing else is set."""
    parts = []
    for criterion in CRITERIA:
        if criterion.name == "dates":
            continue  # the period says them
        for field in criterion.fields:
            value = getattr(view, field)
            if value is None:
                continue
            if field == "bbox":
                parts.append("box: " + ", ".join(f"{v:g}" for v in value) + " (W, S, E, N)")
            elif field == "min_origins":
                parts.append(f"{criterion.label} at least {value}")
            else:
                label = FIELD_LABELS.get(field, criterion.label)
                listed = ", ".join(isolate(item) for item in sorted(value))
                parts.append(f"{label}: {listed or 'none'}")
    return "; ".join(parts) or "none"


# A criterion reading two fields names each by its own word.
FIELD_LABELS = {"claimants": "claimant", "stances": "stance"}


def corroboration_text(gdf: gpd.GeoDataFrame) -> str:
    """'4 of 27 incidents rest on a single origin; 14 have no reports' (geo.ledger); ''
    when no incident shown has reports (the sentence would say nothing)."""
    from geo.ledger import origins_of

    incidents = gdf[(gdf["layer"].astype(str) == "incident").to_numpy()]
    if incidents.empty:
        return ""
    origins = origins_of(incidents)
    reported = (
        incidents["reports"].map(lambda r: bool(r) if isinstance(r, list) else False)
        if "reports" in incidents
        else pd.Series(False, index=incidents.index)
    )
    if not reported.any():
        return ""
    single = int(((origins == 1) & reported).sum())
    unreported = int((~reported).sum())
    noun = "incident" if len(incidents) == 1 else "incidents"
    verb = "rests" if single == 1 else "rest"
    text = f"{single} of {len(incidents)} {noun} {verb} on a single origin"
    if unreported:
        text += f"; {unreported} {'has' if unreported == 1 else 'have'} no reports"
    return text


def counts_text(gdf: gpd.GeoDataFrame) -> str:
    """'12 incidents, 3 sites, 1 route' in layer order."""
    counts = gdf["layer"].astype(str).value_counts()
    parts = []
    for layer, (one, many) in LAYER_NOUNS.items():
        count = int(counts.get(layer, 0))
        if count:
            parts.append(f"{count} {one if count == 1 else many}")
    return ", ".join(parts)


def caption(
    drawn: gpd.GeoDataFrame, view: View, selected: int | None = None, period: str | None = None
) -> str:
    """The caption of a map of the `drawn` features: the period and counts are theirs; when
    fewer than the `selected` features are drawn (the others have no position) it says so;
    when some drawn incident has reports, how many rest on a single origin. `period` names
    the period instead (a frame of a series: "week of 2 Mar 2026 (...)")."""
    corroboration = corroboration_text(drawn)
    shown = counts_text(drawn) or "nothing in this period"
    if no_incident(drawn, view):
        shown += "; no incident matches the filters" if len(drawn) else ""
    text = (
        f"Period: {period or period_text(drawn, view)}. Filters: {filters_text(view)}. "
        f"Shown: {shown}." + (f" Corroboration: {corroboration}." if corroboration else "")
    )
    if selected is not None and selected > len(drawn):
        text += f" {unplaced_text(selected, selected - len(drawn))}."
    return text


def no_incident(selection: gpd.GeoDataFrame, view: View) -> bool:
    """True when the view lets incidents through (no layer filter hides them) but none is
    in `selection`: the map holds only sites, routes or areas, which the user must be told
    (a period in the future, a filter too narrow)."""
    if view.layers is not None and "incident" not in view.layers:
        return False
    return not (selection["layer"].astype(str) == "incident").any()


def no_incident_text(selection: gpd.GeoDataFrame) -> str:
    """What `geo export` says on stderr about a selection holding no incident."""
    rest = counts_text(selection)
    return "no incident matches the selection" + (f" (it holds {rest})" if rest else "")


def unplaced_text(total: int, unplaced: int, kept: str = "") -> str:
    """'1 of 3 features has no position and is not drawn', then `kept` in parentheses (what
    the format does with them instead, e.g. 'kept as a placemark without geometry')."""
    verb, be = ("has", "is") if unplaced == 1 else ("have", "are")
    noun = "feature" if total == 1 else "features"
    also = f" ({kept})" if kept else ""
    return f"{unplaced} of {total} {noun} {verb} no position and {be} not drawn{also}"


def has_position(gdf: gpd.GeoDataFrame) -> pd.Series:
    """True where a feature has a non-empty geometry, i.e. can be drawn. (shapely's tests:
    geopandas' notna() warns that it now counts an empty geometry as present.)"""
    shapes = gdf.geometry.to_numpy()
    return pd.Series(~shapely.is_missing(shapes) & ~shapely.is_empty(shapes), index=gdf.index)


def source_lines(gdf: gpd.GeoDataFrame, sources: pd.DataFrame) -> list[str]:
    """One line per source shown: outlet, title, date; ordered by date, then id."""
    rows = []
    for source_id in cited_source_ids(gdf):
        if source_id not in sources.index:
            rows.append((pd.Timestamp.max, source_id, f"{source_id} (not in the sources registry)"))
            continue
        row = sources.loc[source_id]
        published = row.get("published")
        when = periods.label(published, row.get("published_precision")) or "undated"
        title = str(row.get("title") or "").strip()
        outlet = str(row.get("outlet") or "").strip()
        # Each name isolated: a right-to-left title must not carry the date into its run.
        outlet, title = isolate(outlet), isolate(title)
        text = f"{outlet}, “{title}”, {when}" if title else f"{outlet}, {when}"
        rows.append((published if pd.notna(published) else pd.Timestamp.max, source_id, text))
    rows.sort(key=lambda row: (row[0], row[1]))
    return [text for _, _, text in rows]
