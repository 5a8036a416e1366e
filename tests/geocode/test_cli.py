"""`geo lookup` and `geo geocode` (fill, dry run, --check) on scratch copies of the data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from geo.canonical import dumps
from geo.cli import main
from geo.geocoders.gazetteer import haversine_km

GAZETTEER_PREFIXES = ("sites:", "geonames:", "borders:")


def test_lookup_json_has_the_agreed_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "Nakhichevan", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert {"name", "lat", "lon", "kind", "country", "source"} <= set(record)
    assert record["source"] == "geonames:147429" and record["country"] == "Azerbaijan"


def test_lookup_all_lists_candidates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "Julfa", "--all", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) >= 2 and all("score" in r for r in records)


def test_lookup_country_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "Julfa", "--country", "IR"]) == 0
    assert "geonames:130081" in capsys.readouterr().out


def test_lookup_unknown_name_exits_1_with_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "Qwzxq Vlorptown"]) == 1
    assert "no place named 'Qwzxq Vlorptown'" in capsys.readouterr().err


def _blank(path: Path) -> dict[str, dict]:
    """Blank the geometry of every gazetteer-derived feature that has a location; return the
    originals by id."""
    document = json.loads(path.read_text(encoding="utf-8"))
    originals = {}
    for feature in document["features"]:
        properties = feature["properties"]
        source = properties.get("geo_source") or ""
        if source.startswith(GAZETTEER_PREFIXES) and properties.get("location"):
            originals[feature["id"]] = json.loads(json.dumps(feature))
            feature["geometry"] = None
    path.write_text(dumps(document), encoding="utf-8")
    return originals


def test_geocode_restores_blanked_geometries(data_copy: Path) -> None:
    path = data_copy / "incidents.geojson"
    path.write_text(dumps(json.loads(path.read_text(encoding="utf-8"))), encoding="utf-8")
    before = json.loads(path.read_text(encoding="utf-8"))
    originals = _blank(path)
    assert len(originals) >= 20
    main(["geocode", str(path)])
    after = {f["id"]: f for f in json.loads(path.read_text(encoding="utf-8"))["features"]}
    same_entry = 0
    for feature_id, original in originals.items():
        restored = after[feature_id]
        if restored["geometry"] is None:
            continue  # left unresolved, and listed as such
        if restored["properties"].get("geo_source") != original["properties"]["geo_source"]:
            continue  # the location names another place than the one chosen by hand
        same_entry += 1
        if original["geometry"]["type"] == "Point":
            lon, lat = original["geometry"]["coordinates"]
            rlon, rlat = restored["geometry"]["coordinates"]
            assert float(haversine_km(lat, lon, rlat, rlon)) <= 1.0, feature_id
        else:
            assert restored["geometry"]["type"] == original["geometry"]["type"], feature_id
    assert same_entry >= 0.8 * len(originals)
    # Nothing else changed: every other feature, and every other property, is as it was.
    for feature in before["features"]:
        restored = after[feature["id"]]
        if feature["id"] not in originals:
            assert restored == feature
        else:
            keep = {k: v for k, v in feature["properties"].items() if k != "geo_source"}
            assert {k: v for k, v in restored["properties"].items() if k != "geo_source"} == keep


SMALL = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "id": "inc-a",
            "properties": {"layer": "incident", "name": "A", "location": "Resht", "notes": "x"},
            "geometry": None,
        },
        {
            "type": "Feature",
            "id": "inc-b",
            "properties": {"layer": "incident", "name": "B", "location": "Qwzxq Vlorptown"},
            "geometry": None,
        },
        {
            "type": "Feature",
            "id": "inc-c",
            "properties": {"layer": "incident", "name": "C", "location": "Julfa"},
            "geometry": None,
        },
        {
            "type": "Feature",
            "id": "area-gilan",
            "properties": {"layer": "area", "name": "Gilan", "location": "Guilan province"},
            "geometry": None,
        },
    ],
}


def test_geocode_changes_only_what_it_fills(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "incidents.geojson"
    original = dumps(SMALL)
    path.write_text(original, encoding="utf-8")
    assert main(["geocode", str(path)]) == 1  # two left unresolved
    err = capsys.readouterr().err
    assert "no place named 'Qwzxq Vlorptown'" in err and "'Julfa' is ambiguous" in err
    assert "geonames:148251" in err and "geonames:130081" in err
    result = json.loads(path.read_text(encoding="utf-8"))
    filled = result["features"][0]
    assert filled["geometry"]["type"] == "Point"
    assert filled["properties"]["geo_source"] == "geonames:118743"
    assert filled["properties"]["geo_precision"] == 1
    area = result["features"][3]
    assert area["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert area["properties"]["geo_source"] == "borders:IR-19"
    assert area["properties"]["geo_precision"] == 3
    # Byte for byte: the canonical text of the input with just those members set.
    expected = json.loads(original)
    for position in (0, 3):
        expected["features"][position]["geometry"] = result["features"][position]["geometry"]
        expected["features"][position]["properties"].update(
            geo_source=result["features"][position]["properties"]["geo_source"],
            geo_precision=result["features"][position]["properties"]["geo_precision"],
        )
    assert path.read_text(encoding="utf-8") == dumps(expected)

    def block_b(text: str) -> str:
        return text.split('"id": "inc-b"')[1].split('"id": "inc-c"')[0]

    assert block_b(path.read_text(encoding="utf-8")) == block_b(original)


def test_geocode_dry_run_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "incidents.geojson"
    path.write_text(dumps(SMALL), encoding="utf-8")
    before = path.read_bytes()
    main(["geocode", str(path), "--dry-run"])
    assert path.read_bytes() == before


def test_geocode_unreadable_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [\n  {,]}', encoding="utf-8")
    assert main(["geocode", str(path)]) == 2
    assert f"{path}:2:" in capsys.readouterr().err


def test_check_passes_on_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "--check"]) == 0


def test_check_flags_a_hand_moved_point(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data_copy / "incidents.geojson"
    document = json.loads(path.read_text(encoding="utf-8"))
    moved = next(
        f
        for f in document["features"]
        if (f["properties"].get("geo_source") or "").startswith("sites:")
        and f["geometry"]["type"] == "Point"
    )
    moved["geometry"]["coordinates"][1] += 0.05  # about 5.6 km north
    path.write_text(dumps(document), encoding="utf-8")
    assert main(["geocode", "--check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"[{moved['id']}] geometry:" in out and "km from sites:" in out
    line = int(out.split(f"{path}:")[1].split(":")[0])
    text_lines = path.read_text(encoding="utf-8").splitlines()
    assert text_lines[line - 1].strip().startswith('"geometry"')
    last_id_line = [text for text in text_lines[:line] if text.strip().startswith('"id"')][-1]
    assert moved["id"] in last_id_line


def test_check_flags_a_point_outside_its_province(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "in-gilan",
                "properties": {"geo_source": "borders:IR-19"},
                "geometry": {"type": "Point", "coordinates": [49.6, 37.3]},
            },
            {
                "type": "Feature",
                "id": "in-tehran",
                "properties": {"geo_source": "borders:IR-19"},
                "geometry": {"type": "Point", "coordinates": [51.42, 35.69]},
            },
            {
                "type": "Feature",
                "id": "typo",
                "properties": {"geo_source": "sites:no-such-site"},
                "geometry": {"type": "Point", "coordinates": [51.42, 35.69]},
            },
        ],
    }
    path = tmp_path / "areas.geojson"
    path.write_text(dumps(document), encoding="utf-8")
    assert main(["geocode", "--check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "[in-gilan]" not in out
    assert "[in-tehran]" in out and "outside the area of borders:IR-19" in out
    assert "[typo]" in out and "names no entry" in out


def test_bad_alias_rows_are_reported_with_line(tmp_path: Path) -> None:
    from geo.geocoders import OfflineGeocoder

    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,target\nResht,geonames:118743\nFoo,geonames:0\n", encoding="utf-8")
    geocoder = OfflineGeocoder(aliases_path=aliases)
    problems = geocoder.problems
    assert [(p.line, "geonames:0" in p.message) for p in problems] == [(3, True)]
    shutil.rmtree(tmp_path)


def test_the_shipped_aliases_all_meet_a_place_even_a_village() -> None:
    """An alias may name a village or district centre of the local gazetteer (cities500:
    seats.csv's Heydarabad, 2,300 people), not only a town of the in-memory index: it
    joins the towns with its alias, and no command warns about it."""
    from geo.geocoders import OfflineGeocoder

    geocoder = OfflineGeocoder()
    assert geocoder.problems == []
    best = geocoder.geocode("Heydərabad", exactly_one=False, country="Azerbaijan")
    assert best and best[0].raw["source"] == "geonames:8326746"
