"""Drafts on static maps: drawn in geo.style's draft colour with dashes, and in the legend."""

from __future__ import annotations

import copy

from geo import style as geo_style
from geo.export.static_map import static_map_bytes
from geo.load import incidents_frame
from geo.view import View
from tests.export.test_static_map import SMALL, svg_text


def test_drafts_are_drawn_and_explained_in_the_draft_style(
    sample_document, sample_gdf, sample_sources, sample_basemap
):
    drafted = copy.deepcopy(sample_document)
    for feature in drafted["features"]:
        feature["properties"]["review"] = "draft"
    reviewed_svg = static_map_bytes(
        "svg", sample_gdf, sample_sources, View(), SMALL, sample_basemap
    ).decode()
    draft_svg = static_map_bytes(
        "svg", incidents_frame(drafted), sample_sources, View(), SMALL, sample_basemap
    ).decode()
    assert geo_style.DRAFT_COLOR not in reviewed_svg
    assert geo_style.DRAFT_COLOR in draft_svg
    assert "stroke-dasharray" in draft_svg
    assert geo_style.DRAFT_LABEL in svg_text(draft_svg.encode())
    assert geo_style.DRAFT_LABEL not in svg_text(reviewed_svg.encode())
