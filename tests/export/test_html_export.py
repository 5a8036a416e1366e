"""The HTML export opens offline in Chromium: every non-file request is blocked, the features
are drawn, and nothing was blocked."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.export import export_bytes
from geo.view import View

pytestmark = pytest.mark.browser


def test_html_export_draws_every_feature_with_no_request_elsewhere(
    browser, sample_gdf, sample_sources, tmp_path: Path, artifacts_dir: Path
):
    page_path = tmp_path / "map.html"
    page_path.write_bytes(export_bytes("html", sample_gdf, sample_sources, View()))
    blocked: list[str] = []
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    try:
        page = context.new_page()

        def guard(route) -> None:
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        page.route("**/*", guard)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_path.as_uri())
        page.wait_for_selector("[data-geo-ready='1']", timeout=20_000)
        page.wait_for_function(
            "document.querySelector('canvas[data-drawn]') !== null", timeout=10_000
        )
        incidents = int(page.get_attribute("canvas[data-drawn]", "data-drawn"))
        sites = page.locator(".geo-site-icon").count()
        shapes = page.locator("path.leaflet-interactive").count()  # routes and areas
        page.screenshot(path=str(artifacts_dir / "export-html.png"))
        # The title panel stands beside the map, not over it.
        panel = page.locator(".geo-about").bounding_box()
        frame = page.locator(".leaflet-container").bounding_box()
    finally:
        context.close()
    assert blocked == []
    assert errors == []
    assert (incidents, sites, shapes) == (3, 1, 2)
    assert panel["x"] >= frame["x"] + frame["width"] - 0.5


def test_html_export_carries_the_timeline_and_playback(
    browser, sample_gdf, sample_sources, tmp_path: Path
):
    """The page holds the selection only (a March export carries no June incident) and opens
    on the view's window; Play moves it, offline."""
    from datetime import date

    view = View(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31))
    page_path = tmp_path / "map.html"
    page_path.write_bytes(export_bytes("html", sample_gdf, sample_sources, view))
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    try:
        page = context.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file:") else route.abort()
            ),
        )
        page.goto(page_path.as_uri())
        page.wait_for_selector("[data-geo-ready='1']", timeout=20_000)
        root = page.locator(".leaflet-container")
        assert root.get_attribute("data-time-from") == "2026-03-01"
        assert page.locator(".geo-tl-count").inner_text() == "2 of 2 incidents"
        page.get_by_role("button", name="Play").click()
        page.wait_for_function(
            "document.querySelector('.leaflet-container').dataset.timeFrom !== '2026-03-01'",
            timeout=10_000,
        )
        page.get_by_role("button", name="Pause").click()
        assert page.get_by_role("button", name="Play").count() == 1
    finally:
        context.close()
