"""GeoJSON export: the selected features in the project's own schema and canonical layout, so
the file validates with `python -m geo validate` and diffs cleanly against data/. Links
(`related`) to features outside the selection are dropped and the cited sources' registry rows
are carried along, so the file stands alone."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.canonical import dumps
from geo.export.records import feature_collection, related_within
from geo.sources import EMBEDDED_MEMBER, cited_source_ids, registry_rows


def geojson_bytes(gdf: gpd.GeoDataFrame, sources: pd.DataFrame) -> bytes:
    """The selection as canonical GeoJSON, carrying in its `sources` member the registry rows
    of the sources it cites (geo.sources.EMBEDDED_MEMBER), so it validates and opens in the
    app on its own, wherever it is copied."""
    document = feature_collection(related_within(gdf))
    document[EMBEDDED_MEMBER] = registry_rows(sources, cited_source_ids(gdf))
    return dumps(document).encode("utf-8")
