"""The map app: `python3 tasks.py app` (or `streamlit run app.py`), http://localhost:8501.

Layout only: widgets and the URL make a geo.view.View; geo/ filters, styles and renders.
The incident file is `data/incidents.geojson` unless GEO_INCIDENTS names another; its sources
registry is the nearest `sources.csv` in its folder or a parent folder. Draft files in the
`drafts/` folder beside it (from `python -m geo extract`) can be ticked for review: they are
drawn as an overlay of their own, in the draft style, under the same filters.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st
import streamlit.components.v1 as components
from streamlit_folium import st_folium

from geo import borders, criteria, draft_files, paths, snapshot, urlstate
from geo.app import desk as review_desk
from geo.app import filters, store_panel
from geo.app import selection as selection_state
from geo.app import table as feature_table
from geo.app import team as team_mode
from geo.app.session import rerun_session_on_change
from geo.countries import split_names
from geo.escape import html_in_markdown, markdown, server_paths_hidden
from geo.export import FORMATS, ExportOptions, export_bytes
from geo.export.captions import no_incident, no_incident_text
from geo.ledger import Registry, claimant_names, with_registry
from geo.load import load_incidents
from geo.periods import windows
from geo.problems import InvalidDataError, Problem
from geo.render import assets, basemap, folium_map
from geo.render.popup import popup_html
from geo.schema import CLAIM_STATUS, EVENT_TYPES, LAYERS, STANCES
from geo.sources import registry_for, sources_for
from geo.view import View, filter_features, hidden_counts, value_counts
from geo.watch import FileWatcher, file_stamp

FOCUS_ZOOM = 9
MAP_HEIGHT = 640  # px the map's frame is made with; PAGE_CSS then sizes it to the window

# The map first: a slim page top, the map's frame as tall as the window under the one-line
# header, messages that wrap, and a details panel that becomes a drawer on a phone.
PAGE_CSS = """
.block-container { padding-top: 3rem; padding-bottom: 1rem; }
[data-testid="stHeader"] { height: 2.5rem; background: transparent; }
.st-key-header p { margin: 0; }
/* The filter chips wrap onto more lines rather than run off the header's right edge. */
.st-key-header [data-testid="stButtonGroup"] > div { flex-wrap: wrap; overflow: visible; }
.st-key-header [data-testid="stButtonGroup"] button { max-width: 100%; }
iframe[title="streamlit_folium.st_folium"] {
  height: calc(100vh - 7rem) !important; min-height: 320px;
}
[data-testid="stCode"] pre, [data-testid="stCode"] code {
  white-space: pre-wrap !important; overflow-wrap: anywhere;
}
[class*="st-key-list_"] [data-testid="stVerticalBlock"] { gap: 0.25rem; }
[class*="st-key-list_"] .stMarkdownEllipsis p {
  white-space: normal; overflow: visible; text-overflow: clip;
}
.st-key-details { max-height: calc(100vh - 7rem); overflow-y: auto; }
.st-key-details .geo-popup { font-size: 0.85rem; line-height: 1.35; }
.st-key-details .geo-popup-title { font-weight: 600; font-size: 1rem; margin-bottom: 0.25rem; }
.st-key-details .geo-popup table { table-layout: fixed; width: 100%; border: none; margin: 0; }
.st-key-details .geo-popup th, .st-key-details .geo-popup td {
  border: none; padding: 1px 6px 1px 0; vertical-align: top; font-size: 0.85rem;
}
.st-key-details .geo-popup th { width: 34%; color: #555; font-weight: 500; text-align: left; }
.st-key-details .geo-popup td, .st-key-details .geo-popup li { overflow-wrap: anywhere; }
.st-key-details .geo-popup-sources { font-weight: 600; margin-top: 0.4rem; }
@media (max-width: 640px) {
  iframe[title="streamlit_folium.st_folium"] { height: calc(100vh - 9rem) !important; }
  .st-key-details:has(.geo-popup) {
    position: fixed; left: 0; right: 0; bottom: 0; z-index: 1000; max-height: 40vh;
    background: #fff; padding: 0.5rem 1rem; box-shadow: 0 -2px 8px rgba(0, 0, 0, 0.25);
  }
  /* The drawer never covers the map: the map's frame ends above it while it is open. */
  body:has(.st-key-details .geo-popup) iframe[title="streamlit_folium.st_folium"] {
    height: calc(60vh - 8rem) !important; min-height: 0;
  }
}
"""

st.set_page_config(page_title="Incident map", page_icon=":world_map:", layout="wide")


# --- Data: reloaded when the file changes, the last valid version kept ------------------------


def incidents_path() -> Path:
    return Path(os.environ.get("GEO_INCIDENTS", str(paths.INCIDENTS))).resolve()


def public(text: object) -> str:
    """`text` as a visitor may read it: the data folder's and the project's absolute paths
    left out (a file is named relative to them; geo.escape.server_paths_hidden)."""
    return server_paths_hidden(str(text), [incidents_path().parent, paths.ROOT])


# A loaded file version: (incidents, sources registry, file stamps). A plain tuple, because
# Streamlit re-executes this script, and an app-defined class would differ on every run.
Dataset = tuple[gpd.GeoDataFrame, pd.DataFrame, tuple]


@st.cache_resource(max_entries=4, show_spinner="Reading the incident file…")
def load_dataset(path: str, stamp: tuple) -> Dataset | list[Problem]:
    """The dataset, or every problem that makes it unusable (cached per file version)."""
    incidents = Path(path)
    try:
        gdf = load_incidents(incidents)
        sources = sources_for(incidents)
    except InvalidDataError as error:
        return error.problems
    except OSError as error:
        return [Problem(str(error.filename or incidents), 1, 1, "error", error.strerror or "")]
    return (with_registry(gdf, Registry.of(sources)), sources, stamp)


@st.cache_resource(max_entries=16, show_spinner="Reading the draft…")
def load_draft(path: str, stamp: tuple) -> gpd.GeoDataFrame | list[Problem]:
    """A draft file's features, or every problem that keeps it off the map (cached per file
    version)."""
    try:
        return load_incidents(Path(path))
    except InvalidDataError as error:
        return error.problems
    except OSError as error:
        return [Problem(path, 1, 1, "error", error.strerror or str(error))]


@st.cache_resource
def last_valid() -> dict[str, Dataset]:
    """The newest dataset that loaded, per file, shared by every session."""
    return {}


@st.cache_resource(show_spinner=False)
def install_assets() -> None:
    assets.install_static()


@st.cache_resource(max_entries=2, show_spinner=False)
def basemap_borders(bounds: tuple[float, float, float, float]) -> list:
    try:
        return folium_map.border_layers(borders.read_countries(), borders.read_provinces(), bounds)
    except (OSError, ValueError):
        return []  # no borders shipped: the map still draws the features


@st.cache_resource(max_entries=2, show_spinner="Preparing the local basemap…")
def local_basemap(path: str, stamp: tuple) -> dict | str:
    """The local basemap's layer spec (served by this app), or what is wrong with the file."""
    try:
        return basemap.layer_spec(
            found := basemap.read_basemap(Path(path)), url=basemap.serve(found)
        )
    except basemap.BasemapError as error:
        return str(error)


