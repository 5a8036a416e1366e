"""The app in headless Chromium with every request to another host blocked: the map draws the
features, filters change what is drawn, popups list the sources, injected markup stays inert,
and a shared URL restores the view. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from geo import borders, paths
from geo.load import load_incidents
from geo.render import assets, folium_map
from geo.sources import read_sources, registry_for
from tests.app import fixtures
from tests.harness import block_off_machine, streamlit_command

pytestmark = pytest.mark.browser
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(dataset: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """The app on a free loopback port, showing `dataset` (with `env` added to its
    environment); yields its URL."""
    port = free_port()
    env = {**os.environ, "GEO_INCIDENTS": str(dataset), **(env or {})}
    process = subprocess.Popen(
        streamlit_command(port, "--server.fileWatcherType", "none"),
        cwd=paths.ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("streamlit did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    dataset = fixtures.write_dataset(tmp_path_factory.mktemp("browser") / "data")
    fixtures.write_draft(dataset)  # listed in the sidebar; drawn only when ticked
    with streamlit_server(dataset) as url:
        yield url, dataset


@pytest.fixture(scope="module")
def shipped_server() -> Iterator[str]:
    """The app on the shipped data (read only)."""
    with streamlit_server(paths.INCIDENTS) as url:
        yield url


@pytest.fixture()
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.blocked = []

    def only_local(route) -> None:
        url = route.request.url
        if url.startswith(("http://localhost", "http://127.0.0.1", "data:", "blob:", "file:")):
            route.continue_()
        else:
            page.blocked.append(url)
            route.abort()

    page.route("**/*", only_local)
    yield page
    context.close()


def open_map(page, url: str):
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("[data-geo-ready]").wait_for(timeout=60_000)
    return frame


def drawn(frame, canvas: str = "canvas.geo-point-canvas") -> int:
    return int(frame.locator(canvas).get_attribute("data-drawn", timeout=5_000))


def wait_drawn(page, expected: int, canvas: str = "canvas.geo-point-canvas") -> object:
    """The map after a rerun (the iframe is replaced when the features change)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        frame = page.frame_locator(MAP_FRAME)
        try:
            if drawn(frame, canvas) == expected:
                return frame
        except Exception:  # the frame is being replaced
            pass
        time.sleep(0.5)
    raise AssertionError(f"the map never drew {expected} incidents on {canvas}")


def map_frame(page):
    """The Playwright frame holding the Leaflet map (`window.map`)."""
    return next(f for f in page.frames if f.evaluate("typeof window.map") == "object")


