"""The one compact data payload the web map draws from (read by geo_map.js).

Shape (a JSON header with numpy arrays as raw binary, deflated and base64-encoded by
`encode`; `decode` reads it back):

    {"styles": [style dict, ...],                        # geo.style, as Leaflet options
     "points": {"lat", "lon", "style", "unc", "row",     # incidents (and any non-site point)
                "t0", "t1", "g"},                         # their time (geo.timeline)
     "sites":  {"lat", "lon", "style", "row"},           # sites, drawn as icons
     "shapes": [{"geometry", "style", "row", "layer",    # lines and polygons, with
                 "t0", "t1", "g"}],                        # their time, like points
     "borders": [{"geojson", "style"}],                  # basemap lines, not features
     "features": popup.popup_columns(...),               # escaped popup text per row
     "timeline": {**geo.timeline.header(window),         # the time strip's groups and window,
                  "criteria": geo.criteria.browser_fields()},  # and what its filter reads
     "drafts": {"points", "sites", "shapes"}}            # only with drafts: their own overlay

`row` is the feature's position in the frame the payload was built from (the features, then
the drafts); features without a geometry are left out (they have nothing to draw). Every
geometry type is taken apart into Point members (markers) and LineString and Polygon members
(shapes) by geo.geometry, so a MultiPoint is several markers and a GeometryCollection's point
a marker in its style (never Leaflet's default image marker); the timeline counts each feature
once (`g` is NOT_COUNTED on its other members).
"""

from __future__ import annotations

import base64
import zlib
from datetime import date
from typing import Any

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import shapely

from geo import criteria, geometry, timeline
from geo import style as style_table
from geo.render import popup
from geo.style import HALO


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
        # the ring's look (geo.style.HALO) where the style has one, else false
        "halo": _halo() if style.halo else False,
    }


def _halo() -> dict[str, Any]:
    return {
        "fillOpacity": HALO.fill_opacity,
        "opacity": HALO.stroke_opacity,
        "weight": HALO.width_px,
        "dash": list(HALO.dash),
        "minRadius": HALO.min_radius,
        "unknownRadius": HALO.unknown_radius,
    }


def _columns(shapes: np.ndarray, rows: np.ndarray, codes: np.ndarray) -> dict[str, Any]:
    """Position, style and feature row of Point members."""
    return {
        # float32: within 0.5 m anywhere on Earth, half the bytes of float64.
        "lat": shapely.get_y(shapes).astype(np.float32),
        "lon": shapely.get_x(shapes).astype(np.float32),
        "style": codes[rows],
        "row": rows.astype(np.int32),
    }


def _leads(rows: np.ndarray) -> np.ndarray:
    """True at the first entry of each row (`rows` sorted): the one the timeline counts."""
    return np.r_[True, rows[1:] != rows[:-1]] if len(rows) else np.zeros(0, dtype=bool)


def build_payload(
    gdf: gpd.GeoDataFrame,
    sources: pd.DataFrame,
    borders: list[tuple[gpd.GeoDataFrame, style_table.FeatureStyle]] = (),
    drafts: gpd.GeoDataFrame | None = None,
    window: tuple[date | None, date | None] | None = None,
) -> dict[str, Any]:
    """The payload for `gdf` (already filtered), its sources registry and basemap borders;
    with `drafts` (features of draft files under review, already filtered) also the drafts,
    kept apart so the map can give them an overlay of their own. `window` (first, last day;
    None for an open end) is the time window the map opens on: the timeline hides what lies
    outside it in the browser, so `gdf` should not be filtered by date."""
    frame = gdf if drafts is None else pd.concat([gdf, drafts], ignore_index=True)
    codes, styles = style_table.style_codes(frame)
    in_drafts = np.arange(len(frame)) >= len(gdf)
    data = {
        "styles": [leaflet_style(s) for s in styles],
        **_drawables(frame, ~in_drafts, codes, styles),
        "borders": [
            {"geojson": orjson.Fragment(part.geometry.to_json()), "style": leaflet_style(s)}
            for part, s in borders
            if len(part)
        ],
        # Parsed by the browser on the first hover or click, not before the first paint.
        "features": LazyJSON(popup.popup_columns(frame, sources)),
        "timeline": {**timeline.header(window), "criteria": criteria.browser_fields()},
    }
    if drafts is not None:
        data["drafts"] = _drawables(frame, in_drafts, codes, styles, shape_layer="drafts")
    return data


