"""import-acled: genuine ACLED rows become incidents; every bad cell is one clear problem."""

from __future__ import annotations

import csv
import io
import string
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.acled.columns import ACLED_COLUMNS
from geo.acled.reader import parse_date, read_acled_text
from geo.canonical import dumps
from geo.export import export_bytes
from geo.load import incidents_frame
from geo.view import View

ACLED_ROW = {
    "event_id_cnty": "AZE1234",
    "event_date": "05 March 2026",
    "year": "2026",
    "time_precision": "1",
    "disorder_type": "Political violence",
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Air/drone strike",
    "actor1": "Military Forces of Iran (2021-)",
    "inter1": "State forces",
    "country": "Azerbaijan",
    "admin1": "Nakhchivan",
    "location": "Nakhchivan",
    "latitude": "39.2089",
    "longitude": "45.4122",
    "geo_precision": "1",
    "source": "APA; Report (Azerbaijan)",
    "source_scale": "National",
    "notes": "Drone strike on the airport.",
    "fatalities": "0",
    "timestamp": "1741300000",
}


def acled_csv(*rows: dict[str, str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()


def test_an_acled_row_becomes_an_incident_of_the_schema():
    document, problems = read_acled_text(
        acled_csv(ACLED_ROW, {**ACLED_ROW, "event_id_cnty": "TUR9", "country": "Turkey"}),
        "acled.csv",
        country_names={"turkey": "Türkiye"},
    )
    assert problems == []
    first, second = document["features"]
    assert first["id"] == "acled-aze1234"
    assert first["geometry"] == {"type": "Point", "coordinates": [45.4122, 39.2089]}
    properties = first["properties"]
    assert properties["event_date"] == "2026-03-05"
    assert properties["sources"] == ["acled"]
    assert properties["claim_status"] == "unverified"
    assert properties["name"] == "Air/drone strike, Nakhchivan"
    assert properties["fatalities"] == 0
    assert properties["acled_source"] == "APA; Report (Azerbaijan)"  # provenance kept
    assert properties["acled_inter1"] == "State forces"
    assert "year" not in properties and "acled_year" not in properties  # derived on export
    assert second["properties"]["country"] == "Türkiye"


def test_acled_import_then_export_gives_back_the_acled_row():
    document, _ = read_acled_text(acled_csv(ACLED_ROW), "acled.csv")
    exported = export_bytes("csv", incidents_frame(document), _no_sources(), View())
    row = next(csv.DictReader(io.StringIO(exported.decode())))
    for column, value in ACLED_ROW.items():
        expected = "2026-03-05" if column == "event_date" else value
        assert row[column] == expected, column


def _no_sources():
    import pandas as pd

    return pd.DataFrame({"outlet": []}, index=pd.Index([], name="id"))


def test_every_bad_cell_is_reported_with_line_column_and_event():
    text = acled_csv(
        ACLED_ROW,
        {**ACLED_ROW, "event_id_cnty": "AZE2", "event_date": "2026-13-01"},
        {**ACLED_ROW, "event_id_cnty": "AZE3", "latitude": "north"},
        {**ACLED_ROW, "event_id_cnty": "AZE4", "event_type": "Remote violence"},
        {**ACLED_ROW, "event_id_cnty": "AZE5", "geo_precision": "7", "fatalities": "-2"},
        ACLED_ROW,
    )
    document, problems = read_acled_text(text, "acled.csv")
    found = {(p.line, p.property, p.feature_id) for p in problems}
    assert found == {
        (3, "event_date", "acled-aze2"),
        (4, "latitude", "acled-aze3"),
        (5, "event_type", "acled-aze4"),
        (6, "geo_precision", "acled-aze5"),
        (6, "fatalities", "acled-aze5"),
        (7, "event_id_cnty", "acled-aze1234"),  # duplicate
    }
    date_problem = next(p for p in problems if p.property == "event_date")
    assert date_problem.column == list(ACLED_COLUMNS).index("event_date") + 1
    assert "'2026-13-01' is not a date" in date_problem.format()
    assert [f["id"] for f in document["features"]] == ["acled-aze1234"]


@pytest.mark.parametrize("figure", ["9.223372036854776e+18", "1" * 30, str(2**63)])
def test_a_figure_no_64_bit_column_holds_is_refused_not_stored(figure):
    """A store keeps fatalities as int64 (found by bench/fuzz_bench.py: a float-written 2**63
    ended the store import in an OverflowError); the file import refuses it the same way."""
    text = acled_csv(ACLED_ROW, {**ACLED_ROW, "event_id_cnty": "AZE2", "fatalities": figure})
    document, problems = read_acled_text(text, "acled.csv")
    assert [(p.line, p.property) for p in problems] == [(3, "fatalities")]
    assert "out of range" in problems[0].format()
    assert [f["id"] for f in document["features"]] == ["acled-aze1234"]


def test_a_row_with_a_cell_too_many_or_too_few_says_how_many_it_has():
    header, good = acled_csv(ACLED_ROW).splitlines()
    columns = len(ACLED_COLUMNS)
    text = "\n".join([header, good + ",extra", good.rsplit(",", 1)[0], ""])
    _, problems = read_acled_text(text, "acled.csv")
    assert [(p.line, p.message) for p in problems] == [
        (2, f"row has {columns + 1} cells; the header has {columns}"),
        (3, f"row has {columns - 1} cells; the header has {columns}"),
    ]


@pytest.mark.parametrize(
    ("typed", "offer"),
    [
        ("2026-03-06T10:00:00", 'write "2026-03-06" (6 Mar 2026)'),
        ("06/03/2026", 'write "2026-03-06" (6 Mar 2026) or "2026-06-03" (3 Jun 2026)'),
    ],
)
def test_a_date_typed_another_way_is_answered_with_the_dates_it_may_mean(typed, offer):
    """As validate answers it (geo.periods.date_offer): a spreadsheet's time or day order."""
    _, problems = read_acled_text(acled_csv({**ACLED_ROW, "event_date": typed}), "acled.csv")
    (problem,) = problems
    assert problem.property == "event_date" and offer in problem.message, problem.format()


def test_a_file_that_is_not_an_acled_export_is_refused_at_its_header():
    document, problems = read_acled_text("name,lat,lon\nx,1,2\n", "other.csv")
    assert document is None
    assert {p.property for p in problems} == {"event_date", "event_type", "latitude", "longitude"}
    assert all(p.line == 1 for p in problems)


def test_acled_dates_in_both_written_forms():
    assert parse_date("2026-03-05") == parse_date("05 March 2026") == parse_date("5 Mar 2026")


words = st.text(string.ascii_letters + " ,;'\"-éü\n", min_size=1, max_size=30).map(str.strip)


@settings(max_examples=40, deadline=None)
@given(
    notes=st.one_of(st.none(), words.filter(bool)),
    actor=st.one_of(st.none(), words.filter(lambda w: w and ";" not in w)),
    lon=st.floats(-180, 180, allow_nan=False),
    lat=st.floats(-90, 90, allow_nan=False),
    fatalities=st.one_of(st.none(), st.integers(0, 10_000)),
    precision=st.sampled_from([1, 2, 3]),
    day=st.dates(min_value=date(1900, 1, 1)),  # earlier is refused: see test_field_cases
)
def test_any_incident_survives_csv_and_import(notes, actor, lon, lat, fatalities, precision, day):
    properties = {
        "layer": "incident",
        "name": "Generated incident",
        "event_date": day.isoformat(),
        "time_precision": precision,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "country": "Iran",
        "claim_status": "claimed",
        "sources": ["s1"],
        "notes": notes,
        "actor1": actor,
        "fatalities": fatalities,
    }
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "inc-generated",
                "properties": {k: v for k, v in properties.items() if v is not None},
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
            }
        ],
    }
    frame = incidents_frame(document)
    exported = export_bytes("csv", frame, _no_sources(), View())
    back, problems = read_acled_text(exported.decode(), "generated.csv")
    assert problems == []
    assert dumps(back) == dumps(document)