def wait_idle(page, timeout: float = 60_000) -> None:
    """Wait until Streamlit has no run going or asked for: the app root's
    `data-test-script-state` is `notRunning`. A click the map's component reports while the
    page reruns is queued behind that run (or lost), so an action taken then proves nothing
    about the app; a user, too, waits for the page to settle. The component sends its value
    after a short debounce, hence the pause before looking."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'",
        timeout=timeout,
    )


def click_feature(page, lat: float, lon: float) -> None:
    """Click the map at a position (found through the page's Leaflet map), once the page is
    idle."""
    wait_idle(page)
    frame = map_frame(page)
    point = frame.evaluate(
        f"(() => {{ const p = window.map.latLngToContainerPoint([{lat}, "
        f"{lon}]); return [p.x, p.y]; }})()"
    )
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])


def open_popup(page, frame, lat: float, lon: float, text: str):
    """Click a feature until its popup shows (a click that lands while Streamlit reruns the
    page after the previous click can be lost)."""
    popup = frame.locator(".leaflet-popup-content", has_text=text)
    for _ in range(3):
        click_feature(page, lat, lon)
        try:
            popup.wait_for(timeout=10_000)
            return popup
        except Exception:
            page.wait_for_timeout(1000)
    raise AssertionError(f"no popup with {text!r}")


def pwned(page) -> list[object]:
    return [f.evaluate("window.__pwned === undefined ? null : window.__pwned") for f in page.frames]


def test_map_filters_popup_and_shared_url(server, page, artifacts_dir):
    url, _ = server
    frame = open_map(page, url)
    assert drawn(frame) == 4  # the four incidents, on the canvas
    assert frame.locator(".geo-site-icon").count() == 1
    assert frame.locator("path.leaflet-interactive").count() >= 3  # routes and the area
    assert frame.locator(".geo-legend").inner_text().count("Battles") == 1

    # A popup with its source list, on the village incident (geo_precision 2).
    popup = open_popup(page, frame, 38.9, 46.1, "Shelling near a village")
    assert "Shelling near a village" in popup.inner_text()
    # The popup is compact: its sources are in the details panel beside the map.
    assert "1 source; all details beside the map" in popup.inner_text()
    details = page.locator(".st-key-details")
    details.locator("ol", has_text="Beta Daily").wait_for(timeout=30_000)

    # The injected incident: its markup shows as text and runs nothing.
    popup = open_popup(page, frame, 38.0, 47.0, "Injected")
    assert fixtures.INJECTED_NAME in popup.inner_text()
    assert popup.locator("img, script, svg").count() == 0
    page.screenshot(path=str(artifacts_dir / "app-popup.png"), full_page=True)

    # A date filter, typed and applied on Enter: from 15 March only the village (18 March)
    # and the April month remain; the range's end stays the data's last date (no "to").
    # Typed once the popup's selection has rerun the page (keys typed during a rerun are
    # lost: the date never applied once in a CI run).
    wait_idle(page)
    page.get_by_role("spinbutton", name="year, Dates start date").click()
    page.keyboard.type("20260315")
    page.keyboard.press("Enter")
    frame = wait_drawn(page, 2)
    assert "from=2026-03-15" in page.url and "to=" not in page.url

    # A shared URL: only Alpha News, from 1 March, and a map view.
    open_map(page, f"{url}/?source=src-alpha&from=2026-03-01&lat=39&lon=45.5&zoom=7")
    frame = wait_drawn(page, 1)
    sidebar = page.locator("[data-testid=stSidebar]")
    assert sidebar.get_by_role("checkbox", name="Alpha News", exact=False).is_checked()
    assert not sidebar.get_by_role("checkbox", name="Beta Daily", exact=False).is_checked()
    assert sidebar.get_by_role("spinbutton", name="day, Dates start date").inner_text() == "05"
    zoom = next(f for f in page.frames if f.evaluate("typeof window.map") == "object").evaluate(
        "window.map.getZoom()"
    )
    assert zoom == 7
    page.screenshot(path=str(artifacts_dir / "app-shared-url.png"), full_page=True)
    assert all(v is None for v in pwned(page))
    assert page.blocked == []


def test_source_filter_changes_what_is_drawn(server, page):
    """Each step acts once the page is idle and looks once the run it started is over (the
    URL is written at the run's end)."""
    url, _ = server
    open_map(page, url)
    sidebar = page.locator("[data-testid=stSidebar]")
    wait_idle(page)
    sidebar.locator(".st-key-list_source summary").click()  # the list opens on a click
    # Nothing ticked means every source: picking one is one click on its "only".
    sidebar.locator(".st-key-only_source--src-alpha").get_by_role("button", name="only").click()
    wait_drawn(page, 1)  # the airport incident is the only incident Alpha News reports
    wait_idle(page)
    assert "source=src-alpha" in page.url
    # Its chip in the header removes the filter again.
    page.locator(".st-key-header button", has_text="Alpha").click()
    wait_drawn(page, 4)
    wait_idle(page)
    assert "source=" not in page.url
    assert not sidebar.get_by_role("checkbox", name="Alpha News", exact=False).is_checked()
    sidebar.get_by_text("Beta Daily", exact=False).click()  # ticking a box adds its source
    wait_drawn(page, 2)
    wait_idle(page)
    assert "source=src-beta" in page.url


def test_minimum_independent_origins_filters_and_the_popup_shows_figure_ranges(
    server, page, artifacts_dir
):
    url, _ = server
    frame = open_map(page, url)
    assert drawn(frame) == 4
    assert "8 of 8 features match" in page.get_by_text("features match").inner_text()

    box = page.get_by_label("Independent origins at least", exact=True).and_(
        page.get_by_test_id("stNumberInputField")
    )
    box.fill("2")
    box.press("Enter")
    frame = wait_drawn(page, 1)  # only the airport strike rests on two origins
    assert "origins=2" in page.url
    assert "5 of 8 features match" in page.get_by_text("features match").inner_text()

    popup = open_popup(page, frame, 39.189, 45.458, "Drone strike at the airport")
    pick = popup.locator("a[data-pick]", has_text="Drone strike at the airport")
    if pick.count():  # the airport site lies under the strike: the map lists both first
        pick.click()
        popup = frame.locator(".leaflet-popup-content", has_text="Claim status")
        popup.wait_for(timeout=10_000)
    assert "Claim status" in popup.inner_text()
    details = page.locator(".st-key-details", has_text="Corroboration")
    details.wait_for(timeout=30_000)
    text = details.inner_text()
    assert "injured: 2–4 by source" in text and "1 outlet / 2 independent origins" in text
    assert "denies Iran: Alpha News" in text
    page.screenshot(path=str(artifacts_dir / "app-reports.png"), full_page=True)

    open_map(page, f"{url}/?origins=2&stance=denies")  # the URL keeps these filters
    wait_drawn(page, 1)
    assert page.blocked == []


def test_a_ticked_draft_is_drawn_as_its_own_overlay(server, page, artifacts_dir):
    url, _ = server
    frame = open_map(page, url)
    assert frame.locator("canvas.geo-draft-canvas").count() == 0  # nothing ticked yet
    picker = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").filter(
        has_text="Drafts to review"
    )
    picker.locator("input").click()
    page.keyboard.type("article")
    page.get_by_role("option", name="article.geojson").wait_for()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")  # closes the list
    frame = wait_drawn(page, 2, "canvas.geo-draft-canvas")  # the two draft incidents
    assert drawn(frame) == 4  # the reviewed incidents are still there, on their own canvas
    assert frame.locator(".leaflet-geoDrafts-pane .geo-site-icon").count() == 1
    assert "Draft (not reviewed)" in frame.locator(".geo-legend").inner_text()
    assert (
        "3 of 3 draft features shown"
        in page.locator("[data-testid=stMarkdown]", has_text="features match").inner_text()
    )

    # The draft incident is painted in the draft colour.
    rgba = next(f for f in page.frames if f.evaluate("typeof window.map") == "object").evaluate(
        "(() => { const p = window.map.latLngToContainerPoint([39.5, 45.7]);"
        " const c = document.querySelector('canvas.geo-draft-canvas');"
        " const r = window.devicePixelRatio || 1;"
        " return Array.from(c.getContext('2d').getImageData(p.x * r, p.y * r, 1, 1).data); })()"
    )
    red, green, blue, _ = rgba
    assert (red, green, blue) != (0, 0, 0) and green < 60 and red > 150 and blue > 150

    popup = open_popup(page, frame, 39.5, 45.7, "(proposed)")
    assert "draft (not yet reviewed)" in popup.inner_text()
    details = page.locator(".st-key-details", has_text="characters 120-245, 300-360 of the article")
    details.wait_for(timeout=30_000)  # the evidence, in the details panel beside the map
    page.screenshot(path=str(artifacts_dir / "app-drafts.png"), full_page=True)
    assert page.blocked == []


def test_map_click_table_row_and_details_panel_select_one_feature(server, page, artifacts_dir):
    url, _ = server
    frame = open_map(page, url)
    details = page.locator(".st-key-details")
    table = page.locator("[data-testid=stDataFrame]")
    centre = "[window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]"
    before = map_frame(page).evaluate(centre)
    # A click on the map: its popup, the details panel beside the map, and its table row.
    open_popup(page, frame, 38.9, 46.1, "Shelling near a village")
    details.get_by_text("Shelling near a village").first.wait_for(timeout=30_000)
    selected = table.locator("[role=row][aria-selected=true]")
    selected.first.wait_for(state="attached", timeout=30_000)
    assert "Shelling near a village" in selected.inner_text()
    map_box = page.locator(MAP_FRAME).bounding_box()
    assert details.bounding_box()["x"] >= map_box["x"] + map_box["width"] - 1  # beside it
    # The popup did not pan the view (the panel opening narrows the map: its centre stays,
    # to the rounding of half a pixel).
    after = map_frame(page).evaluate(centre)
    assert (
        after[2] == before[2] and max(abs(after[0] - before[0]), abs(after[1] - before[1])) < 0.05
    )
    page.screenshot(path=str(artifacts_dir / "app-selected-on-map.png"))

    # A row picked in the table (its row marker): the panel shows it, the map centres on it
    # and rings it.
    rows = table.locator("[role=row]").all_inner_texts()[1:]  # after the header row
    k = next(i for i, text in enumerate(rows) if "Drone strike at the airport" in text)
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 * (k + 1) + 17)
    details.get_by_text("Drone strike at the airport").first.wait_for(timeout=30_000)
    deadline, now = time.monotonic() + 30, before
    while time.monotonic() < deadline:
        now = map_frame(page).evaluate(centre)
        if abs(now[0] - 39.19) < 0.05 and abs(now[1] - 45.46) < 0.05:
            break
        page.wait_for_timeout(500)
    else:
        raise AssertionError(f"the map did not centre on the picked row: {now}")
    ring = map_frame(page).locator(".leaflet-geoSelected-pane path")
    ring.first.wait_for(state="attached", timeout=10_000)
    page.screenshot(path=str(artifacts_dir / "app-selected-in-table.png"))
    assert page.blocked == []