def _drawables(
    frame: gpd.GeoDataFrame,
    wanted: np.ndarray,
    codes: np.ndarray,
    styles: list[style_table.FeatureStyle],
    shape_layer: str | None = None,
) -> dict[str, Any]:
    """Points, sites and shapes of the `wanted` rows, every geometry type taken apart by
    geo.geometry.members: each Point member a marker (a MultiPoint or a collection's points
    several markers of one feature), each LineString and Polygon member a shape. Each feature
    is counted by the timeline once: on its first marker, else on its first shape (the others
    carry NOT_COUNTED). Shapes go to the overlay of their layer, or all to `shape_layer`."""
    parts = geometry.members(frame.geometry.to_numpy())
    chosen = wanted[parts.rows]
    shapes, rows = parts.shapes[chosen], parts.rows[chosen]
    is_point = shapely.get_type_id(shapes) == geometry.POINT
    is_site = (frame["layer"].astype("string") == "site").fillna(False).to_numpy()

    marker = is_point & ~is_site[rows]
    point_rows = rows[marker]
    points = _columns(shapes[marker], point_rows, codes)
    radius_km = pd.to_numeric(frame.get("uncertainty_km"), errors="coerce")
    radius_m = (radius_km.fillna(0).to_numpy(dtype=float) * 1000).round().astype(np.int64)
    halo = np.array([s.halo for s in styles], dtype=bool)[codes] if styles else np.zeros(0, bool)
    points["unc"] = np.where(halo, radius_m, 0)[point_rows]
    times = timeline.point_columns(frame.iloc[point_rows])
    times["g"] = np.where(_leads(point_rows), times["g"], timeline.NOT_COUNTED).astype(np.uint8)
    points.update(times)

    icon = is_point & is_site[rows]
    sites = _columns(shapes[icon], rows[icon], codes)

    shape_rows = rows[~is_point]
    counted = _leads(shape_rows) & ~parts.rows_with_points(len(frame))[shape_rows]
    shape_times = timeline.point_columns(frame.iloc[shape_rows])
    layers = frame["layer"].astype("string").fillna("area").to_numpy()
    drawn = [
        {
            "geometry": orjson.Fragment(shapely.to_geojson(shape)),
            "style": int(codes[r]),
            "row": int(r),
            "layer": shape_layer or _layer_key(layers[r]),
            "t0": int(shape_times["t0"][k]),
            "t1": int(shape_times["t1"][k]),
            "g": int(shape_times["g"][k]) if counted[k] else timeline.NOT_COUNTED,
        }
        for k, (shape, r) in enumerate(zip(shapes[~is_point], shape_rows, strict=True))
    ]
    return {"points": points, "sites": sites, "shapes": drawn}


def _layer_key(layer: str) -> str:
    # geo_map.js groups shapes into these overlays; an incident drawn as an area stays with
    # the incidents.
    return {"incident": "incidents", "site": "sites", "route": "routes"}.get(layer, "areas")


# Binary layout of an encoded payload, before deflate and base64 (read by geo_map.js decode()):
#   uint32 (little-endian) length of the JSON header, the header (UTF-8),
#   zero padding to a multiple of 8, then the arrays, each starting at a multiple of 8.
# In the header every numpy array is {"$array": [type code, byte offset from the first array,
# length]}, so the browser views it as a typed array (no number parsing), and every
# `LazyJSON` value is {"$json": [byte offset, byte length]}: JSON text stored after the
# arrays, parsed only when the map first reads it (popup text is not needed to draw).
ARRAY_ALIGN = 8
TYPE_CODES = {"i1": np.int8, "u1": np.uint8, "i2": np.int16, "u2": np.uint16}
TYPE_CODES |= {"i4": np.int32, "u4": np.uint32, "f4": np.float32, "f8": np.float64}


class LazyJSON:
    """A payload value the browser parses on first use instead of with the header."""

    def __init__(self, value: Any) -> None:
        self.value = value


def _narrowest(values: np.ndarray) -> np.ndarray:
    """Integers in the smallest type that holds them (codes and row numbers shrink 2-4 times);
    floats as they are (coordinates are made float32 on purpose, in _columns)."""
    if values.dtype.kind == "f":
        return values.astype("<f4" if values.dtype.itemsize <= 4 else "<f8", copy=False)
    if values.dtype.kind not in "iub":
        raise TypeError(f"cannot encode an array of {values.dtype}")
    low, high = (int(values.min()), int(values.max())) if values.size else (0, 0)
    for code in ("u1", "i1", "u2", "i2", "u4", "i4"):
        limits = np.iinfo(TYPE_CODES[code])
        if limits.min <= low and high <= limits.max:
            return values.astype(np.dtype(TYPE_CODES[code]).newbyteorder("<"), copy=False)
    return values.astype("<f8")  # exact up to 2**53


def encode(payload: dict[str, Any]) -> str:
    """The string geo_map.js's mount() takes: the binary layout above, deflated (zlib format,
    which the browser's DecompressionStream('deflate') reads), then base64."""
    blocks: list[bytes] = []
    size = 0

    def store(data: bytes) -> int:
        nonlocal size
        offset = size
        blocks.append(data)
        blocks.append(bytes(-len(data) % ARRAY_ALIGN))
        size += len(data) + len(blocks[-1])
        return offset

    def default(value: Any) -> Any:
        if isinstance(value, np.ndarray):
            array = _narrowest(value)
            code = f"{array.dtype.kind}{array.dtype.itemsize}"
            return {"$array": [code, store(array.tobytes()), len(array)]}
        if isinstance(value, LazyJSON):
            text = orjson.dumps(value.value, default=default)
            return {"$json": [store(text), len(text)]}
        raise TypeError(f"cannot encode {type(value).__name__}")

    header = orjson.dumps(payload, default=default)
    start = len(header).to_bytes(4, "little") + header
    start += bytes(-len(start) % ARRAY_ALIGN)
    packed = zlib.compress(start + b"".join(blocks), 1)
    return base64.b64encode(packed).decode("ascii")


def decode(text: str) -> dict[str, Any]:
    """The payload back from `encode` (arrays and lazy values as plain lists and dicts): what
    the browser sees, for tests and other Python readers."""
    raw = zlib.decompress(base64.b64decode(text))
    length = int.from_bytes(raw[:4], "little")
    base = 4 + length + (-(4 + length) % ARRAY_ALIGN)

    def revive(value: Any) -> Any:
        if isinstance(value, list):
            return [revive(v) for v in value]
        if not isinstance(value, dict):
            return value
        if "$array" in value:
            code, offset, count = value["$array"]
            kind = np.dtype(TYPE_CODES[code]).newbyteorder("<")
            return np.frombuffer(raw, kind, count, base + offset).tolist()
        if "$json" in value:
            offset, count = value["$json"]
            return revive(orjson.loads(raw[base + offset : base + offset + count]))
        return {key: revive(v) for key, v in value.items()}

    return revive(orjson.loads(raw[4 : 4 + length]))
