"""geo.geocode, the library behind `geo geocode`: filling null geometries in a document and
checking positions against their gazetteer entries, without the command line."""

from __future__ import annotations

import copy

from geo.geocode import CHECK_TOLERANCE_KM, check_positions, fill


def _document(location: str, geometry=None, **properties) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "inc-x",
                "properties": {"layer": "incident", "location": location, **properties},
                "geometry": geometry,
            }
        ],
    }


def test_fill_sets_point_source_and_precision_and_reports_it(geocoder):
    document = _document("Ordubad, Nakhchivan", country="Azerbaijan")
    report = fill("f.geojson", document, [7], geocoder, None)
    feature = document["features"][0]
    assert feature["geometry"]["type"] == "Point"
    lon, lat = feature["geometry"]["coordinates"]
    assert 45.9 < lon < 46.1 and 38.8 < lat < 39.0
    assert feature["properties"]["geo_source"].startswith(("geonames:", "sites:"))
    assert feature["properties"]["geo_precision"] == 1
    assert report.left == [] and report.filled[0].startswith("f.geojson:7:1: [inc-x] geometry:")


def test_fill_leaves_an_unknown_name_alone_and_says_where(geocoder):
    document = _document("Qwxzv Nowhere")
    before = copy.deepcopy(document)
    report = fill("f.geojson", document, [3], geocoder, None)
    assert document == before
    assert report.filled == []
    assert report.left == [
        "f.geojson:3:1: [inc-x] geometry: no place named 'Qwxzv Nowhere' is known"
    ]


def test_check_reports_a_position_moved_away_from_its_entry(geocoder):
    document = _document("Ordubad", country="Azerbaijan")
    fill("f.geojson", document, [1], geocoder, None)
    assert check_positions("f.geojson", document, [1], geocoder, None) == ([], 1)
    lon, lat = document["features"][0]["geometry"]["coordinates"]
    document["features"][0]["geometry"]["coordinates"] = [lon + 0.1, lat]  # about 8.7 km east
    problems, checked = check_positions("f.geojson", document, [1], geocoder, None)
    assert checked == 1
    [problem] = problems
    assert problem.feature_id == "inc-x" and problem.property == "geometry"
    assert f"km from {document['features'][0]['properties']['geo_source']}" in problem.message
    assert float(problem.message.split(" km")[0]) > CHECK_TOLERANCE_KM
