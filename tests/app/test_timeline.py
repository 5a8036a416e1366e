"""The timeline strip under the map (geo/render/geo_timeline.js) in the app, in headless
Chromium with every request to another host blocked: handles moved by keys or mouse filter the
map in the browser (no message to the server while dragging), a release updates the URL, Play
advances the window and Pause stops it, a shared URL restores the window, and the bars wear the
map's colours. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import time
from itertools import pairwise

import pytest

from geo import style
from tests.app.test_browser import MAP_FRAME, open_map, page, server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser
ROOT = ".leaflet-container"  # the map's root element


def attribute(frame, name: str) -> str | None:
    return frame.locator(ROOT).get_attribute(name, timeout=5_000)


def drawn(frame) -> int:
    return int(attribute(frame, "data-drawn-incidents"))


def wait_for(browser_page, check, what: str, seconds: float = 30) -> None:
    """Poll `check` while Playwright keeps processing the page's events (page.url among them)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        browser_page.wait_for_timeout(250)
    raise AssertionError(f"never: {what}")


def sent_to_server(browser_page) -> list[bytes | str]:
    """Every HTTP request and websocket message the page sends from now on. The page's file
    watcher asks for a fragment rerun every 2 s whatever happens; a time window reaches the
    server inside a message carrying "time_window"."""
    sent: list[bytes | str] = []
    browser_page.on("websocket", lambda ws: ws.on("framesent", lambda m: sent.append(m)))
    browser_page.on("request", lambda request: sent.append(request.url))
    return sent


def carrying_a_window(sent: list[bytes | str]) -> list[bytes | str]:
    return [m for m in sent if not isinstance(m, bytes) or b"time_window" in m]


def test_handles_filter_the_map_in_the_browser_and_release_updates_the_url(
    server,  # noqa: F811
    page,  # noqa: F811
    artifacts_dir,
):
    url, _ = server
    sent = sent_to_server(page)
    frame = open_map(page, url)
    wait_for(page, lambda: attribute(frame, "data-drawn-incidents") == "4", "4 incidents drawn")
    count = frame.locator(".geo-tl-count")
    assert count.inner_text() == "4 of 4 incidents"

    # Mouse: drag the window's end from the last date to 10 March, holding the button.
    end = frame.locator(".geo-tl-handle").nth(1)
    assert end.get_attribute("role") == "slider"
    box = end.bounding_box()
    chart = frame.locator(".geo-tl-chart").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    before = len(sent)
    target = chart["x"] + chart["width"] * 0.16  # about 10 March of 5 March - 30 April
    for step in range(1, 11):
        x = box["x"] + (target - box["x"]) * step / 10
        page.mouse.move(x, box["y"] + box["height"] / 2)
        page.wait_for_timeout(50)
    page.wait_for_timeout(300)
    assert drawn(frame) < 4  # the map followed while the button is still down
    shown = drawn(frame)
    assert count.inner_text().startswith(f"{shown} of 4")
    assert carrying_a_window(sent[before:]) == [], "the server was asked while dragging"
    page.mouse.up()
    to = attribute(frame, "data-time-to")
    assert to < "2026-03-18"
    wait_for(page, lambda: f"to={to}" in page.url, "the URL follows the released window")
    assert carrying_a_window(sent[before:])  # sent on release

    # Keyboard: the start handle, moved by arrows, says its date.
    frame = page.frame_locator(MAP_FRAME)
    start = frame.locator(".geo-tl-handle").nth(0)
    start.focus()
    page.keyboard.press("End")  # as far as the end handle
    page.keyboard.press("ArrowLeft")
    from_day = attribute(frame, "data-time-from")
    assert start.get_attribute("aria-valuetext") == _spoken(from_day)
    assert drawn(frame) <= shown
    wait_for(page, lambda: f"from={from_day}" in page.url, "the URL follows the keys")
    page.screenshot(path=str(artifacts_dir / "timeline-brushed.png"), full_page=True)
    assert page.blocked == []


