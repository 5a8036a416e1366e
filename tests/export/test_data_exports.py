"""Data exports: GeoJSON in the project's schema (validates), ACLED-shaped CSV that round-trips
through import-acled, and KML; all of them honour the view."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyogrio
import pytest

from geo.acled.columns import ACLED_COLUMNS
from geo.acled.reader import read_acled_text
from geo.canonical import dumps
from geo.export import ExportError, export_bytes
from geo.load import incidents_frame
from geo.problems import has_errors
from geo.sources import EMBEDDED_MEMBER, cited_source_ids, registry_rows
from geo.validate import check_text
from geo.view import View

ISSUE_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


def features_by_id(document: dict) -> dict[str, dict]:
    return {feature["id"]: feature for feature in document["features"]}


def test_geojson_export_validates_and_keeps_every_property(
    sample_gdf, sample_sources, sample_document, sources_csv
):
    data = export_bytes("geojson", sample_gdf, sample_sources, View())
    _, problems = check_text(
        data, str(sources_csv.parent / "export.geojson"), sources_path=sources_csv
    )
    assert not has_errors(problems), [p.format() for p in problems]
    # nothing lost or changed; the rows of the cited sources come along
    assert data.decode() == dumps(
        {
            **sample_document,
            EMBEDDED_MEMBER: registry_rows(sample_sources, cited_source_ids(sample_gdf)),
        }
    )


def test_geojson_export_honours_the_view_and_stands_alone(sample_gdf, sample_sources, sources_csv):
    related = sample_gdf.copy()
    related["related"] = [["site-nakhchivan-airport", "inc-2026-03-05-shakarabad"]] + [
        [] for _ in range(len(related) - 1)
    ]
    view = View(layers=frozenset({"incident"}), sources=frozenset({"alpha-2026-03-06"}))
    data = export_bytes("geojson", related, sample_sources, view)
    document, problems = check_text(data, "export.geojson", sources_path=sources_csv)
    assert not has_errors(problems), [p.format() for p in problems]
    by_id = features_by_id(document)
    assert set(by_id) == {"inc-2026-03-05-nakhchivan-airport", "inc-2026-03-05-shakarabad"}
    # the link to the site, which the selection leaves out, is dropped; the other is kept
    assert by_id["inc-2026-03-05-nakhchivan-airport"]["properties"]["related"] == [
        "inc-2026-03-05-shakarabad"
    ]


def test_csv_has_acleds_columns_in_order_then_the_projects(sample_gdf, sample_sources):
    rows = list(
        csv.DictReader(
            io.StringIO(export_bytes("csv", sample_gdf, sample_sources, View()).decode())
        )
    )
    header = list(rows[0])
    assert header[:31] == ISSUE_COLUMNS == list(ACLED_COLUMNS)
    assert header[31] == "id" and "claim_status" in header and "sources" in header
    assert "witness_count" in header  # extra properties follow too
    assert len(rows) == 3  # incidents only
    first = next(r for r in rows if r["id"] == "inc-2026-03-05-nakhchivan-airport")
    assert first["event_date"] == "2026-03-05" and first["year"] == "2026"
    assert (first["latitude"], first["longitude"]) == ("39.189", "45.458")
    assert first["source"] == "Alpha Wire"  # outlets, as ACLED's source column
    for column in ("event_id_cnty", "disorder_type", "inter1", "iso", "region", "tags"):
        assert first[column] == ""  # ACLED has it, the project does not: empty
    assert first["fatalities"] == ""  # unknown stays unknown, not 0


def test_csv_import_csv_round_trips(sample_gdf, sample_sources, sources_csv):
    first = export_bytes("csv", sample_gdf, sample_sources, View())
    document, problems = read_acled_text(first.decode(), "export.csv")
    assert problems == []
    imported = incidents_frame(document)
    assert export_bytes("csv", imported, sample_sources, View()) == first
    # the same incidents, property for property
    original = export_bytes(
        "geojson", sample_gdf, sample_sources, View(layers=frozenset({"incident"}))
    )
    assert dumps(document) == dumps(
        {k: v for k, v in json.loads(original).items() if k != EMBEDDED_MEMBER}
    )
    _, problems = check_text(dumps(document), "imported.geojson", sources_path=sources_csv)
    assert not has_errors(problems), [p.format() for p in problems]


def test_csv_of_a_selection_without_incidents_is_refused(sample_gdf, sample_sources):
    with pytest.raises(ExportError, match="incidents only"):
        export_bytes("csv", sample_gdf, sample_sources, View(layers=frozenset({"site"})))


def test_kml_holds_a_folder_per_layer_with_the_selection(
    sample_gdf, sample_sources, tmp_path: Path
):
    path = tmp_path / "export.kml"
    path.write_bytes(
        export_bytes(
            "kml",
            sample_gdf,
            sample_sources,
            View(date_from=None, countries=frozenset({"Azerbaijan"})),
        )
    )
    layers = {
        name: pyogrio.read_dataframe(path, layer=name) for name, _ in pyogrio.list_layers(path)
    }
    assert set(layers) == {"Incidents", "Sites", "Areas"}  # the route has no country
    incidents = layers["Incidents"]
    assert sorted(incidents["feature_id"]) == [
        "inc-2026-03-05-nakhchivan-airport",
        "inc-2026-03-05-shakarabad",
    ]
    text = path.read_text(encoding="utf-8")
    assert "<TimeSpan>" in text and "Alpha Wire" in text  # time slider, sources in balloon


def test_an_empty_selection_says_what_hid_the_features(sample_gdf, sample_sources):
    with pytest.raises(ExportError, match=r"no feature matches.*event type hides 3"):
        export_bytes(
            "geojson",
            sample_gdf,
            sample_sources,
            View(event_types=frozenset({"Riots"}), layers=frozenset({"incident"})),
        )
