"""A small hand-made data set for the app's tests: every layer, every claim status, each
time precision, and properties that try to inject HTML and scripts."""

from __future__ import annotations

import json
from pathlib import Path

SOURCES_CSV = (
    "id,outlet,title,author,published,published_precision,url,seed_file,affiliation,notes\n"
    "src-alpha,Alpha News,Strikes reported near the border,,2026-03-06,1,"
    "https://example.org/alpha,,,\n"
    "src-beta,Beta Daily,<script>window.__pwned=1</script>Beta report,,2026-03-20,1,,,,\n"
    "src-gamma,Gamma Wire,Month summary,,2026-04-01,1,,,,\n"
)

INJECTED_NAME = '<img src=x onerror="window.__pwned=3">Injected'
INJECTED_NOTES = "<script>window.__pwned=4</script>"
JAVASCRIPT_URL = "javascript:window.__pwned=2"


def _point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def _feature(fid: str, geometry: dict | None, **properties: object) -> dict:
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": properties}


def features() -> list[dict]:
    incident = {
        "layer": "incident",
        "time_precision": 1,
        "geo_precision": 1,
        "sub_event_type": "Air/drone strike",
        "event_type": "Explosions/Remote violence",
    }
    return [
        _feature(
            "inc-2026-03-05-airport",
            _point(45.458, 39.189),
            **{
                **incident,
                "name": "Drone strike at the airport",
                "event_date": "2026-03-05",
                "country": "Azerbaijan",
                "claim_status": "disputed",
                "claimed_by": "Azerbaijan",
                "denied_by": "Iran",
                "actor1": "Unknown",
                "sources": ["src-alpha"],
                # two claimants relayed by one outlet: 1 outlet, 2 independent origins
                "reports": [
                    {
                        "source": "src-alpha",
                        "stance": "relays",
                        "claimant": "Azerbaijan MFA",
                        "figures": {"injured": 2},
                    },
                    {
                        "source": "src-alpha",
                        "stance": "relays",
                        "claimant": "Azerbaijan MoD",
                        "figures": {"injured": 4, "drones": 4},
                    },
                    {"source": "src-alpha", "stance": "denies", "claimant": "Iran"},
                ],
            },
        ),
        _feature(
            "inc-2026-03-18-village",
            _point(46.1, 38.9),
            **{
                **incident,
                "name": "Shelling near a village",
                "event_date": "2026-03-18",
                "geo_precision": 2,
                "uncertainty_km": 10,
                "country": "Iran",
                "claim_status": "unverified",
                "sources": ["src-beta"],
            },
        ),
        _feature(
            "inc-2026-04-month",
            _point(44.0, 37.5),
            **{
                **incident,
                "name": "Clashes during April",
                "event_date": "2026-04-10",
                "time_precision": 3,
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "country": "Türkiye",
                "claim_status": "confirmed",
                "sources": ["src-gamma"],
            },
        ),
        _feature(
            "inc-injected",
            _point(47.0, 38.0),
            **{
                **incident,
                "name": INJECTED_NAME,
                "event_date": "2026-03-10",
                "notes": INJECTED_NOTES,
                "country": "Iran",
                "claim_status": "claimed",
                "actor1": '"><svg onload=window.__pwned=5>',
                "sources": ["src-beta"],
            },
        ),
        _feature(
            "site-airport",
            _point(45.458, 39.189),
            layer="site",
            name="Airport",
            kind="airport",
            country="Azerbaijan",
            sources=["src-alpha"],
        ),
        _feature(
            "route-pipeline",
            {"type": "LineString", "coordinates": [[44.5, 40.0], [45.5, 39.5], [46.5, 39.0]]},
            layer="route",
            name="Pipeline",
            kind="pipeline",
            country="Azerbaijan; Iran",
            sources=["src-gamma"],
        ),
        _feature(
            "route-flight",
            {"type": "LineString", "coordinates": [[48.0, 37.0], [46.5, 38.2], [45.46, 39.19]]},
            layer="route",
            name="Reported flight path",
            kind="flight_path",
            country="Iran; Azerbaijan",
            geo_precision=3,
            sources=["src-alpha"],
        ),
        _feature(
            "area-province",
            {
                "type": "Polygon",
                "coordinates": [
                    [[44.8, 38.8], [46.0, 38.8], [46.0, 39.6], [44.8, 39.6], [44.8, 38.8]]
                ],
            },
            layer="area",
            name="A province",
            kind="province",
            country="Azerbaijan",
            sources=["src-alpha"],
        ),
    ]


def write_dataset(folder: Path) -> Path:
    """Write incidents.geojson and sources.csv into `folder`; returns the incidents path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources.csv").write_text(SOURCES_CSV, encoding="utf-8")
    path = folder / "incidents.geojson"
    document = {"type": "FeatureCollection", "features": features()}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def draft_features() -> list[dict]:
    """What `geo extract` writes, in small: every feature a draft with evidence offsets."""
    draft = {"review": "draft", "geo_precision": 1}
    return [
        _feature(
            "draft-inc-2026-03-07-lake",
            _point(45.7, 39.5),
            **{
                **draft,
                "layer": "incident",
                "name": "Air/drone strike: a lake (proposed)",
                "event_date": "2026-03-07",
                "time_precision": 1,
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Air/drone strike",
                "country": "Azerbaijan",
                "claim_status": "unverified",
                "sources": ["src-alpha"],
                "evidence": ["120-245", "300-360"],
            },
        ),
        _feature(
            "draft-inc-2026-04-20-pass",
            _point(44.3, 37.9),
            **{
                **draft,
                "layer": "incident",
                "name": "Armed clash: a pass (proposed)",
                "event_date": "2026-04-20",
                "time_precision": 1,
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "country": "Türkiye",
                "claim_status": "claimed",
                "claimed_by": "Türkiye",
                "sources": ["src-gamma"],
                "evidence": ["500-620"],
            },
        ),
        _feature(
            "draft-site-port",
            _point(46.4, 38.2),
            **{**draft, "layer": "site", "name": "A port", "kind": "port", "country": "Iran"},
            sources=["src-alpha"],
            evidence=["40-46"],
        ),
    ]


def write_draft(incidents: Path, name: str = "article.geojson") -> Path:
    """Write a draft into the `drafts/` folder beside `incidents`; returns its path."""
    folder = incidents.parent / "drafts"
    folder.mkdir(exist_ok=True)
    path = folder / name
    document = {"type": "FeatureCollection", "features": draft_features()}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