def test_on_a_phone_a_tap_opens_the_details_drawer(server, browser, artifacts_dir):
    url, _ = server
    context = browser.new_context(viewport={"width": 390, "height": 844})
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
    frame = open_map(page, url)
    click_feature(page, 38.9, 46.1)
    drawer = page.locator(".st-key-details", has_text="Shelling near a village")
    drawer.wait_for(timeout=30_000)
    box = drawer.bounding_box()
    assert box["y"] > 844 / 3 and box["y"] + box["height"] <= 844 + 1  # at the screen's bottom
    assert box["width"] >= 380
    assert frame.locator(".leaflet-popup").count() == 0  # the drawer is the popup here
    page.screenshot(path=str(artifacts_dir / "app-phone-drawer.png"))
    drawer.get_by_role("button", name="Close").click()
    drawer.wait_for(state="detached", timeout=30_000)
    assert blocked == []
    context.close()


def test_javascript_url_is_not_a_link(browser, loaded_injected, artifacts_dir, tmp_path):
    gdf, sources = loaded_injected
    page_file = tmp_path / "map.html"
    page_file.write_text(
        assets.inline_html(folium_map.build_map(gdf, sources, inline=True)), encoding="utf-8"
    )
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    blocked: list[str] = []
    page.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith(("file:", "data:", "blob:"))
            else (blocked.append(r.request.url), r.abort())
        ),
    )
    page.goto(page_file.as_uri())
    page.wait_for_selector("[data-geo-ready]")
    point = page.evaluate(
        "(() => { const m = Object.values(window).find(v => v instanceof "
        "L.Map); const p = m.latLngToContainerPoint([38.0, 47.0]); "
        "return [p.x, p.y]; })()"
    )
    page.mouse.click(point[0], point[1])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Beta Daily" in popup.inner_text()
    assert popup.locator("a").count() == 0  # the javascript: URL is shown as nothing
    assert popup.locator("script, img, svg").count() == 0
    page.screenshot(path=str(artifacts_dir / "map-injected.png"))
    assert page.evaluate("window.__pwned === undefined")
    assert blocked == []
    page.close()


