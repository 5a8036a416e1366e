"""Every RFC 7946 geometry type is drawn on every map with the rules of a Point: each Point
member a marker in the feature's style (never Leaflet's default image marker), each line and
polygon member a path; the timeline and captions count the feature once; an empty geometry is
counted as having no position. Parametrised over the types and over two places."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from geo.export import export
from geo.export.options import ExportOptions
from geo.export.static_map import static_map_bytes
from geo.load import incidents_frame
from geo.render import payload
from geo.timeline import NOT_COUNTED
from geo.view import View
from tests.export.conftest import incident

D = 0.25  # degrees: shapes large enough to see on a report map
RED = np.array([0xD7, 0x30, 0x1F])  # Explosions/Remote violence (geo.style)
SMALL = ExportOptions(width_in=8.0, height_in=5.5, dpi=80)


def _square(x: float, y: float) -> list[list[float]]:
    return [[x - D, y - D], [x + D, y - D], [x + D, y + D], [x - D, y + D], [x - D, y - D]]


# Each type with how many markers and paths it is drawn as.
GEOMETRIES = {
    "Point": (lambda x, y: {"type": "Point", "coordinates": [x, y]}, 1, 0),
    "MultiPoint": (
        lambda x, y: {"type": "MultiPoint", "coordinates": [[x - D, y], [x + D, y + D]]},
        2,
        0,
    ),
    "LineString": (
        lambda x, y: {"type": "LineString", "coordinates": [[x - D, y], [x + D, y + D]]},
        0,
        1,
    ),
    "MultiLineString": (
        lambda x, y: {
            "type": "MultiLineString",
            "coordinates": [[[x - D, y], [x, y + D]], [[x, y - D], [x + D, y]]],
        },
        0,
        2,
    ),
    "Polygon": (lambda x, y: {"type": "Polygon", "coordinates": [_square(x, y)]}, 0, 1),
    "MultiPolygon": (
        lambda x, y: {
            "type": "MultiPolygon",
            "coordinates": [[_square(x, y)], [_square(x + 3 * D, y)]],
        },
        0,
        2,
    ),
    "GeometryCollection": (
        lambda x, y: {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Point", "coordinates": [x, y]},
                {"type": "MultiPoint", "coordinates": [[x + D, y], [x, y + D]]},
                {"type": "LineString", "coordinates": [[x - D, y - D], [x + D, y + D]]},
            ],
        },
        3,
        1,
    ),
}
PLACES = {"Nakhchivan": (45.41, 39.21, "Azerbaijan"), "Tehran": (51.42, 35.69, "Iran")}


def _frame(kind: str, place: str, extra: dict | None = None):
    lon, lat, country = PLACES[place]
    feature = incident(f"inc-{kind.lower()}", lon, lat, country=country)
    feature["geometry"] = GEOMETRIES[kind][0](lon, lat)
    features = [feature] + ([extra] if extra else [])
    return incidents_frame({"type": "FeatureCollection", "features": features})


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("kind", GEOMETRIES)
def test_the_web_map_payload_draws_every_member_and_counts_the_feature_once(
    kind, place, sample_sources
):
    _, markers, paths = GEOMETRIES[kind]
    data = payload.decode(
        payload.encode(payload.build_payload(_frame(kind, place), sample_sources))
    )
    assert len(data["points"]["row"]) == markers
    assert len(data["shapes"]) == paths
    for shape in data["shapes"]:  # a point left among the shapes would be a default marker
        assert shape["geometry"]["type"] in ("LineString", "Polygon")
    counted = [g for g in data["points"]["g"] if g != NOT_COUNTED]
    counted += [s["g"] for s in data["shapes"] if s["g"] != NOT_COUNTED]
    assert len(counted) == 1  # the timeline and its legend count the incident once
    lon, lat, _ = PLACES[place]
    for y, x in zip(data["points"]["lat"], data["points"]["lon"], strict=True):
        assert abs(x - lon) <= D + 1e-4 and abs(y - lat) <= D + 1e-4


def _red_pixels(png: bytes) -> int:
    """Pixels of the incident's colour on the map (the legend at the right left out)."""
    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    height, width, _ = image.shape
    mapped = image[int(height * 0.15) : int(height * 0.9), : int(width * 0.68)]
    return int((np.abs(mapped - RED).sum(axis=2) < 60).sum())


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("kind", GEOMETRIES)
def test_the_report_map_draws_it_and_its_caption_counts_it(kind, place, sample_sources):
    gdf = _frame(kind, place)
    png = static_map_bytes("png", gdf, sample_sources, View(), SMALL)
    assert _red_pixels(png) > 20, f"nothing of the {kind} drawn"
    svg = static_map_bytes("svg", gdf, sample_sources, View(), SMALL).decode("utf-8")
    assert "Shown: 1 incident." in svg and "no position" not in svg


