"""`python -m geo import FILE`: the files analysts receive (KML/KMZ, GeoPackage, Shapefile,
GPX, CSV, GeoParquet), each written here in variants, become draft features for review;
what is not mapped is listed; bad input gets a message naming the file, never a traceback;
the verbs that read GeoJSON name the way in; an imported draft goes through `geo merge`."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point

from geo import paths
from geo.cli import main
from geo.validate import check_file

SOURCE = "jamestown-2026-03-12"  # a row of the shipped registry

MY_MAPS_KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
  <Document>
    <name>Sightings</name>
    <Folder>
      <name>Drones</name>
      <Placemark>
        <name>{name}</name>
        <description><![CDATA[Seen at dusk by two drivers<br>{day} March]]></description>
        <ExtendedData>
          <Data name="date"><value>2026-03-0{day}</value></Data>
          <Data name="reporter"><value>road crew</value></Data>
        </ExtendedData>
        <Point><coordinates>{lon},{lat},0</coordinates></Point>
      </Placemark>
    </Folder>
  </Document>
</kml>
"""

EARTH_KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
  <Placemark><name>Shelling of the depot</name>
    <TimeStamp><when>2026-03-04T22:10:00Z</when></TimeStamp>
    <Point><coordinates>46.29,38.07</coordinates></Point></Placemark>
  <Placemark><name>Clashes along the road</name>
    <TimeSpan><begin>2026-03-04</begin><end>2026-03-06</end></TimeSpan>
    <LineString><coordinates>45.40,39.20 45.50,39.25</coordinates></LineString></Placemark>
  <Placemark><name>Checkpoint zone</name>
    <Polygon><outerBoundaryIs><LinearRing><coordinates>
      45.40,39.20 45.50,39.20 45.50,39.30 45.40,39.20
    </coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
</Document></kml>
"""

GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <wpt lat="40.6828" lon="46.3606"><time>2026-03-05T08:00:00Z</time>
    <name>Drone seen over Ganja</name><desc>Low, heading north</desc></wpt>
  <wpt lat="41.6417" lon="41.6367"><name>Batumi port</name></wpt>
  <trk><name>Drone track</name><trkseg>
    <trkpt lat="39.20" lon="45.40"/><trkpt lat="39.25" lon="45.50"/>
  </trkseg></trk>
</gpx>
"""


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _import(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[list[dict], str]:
    """Import `path` with the shipped registry's SOURCE; the draft's features, and stderr."""
    out = path.with_name(path.name + ".draft.geojson")
    code, _, err = _run(
        capsys, "import", str(path), "--out", str(out), "--source", SOURCE,
        "--sources", str(paths.SOURCES), *extra,
    )  # fmt: skip
    assert code == 0, err
    assert "Traceback" not in err
    document, problems = check_file(out, sources_path=paths.SOURCES)
    assert [p.format() for p in problems if p.severity == "error"] == [], err
    assert document is not None
    for feature in document["features"]:
        assert feature["properties"]["review"] == "draft"
        assert feature["properties"]["sources"] == [SOURCE]
    return document["features"], err


def _kmz(kml: str, path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("doc.kml", kml)
    return path


@pytest.mark.parametrize(
    ("name", "day", "lon", "lat", "country"),
    [
        ("Shahbuz road sighting", 5, 45.5686, 39.4078, "Azerbaijan"),  # the field case
        ("Drone sighting near Tabriz", 4, 46.2919, 38.0800, "Iran"),
        ("Batumi harbour drone sighting", 6, 41.6367, 41.6417, "Georgia"),
    ],
)
@pytest.mark.parametrize("zipped", [False, True])
def test_my_maps_kml_and_kmz_become_draft_incidents(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    day: int,
    lon: float,
    lat: float,
    country: str,
    zipped: bool,
) -> None:
    kml = MY_MAPS_KML.format(name=name, day=day, lon=lon, lat=lat)
    path = tmp_path / "mymaps.kml"
    path.write_text(kml, encoding="utf-8")
    if zipped:
        path = _kmz(kml, tmp_path / "mymaps.kmz")
    [feature], err = _import(capsys, path)
    props = feature["properties"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [lon, lat]}
    assert props["layer"] == "incident" and props["event_date"] == f"2026-03-0{day}"
    assert props["name"] == name and props["country"] == country
    assert props["geo_source"] == "manual"
    assert (props["event_type"], props["sub_event_type"]) == ("Strategic developments", "Other")
    assert f"Seen at dusk by two drivers {day} March" in props["notes"]  # <br> read as a blank
    assert "reporter: road crew" in props["notes"]  # extended data nobody maps is kept
    assert "not mapped, kept in notes: reporter" in err


def test_google_earth_timestamps_spans_lines_and_areas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "earth.kml"
    path.write_text(EARTH_KML, encoding="utf-8")
    features, err = _import(capsys, path)
    by_name = {f["properties"]["name"]: f for f in features}
    shelling = by_name["Shelling of the depot"]["properties"]
    assert shelling["event_date"] == "2026-03-04"
    assert shelling["sub_event_type"] == "Shelling/artillery/missile attack"
    clashes = by_name["Clashes along the road"]
    assert clashes["geometry"]["type"] == "LineString"
    assert (clashes["properties"]["event_date"], clashes["properties"]["end_date"]) == (
        "2026-03-04",
        "2026-03-06",
    )
    zone = by_name["Checkpoint zone"]  # no date: an area for the reviewer, not an incident
    assert zone["properties"]["layer"] == "area" and zone["geometry"]["type"] == "Polygon"
    assert "(Checkpoint zone): drafted as an area of kind region (no date)" in err


def test_an_undated_line_of_no_known_kind_is_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "road.kml"
    path.write_text(
        EARTH_KML.replace("Clashes along the road", "Convoy road").replace(
            "<TimeSpan><begin>2026-03-04</begin><end>2026-03-06</end></TimeSpan>", ""
        ),
        encoding="utf-8",
    )
    code, _, err = _run(capsys, "import", str(path), "--out", str(tmp_path / "d.geojson"))
    assert code == 0
    assert "(Convoy road): drafted as a route (no date); set its kind" in err
    assert "[draft-route-convoy-road] kind: missing kind" in err  # the validator's word


@pytest.mark.parametrize(
    ("when", "day"),
    [
        ("2026-03-04T22:10:00-05:00", "2026-03-04"),  # 03:10 on 5 March in UTC
        ("2026-03-05T01:10:00+04:00", "2026-03-05"),  # 21:10 on 4 March in UTC
        ("2026-03-05T08:00:00Z", "2026-03-05"),
        ("2026-03-05", "2026-03-05"),
    ],
)
def test_the_day_is_the_one_written_not_utcs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], when: str, day: str
) -> None:
    path = tmp_path / "tz.kml"
    path.write_text(
        EARTH_KML.replace("2026-03-04T22:10:00Z", when), encoding="utf-8"
    )  # the shelling's TimeStamp
    features, _ = _import(capsys, path)
    shelling = next(f for f in features if f["properties"]["name"] == "Shelling of the depot")
    assert shelling["properties"]["event_date"] == day


