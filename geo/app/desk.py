"""The review desk: the app's page where an article becomes data. Layout and session state
only; every decision is geo.review.loop's (as on the command line) and every form is
generated from geo.schema (geo.review.desk).

- Add an article: paste it or upload a .txt/.html file, with its outlet, URL and date; the
  source row, the archived text and the draft are made with progress shown.
- A draft's features on a map beside the article's text, the chosen feature's evidence
  marked; per feature: edit (form from the schema, the validator's messages under each
  field), move (a gazetteer candidate, or a click on the map), attach to an incident of the
  file as a new report (the incidents at the same place and time), accept or reject with a
  reason.
- Saves go through the validator and the logged save, and only onto the version of the data
  file the desk read: when it changed since (another reviewer, a hand edit), nothing is
  written and the reviewer sees what changed, then decides again on the new state.
- With sign-off on, what awaits the current person's approval is listed first.

Every change checks the person's role on the server (geo.review.team.require) before it is
made, whatever the page shows.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import folium
import streamlit as st
from folium.elements import EventHandler
from streamlit_folium import st_folium

from geo import escape
from geo.draft_files import drafts_folder, list_drafts
from geo.files import ABSENT, ChangedOnDisk, FileError, write_atomic
from geo.problems import UserError
from geo.render import assets
from geo.review import desk, history, loop
from geo.review.team import Actor, Team, read_team, require
from geo.sources import REGISTRY_NAME, archive_path, registry_for

READ = "desk_read"  # (token, document) of the data file the desk's decisions are made on
EDITS = "desk_edits"  # {draft name: {feature id: the feature as edited}}
ATTACH = "desk_attach"  # {feature id: incident id it is a report of}
NOTICE = "desk_notice"  # what the last action did, shown once after the rerun
CONFLICT = "desk_conflict"  # the changes found when a save was refused
MAP_HEIGHT = 420
# The chosen feature's marker on the desk's map, drawn without an image (nothing to fetch).
DRAG_ICON = (
    '<div class="geo-drag-marker" style="width:22px;height:22px;box-sizing:border-box;'
    "border-radius:50%;background:#d62728;border:3px solid #fff;"
    'box-shadow:0 0 0 2px #d62728;cursor:move"></div>'
)

DESK_CSS = """
.st-key-desk_article { max-height: 460px; overflow-y: auto; border: 1px solid #ddd;
  padding: 0.5rem 0.75rem; border-radius: 0.25rem; background: #fff; }
.st-key-desk_article mark { background: #ffe066; padding: 0 1px; }
"""


def registry_of(incidents: Path) -> Path:
    """The project's registry: the nearest sources.csv, else a new one beside the data."""
    found = registry_for(incidents)
    return found if found.is_file() else incidents.parent / REGISTRY_NAME


def _read(incidents: Path) -> tuple[str, dict[str, Any]]:
    """The data file as the desk read it (kept until a save or a reload)."""
    if READ not in st.session_state:
        document, token = loop.read_target(incidents)
        st.session_state[READ] = (token, document)
    return st.session_state[READ]


def _forget_read() -> None:
    st.session_state.pop(READ, None)
    st.session_state.pop(CONFLICT, None)


def _notice(kind: str, text: str) -> None:
    st.session_state[NOTICE] = (kind, text)


def page(incidents: Path, actor: Actor) -> None:
    """The whole desk for `actor` on the data file `incidents`."""
    st.html(f"<style>{DESK_CSS}</style>")
    team = read_team(incidents)
    st.title("Review desk")
    role = f" · role: {actor.role}" if team.team_mode else ""
    signoff = " · two-person sign-off is on" if team.sign_off else ""
    st.caption(f"Working as **{escape.markdown(actor.who)}**{role}{signoff}")
    if NOTICE in st.session_state:
        kind, text = st.session_state.pop(NOTICE)
        getattr(st, kind)(text)
    try:
        token, document = _read(incidents)
    except UserError as error:
        st.error("\n\n".join(escape.markdown(line) for line in error.lines()))
        return
    if team.sign_off:
        _awaiting(incidents, actor)
    with st.expander("Add an article", expanded=not list_drafts(incidents), icon=":material/add:"):
        _add_article(incidents, actor)
    drafts = {path.name: path for path in list_drafts(incidents)}
    if not drafts:
        st.info("No draft to review: add an article above.")
        return
    names = list(drafts)
    if st.session_state.get("desk_draft") not in names:
        st.session_state["desk_draft"] = names[-1]
    st.selectbox("Draft", names, key="desk_draft")
    _review(incidents, drafts[st.session_state["desk_draft"]], actor, team, token, document)


# --- sign-off ---------------------------------------------------------------------------------


def _awaiting(incidents: Path, actor: Actor) -> None:
    waiting = loop.awaiting(incidents, actor.who)
    mine = [p for p in loop.pending(incidents) if loop.same_person(p.accepted_by, actor.who)]
    with st.container(border=True, key="desk_awaiting"):
        st.subheader(f"Awaiting your approval ({len(waiting)})")
        if not waiting:
            st.caption("Nothing accepted by someone else is waiting for you.")
        for item in waiting:
            name = (item.feature.get("properties") or {}).get("name", item.feature.get("id"))
            st.markdown(
                f"**{escape.markdown(name)}** · accepted by {escape.markdown(item.accepted_by)}"
                f" at {escape.markdown(item.time)}"
                + (f" · “{escape.markdown(item.reason)}”" if item.reason else "")
            )
            left, middle, right = st.columns([1, 2, 1])
            if left.button("Approve", key=f"approve_{item.token}", type="primary"):
                _approve(incidents, actor, item.token)
                st.rerun()
            middle.text_input(
                "Why refuse",
                key=f"refuse_reason_{item.token}",
                label_visibility="collapsed",
                placeholder="Why refuse (needed to refuse)",
            )
            if right.button("Refuse", key=f"refuse_{item.token}"):
                _refuse(incidents, actor, item.token)
                st.rerun()
        if mine:
            st.caption(
                "Your acceptances waiting for someone else: "
                + ", ".join(escape.markdown(p.feature.get("id")) for p in mine)
            )


def _approve(incidents: Path, actor: Actor, token: str) -> None:
    try:
        require(actor, "approve")
        outcome = loop.approve(incidents, token, who=actor.who)
    except UserError as error:
        _notice("error", " ".join(error.lines()))
        return
    if outcome.problems:
        _notice(
            "error",
            "Not approved: the result would not validate. "
            + "; ".join(p.format() for p in outcome.problems),
        )
        return
    _forget_read()
    added = outcome.report.added or [r[0] for r in outcome.report.reported]
    _notice("success", f"Approved: {', '.join(added) or token} is in {incidents.name}.")


def _refuse(incidents: Path, actor: Actor, token: str) -> None:
    reason = st.session_state.get(f"refuse_reason_{token}", "")
    try:
        require(actor, "refuse")
        loop.refuse(incidents, token, who=actor.who, reason=reason)
    except UserError as error:
        _notice("error", " ".join(error.lines()))
        return
    _notice("info", f"Refused {token}.")


# --- adding an article ------------------------------------------------------------------------


def _add_article(incidents: Path, actor: Actor) -> None:
    with st.form("desk_add", clear_on_submit=False):
        pasted = st.text_area("Paste the article's text", height=160, key="desk_text")
        uploaded = st.file_uploader(
            "…or upload it (.txt, .html)", type=["txt", "html", "htm"], key="desk_upload"
        )
        first, second = st.columns(2)
        outlet = first.text_input("Outlet (who published it)", key="desk_outlet")
        url = second.text_input("URL", key="desk_url", placeholder="https://…")
        first, second = st.columns(2)
        published = first.date_input("Published", value=None, key="desk_published")
        title = second.text_input("Title", key="desk_title")
        submitted = st.form_submit_button("Read the article", type="primary")
    if not submitted:
        return
    try:
        require(actor, "add-article")
        if uploaded is not None:
            text = loop.article_text(uploaded.getvalue(), uploaded.name)
            if not title and uploaded.name.lower().endswith((".html", ".htm")):
                title = loop.html_text(uploaded.getvalue().decode("utf-8", "replace"))[0]
        else:
            text = loop.article_text(pasted.encode("utf-8"), "pasted text")
        if not text.strip():
            raise UserError("Paste the article's text or upload its file first.")
        if not outlet.strip():
            raise UserError("Give the outlet that published it.")
        with st.status("Reading the article…", expanded=True) as status:
            registry = registry_of(incidents)
            st.write("Recording the source and archiving its text…")
            registered = loop.register_article(
                registry,
                text,
                row=loop.SourceRow(outlet, published, url, title),
                who=actor.who,
                incidents=incidents,
            )
            st.write(
                f"Source **{escape.markdown(registered.source_id)}** · language "
                f"**{escape.markdown(registered.language or '?')}** · SHA-256 "
                f"`{registered.sha256[:12]}…`"
            )
            st.write("Finding places, dates and incidents…")
            when, precision = loop.registry_row(registry, registered.source_id)
            draft, extraction = loop.draft_of(text, registered.source_id, when, precision)
            target = drafts_folder(incidents) / f"{registered.source_id}.geojson"
            target.parent.mkdir(parents=True, exist_ok=True)
            from geo.canonical import dumps

            write_atomic(target, dumps(draft), expect=ABSENT)
            status.update(
                label=f"Draft ready: {len(extraction.proposals)} incident(s), "
                f"{len({m.place.source for m in extraction.places})} place(s)",
                state="complete",
                expanded=False,
            )
    except (UserError, FileError) as error:
        st.error(" ".join(escape.markdown(line) for line in error.lines()))
        return
    st.session_state["desk_draft"] = target.name
    st.rerun()


# --- reviewing one draft ----------------------------------------------------------------------


def _edited(draft_name: str, feature: dict[str, Any]) -> dict[str, Any]:
    edits = st.session_state.setdefault(EDITS, {}).setdefault(draft_name, {})
    return edits.setdefault(str(feature.get("id")), copy.deepcopy(feature))


def _store(draft_name: str, feature: dict[str, Any]) -> None:
    st.session_state.setdefault(EDITS, {}).setdefault(draft_name, {})[str(feature["id"])] = feature


def _label(feature: dict[str, Any]) -> str:
    props = feature.get("properties") or {}
    layer = props.get("layer", "?")
    where = "" if feature.get("geometry") else " (no position)"
    return f"{layer}: {props.get('name', feature.get('id'))}{where}"


def _review(
    incidents: Path,
    draft_path: Path,
    actor: Actor,
    team: Team,
    token: str,
    document: dict[str, Any],
) -> None:
    draft, _ = desk.read_draft(draft_path)
    features = [f for f in draft.get("features", []) if isinstance(f, dict)]
    if not features:
        st.info(f"{draft_path.name}: every feature has been decided.")
        return
    by_id = {str(f.get("id")): f for f in features}
    if st.session_state.get("desk_feature") not in by_id:
        st.session_state["desk_feature"] = next(iter(by_id))
    registry = registry_of(incidents)
    source_id = desk.draft_source(draft)
    article = archive_path(registry, source_id) if source_id else None
    text = article.read_text(encoding="utf-8") if article and article.is_file() else ""

    left, right = st.columns([3, 2])
    with right:
        st.radio(
            f"Features of {draft_path.name} ({len(features)} to decide)",
            list(by_id),
            key="desk_feature",
            format_func=lambda i: _label(_edited(draft_path.name, by_id[i])),
        )
    feature_id = st.session_state["desk_feature"]
    feature = _edited(draft_path.name, by_id[feature_id])
    near = loop.near_incidents(document, feature) if feature.get("geometry") else []
    with left:
        clicked, dragged = _map(features, feature, near, draft_path.name)
        st.caption(
            "Drag the chosen feature's marker to move it there, or click the map to pick a "
            "new position for it."
        )
    if dragged is not None:  # the drag is the move: placed by hand, an exact place
        _store(draft_path.name, desk.moved(feature, *dragged))
        _notice(
            "info",
            f"Moved {feature.get('id')} to {dragged[0]:.4f}, {dragged[1]:.4f} by hand "
            "(geo_source manual, geo_precision 1: the exact place).",
        )
        st.rerun()
    with right:
        st.markdown("**The article** (the chosen feature's evidence is marked)")
        with st.container(key="desk_article"):
            spans = desk.evidence_spans(feature, len(text))
            st.html(
                f"<div>{desk.marked_html(text, spans)}</div>"
                if text
                else "<i>No archived text.</i>"
            )

    if CONFLICT in st.session_state:
        _show_conflict(incidents)
    edit_tab, move_tab, attach_tab = st.tabs(["Edit fields", "Move", "Attach to an incident"])
    with edit_tab:
        _form(draft_path, feature, registry)
    with move_tab:
        _move(draft_path, feature, clicked)
    with attach_tab:
        _attach(feature, near)
    _decide(incidents, draft_path, by_id[feature_id], feature, actor, team, token, registry)


def _drag_tip(feature: dict[str, Any]) -> str:
    return f"Drag to move {feature.get('id')}"


# A marker's drag ends in a click on it at its new place, which streamlit_folium returns as
# the last object clicked (with the marker's tooltip, naming the feature dragged).
DRAG_END = folium.JsCode("function (e) { e.target.fire('click', {latlng: e.target.getLatLng()}); }")


def _map(
    features: list[dict[str, Any]],
    chosen: dict[str, Any],
    near: list[dict[str, Any]],
    draft_name: str,
) -> tuple[tuple[float, float] | None, tuple[float, float] | None]:
    """The draft's features (the chosen one in red, draggable when it is a point), the
    incidents near it (blue); returns the point last clicked and the place the chosen
    feature's marker was dragged to, if that drag is new, each as (lat, lon)."""
    from shapely.geometry import shape

    def point(feature: dict[str, Any]) -> tuple[float, float] | None:
        try:
            p = shape(feature["geometry"]).representative_point()
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        return p.y, p.x

    centre = point(chosen) or next((p for f in features if (p := point(f))), (40.0, 47.0))
    m = folium.Map(location=centre, zoom_start=8, tiles=None, control_scale=True)
    assets.install_static()
    assets.use_served_assets(m)  # the app's own copies of Leaflet: nothing from a CDN
    for feature in features:
        shown = _edited(draft_name, feature)
        where = point(shown)
        if where is None:
            continue
        is_chosen = shown.get("id") == chosen.get("id")
        if is_chosen and (shown.get("geometry") or {}).get("type") == "Point":
            marker = folium.Marker(
                where,
                draggable=True,
                icon=folium.DivIcon(
                    html=DRAG_ICON, icon_size=(22, 22), icon_anchor=(11, 11), class_name=""
                ),
                tooltip=escape.html(_drag_tip(shown)),
            )
            marker.add_child(EventHandler("dragend", DRAG_END))
            marker.add_to(m)
            continue
        folium.CircleMarker(
            where,
            radius=9 if is_chosen else 6,
            color="#d62728" if is_chosen else "#c51b8a",
            fill=True,
            fill_opacity=0.8 if is_chosen else 0.4,
            tooltip=escape.html(_label(shown)),
        ).add_to(m)
    for incident in near:
        where = point(incident)
        if where is not None:
            folium.CircleMarker(
                where,
                radius=6,
                color="#1f77b4",
                fill=True,
                tooltip=escape.html(f"in the file: {incident.get('id')}"),
            ).add_to(m)
    _borders(m)
    returned = st_folium(
        m,
        key=f"desk_map_{draft_name}",
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=["last_clicked", "last_object_clicked", "last_object_clicked_tooltip"],
    )
    returned = returned or {}
    clicked = returned.get("last_clicked")
    at = (
        (float(clicked["lat"]), float(clicked["lng"]))
        if isinstance(clicked, dict) and "lat" in clicked
        else None
    )
    return at, _dragged(returned, chosen, draft_name)


def _dragged(
    returned: dict[str, Any], chosen: dict[str, Any], draft_name: str
) -> tuple[float, float] | None:
    """Where the chosen feature's marker was dragged to, once per drag: the component keeps
    returning its last value on every run, so a drag already applied (or one of another
    feature, or a click that moved nothing) is no move."""
    place = returned.get("last_object_clicked")
    tip = str(returned.get("last_object_clicked_tooltip") or "").strip()
    if not isinstance(place, dict) or "lat" not in place or tip != _drag_tip(chosen):
        return None
    seen = f"desk_drag_{draft_name}"
    value = (tip, float(place["lat"]), float(place["lng"]))
    if st.session_state.get(seen) == value:
        return None
    st.session_state[seen] = value
    coordinates = (chosen.get("geometry") or {}).get("coordinates") or [None, None]
    if [round(value[2], 6), round(value[1], 6)] == list(coordinates):
        return None  # a click on the marker, not a drag
    return value[1], value[2]


@st.cache_resource(show_spinner=False)
def _outlines() -> dict[str, Any] | None:
    from geo import borders

    try:
        return borders.read_countries().__geo_interface__
    except (OSError, ValueError):
        return None


def _borders(m: folium.Map) -> None:
    """Country outlines under the features (offline: the app's own borders file)."""
    outlines = _outlines()
    if outlines is not None:
        folium.GeoJson(
            outlines,
            style_function=lambda _: {"color": "#888", "weight": 1, "fillOpacity": 0},
        ).add_to(m)


def _form(draft_path: Path, feature: dict[str, Any], registry: Path) -> None:
    """The fields of the schema for the feature's layer, the validator's messages under each."""
    props = feature.get("properties") or {}
    layer = str(props.get("layer", "incident"))
    problems = desk.property_problems(feature, draft_path.name, registry)
    # The fields' keys carry the feature's version: after a move (or any change made outside
    # the form) the form shows the feature as it is now, not the values typed before it.
    version = hashlib.sha1(
        json.dumps(feature, sort_keys=True, default=str).encode("utf-8")
    ).hexdigest()[:10]
    fid = f"{feature.get('id')}_{version}"
    with st.form(f"desk_form_{draft_path.name}_{fid}"):
        values: dict[str, str] = {}
        columns = st.columns(2)
        for index, spec in enumerate(desk.form_properties(layer)):
            column = columns[index % 2]
            options = desk.choices(spec, layer)
            current = desk.shown_value(props.get(spec.name))
            if options:
                shown = ["", *(str(o) for o in options)]
                values[spec.name] = column.selectbox(
                    spec.name,
                    shown,
                    index=shown.index(current) if current in shown else 0,
                    help=spec.description,
                    key=f"field_{fid}_{spec.name}",
                )
            else:
                values[spec.name] = column.text_input(
                    spec.name, current, help=spec.description, key=f"field_{fid}_{spec.name}"
                )
            for problem in problems.get(spec.name, []):
                column.caption(
                    f":{'red' if problem.severity == 'error' else 'orange'}"
                    f"[{escape.markdown(problem.message)}]"
                )
        for problem in problems.get(None, []):
            st.caption(f":red[{escape.markdown(problem.message)}]")
        if st.form_submit_button("Apply the edits"):
            parsed: dict[str, Any] = {}
            errors = []
            for spec in desk.form_properties(layer):
                try:
                    value = desk.parse_value(spec, values[spec.name])
                except ValueError as error:
                    errors.append(str(error))
                    continue
                if spec.type == "integer" and value is not None and spec.enum:
                    value = int(value)
                if spec.name in ("time_precision", "geo_precision") and value is not None:
                    value = int(value)
                parsed[spec.name] = value
            if errors:
                st.error("; ".join(errors))
                return
            _store(draft_path.name, desk.with_values(feature, parsed))
            st.rerun()


def _move(draft_path: Path, feature: dict[str, Any], clicked: tuple[float, float] | None) -> None:
    props = feature.get("properties") or {}
    if props.get("layer") not in ("incident", "site"):
        st.caption("Only points (incidents and sites) are moved here.")
        return
    query = st.text_input(
        "Look up a place", props.get("location", ""), key=f"lookup_{feature['id']}"
    )
    candidates = desk.gazetteer_candidates(query, props.get("country"))
    if candidates:
        labels = [
            f"{c['name']} ({c.get('kind') or 'place'}, {c.get('admin1') or ''} "
            f"{c.get('country') or ''}) · {c['lat']}, {c['lon']} · {c.get('source')}"
            for c in candidates[:10]
        ]
        pick = st.selectbox(
            "Gazetteer candidates",
            range(len(labels)),
            format_func=labels.__getitem__,
            key=f"candidate_{feature['id']}",
        )
        if st.button("Place it there", key=f"place_{feature['id']}"):
            chosen = candidates[pick]
            _store(draft_path.name, desk.moved(feature, chosen["lat"], chosen["lon"], place=chosen))
            st.rerun()
    elif query:
        st.caption("The offline gazetteers do not know this name.")
    if clicked is not None:
        lat, lon = clicked
        if st.button(
            f"Place it where the map was clicked ({lat:.4f}, {lon:.4f})",
            key=f"click_{feature['id']}",
        ):
            _store(draft_path.name, desk.moved(feature, lat, lon))
            st.rerun()


def _attach(feature: dict[str, Any], near: list[dict[str, Any]]) -> None:
    if (feature.get("properties") or {}).get("layer") != "incident":
        st.caption("Only an incident can be a report of another incident.")
        return
    if not near:
        st.caption(
            "No incident of the file is at the same place and time (merge's rule: "
            "overlapping dates, within 25 km)."
        )
        st.session_state.setdefault(ATTACH, {}).pop(str(feature["id"]), None)
        return
    from geo.merge import what_differs

    options = ["", *(str(f.get("id")) for f in near)]
    labels = {"": "No: a new incident"}
    for incident in near:
        differs = what_differs(incident, feature)
        name = (incident.get("properties") or {}).get("name", "")
        labels[str(incident.get("id"))] = f"{incident.get('id')}: {name}" + (
            f" (differs: {'; '.join(differs)})" if differs else ""
        )
    attached = st.session_state.setdefault(ATTACH, {})
    current = attached.get(str(feature["id"]), "")
    choice = st.radio(
        "Same place and time as these incidents of the file (near misses when they differ): "
        "is this draft a new report of one of them?",
        options,
        index=options.index(current) if current in options else 0,
        format_func=labels.__getitem__,
        key=f"attach_{feature['id']}",
    )
    if choice:
        attached[str(feature["id"])] = choice
    else:
        attached.pop(str(feature["id"]), None)


def _decide(
    incidents: Path,
    draft_path: Path,
    original: dict[str, Any],
    feature: dict[str, Any],
    actor: Actor,
    team: Team,
    token: str,
    registry: Path,
) -> None:
    st.divider()
    attach = st.session_state.get(ATTACH, {}).get(str(feature["id"]))
    st.text_input(
        "Reason (recorded in the history; needed to reject)", key=f"reason_{feature['id']}"
    )
    accept, reject = st.columns(2)
    verb = "Accept (awaits a second person)" if team.sign_off else "Accept"
    if attach:
        verb += f" as a report of {attach}"
    # Handled in this run, not in a callback: the run a click starts draws the feature
    # chosen now, so the decision is about what the reviewer sees.
    if accept.button(verb, type="primary", key=f"accept_{feature['id']}"):
        _accept(incidents, draft_path, original, feature, actor, team, token, registry)
        st.rerun()
    if reject.button("Reject", key=f"reject_{feature['id']}"):
        _reject(incidents, draft_path, original, actor)
        st.rerun()


def _accept(
    incidents: Path,
    draft_path: Path,
    original: dict[str, Any],
    feature: dict[str, Any],
    actor: Actor,
    team: Team,
    token: str,
    registry: Path,
) -> None:
    # read now, not when the button was drawn: the reviewer may have typed since
    reason = st.session_state.get(f"reason_{feature['id']}", "")
    attach = st.session_state.get(ATTACH, {}).get(str(feature["id"]))
    kept = copy.deepcopy(feature)
    kept.setdefault("properties", {})["review"] = "kept"
    try:
        require(actor, "accept")
        outcome = loop.merge_into(
            incidents,
            {"type": "FeatureCollection", "features": [kept]},
            who=actor.who,
            reason=reason,
            sources=registry,
            draft_name=draft_path.name,
            sign_off=team.sign_off,
            attach={str(kept["id"]): attach} if attach else None,
            expect=token,
        )
    except ChangedOnDisk:
        _conflict(incidents)
        return
    except UserError as error:
        _notice("error", " ".join(error.lines()))
        return
    if outcome.problems:
        _notice(
            "error",
            "Not accepted; fix these first: "
            + "; ".join(
                f"{p.property or p.feature_id or ''}: {p.message}" for p in outcome.problems
            ),
        )
        return
    desk.drop_from_draft(draft_path, str(original.get("id")))
    _forget_read()
    report = outcome.report
    if team.sign_off:
        _notice("info", f"Accepted {feature['id']}: it awaits approval by another person.")
    elif report.added:
        _notice("success", f"Added {', '.join(report.added)} to {incidents.name}.")
    elif report.reported or report.sourced:
        done = [r[0] for r in report.reported] or [r[0] for r in report.sourced]
        _notice("success", f"Added the report to {', '.join(done)}.")
    else:
        _notice("info", f"{incidents.name} already had it: nothing changed.")


def _reject(incidents: Path, draft_path: Path, original: dict[str, Any], actor: Actor) -> None:
    reason = st.session_state.get(f"reason_{original.get('id')}", "")
    try:
        require(actor, "reject")
        loop.reject(incidents, draft_path.name, original, who=actor.who, reason=reason)
    except UserError as error:
        _notice("error", " ".join(error.lines()))
        return
    desk.drop_from_draft(draft_path, str(original.get("id")))
    _notice("info", f"Rejected {original.get('id')}: {reason}")


def _conflict(incidents: Path) -> None:
    """Remember what changed in the data file since the desk read it (shown above)."""
    _, before = st.session_state[READ]
    try:
        after, _ = loop.read_target(incidents)
    except UserError:
        after = None
    changed = history.changes(before, after)
    records = history.audit(incidents).records
    who = {
        r.get("feature"): f"{r.get('who')} ({r.get('action')}, {r.get('time')})" for r in records
    }
    st.session_state[CONFLICT] = [
        f"{c.feature or 'the file'}: changed by {who.get(c.feature, 'someone (outside the tools)')}"
        for c in changed
    ] or ["the file was rewritten"]


def _show_conflict(incidents: Path) -> None:
    lines = st.session_state[CONFLICT]
    with st.container(border=True, key="desk_conflict"):
        st.error(
            f"{incidents.name} changed on disk since you read it: nothing was written. "
            "What changed:"
        )
        st.markdown("\n".join(f"- {escape.markdown(line)}" for line in lines))
        st.button(
            "Reload the file and decide again (your edits are kept)",
            key="desk_reload",
            on_click=_forget_read,
        )


def history_panel(incidents: Path, feature_id: str) -> None:
    """The history of one feature of the data file (for the map's details panel)."""
    records = history.feature_history(incidents, feature_id)
    if not records:
        return
    with st.expander(f"History ({len(records)})", expanded=False):
        st.code(
            "\n".join(line for r in reversed(records) for line in history.record_lines(r)),
            language=None,
            wrap_lines=True,
        )
