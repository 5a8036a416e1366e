"""geo.merge finds the features a draft may match through indexes (an R-tree of positions,
location names, site names), not by comparing every pair: the result is the one a comparison
of every pair gives (the reference below), for features near each other, across the
antimeridian, near a pole, unplaced, and sites matched by name or geo_source."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from geopy.distance import great_circle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import merge
from geo.words.normalize import normalize

# Places drawn near a few spots, so that features fall within the tolerance of each other.
SPOTS = [(39.2, 45.4), (0.0, 179.95), (0.0, -179.95), (89.9, 10.0), (-33.9, 18.4)]


@st.composite
def incidents(draw: Any, prefix: str) -> dict[str, Any]:
    lat, lon = draw(st.sampled_from(SPOTS))
    placed = draw(st.booleans()) or draw(st.booleans())
    lat = max(-90.0, min(90.0, lat + draw(st.floats(-0.4, 0.4))))
    lon = lon + draw(st.floats(-0.4, 0.4))
    lon = (lon + 180) % 360 - 180
    day = draw(st.integers(1, 6))
    properties = {
        "layer": "incident",
        "event_date": f"2026-03-{day:02d}",
        "time_precision": draw(st.sampled_from([1, 1, 2, 3])),
        "event_type": draw(st.sampled_from(["Battles", "Explosions/Remote violence"])),
        "actor1": draw(st.sampled_from(["", "Army", "Police"])),
        "location": draw(st.sampled_from(["", "Ordubad", "Julfa"])),
        "name": draw(st.sampled_from(["A", "B"])),
        "sources": [draw(st.sampled_from(["s1", "s2", "s3"]))],
        "review": "kept",
    }
    geometry = {"type": "Point", "coordinates": [lon, lat]} if placed else None
    return {
        "type": "Feature",
        "id": f"{prefix}-{draw(st.integers(0, 5))}",
        "properties": properties,
        "geometry": geometry,
    }


@st.composite
def sites(draw: Any, prefix: str) -> dict[str, Any]:
    properties = {
        "layer": "site",
        "kind": draw(st.sampled_from(["airport", "base"])),
        "name": draw(st.sampled_from(["Nakhchivan Airport", "nakhchivan airport", "Base"])),
        "sources": [draw(st.sampled_from(["s1", "s2"]))],
        "review": "kept",
    }
    if draw(st.booleans()):
        properties["geo_source"] = draw(st.sampled_from(["osm:1", "osm:2"]))
    return {
        "type": "Feature",
        "id": f"{prefix}-site-{draw(st.integers(0, 3))}",
        "properties": properties,
        "geometry": {"type": "Point", "coordinates": [45.4, 39.2]},
    }


def features(prefix: str) -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(st.one_of(incidents(prefix), sites(prefix)), max_size=12)


def reference(target: dict, draft: dict, tolerance_km: float) -> tuple[dict, Any]:
    """The merge as it was before the indexes: every draft feature against every feature."""
    result = copy.deepcopy(target)
    features = result["features"]
    originals = len(features)
    taken = {str(f.get("id")) for f in features}
    report = merge.MergeReport()
    for index, feature in enumerate(draft["features"]):
        new_sources = list(feature["properties"].get("sources") or [])
        candidates = [
            f
            for f in features[:originals]
            if merge.same_incident(f, feature, tolerance_km) or merge.same_place(f, feature)
        ]
        if candidates:
            name = normalize(str(feature["properties"].get("name") or ""))
            here = merge._point(feature)

            def rank(candidate: dict, here=here, name=name, feature=feature) -> tuple:
                there = merge._point(candidate)
                distance = great_circle(here, there).km if here and there else float("inf")
                other = normalize(str(candidate["properties"].get("name") or "")) != name
                return candidate.get("id") != feature.get("id"), other, distance

            match = min(candidates, key=rank)
            merge._add_reports(match, feature, index, new_sources, report, {})
            continue
        copied = merge.finalized(feature)
        copied["id"] = merge._unique_id(str(copied.get("id")), taken)
        taken.add(copied["id"])
        features.append(copied)
        report.added.append(copied["id"])
        for existing in features[:originals]:
            if merge.same_place_and_time(existing, feature, tolerance_km):
                differs = merge.what_differs(existing, feature)
                report.near_misses.append((copied["id"], merge._label(existing, 0), differs))
    return result, report


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(features("f"), features("d"), st.sampled_from([1.0, 25.0, 80.0]))
def test_the_indexed_merge_is_the_merge_of_every_pair(existing, drafts, tolerance_km):
    target = {"type": "FeatureCollection", "features": existing}
    draft = {"type": "FeatureCollection", "features": drafts}
    snapshot = copy.deepcopy((target, draft))
    merged, report = merge.merge_documents(target, draft, tolerance_km=tolerance_km)
    assert (target, draft) == snapshot  # a feature given reports is a copy (copy on write)
    expected, expected_report = reference(target, draft, tolerance_km)
    assert merged == expected
    assert report.added == expected_report.added
    assert report.near_misses == expected_report.near_misses
    assert report.sourced == expected_report.sourced
    assert report.reported == expected_report.reported


@given(
    st.tuples(st.floats(-90, 90), st.floats(-180, 180)),
    st.tuples(st.floats(-90, 90), st.floats(-180, 180)),
)
def test_the_distance_is_geopys_great_circle(here, there):
    assert abs(merge.distance_km(here, there) - great_circle(here, there).km) < 1e-6
