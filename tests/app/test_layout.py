"""The page's layout at the three screen sizes the docs show (1400x1000, 1280x720 and a 390x844
phone), in headless Chromium with every request off the machine blocked: every control of the
map (zoom, names, full screen, legend, timeline) lies inside the map's frame and the window,
nothing drawn over the map covers a drawn incident, a selection's details never narrow the
map or cover it, and the screenshots of docs/img/ are taken here (tests/artifacts/)."""

from __future__ import annotations

import pytest

from tests.app.test_browser import (  # noqa: F401 (fixtures)
    MAP_FRAME,
    click_feature,
    map_frame,
    open_map,
    shipped_server,
)

pytestmark = pytest.mark.browser

SIZES = [(1400, 1000), (1280, 720), (390, 844)]

# In the map's frame: every visible control's box, and each drawn incident whose centre lies
# under something drawn over the map (a control's box, the timeline strip, the big dates).
CHECK = """() => {
  const visible = e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden';
  const box = e => {
    const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom];
  };
  const controls = [...document.querySelectorAll(
      '.leaflet-control a, .leaflet-control button, .leaflet-control select, ' +
      '.leaflet-control-attribution, .leaflet-control-scale, ' +
      '.geo-timeline button, .geo-timeline select, .geo-timeline input, .geo-tl-count')]
    .filter(visible)
    .map(e => [e.className || e.tagName, e.textContent.trim().slice(0, 20), ...box(e)]);
  const overlays = [...document.querySelectorAll('.leaflet-control, .geo-timeline, .geo-tl-now')]
    .filter(visible).map(e => [e.className, ...box(e)]);
  const covered = [];
  let drawn = 0;
  window.map.eachLayer(layer => {
    if (!layer._inView || !layer._points || !layer._points.g) return;
    for (let j = 0; j < layer._inView.length; j++) {
      if (!layer._inView[j] || layer._points.g[j] === 255) continue;  // 255: not an incident
      const x = layer._xs[j], y = layer._ys[j];
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      drawn++;
      for (const [name, l, t, r, b] of overlays) {
        if (x >= l && x <= r && y >= t && y <= b) covered.push([layer._points.row[j], x, y, name]);
      }
    }
  });
  return {width: innerWidth, height: innerHeight, controls, covered, drawn};
}"""


def check_layout(page, width: int, height: int, incidents: bool = True) -> None:
    """Every control inside the map's frame (and, on a phone, the window); with `incidents`,
    no drawn incident under a control, the timeline or the big dates."""
    frame_box = page.locator(MAP_FRAME).bounding_box()
    # The map's frame is inside the window's width (the page scrolls down, never sideways).
    assert frame_box["x"] >= 0 and frame_box["x"] + frame_box["width"] <= width + 1
    found = map_frame(page).evaluate(CHECK)
    for name, text, left, top, right, bottom in found["controls"]:
        where = f"{name} {text!r} at ({left:.0f}, {top:.0f})-({right:.0f}, {bottom:.0f})"
        assert left >= -1 and right <= found["width"] + 1, f"off the map's side: {where}"
        assert top >= -1 and bottom <= found["height"] + 1, f"off the map's top/bottom: {where}"
        assert frame_box["y"] + bottom <= height + 1 or width > 640, f"below the window: {where}"
    assert found["drawn"] > 0
    if incidents:
        assert found["covered"] == [], f"incidents under a control: {found['covered']}"


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_control_is_off_screen_and_nothing_covers_an_incident(
    browser,
    shipped_server,  # noqa: F811
    artifacts_dir,
    width,
    height,
):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    blocked: list[str] = []
    page.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else (blocked.append(r.request.url), r.abort())
        ),
    )
    open_map(page, shipped_server)
    page.wait_for_timeout(1500)  # the basemap's tiles and labels
    check_layout(page, width, height)
    page.screenshot(path=str(artifacts_dir / f"app-{width}x{height}.png"))
    assert blocked == []
    context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_selection_never_narrows_or_covers_the_map(
    browser,
    shipped_server,  # noqa: F811
    artifacts_dir,
    width,
    height,
):
    """The details of a clicked incident show beside the map (a drawer under it on a phone):
    the map keeps its width, and the drawer ends where the map's frame ends."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else r.abort()
        ),
    )
    open_map(page, shipped_server)
    before = page.locator(MAP_FRAME).bounding_box()
    details = page.locator(".st-key-details", has_text="Organization of Turkic States")
    for _ in range(3):  # a click landing during a rerun can be lost
        click_feature(page, 41.01, 28.95)  # the meeting in Istanbul, alone there
        try:
            details.wait_for(timeout=15_000)
            break
        except Exception:
            page.wait_for_timeout(1000)
    details.wait_for(timeout=15_000)
    page.wait_for_timeout(1000)
    after = page.locator(MAP_FRAME).bounding_box()
    panel = details.bounding_box()
    assert after["width"] == pytest.approx(before["width"], abs=1)  # never narrowed
    if width > 640:
        assert after == pytest.approx(before, abs=1)  # nor moved
        assert panel["x"] >= after["x"] + after["width"] - 1  # beside the map
    else:
        assert panel["y"] >= after["y"] + after["height"] - 1  # under the map's frame
    # The map's controls stay on it (the phone's shorter map keeps its view's centre, so an
    # incident may now lie under a control: the first test checks the opening view).
    check_layout(page, width, height, incidents=False)
    page.screenshot(path=str(artifacts_dir / f"app-{width}x{height}-selected.png"))
    context.close()
