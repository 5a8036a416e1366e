"""HTML export: the app's interactive map of the selection as one self-contained file.

The page is the app's own map (geo.render.folium_map.build_map), over the basemap that ships
(geo.render.basemap.SHIPPED: land, water, rivers and towns, its tiles inlined) or a PMTiles file
the user names, with Natural Earth borders, and Leaflet, Font Awesome and the map script
inlined by geo.render.assets, so it opens from a USB stick or an e-mail attachment with no
request to any other host. Its timeline strip and playback work as in the app
(geo/render/geo_timeline.js); the page opens on the export's time window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.export.errors import ExportError
from geo.render import assets
from geo.render.folium_map import Basemap, border_layers, build_map
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
    """The page for `gdf` (already filtered; the timeline opens on `window`, first and last
    day); borders default to geo.borders' files. The basemap that ships is inlined and drawn
    under the features, or, with `basemap_file` (a PMTiles or MBTiles file), that file's
    tiles; ExportError when it cannot be drawn. `about` is written in a panel beside the map
    and as the page's title, so the file says what it shows when opened alone."""
    placed = gdf.geometry.dropna()
    placed = placed[~placed.is_empty]
    if placed.empty:
        raise ExportError("none of the selected features has a position to map")
    if countries is None:
        from geo.borders import read_countries, read_provinces

        countries, provinces = read_countries(), read_provinces()
    borders = border_layers(countries, provinces, tuple(placed.total_bounds))
    from geo.render import basemap

    kind: Basemap = "local" if basemap_file is not None else "offline"
    chosen = basemap_file if basemap_file is not None else basemap.SHIPPED
    try:
        local = basemap.layer_spec(basemap.read_basemap(chosen))
    except basemap.BasemapError as error:
        if basemap_file is not None:
            raise ExportError(str(error)) from None
        local, kind = None, "none"  # a checkout without the shipped basemap: borders only
    m = build_map(
        gdf,
        sources,
        basemap=kind,
        borders=borders,
        inline=True,
        window=window,
        local_basemap=local,
    )
    page = assets.inline_html(m)
    if about is not None:
        page = page.replace("<head>", f"<head><title>{escape(about.title)}</title>", 1)
        # Before the map's element, so the map is laid out beside the panel when it is made
        # (and fits the features into the space it really has).
        page = page.replace("<body>", '<body class="geo-export">' + about_box(about), 1)
    return page.encode("utf-8")


@dataclass(frozen=True)
class About:
    """What an exported page shows, in words (geo.export.captions makes each part)."""

    title: str
    period: str
    filters: str
    shown: str
    sources: tuple[str, ...]


# The panel beside the map (below it on a narrow screen), never over it: no incident hides
# under the title or the sources at the opening view.
ABOUT_CSS = (
    "body.geo-export{display:flex;flex-direction:row}"
    "body.geo-export>.folium-map{flex:1 1 auto;min-width:0;width:auto!important;"
    "height:100%!important;order:1}"
    ".geo-about{order:2;flex:0 0 320px;box-sizing:border-box;height:100%;overflow:auto;"
    "background:#fff;padding:8px 12px;border-left:1px solid #ccc;"
    "font:12px/1.35 system-ui,sans-serif}"
    ".geo-about summary{font-weight:600;font-size:14px;cursor:pointer}"
    "@media (max-width:700px){body.geo-export{flex-direction:column}"
    ".geo-about{flex:0 0 auto;height:auto;max-height:30vh;border-left:0;"
    "border-bottom:1px solid #ccc;order:0}"
    "body.geo-export>.folium-map{height:auto!important;flex:1 1 auto;min-height:0}}"
)


def about_box(about: About) -> str:
    """A folding panel beside the map (ABOUT_CSS) naming the title, period, filters, what
    is shown and the sources; every text HTML-escaped."""
    items = "".join(f"<li>{escape(line)}</li>" for line in about.sources)
    return (
        f"<style>{ABOUT_CSS}</style>"
        '<details open class="geo-about">'
        f"<summary>{escape(about.title)}</summary>"
        f"<div><b>Period:</b> {escape(about.period)}</div>"
        f"<div><b>Filters:</b> {escape(about.filters)}</div>"
        f"<div><b>Shown:</b> {escape(about.shown)}</div>"
        f'<div><b>Sources:</b></div><ol style="margin:2px 0 0 18px;padding:0">{items}</ol>'
        "</details>"
    )