def _frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "name": ["Drone strike on the depot", "Protest at the gate", "Old airfield"],
            "date": ["2026-03-05", "2026-03-06", None],
            "source_url": ["https://example.org/a", None, None],
        },
        geometry=[Point(46.2919, 38.08), Point(45.4, 39.2), Point(45.5, 39.3)],
        crs="EPSG:4326",
    )


def _check_frame_draft(features: list[dict]) -> None:
    by_name = {f["properties"]["name"]: f["properties"] for f in features}
    assert by_name["Drone strike on the depot"]["sub_event_type"] == "Air/drone strike"
    assert by_name["Drone strike on the depot"]["country"] == "Iran"
    assert by_name["Protest at the gate"]["event_type"] == "Protests"
    assert by_name["Old airfield"]["layer"] == "site"
    assert "source_url: https://example.org/a" in by_name["Drone strike on the depot"]["notes"]


def test_geopackage_with_two_layers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "shared.gpkg"
    pyogrio.write_dataframe(_frame(), path, layer="events")
    track = gpd.GeoDataFrame(
        {"name": ["Drone flight track"]},
        geometry=[LineString([(45.4, 39.2), (45.5, 39.3)])],
        crs=4326,
    )
    pyogrio.write_dataframe(track, path, layer="tracks")
    features, _ = _import(capsys, path)
    assert len(features) == 4
    _check_frame_draft(features[:3])
    assert "layer 'tracks'" in features[3]["properties"]["notes"]
    assert (features[3]["properties"]["layer"], features[3]["properties"]["kind"]) == (
        "route",
        "flight_path",
    )


