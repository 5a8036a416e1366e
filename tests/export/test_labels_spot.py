"""geo.export.labels: one label per group of markers drawn together, naming what stands at
its busiest spot and counting everything the group holds."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
from shapely.geometry import Point

from geo.export.labels import label_candidates


def frame(layers, names, locations, points, precision=None) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "layer": layers,
            "name": names,
            "location": locations,
            "geo_precision": precision or [1] * len(layers),
        },
        geometry=[Point(*p) for p in points],
        crs="EPSG:4326",
    )


def test_a_group_is_named_once_by_its_site_and_counts_what_it_holds():
    baku, tabriz = (49.8920, 40.3777), (46.29, 38.08)
    gdf = frame(
        ["site", "incident", "incident", "incident", "incident", "incident"],
        ["Israeli embassy", "Plot A", "Plot B", "Plot C", "Region-wide", "Elsewhere"],
        [None, "Embassy of Israel, Baku", "Baku", "Baku", "Azerbaijan", "Tabriz"],
        [baku] * 5 + [tabriz],
        precision=[1, 1, 1, 1, 3, 1],
    )
    table = label_candidates(gdf, np.array([0, 0, 0, 0, 0, 1]))
    # The region-wide incident gives no name, but it stands in the ring: it is counted.
    assert list(table["label"]) == ["Israeli embassy (4 incidents)", "Tabriz"]


def test_the_name_comes_from_the_busiest_spot_of_a_ring():
    baku, sangachal = (49.8920, 40.3777), (49.4813, 40.2013)
    gdf = frame(
        ["site", "site", "site", "incident", "incident", "incident"],
        ["Sangachal terminal", "Embassy of Israel", "Embassy of the US", "A", "B", "C"],
        [None, None, None, "Baku", "Baku", "Baku"],
        [sangachal, baku, baku, baku, baku, baku],
    )
    (label,) = label_candidates(gdf, np.zeros(6, dtype=int))["label"]
    assert label == "Embassy of Israel (3 incidents, 2 other sites)"


def test_a_lone_marker_is_named_without_a_count_and_region_only_groups_not_at_all():
    gdf = frame(
        ["incident", "incident", "site", "incident"],
        ["a", "b", "Airport", "c"],
        ["Tabriz, East Azerbaijan", "Iran", None, None],
        [(46.29, 38.08), (53.0, 32.0), (45.45, 39.18), (45.45, 39.18)],
        precision=[1, 3, 1, 2],
    )
    table = label_candidates(gdf, np.array([0, 1, 2, 2]))
    assert list(table["label"]) == ["Airport (1 incident)", "Tabriz"]


def test_a_right_to_left_name_is_isolated_from_its_count():
    gdf = frame(["incident", "incident"], ["a", "b"], ["تبریز", "تبریز"], [(46.29, 38.08)] * 2)
    (label,) = label_candidates(gdf, np.array([0, 0]))["label"]
    assert label == "\u2068تبریز\u2069 (2 incidents)"


def test_a_feature_drawn_as_several_markers_counts_once():
    """A MultiPoint's members are markers of their own (geo.geometry.members) but one
    incident."""
    gdf = frame(["incident"] * 3, ["a", "a", "b"], ["Baku"] * 3, [(49.89, 40.38)] * 3)
    gdf["id"] = ["inc-multi", "inc-multi", "inc-other"]
    (label,) = label_candidates(gdf, np.zeros(3, dtype=int))["label"]
    assert label == "Baku (2 incidents)"