def test_play_advances_and_pause_stops(server, page, artifacts_dir):  # noqa: F811
    url, _ = server
    frame = open_map(page, url)
    frame.get_by_role("button", name="Play").click()
    first = attribute(frame, "data-time-from")
    wait_for(page, lambda: attribute(frame, "data-time-from") != first, "playback moves the window")
    assert frame.locator(".geo-tl-now").inner_text().strip()  # the dates, large, on the map
    page.screenshot(path=str(artifacts_dir / "timeline-playing.png"), full_page=True)
    frame.get_by_role("button", name="Pause").click()
    frame.get_by_role("button", name="Play").wait_for()
    stopped = attribute(frame, "data-time-from")
    page.wait_for_timeout(1500)
    assert attribute(page.frame_locator(MAP_FRAME), "data-time-from") == stopped
    wait_for(page, lambda: f"from={stopped}" in page.url, "the URL follows the paused window")
    assert page.blocked == []


def test_shared_url_restores_the_window(server, page):  # noqa: F811
    url, _ = server
    frame = open_map(page, f"{url}/?from=2026-03-15&to=2026-04-30")
    wait_for(
        page, lambda: attribute(frame, "data-time-from") == "2026-03-15", "the window restored"
    )
    assert attribute(frame, "data-time-to") == "2026-04-30"
    wait_for(page, lambda: drawn(frame) == 2, "the village and the April clashes drawn")
    assert frame.locator(".geo-tl-count").inner_text() == "2 of 4 incidents"
    assert page.blocked == []


def test_timeline_colours_are_the_maps(server, page):  # noqa: F811
    url, _ = server
    frame = open_map(page, url)
    bars = frame.locator("rect.geo-tl-bar")
    fills = {
        bars.nth(k).get_attribute("data-group"): bars.nth(k).get_attribute("fill")
        for k in range(bars.count())
    }
    assert fills == {
        "Explosions/Remote violence": style.EVENT_TYPE_STYLES["Explosions/Remote violence"][0],
        "Battles": style.EVENT_TYPE_STYLES["Battles"][0],
    }
    for label, fill in fills.items():  # the legend's swatch of the same type
        row = frame.locator(".geo-legend-row", has_text=label)
        assert row.locator("path").first.get_attribute("fill") == fill


def _spoken(iso_day: str) -> str:
    from datetime import date

    day = date.fromisoformat(iso_day)
    return f"{day.day} {day:%B %Y}"


def saved_page(browser, tmp_path, width: int = 1200, height: int = 700):
    """The fixture data's map as a saved page (no server at all), open at width × height px,
    every request but the file's own blocked."""
    from geo.load import load_incidents
    from geo.render import assets, folium_map
    from geo.sources import read_sources
    from tests.app import fixtures

    data = fixtures.write_dataset(tmp_path / "data")
    gdf, sources = load_incidents(data), read_sources(data.parent / "sources.csv")
    page_file = tmp_path / "map.html"
    page_file.write_text(
        assets.inline_html(folium_map.build_map(gdf, sources, inline=True)), encoding="utf-8"
    )
    browser_page = browser.new_page(viewport={"width": width, "height": height})
    browser_page.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
    )
    browser_page.goto(page_file.as_uri())
    browser_page.wait_for_selector("[data-geo-ready]")
    return browser_page


@pytest.mark.parametrize(("width", "labelled"), [(1200, "every"), (390, "some")])
def test_the_axis_dates_never_overlap(browser, tmp_path, artifacts_dir, width, labelled):
    """A tick per week over eight weeks: on a desktop each has its date; on a phone the strip
    is too narrow for all, and a date that would touch the one before is left out."""
    browser_page = saved_page(browser, tmp_path, width, 844)
    ticks = browser_page.locator(".geo-tl-tick").count()
    boxes = [label.bounding_box() for label in browser_page.locator(".geo-tl-label").all()]
    browser_page.locator(".geo-timeline").screenshot(
        path=str(artifacts_dir / f"timeline-axis-{width}.png")
    )
    browser_page.close()
    assert all(a["x"] + a["width"] <= b["x"] for a, b in pairwise(boxes))
    assert len(boxes) == ticks if labelled == "every" else 2 <= len(boxes) < ticks