@pytest.fixture()
def loaded_injected(dataset_path: Path) -> tuple[object, pd.DataFrame]:
    """The fixture data with a sources registry the validator would refuse: a javascript: URL
    and markup in the title (the renderer must be safe on its own)."""
    gdf = load_incidents(dataset_path)
    sources = pd.DataFrame(
        {
            "outlet": ["Alpha News", "Beta Daily", "Gamma Wire"],
            "title": [
                "t",
                "<script>window.__pwned=6</script>",
                "<img src=x onerror=window.__pwned=7>",
            ],
            "published": ["2026-03-06", "2026-03-20", "2026-04-01"],
            "url": ["https://example.org/a", fixtures.JAVASCRIPT_URL, "javascript:alert(1)"],
        },
        index=["src-alpha", "src-beta", "src-gamma"],
    )
    return gdf, sources


def test_every_shipped_incident_can_be_opened_at_the_default_view_and_at_zoom_9(
    browser, artifacts_dir, tmp_path
):
    """A click at each incident's position shows its name, in its own popup or in the list of
    the features drawn there: none is hidden by another incident or by a site. The map is the
    app's (the same build_map and geo_map.js), on a page of its own so that 50 clicks need no
    server round trip."""
    gdf = load_incidents(paths.INCIDENTS)
    sources = read_sources(registry_for(paths.INCIDENTS))
    borders_near = folium_map.border_layers(
        borders.read_countries(), borders.read_provinces(), tuple(gdf.total_bounds)
    )
    page_file = tmp_path / "map.html"
    page_file.write_text(
        assets.inline_html(folium_map.build_map(gdf, sources, borders=borders_near, inline=True)),
        encoding="utf-8",
    )
    incidents = gdf[(gdf["layer"] == "incident") & gdf.geometry.notna()]
    assert len(incidents) >= 20
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.route(
        "**/*",
        lambda r: (
            r.continue_() if r.request.url.startswith(("file:", "data:", "blob:")) else r.abort()
        ),
    )
    page.goto(page_file.as_uri())
    page.wait_for_selector("[data-geo-ready]")
    # No fading: a closing popup would take the next click for 200 ms.
    page.evaluate(
        "window.theMap = Object.values(window).find(v => v instanceof L.Map);"
        "theMap._fadeAnimated = false"
    )
    default_view = page.evaluate(
        "[theMap.getCenter().lat, theMap.getCenter().lng, theMap.getZoom()]"
    )
    unreachable = []
    for at_zoom in (None, 9):
        for _, incident in incidents.iterrows():
            lat, lon = incident.geometry.y, incident.geometry.x
            center = [lat, lon] if at_zoom else default_view[:2]
            zoom = at_zoom or default_view[2]
            point = page.evaluate(
                f"(() => {{ theMap.closePopup(); theMap.setView({center}, {zoom}, "
                f"{{animate: false}}); const p = theMap.latLngToContainerPoint([{lat}, {lon}]); "
                "return [p.x, p.y]; })()"
            )
            page.mouse.click(point[0], point[1])
            popup = page.locator(".leaflet-popup-content", has_text=incident["name"])
            try:
                popup.first.wait_for(timeout=3_000)
                shown = popup.first.inner_text()
            except Exception:
                shown = " | ".join(page.locator(".leaflet-popup-content").all_inner_texts())
            if incident["name"] not in shown:
                unreachable.append((at_zoom or "default", incident["id"], shown[:60]))
            if at_zoom is None and incident["id"] == incidents["id"].iloc[0]:
                page.screenshot(path=str(artifacts_dir / "map-reach-default.png"))
    page.close()
    assert unreachable == []


