"""A store drawn on the app's map as its own layer, from one query per map view.

Zoomed out (below DETAIL_ZOOM, or more than MAX_EVENTS events in view) the events are counted
per grid cell (geo.store.grid) and each cell is drawn as a square coloured by its count on a
logarithmic scale, with the count in its tooltip. Zoomed in, the events in view are drawn one
by one, with the app's popup (geo.render.popup). Nothing here knows Streamlit: the app passes
the map's bounds and zoom, and gets a folium layer and texts back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import branca.colormap
import folium
import pandas as pd

from geo.render.popup import assemble, escape, popup_columns
from geo.store import grid
from geo.store.query import Store
from geo.view import View

DETAIL_ZOOM = 9
MAX_EVENTS = 2_000
LAYER_NAME = "Bulk store"
# Yellow to dark red (ColorBrewer YlOrRd), a sequential scale readable on the borders basemap.
COLOURS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
EVENT_COLOUR = "#bd0026"
DAILY_UP_TO_DAYS = 120


@dataclass(frozen=True)
class MapWindow:
    """What the map shows: west, south, east, north in degrees, and the zoom level."""

    bounds: tuple[float, float, float, float]
    zoom: int


@dataclass(frozen=True)
class StoreLayer:
    """The layer to put on the map, a one-line description, the colour scale's legend
    (HTML, empty when events are drawn one by one), and how many events are in view."""

    layer: folium.FeatureGroup
    caption: str
    legend_html: str
    in_view: int


def clipped(bounds: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The map's bounds as a View box (a world map's bounds run past ±180°)."""
    west, south, east, north = bounds
    west, east = max(west, -180.0), min(east, 180.0)
    south, north = max(south, -90.0), min(north, 90.0)
    if west >= east:
        west, east = -180.0, 180.0
    return west, south, east, north


def store_layer(store: Store, view: View, window: MapWindow, sources: pd.DataFrame) -> StoreLayer:
    """The store's events that `view` selects inside `window`, as cells or as events."""
    in_window = replace(view, bbox=clipped(window.bounds))
    cells = store.cells(in_window, window.zoom)  # one query: its counts add up to those in view
    count = int(cells["count"].sum())
    if window.zoom >= DETAIL_ZOOM and count <= MAX_EVENTS:
        return StoreLayer(
            events_layer(store.select(in_window), sources),
            f"{LAYER_NAME}: {count:,} events in view, each drawn (click one for details).",
            "",
            count,
        )
    size = grid.cell_size(window.zoom)
    layer, legend = cells_layer(cells, size)
    return StoreLayer(
        layer,
        f"{LAYER_NAME}: {count:,} events in view, counted in {len(cells):,} cells of "
        f"{size:.3g}° (zoom in to level {DETAIL_ZOOM} with at most {MAX_EVENTS:,} events in "
        "view to see each).",
        legend,
        count,
    )


def colour_scale(highest: int) -> branca.colormap.LinearColormap:
    """Counts 1 … `highest` on a logarithmic colour scale (a cell of 10 and one of 10,000
    must both be told from their neighbours)."""
    top = math.log10(max(highest, 10))
    return branca.colormap.LinearColormap(
        COLOURS, vmin=0, vmax=top, caption="events per cell (log10)"
    )


def cells_layer(cells: pd.DataFrame, size: float) -> tuple[folium.FeatureGroup, str]:
    """Cells (columns x, y, count) as coloured squares, and the scale's legend as HTML."""
    scale = colour_scale(int(cells["count"].max()) if len(cells) else 1)
    group = folium.FeatureGroup(name=LAYER_NAME)
    # Plain rectangles, not one GeoJson: streamlit-folium adds this group to a live map, and
    # a GeoJson's style and tooltip functions are not defined in that context.
    for x, y, count in cells[["x", "y", "count"]].itertuples(index=False):
        west, south, east, north = grid.cell_bounds(int(x), int(y), size)
        folium.Rectangle(
            [(south, west), (north, east)],
            color="#7f0000",
            weight=0.5,
            fill=True,
            fill_color=scale(math.log10(int(count))),
            fill_opacity=0.55,
            tooltip=f"{int(count):,} events",
        ).add_to(group)
    return group, legend_html(scale)


def legend_html(scale: branca.colormap.LinearColormap) -> str:
    """A horizontal gradient with its end labels: 1 and the highest count."""
    stops = ", ".join(COLOURS)
    highest = round(10**scale.vmax)
    return (
        '<div class="geo-store-legend">events per cell: 1 '
        f'<span style="display:inline-block;width:160px;height:10px;vertical-align:middle;'
        f'background:linear-gradient(to right, {stops})"></span> {escape(f"{highest:,}")}'
        " (log scale)</div>"
    )


def events_layer(events: pd.DataFrame, sources: pd.DataFrame) -> folium.FeatureGroup:
    """Each event as a small circle with the app's popup and its name as tooltip."""
    group = folium.FeatureGroup(name=LAYER_NAME)
    placed = events[events.geometry.notna()]
    if placed.empty:
        return group
    columns = popup_columns(placed, sources)
    points = placed.geometry.representative_point()
    for row, (point, name) in enumerate(zip(points, placed["name"], strict=True)):
        folium.CircleMarker(
            (point.y, point.x),
            radius=4,
            color=EVENT_COLOUR,
            weight=1,
            fill=True,
            fill_opacity=0.7,
            popup=folium.Popup(assemble(columns, row), max_width=360),
            tooltip=escape(name),
        ).add_to(group)
    return group


def period_for(first: object, last: object) -> str:
    """The store timeline's bar: a day up to 120 days, a week up to three years, then a month,
    then a year (ACLED's whole history is decades)."""
    if first is None or last is None:
        return "month"
    days = (pd.Timestamp(last) - pd.Timestamp(first)).days
    if days <= DAILY_UP_TO_DAYS:
        return "day"
    return "week" if days <= 3 * 365 else "month" if days <= 20 * 365 else "year"
