"""geo.extract.coordinates: positions an article writes, as place mentions. A bare decimal
pair ("39.5500, 44.9833") is a position when it reads like one (a GPS reading's decimals, or
a word for coordinates of any language's file before it), never a figure. Sentences invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.cli import main
from geo.extract.coordinates import position_mentions

# (sentence, the pair as written, [lon, lat]): near Sharur, Nakhchivan.
POSITIONS = [
    (
        "Debris was found in a field at 39.5500, 44.9833 on Friday.",
        "39.5500, 44.9833",
        [44.9833, 39.55],
    ),
    ("A crater at 39.5512 44.9801 was photographed.", "39.5512 44.9801", [44.9801, 39.5512]),
    ("A crater (39.5512; 44.9801) was photographed.", "39.5512; 44.9801", [44.9801, 39.5512]),
    ("The ministry gave its coordinates as 39.55 44.98.", "39.55 44.98", [44.98, 39.55]),
    ("GPS: 39.55, 44.98, said the guards.", "39.55, 44.98", [44.98, 39.55]),
    ("Düşən dronun koordinatları 39.55, 44.98 olaraq açıklandı.", "39.55, 44.98", [44.98, 39.55]),
    ("Координаты места падения: 39.55 44.98.", "39.55 44.98", [44.98, 39.55]),
    ("Les coordonnées du cratère sont 39.55, 44.98.", "39.55, 44.98", [44.98, 39.55]),
    ("Die Koordinaten lauten 39.55 44.98.", "39.55 44.98", [44.98, 39.55]),
]
FIGURES = [
    "Prices rose 1.5, 2.0 and 2.5 percent.",  # one decimal
    "Shares closed at 12.50, 13.75 on Monday.",  # two decimals and no word for coordinates
    "The drone was seen at 39.55 44.98 near the village.",  # the same, a place's words
    "The ratios were 0.0012, 0.0034 in the sample.",  # fractions below one
    "The distances were 3.2500, 4.7500 km.",  # a unit after
    "The series ran 1.2345, 2.3456, 3.4567 in the table.",  # a list of three
    "The version 1.2.3 and 4.5.6 shipped; on 12.03.2026 nothing happened.",
    "Its coordinates: 95.1234, 44.1234.",  # latitude beyond 90
    "Coordinates were given. Shares closed at 12.50, 13.75.",  # the word in another sentence
]


@pytest.mark.parametrize(("sentence", "written", "point"), POSITIONS)
def test_a_bare_decimal_pair_that_reads_as_a_position_is_proposed(sentence, written, point):
    [mention] = position_mentions(sentence)
    assert mention.text == written
    assert [mention.place.lon, mention.place.lat] == point
    assert mention.place.source == "manual" and mention.place.country == "Azerbaijan"


@pytest.mark.parametrize("sentence", FIGURES)
def test_figures_are_no_position(sentence):
    assert position_mentions(sentence) == []


def test_a_pair_with_marks_is_found_once():
    """A pair geo.positions finds (hemispheres) is not found again as a bare pair."""
    mentions = position_mentions("Coordinates: 39.5500N 44.9833E, then 39.5400 44.9700.")
    assert [m.text for m in mentions] == ["39.5500N 44.9833E", "39.5400 44.9700"]


def test_extract_proposes_a_bare_pair_with_its_precision_and_geocode_reads_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Wreckage near the border\n\nBorder guards said on Friday that the wreckage of a "
        "drone was found in a field at 39.5500, 44.9833. Bread prices rose 1.5, 2.0 and 2.5 "
        "percent in the town.\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.geojson"
    row = ["--outlet", "Test Outlet", "--sources", str(tmp_path / "sources.csv")]
    argv = ["extract", str(article), "--published", "2026-03-06", *row, "--out", str(draft)]
    assert main(argv) == 0
    features = json.loads(draft.read_text(encoding="utf-8"))["features"]
    manual = [f for f in features if f["properties"].get("geo_source") == "manual"]
    assert {tuple(f["geometry"]["coordinates"]) for f in manual} == {(44.9833, 39.55)}
    assert {f["properties"]["layer"] for f in manual} == {"incident", "site"}
    for feature in manual:
        assert feature["properties"]["geo_precision"] == 1
        assert feature["properties"]["location"] == "39.5500, 44.9833"
    assert main(["geocode", "--check", str(draft)]) == 0  # location and geometry agree