@pytest.mark.parametrize("viewport", [(1400, 1000), (390, 844)], ids=["desktop", "phone"])
@pytest.mark.parametrize(
    ("lat", "lon", "name"),
    [(38.9, 46.1, "Shelling near a village"), (39.75, 45.0, "Pipeline")],
    ids=["incident", "route"],
)
def test_every_click_selects_also_the_same_feature_again_after_close(
    server, browser, artifacts_dir, viewport, lat, lon, name
):
    """Click a feature, Close the details panel (a drawer on a phone), click the same feature
    again: the panel opens again, each time, on a desktop and on a phone."""
    url, _ = server
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    block_off_machine(page)
    try:
        open_map(page, url)
        panel = page.locator(".st-key-details", has_text=name)
        for attempt in range(3):  # the same feature, clicked again after each Close
            for _ in range(3):  # a click landing while the page reruns can be lost
                click_feature(page, lat, lon)
                try:
                    panel.wait_for(timeout=20_000)
                    break
                except Exception:
                    page.wait_for_timeout(1000)
            else:
                raise AssertionError(f"click {attempt + 1} on {name!r} opened no panel")
            if attempt == 1:
                page.screenshot(path=str(artifacts_dir / f"app-reclick-{width}x{height}.png"))
            wait_idle(page)  # the click's rerun is over: nothing queued can reopen it
            panel.get_by_role("button", name="Close").click(timeout=60_000)
            panel.wait_for(state="detached", timeout=60_000)
            wait_idle(page)
            page.wait_for_timeout(1500)  # Close's rerun must not reopen it
            assert panel.count() == 0
    finally:
        context.close()
