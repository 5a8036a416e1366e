"""Positions written as coordinates through every face that reads a place: `geo geocode` fills
them from `location` (geo_source manual), `geo lookup` answers them, `geo extract` proposes
them; the same text gives the same point in all three (geo.positions reads it once)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.canonical import dumps
from geo.cli import main

# Written positions near real towns in three countries, in several notations; the point each
# stands for ([lon, lat], six places) and the country whose borders hold it.
WRITTEN = [
    ("39°33′N 44°59′E", [44.983333, 39.55], "Azerbaijan"),  # the field case (Sharur)
    ("38°04'12\"N 46°17'30\"E", [46.291667, 38.07], "Iran"),  # Tabriz, seconds, ASCII marks
    ("46.3606°E, 40.6828°N", [46.3606, 40.6828], "Azerbaijan"),  # Ganja, longitude first
    ("N41.6417 E41.6367", [41.6367, 41.6417], "Georgia"),  # Batumi, hemispheres before
    ("41 38 30 N 41 38 12 E", [41.636667, 41.641667], "Georgia"),  # spaces only
    ("38d4m12sN 46d17m30sE", [46.291667, 38.07], "Iran"),  # letters as marks
]


def _incidents(path: Path, locations: list[str]) -> Path:
    features = [
        {
            "type": "Feature",
            "id": f"inc-{index}",
            "properties": {"layer": "incident", "name": f"Case {index}", "location": location},
            "geometry": None,
        }
        for index, location in enumerate(locations)
    ]
    path.write_text(dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def test_geocode_fills_written_positions_as_manual(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _incidents(tmp_path / "incidents.geojson", [text for text, _, _ in WRITTEN])
    assert main(["geocode", str(path)]) == 0
    assert "filled 6 geometries; 0 left" in capsys.readouterr().err
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    for feature, (text, point, _) in zip(features, WRITTEN, strict=True):
        assert feature["geometry"] == {"type": "Point", "coordinates": point}, text
        assert feature["properties"]["geo_source"] == "manual"
        assert feature["properties"]["geo_precision"] == 1
        assert feature["properties"]["location"] == text  # what the user wrote stays


def test_geocode_keeps_a_given_precision_and_refuses_a_position_that_is_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _incidents(tmp_path / "incidents.geojson", ["39°33′N 44°59′E", "39°75′N 44°59′E"])
    document = json.loads(path.read_text(encoding="utf-8"))
    document["features"][0]["properties"]["geo_precision"] = 2
    path.write_text(dumps(document), encoding="utf-8")
    assert main(["geocode", str(path)]) == 1
    err = capsys.readouterr().err
    assert "[inc-1] geometry: location is written as coordinates but is no position" in err
    assert "75 minutes" in err and "no place named" not in err
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    assert features[0]["properties"]["geo_precision"] == 2
    assert features[1]["geometry"] is None


@pytest.mark.parametrize(("text", "point", "country"), WRITTEN)
def test_geocode_holds_a_written_position_to_the_feature_s_country(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, point: list, country: str
) -> None:
    """A position is written only into a feature whose `country` holds it (what `validate`
    checks); one in another country, or a plain pair written longitude first, is left
    without a geometry with the reason, the swap named where it is one."""
    lon, lat = point
    plain_swapped = f"{lon}, {lat}"  # longitude first, no hemisphere: read latitude first
    other = next(c for _, _, c in WRITTEN if c != country)
    path = _incidents(tmp_path / "incidents.geojson", [text, text, plain_swapped])
    document = json.loads(path.read_text(encoding="utf-8"))
    for feature, named in zip(document["features"], [country, other, country], strict=True):
        feature["properties"]["country"] = named
    path.write_text(dumps(document), encoding="utf-8")
    assert main(["geocode", str(path)]) == 1
    err = capsys.readouterr().err
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": point}
    assert features[1]["geometry"] is None
    assert f"[inc-1] geometry: location {text!r} reads as latitude" in err
    assert f"in {country}, not in {other} (its country)" in err
    if abs(lon - lat) < 1:  # Batumi's two numbers nearly agree: either way it is in Georgia
        assert features[2]["geometry"] is not None and "filled 2 geometries; 1 left" in err
    else:
        assert features[2]["geometry"] is None and "filled 1 geometry; 2 left" in err
        assert f"the other way round ({lat}, {lon}) it lies in {country}" in err


@pytest.mark.parametrize(("text", "point", "country"), WRITTEN)
def test_lookup_answers_a_written_position(
    text: str, point: list[float], country: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lookup", text, "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert [record["lon"], record["lat"]] == point
    assert record["source"] == "manual" and record["kind"] == "position"
    assert record["country"] == country
    assert record["nearest"]["distance_km"] < 10


def test_lookup_says_why_coordinates_are_no_position(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "95N 44E"]) == 1
    err = capsys.readouterr().err
    assert "latitude 95 is beyond ±90" in err and "no place named" not in err


# Sharur ([44.983333, 39.55]) written longitude first with no hemisphere: read latitude first,
# it lies in Russia.
SHARUR_BACKWARDS = "44.983333 39.55"
SWAP_HINT = (
    "the other way round (39.55, 44.983333) it lies in Azerbaijan: write latitude first, or "
    "add hemispheres (39.55N 44.983333E)"
)


def test_lookup_gives_a_pair_written_longitude_first_the_swap_hint_of_geocode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """lookup answers a plain pair as written (latitude first) but says, as `geocode` says of
    a feature's location, where it lies the other way round; with --country, that the
    country does not hold it."""
    assert main(["lookup", SHARUR_BACKWARDS]) == 0
    captured = capsys.readouterr()
    assert "Russia" in captured.out
    assert "has no hemispheres, so it reads as latitude 44.983333, longitude 39.55, " in (
        captured.err
    )
    assert "which lies in Russia" in captured.err and SWAP_HINT in captured.err
    assert main(["lookup", SHARUR_BACKWARDS, "--country", "az"]) == 0
    err = capsys.readouterr().err
    assert "which lies in Russia, not in Azerbaijan (--country az)" in err and SWAP_HINT in err
    assert main(["lookup", SHARUR_BACKWARDS, "--json"]) == 0  # the answer carries it too
    assert SWAP_HINT in json.loads(capsys.readouterr().out)["warning"]
    path = _incidents(tmp_path / "incidents.geojson", [SHARUR_BACKWARDS])
    document = json.loads(path.read_text(encoding="utf-8"))
    document["features"][0]["properties"]["country"] = "Azerbaijan"
    path.write_text(dumps(document), encoding="utf-8")
    assert main(["geocode", str(path)]) == 1
    assert SWAP_HINT in capsys.readouterr().err  # the same words as geocode's


@pytest.mark.parametrize("text", ["39.55N 44.983333E", "44.983333E 39.55N", "39°33′N 44°59′E"])
def test_lookup_gives_no_swap_hint_to_a_pair_its_hemispheres_order(
    text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lookup", text]) == 0
    captured = capsys.readouterr()
    assert "Azerbaijan" in captured.out and "other way round" not in captured.err
    assert main(["lookup", text, "--json"]) == 0
    assert "warning" not in json.loads(capsys.readouterr().out)
    assert main(["lookup", text, "--country", "AZ"]) == 0
    assert "other way round" not in capsys.readouterr().err


# A new user's variant of the DMS field case: words before or after the position.
WITH_WORDS = [
    ("39°33′N 44°59′E (near Sharur)", [44.983333, 39.55], "near Sharur"),
    ("lat: 39.55, lon: 44.98 near Sharur", [44.98, 39.55], "near Sharur"),
    ("south of Sharur: 39.55N 44.98E", [44.98, 39.55], "south of Sharur"),
    ("39.55, 44.983333, a field", [44.983333, 39.55], "a field"),
]


def test_geocode_reads_a_position_with_words_and_keeps_the_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _incidents(tmp_path / "incidents.geojson", [t for t, _, _ in WITH_WORDS])
    assert main(["geocode", str(path)]) == 0
    captured = capsys.readouterr()
    err = captured.out + captured.err
    assert "filled 4 geometries; 0 left" in err and "no place named" not in err
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    for feature, (text, point, words) in zip(features, WITH_WORDS, strict=True):
        assert feature["geometry"] == {"type": "Point", "coordinates": point}, text
        assert feature["properties"]["geo_source"] == "manual"
        assert feature["properties"]["location"] == text  # the words stay, as a note
        assert f"the words {words!r} stay in location as a note" in err
    assert main(["geocode", "--check", str(path)]) == 0  # location and geometry agree


@pytest.mark.parametrize(("text", "point", "words"), WITH_WORDS)
def test_lookup_answers_a_position_with_words(
    text: str, point: list[float], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lookup", text, "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert ([record["lon"], record["lat"]], record["note"]) == (point, words)
    assert record["source"] == "manual" and record["country"] == "Azerbaijan"


def test_extract_proposes_written_positions_that_geocode_reads_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Strike near Tabriz\n\nA drone struck a warehouse at 38°04'12\"N 46°17'30\"E on "
        "Thursday, officials said. A second crater was reported at 46.3606°E, 40.6828°N.\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.geojson"
    row = ["--outlet", "Test Outlet", "--sources", str(tmp_path / "sources.csv")]
    argv = ["extract", str(article), "--published", "2026-03-06", *row, "--out", str(draft)]
    assert main(argv) == 0
    features = json.loads(draft.read_text(encoding="utf-8"))["features"]
    manual = [f for f in features if f["properties"].get("geo_source") == "manual"]
    points = {tuple(f["geometry"]["coordinates"]) for f in manual}
    assert points == {(46.291667, 38.07), (46.3606, 40.6828)}
    incidents = [f for f in manual if f["properties"]["layer"] == "incident"]
    assert incidents and incidents[0]["geometry"]["coordinates"] == [46.291667, 38.07]
    assert incidents[0]["properties"]["country"] == "Iran"
    # the draft's location, given to geocode, is the same point
    for feature in manual:
        feature["geometry"] = None
    path = tmp_path / "again.geojson"
    path.write_text(dumps({"type": "FeatureCollection", "features": manual}), encoding="utf-8")
    capsys.readouterr()
    assert main(["geocode", str(path)]) == 0
    again = json.loads(path.read_text(encoding="utf-8"))["features"]
    assert {tuple(f["geometry"]["coordinates"]) for f in again} == points


def test_check_holds_a_feature_to_the_position_its_location_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _incidents(tmp_path / "incidents.geojson", ["39°33′N 44°59′E"] * 3)
    document = json.loads(path.read_text(encoding="utf-8"))
    agreed, moved, sourced = document["features"]
    agreed["geometry"] = {"type": "Point", "coordinates": [44.983333, 39.55]}
    agreed["properties"]["geo_source"] = "manual"
    moved["geometry"] = {"type": "Point", "coordinates": [44.983333, 39.65]}  # 11 km north
    moved["properties"]["geo_source"] = "manual"
    sourced["geometry"] = {"type": "Point", "coordinates": [44.983333, 39.55]}
    sourced["properties"]["geo_source"] = "geonames:146858"  # Sharur: not what was typed
    path.write_text(dumps(document), encoding="utf-8")
    assert main(["geocode", "--check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "[inc-0]" not in out
    assert (
        "[inc-1] geometry: 11.1 km from the position its location writes (39.55, 44.983333)" in out
    )
    assert "[inc-2] geometry: geo_source geonames:146858 but its location is a position" in out
