"""Static maps: size and resolution, text in the SVG, the PDF as a page, identical repeats."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from geo import style as geo_style
from geo.export import ExportError, export_bytes
from geo.export.captions import source_lines
from geo.export.options import ExportOptions, make_options
from geo.export.static_map import static_map_bytes
from geo.view import View

PDFTOPPM = shutil.which("pdftoppm") or "/usr/bin/pdftoppm"
SMALL = ExportOptions(width_in=8.0, height_in=5.5, dpi=80)  # keeps the tests quick


def render(fmt, gdf, sources, basemap, view=None, options=None) -> bytes:
    return static_map_bytes(fmt, gdf, sources, view or View(), options or SMALL, basemap)


def svg_text(data: bytes) -> str:
    """Every piece of text in the SVG, joined by newlines (SVG keeps text as <text>)."""
    root = ET.fromstring(data)
    return "\n".join(
        "".join(node.itertext()) for node in root.iter("{http://www.w3.org/2000/svg}text")
    )


def test_png_has_the_asked_size_and_resolution(sample_gdf, sample_sources, sample_basemap):
    options = make_options("Size test", "1500x900", 150)
    image = Image.open(
        io.BytesIO(render("png", sample_gdf, sample_sources, sample_basemap, options=options))
    )
    assert image.size == (1500, 900)
    assert tuple(round(v) for v in image.info["dpi"]) == (150, 150)


def test_svg_text_holds_title_legend_and_sources(sample_gdf, sample_sources, sample_basemap):
    text = svg_text(
        render(
            "svg",
            sample_gdf,
            sample_sources,
            sample_basemap,
            options=ExportOptions(title="Drone strikes near Nakhchivan", dpi=80),
        )
    )
    assert "Drone strikes near Nakhchivan" in text
    entries = geo_style.legend_entries(sample_gdf)
    assert len(entries) >= 8  # types, statuses, precision, site, route, area
    flat = " ".join(text.split())
    for entry in entries:
        assert entry.label in flat, entry.label
        assert entry.group in flat, entry.group
    for line in source_lines(sample_gdf, sample_sources):
        assert line in flat
    assert "Natural Earth" in flat and "GeoNames" in flat
    assert "Period: Jun 2025 to 5 Mar 2026" in flat


def test_caption_names_the_filters(sample_gdf, sample_sources, sample_basemap):
    view = View(event_types=frozenset({"Protests"}), layers=frozenset({"incident"}))
    data = export_bytes("svg", sample_gdf, sample_sources, view, ExportOptions())
    flat = " ".join(svg_text(data).split())
    assert "event type: Protests" in flat and "layers: incident" in flat
    assert "Shown: 1 incident." in flat
    assert "Beta Monthly" in flat and "Alpha Wire" not in flat  # only the sources shown


def test_pdf_turns_into_a_png_page(sample_gdf, sample_sources, sample_basemap, tmp_path):
    if not Path(PDFTOPPM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI is set but pdftoppm is missing; .ci/run installs poppler-utils")
        pytest.skip("pdftoppm not installed (apt-get install poppler-utils)")
    pdf = tmp_path / "map.pdf"
    pdf.write_bytes(render("pdf", sample_gdf, sample_sources, sample_basemap))
    subprocess.run(
        [PDFTOPPM, "-png", "-r", "50", "-singlefile", str(pdf), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    page = Image.open(tmp_path / "page.png")
    assert page.size == (400, 275)  # 8 x 5.5 in at 50 dpi
    pixels = np.asarray(page.convert("L"))
    assert pixels.min() < 100 and pixels.std() > 10  # a drawn page, not a blank one


@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_same_call_gives_identical_bytes(fmt, sample_gdf, sample_sources, sample_basemap):
    first = render(fmt, sample_gdf, sample_sources, sample_basemap)
    assert render(fmt, sample_gdf, sample_sources, sample_basemap) == first


def test_same_call_gives_identical_pixels(sample_gdf, sample_sources, sample_basemap):
    first = render("png", sample_gdf, sample_sources, sample_basemap)
    second = render("png", sample_gdf, sample_sources, sample_basemap)
    assert np.array_equal(
        np.asarray(Image.open(io.BytesIO(first))), np.asarray(Image.open(io.BytesIO(second)))
    )


def test_a_page_too_small_for_the_map_is_refused(sample_gdf, sample_sources, sample_basemap):
    options = ExportOptions(title="A very long title " * 12, width_in=3.0, height_in=3.0, dpi=100)
    with pytest.raises(ExportError, match="larger --size"):
        render("png", sample_gdf, sample_sources, sample_basemap, options=options)


def test_caption_counts_incidents_resting_on_a_single_origin(sample_gdf):
    from geo.export.captions import caption, corroboration_text

    gdf = sample_gdf.copy()
    incidents = [i for i, layer in enumerate(gdf["layer"].astype(str)) if layer == "incident"]
    one = [{"source": "a", "stance": "relays", "claimant": "MFA"}]
    two = [*one, {"source": "b", "stance": "asserts"}]
    gdf["reports"] = [[] for _ in range(len(gdf))]
    gdf.at[gdf.index[incidents[0]], "reports"] = one
    gdf.at[gdf.index[incidents[1]], "reports"] = two
    rest = len(incidents) - 2
    assert corroboration_text(gdf) == (
        f"1 of {len(incidents)} incidents rests on a single origin; {rest} have no reports"
        if rest != 1
        else f"1 of {len(incidents)} incidents rests on a single origin; 1 has no reports"
    )
    assert "Corroboration: 1 of" in caption(gdf, View(min_origins=1))
    assert "independent origins at least 1" in caption(gdf, View(min_origins=1))