def test_an_acled_row_is_acled_s_own_report_with_its_fatalities():
    document, _ = read_acled_text(acled_csv(ACLED_ROW), "acled.csv")
    (feature,) = document["features"]
    assert feature["properties"]["reports"] == [
        {"source": "acled", "stance": "asserts", "figures": {"killed": 0}}
    ]


def test_reports_fill_source_and_source_scale_and_survive_csv_and_import():
    import pandas as pd

    sources = pd.DataFrame(
        {"outlet": ["Alpha", "Beta"], "source_scale": ["National", "International"]},
        index=pd.Index(["a", "b"], name="id"),
    )
    reports = [
        {"source": "b", "stance": "relays", "claimant": "MFA", "figures": {"injured": [2, 4]}},
        {"source": "a", "stance": "denies", "claimant": "General Staff"},
    ]
    document, _ = read_acled_text(acled_csv(ACLED_ROW), "acled.csv")
    properties = document["features"][0]["properties"]
    for name in ("acled_source", "acled_source_scale"):
        del properties[name]  # a feature of the project's own, not an ACLED import
    properties.update(reports=reports, sources=["a", "b"])
    exported = export_bytes("csv", incidents_frame(document), sources, View())
    row = next(csv.DictReader(io.StringIO(exported.decode())))
    assert row["source"] == "Beta; Alpha"  # in the order of the reports
    assert row["source_scale"] == "National-International"
    again, problems = read_acled_text(exported.decode(), "export.csv")
    assert problems == [] and again["features"][0]["properties"]["reports"] == reports