def test_zipped_shapefile_in_another_crs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pyogrio.write_dataframe(_frame().to_crs(3857), tmp_path / "events.shp")
    archive = tmp_path / "events.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for part in tmp_path.glob("events.*"):
            if part.suffix != ".zip":
                zipped.write(part, part.name)
    features, _ = _import(capsys, archive)
    _check_frame_draft(features)
    assert features[0]["geometry"]["coordinates"] == [46.2919, 38.08]  # back in degrees


def test_shapefile_without_its_prj(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pyogrio.write_dataframe(_frame(), tmp_path / "events.shp")
    (tmp_path / "events.prj").unlink()
    _check_frame_draft(_import(capsys, tmp_path / "events.shp")[0])
    pyogrio.write_dataframe(_frame().to_crs(3857), tmp_path / "metres.shp")
    (tmp_path / "metres.prj").unlink()
    code, _, err = _run(
        capsys, "import", str(tmp_path / "metres.shp"), "--out", str(tmp_path / "m.geojson")
    )
    assert code == 2 and "metres.shp" in err and "without its .prj" in err


def test_gpx_waypoints_and_tracks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "walk.gpx"
    path.write_text(GPX, encoding="utf-8")
    features, _ = _import(capsys, path)
    by_name = {f["properties"]["name"]: f for f in features}
    assert set(by_name) == {
        "Drone seen over Ganja",
        "Batumi port",
        "Drone track",
    }  # no track points
    ganja = by_name["Drone seen over Ganja"]["properties"]
    assert ganja["layer"] == "incident" and ganja["event_date"] == "2026-03-05"
    assert "Low, heading north" in ganja["notes"]
    assert by_name["Drone track"]["geometry"]["type"] == "MultiLineString"


@pytest.mark.parametrize(
    "header",
    [
        "name,date,latitude,longitude,country",
        "Name,Date,Lat,Lon,Country",
        "name,date,y,x,country",
        "name,date,lat,lng,country",
    ],
)
def test_csv_with_coordinate_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        f"{header}\nDrone strike on the depot,2026-03-05,38.08,46.2919,\n"
        "Old airfield,,39.3,45.5,\nNo position yet,2026-03-06,,,Azerbaijan\n",
        encoding="utf-8",
    )
    features, err = _import(capsys, path)
    assert features[0]["geometry"]["coordinates"] == [46.2919, 38.08]
    assert features[0]["properties"]["event_date"] == "2026-03-05"
    assert features[2]["geometry"] is None
    assert features[2]["properties"]["location"] == "No position yet"  # for geo geocode
    assert "rows.csv:4: row 3 (No position yet): no position" in err  # file and line


@pytest.mark.parametrize(
    ("header", "cells"),
    [
        ("name,date,latitude,longitude", "39°33′N,44°59′E"),  # degrees and minutes
        ("name,date,Lat,Lon", "39°33'00\"N,44°59'00\"E"),  # seconds, ASCII marks
        ("name,date,coordinates", '"39°33′N, 44°59′E"'),  # one column, as written
        ("name,date,position", "44.983333°E 39.55°N"),  # longitude first
    ],
)
def test_csv_with_positions_written_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str, cells: str
) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        f"{header},country\nDrone wreckage found,2026-03-06,{cells},\n", encoding="utf-8"
    )
    [feature], _ = _import(capsys, path)
    assert feature["geometry"] == {"type": "Point", "coordinates": [44.983333, 39.55]}
    assert feature["properties"]["country"] == "Azerbaijan"
    assert "Position read from" in feature["properties"]["notes"]


def test_csv_with_a_position_that_is_none_is_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(
        "name,latitude,longitude,country\nCrater,39°75′N,44°59′E,Azerbaijan\n"
        "Field,near the road,,Azerbaijan\nDepot,x,y,Azerbaijan\n",
        encoding="utf-8",
    )
    features, err = _import(capsys, path)
    assert [feature["geometry"] for feature in features] == [None] * 3
    assert "rows.csv:2: row 1 (Crater): latitude and longitude" in err and "75 minutes" in err
    assert "rows.csv:4: row 3 (Depot): latitude and longitude 'x, y' are not coordinates" in err


def test_csv_with_wkt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "shapes.csv"
    path.write_text(
        'name,WKT\nDrone flight path,"LINESTRING (45.4 39.2, 45.5 39.3)"\n'
        'Zone,"POLYGON ((45.4 39.2, 45.5 39.2, 45.5 39.3, 45.4 39.2))"\n',
        encoding="utf-8",
    )
    features, _ = _import(capsys, path)
    assert [f["geometry"]["type"] for f in features] == ["LineString", "Polygon"]


