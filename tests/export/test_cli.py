"""`python -m geo export` and `python -m geo import-acled` as a user runs them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from geo.canonical import dumps
from geo.cli import main

from .conftest import SOURCES_CSV


@pytest.fixture()
def data_dir(tmp_path: Path, sample_document) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "incidents.geojson").write_text(dumps(sample_document), encoding="utf-8")
    (folder / "sources.csv").write_text(SOURCES_CSV, encoding="utf-8")
    return folder


def export(data_dir: Path, *options: str) -> int:
    return main(["export", "--in", str(data_dir / "incidents.geojson"), *options])


def test_png_export_replaces_the_old_file_with_the_asked_size(data_dir, tmp_path, capsys):
    out = tmp_path / "map.png"
    out.write_bytes(b"old")
    code = export(
        data_dir,
        "--out",
        str(out),
        "--size",
        "12x8cm",
        "--dpi",
        "100",
        "--title",
        "Test",
        "--country",
        "Azerbaijan",
        "--layer",
        "incident",
        "--layer",
        "site",
    )
    assert code == 0, capsys.readouterr().err
    image = Image.open(io.BytesIO(out.read_bytes()))
    assert image.size == (472, 315)  # 12 x 8 cm at 100 dpi
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left


def test_an_export_to_standard_output_is_the_data_alone(data_dir, tmp_path, capsys):
    """`--out /dev/stdout` piped on (`| ogr2ogr ...`) and `--out /dev/null` work: a device or
    pipe is written directly (geo.files.write_atomic), and the status line goes to stderr."""
    import subprocess
    import sys

    from geo import paths

    out = tmp_path / "x.csv"
    assert export(data_dir, "--format", "csv", "--out", str(out)) == 0, capsys.readouterr().err
    assert f"wrote {out}" in capsys.readouterr().err
    argv = ["export", "--in", str(data_dir / "incidents.geojson"), "--format", "csv"]
    piped = subprocess.run(
        [sys.executable, "-m", "geo", *argv, "--out", "/dev/stdout"],
        capture_output=True,
        cwd=paths.ROOT,
        check=False,
    )
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == out.read_bytes()
    assert export(data_dir, "--format", "csv", "--out", "/dev/null") == 0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--format", "gif"], "--format gif needs --every"),
        (["--every", "week", "--format", "csv"], "--every makes static maps"),
        (["--every", "fortnight", "--format", "png"], "invalid choice"),
        (["--cumulative"], "--cumulative needs --every"),
        (["--basemap", "tiles.pmtiles"], "--basemap is for --format html"),
        (["--format", "html", "--basemap", "missing.pmtiles"], "'missing.pmtiles': no such file"),
        (["--from", "5 March"], 'argument --from: "5 March" is not a date written YYYY-MM-DD'),
        (["--to", "05/03/2026"], 'write "2026-03-05" (5 Mar 2026) or "2026-05-03" (3 May 2026)'),
        (["--from", "2026-03-06", "--to", "2026-03-01"], "is after --to"),
        (["--type", "Drone strike"], "--type 'Drone strike' matches nothing"),
        (["--layer", "incidents"], "did you mean 'incident'?"),
        (["--source", "gamma"], "--source 'gamma' matches nothing"),
        (["--bbox", "44,38,43,40"], "needs -180 <= W < E <= 180"),
        (["--size", "big"], "expected WIDTHxHEIGHT"),
        (["--dpi", "5"], "--dpi 5: must lie between"),
        (["--type", "Riots", "--layer", "incident"], "no feature matches the selection"),
    ],
)
def test_bad_options_and_empty_selections_exit_1_with_a_message(
    data_dir, tmp_path, capsys, options, message
):
    out = tmp_path / "out.png"
    out.write_bytes(b"kept")
    assert export(data_dir, "--out", str(out), *options) == 1
    assert message in capsys.readouterr().err
    assert out.read_bytes() == b"kept"  # a failed export leaves the old file alone


def test_turkey_is_accepted_for_turkiye(data_dir, tmp_path, capsys):
    path = data_dir / "incidents.geojson"
    document = path.read_text(encoding="utf-8").replace('"Iran"', '"Türkiye"')
    # move the Tabriz protest to Ankara, so that it lies in the country it names
    path.write_text(document.replace("46.29", "32.85").replace("38.08", "39.93"), encoding="utf-8")
    out = tmp_path / "out.geojson"
    assert export(data_dir, "--out", str(out), "--country", "turkey") == 0, capsys.readouterr()
    assert "inc-2025-06-tabriz-protest" in out.read_text(encoding="utf-8")


def test_invalid_data_is_reported_not_exported(data_dir, tmp_path, capsys):
    path = data_dir / "incidents.geojson"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"2026-03-05"', '"2026-02-30"', 1),
        encoding="utf-8",
    )
    assert export(data_dir, "--out", str(tmp_path / "x.csv")) == 1
    err = capsys.readouterr().err
    assert f"{path}:" in err and "inc-2026-03-05-nakhchivan-airport" in err
    assert "Traceback" not in err


def test_export_import_export_round_trips_through_the_cli(data_dir, tmp_path, capsys):
    first, back, second = tmp_path / "a.csv", data_dir / "back.geojson", tmp_path / "b.csv"
    assert export(data_dir, "--out", str(first)) == 0
    assert main(["import-acled", str(first), "--out", str(back)]) == 0
    assert main(["validate", str(back)]) == 0, capsys.readouterr().out
    assert main(["export", "--in", str(back), "--out", str(second)]) == 0
    assert second.read_bytes() == first.read_bytes()


def test_import_reports_bad_lines_and_writes_nothing(tmp_path, capsys):
    source = tmp_path / "acled.csv"
    source.write_text(
        "event_id_cnty,event_date,event_type,latitude,longitude\n"
        "IRN1,2026-03-05,Battles,38.1,46.3\n"
        "IRN2,2026-03-05,Battles,138.1,46.3\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.geojson"
    assert main(["import-acled", str(source), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{source}:3:4: error: [acled-irn2] latitude: position (138.1, 46.3)" in err
    assert not out.exists()


def test_a_filter_value_no_feature_has_is_a_note_in_the_app_s_words(data_dir, tmp_path, capsys):
    """`--type Battles` on data without battles narrowed the export to nothing of it without a
    word; it is said as the app says a link's value no feature matches (geo.criteria)."""
    out = tmp_path / "out.geojson"
    options = ["--type", "Battles", "--type", "Protests", "--type", "Riots", "--stance", "disputes"]
    assert export(data_dir, "--out", str(out), *options) == 0
    err = capsys.readouterr().err
    assert "export: note: --type 'Battles', 'Riots': not in the data (no feature matches them)" in (
        err
    )
    assert "export: note: --stance 'disputes': not in the data (no feature matches it)" in err
    assert "'Protests'" not in err  # the Tabriz protest has it
    assert export(data_dir, "--out", str(out), "--type", "Protests") == 0
    assert "not in the data" not in capsys.readouterr().err


def test_a_country_the_data_does_not_name_is_a_note_a_name_of_none_an_error(
    data_dir, tmp_path, capsys
):
    """A country of the borders file that no feature names is said like an event type the
    data lacks (it was refused as a bad value); a name of no country is refused, listing the
    data's countries."""
    out = tmp_path / "out.geojson"
    options = ["--country", "Iran", "--country", "Armenia"]
    assert export(data_dir, "--out", str(out), *options) == 0
    assert "export: note: --country 'Armenia': not in the data" in capsys.readouterr().err
    assert export(data_dir, "--out", str(out), "--country", "Armenja", "--country", "Iran") == 1
    err = capsys.readouterr().err
    assert "--country 'Armenja' matches nothing (Azerbaijan, Iran)" in err
    assert "did you mean 'Armenia'?" in err
