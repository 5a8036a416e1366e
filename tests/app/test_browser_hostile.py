"""Hostile values on every surface of the page, in Chromium: an outlet in the registry, a
feature's name and notes, and a shared link's value written as Markdown images, HTML with a
script, and Streamlit directives. Nothing is fetched from another machine (a Markdown image
made every visitor's browser call the address in it) and no script runs, on the warnings,
the filter chips, the sidebar's lists, the map's popup, the details panel and the table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app import fixtures
from tests.app.test_browser import (  # noqa: F401 (fixtures used by name)
    MAP_FRAME,
    open_map,
    open_popup,
    page,
    pwned,
    streamlit_server,
)

pytestmark = pytest.mark.browser
HOST = "http://192.0.2.9"  # TEST-NET-1 (RFC 5737): no machine answers there
OUTLET = f"![o]({HOST}/outlet.png) <img src=x onerror=window.__pwned=11> :red[Beta]"
NAME = f"Shelling near a village ![n]({HOST}/name.png)"
NOTES = f"<img src=x onerror=window.__pwned=12>\n\n![m]({HOST}/notes.png)\n\n<{HOST}/auto>"
LINK = f"?source=src-beta~![i]({HOST}/leak.png)&type=![t]({HOST}/type.png)"


def _hostile_dataset(folder: Path) -> Path:
    dataset = fixtures.write_dataset(folder)
    registry = dataset.parent / "sources.csv"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace("Beta Daily", f'"{OUTLET}"'),
        encoding="utf-8",
    )
    document = json.loads(dataset.read_text(encoding="utf-8"))
    for feature in document["features"]:
        if feature["properties"].get("name") == "Shelling near a village":
            feature["properties"].update(name=NAME, notes=NOTES)
    dataset.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return dataset


def test_hostile_values_fetch_nothing_and_run_nothing(page, tmp_path, artifacts_dir):  # noqa: F811
    dataset = _hostile_dataset(tmp_path / "data")
    with streamlit_server(dataset) as url:
        frame = open_map(page, url + "/" + LINK)
        page.get_by_text("could not all be applied").first.wait_for(timeout=30_000)
        warning = page.locator("[data-testid=stAlert]").first.inner_text()
        assert "![i](" in warning  # shown as the characters it is
        page.get_by_text("Sources", exact=True).first.click()  # the sidebar's list
        page.get_by_text("outlet.png", exact=False).first.wait_for(timeout=30_000)
        popup = open_popup(page, frame, 38.9, 46.1, "Shelling near a village")
        assert "![n](" in popup.inner_text()
        page.locator(".st-key-details").get_by_text("Shelling near a village").first.wait_for(
            timeout=30_000
        )
        page.wait_for_timeout(2000)  # any image the page draws has been asked for by now
        page.screenshot(path=str(artifacts_dir / "app-hostile-values.png"))
        assert not [u for u in page.blocked if u.startswith(HOST)], page.blocked
        assert page.blocked == []
        assert all(value is None for value in pwned(page))
        images = page.evaluate(
            "[...document.querySelectorAll('img')].map(i => i.src)"
            ".filter(s => s.startsWith('http') && !s.startsWith(location.origin))"
        )
        assert images == []