@pytest.mark.parametrize("kind", GEOMETRIES)
def test_an_empty_geometry_is_counted_as_without_position_everywhere(kind, sample_sources):
    """An empty geometry of any type draws nothing: every export says so, as for a null one."""
    key = "geometries" if kind == "GeometryCollection" else "coordinates"
    empty = incident("inc-empty", 0, 0)
    empty["geometry"] = {"type": kind, key: []}
    gdf = _frame("Point", "Nakhchivan", empty)
    done = {
        fmt: export(fmt, gdf, sample_sources, View(), SMALL)
        for fmt in ("png", "svg", "html", "kml")
    }
    for fmt, result in done.items():
        assert any("1 of 2 features has no position" in note for note in result.notes), fmt
    assert "Shown: 1 incident." in done["svg"].data.decode("utf-8")
    data = payload.build_payload(gdf, sample_sources)
    assert len(data["points"]["row"]) == 1 and data["shapes"] == []


@pytest.mark.browser
@pytest.mark.parametrize("day", [None, 3, 7])
def test_the_html_export_draws_every_type_without_a_default_marker(
    browser, sample_sources, tmp_path: Path, artifacts_dir: Path, day
):
    """Each type on the 1st to 7th of March; exported for all dates, or for one day, which
    leaves the other features out whatever their type (a line or polygon as a point)."""
    features = []
    for k, kind in enumerate(GEOMETRIES):
        lon, lat = 45.0 + k * 0.8, 39.3
        feature = incident(f"inc-{kind.lower()}", lon, lat, event_date=f"2026-03-0{k + 1}")
        feature["geometry"] = GEOMETRIES[kind][0](lon, lat)
        features.append(feature)
    gdf = incidents_frame({"type": "FeatureCollection", "features": features})
    view = View() if day is None else View(date_from=date(2026, 3, day), date_to=date(2026, 3, day))
    page_path = tmp_path / "map.html"
    page_path.write_bytes(export("html", gdf, sample_sources, view).data)
    kinds = list(GEOMETRIES) if day is None else [list(GEOMETRIES)[day - 1]]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file:") else route.abort()
            ),
        )
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_path.as_uri())
        page.wait_for_selector("[data-geo-ready='1']", timeout=30_000)
        drawn = int(page.get_attribute("canvas[data-drawn]", "data-drawn") or 0)
        count = page.locator(".geo-tl-count").inner_text()
        default_markers = page.locator("img.leaflet-marker-icon").count()
        paths = page.locator(".leaflet-overlay-pane path.leaflet-interactive").count()
        page.screenshot(path=str(artifacts_dir / f"export-html-geometry-types-{day}.png"))
    finally:
        context.close()
    assert errors == []
    assert default_markers == 0
    assert drawn == sum(GEOMETRIES[k][1] for k in kinds)
    assert paths == sum(GEOMETRIES[k][2] for k in kinds)
    assert count == f"{len(kinds)} of {len(kinds)} incidents"  # the page holds the selection


def test_the_field_case_collection_is_drawn_on_every_map(sample_sources):
    case = Path(__file__).parents[1] / "cases" / "geometrycollection-exports" / "collection.geojson"
    gdf = incidents_frame(json.loads(case.read_text(encoding="utf-8")))
    data = payload.build_payload(gdf, sample_sources)
    assert len(data["points"]["row"]) == 1 and len(data["shapes"]) == 1
    # Unverified: a hollow, dotted marker and a dotted line, thin at a small size.
    sharp = ExportOptions(width_in=8.0, height_in=5.5, dpi=150)
    png = static_map_bytes("png", gdf, sample_sources, View(), sharp)
    assert _red_pixels(png) > 10
