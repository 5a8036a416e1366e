"""HTML export: the app's interactive map of the selection as one self-contained file.

The page is the app's own map (geo.render.folium_map.build_map), with Natural Earth borders as
its only basemap and Leaflet, Font Awesome and the map script inlined by geo.render.assets, so
it opens from a USB stick or an e-mail attachment with no request to any other host. Its
timeline strip and playback work as in the app (geo/render/geo_timeline.js); the page opens on
the export's time window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.export.errors import ExportError
from geo.render import assets
from geo.render.folium_map import border_layers, build_map
from geo.render.popup import escape


def html_bytes(
    gdf: gpd.GeoDataFrame,
    sources: pd.DataFrame,
    countries: gpd.GeoDataFrame | None = None,
    provinces: gpd.GeoDataFrame | None = None,
    window: tuple[date | None, date | None] | None = None,
    basemap_file: Path | None = None,
    about: About | None = None,
) -> bytes:
    """The page for `gdf` (already filtered, except by date: the timeline holds every date and
    opens on `window`, first and last day); borders default to geo.borders' files. With
    `basemap_file` (raster PMTiles or MBTiles) its tiles are inlined and drawn under the
    features; ExportError when the file cannot be drawn. `about` is written in a box over the
    map and as the page's title, so the file says what it shows when opened alone."""
    placed = gdf.geometry.dropna()
    placed = placed[~placed.is_empty]
    if placed.empty:
        raise ExportError("none of the selected features has a position to map")
    if countries is None:
        from geo.borders import read_countries, read_provinces

        countries, provinces = read_countries(), read_provinces()
    borders = border_layers(countries, provinces, tuple(placed.total_bounds))
    local = None
    if basemap_file is not None:
        from geo.render import basemap

        try:
            local = basemap.layer_spec(basemap.read_basemap(basemap_file))
        except basemap.BasemapError as error:
            raise ExportError(str(error)) from None
    m = build_map(
        gdf,
        sources,
        basemap="local" if local else "none",
        borders=borders,
        inline=True,
        window=window,
        local_basemap=local,
    )
    page = assets.inline_html(m)
    if about is not None:
        page = page.replace("<head>", f"<head><title>{escape(about.title)}</title>", 1)
        page = page.replace("</body>", about_box(about) + "</body>", 1)
    return page.encode("utf-8")


@dataclass(frozen=True)
class About:
    """What an exported page shows, in words (geo.export.captions makes each part)."""

    title: str
    period: str
    filters: str
    sources: tuple[str, ...]


def about_box(about: About) -> str:
    """A folding box over the map's top right (under Leaflet's controls' layer) naming the
    title, period, filters and sources; every text HTML-escaped."""
    items = "".join(f"<li>{escape(line)}</li>" for line in about.sources)
    return (
        '<details open class="geo-about" style="position:absolute;top:10px;right:10px;'
        "z-index:1001;max-width:340px;max-height:60vh;overflow:auto;background:rgba(255,255,255,"
        ".95);padding:6px 10px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);"
        'font:12px/1.35 system-ui,sans-serif">'
        f'<summary style="font-weight:600;font-size:14px;cursor:pointer">{escape(about.title)}'
        "</summary>"
        f"<div><b>Period:</b> {escape(about.period)}</div>"
        f"<div><b>Filters:</b> {escape(about.filters)}</div>"
        f'<div><b>Sources:</b></div><ol style="margin:2px 0 0 18px;padding:0">{items}</ol>'
        "</details>"
    )