def test_geoparquet_from_geopandas_and_plain_parquet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _frame().to_parquet(tmp_path / "geo.parquet", write_covering_bbox=True)
    _check_frame_draft(_import(capsys, tmp_path / "geo.parquet")[0])
    # GeoParquet 1.1's native encoding (GeoArrow), as DuckDB or GDAL may write it
    _frame().to_parquet(tmp_path / "native.parquet", geometry_encoding="geoarrow")
    _check_frame_draft(_import(capsys, tmp_path / "native.parquet")[0])
    # in metres: projected back to degrees
    _frame().to_crs(3857).to_parquet(tmp_path / "metres.parquet")
    features = _import(capsys, tmp_path / "metres.parquet")[0]
    assert features[0]["geometry"]["coordinates"] == [46.2919, 38.08]
    table = pd.DataFrame(_frame().drop(columns="geometry"))
    table["latitude"], table["longitude"] = [38.08, 39.2, 39.3], [46.2919, 45.4, 45.5]
    table.to_parquet(tmp_path / "plain.parquet")
    _check_frame_draft(_import(capsys, tmp_path / "plain.parquet")[0])
    table.drop(columns=["latitude", "longitude"]).to_parquet(tmp_path / "nowhere.parquet")
    code, _, err = _run(capsys, "import", str(tmp_path / "nowhere.parquet"))
    assert code == 2 and "nowhere.parquet" in err and "nothing says where its rows are" in err


def test_acled_columns_are_taken_as_they_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    frame = _frame().iloc[:1].copy()
    frame = frame.assign(
        event_date="2026-03-05", event_type="Battles", sub_event_type="Armed clash",
        location="Tabriz", fatalities=2, timestamp=1772928000,
    ).drop(columns=["name", "date"])  # fmt: skip
    frame.to_parquet(tmp_path / "acled.parquet")
    [feature], _ = _import(capsys, tmp_path / "acled.parquet")
    props = feature["properties"]
    assert (props["event_type"], props["sub_event_type"]) == ("Battles", "Armed clash")
    assert props["name"] == "Armed clash: Tabriz" and props["fatalities"] == 2
    assert props["event_date"] == "2026-03-05"  # not the upload timestamp
    assert "timestamp: 1772928000" in props["notes"]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.kml", "<kml><Document><Placemark><name>x</name><Point><coord", "bad.kml"),
        ("rows.csv", "name,place\nA,Tabriz\n", "names no coordinate columns"),
        ("nothing.gpkg", "not a database", "cannot be read as a geographic file"),
        ("absent.kml", None, "no such file"),
        ("empty.csv", "", "the file is empty"),
        ("semi.csv", "name;lat;lon\nA;39,5;44,9\n", "a semicolon-separated CSV"),
        ("nokml.kmz", "PK\x05\x06" + "\x00" * 18, "cannot be read as a geographic file"),
    ],
)
def test_bad_input_is_named_never_a_traceback(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str | None,
    expected: str,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, _, err = _run(capsys, "import", str(path), "--out", str(tmp_path / "d.geojson"))
    assert code == 2
    assert str(path) in err and expected in err and "Traceback" not in err
    assert not (tmp_path / "d.geojson").exists()


def test_an_existing_draft_is_not_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "walk.gpx"
    path.write_text(GPX, encoding="utf-8")
    out = tmp_path / "draft.geojson"
    out.write_text("edited by a reviewer", encoding="utf-8")
    code, _, err = _run(capsys, "import", str(path), "--out", str(out))
    assert code == 1 and "--force" in err
    assert out.read_text(encoding="utf-8") == "edited by a reviewer"


@pytest.mark.parametrize("verb", ["validate", "merge", "export"])
@pytest.mark.parametrize("kind", ["kml", "kmz", "gpx", "gpkg", "zip"])
def test_the_geojson_verbs_refuse_and_name_the_way_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], verb: str, kind: str
) -> None:
    kml = MY_MAPS_KML.format(name="Sighting", day=5, lon=45.5686, lat=39.4078)
    path = tmp_path / f"shared.{kind}"
    if kind == "kml":
        path.write_text(kml, encoding="utf-8")
    elif kind == "kmz":
        _kmz(kml, path)
    elif kind == "gpx":
        path.write_text(GPX, encoding="utf-8")
    elif kind == "gpkg":
        pyogrio.write_dataframe(_frame(), path)
    else:
        pyogrio.write_dataframe(_frame(), tmp_path / "e.shp")
        with zipfile.ZipFile(path, "w") as zipped:
            for part in tmp_path.glob("e.*"):
                zipped.write(part, part.name)
    into = tmp_path / "incidents.geojson"
    shutil.copy(paths.INCIDENTS, into)
    args = {
        "validate": ["validate", str(path)],
        "merge": ["merge", str(path), "--into", str(into), "--sources", str(paths.SOURCES)],
        "export": ["export", "--in", str(path), "--format", "csv", "--out", str(tmp_path / "x")],
    }[verb]
    code, out, err = _run(capsys, *args)
    assert code == 2, err
    assert "python -m geo import FILE" in out + err and "Traceback" not in err


