"""The store's part of the app page (Streamlit): the sidebar's store picker, the map layer for
the current map view, its caption and colour legend, and the store's timeline. app.py calls
these four functions; what they draw comes from geo.store.layer and geo.store.query.

A store is named by the environment variable GEO_STORE (a `.parquet` file or a folder of
them), or picked in the sidebar among the `.parquet` files beside the incident file and in its
`stores/` folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from geo import paths
from geo.escape import html_in_markdown, markdown, server_paths_hidden
from geo.files import FileError
from geo.store.layer import MapWindow, StoreLayer, period_for, store_layer
from geo.store.layout import is_store
from geo.store.query import Store
from geo.view import View

ENV = "GEO_STORE"
NONE = "(none)"
WORLD = (-180.0, -90.0, 180.0, 90.0)
START_ZOOM = 5  # the map's zoom before it has reported one (geo.render.folium_map.DEFAULT_VIEW)


def choices(incidents: Path) -> list[str]:
    """Stores the sidebar offers: GEO_STORE first, then those beside the incident file."""
    found = [os.environ.get(ENV, "")]
    for folder in (incidents.parent, incidents.parent / "stores"):
        if folder.is_dir():
            found += [str(p) for p in sorted(folder.glob("*.parquet"))]
    stores = incidents.parent / "stores"
    if stores.is_dir():  # folder stores (import-acled --out FOLDER)
        found += [str(p) for p in sorted(stores.iterdir()) if p.is_dir() and is_store(p)]
    return [NONE, *dict.fromkeys(f for f in found if f)]


def sidebar_picker(incidents: Path) -> Path | None:
    """The store picker (call inside the sidebar); the chosen store's path, if any."""
    options = choices(incidents)
    if "pick_store" not in st.session_state:
        st.session_state["pick_store"] = options[1] if os.environ.get(ENV) else NONE
    st.selectbox(
        "Bulk store",
        options,
        key="pick_store",
        format_func=lambda p: p if p == NONE else Path(p).name,
        help="GeoParquet made by `python -m geo import-acled FILE.csv --out STORE.parquet` "
        "(or `--out FOLDER`), "
        f"drawn as its own layer under the same filters (or set {ENV}).",
    )
    picked = st.session_state["pick_store"]
    if picked == NONE:
        return None
    store = open_store(picked)
    if isinstance(store, str):  # said here, beside the picker, and nothing drawn from it
        named = (
            f"{ENV} names a store that cannot be read: " if picked == os.environ.get(ENV) else ""
        )
        why = server_paths_hidden(store, [Path(picked).parent])
        st.warning(markdown(f"{named}{why.rstrip('.')}. {shown_instead(incidents)}"))
        return None
    return Path(picked)


def shown_instead(incidents: Path) -> str:
    """What the map shows when the store cannot be: the incident file alone, named, and said
    to be the data that ships with the project when it is (a visitor who set GEO_STORE took
    the shipped incidents, under the warning, for the store's)."""
    if incidents.resolve() == paths.INCIDENTS.resolve():
        return (
            "The map shows only the data that ships with the project (data/incidents.geojson, "
            "the default incident file), not the store's."
        )
    return f"The map shows only the incident file {incidents.name}, not the store's events."


@st.cache_resource(max_entries=2, show_spinner="Opening the store…")
def open_store(path: str) -> Store | str:
    """The open store, or why it cannot be opened (cached per path)."""
    if not is_store(Path(path)):
        return f"{path} is not a store (a .parquet file or a folder of them)"
    try:
        return Store(Path(path))
    except FileError as error:  # Parquet another tool wrote: what it is, and the way in
        return _named_once(Path(path).name, " ".join(p.message for p in error.problems))
    except (OSError, ValueError) as error:
        return _named_once(path, str(error))


def _named_once(name: str, said: str) -> str:
    """'name: said', unless `said` names the store already ('missing.parquet: missing.parquet:
    no Parquet file' was shown)."""
    return said if said.startswith(name) else f"{name}: {said}"


def map_layer(path: Path | None, view: View, sources: pd.DataFrame) -> StoreLayer | None:
    """The store's layer for the map view last reported by the map (the whole store, at the
    opening zoom, before the first report)."""
    if path is None:
        return None
    store = open_store(str(path))
    if isinstance(store, str):
        st.warning(markdown(server_paths_hidden(store, [path.parent])))
        return None
    store.use_registry(sources)
    window = st.session_state.get("store_window") or MapWindow(WORLD, START_ZOOM)
    return store_layer(store, view, window, sources)


def detach(folium_map: object, layer: StoreLayer | None) -> None:
    """Take the layer off the (cached) map again after st_folium has sent it: st_folium adds
    it to the map object, and the next run must find the map as the cache built it, or the
    component sees a new map and starts it again."""
    if layer is not None:
        folium_map._children.pop(layer.layer.get_name(), None)  # type: ignore[attr-defined]


def remember_window(returned: dict | None) -> None:
    """Keep the bounds and zoom the map reported; rerun when they changed so that the layer
    is drawn for them."""
    bounds = (returned or {}).get("bounds") or {}
    south_west, north_east = bounds.get("_southWest"), bounds.get("_northEast")
    zoom = (returned or {}).get("zoom")
    if not south_west or not north_east or zoom is None or south_west.get("lng") is None:
        return
    window = MapWindow(
        (south_west["lng"], south_west["lat"], north_east["lng"], north_east["lat"]), int(zoom)
    )
    if window != st.session_state.get("store_window"):
        st.session_state["store_window"] = window
        st.rerun()


def show_caption(layer: StoreLayer | None) -> None:
    if layer is None:
        return
    st.caption(markdown(layer.caption))
    if layer.legend_html:
        st.markdown(html_in_markdown(layer.legend_html), unsafe_allow_html=True)


def show_timeline(path: Path | None, view: View) -> None:
    """Dated incidents of the store per period and type, from the same View as the map."""
    store = open_store(str(path)) if path is not None else None
    if store is None or isinstance(store, str):
        return
    st.subheader(f"Timeline of the store's matching events ({markdown(path.name)})")
    first, last = store.date_range()
    period = period_for(first, last)
    counts = store.period_counts(view, period)
    if counts.empty:
        st.caption("No dated event of the store matches.")
        return
    chart = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X("period:T", title=f"per {period}"),
            y=alt.Y("sum(count):Q", title="events"),
            color=alt.Color("group:N", title="type"),
            tooltip=["period:T", "group:N", "count:Q"],
        )
        .properties(height=220)
    )
    st.altair_chart(chart, width="stretch")
