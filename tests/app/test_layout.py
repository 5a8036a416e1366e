"""The page's layout at the three screen sizes the docs show (1400x1000, 1280x720 and a 390x844
phone), in headless Chromium with every request off the machine blocked: every control of the
map (zoom, names, full screen, legend, timeline) lies inside the map's frame and the window,
nothing drawn over the map covers a drawn incident, a selection's details never narrow the
map or cover it, and the screenshots of docs/img/ are taken here (tests/artifacts/)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.app.test_browser import (  # noqa: F401 (fixtures)
    MAP_FRAME,
    click_feature,
    map_frame,
    open_map,
    open_popup,
    shipped_server,
    wait_idle,
)
from tests.harness import block_off_machine

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
  // The scale's labels: each on one line, inside its bar.
  const scales = [...document.querySelectorAll('.leaflet-control-scale-line')].filter(visible)
    .map(e => [e.textContent, e.scrollWidth, e.clientWidth, e.offsetHeight,
               parseFloat(getComputedStyle(e).lineHeight)]);
  const covered = [], painted = [];
  const ratio = window.devicePixelRatio || 1;
  let drawn = 0;
  window.map.eachLayer(layer => {
    if (!layer._inView || !layer._points || !layer._points.g) return;
    const context = layer._canvas.getContext('2d');
    for (let j = 0; j < layer._inView.length; j++) {
      if (!layer._inView[j] || layer._points.g[j] === 255) continue;  // 255: not an incident
      const x = layer._xs[j], y = layer._ys[j];
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      drawn++;
      let under = false;
      for (const [name, l, t, r, b] of overlays) {
        if (x >= l && x <= r && y >= t && y <= b) {
          covered.push([layer._points.row[j], x, y, name]);
          under = true;
        }
      }
      // The incident's own colour at its centre, where its marker is opaque: the screenshot
      // must show that colour there (no town label or other basemap ink over it).
      const rgba = context.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data;
      if (!under && rgba[3] === 255) {
        painted.push([layer._points.row[j], x, y, rgba[0], rgba[1], rgba[2]]);
      }
    }
  });
  return {width: innerWidth, height: innerHeight, controls, covered, drawn, scales, painted};
}"""


def wait_painted(page) -> None:
    """Wait until Streamlit is idle and the map has drawn its incidents and its basemap (the
    basemap is added after the incidents: a picture taken before shows no town)."""
    wait_idle(page)
    page.frame_locator(MAP_FRAME).locator("[data-geo-basemap-ready]").wait_for(timeout=60_000)
    # The canvas that the tiles are painted on is shown one animation frame later.
    map_frame(page).evaluate(
        "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
    )


