"""The page's table of matching features: its rows (pure, `feature_rows`) and bringing the
selected row into view (`scroll_script`, a script run in the page)."""

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
    """A page script that scrolls the table inside the container `key` so that the selected
    row is in the middle of its view. The table is drawn on a canvas: its scroll box is the
    grid's `.dvn-scroller`, and its accessible copy (`[role=row]`, `aria-rowindex` counting
    the header as 1) holds the rows in view, the selected one with `aria-selected`. Unsorted,
    the selected row is data row `row` (0-based, in the frame's order). Sorted by a click on
    a header (an arrow before its name), the browser alone knows the order: the view steps
    down the table until the selected row is in it, then centres it (from the top again, a few
    times, while the rerun has not marked it yet)."""
    return (
        "<script>(function () {"
        f"var row = {int(row)}, key = {json.dumps(key)}, px = {ROW_PX}, tries = 0, passes = 0;"
        "var doc = window.parent.document;"
        "function centre(box, index) {"
        "  box.scrollTop = Math.max(0, index * px - (box.clientHeight - 2 * px) / 2);"
        "}"
        "function selected(table) {"
        "  var found = table.querySelector('tbody [role=row][aria-selected=true]');"
        "  return found ? Number(found.getAttribute('aria-rowindex')) - 2 : -1;"
        "}"
        "function seek(table, box, top) {"  # one view further each animation frame or two
        "  var index = selected(table);"
        "  if (index >= 0) { centre(box, index); return; }"
        "  if (top >= box.scrollHeight) {"  # not marked yet (the rerun is drawing it): again
        "    if (++passes < 5) setTimeout(function () { seek(table, box, 0); }, 300);"
        "    return;"
        "  }"
        "  box.scrollTop = top;"
        "  requestAnimationFrame(function () { requestAnimationFrame(function () {"
        "    seek(table, box, top + box.clientHeight - 2 * px);"
        "  }); });"
        "}"
        "function go() {"
        "  var table = doc.querySelector('.st-key-' + key);"
        "  var box = table && table.querySelector('.dvn-scroller');"
        "  if (!box) { if (++tries < 40) setTimeout(go, 100); return; }"
        "  var sorted = Array.prototype.some.call("
        "    table.querySelectorAll('[role=columnheader]'),"
        "    function (h) { return /^[\u2191\u2193]/.test(h.textContent); });"
        "  if (!sorted) { centre(box, row); return; }"
        "  seek(table, box, 0);"
        "}"
        "go();"
        "})();</script>"
    )
