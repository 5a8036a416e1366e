"""geo.criteria: one table of filter criteria, read by the View's masks, the URL state, the
CLI and every message that names a criterion."""

from __future__ import annotations

import dataclasses
import re

from geo import criteria, urlstate
from geo.cli import build_parser
from geo.view import View


def test_every_view_field_belongs_to_exactly_one_criterion():
    fields = [f for c in criteria.CRITERIA for f in c.fields]
    assert sorted(fields) == sorted(f.name for f in dataclasses.fields(View))


def test_every_cli_option_of_a_criterion_exists_on_export():
    export = build_parser()._subparsers._group_actions[0].choices["export"]
    options = {s for action in export._actions for s in action.option_strings}
    for criterion in criteria.CRITERIA:
        assert set(criterion.cli_options) <= options, criterion.name


def test_a_criterion_is_written_once_the_view_and_the_export_command_take_it_from_its_row():
    """Adding a criterion touches its row and the app's widget: geo/view.py and
    geo/cli/export.py make the View's fields and the command's options from the rows."""
    from geo import paths

    for relative in ("geo/view.py", "geo/cli/export.py"):
        text = (paths.ROOT / relative).read_text(encoding="utf-8")
        for criterion in criteria.CRITERIA:
            for field in criterion.fields:
                assert not re.search(rf"view\.{field}\b|\b{field}=", text), (relative, field)
            for flag in criterion.cli_options:
                assert not re.search(rf"{flag}\b", text), (relative, flag)


def test_the_url_reads_the_table():
    keys = {k for c in criteria.CRITERIA for k in c.url_keys}
    assert set(urlstate.LIST_PARAMS) <= keys
    assert urlstate.LIST_PARAMS["claim"] == "claim_statuses"


def test_one_wording_of_what_hides_features():
    assert criteria.hidden_text({"claim_statuses": 2, "countries": 0, "dates": 1}) == (
        "claim status hides 2; date range hides 1"
    )
    assert criteria.hidden_text({"layers": 0}) == "no filter hides any"


def test_a_view_setting_every_field_gets_every_row_s_mask_and_sql():
    """Each row carries its own pandas mask and SQL: the View applies the table, nothing more."""
    from datetime import date

    from geo.load import load_incidents
    from geo.view import masks, sql_conditions

    gdf = load_incidents()
    view = View(
        date_from=date(2026, 3, 1),
        date_to=date(2026, 3, 31),
        sources=frozenset({"x"}),
        event_types=frozenset({"Protests"}),
        countries=frozenset({"Iran"}),
        claim_statuses=frozenset({"claimed"}),
        layers=frozenset({"incident"}),
        bbox=(44.0, 38.0, 46.0, 40.0),
        min_origins=2,
        claimants=frozenset({"Iran"}),
        stances=None,
    )
    names = [c.name for c in criteria.CRITERIA]
    assert list(masks(gdf, view)) == names
    assert list(sql_conditions(view)) == names
    assert all(len(mask) == len(gdf) for mask in masks(gdf, view).values())


def test_the_browser_reads_the_dates_row_from_the_payload_not_its_own_copy():
    from geo import paths, timeline

    assert criteria.browser_fields() == {"dates": {"undated": timeline.UNDATED}}
    script = (paths.ROOT / "geo" / "render" / "geo_timeline.js").read_text(encoding="utf-8")
    assert str(timeline.UNDATED) not in script
    assert "header.criteria.dates.undated" in script
    # the window's rule (an undated feature is kept, else its days overlap the window) once
    assert len(re.findall(r"=== UNDATED \|\| !\(", script)) == 1


def test_unmatched_names_every_list_value_no_feature_matches():
    """Each list field, whatever its criterion reads (a column, a list cell, the reports):
    a value matches when it keeps a feature that no value would keep."""
    import geopandas as gpd
    from shapely.geometry import Point

    gdf = gpd.GeoDataFrame(
        {
            "id": ["inc-1", "site-1"],
            "layer": ["incident", "site"],
            "event_type": ["Battles", None],
            "claim_status": ["claimed", None],
            "country": ["Iran; Azerbaijan", "Türkiye"],
            "sources": [["src-a"], ["src-b"]],
            "reports": [[{"source": "src-a", "stance": "relays", "claimant": "Iran"}], []],
        },
        geometry=[Point(45.4, 39.2), Point(32.9, 39.9)],
        crs="EPSG:4326",
    )
    view = View(
        event_types=frozenset({"Battles", "Protests"}),
        claim_statuses=frozenset({"claimed", "confirmed"}),
        countries=frozenset({"Azerbaijan", "Georgia"}),
        sources=frozenset({"src-b", "src-z"}),
        layers=frozenset({"site", "route"}),
        claimants=frozenset({"Iran", "Nobody"}),
        stances=frozenset({"relays", "denies"}),
    )
    assert criteria.unmatched(gdf, view) == {
        "sources": ("src-z",),
        "event_types": ("Protests",),
        "countries": ("Georgia",),
        "claim_statuses": ("confirmed",),
        "layers": ("route",),
        "claimants": ("Nobody",),
        "stances": ("denies",),
    }
    assert criteria.unmatched(gdf, View(event_types=frozenset({"Battles"}))) == {}
    assert set(criteria.list_fields()) == set(urlstate.LIST_PARAMS.values())