def chosen_basemap() -> dict | None:
    """The local basemap named by GEO_BASEMAP, if any; a problem with it is shown, not raised."""
    name = os.environ.get(basemap.ENV_VAR)
    if not name:
        return None
    spec = local_basemap(name, file_stamp(Path(name)))
    if isinstance(spec, str):
        st.warning(f"{basemap.ENV_VAR}: {markdown(public(spec))}")
        return None
    return spec


def shipped_basemap() -> dict | None:
    """The offline basemap that ships (towns, water); None, with a word, when it is missing."""
    spec = local_basemap(str(basemap.SHIPPED), file_stamp(basemap.SHIPPED))
    if isinstance(spec, str):
        st.warning(f"The offline basemap cannot be drawn: {spec}")
        return None
    return spec


@st.cache_resource(max_entries=8, show_spinner="Drawing the map…")
def cached_map(
    _dataset: Dataset,
    stamp: tuple,
    view: View,
    basemap: str,
    start: urlstate.MapView | None,
    _drafts: gpd.GeoDataFrame | None,
    drafts_stamp: tuple,
    window: tuple[date | None, date | None],
    local: dict | None,
):
    """The map of everything `view` selects at any date: the timeline under it hides what lies
    outside `window` in the browser, so brushing and playing need no rerun."""
    gdf, sources, _ = _dataset
    selection = filter_features(gdf, view)
    present = gdf.geometry.dropna()
    bounds = tuple(present.total_bounds) if len(present) else (44.0, 36.0, 50.0, 42.0)
    center = (start.lat, start.lon) if start else None
    return folium_map.build_map(
        selection,
        sources,
        basemap=basemap,
        borders=basemap_borders(bounds),
        center=center,
        zoom=start.zoom if start else None,
        drafts=None if _drafts is None else filter_features(_drafts, view),
        window=window,
        local_basemap=local,
        message=map_message(gdf, selection, view),
    )


