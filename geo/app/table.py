"""The page's table of matching features: its rows (pure, `feature_rows`) and bringing the
selected row into view (`scroll_to_row`, a script run in the page)."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd

from geo.ledger import Registry, report_labels
from geo.periods import labels

NOT_APPLICABLE = "—"  # a claim status for a site, route or area: it claims nothing
ROW_PX = 35  # st.dataframe's row height (and its header's)
MAX_ROWS_SHOWN = 15  # the table grows with its rows up to this many, then scrolls
# Columns in the order a reader scans a row: when and what first, the long lists last.
WIDTHS = {
    "date": 135,
    "name": 440,
    "type": 175,
    "country": 95,
    "claim status": 95,
    "layer": 70,
    "corroboration": 230,
    "sources": 230,
    "figures": 230,
    "reports": 400,
}


def feature_rows(selection: gpd.GeoDataFrame, registry: Registry) -> pd.DataFrame:
    """One row per feature of `selection`, columns as in WIDTHS plus `id`; a claim status
    only for incidents ("—" for the other layers)."""
    labelled = report_labels(selection, registry)
    layer = selection["layer"].astype("string")
    claim = selection["claim_status"].astype("string").where(layer == "incident")
    return pd.DataFrame(
        {
            "date": labels(selection),
            "name": selection["name"].astype("string"),
            "type": selection["event_type"]
            .astype("string")
            .fillna(selection["kind"].astype("string")),
            "country": selection["country"].astype("string"),
            "claim status": claim.fillna(NOT_APPLICABLE),
            "layer": layer,
            "corroboration": labelled["corroboration_label"],
            "sources": selection["sources"].map(", ".join),
            "figures": labelled["figures_label"],
            "reports": labelled["reports_label"],
            "id": selection["id"].astype("string"),
        }
    ).reset_index(drop=True)


def table_height(rows: int) -> int:
    """Pixels for a table showing `rows` rows (at most MAX_ROWS_SHOWN) and its header."""
    return ROW_PX * (min(max(rows, 1), MAX_ROWS_SHOWN) + 1) + 3


def scroll_script(row: int, key: str) -> str:
    """A page script that scrolls the table inside the container `key` so that data row `row`
    (0-based, in the frame's order) is in the middle of its view. The table is drawn on a
    canvas: its scroll box is the grid's `.dvn-scroller`. (A sort the reader clicked in the
    table's header reorders only what the browser shows: the row is then sought in the frame's
    order.)"""
    return (
        "<script>(function () {"
        f"var row = {int(row)}, key = {json.dumps(key)}, px = {ROW_PX}, tries = 0;"
        "function go() {"
        "  var doc = window.parent.document;"
        "  var box = doc.querySelector('.st-key-' + key + ' .dvn-scroller');"
        "  if (!box) { if (++tries < 40) setTimeout(go, 100); return; }"
        "  var top = row * px - (box.clientHeight - 2 * px) / 2;"
        "  box.scrollTop = Math.max(0, top);"
        "}"
        "go();"
        "})();</script>"
    )
