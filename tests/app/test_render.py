"""The map's pure parts: style table, popups (escaping), payload, URL state, assets."""

from __future__ import annotations

import html
import re
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import style, urlstate
from geo.export import export_bytes
from geo.render import assets, folium_map, payload, popup
from geo.view import View
from tests.app import fixtures


def test_style_codes_agree_with_style_for(loaded):
    gdf, _ = loaded
    codes, styles = style.style_codes(gdf)
    for position, (_, row) in enumerate(gdf.iterrows()):
        assert styles[codes[position]] == style.style_for(row.to_dict())


def test_disputed_and_unverified_look_unlike_confirmed():
    confirmed = style.style_for(
        {"layer": "incident", "event_type": "Battles", "claim_status": "confirmed"}
    )
    for status in ("disputed", "unverified"):
        other = style.style_for(
            {"layer": "incident", "event_type": "Battles", "claim_status": status}
        )
        assert other.dash is not None and other.fill_color != confirmed.fill_color


def test_imprecise_locations_get_a_halo_or_dashed_outline():
    assert style.style_for({"layer": "incident", "geo_precision": 3}).halo
    assert not style.style_for({"layer": "incident", "geo_precision": 1}).halo
    route = style.style_for({"layer": "route", "kind": "pipeline", "geo_precision": 2})
    assert route.dash is not None


def test_legend_names_only_what_is_present(loaded):
    gdf, _ = loaded
    labels = [e.label for e in style.legend_entries(gdf)]
    assert "Explosions/Remote violence" in labels and "Battles" in labels
    assert "Protests" not in labels
    assert "Airport" in labels and "Pipeline" in labels and "Flight path" in labels


def test_popup_escapes_every_injected_value(loaded):
    gdf, sources = loaded
    row = gdf[gdf["id"] == "inc-injected"]
    page = popup.popup_html(row, sources)
    assert "<script" not in page and "<img" not in page and "<svg" not in page
    shown = html.unescape(page)  # what the browser shows: the values as text
    assert '<img src=x onerror="window.__pwned=3">Injected' in shown
    assert "<script>window.__pwned=4</script>" in shown


@pytest.mark.parametrize(
    "missing",
    [None, float("nan"), pd.NaT, np.datetime64("NaT")],
    ids=["None", "NaN", "NaT", "datetime64-NaT"],
)
def test_a_source_without_a_date_is_listed_without_one(missing):
    """A source the desk added with the Published field empty reads as NaT in the registry's
    datetime column; its feature's popup stopped the whole map page (NaT has no strftime)."""
    published = pd.to_datetime(pd.Series(["2026-03-05", missing], dtype=object)).to_numpy()
    sources = pd.DataFrame(
        {"outlet": ["A", "Invented Wire"], "title": ["t", "u"], "published": published},
        index=["a", "b"],
    )
    assert popup.source_item_html("a", sources) == "<li><b>A</b> “t” (2026-03-05)</li>"
    assert popup.source_item_html("b", sources) == "<li><b>Invented Wire</b> “u”</li>"


def test_links_only_for_http_urls_and_without_opener():
    sources = pd.DataFrame(
        {
            "outlet": ["A", "B"],
            "title": ["t", "t"],
            "published": ["2026-01-01", None],
            "url": ["https://example.org/a?x=1&y=2", fixtures.JAVASCRIPT_URL],
        },
        index=["a", "b"],
    )
    linked = popup.source_item_html("a", sources)
    assert 'href="https://example.org/a?x=1&amp;y=2"' in linked
    assert 'rel="noopener noreferrer"' in linked
    assert "href" not in popup.source_item_html("b", sources)
    assert popup.safe_url(" JavaScript:alert(1)") is None
    assert popup.safe_url("https:///nohost") is None
    assert popup.safe_url("data:text/html,x") is None


def decode(text: str) -> dict:
    return payload.decode(text)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(-(2**40), 2**40), max_size=50),
    st.lists(st.floats(-1e6, 1e6, width=32), max_size=50),
    st.text(max_size=20),
)
def test_encoded_arrays_and_lazy_sections_come_back_unchanged(integers, floats, text):
    data = {
        "ints": np.array(integers, dtype=np.int64),
        "floats": np.array(floats, dtype=np.float32),
        "lazy": payload.LazyJSON({"text": [text], "codes": np.array(integers, dtype=np.int64)}),
        "plain": [text, 1, None],
    }
    back = decode(payload.encode(data))
    assert back == {
        "ints": integers,
        "floats": floats,
        "lazy": {"text": [text], "codes": integers},
        "plain": [text, 1, None],
    }


