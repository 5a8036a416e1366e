"""The field cases under "write, export, import" (tests/cases/, from ../shared/cases/): each is
one example of a kind of fault; these tests hold the right outcome for each."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from geo.acled.columns import ACLED_COLUMNS
from geo.cli import main

CASES = Path(__file__).parent / "cases"
KML = "{http://www.opengis.net/kml/2.2}"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding every case and the registry they cite; the working folder."""
    shutil.copytree(CASES, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_geocode_refuses_a_file_with_a_repeated_key_and_leaves_it_whole(work, capsys):
    path = work / "duplicate-key-geocode" / "incidents.geojson"
    before = path.read_bytes()
    assert main(["geocode", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:19:9: error:" in err
    assert 'key "fatalities" appears twice' in err and "first on line 16" in err
    assert path.read_bytes() == before


def _kml_values(path: Path) -> dict[str, str]:
    root = ElementTree.parse(path).getroot()  # raises on a file that is not well-formed
    return {d.get("name"): d.text or "" for d in root.iter(f"{KML}SimpleData")}


def test_kml_keeps_a_cdata_end_and_is_well_formed(work):
    assert (
        main(
            [
                "export",
                "--in",
                "kml-cdata-end/incident.geojson",
                "--format",
                "kml",
                "--out",
                "x.kml",
            ]
        )
        == 0
    )
    assert _kml_values(work / "x.kml")["notes"] == "]]>"


def test_an_object_property_stays_an_object_in_geojson_and_is_json_text_in_csv_and_kml(work):
    source = "nested-property-export/incident.geojson"
    wanted = {"by": "analyst-7", "confidence": "high", "frames": [12, 40]}
    for fmt in ("geojson", "csv", "kml"):
        assert main(["export", "--in", source, "--format", fmt, "--out", f"n.{fmt}"]) == 0
    exported = json.loads((work / "n.geojson").read_text(encoding="utf-8"))
    assert exported["features"][0]["properties"]["geolocation"] == wanted
    row = next(csv.DictReader(io.StringIO((work / "n.csv").read_text(encoding="utf-8"))))
    assert json.loads(row["geolocation"]) == wanted
    assert json.loads(_kml_values(work / "n.kml")["geolocation"]) == wanted


@pytest.mark.parametrize("fmt", ["kml", "png", "svg", "html"])
def test_a_feature_without_position_is_counted_aloud(work, capsys, fmt):
    assert (
        main(
            [
                "export",
                "--in",
                "unplaced-feature-exports/incidents.geojson",
                "--format",
                fmt,
                "--out",
                f"u.{fmt}",
            ]
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "1 of 2 features has no position and is not drawn" in err


def test_kml_keeps_the_feature_without_position_as_a_placemark(work):
    main(
        [
            "export",
            "--in",
            "unplaced-feature-exports/incidents.geojson",
            "--format",
            "kml",
            "--out",
            "u.kml",
        ]
    )
    root = ElementTree.parse(work / "u.kml").getroot()
    placemarks = list(root.iter(f"{KML}Placemark"))
    assert len(placemarks) == 2
    assert sum(p.find(f"{KML}Point") is None for p in placemarks) == 1


def test_the_report_map_caption_counts_and_dates_only_what_is_drawn(work):
    main(
        [
            "export",
            "--in",
            "unplaced-feature-exports/incidents.geojson",
            "--format",
            "svg",
            "--out",
            "u.svg",
        ]
    )
    text = "".join(ElementTree.parse(work / "u.svg").getroot().itertext())
    assert "Shown: 1 incident." in text
    assert "Period: 5 Mar 2026 (span of what is drawn)" in text  # not 6 Mar: that one is not drawn
    assert "1 of 2 features has no position and is not drawn" in text


def test_the_html_page_dates_and_counts_only_what_is_drawn(work):
    """The exported page's panel as the report map's caption: the period of what is drawn
    (not 6 Mar, the unplaced feature's day) and a word on what is not (a new user's reading
    of the unplaced-feature-exports case)."""
    main(
        [
            "export",
            "--in",
            "unplaced-feature-exports/incidents.geojson",
            "--format",
            "html",
            "--out",
            "u.html",
        ]
    )
    page = (work / "u.html").read_text(encoding="utf-8")
    about = page[page.index('<details open class="geo-about"') :]
    assert "<b>Period:</b> 5 Mar 2026 (span of what is drawn)</div>" in about
    assert "<b>Shown:</b> 1 incident; 1 of 2 features has no position and is not drawn" in about


def _acled_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return [{c: row[c] for c in ACLED_COLUMNS} for row in csv.DictReader(stream)]


@pytest.mark.parametrize("name", ["acled.csv", "acled-multiline.csv"])
def test_acled_export_import_export_is_the_identity_for_any_number_of_cycles(work, name):
    shutil.copy(work / "acled-source-roundtrip" / name, work / "a0.csv")
    for cycle in range(1, 4):
        assert (
            main(
                [
                    "import-acled",
                    f"a{cycle - 1}.csv",
                    "--source-id",
                    "acled",
                    "--out",
                    f"g{cycle}.geojson",
                ]
            )
            == 0
        )
        assert (
            main(
                ["export", "--in", f"g{cycle}.geojson", "--format", "csv", "--out", f"a{cycle}.csv"]
            )
            == 0
        )
    first = _acled_rows(work / "a1.csv")
    assert _acled_rows(work / "a2.csv") == first
    assert _acled_rows(work / "a3.csv") == first
    original = _acled_rows(work / "a0.csv")
    for before, after in zip(original, first, strict=True):
        # ACLED's own text comes back unchanged: outlets, its spelling of the country, notes
        # byte for byte (trailing spaces and line breaks included); dates in ISO form.
        changed = {c for c in ACLED_COLUMNS if before[c] != after[c]}
        assert changed <= {"event_date"}, changed


def test_a_semicolon_csv_is_named_as_one_with_its_decimal_commas(work, capsys):
    path = "acled-semicolon/acled-semicolon.csv"
    assert main(["import-acled", path]) == 1
    err = capsys.readouterr().err
    assert err.count("error:") == 1
    assert "semicolon-separated CSV" in err and "decimal commas" in err
    assert "latitude '36,2025'" in err and "re-save" in err
    assert "missing column" not in err


def test_a_semicolon_csv_with_a_quoted_semicolon_names_the_right_column(work, capsys):
    # A spreadsheet re-saves our own export with ';': a quoted actor list holds "; " too, and
    # the cells after it must still be named by their own column.
    lines = (work / "acled-semicolon" / "acled-semicolon.csv").read_text().splitlines()
    lines[1] = lines[1].replace("Unidentified Armed Group", '"Group A; Group B"')
    path = work / "quoted.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["import-acled", str(path)]) == 1
    err = capsys.readouterr().err
    assert "latitude '36,2025'" in err and "longitude '36,1606'" in err


@pytest.mark.parametrize(
    ("separator", "kind"),
    [("\t", "a tab-separated file"), ("|", "a pipe-separated file")],
)
def test_another_separator_is_named_as_such(work, capsys, separator, kind):
    # The same kind of fault as the semicolon case: a spreadsheet re-saved the export with
    # another separator; the file is named for what it is, never as four missing columns.
    rows = list(csv.reader((work / "acled-source-roundtrip" / "acled.csv").open()))
    path = work / "separated.txt"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=separator).writerows(rows)
    assert main(["import-acled", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("error:") == 1 and kind in err and "re-save" in err, err
    assert "missing column" not in err


def test_import_never_replaces_an_existing_file_without_force(work, capsys):
    source = work / "acled-source-roundtrip" / "acled.csv"
    curated = work / "curated.geojson"
    curated.write_text('{"type": "FeatureCollection", "features": []}\n', encoding="utf-8")
    before = curated.read_bytes()
    assert main(["import-acled", str(source), "--out", str(curated)]) == 1
    err = capsys.readouterr().err
    assert f"{curated}: error: the file exists" in err and "--force" in err
    assert curated.read_bytes() == before
    assert main(["import-acled", str(source), "--out", str(curated), "--force"]) == 0
    assert json.loads(curated.read_text())["features"]


def test_a_windows_1252_file_names_the_byte_its_line_and_column(work, capsys):
    assert main(["import-acled", "acled-semicolon/acled-semicolon-cp1252.csv"]) == 2
    err = capsys.readouterr().err
    assert "acled-semicolon-cp1252.csv:2:231: error: not UTF-8 text: byte 0xfc" in err
    assert "Windows-1252" in err and "re-save it as UTF-8" in err


def _one_row(work: Path, **cells: str) -> Path:
    rows = list(csv.DictReader((work / "acled-source-roundtrip" / "acled.csv").open()))
    rows[0].update(cells)
    path = work / "edited.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_year_that_contradicts_event_date_is_reported(work, capsys):
    assert main(["import-acled", str(_one_row(work, year="2025"))]) == 1
    err = capsys.readouterr().err
    assert ":2:3: error: [acled-aze90003] year: year 2025 contradicts event_date" in err


def test_a_date_before_1900_is_reported(work, capsys):
    assert main(["import-acled", str(_one_row(work, event_date="1899-12-30", year="1899"))]) == 1
    assert "is before 1900" in capsys.readouterr().err
