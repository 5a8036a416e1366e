"""The committed borders (data/borders/), the point-in-country helpers, and the build that
makes the files, run on small synthetic inputs (no network, no npm packages)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from geo import borders, paths
from geo.borders import build as borders_build
from geo.cli import main

NAKHCHIVAN_CITY = (45.412, 39.209)  # lon, lat
COUNTRY_FIELDS = ["iso_a2", "iso_a3", "name", "name_alt", "geometry"]
PROVINCE_FIELDS = [
    "code",
    "name",
    "name_alt",
    "country_iso_a2",
    "country",
    "gn_id",
    "wikidataid",
    "geometry",
]


def names_of(row: object) -> set[str]:
    alternatives = str(row["name_alt"] or "").split("|")  # type: ignore[index]
    return {name.casefold() for name in [row["name"], *alternatives] if name}  # type: ignore[index]


def province_named(provinces: gpd.GeoDataFrame, name: str) -> gpd.GeoDataFrame:
    return provinces[[name.casefold() in names_of(row) for _, row in provinces.iterrows()]]


# --- The committed files --------------------------------------------------------------------


def test_columns_and_crs_are_the_agreed_ones() -> None:
    countries, provinces = borders.read_countries(), borders.read_provinces()
    assert list(countries.columns) == COUNTRY_FIELDS
    assert list(provinces.columns) == PROVINCE_FIELDS
    assert countries.crs.to_epsg() == 4326
    assert provinces.crs.to_epsg() == 4326
    assert provinces["code"].is_unique
    assert str(provinces["gn_id"].dtype) == "Int64"


def test_nakhchivan_city_lies_in_azerbaijan_and_in_the_autonomous_republic() -> None:
    assert borders.country_containing(*NAKHCHIVAN_CITY) == "Azerbaijan"
    province = borders.province_containing(*NAKHCHIVAN_CITY)
    assert province is not None
    assert province["code"] == "AZ-NX"
    assert province["name"] == "Nakhchivan Autonomous Republic"
    assert province["country"] == "Azerbaijan"


def test_nakhchivan_is_one_feature_inside_azerbaijans_exclave() -> None:
    provinces, countries = borders.read_provinces(), borders.read_countries()
    nakhchivan = provinces[provinces["code"] == "AZ-NX"]
    assert len(nakhchivan) == 1
    azerbaijan = countries[countries["name"] == "Azerbaijan"].geometry.iloc[0]
    shape = nakhchivan.geometry.iloc[0]
    # Simplified separately, the two outlines differ by about 1 km at most.
    assert shape.intersection(azerbaijan).area / shape.area > 0.97
    # The exclave is a part of Azerbaijan of its own, not the main part.
    parts = list(shapely.get_parts(azerbaijan))
    holding = [part for part in parts if part.contains(Point(NAKHCHIVAN_CITY))]
    assert len(holding) == 1
    assert holding[0].area < max(part.area for part in parts) / 2


@pytest.mark.parametrize(
    ("name", "lon", "lat"),
    [
        ("Gilan", 49.58, 37.28),  # Rasht
        ("Mazandaran", 52.65, 36.57),  # Babol
        ("Ardabil", 48.29, 38.25),  # Ardabil city
        ("Ardebil", 48.29, 38.25),  # Natural Earth's spelling stays reachable
    ],
)
def test_iranian_provinces_of_the_articles_exist(name: str, lon: float, lat: float) -> None:
    provinces = borders.read_provinces()
    found = province_named(provinces, name)
    assert len(found) == 1, name
    row = found.iloc[0]
    assert re.fullmatch(r"IR-\d\d", row["code"])
    assert row["country"] == "Iran"
    assert row["country_iso_a2"] == "IR"
    assert borders.province_containing(lon, lat)["code"] == row["code"]


def test_turkiye_is_named_so_and_turkey_is_an_alternative() -> None:
    countries = borders.read_countries()
    turkiye = countries[countries["name"] == "Türkiye"]
    assert len(turkiye) == 1
    assert "Turkey" in turkiye.iloc[0]["name_alt"].split("|")
    assert (turkiye.iloc[0]["iso_a2"], turkiye.iloc[0]["iso_a3"]) == ("TR", "TUR")
    assert "Turkey" not in set(countries["name"])
    assert borders.country_containing(32.86, 39.93) == "Türkiye"  # Ankara


def test_every_geometry_is_a_valid_multipolygon() -> None:
    for frame in (borders.read_countries(), borders.read_provinces()):
        assert frame.is_valid.all()
        assert set(frame.geom_type) == {"MultiPolygon"}
        assert not frame.is_empty.any()


def test_files_are_small_and_coordinates_short() -> None:
    sizes = [paths.COUNTRIES.stat().st_size, paths.PROVINCES.stat().st_size]
    assert sum(sizes) < 2_000_000
    for path in (paths.COUNTRIES, paths.PROVINCES):
        assert not re.search(r"\d\.\d{7,}", path.read_text(encoding="utf-8")), path


def test_countries_of_keeps_the_index_and_answers_none_far_out() -> None:
    points = gpd.GeoSeries([Point(NAKHCHIVAN_CITY), Point(-40.0, -40.0)], index=["a", "b"])
    assert borders.countries_of(points).to_dict() == {"a": "Azerbaijan", "b": None}
    assert borders.provinces_of(points).to_dict() == {"a": "AZ-NX", "b": None}


# --- Helpers on a synthetic countries file ---------------------------------------------------


@pytest.fixture()
def square_country(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One country, the square lon 40..41, lat 30..31, as the shipped countries file."""
    path = tmp_path / "countries.geojson"
    frame = gpd.GeoDataFrame(
        {"iso_a2": ["XA"], "iso_a3": ["XAA"], "name": ["Squareland"], "name_alt": [""]},
        geometry=[shapely.box(40, 30, 41, 31)],
        crs=borders.CRS,
    )
    path.write_text(borders_build.to_geojson(frame), encoding="utf-8")
    monkeypatch.setattr(paths, "COUNTRIES", path)