def map_message(gdf: gpd.GeoDataFrame, selection: gpd.GeoDataFrame, view: View) -> str | None:
    """What the map itself says when the filters leave it no incident, where the user looks
    for them: nothing matches, or only sites, routes and areas do (the timeline, which counts
    incidents, is then not drawn); and what each filter hides. None when incidents match."""
    hidden = hidden_counts(gdf, view)
    if not len(selection):
        return _sentence(criteria.nothing_matches_text(len(gdf), hidden))
    if no_incident(selection, view):
        return _sentence(
            f"{no_incident_text(selection)}, so there is no timeline; hidden by each filter: "
            f"{criteria.hidden_text(hidden)}"
        )
    return None


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def current_dataset() -> tuple[Dataset | None, list[Problem]]:
    """The dataset and no problem; or the problems and the last valid version, from memory or,
    after "Clear cache" or a restart, from disk (geo.snapshot); None when there was none."""
    path = incidents_path()
    stamp = (file_stamp(path), file_stamp(registry_for(path)))
    loaded = load_dataset(str(path), stamp)
    store = last_valid()
    if isinstance(loaded, tuple):
        if store.get(str(path)) is not loaded:
            store[str(path)] = loaded
            snapshot.save(path, loaded[0], loaded[1])
        return loaded, []
    if str(path) not in store:
        kept = snapshot.load(path)
        if kept is not None:
            store[str(path)] = (*kept, ("snapshot",))
    return store.get(str(path)), loaded


@st.cache_resource(show_spinner=False)
def file_watcher() -> FileWatcher:
    """One watcher of the data files for the whole server (geo.watch): an idle tab costs
    nothing, where a polling fragment per tab cost each tab a rerun every 2 seconds."""
    return FileWatcher(interval=1.0)


def chosen_drafts(available: dict[str, Path]) -> list[str]:
    """The ticked drafts that still exist (a deleted file leaves the selection quietly)."""
    picked = [name for name in st.session_state.get("pick_drafts", []) if name in available]
    st.session_state["pick_drafts"] = picked
    return picked


# --- Widgets <-> URL ---------------------------------------------------------------------------


def source_label(sources: pd.DataFrame):
    def label(source_id: str) -> str:
        if source_id not in sources.index:
            return source_id
        row = sources.loc[source_id]
        published = row.get("published")
        when = pd.Timestamp(published).date().isoformat() if pd.notna(published) else "undated"
        return f"{row.get('outlet')}, {when}"

    return label


def init_from_url(options: dict[str, list[str]], gdf: gpd.GeoDataFrame) -> None:
    """Put the URL's filters into the widgets, once per session. A value the lists do not
    offer, or that no feature of `gdf` matches (geo.criteria.unmatched: `type=Protests` in
    data without protests, as `country=Atlantis`), is left out and named on the page."""
    if "initialised" in st.session_state:
        return
    # Every value of a repeated parameter (?country=Iran&country=Azerbaijan), not the last.
    state = urlstate.from_params({key: st.query_params.get_all(key) for key in st.query_params})
    view = state.view
    st.session_state["date_from"] = view.date_from
    st.session_state["date_to"] = view.date_to
    st.session_state["min_origins"] = view.min_origins or 0
    problems = list(state.problems)
    matching_nothing = criteria.unmatched(gdf, view)
    for key, field in urlstate.LIST_PARAMS.items():
        chosen = getattr(view, field) or frozenset()
        left_out = (chosen - set(options[key])) | set(matching_nothing.get(field, ()))
        st.session_state[f"pick_{key}"] = [
            v for v in options[key] if v in chosen and v not in left_out
        ]
        if left_out:
            given = f"{key}={'~'.join(sorted(left_out))}"
            problems.append(f"{criteria.unmatched_text(given, len(left_out))}, left out")
    st.session_state["url_problems"] = problems
    st.session_state["basemap"] = state.basemap
    st.session_state["map_view"] = state.map_view
    st.session_state["initialised"] = True