def test_payload_carries_every_drawable_feature(loaded):
    gdf, sources = loaded
    data = decode(payload.encode(payload.build_payload(gdf, sources)))
    assert len(data["points"]["lat"]) == 4  # incidents
    assert len(data["sites"]["lat"]) == 1
    assert {s["layer"] for s in data["shapes"]} == {"routes", "areas"}
    rows = data["points"]["row"] + data["sites"]["row"] + [s["row"] for s in data["shapes"]]
    assert sorted(rows) == list(range(len(gdf)))
    # The popup JavaScript assembles the same text Python does.
    features = data["features"]
    for row in range(len(gdf)):
        assert popup.assemble(features, row) == popup.popup_html(gdf.iloc[[row]], sources)


@settings(max_examples=60, deadline=None)
@given(
    st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1))),
    st.one_of(
        st.none(),
        st.frozensets(st.text(alphabet="abc-xyz0189 ", min_size=1), min_size=1, max_size=3),
    ),
    st.one_of(st.none(), st.frozensets(st.sampled_from(["incident", "site", "route"]), min_size=1)),
    st.one_of(
        st.none(),
        st.builds(urlstate.MapView, st.floats(-90, 90), st.floats(-180, 180), st.integers(0, 18)),
    ),
)
def test_url_state_round_trips(day, source_ids, layers, map_view):
    state = urlstate.PageState(View(date_from=day, sources=source_ids, layers=layers), map_view)
    restored = urlstate.from_params(urlstate.to_params(state))
    assert restored.view == state.view
    if map_view is None:
        assert restored.map_view is None
    else:
        assert abs(restored.map_view.lat - map_view.lat) < 1e-4
        assert restored.map_view.zoom == map_view.zoom


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["from", "to", "lat", "lon", "zoom", "layer", "basemap"]),
        st.text(max_size=12),
    )
)
def test_any_query_string_opens_a_page(params):
    state = urlstate.from_params(params)
    assert state.basemap in urlstate.BASEMAPS


def test_round_trip_reports_no_problem_and_bad_values_are_named():
    good = urlstate.to_params(
        urlstate.PageState(View(date_from=date(2026, 3, 1)), urlstate.MapView(39, 45, 7), "osm")
    )
    assert urlstate.from_params(good).problems == ()
    state = urlstate.from_params(
        {"from": "2026-13-01", "origins": "two", "lat": "95", "lon": "45", "zoom": "7"}
        | {"basemap": "satellite", "to": "2026-04-01"}
    )
    text = " ".join(state.problems)
    assert "from='2026-13-01' is not a date" in text and "origins='two'" in text
    assert "lat=95&lon=45&zoom=7 is not a map view" in text and "basemap='satellite'" in text
    assert len(state.problems) == 4  # the valid `to` is used, not reported
    assert state.view.date_to == date(2026, 4, 1) and state.view.date_from is None


@pytest.mark.parametrize(
    ("params", "words", "check"),
    [
        (
            {"origins": "2.5"},
            "origins='2.5' is not a whole number",
            lambda s: s.view.min_origins is None,
        ),
        ({"origins": "1e400"}, "origins='1e400'", lambda s: s.view.min_origins is None),
        ({"origins": "3"}, None, lambda s: s.view.min_origins == 3),
        (
            {"from": "2026-04-01", "to": "2026-03-01"},
            "from=2026-04-01 is after to=2026-03-01",
            lambda s: (s.view.date_from, s.view.date_to) == (date(2026, 3, 1), date(2026, 4, 1)),
        ),
        ({"source": "", "type": ""}, "source= names no value", lambda s: s.view.sources is None),
        (
            {"lat": "45", "lon": "inf", "zoom": "5"},
            "is not a map view",
            lambda s: s.map_view is None,
        ),
        (
            {"lat": "45", "lon": "200", "zoom": "5"},
            "is not a map view",
            lambda s: s.map_view is None,
        ),
        (
            {"lat": "45", "lon": "40", "zoom": "nan"},
            "is not a map view",
            lambda s: s.map_view is None,
        ),
        (
            {"lat": "45", "lon": "40", "zoom": "-inf"},
            "is not a map view",
            lambda s: s.map_view is None,
        ),
    ],
)
def test_url_values_the_page_cannot_use_are_named(params, words, check):
    """What a URL says is used as it says, or named: origins=2.5 filtered at 2 while saying
    "left out"; a reversed range gave an empty map; `source=` showed everything silently; an
    infinite longitude failed the page."""
    state = urlstate.from_params(params)
    text = " ".join(state.problems)
    assert (words in text) if words else not state.problems, text
    assert check(state)


