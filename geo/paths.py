"""Where the shipped data lives, relative to the project's root."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
INCIDENTS = DATA_DIR / "incidents.geojson"
SOURCES = DATA_DIR / "sources.csv"
BORDERS_DIR = DATA_DIR / "borders"
COUNTRIES = BORDERS_DIR / "countries.geojson"
PROVINCES = BORDERS_DIR / "provinces.geojson"
# The offline basemap that ships (towns, water): built by `python -m geo basemap build`.
BASEMAP = DATA_DIR / "basemap" / "region.pmtiles"
GAZETTEER_DIR = DATA_DIR / "gazetteer"
SITES = GAZETTEER_DIR / "sites.csv"
INCIDENTS_SCHEMA = DATA_DIR / "incidents.schema.json"
# Shared material beside the project (seed articles, conformance fixtures); tests read it.
SHARED = ROOT.parent / "shared"
