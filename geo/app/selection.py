"""The one selected feature, shared by the map, the details panel and the table, whichever of
them selected it (Streamlit session state).

`st.session_state["selected_id"]` holds the feature's id. A row picked in the table selects its
feature and centres the map on it; a click on the map selects the feature and its table row,
without moving the map. The table's selection is set from `selected_id` on every run, so that it
follows the feature when the filters reorder or shorten the table.

A rerun that the map asked for (its state changed: a click, a pan, its new size while the phone
drawer opens or closes) may reach the server before the browser has drawn the server's last
change to the table: the table selection it carries is the browser's old copy, and reading it
as the user's pick closed a drawer just opened, or reopened one just closed. So the table's
selection counts only in a rerun the map did not ask for. (A new table key per change would
also do, but it drops the sort the user clicked on the table's header.)
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

SELECTED = "selected_id"
TABLE = "table"  # the st.dataframe's key
MAP = "map"  # the map component's key (streamlit-folium): the state the browser last sent
CENTRE = "map_centre"  # (lat, lon) the map is asked to centre on, after a table pick


def selected_id() -> str | None:
    return st.session_state.get(SELECTED)


def take_table_pick(point_of: Callable[[str], tuple[float, float] | None]) -> None:
    """Select the feature of a row the user picked in the table since the last run (call
    before the map is drawn); `point_of` gives a feature's (lat, lon) to centre the map on.
    Nothing is taken in a rerun the map asked for (see the module's docstring)."""
    map_state = st.session_state.get(MAP)
    map_moved = map_state != st.session_state.get("map_state_seen")
    st.session_state["map_state_seen"] = map_state
    if map_moved:
        return  # the table's selection in this rerun may be the browser's stale copy
    rows = (st.session_state.get(TABLE) or {}).get("selection", {}).get("rows", [])
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
    st.session_state[TABLE] = {"selection": {"rows": rows, "columns": []}}
    st.session_state["table_ids"] = ids
    st.session_state["table_row_id"] = chosen if rows else None
