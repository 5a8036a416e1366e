"""The page's table of matching features (geo.app.table): every layer's row, a claim status only
where one applies, and the script that scrolls the table to a selected row."""

from __future__ import annotations

import pytest

from geo import paths
from geo.app import table
from geo.ledger import Registry
from geo.load import load_incidents
from geo.sources import read_sources
from tests.app.test_browser import (  # noqa: F401 (fixtures)
    click_feature,
    map_frame,
    open_map,
    shipped_server,
)


def test_a_claim_status_shows_only_for_incidents():
    gdf = load_incidents(paths.INCIDENTS)
    rows = table.feature_rows(gdf, Registry.of(read_sources(paths.SOURCES)))
    assert list(rows.columns) == [*table.WIDTHS, "id"]
    assert list(rows["id"]) == list(gdf["id"])
    incident = rows["layer"] == "incident"
    assert (rows.loc[~incident, "claim status"] == table.NOT_APPLICABLE).all()
    assert (
        rows.loc[incident, "claim status"]
        .isin(["confirmed", "claimed", "disputed", "unverified"])
        .all()
    )
    assert {"site", "route", "area"} & set(rows["layer"])  # the shipped data has other layers
    assert rows["claim status"].notna().all()


def test_the_table_grows_with_its_rows_up_to_a_limit():
    assert table.table_height(3) == table.ROW_PX * 4 + 3
    assert table.table_height(0) == table.table_height(1)
    assert table.table_height(500) == table.table_height(table.MAX_ROWS_SHOWN)


def test_the_scroll_script_names_the_row_and_its_table():
    script = table.scroll_script(12, 'feature"table')
    assert "var row = 12," in script and '"feature\\"table"' in script
    assert "</script>" not in script[: -len("</script>")]


@pytest.mark.browser
def test_a_click_on_the_map_scrolls_the_table_to_its_row(browser, shipped_server):  # noqa: F811
    """The Shusha Declaration is row 26 of the shipped data, beyond the 15 rows the table
    shows: selected on the map (zoomed in on it, where nothing else is drawn), its row is
    scrolled into the table's view."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else r.abort()
        ),
    )
    open_map(page, shipped_server)
    map_frame(page).evaluate("window.map.setView([39.76, 46.75], 10, {animate: false})")
    details = page.locator(".st-key-details", has_text="Shusha Declaration")
    for _ in range(3):  # a click landing during a rerun can be lost
        click_feature(page, 39.76, 46.75)
        try:
            details.wait_for(timeout=15_000)
            break
        except Exception:
            page.wait_for_timeout(1000)
    details.wait_for(timeout=15_000)
    row = 25 * table.ROW_PX  # the row's top in the table's scrolled content, under the header
    scroller = page.locator(".st-key-feature_table .dvn-scroller")
    page.wait_for_function(
        """([row, px]) => {
          const box = document.querySelector('.st-key-feature_table .dvn-scroller');
          return box && box.scrollTop > 0 && row >= box.scrollTop
            && row + px <= box.scrollTop + box.clientHeight - px;
        }""",
        arg=[row, table.ROW_PX],
        timeout=20_000,
    )
    assert scroller.evaluate("e => e.scrollTop") > 0
    selected = page.locator("[data-testid=stDataFrame] [role=row][aria-selected=true]")
    selected.first.wait_for(state="attached", timeout=10_000)
    assert "Shusha Declaration" in selected.first.inner_text()
    page.close()