@settings(max_examples=60, deadline=None)
@given(
    st.text(min_size=1, max_size=12).filter(lambda k: k not in urlstate.PARAMS),
    st.text(max_size=12),
    st.sampled_from([{}, {"country": "Iran"}, {"from": "2026-03-01", "zoom": "5"}]),
)
def test_a_parameter_the_page_does_not_read_is_named_and_changes_nothing(key, value, known):
    """?status=disputed (the CLI's --status; the page's parameter is claim) opened the whole
    map without a word, as if the filter had been applied."""
    state = urlstate.from_params(known | {key: value})
    alone = urlstate.from_params(known)
    assert (state.view, state.map_view, state.basemap) == (
        alone.view,
        alone.map_view,
        alone.basemap,
    )
    (named,) = [p for p in state.problems if p not in alone.problems]
    assert named.startswith(f"{key}={value!r} is not a parameter of this page")


@pytest.mark.parametrize(
    ("key", "near"), [("countries", "country"), ("Country", "country"), ("types", "type")]
)
def test_a_near_miss_parameter_gets_the_one_the_page_reads(key, near):
    (problem,) = urlstate.from_params({key: "x"}).problems
    assert problem.endswith(f"did you mean {near}?")
    assert "did you mean" not in urlstate.from_params({"status": "disputed"}).problems[0]


def test_served_map_names_no_other_host(loaded):
    gdf, sources = loaded
    m = folium_map.build_map(gdf, sources)
    urls = [u for _, u in m.default_js + m.default_css]
    assert urls and all(u.startswith(assets.SERVED_URL) for u in urls)
    page = m.get_root().render()
    assert "cdn." not in page and '<script src="http' not in page


def test_inline_page_needs_no_file(loaded, tmp_path):
    gdf, sources = loaded
    page = assets.inline_html(folium_map.build_map(gdf, sources, inline=True))
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?:", page)
    assert "fa-solid-900.woff2" not in page  # the font is inlined as data


def test_install_static_copies_the_assets(tmp_path):
    assets.install_static(tmp_path)
    for asset in (*assets.JS_ASSETS, *assets.CSS_ASSETS, *assets.EXTRA_FILES):
        assert (tmp_path / asset.target).read_bytes() == asset.source.read_bytes()


def test_where_names_each_level_once():
    assert popup._where("Rasht, Gilan", "Gilan", "Iran") == "Rasht, Gilan, Iran"
    assert popup._where("Baku", "baku", "Azerbaijan") == "Baku, Azerbaijan"
    assert popup._where(None, "Ardabil", "Iran") == "Ardabil, Iran"


def test_html_export_says_what_it_shows(loaded):
    """Title, period, filters and sources are written on the page, escaped."""
    gdf, sources = loaded
    view = View(date_from=date(2026, 3, 1), sources=frozenset({"src-beta"}))
    page = export_bytes("html", gdf, sources, view).decode("utf-8")
    about = page[page.index('<details open class="geo-about"') :]
    assert "<title>Incidents in Iran</title>" in page
    assert "<b>Period:</b> " in about and "2026" in about
    assert "sources: src-beta" in about
    assert "Beta Daily" in about and "&lt;script&gt;" in about  # the registry's markup, escaped
    assert "<script>window.__pwned" not in about


@pytest.mark.parametrize(
    "view",
    [
        View(countries=frozenset({"Armenia"}), layers=frozenset({"incident"})),
        View(event_types=frozenset({"Riots"}), layers=frozenset({"incident"})),
        View(layers=frozenset()),
    ],
)
def test_a_filter_that_matches_nothing_says_why_on_the_map(loaded, view):
    """The app's map of an empty selection carries the sentence geo.criteria words for every
    face (the export's error says the same), written over the map, escaped for JavaScript."""
    from geo import criteria
    from geo.view import filter_features, hidden_counts

    gdf, sources = loaded
    selection = filter_features(gdf, view)
    assert selection.empty
    text = criteria.nothing_matches_text(len(gdf), hidden_counts(gdf, view))
    assert text.startswith("no feature matches the selection (") and "hides" in text
    page = folium_map.build_map(selection, sources, message=text).get_root().render()
    assert 'note.textContent = "no feature matches the selection (' in page
    assert "geo-map-message" not in folium_map.build_map(gdf, sources).get_root().render()
