"""`geo export --in STORE.parquet` takes every option it takes for an incident file and
writes the same bytes as from the curated file holding the same events."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from geo.acled.reader import read_acled_text
from geo.canonical import dumps
from geo.cli import main
from geo.store.importer import import_acled_store
from tests.store.conftest import acled_csv, acled_rows

SOURCES_CSV = """\
id,outlet,title,author,published,published_precision,url,seed_file,affiliation,notes
acled,ACLED,ACLED data export,,2026-01-01,1,,,,
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    text = acled_csv(acled_rows(150, seed=8))
    (folder / "acled.csv").write_text(text, encoding="utf-8")
    (folder / "sources.csv").write_text(SOURCES_CSV, encoding="utf-8")
    import_acled_store(
        folder / "acled.csv",
        folder / "store.parquet",
        source_id="acled",
        country_names={"turkey": "Türkiye"},
        on_problem=print,
        workers=1,
    )
    document, _ = read_acled_text(text, "acled.csv", country_names={"turkey": "Türkiye"})
    (folder / "incidents.geojson").write_text(dumps(document), encoding="utf-8")
    return folder


@dataclass(frozen=True)
class Done:
    returncode: int
    stderr: str


def export(capsys: pytest.CaptureFixture[str], *options: str) -> Done:
    """`python -m geo export OPTIONS`, run in this process (the command line's own entry
    point, without starting an interpreter and its imports for every call)."""
    capsys.readouterr()
    status = main(["export", *options])
    return Done(int(status), capsys.readouterr().err)


OPTIONS = [
    ("--country", "Turkey", "--from", "2024-03-01", "--to", "2024-03-31"),
    ("--type", "Battles", "--type", "Riots", "--status", "unverified", "--source", "acled"),
    ("--bbox", "44,33,46.4,40.5", "--layer", "incident"),
]


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("fmt", ["csv", "geojson"])
def test_a_store_exports_what_the_curated_file_exports(files, capsys, options, fmt):
    """The same rows, each written the same; the store gives them by date, the file in file
    order."""
    written = []
    for name in ("incidents.geojson", "store.parquet"):
        out = files / f"out-{name}.{fmt}"
        done = export(capsys, "--in", str(files / name), "--out", str(out), *options)
        assert done.returncode == 0, done.stderr
        written.append(in_any_order(out.read_text(encoding="utf-8"), fmt))
    assert written[0] == written[1]


def in_any_order(text: str, fmt: str) -> object:
    if fmt == "csv":
        header, *rows = text.splitlines()
        return header, sorted(rows)
    document = json.loads(text)
    return sorted(json.dumps(feature, sort_keys=True) for feature in document["features"])


def test_options_are_checked_against_the_store(files, capsys):
    done = export(
        capsys,
        "--in",
        str(files / "store.parquet"),
        "--out",
        str(files / "x.csv"),
        "--country",
        "Narnia",
    )
    assert done.returncode == 1 and "--country 'Narnia' matches nothing" in done.stderr
    done = export(
        capsys,
        "--in",
        str(files / "store.parquet"),
        "--out",
        str(files / "x.csv"),
        "--from",
        "1990-01-01",
        "--to",
        "1990-02-01",
    )
    assert done.returncode == 1
    assert "no feature matches the selection (150 in the file; date range hides 150)" in done.stderr
    assert not (files / "x.csv").exists()


def test_a_folder_store_exports_what_the_file_store_exports(files, capsys):
    import_acled_store(
        files / "acled.csv",
        files / "folder",
        source_id="acled",
        country_names={"turkey": "Türkiye"},
        on_problem=print,
        workers=1,
    )
    written = []
    for name in ("store.parquet", "folder"):
        out = files / f"out-{name}.csv"
        done = export(capsys, "--in", str(files / name), "--out", str(out), *OPTIONS[0])
        assert done.returncode == 0, done.stderr
        written.append(out.read_text(encoding="utf-8"))
    assert written[0] == written[1]


@pytest.mark.parametrize("out", ["store.parquet", "folder"])
def test_a_store_carries_the_registry_rows_of_its_import(tmp_path, capsys, out):
    """As a GeoJSON export carries its sources, a store keeps the registry row of the source
    its import cited: moved away from any sources.csv, it still exports, and its GeoJSON
    export carries that row."""
    here, elsewhere = tmp_path / "imported", tmp_path / "moved"
    here.mkdir()
    (here / "acled.csv").write_text(acled_csv(acled_rows(20, seed=3)), encoding="utf-8")
    (here / "sources.csv").write_text(SOURCES_CSV, encoding="utf-8")
    assert main(["import-acled", str(here / "acled.csv"), "--out", str(here / out)]) == 0
    (here / "sources.csv").unlink()
    here.rename(elsewhere)
    exported = tmp_path / "export.geojson"
    capsys.readouterr()
    argv = ["export", "--in", str(elsewhere / out), "--format", "geojson", "--out", str(exported)]
    assert main(argv) == 0, capsys.readouterr().err
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert [row["id"] for row in document["sources"]] == ["acled"]
    assert document["sources"][0]["title"] == "ACLED data export"


def test_a_store_without_a_registry_row_still_asks_for_one(tmp_path, capsys):
    """An import that found no row for its source keeps none, and says so; the export then
    names the folders it looked in, as for an incident file."""
    (tmp_path / "acled.csv").write_text(acled_csv(acled_rows(5, seed=4)), encoding="utf-8")
    store = tmp_path / "store.parquet"
    assert main(["import-acled", str(tmp_path / "acled.csv"), "--out", str(store)]) == 0
    assert "does not list yet" in capsys.readouterr().err
    argv = ["export", "--in", str(store), "--format", "csv", "--out", str(tmp_path / "x.csv")]
    assert main(argv) == 1
    assert "no sources registry: no sources.csv in" in capsys.readouterr().err
