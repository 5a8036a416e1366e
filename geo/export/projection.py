"""The map frame of a static export: which part of the Earth it shows and in which projection.

A conic projection fits the mid-latitude, east-west extent of a typical selection (Lambert
conformal conic, standard parallels at 1/6 and 5/6 of the latitude span, the classic rule for
keeping scale error small); where a selection reaches the equator a cone degenerates, so an
azimuthal equal-area projection centred on it is used instead. The frame is then widened in
projected metres to the aspect ratio of the map's axes, so nothing is stretched.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pyproj import CRS, Proj, Transformer

Bounds = tuple[float, float, float, float]  # west, south, east, north (degrees) or metres

MIN_SPAN_DEG = 2.0  # a single point still gets its surroundings (about 200 km)
PADDING = 0.12  # share of the span added on each side, so markers do not touch the frame
MIN_CONE_PARALLEL = 5.0  # below this |latitude| a standard parallel is too close to the equator


@dataclass(frozen=True)
class MapFrame:
    crs: CRS
    bounds: Bounds  # in the CRS's metres, already at the axes' aspect ratio
    scale_factor: float  # the projection's scale factor at the frame's centre

    @property
    def metres_per_unit(self) -> float:
        """True metres per projected metre at the centre, for the scale bar."""
        return 1.0 / self.scale_factor


def padded_extent(bounds: Bounds) -> Bounds:
    """The features' lon/lat bounds, padded and grown to at least MIN_SPAN_DEG."""
    west, south, east, north = bounds
    width, height = max(east - west, MIN_SPAN_DEG), max(north - south, MIN_SPAN_DEG)
    centre_x, centre_y = (west + east) / 2, (south + north) / 2
    half_w, half_h = width * (0.5 + PADDING), height * (0.5 + PADDING)
    return (
        max(centre_x - half_w, -180.0),
        max(centre_y - half_h, -89.0),
        min(centre_x + half_w, 180.0),
        min(centre_y + half_h, 89.0),
    )


def regional_crs(extent: Bounds) -> CRS:
    """A projection suited to the lon/lat extent (see the module's docstring)."""
    west, south, east, north = extent
    lon_0, lat_0 = (west + east) / 2, (south + north) / 2
    span = north - south
    lat_1, lat_2 = south + span / 6, north - span / 6
    same_side = lat_1 * lat_2 > 0
    if same_side and min(abs(lat_1), abs(lat_2)) >= MIN_CONE_PARALLEL:
        return CRS.from_proj4(
            f"+proj=lcc +lat_1={lat_1:.4f} +lat_2={lat_2:.4f} +lat_0={lat_0:.4f} "
            f"+lon_0={lon_0:.4f} +datum=WGS84 +units=m +no_defs"
        )
    return CRS.from_proj4(
        f"+proj=laea +lat_0={lat_0:.4f} +lon_0={lon_0:.4f} +datum=WGS84 +units=m +no_defs"
    )


def map_frame(feature_bounds: Bounds, aspect: float) -> MapFrame:
    """The frame showing `feature_bounds` (lon/lat) on axes of width/height `aspect`."""
    extent = padded_extent(feature_bounds)
    crs = regional_crs(extent)
    to_map = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    west, south, east, north = extent
    # The edges of a lon/lat box bend under a conic projection: sample them densely.
    steps = np.linspace(0.0, 1.0, 33)
    lons = np.concatenate(
        [
            west + (east - west) * steps,
            np.full(33, east),
            east - (east - west) * steps,
            np.full(33, west),
        ]
    )
    lats = np.concatenate(
        [
            np.full(33, south),
            south + (north - south) * steps,
            np.full(33, north),
            north - (north - south) * steps,
        ]
    )
    xs, ys = to_map.transform(lons, lats)
    min_x, max_x, min_y, max_y = float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max())
    width, height = max_x - min_x, max_y - min_y
    if width / height < aspect:
        grow = (height * aspect - width) / 2
        min_x, max_x = min_x - grow, max_x + grow
    else:
        grow = (width / aspect - height) / 2
        min_y, max_y = min_y - grow, max_y + grow
    centre_lon, centre_lat = (west + east) / 2, (south + north) / 2
    factors = Proj(crs).get_factors(centre_lon, centre_lat)
    return MapFrame(crs, (min_x, min_y, max_x, max_y), float(factors.parallel_scale))


def lonlat_bounds(frame: MapFrame) -> Bounds:
    """The lon/lat box that covers the frame (for clipping the basemap before projecting)."""
    to_lonlat = Transformer.from_crs(frame.crs, "EPSG:4326", always_xy=True)
    min_x, min_y, max_x, max_y = frame.bounds
    steps = np.linspace(0.0, 1.0, 33)
    xs = np.concatenate(
        [
            min_x + (max_x - min_x) * steps,
            np.full(33, max_x),
            min_x + (max_x - min_x) * steps,
            np.full(33, min_x),
        ]
    )
    ys = np.concatenate(
        [
            np.full(33, min_y),
            min_y + (max_y - min_y) * steps,
            np.full(33, max_y),
            min_y + (max_y - min_y) * steps,
        ]
    )
    lons, lats = to_lonlat.transform(xs, ys)
    return float(lons.min()), float(lats.min()), float(lons.max()), float(lats.max())
