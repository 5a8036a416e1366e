"""A small synthetic selection for the export tests: incidents of several types, claim statuses
and precisions, a site, a route and an area around the Caucasus, plus a sources registry and a
two-country basemap. Written as a GeoJSON document and loaded with the project's loader, so
the frame has the loader's types."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from geo.export.static_map import Basemap
from geo.load import incidents_frame

SOURCES_CSV = """\
id,outlet,title,author,published,published_precision,url,seed_file,affiliation,notes
alpha-2026-03-06,Alpha Wire,Drones over the border,A. Writer,2026-03-06,1,,,,
beta-2025-06,Beta Monthly,A month of tension,,2025-06-01,3,,,,
"""


def incident(feature_id: str, lon: float, lat: float, **properties: Any) -> dict[str, Any]:
    base = {
        "layer": "incident",
        "name": feature_id.replace("-", " "),
        "event_date": "2026-03-05",
        "time_precision": 1,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "country": "Azerbaijan",
        "geo_precision": 1,
        "claim_status": "confirmed",
        "sources": ["alpha-2026-03-06"],
    }
    base.update(properties)
    return {
        "type": "Feature",
        "id": feature_id,
        "properties": base,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
    }


def sample_features() -> list[dict[str, Any]]:
    return [
        incident(
            "inc-2026-03-05-nakhchivan-airport",
            45.458,
            39.189,
            location="Nakhchivan Airport, Nakhchivan",
            actor1="Military Forces of Iran (2021-)",
            actor2="Civilians (Azerbaijan)",
            claim_status="disputed",
            claimed_by="Azerbaijan MoD",
            denied_by="Iran General Staff",
            notes="Two drones; one hit the terminal, per Alpha.",
            admin1="Nakhchivan",
        ),
        incident(
            "inc-2026-03-05-shakarabad",
            45.30,
            39.30,
            location="Shakarabad, Nakhchivan",
            geo_precision=2,
            uncertainty_km=15,
            claim_status="claimed",
            fatalities=0,
        ),
        incident(
            "inc-2025-06-tabriz-protest",
            46.29,
            38.08,
            event_date="2025-06-10",
            time_precision=3,
            event_type="Protests",
            sub_event_type="Peaceful protest",
            country="Iran",
            location="Tabriz, East Azerbaijan",
            geo_precision=3,
            claim_status="unverified",
            sources=["beta-2025-06"],
            review="kept",
            evidence=["10-42"],
            witness_count="about 200",
        ),
        {
            "type": "Feature",
            "id": "site-nakhchivan-airport",
            "properties": {
                "layer": "site",
                "name": "Nakhchivan Airport",
                "kind": "airport",
                "country": "Azerbaijan",
                "geo_source": "sites:nakhchivan-airport",
                "sources": ["alpha-2026-03-06"],
            },
            "geometry": {"type": "Point", "coordinates": [45.458, 39.189]},
        },
        {
            "type": "Feature",
            "id": "route-reported-drone-path",
            "properties": {
                "layer": "route",
                "name": "Reported drone path",
                "kind": "flight_path",
                "sources": ["alpha-2026-03-06"],
            },
            "geometry": {
                "type": "LineString",
                "coordinates": [[45.0, 38.8], [45.3, 39.0], [45.45, 39.18]],
            },
        },
        {
            "type": "Feature",
            "id": "area-nakhchivan",
            "properties": {
                "layer": "area",
                "name": "Nakhchivan",
                "kind": "autonomous_republic",
                "country": "Azerbaijan",
                "sources": ["beta-2025-06"],
            },
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[44.8, 38.9], [46.2, 38.9], [46.2, 39.7], [44.8, 39.7], [44.8, 38.9]]
                ],
            },
        },
    ]


@pytest.fixture()
def sample_document() -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": sample_features()}


@pytest.fixture()
def sample_gdf(sample_document: dict[str, Any]) -> gpd.GeoDataFrame:
    return incidents_frame(sample_document)


@pytest.fixture()
def sources_csv(tmp_path) -> Any:
    path = tmp_path / "sources.csv"
    path.write_text(SOURCES_CSV, encoding="utf-8")
    return path


@pytest.fixture()
def sample_sources(sources_csv) -> pd.DataFrame:
    from geo.sources import read_sources

    return read_sources(sources_csv)


@pytest.fixture(scope="session")
def sample_basemap() -> Basemap:
    countries = gpd.GeoDataFrame(
        {"name": ["Azerbaijan", "Iran", "Armenia"]},
        geometry=[
            box(44.8, 38.4, 50.5, 41.9),
            box(44.0, 25.0, 63.0, 38.4),
            box(43.4, 38.8, 44.8, 41.3),
        ],
        crs="EPSG:4326",
    )
    provinces = gpd.GeoDataFrame(
        {"name": ["Nakhchivan", "East Azerbaijan"]},
        geometry=[box(44.8, 38.8, 46.2, 39.7), box(45.0, 36.8, 48.3, 38.4)],
        crs="EPSG:4326",
    )
    return Basemap(countries, provinces)