def take_time_window() -> None:
    """Put the window released on the map's timeline into the date inputs (before they are
    drawn). The map reports it as {"type": "time_window", "from", "to", "seq"}."""
    released = (st.session_state.get("map") or {}).get("last_active_drawing")
    if not isinstance(released, dict) or released.get("type") != "time_window":
        return
    if released.get("seq") == st.session_state.get("time_window_seq"):
        return
    st.session_state["time_window_seq"] = released.get("seq")
    window = (urlstate.parse_date(released.get("from")), urlstate.parse_date(released.get("to")))
    st.session_state["date_from"], st.session_state["date_to"] = window
    st.session_state["shown_window"] = window  # the map shows it already: no rebuild


def chosen(key: str, options: list[str]) -> frozenset[str] | None:
    """The values picked in a list filter; None (no filter) when none or all are picked."""
    picked = st.session_state.get(f"pick_{key}") or []
    return None if not picked or set(picked) >= set(options) else frozenset(picked)


def page_view(options: dict[str, list[str]]) -> View:
    """The View the widgets (and the URL they were set from) describe."""
    return View(
        date_from=st.session_state.get("date_from"),
        date_to=st.session_state.get("date_to"),
        min_origins=int(st.session_state.get("min_origins") or 0) or None,
        # each list criterion's checkbox list, keyed by its URL parameter (geo.criteria)
        **{field: chosen(key, options[key]) for key, field in urlstate.LIST_PARAMS.items()},
    )


# Each active filter as a chip in the header: (label, what removing the chip resets).
def active_filters(view: View, sources: pd.DataFrame) -> dict[str, dict[str, object]]:
    chips: dict[str, dict[str, object]] = {}
    if view.date_from is not None:
        chips[f"from {view.date_from}"] = {"date_from": None}
    if view.date_to is not None:
        chips[f"to {view.date_to}"] = {"date_to": None}
    names = {"source": "source", "type": "type", "country": "country", "claim": "status"}
    names |= {"layer": "layer", "claimant": "claimant", "stance": "stance"}
    for key, field in urlstate.LIST_PARAMS.items():
        values = getattr(view, field)
        if values is None:
            continue
        shown = sorted(
            str(sources.loc[v, "outlet"]) if key == "source" and v in sources.index else v
            for v in values
        )
        text = ", ".join(map(markdown, shown)) if len(shown) <= 2 else f"{len(shown)} picked"
        chips[f"{names.get(key, key)}: {text}"] = {f"pick_{key}": []}
    if view.min_origins:
        chips[f"origins ≥ {view.min_origins}"] = {"min_origins": 0}
    return chips


def remove_chips_of(key: str) -> None:
    """Reset the filters whose chip was removed from the header (before the widgets exist)."""
    kept = set(st.session_state.get(key) or [])
    for label, resets in st.session_state.get("chip_resets", {}).items():
        if label not in kept:
            for key, value in resets.items():
                st.session_state[key] = value


# --- Pages: the map (read-only), and the review desk for those who may review ------------------


def incident_map() -> None:
    """The map page: the rest of this script (a page of st.navigation must be a callable)."""


actor = team_mode.current_actor(incidents_path())
pages = [st.Page(incident_map, title="Map", icon=":material/map:", default=True)]
if actor.may("accept"):  # viewers never see the desk
    pages.append(
        st.Page(
            lambda: review_desk.page(incidents_path(), actor),
            title="Review desk",
            icon=":material/rate_review:",
            url_path="desk",
        )
    )
chosen_page = st.navigation(pages)
team_mode.account_box(actor, incidents_path())
if chosen_page.url_path == "desk":
    chosen_page.run()
    st.stop()

# --- The page ----------------------------------------------------------------------------------

install_assets()
local_tiles = chosen_basemap()
offline_tiles = shipped_basemap()
dataset, problems = current_dataset()
path = incidents_path()
draft_options = {draft.name: draft for draft in draft_files.list_drafts(path)}
draft_frames, draft_stamps, draft_problems = [], [], {}
for name in chosen_drafts(draft_options):
    draft_path = draft_options[name]
    draft_stamp = (file_stamp(draft_path), file_stamp(registry_for(draft_path)))
    draft = load_draft(str(draft_path), draft_stamp)
    if isinstance(draft, list):
        draft_problems[name] = draft
    else:
        draft_frames.append(draft)
        draft_stamps.append((name, draft_stamp))
