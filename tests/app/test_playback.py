"""Playback on the timeline strip (geo/render/geo_timeline.js), played in headless Chromium
through whole loops: every frame keeps the window's length (a pass never shrinks the next),
frames follow one another with no gap, and every dated incident shows in at least one frame.
The page is the app's map of the shipped incidents, opening on a window from the issue that
found the fault (?from=2025-06-07&to=2026-02-19)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest

from geo import paths
from geo.load import load_incidents
from geo.render import assets, folium_map
from geo.sources import read_sources
from geo.timeline import UNDATED, point_columns

pytestmark = pytest.mark.browser

EPOCH = date(1970, 1, 1)
# Every change of the strip's window while playing, as [from, to] day numbers.
RECORD = """() => {
  const root = document.querySelector('.leaflet-container');
  window.__frames = [];
  new MutationObserver(() => {
    const from = root.getAttribute('data-time-from'), to = root.getAttribute('data-time-to');
    if (root.hasAttribute('data-playing') && from) window.__frames.push([from, to]);
  }).observe(root, {attributes: true, attributeFilter: ['data-time-from', 'data-time-to']});
}"""


def day(text: str) -> int:
    return (date.fromisoformat(text) - EPOCH).days


def incident_days(gdf) -> list[tuple[str, int, int]]:
    """(id, first day, last day) of each dated incident: its date window at its precision, as
    the strip counts it (geo.timeline.point_columns)."""
    incidents = gdf[gdf["layer"] == "incident"]
    columns = point_columns(incidents)
    return [
        (ident, int(a), int(b))
        for ident, a, b in zip(incidents["id"], columns["t0"], columns["t1"], strict=True)
        if a != UNDATED
    ]


def play_loops(browser, tmp_path, window, length: str, cumulative: bool = False):
    """Open the map on `window`, choose the window `length`, press Play at 8 frames a second
    and return the frames seen until the playback has wrapped around twice."""
    gdf = load_incidents(paths.INCIDENTS)
    sources = read_sources(paths.SOURCES)
    page_file = tmp_path / "map.html"
    page_file.write_text(
        assets.inline_html(folium_map.build_map(gdf, sources, inline=True, window=window)),
        encoding="utf-8",
    )
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
    )
    page.goto(page_file.as_uri())
    page.wait_for_selector("[data-geo-ready]")
    page.evaluate(RECORD)
    page.locator(".geo-tl-length").select_option(length)
    page.locator(".geo-tl-speed").select_option("8")
    if cumulative:
        page.locator(".geo-tl-cumulative").check()
    assert page.locator(".geo-tl-loop").is_checked()
    page.get_by_role("button", name="Play").click()
    page.wait_for_function(
        """() => {
          const f = window.__frames, starts = f.filter((w, k) => k && w[1] < f[k - 1][1]);
          return starts.length >= 2;
        }""",
        timeout=120_000,
    )
    frames = [(day(a), day(b)) for a, b in page.evaluate("window.__frames")]
    page.get_by_role("button", name="Pause").click()
    handle = page.locator(".geo-tl-handle").first
    span = int(handle.get_attribute("aria-valuemin")), int(handle.get_attribute("aria-valuemax"))
    page.close()
    return gdf, frames, span


def test_a_loop_keeps_the_brushed_length_and_shows_every_incident(browser, tmp_path):
    window = (date(2025, 6, 7), date(2026, 2, 19))
    gdf, frames, (lo, hi) = play_loops(browser, tmp_path, window, "brush")
    length = (window[1] - window[0]).days + 1
    wraps = [k for k in range(1, len(frames)) if frames[k][0] < frames[k - 1][0]]
    assert len(wraps) >= 2
    for k, (first, last) in enumerate(frames):
        # Clipped only at the last date: every other frame is as long as the brushed window.
        assert last - first + 1 == length or last == hi, (k, frames[k])
        if k and k not in wraps:
            assert first == frames[k - 1][1] + 1 or frames[k - 1][1] == hi  # no gap
    for k in wraps:
        assert frames[k][0] == lo  # a loop starts again at the first date
    one_pass = frames[wraps[0] : wraps[1]]
    for ident, first, last in incident_days(gdf):
        assert any(a <= last and first <= b for a, b in one_pass), f"{ident} never shown"


@pytest.mark.parametrize(("length", "months"), [("month", 1), ("quarter", 3)])
def test_a_period_window_steps_by_that_period(browser, tmp_path, length, months):
    """Calendar windows: each frame is the next whole month (or three), from the 1st."""
    gdf, frames, (_, hi) = play_loops(
        browser, tmp_path, (date(2025, 6, 7), date(2026, 2, 19)), length
    )
    wraps = [k for k in range(1, len(frames)) if frames[k][0] < frames[k - 1][0]]
    one_pass = frames[wraps[0] : wraps[1]]
    for first, last in one_pass[1:]:
        start = EPOCH + timedelta(days=first)
        after = start.month - 1 + months
        following = date(start.year + after // 12, after % 12 + 1, 1)
        assert start.day == 1, start
        assert last == min((following - EPOCH).days - 1, hi)
    for (_, last), (first, _) in pairwise(one_pass):
        assert first == last + 1  # no gap, no overlap
    for ident, first, last in incident_days(gdf):
        assert any(a <= last and first <= b for a, b in one_pass), f"{ident} never shown"


def test_cumulative_loops_grow_from_the_first_date(browser, tmp_path):
    _, frames, (lo, _) = play_loops(browser, tmp_path, None, "quarter", cumulative=True)
    assert all(first == lo for first, _ in frames)
    wraps = [k for k in range(1, len(frames)) if frames[k][1] < frames[k - 1][1]]
    one_pass = frames[wraps[0] : wraps[1]]
    assert all(b > a for (_, a), (_, b) in pairwise(one_pass))
