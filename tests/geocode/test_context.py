"""A feature's own country and admin1 constrain its geocoding; `lookup` says when a name is
ambiguous (built like ../shared/cases/border-twin-towns)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.cli import main

ASTARA_IR = "geonames:142676"  # Āstārā, Gilan, Iran
ASTARA_AZ = "geonames:148445"  # Astara, Azerbaijan, across the border


def test_country_and_admin1_choose_the_twin_town(geocoder: object) -> None:
    unconstrained = geocoder.geocode("Astara")  # type: ignore[attr-defined]
    assert unconstrained.raw["source"] == ASTARA_AZ
    for country, admin1 in (("Iran", "Gilan"), ("Iran", None), (None, "Gilan")):
        found = geocoder.geocode("Astara", country=country, admin1=admin1)  # type: ignore[attr-defined]
        assert found.raw["source"] == ASTARA_IR


def test_a_name_known_only_elsewhere_gives_nothing_under_constraint(geocoder: object) -> None:
    assert geocoder.geocode("Astara", country="Türkiye") is None  # type: ignore[attr-defined]


def _feature(tmp_path: Path, **properties: str) -> Path:
    path = tmp_path / "astara.geojson"
    feature = {
        "type": "Feature",
        "id": "inc-astara",
        "properties": {
            "layer": "incident",
            "name": "Protest at the border crossing in Astara",
            "event_date": "2026-03-05",
            "time_precision": 1,
            "event_type": "Protests",
            "sub_event_type": "Peaceful protest",
            "location": "Astara",
            "claim_status": "unverified",
            "sources": [],
            **properties,
        },
        "geometry": None,
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    return path


def test_geocode_places_the_feature_in_its_own_province(tmp_path: Path) -> None:
    path = _feature(tmp_path, country="Iran", admin1="Gilan")
    main(["geocode", str(path)])
    properties = json.loads(path.read_text())["features"][0]["properties"]
    assert properties["geo_source"] == ASTARA_IR


def test_geocode_leaves_unresolved_what_is_known_only_outside_the_country(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _feature(tmp_path, country="Armenia")
    assert main(["geocode", str(path)]) != 0
    assert json.loads(path.read_text())["features"][0]["geometry"] is None
    assert "no place named 'Astara' is known in Armenia" in capsys.readouterr().err


def test_lookup_says_when_the_best_answer_is_ambiguous(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["lookup", "Julfa"]) == 0
    out, err = capsys.readouterr()
    assert "ambiguous" in err
    assert "geonames:148251" in out and "geonames:130081" in out  # both towns called Julfa
    assert out.index("geonames:148251") < out.index("Ras Al Khaimah")  # own names first


def test_a_town_and_the_province_around_it_are_not_ambiguous(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Batumi is also an alternate name of Adjara, the province around it; the port lies on
    # the coast, just outside the province's simplified outline. One place, not two.
    assert main(["lookup", "Batumi"]) == 0
    out, err = capsys.readouterr()
    assert "ambiguous" not in err
    assert out.startswith("Batumi (city, Adjara, Georgia)")


# A new user's variant of the border-twin-towns field case: Azerbaijan's Astara outranks
# Iran's by far, so the two best answers do not "score alike"; the name is still that of two
# towns, and lookup says so and lists both.
def test_lookup_names_every_populated_place_of_the_name(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["lookup", "Astara"]) == 0
    out, err = capsys.readouterr()
    assert "'Astara' is the name of 2 populated places" in err and "Gilan, Iran" in err
    assert ASTARA_AZ in out.splitlines()[0] and ASTARA_IR in out.splitlines()[1]
    assert main(["lookup", "Astara", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["source"] == ASTARA_AZ
    assert [n["source"] for n in record["namesakes"]] == [ASTARA_IR]


@pytest.mark.parametrize("name", ["Lerik", "Tabriz", "Ordubad", "Batumi"])
def test_a_town_its_district_and_its_alternates_are_no_namesakes(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lookup", name]) == 0
    out, err = capsys.readouterr()
    assert "populated places" not in err and len(out.splitlines()) == 1


def test_geocode_fills_the_best_answer_and_names_its_namesakes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _feature(tmp_path)
    assert main(["geocode", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"-> {ASTARA_AZ}" in out and f"also the name of {ASTARA_IR}" in out
