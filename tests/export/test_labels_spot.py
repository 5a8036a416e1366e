"""geo.export.labels: a place is labelled once, however its features name it."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
from shapely.geometry import Point

from geo.export.labels import label_candidates


def test_features_at_one_spot_share_one_label_the_site_name_first():
    frame = gpd.GeoDataFrame(
        {
            "layer": ["site", "incident", "incident", "incident", "incident"],
            "name": ["Israeli embassy", "Plot A", "Plot B", "Plot C", "Elsewhere"],
            "location": [None, "Embassy of Israel, Baku", "Baku", "Baku", "Tabriz"],
            "geo_precision": [1, 1, 1, 1, 1],
        },
        geometry=[Point(49.8920, 40.3777)] * 4 + [Point(46.29, 38.08)],
        crs="EPSG:4326",
    )
    table = label_candidates(frame, np.ones(len(frame), dtype=bool))
    assert list(table["label"]) == ["Israeli embassy (3 incidents)", "Tabriz"]
