"""The one selected feature, shared by the map, the details panel and the table, whichever of
them selected it (Streamlit session state).

`st.session_state["selected_id"]` holds the feature's id. A row picked in the table selects its
feature and centres the map on it; a click on the map selects the feature and its table row,
without moving the map. The table's selection is set from `selected_id` on every run, so that it
follows the feature when the filters reorder or shorten the table.

Whenever the table must show another row than the browser's table holds (the map or Close
changed the selection), the table gets a new key (`table-<n>`, in `st.session_state[TABLE_KEY]`),
so the browser draws a new table. Why: a rerun the browser asks for before it has drawn the
server's change (the map component reports its new size or bounds while the details drawer
opens or closes) carries the browser's old table selection; under the old key that stale
selection read as the user's pick, and closed a drawer just opened or reopened one just closed.
Under a new key the stale value belongs to a table no longer drawn, and is ignored.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

SELECTED = "selected_id"
TABLE_KEY = "table_key"  # the st.dataframe's key now: "table-<n>"
CENTRE = "map_centre"  # (lat, lon) the map is asked to centre on, after a table pick


def selected_id() -> str | None:
    return st.session_state.get(SELECTED)


def table_key() -> str:
    """The feature table's current widget key (`table-<n>`)."""
    return st.session_state.setdefault(TABLE_KEY, "table-0")


def take_table_pick(point_of: Callable[[str], tuple[float, float] | None]) -> None:
    """Select the feature of a row the user picked in the table since the last run (call
    before the map is drawn); `point_of` gives a feature's (lat, lon) to centre the map on."""
    rows = _rows(st.session_state.get(table_key()))
    shown = st.session_state.get("table_ids", [])
    row_id = shown[rows[0]] if rows and rows[0] < len(shown) else None
    if row_id == st.session_state.get("table_row_id"):
        return  # no new pick: the row is the one this module put there
    st.session_state["table_row_id"] = row_id
    if row_id is None:  # the user cleared the row: nothing is selected
        st.session_state[SELECTED] = None
        return
    st.session_state[SELECTED] = row_id
    st.session_state[CENTRE] = point_of(row_id)


def take_map_click(returned: dict | None) -> None:
    """Select a feature clicked on the map, once per click. `returned` is the map's state
    (streamlit-folium): `last_object_clicked_tooltip` is the id the click reported and
    `last_object_clicked_count` counts clicks, so the same feature clicked again (after Close
    cleared it) is a new click and selects it again, while a rerun for another reason (Close
    itself) is not a click."""
    clicked = (returned or {}).get("last_object_clicked_tooltip")
    if not clicked:
        return
    seen = (clicked, returned.get("last_object_clicked_count"))  # type: ignore[union-attr]
    if seen != st.session_state.get("map_click"):
        st.session_state["map_click"] = seen
        st.session_state[SELECTED] = clicked


def clear() -> None:
    """Nothing selected (the details panel's close button)."""
    st.session_state[SELECTED] = None


def show_in_table(ids: list[str]) -> None:
    """Put the selected feature's row into the table's selection (call before the table is
    drawn; `ids` are the table's rows' feature ids, in order)."""
    chosen = selected_id()
    rows = [ids.index(chosen)] if chosen in ids else []
    key = table_key()
    if _rows(st.session_state.get(key)) != rows:  # the browser's table must change: a new one
        st.session_state[TABLE_KEY] = f"table-{int(key.rpartition('-')[2]) + 1}"
    st.session_state[table_key()] = {"selection": {"rows": rows, "columns": []}}
    st.session_state["table_ids"] = ids
    st.session_state["table_row_id"] = chosen if rows else None


def _rows(state: dict | None) -> list[int]:
    """The row positions of a table's selection state (`{"selection": {"rows": [...]}}`)."""
    return (state or {}).get("selection", {}).get("rows", [])
