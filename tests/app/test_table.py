"""The page's table of matching features (geo.app.table): every layer's row, a claim status only
where one applies, and the script that scrolls the table to a selected row."""

from __future__ import annotations

from geo import paths
from geo.app import table
from geo.ledger import Registry
from geo.load import load_incidents
from geo.sources import read_sources


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
