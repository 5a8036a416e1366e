"""GeoJSON export: the selected features in the project's own schema and canonical layout, so
the file validates with `python -m geo validate` and diffs cleanly against data/. Links
(`related`) to features outside the selection are dropped, so the file stands alone."""

from __future__ import annotations

import geopandas as gpd

from geo.canonical import dumps
from geo.export.records import feature_collection, related_within


def geojson_bytes(gdf: gpd.GeoDataFrame) -> bytes:
    return dumps(feature_collection(related_within(gdf))).encode("utf-8")
