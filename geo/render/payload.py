"""The one compact data payload the web map draws from (read by geo_map.js).

Shape (JSON, then zlib-deflated and base64-encoded by `encode`):

    {"styles": [style dict, ...],                        # geo.style, as Leaflet options
     "points": {"lat", "lon", "style", "unc", "row"},    # incidents (and any non-site point)
     "sites":  {"lat", "lon", "style", "row"},           # sites, drawn as icons
     "shapes": [{"geometry", "style", "row", "layer"}],  # lines and polygons
     "borders": [{"geojson", "style"}],                  # basemap lines, not features
     "features": popup.popup_columns(...)}               # escaped popup text per row

`row` is the feature's position in the frame the payload was built from; features without
a geometry are left out (they have nothing to draw).
"""

from __future__ import annotations

import base64
import zlib
from typing import Any

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import shapely

from geo import style as style_table
from geo.render import popup

COORDINATE_DECIMALS = 5  # about 1 m


def leaflet_style(style: style_table.FeatureStyle) -> dict[str, Any]:
    """A FeatureStyle as the option names geo_map.js and Leaflet use."""
    return {
        "color": style.color,
        "fillColor": style.fill_color,
        "fillOpacity": style.fill_opacity,
        "weight": style.stroke_width,
        "opacity": style.stroke_opacity,
        "dashArray": style.dash_array,
        "shape": style.marker,
        "size": style.size,
        "icon": style.icon,
        "arrows": style.arrows,
        "halo": style.halo,
    }


def _columns(frame: gpd.GeoDataFrame, rows: np.ndarray, codes: np.ndarray) -> dict[str, Any]:
    return {
        "lat": np.round(frame.geometry.y.to_numpy(), COORDINATE_DECIMALS),
        "lon": np.round(frame.geometry.x.to_numpy(), COORDINATE_DECIMALS),
        "style": codes[rows],
        "row": rows.astype(np.int32),
    }


def build_payload(
    gdf: gpd.GeoDataFrame,
    sources: pd.DataFrame,
    borders: list[tuple[gpd.GeoDataFrame, style_table.FeatureStyle]] = (),
) -> dict[str, Any]:
    """The payload for `gdf` (already filtered), its sources registry and basemap borders."""
    codes, styles = style_table.style_codes(gdf)
    geometry = gdf.geometry
    present = ~(geometry.isna() | geometry.is_empty).to_numpy()
    is_point = present & (geometry.geom_type == "Point").to_numpy()
    is_site = (gdf["layer"].astype("string") == "site").fillna(False).to_numpy()
    positions = np.arange(len(gdf))

    point_rows = positions[is_point & ~is_site]
    points = _columns(gdf.iloc[point_rows], point_rows, codes)
    radius_km = pd.to_numeric(gdf.get("uncertainty_km"), errors="coerce")
    radius_m = (radius_km.fillna(0).to_numpy(dtype=float) * 1000).round().astype(np.int64)
    halo = np.array([s.halo for s in styles], dtype=bool)[codes] if styles else np.zeros(0, bool)
    points["unc"] = np.where(halo, radius_m, 0)[point_rows]

    site_rows = positions[is_point & is_site]
    sites = _columns(gdf.iloc[site_rows], site_rows, codes)

    shape_rows = positions[present & ~is_point]
    layers = gdf["layer"].astype("string").fillna("area").to_numpy()
    shapes = [
        {
            "geometry": orjson.Fragment(shapely.to_geojson(geometry.iloc[r])),
            "style": int(codes[r]),
            "row": int(r),
            "layer": _layer_key(layers[r]),
        }
        for r in shape_rows
    ]
    return {
        "styles": [leaflet_style(s) for s in styles],
        "points": points,
        "sites": sites,
        "shapes": shapes,
        "borders": [
            {"geojson": orjson.Fragment(frame.geometry.to_json()), "style": leaflet_style(s)}
            for frame, s in borders
            if len(frame)
        ],
        "features": popup.popup_columns(gdf, sources),
    }


def _layer_key(layer: str) -> str:
    # geo_map.js groups shapes into these overlays; an incident drawn as an area stays with
    # the incidents.
    return {"incident": "incidents", "site": "sites", "route": "routes"}.get(layer, "areas")


def encode(payload: dict[str, Any]) -> str:
    """JSON, deflated (zlib format, which the browser's DecompressionStream('deflate') reads),
    then base64: the string geo_map.js's mount() takes."""
    raw = orjson.dumps(payload, option=orjson.OPT_SERIALIZE_NUMPY)
    return base64.b64encode(zlib.compress(raw, 1)).decode("ascii")