def test_an_imported_draft_goes_through_the_review_loop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(paths.INCIDENTS, tmp_path / "incidents.geojson")
    shutil.copy(paths.SOURCES, tmp_path / "sources.csv")
    path = tmp_path / "mymaps.kmz"
    _kmz(MY_MAPS_KML.format(name="Batumi drone sighting", day=4, lon=41.6367, lat=41.6417), path)
    [feature], _ = _import(capsys, path)
    draft = path.with_name(path.name + ".draft.geojson")
    code, _, err = _run(capsys, "merge", str(draft), "--into", str(tmp_path / "incidents.geojson"))
    assert code == 1 and 'still marked review "draft"' in err  # nobody has reviewed it
    document = json.loads(draft.read_text(encoding="utf-8"))
    document["features"][0]["properties"]["review"] = "kept"
    draft.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, out, err = _run(
        capsys, "merge", str(draft), "--into", str(tmp_path / "incidents.geojson")
    )
    assert code == 0, err
    assert feature["id"] == "draft-inc-batumi-drone-sighting"
    assert "inc-batumi-drone-sighting: added" in out  # merge gives the final id


def test_the_draft_goes_to_the_current_projects_drafts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    gpx = tmp_path / "walk.gpx"
    gpx.write_text(GPX, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # no project here or above: the draft needs --out
    code, _, err = _run(capsys, "import", str(gpx))
    assert code == 1 and "no project here" in err and "--out" in err
    project = tmp_path / "desk"
    (project / "data").mkdir(parents=True)
    shutil.copy(paths.SOURCES, project / "data" / "sources.csv")
    monkeypatch.chdir(project)
    code, _, err = _run(capsys, "import", str(gpx), "--source", SOURCE)
    assert code == 0, err
    assert (project / "data" / "drafts" / "walk.geojson").is_file()


# A new user's variant of the Google My Maps field case: My Maps writes names and descriptions
# as HTML inside CDATA, and some exports escape that HTML once more; the character references
# stayed in the draft ("Drivers&#39; sighting", "&amp;"). Every format reads them as text.
ENTITY_KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Sightings</name>
  <Placemark>
    <name><![CDATA[Drivers&#39; drone sighting at Shahbuz &amp; Julfa road]]></name>
    <description><![CDATA[Seen at dusk &ndash; two drivers&#39; report<br>&quot;low&quot;
      &amp;amp; slow, x &lt; 5 km, AT&T mast]]></description>
    <ExtendedData>
      <Data name="date"><value>2026-03-05</value></Data>
      <Data name="reporter"><value>Road crew &amp;amp; police</value></Data>
    </ExtendedData>
    <Point><coordinates>45.5686,39.4078,0</coordinates></Point>
  </Placemark>
</Document></kml>
"""


@pytest.mark.parametrize("zipped", [False, True])
def test_kml_character_references_are_read_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], zipped: bool
) -> None:
    path = tmp_path / "mymaps.kml"
    path.write_text(ENTITY_KML, encoding="utf-8")
    if zipped:
        path = _kmz(ENTITY_KML, tmp_path / "mymaps.kmz")
    [feature], err = _import(capsys, path)
    props = feature["properties"]
    assert props["name"] == "Drivers' drone sighting at Shahbuz & Julfa road"
    assert 'Seen at dusk – two drivers\' report "low" & slow, x < 5 km, AT&T mast' in props["notes"]
    assert "reporter: Road crew & police" in props["notes"]
    assert "&amp;" not in err + json.dumps(feature) and "&#39;" not in err + json.dumps(feature)


def test_gpx_and_csv_character_references_are_read_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gpx = tmp_path / "walk.gpx"
    gpx.write_text(
        GPX.replace("Drone seen over Ganja", "Drone seen over Ganja &amp;amp; Goygol").replace(
            "Low, heading north", "Low &amp;amp; heading north"
        ),
        encoding="utf-8",
    )
    features, _ = _import(capsys, gpx)
    ganja = next(f["properties"] for f in features if "Ganja" in f["properties"]["name"])
    assert ganja["name"] == "Drone seen over Ganja & Goygol"
    assert "Low & heading north" in ganja["notes"]
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "name,date,latitude,longitude,description\n"
        "Drivers&#39; drone strike report,2026-03-05,38.08,46.2919,Depot &amp; road &#x2014; R&D\n",
        encoding="utf-8",
    )
    [row], _ = _import(capsys, rows)
    assert row["properties"]["name"] == "Drivers' drone strike report"
    assert "Depot & road — R&D" in row["properties"]["notes"]


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1), st.integers(1, 2))
def test_text_escaped_once_or_twice_reads_back(text: str, times: int) -> None:
    """Any text HTML-escaped once or twice reads back as itself (blanks joined), unless it
    holds what is itself markup: a tag or a character reference."""
    from html import escape

    from geo.import_drafts import _ENTITY, _TAG, _text

    assume(not _TAG.search(text) and not _ENTITY.search(text))
    escaped = text
    for _ in range(times):
        escaped = escape(escaped)
    assert _text(escaped) == " ".join(text.split())


def test_a_geojson_with_a_key_written_twice_is_refused_not_half_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """GDAL keeps one of the two values without a word ('fatalities': 3, then null): the
    import refuses the file as every other reader does (exit 2, line, feature, property),
    and writes nothing (a new user's variant of the duplicate-key field case)."""
    source = tmp_path / "twice.geojson"
    source.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "a",\n'
        '"properties": {"name": "Strike", "fatalities": 3,\n"fatalities": null},\n'
        '"geometry": {"type": "Point", "coordinates": [45.46, 39.19]}}]}\n',
        encoding="utf-8",
    )
    out = tmp_path / "draft.geojson"
    assert main(["import", str(source), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f'{source}:3:1: error: [a] fatalities: key "fatalities" appears twice' in err
    assert not out.exists()


def _without_draft_marks(properties: dict) -> dict:
    """The properties a reviewed feature has: no `review`, and an empty list as no list (as
    the loader reads either)."""
    return {k: v for k, v in properties.items() if k != "review" and v != []}


def test_geo_export_s_own_kml_comes_back_with_its_ids_and_properties(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """export --format kml then import: every feature keeps its id, sources, reports, notes
    and every other property, typed (they went into notes as 'Other fields in the file', the
    ids became draft-…); the popup and TimeSpan, which the export derives, are not read."""
    data = tmp_path / "incidents.geojson"
    document = json.loads(paths.INCIDENTS.read_text(encoding="utf-8"))
    # an extra property holding an object, and one named as a KML element (written "icon_")
    document["features"][0]["properties"] |= {"seen_by": {"name": "a crew", "n": 2}, "icon": "x"}
    data.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    shutil.copy(paths.SOURCES, tmp_path / "sources.csv")
    kml = tmp_path / "export.kml"
    assert main(["export", "--in", str(data), "--format", "kml", "--out", str(kml)]) == 0
    out = tmp_path / "back.geojson"
    code, _, err = _run(capsys, "import", str(kml), "--out", str(out))
    assert code == 0 and "Traceback" not in err
    assert "no --source" not in err and ": error:" not in err  # it validates (2 warnings:
    # the extra properties, as in the exported file)
    back = {f["id"]: f for f in json.loads(out.read_text(encoding="utf-8"))["features"]}
    assert set(back) == {f["id"] for f in document["features"]}
    for feature in document["features"]:
        imported = back[feature["id"]]
        assert imported["properties"]["review"] == "draft"
        assert _without_draft_marks(imported["properties"]) == _without_draft_marks(
            feature["properties"]
        ), feature["id"]
        assert "Other fields in the file" not in imported["properties"].get("notes", "")
        original, read = feature["geometry"], imported["geometry"]
        if original["type"] == "MultiPolygon" and len(original["coordinates"]) == 1:
            original = {"type": "Polygon", "coordinates": original["coordinates"][0]}
        assert read == original, feature["id"]
    code, _, err = _run(
        capsys, "import", str(kml), "--out", str(out), "--force", "--source", SOURCE
    )
    assert code == 0, err
    for feature in json.loads(out.read_text(encoding="utf-8"))["features"]:
        assert SOURCE in feature["properties"]["sources"]  # the --source is cited too
        assert len(set(feature["properties"]["sources"])) == len(feature["properties"]["sources"])