@pytest.mark.usefixtures("square_country")
def test_a_point_just_off_the_coast_counts_within_five_km() -> None:
    # 0.03 degree of longitude at 30.5 N is about 2.9 km; 0.07 is about 6.7 km.
    assert borders.country_containing(41.03, 30.5) == "Squareland"
    assert borders.country_containing(41.07, 30.5) is None
    assert borders.country_containing(41.03, 30.5, tolerance_km=0) is None
    assert borders.country_containing(40.5, 30.5, tolerance_km=0) == "Squareland"


@settings(max_examples=60, deadline=None)
@given(st.floats(25, 60), st.floats(25, 45))
def test_the_country_found_holds_the_point_or_lies_near(lon: float, lat: float) -> None:
    countries = borders.read_countries()
    name = borders.country_containing(lon, lat)
    holders = set(countries[countries.intersects(Point(lon, lat))]["name"])
    if holders:
        assert name in holders
    elif name is not None:
        shape = countries[countries["name"] == name].geometry.iloc[0]
        # The 5 km tolerance, in degrees at this latitude, with room to spare.
        assert shape.distance(Point(lon, lat)) < 0.1


# --- The build, on small synthetic TopoJSON and GeoJSON --------------------------------------


def ring(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def write_world_atlas(path: Path) -> None:
    """A world-atlas-like TopoJSON: Azerbaijan with an exclave, "Turkey", a unit without an
    ISO id, and a country far outside the region."""
    arcs = [
        ring(46.0, 39.0, 50.0, 42.0),  # Azerbaijan, main part
        ring(44.8, 38.8, 45.9, 39.6),  # Azerbaijan, exclave
        ring(30.0, 37.0, 44.0, 41.0),  # Turkey
        ring(33.0, 35.0, 34.0, 35.5),  # a unit without ISO code
        ring(-10.0, 0.0, -5.0, 5.0),  # outside the region
    ]
    geometries = [
        {
            "type": "MultiPolygon",
            "arcs": [[[0]], [[1]]],
            "id": "031",
            "properties": {"name": "Azerbaijan"},
        },
        {"type": "Polygon", "arcs": [[2]], "id": "792", "properties": {"name": "Turkey"}},
        {"type": "Polygon", "arcs": [[3]], "properties": {"name": "N. Cyprus"}},
        {"type": "Polygon", "arcs": [[4]], "id": "384", "properties": {"name": "Côte d'Ivoire"}},
    ]
    topology = {
        "type": "Topology",
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }
    path.write_text(json.dumps(topology), encoding="utf-8")


def admin1(geometry: list[list[float]], **properties: object) -> dict[str, object]:
    defaults: dict[str, object] = {
        "iso_3166_2": "",
        "adm1_code": "",
        "name": "",
        "name_en": "",
        "name_alt": "",
        "name_local": "",
        "gn_name": "",
        "iso_a2": "",
        "adm0_a3": "",
        "admin": "",
        "region": "",
        "gn_id": -1,
        "wikidataid": "",
        **{field: "" for field in borders_build.NAME_FIELDS},
    }
    return {
        "type": "Feature",
        "properties": defaults | properties,
        "geometry": {"type": "Polygon", "coordinates": [geometry]},
    }


def write_admin1(path: Path) -> None:
    naxcivan = "Naxçıvan Autonomous Republic"
    features = [
        admin1(
            ring(44.8, 38.8, 45.4, 39.6),
            iso_3166_2="AZ-SAR",
            adm1_code="AZE-1",
            name="Şərur",
            name_ru="Шарурский район",
            iso_a2="AZ",
            admin="Azerbaijan",
            region=naxcivan,
            gn_id=147997,
        ),
        admin1(
            ring(45.4, 38.8, 45.9, 39.6),
            iso_3166_2="AZ-NX",
            adm1_code="AZE-2",
            name="Naxçıvan",
            iso_a2="AZ",
            admin="Azerbaijan",
            region=naxcivan,
        ),
        admin1(
            ring(46.0, 39.0, 50.0, 42.0),
            iso_3166_2="AZ-BA",
            adm1_code="AZE-3",
            name="Baku",
            iso_a2="AZ",
            admin="Republic of Squares",
        ),
        admin1(
            ring(30.0, 37.0, 40.0, 41.0),
            iso_3166_2="IR-07",
            adm1_code="IRN-1",
            name="Big",
            name_tr="Büyük Kare Eyaleti",
            name_ar="البحر الأحمر",
            iso_a2="TR",
            admin="Turkey",
        ),
        admin1(
            ring(40.0, 37.0, 44.0, 41.0),
            iso_3166_2="IR-07",
            adm1_code="IRN-2",
            name="Small",
            iso_a2="TR",
            admin="Turkey",
        ),
        admin1(
            ring(33.0, 35.0, 34.0, 35.5),
            iso_3166_2="-99-X04~",
            adm1_code="CYN+00?",
            name="Northern Cyprus",
            iso_a2="-1",
            admin="Northern Cyprus",
        ),
        admin1(
            ring(47.0, 37.5, 48.0, 38.5),
            iso_3166_2="IR-03",
            adm1_code="IRN-3",
            name="Ardebil",
            name_en="Ardabil",
            name_alt="Ardabil|T‚h‚ran",
            name_fa="استان اردبیل",
            name_ru="Ардебиль",
            name_de="Ardabil",
            iso_a2="IR",
            admin="Iran",
            gn_id=413931,
            wikidataid="Q134228",
        ),
        admin1(
            ring(-10.0, 0.0, -5.0, 5.0),
            iso_3166_2="CI-AB",
            adm1_code="CIV-1",
            name="Far away",
            iso_a2="CI",
            admin="Ivory Coast",
        ),
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path, Path]:
    countries_in, provinces_in = tmp_path / "countries-10m.json", tmp_path / "build.json"
    write_world_atlas(countries_in)
    write_admin1(provinces_in)
    out = tmp_path / "out"
    borders_build.build_borders(countries_in, provinces_in, out)
    return countries_in, provinces_in, out


def test_build_is_deterministic(built: tuple[Path, Path, Path], tmp_path: Path) -> None:
    countries_in, provinces_in, out = built
    again = tmp_path / "again"
    borders_build.build_borders(countries_in, provinces_in, again)
    for name in ("countries.geojson", "provinces.geojson"):
        assert (out / name).read_bytes() == (again / name).read_bytes()


def test_build_names_codes_and_region(built: tuple[Path, Path, Path]) -> None:
    _, _, out = built
    countries = borders.read_countries(out / "countries.geojson")
    assert list(countries.columns) == COUNTRY_FIELDS
    by_name = countries.set_index("name")
    assert set(by_name.index) == {"Azerbaijan", "N. Cyprus", "Türkiye"}
    assert tuple(by_name.loc["Türkiye", ["iso_a2", "iso_a3", "name_alt"]]) == (
        "TR",
        "TUR",
        "Turkey",
    )
    assert tuple(by_name.loc["N. Cyprus", ["iso_a2", "iso_a3"]]) == ("", "")
    # The admin-1 file's country names become alternatives, unless a province bears them.
    assert "Republic of Squares" in by_name.loc["Azerbaijan", "name_alt"].split("|")
    assert "Northern Cyprus" not in by_name.loc["N. Cyprus", "name_alt"].split("|")
    assert len(shapely.get_parts(by_name.loc["Azerbaijan", "geometry"])) == 2  # exclave kept

    provinces = borders.read_provinces(out / "provinces.geojson")
    assert list(provinces.columns) == PROVINCE_FIELDS
    by_code = provinces.set_index("code")
    assert set(by_code.index) == {"AZ-NX", "AZ-BA", "IR-07", "IRN-2", "CYN+00?", "IR-03"}
    nakhchivan = by_code.loc["AZ-NX"]
    assert nakhchivan["name"] == "Nakhchivan Autonomous Republic"
    assert nakhchivan["geometry"].area == pytest.approx(1.1 * 0.8)  # both districts, merged
    assert nakhchivan["name_alt"] == "Naxçıvan Autonomous Republic"  # not a district's names
    assert by_code.loc["IR-07", "name"] == "Big"  # the larger keeps a shared code
    # a name of two words with its province word also stands alone; an ordinary word not
    assert by_code.loc["IR-07", "name_alt"] == "Büyük Kare Eyaleti|Büyük Kare"
    assert by_code.loc["CYN+00?", "country"] == "N. Cyprus"  # by overlap: no ISO code
    assert by_code.loc["IR-07", "country"] == "Türkiye"  # by the admin-1 file's iso_a2
    ardabil = by_code.loc["IR-03"]
    assert ardabil["name"] == "Ardabil"
    # the mis-encoded spelling is dropped; the names in the news' languages are kept, once
    assert ardabil["name_alt"] == "Ardebil|استان اردبیل|Ардебиль"
    assert (ardabil["gn_id"], ardabil["wikidataid"]) == (413931, "Q134228")
    assert by_code.loc["AZ-BA", "gn_id"] is pd.NA  # Natural Earth's -1: none
    for frame in (countries, provinces):
        assert frame.is_valid.all()
        assert all(shapely.is_ccw(p.exterior) for g in frame.geometry for p in g.geoms)


def test_cli_builds_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    countries_in, provinces_in = tmp_path / "c.json", tmp_path / "p.json"
    write_world_atlas(countries_in)
    write_admin1(provinces_in)
    out = tmp_path / "out"
    argv = ["borders", "build", "--countries", str(countries_in), "--provinces", str(provinces_in)]
    assert main([*argv, "--out", str(out)]) == 0
    assert "3 features" in capsys.readouterr().out
    assert (out / "provinces.geojson").is_file()


def test_cli_names_a_missing_or_broken_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    missing = tmp_path / "missing.json"
    argv = ["borders", "build", "--out", str(tmp_path / "out")]
    assert main([*argv, "--countries", str(missing), "--provinces", str(broken)]) == 2
    assert f"{missing}:1:1: error: cannot read: No such file" in capsys.readouterr().err
    assert main([*argv, "--countries", str(broken), "--provinces", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "cannot build borders" in err
    assert "Traceback" not in err