def check_layout(page, width: int, height: int, incidents: bool = True) -> None:
    """Every control inside the map's frame (and, on a phone, the window), the scale's labels
    on one line inside their bars; with `incidents`, no drawn incident under a control, the
    timeline or the big dates, and none under the basemap's ink (a town's name or dot): the
    picture shows each incident's own colour at its centre."""
    frame_box = page.locator(MAP_FRAME).bounding_box()
    # The map's frame is inside the window's width (the page scrolls down, never sideways).
    assert frame_box["x"] >= 0 and frame_box["x"] + frame_box["width"] <= width + 1
    found = map_frame(page).evaluate(CHECK)
    for name, text, left, top, right, bottom in found["controls"]:
        where = f"{name} {text!r} at ({left:.0f}, {top:.0f})-({right:.0f}, {bottom:.0f})"
        assert left >= -1 and right <= found["width"] + 1, f"off the map's side: {where}"
        assert top >= -1 and bottom <= found["height"] + 1, f"off the map's top/bottom: {where}"
        assert frame_box["y"] + bottom <= height + 1 or width > 640, f"below the window: {where}"
    for text, inner, box, tall, line in found["scales"]:
        assert inner <= box + 1, f"the scale's label {text!r} runs out of its bar"
        assert tall < 2 * line, f"the scale's label {text!r} wraps onto a second line"
    assert found["drawn"] > 0
    if incidents:
        assert found["covered"] == [], f"incidents under a control: {found['covered']}"
        picture = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
        hidden = []
        for row, x, y, *rgb in found["painted"]:
            shown = picture.getpixel((round(frame_box["x"] + x), round(frame_box["y"] + y)))
            if max(abs(a - b) for a, b in zip(shown, rgb, strict=True)) > 24:
                hidden.append((row, round(x), round(y), tuple(rgb), shown))
        assert found["painted"] and hidden == [], f"incidents painted over: {hidden}"


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
    wait_painted(page)
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
    block_off_machine(page)
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
    wait_painted(page)
    after = page.locator(MAP_FRAME).bounding_box()
    panel = details.bounding_box()
    assert after["width"] == pytest.approx(before["width"], abs=1)  # never narrowed
    if width > 640:
        assert after == pytest.approx(before, abs=1)  # nor moved
        assert panel["x"] >= after["x"] + after["width"] - 1  # beside the map
    else:
        assert panel["y"] >= after["y"] + after["height"] - 1  # under the map's frame
    # The map's controls stay on it, and no incident is under them (the phone's shorter map
    # fits the incidents again into the room its controls and the timeline leave).
    check_layout(page, width, height)
    if width > 640:  # the popup (none on a phone: the drawer is its popup) is inside the map
        popup = page.frame_locator(MAP_FRAME).locator(".leaflet-popup").bounding_box()
        assert (
            popup["x"] >= after["x"] and popup["x"] + popup["width"] <= after["x"] + after["width"]
        ), f"the popup hangs over the map's side: {popup} in {after}"
    page.screenshot(path=str(artifacts_dir / f"app-{width}x{height}-selected.png"))
    context.close()


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("claim=disputed&country=Georgia", "No incident matches the selection (it holds 1 route)"),
        ("claim=disputed&country=Georgia&layer=incident", "No feature matches the selection"),
    ],
    ids=["only-a-route", "nothing"],
)
def test_a_filter_that_leaves_no_incident_says_so_on_the_map(
    browser,
    shipped_server,  # noqa: F811
    artifacts_dir,
    query,
    said,
):
    """With no incident left there is no timeline to draw: the map says why instead, with
    what each filter hides, inside the map, and its legend and controls stay on it."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    block_off_machine(page)
    page.goto(f"{shipped_server}/?{query}")
    wait_painted(page)
    frame = page.frame_locator(MAP_FRAME)
    message = frame.locator(".geo-map-message[role=status]")
    text = message.inner_text(timeout=30_000)
    assert text.startswith(said) and "country hides 45" in text, text
    assert frame.locator(".geo-timeline").count() == 0
    assert frame.locator(".geo-legend-button").is_visible()
    inside = map_frame(page).evaluate(
        """() => {
          const m = document.querySelector('.geo-map-message').getBoundingClientRect();
          return m.left >= 0 && m.top >= 0 && m.right <= innerWidth && m.bottom <= innerHeight;
        }"""
    )
    assert inside
    page.screenshot(path=str(artifacts_dir / f"app-no-incident-{query.count('&')}.png"))
    context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_filter_chip_in_the_header_is_whole_on_screen(
    browser,
    shipped_server,  # noqa: F811
    artifacts_dir,
    width,
    height,
):
    """Three filters as chips in the header: each chip lies inside its column and the window,
    its label not cut (at 1280 px the third one ran off the header's right edge)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    block_off_machine(page)
    page.goto(
        f"{shipped_server}/?country=Iran~Azerbaijan~Georgia"
        "&type=Battles~Explosions/Remote%20violence&claim=disputed~unverified"
    )
    wait_painted(page)
    chips = page.evaluate(
        """() => [...document.querySelectorAll(
              '.st-key-header [data-testid=stButtonGroup] button')].map(b => {
          const r = b.getBoundingClientRect();
          const column = b.closest('[data-testid=stColumn]').getBoundingClientRect();
          const label = b.firstElementChild;
          return [b.textContent, r.left, r.right, column.left, column.right,
                  label.scrollWidth, label.clientWidth];
        })"""
    )
    page.screenshot(path=str(artifacts_dir / f"app-chips-{width}x{height}.png"))
    context.close()
    assert len(chips) == 3, chips
    for text, left, right, column_left, column_right, inner, shown in chips:
        assert column_left - 1 <= left and right <= column_right + 1, f"{text!r} leaves its column"
        assert right <= width, f"{text!r} runs off the window"
        assert inner <= shown + 1, f"{text!r} is cut"


@pytest.mark.parametrize(("width", "height"), SIZES[:2])
def test_a_popup_near_the_map_s_top_edge_opens_whole_inside_the_map(
    browser,
    shipped_server,  # noqa: F811
    artifacts_dir,
    width,
    height,
):
    """An incident a few pixels under the map's top edge (a shared view can put it there):
    its popup opens below it, whole inside the map, the map not panned (the page keeps the
    view it was given)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    block_off_machine(page)
    page.goto(f"{shipped_server}/?lat=37.3&lon=29&zoom=6")
    wait_painted(page)
    # The view that puts the meeting in Istanbul 40 px under the map's top at this size.
    lat = map_frame(page).evaluate(
        """() => { const size = window.map.getSize();
                   const at = window.map.latLngToContainerPoint([41.01, 28.95]);
                   return window.map.containerPointToLatLng(
                       [size.x / 2, size.y / 2 + at.y - 40]).lat; }"""
    )
    page.goto(f"{shipped_server}/?lat={lat:.5f}&lon=29&zoom=6")
    wait_painted(page)
    frame = page.frame_locator(MAP_FRAME)
    centre = "(() => { const c = window.map.getCenter(); return [c.lat, c.lng]; })()"
    before = map_frame(page).evaluate(centre)
    top = map_frame(page).evaluate("window.map.latLngToContainerPoint([41.01, 28.95]).y")
    assert 0 < top < 120, f"the incident is {top:.0f} px under the top: not near it"
    popup = open_popup(page, frame, 41.01, 28.95, "Organization of Turkic States")
    box = frame.locator(".leaflet-popup").bounding_box()
    content = popup.bounding_box()
    mapped = page.locator(MAP_FRAME).bounding_box()
    page.screenshot(path=str(artifacts_dir / f"app-popup-top-{width}x{height}.png"))
    after = map_frame(page).evaluate(centre)
    context.close()
    assert box["y"] >= mapped["y"] and box["y"] + box["height"] <= mapped["y"] + mapped["height"]
    assert content["height"] > 40
    assert after == pytest.approx(before, abs=1e-6)  # not panned