drafts = draft_files.combine(draft_frames)

st.html(f"<style>{PAGE_CSS}</style>")
header = st.container(key="header")  # one line: title, counts, filter chips (filled below)
if problems:
    with st.container(border=True):
        st.error(
            f"{markdown(path.name)} does not validate"
            + (": the map shows the last valid version." if dataset else ".")
        )
        st.code(public("\n".join(p.format() for p in problems)), language=None)
for name, found in draft_problems.items():
    with st.container(border=True):
        st.warning(f"Draft {markdown(name)} does not validate: it is left off the map.")
        st.code(public("\n".join(p.format() for p in found)), language=None)
watched = [
    path,
    registry_for(path),
    *(draft_options[n] for n in st.session_state["pick_drafts"]),
    *(registry_for(draft_options[n]) for n in st.session_state["pick_drafts"]),
]
rerun_session_on_change(file_watcher(), watched)
if dataset is None:
    st.stop()

gdf, sources, stamp = dataset
options = {
    "source": sorted(set(sources.index) | set(gdf["sources"].explode().dropna())),
    "type": list(EVENT_TYPES),
    "country": sorted({name for cell in gdf["country"] for name in split_names(cell)}),
    "claim": list(CLAIM_STATUS),
    "layer": list(LAYERS),
    "claimant": claimant_names(gdf),
    "stance": list(STANCES),
}
init_from_url(options, gdf)
if st.session_state.get("url_problems"):
    st.warning(
        "The link's filters could not all be applied: "
        + "; ".join(markdown(problem) for problem in st.session_state["url_problems"])
        + ".",
        icon=":material/link_off:",
    )
take_time_window()
window_start, window_end = windows(gdf)
first_day = window_start.min().date() if window_start.notna().any() else date(2020, 1, 1)
last_day = window_end.max().date() if window_end.notna().any() else date.today()

with st.sidebar:
    st.header("Filters")
    status_slot = st.container()  # what matches and what each filter hides (filled below)
    st.caption("Nothing ticked in a list means all of it.")
    filters.date_range(first_day, last_day)
    # Each list's counts: the incidents the other filters keep (geo.view.value_counts).
    others = page_view(options)
    filters.checkbox_list(
        "source",
        "Sources",
        options["source"],
        lambda: value_counts(gdf, others, "sources"),
        format_func=source_label(sources),
    )
    filters.checkbox_list(
        "type", "Event type", options["type"], lambda: value_counts(gdf, others, "event_types")
    )
    filters.checkbox_list(
        "country", "Country", options["country"], lambda: value_counts(gdf, others, "countries")
    )
    filters.checkbox_list(
        "claim",
        "Claim status",
        options["claim"],
        lambda: value_counts(gdf, others, "claim_statuses"),
    )
    st.caption(filters.COUNT_HELP)
    st.multiselect(
        "Layers",
        options["layer"],
        key="pick_layer",
        placeholder="All layers",
        help="Hidden layers are left out everywhere: map, counts, table, exports and URL.",
    )
    st.number_input(
        "Independent origins at least",
        min_value=0,
        step=1,
        key="min_origins",
        help="Incidents whose reports come from at least this many independent origins "
        "(outlets relaying one claimant count once); 0 shows all.",
    )
    st.multiselect("Claimant", options["claimant"], key="pick_claimant", placeholder="All")
    st.multiselect("Stance", options["stance"], key="pick_stance", placeholder="All")
    basemaps = [
        b
        for b in urlstate.BASEMAPS
        if (b != "local" or local_tiles is not None) and (b != "offline" or offline_tiles)
    ]
    if st.session_state.get("basemap") not in basemaps:
        st.session_state["basemap"] = basemaps[0]
    st.radio(
        "Basemap",
        basemaps,
        key="basemap",
        horizontal=True,
        format_func={
            "offline": "Towns and water (offline)",
            "none": "Borders only (offline)",
            "osm": "OpenStreetMap",
            "local": "Local tiles (offline)",
        }.get,
        help="Towns and water: the basemap that ships (GSHHG water and rivers, GeoNames towns; "
        "the map's Names box picks their script). Local tiles: a PMTiles or MBTiles file named "
        f"by {basemap.ENV_VAR}.",
    )
    st.header("Review")
    drafts_folder = draft_files.drafts_folder(path)
    st.multiselect(
        "Drafts to review",
        list(draft_options),
        key="pick_drafts",
        help=f"Draft files in {public(drafts_folder)}, written by `python -m geo extract ARTICLE "
        f"--out {public(drafts_folder)}/NAME.geojson`. Shown in magenta with a dashed outline, "
        "as the overlay “Drafts under review”; the filters above apply to them too.",
    )
    if not draft_options:
        st.caption(f"No draft in `{public(drafts_folder)}`.")
    store_path = store_panel.sidebar_picker(path)
    export_slot = st.container()  # EXPORT: one download button per format, filled below

