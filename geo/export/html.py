"""HTML export: the app's interactive map of the selection as one self-contained file.

The page is the app's own map (geo.render.folium_map.build_map), with Natural Earth borders as
its only basemap and Leaflet, Font Awesome and the map script inlined by geo.render.assets, so
it opens from a USB stick or an e-mail attachment with no request to any other host. Its
timeline strip and playback work as in the app (geo/render/geo_timeline.js); the page opens on
the export's time window.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.export.errors import ExportError
from geo.render import assets
from geo.render.folium_map import border_layers, build_map


def html_bytes(
    gdf: gpd.GeoDataFrame,
    sources: pd.DataFrame,
    countries: gpd.GeoDataFrame | None = None,
    provinces: gpd.GeoDataFrame | None = None,
    window: tuple[date | None, date | None] | None = None,
    basemap_file: Path | None = None,
) -> bytes:
    """The page for `gdf` (already filtered, except by date: the timeline holds every date and
    opens on `window`, first and last day); borders default to geo.borders' files. With
    `basemap_file` (raster PMTiles or MBTiles) its tiles are inlined and drawn under the
    features; ExportError when the file cannot be drawn."""
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
    return page.encode("utf-8")