def test_a_click_on_a_bar_selects_its_incidents(browser, tmp_path):
    """On a saved page (no server at all): the bar of 5 March selects the airport strike."""
    browser_page = saved_page(browser, tmp_path)
    bar = browser_page.locator("rect.geo-tl-bar[data-group='Explosions/Remote violence']").first
    box = bar.bounding_box()  # under the brush's outline, which takes the pointer
    browser_page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    root = browser_page.locator(ROOT)
    assert (root.get_attribute("data-time-from"), root.get_attribute("data-time-to")) == (
        "2026-03-05",
        "2026-03-05",
    )
    assert root.get_attribute("data-drawn-incidents") == "1"
    assert browser_page.locator(".geo-tl-count").inner_text() == "1 of 4 incidents"
    assert browser_page.locator(".geo-tl-now").inner_text() == "5 Mar 2026"
    browser_page.close()


def test_a_short_window_in_a_long_span_opens_zoomed(browser, tmp_path):
    """Five years of data and a two-week window: the strip opens per day around the window;
    "All dates" shows the whole span per month; "+" narrows it again."""
    import json
    from datetime import date

    from geo.load import load_incidents
    from geo.render import assets, folium_map
    from geo.sources import read_sources
    from tests.app import fixtures

    data = fixtures.write_dataset(tmp_path / "data")
    document = json.loads(data.read_text(encoding="utf-8"))
    old = json.loads(json.dumps(document["features"][0]))
    old["id"] = "inc-2021-05-03-old"
    old["properties"]["event_date"] = "2021-05-03"
    document["features"].append(old)
    data.write_text(json.dumps(document), encoding="utf-8")
    gdf, sources = load_incidents(data), read_sources(data.parent / "sources.csv")
    window = (date(2026, 3, 1), date(2026, 3, 15))
    page_file = tmp_path / "map.html"
    page_file.write_text(
        assets.inline_html(folium_map.build_map(gdf, sources, inline=True, window=window)),
        encoding="utf-8",
    )
    browser_page = browser.new_page(viewport={"width": 1200, "height": 700})
    browser_page.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
    )
    browser_page.goto(page_file.as_uri())
    browser_page.wait_for_selector("[data-geo-ready]")
    strip = browser_page.get_by_role("group", name="Timeline of incidents per day")
    assert strip.count() == 1
    assert browser_page.locator(".geo-tl-count").inner_text() == "2 of 5 incidents"
    browser_page.get_by_role("button", name="All dates").click()
    browser_page.get_by_role("group", name="Timeline of incidents per month").wait_for()
    assert browser_page.locator(".geo-tl-count").inner_text() == "5 of 5 incidents"
    for _ in range(3):
        browser_page.get_by_role("button", name="Show a shorter span on the timeline").click()
    browser_page.get_by_role("group", name="Timeline of incidents per week").wait_for()
    browser_page.close()


def test_cumulative_growth_draws_what_a_full_redraw_draws(browser, tmp_path):
    """A dense view (over 5,000 markers) grown by cumulative playback is stamped incrementally:
    the same points are drawn (and hit) as after a full redraw."""
    from bench.map_bench import synthetic_incidents, synthetic_sources
    from geo.render import assets, folium_map

    page_file = tmp_path / "map.html"
    page_file.write_text(
        assets.inline_html(
            folium_map.build_map(synthetic_incidents(8000), synthetic_sources(), inline=True)
        ),
        encoding="utf-8",
    )
    browser_page = browser.new_page(viewport={"width": 1200, "height": 700})
    browser_page.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
    )
    browser_page.goto(page_file.as_uri())
    browser_page.wait_for_selector("[data-geo-ready]")
    before, grown, stamped, redrawn = browser_page.evaluate(
        """() => {
          const map = Object.values(window).find(v => v instanceof L.Map);
          let canvas; map.eachLayer(l => { if (l._className === 'geo-point-canvas') canvas = l; });
          const tl = map.geoTimeline, out = [];
          tl.setWindow('2021-01-01', '2024-06-30');
          out.push(canvas._drawn);
          let stamped = 0; const grow = canvas.growMask.bind(canvas);
          canvas.growMask = (m, a) => { stamped++; grow(m, a); };
          tl.setWindow('2021-01-01', '2025-06-30');
          out.push(canvas._drawn, stamped);
          canvas._redraw();
          out.push(canvas._drawn);
          return out;
        }"""
    )
    browser_page.close()
    assert before > 5000  # dense already: the growth is stamped
    assert stamped == 1 and grown == redrawn > before