view = page_view(options)
selection = filter_features(gdf, view)
hidden_text = criteria.hidden_text(hidden_counts(gdf, view))
draft_selection = filter_features(drafts, view) if drafts is not None else None
draft_text = (
    f" **{len(draft_selection)} of {len(drafts)} draft features shown** (magenta, dashed: "
    "not yet reviewed)."
    if drafts is not None
    else ""
)
is_incident = gdf["layer"].astype("string") == "incident"
shown_incident = selection["layer"].astype("string") == "incident"
with status_slot:
    st.markdown(
        f"**{len(selection)} of {len(gdf)} features match** "
        f"({int(shown_incident.sum())} of {int(is_incident.sum())} incidents, "
        f"{int((~shown_incident).sum())} of {int((~is_incident).sum())} sites, routes and "
        f"areas). Hidden by each filter: {hidden_text}." + draft_text
    )
    unplaced = int(selection.geometry.isna().sum())
    if unplaced:
        st.caption(f"{unplaced} matching feature(s) have no position yet (`geo geocode`).")
chips = active_filters(view, sources)
st.session_state["chip_resets"] = chips
with header:
    title_column, chips_column = st.columns([3, 2], vertical_alignment="center")
    title_column.markdown(
        f"**Incident map** · {int(shown_incident.sum())} of {int(is_incident.sum())} incidents"
        f" · {int((~shown_incident).sum())} of {int((~is_incident).sum())} context features"
    )
    if chips:
        chips_column.pills(
            "Active filters (click one to remove it)",
            list(chips),
            selection_mode="multi",
            default=list(chips),
            key=f"chips-{hash(tuple(chips))}",
            on_change=lambda: remove_chips_of(f"chips-{hash(tuple(chips))}"),
            label_visibility="collapsed",
        )

# The map holds every date and opens its timeline on the page's window. A window released on the
# map is the one it already shows: the map stays as it is (no rebuild, no reload). A window typed
# in the sidebar, or another filter, rebuilds the map on the page's window.
map_filter = replace(view, date_from=None, date_to=None)
page_window = (view.date_from, view.date_to)
# The first map opens where the URL put it (a shared link pins its view), else it fits the
# features; a new filter rebuilds the map fitted to what it now selects; another basemap or
# draft rebuilds it where it was (the last pan).
map_key = (map_filter, st.session_state["basemap"], tuple(st.session_state["pick_drafts"]))
if st.session_state.get("map_key") != map_key:
    refit = "map_key" in st.session_state and st.session_state["map_key"][0] != map_filter
    st.session_state["map_key"] = map_key
    st.session_state["start_view"] = None if refit else st.session_state.get("map_view")
    st.session_state["shown_window"] = None  # forces the rebuild on the page's window
    st.session_state.pop(selection_state.CENTRE, None)  # the rebuilt map opens there
if st.session_state.get("shown_window") != page_window:
    st.session_state["shown_window"] = st.session_state["built_window"] = page_window


def point_of(feature_id: str) -> tuple[float, float] | None:
    """Where the map centres on a feature picked in the table: (lat, lon), if placed."""
    found = selection.geometry[selection["id"] == feature_id].dropna()
    if not len(found):
        return None
    point = found.iloc[0].representative_point()
    return point.y, point.x


selection_state.take_table_pick(point_of)
centre = st.session_state.get(selection_state.CENTRE)

