"""The words of a report map (geo.export.captions): the title names the filter applied, and a
selection without incidents says so in the caption and on stderr."""

from __future__ import annotations

from datetime import date

import pytest

from geo.export import export
from geo.export.captions import caption, title
from geo.view import View, filter_features

from .test_cli import data_dir  # noqa: F401  (data_dir is a fixture)
from .test_cli import export as run_export


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        (View(countries=frozenset({"Azerbaijan"})), "Incidents in Azerbaijan"),
        (View(countries=frozenset({"Iran"})), "Incidents in Iran"),
        (View(countries=frozenset({"Iran", "Azerbaijan"})), "Incidents in Azerbaijan and Iran"),
        (
            View(event_types=frozenset({"Protests"}), countries=frozenset({"Iran"})),
            "Protests in Iran",
        ),
        (View(layers=frozenset({"site"}), countries=frozenset({"Armenia"})), "Sites in Armenia"),
    ],
)
def test_the_title_names_the_filter_applied(sample_gdf, view, expected):
    assert title(filter_features(sample_gdf, view), view) == expected


def test_without_a_country_filter_a_route_does_not_put_its_countries_in_the_title(sample_gdf):
    gdf = sample_gdf.copy()
    route = gdf.index[gdf["layer"].astype(str) == "route"][0]
    gdf.loc[route, "country"] = "Azerbaijan; Georgia; Türkiye"
    assert title(gdf, View()) == "Incidents in Azerbaijan and Iran"
    sites = gdf[gdf["layer"].astype(str) != "incident"]  # no incident: every feature counts
    assert title(sites, View()) == "Incidents in Azerbaijan, Georgia and Türkiye"


@pytest.mark.parametrize("fmt", ["png", "svg", "html", "geojson", "kml"])
def test_a_selection_without_incidents_is_said_in_every_format(sample_gdf, sample_sources, fmt):
    """(The ACLED CSV refuses such a selection: it would hold no row.)"""
    view = View(date_from=date(2027, 1, 1))  # sites, routes and areas are undated: they stay
    exported = export(fmt, sample_gdf, sample_sources, view)
    assert any(note.startswith("no incident matches the selection") for note in exported.notes)
    shown = filter_features(sample_gdf, view)
    assert "; no incident matches the filters." in caption(shown, view)


def test_a_layer_filter_without_incidents_is_no_empty_selection(sample_gdf, sample_sources):
    view = View(layers=frozenset({"site", "area"}))
    exported = export("geojson", sample_gdf, sample_sources, view)
    assert not any("no incident" in note for note in exported.notes)
    assert "no incident" not in caption(filter_features(sample_gdf, view), view)


def test_the_cli_writes_the_map_and_warns_on_stderr(data_dir, tmp_path, capsys):  # noqa: F811
    out = tmp_path / "future.png"
    assert run_export(data_dir, "--out", str(out), "--from", "2027-01-01") == 0
    err = capsys.readouterr().err
    assert "export: note: no incident matches the selection (it holds 1 site, 1 route" in err
    assert out.stat().st_size > 0


def test_the_html_page_carries_only_the_selection(sample_gdf, sample_sources, monkeypatch):
    import geo.export.html as html

    carried = {}
    real = html.html_bytes

    def spy(gdf, *args, **kwargs):
        carried["ids"] = set(gdf["id"])
        return real(gdf, *args, **kwargs)

    monkeypatch.setattr(html, "html_bytes", spy)
    view = View(date_from=date(2026, 3, 1), date_to=date(2026, 3, 31))
    export("html", sample_gdf, sample_sources, view)
    assert carried["ids"] == set(filter_features(sample_gdf, view)["id"])
    assert "inc-2025-06-tabriz-protest" not in carried["ids"]


def test_the_legend_explains_markers_drawn_apart_only_when_some_are(sample_gdf, sample_sources):
    from geo.export.static_map import PLACEMENT_TEXT

    def legend_text(view: View) -> str:
        svg = export("svg", sample_gdf, sample_sources, view).data.decode("utf-8")
        return " ".join(svg.split())

    ring = PLACEMENT_TEXT["ring"].split(":")[0]  # the airport's site and incident share a spot
    assert ring in legend_text(View())
    assert ring not in legend_text(View(layers=frozenset({"incident"})))  # three places apart


def incident_markers(svg: bytes) -> list[tuple[float, float]]:
    """The centre of every incident marker drawn in a report map's SVG (geo.export.static_map
    names their groups markers-incident-N): a <use> of the marker, or a path of its own."""
    import re
    import xml.etree.ElementTree as ET

    ns = "{http://www.w3.org/2000/svg}"
    centres = []
    for group in ET.fromstring(svg).iter(f"{ns}g"):
        if not (group.get("id") or "").startswith("markers-incident"):
            continue
        for node in group.iter():
            if node.tag == f"{ns}use":
                centres.append((float(node.get("x")), float(node.get("y"))))
            elif node.tag == f"{ns}path" and node.get("id") is None:  # not a <defs> shape
                numbers = [float(n) for n in re.findall(r"-?\d+\.?\d*", node.get("d"))]
                centres.append(
                    (
                        (max(numbers[0::2]) + min(numbers[0::2])) / 2,
                        (max(numbers[1::2]) + min(numbers[1::2])) / 2,
                    )
                )
    return centres


@pytest.mark.parametrize(
    ("view", "incidents"),
    [
        # The example: 8 incidents, 5 of them on one point in Baku, drawn as 3 glyphs.
        (
            View(
                countries=frozenset({"Azerbaijan"}),
                date_from=date(2026, 3, 1),
                date_to=date(2026, 3, 31),
            ),
            8,
        ),
        (View(countries=frozenset({"Iran"})), None),
    ],
)
def test_every_incident_of_the_shipped_data_is_a_marker_of_its_own(view, incidents):
    """Exported from the shipped data, each incident is one marker in the SVG and no two
    markers stand on each other (centres at least 0.7 of the smallest marker apart)."""
    import numpy as np

    from geo import paths
    from geo.export.options import ExportOptions
    from geo.load import load_incidents
    from geo.sources import sources_for

    gdf = load_incidents(paths.INCIDENTS)
    sources = sources_for(paths.INCIDENTS, None)
    selected = filter_features(gdf, view)
    expected = int((selected["layer"].astype(str) == "incident").sum())
    assert incidents in (None, expected)
    svg = export("svg", gdf, sources, view, ExportOptions(dpi=80)).data
    centres = np.array(incident_markers(svg))
    assert len(centres) == expected
    gaps = np.hypot(*(centres[:, None, :] - centres[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    assert gaps.min() >= 0.7 * 7.5  # the smallest marker is 10 px = 7.5 pt across
