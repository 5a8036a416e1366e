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
    MAP_FRAME,
    click_feature,
    map_frame,
    open_map,
    shipped_server,
    wait_idle,
)
from tests.conftest import ARTIFACTS
from tests.harness import block_off_machine


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
@pytest.mark.parametrize("sort_by", [None, "name"], ids=["as-given", "sorted-by-name"])
def test_a_click_on_the_map_scrolls_the_table_to_its_row(
    browser,
    shipped_server,  # noqa: F811
    sort_by,
):
    """The Shusha Declaration is row 26 of the shipped data, beyond the 15 rows the table
    shows (row 44 once sorted by name): selected on the map (zoomed in on it, where nothing
    else is drawn), its row is scrolled into the table's view, in the order the table shows."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    block_off_machine(page)
    open_map(page, shipped_server)
    wait_idle(page)
    grid = page.locator(".st-key-feature_table")
    if sort_by:  # a click on the column's header sorts the table (in the browser only)
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        left = sum(list(table.WIDTHS.values())[: list(table.WIDTHS).index(sort_by)])
        page.mouse.click(box["x"] + left + 60, box["y"] + table.ROW_PX / 2)
        grid.locator("[role=columnheader]", has_text=f"\u2191 {sort_by}").wait_for(
            state="attached", timeout=20_000
        )
        page.locator(MAP_FRAME).scroll_into_view_if_needed()  # the map back in the window
        wait_idle(page)
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
    # The selected row is in the table's accessible copy only while it is in view; its
    # aria-rowindex (the header is 1) is its place in the order shown.
    selected = grid.locator("tbody [role=row][aria-selected=true]")
    selected.first.wait_for(state="attached", timeout=30_000)
    assert "Shusha Declaration" in selected.first.inner_text()
    shown_at = int(selected.first.get_attribute("aria-rowindex")) - 2
    assert shown_at == (25 if sort_by is None else 43)
    page.wait_for_function(
        """([row, px]) => {
          const box = document.querySelector('.st-key-feature_table .dvn-scroller');
          return box && box.scrollTop > 0 && row * px >= box.scrollTop
            && (row + 1) * px <= box.scrollTop + box.clientHeight - px;
        }""",
        arg=[shown_at, table.ROW_PX],
        timeout=20_000,
    )
    page.screenshot(path=str(ARTIFACTS / f"app-table-scrolled-{sort_by or 'as-given'}.png"))
    page.close()