m = cached_map(
    dataset,
    stamp,
    map_filter,
    st.session_state["basemap"],
    st.session_state["start_view"],
    drafts,
    tuple(draft_stamps),
    st.session_state["built_window"],
    offline_tiles if st.session_state["basemap"] == "offline" else local_tiles,
)
store_layer = store_panel.map_layer(store_path, view, sources)
# A click on the map reaches this run through the component's state: take it before the
# details panel is drawn, so the panel shows what was just clicked.
selection_state.take_map_click(st.session_state.get(selection_state.MAP))
selected = selection[selection["id"] == selection_state.selected_id()]
if not len(selected) and draft_selection is not None:
    selected = draft_selection[draft_selection["id"] == selection_state.selected_id()]
# The details panel has its column beside the map whether or not something is selected, so
# that a selection never narrows the map (nor moves or covers what it shows); on a phone the
# columns stack and the panel is a drawer under the map (PAGE_CSS).
map_column, details_column = st.columns([3, 1], gap="small")
with details_column, st.container(key="details"):
    if not len(selected):
        st.caption(
            "Click an incident on the map, or pick a row in the table, for its details here."
        )
    else:
        st.button(
            "Close",
            key="close_details",
            icon=":material/close:",
            type="tertiary",
            on_click=selection_state.clear,
            help="Clear the selection (the map, the table and this panel)",
        )
        st.markdown(html_in_markdown(popup_html(selected, sources)), unsafe_allow_html=True)
        review_desk.history_panel(path, str(selected["id"].iloc[0]))
with map_column:
    returned = st_folium(
        m,
        key=selection_state.MAP,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=[
            "last_object_clicked_tooltip",
            "last_object_clicked_count",  # a click on the same feature again is a new click
            "center",
            "zoom",
            "last_active_drawing",
            "bounds",
        ],
        feature_group_to_add=store_layer.layer if store_layer else None,
        center=centre,
        zoom=FOCUS_ZOOM if centre is not None else None,
    )
selection_state.take_map_click(returned)
if returned and returned.get("center") and returned.get("zoom") is not None:
    center = returned["center"]
    st.session_state["map_view"] = urlstate.MapView(
        center["lat"], center["lng"], int(returned["zoom"])
    )
store_panel.detach(m, store_layer)
store_panel.show_caption(store_layer)
store_panel.remember_window(returned)
wanted_params = urlstate.to_params(
    urlstate.PageState(view, st.session_state.get("map_view"), st.session_state["basemap"])
)
if st.query_params.to_dict() != wanted_params:
    st.query_params.from_dict(wanted_params)

st.markdown(
    "**Matching features** (select a row for its details beside the map, and to centre the map "
    "on it; a click on the map selects its row. A number on a marker counts the incidents drawn "
    "at that place: a click there lists each.)"
)
table = feature_table.feature_rows(selection, Registry.of(sources))
chosen_rows = table.index[table["id"] == selection_state.selected_id()]
selection_state.show_in_table(list(table["id"]))
with st.container(key="feature_table"):
    st.dataframe(
        # The selected feature's row is highlighted, whether the map or the table selected it;
        # columns can be sorted by a click on their header.
        table.style.apply(
            lambda row: ["background-color: #d9f5fb" if row.name in chosen_rows else ""] * len(row),
            axis=1,
        ),
        key=selection_state.TABLE,
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
        height=feature_table.table_height(len(table)),
        column_order=list(feature_table.WIDTHS),
        column_config={
            name: st.column_config.TextColumn(width=px) for name, px in feature_table.WIDTHS.items()
        },
    )
if len(chosen_rows):
    # A selection made on the map scrolls the table to its row (a new script per selection).
    components.html(
        feature_table.scroll_script(int(chosen_rows[0]), "feature_table")
        + f"<!-- {selection_state.selected_id()} -->",
        height=0,
    )

store_panel.show_timeline(store_path, view)

with export_slot:
    st.header("Export this view")
    # The HTML page carries the local tiles too when they are the basemap shown.
    tiles_file = os.environ.get(basemap.ENV_VAR) if st.session_state["basemap"] == "local" else None
    export_options = ExportOptions(basemap_file=Path(tiles_file) if tiles_file else None)
    for fmt, spec in FORMATS.items():
        st.download_button(
            f"{fmt.upper()}: {spec.description}",
            data=lambda fmt=fmt: export_bytes(fmt, gdf, sources, view, export_options),
            file_name=f"incidents{spec.suffix}",
            mime=spec.mime,
            on_click="ignore",
            disabled=selection.empty,
            key=f"export_{fmt}",
        )
