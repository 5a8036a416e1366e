"""`geo merge`: reviewed drafts join the incident file; repeats only add a source."""

from __future__ import annotations

import copy
import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from geo import paths
from geo.canonical import dumps
from geo.cli import main
from geo.merge import DraftsLeft, merge_documents, same_incident
from tests.shared import shared_path

OTHER_SOURCE = "jamestown-2026-03-12"


def _incident(
    feature_id: str, day: str, lon: float, lat: float, *, precision: int = 1, **extra: Any
) -> dict[str, Any]:
    props: dict[str, Any] = {
        "layer": "incident",
        "name": "test incident",
        "event_date": day,
        "time_precision": precision,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "country": "Azerbaijan",
        "claim_status": "unverified",
        "sources": [OTHER_SOURCE],
    }
    props.update(extra)
    return {
        "type": "Feature",
        "id": feature_id,
        "properties": props,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
    }


def _collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def _first_incident(document: dict[str, Any]) -> dict[str, Any]:
    return next(
        f
        for f in document["features"]
        if f["properties"].get("layer") == "incident"
        and f.get("geometry")
        and f["geometry"]["type"] == "Point"
        and OTHER_SOURCE not in f["properties"]["sources"]
    )


@pytest.fixture()
def incidents(tmp_path: Path) -> Path:
    """A small canonical incident file beside a copy of data/sources.csv."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(paths.SOURCES, folder / "sources.csv")
    document = _collection(
        _incident(
            "inc-2026-03-05-nakhchivan",
            "2026-03-05",
            45.4584,
            39.1888,
            sources=["wsws-2026-03-09"],
            notes="drone attack, as hand-written",
        ),
        _incident(
            "inc-2026-03-07-istanbul",
            "2026-03-07",
            28.9784,
            41.0082,
            country="Türkiye",
            event_type="Strategic developments",
            sub_event_type="Other",
            sources=["wsws-2026-03-09"],
        ),
    )
    path = folder / "incidents.geojson"
    path.write_text(dumps(document), encoding="utf-8")
    return path


def _repeat_of(existing: dict[str, Any], *, review: str = "kept") -> dict[str, Any]:
    """The same incident as a draft from another article would give it: another id and
    wording, a position a few km off, this source."""
    lon, lat = existing["geometry"]["coordinates"]
    props = existing["properties"]
    return _incident(
        "inc-draft-repeat",
        props["event_date"],
        lon + 0.05,
        lat + 0.05,
        precision=props.get("time_precision", 1),
        country=props["country"],
        review=review,
        evidence=["10-40"],
    )


def test_repeat_adds_a_source_and_no_feature(incidents: Path, tmp_path: Path) -> None:
    before = json.loads(incidents.read_text(encoding="utf-8"))
    existing = _first_incident(before)
    draft = tmp_path / "draft.geojson"
    draft.write_text(dumps(_collection(_repeat_of(existing))), encoding="utf-8")

    assert main(["merge", str(draft), "--into", str(incidents)]) == 0

    expected = copy.deepcopy(before)
    _first_incident(expected)["properties"]["sources"].append(OTHER_SOURCE)
    assert incidents.read_text(encoding="utf-8") == dumps(expected)
    assert len(json.loads(incidents.read_text(encoding="utf-8"))["features"]) == len(
        before["features"]
    )


def test_new_incident_is_appended_and_nothing_else_changes(incidents: Path, tmp_path: Path) -> None:
    before = json.loads(incidents.read_text(encoding="utf-8"))
    new = _incident("inc-2026-03-20-test-new", "2026-03-20", 45.60, 39.35, review="kept")
    draft = tmp_path / "draft.geojson"
    draft.write_text(dumps(_collection(new)), encoding="utf-8")

    assert main(["merge", str(draft), "--into", str(incidents)]) == 0

    final = copy.deepcopy(new)  # data now: the reviewer's mark goes
    del final["properties"]["review"]
    assert incidents.read_text(encoding="utf-8") == dumps(
        {**before, "features": [*before["features"], final]}
    )


def test_features_left_as_drafts_are_refused_by_name(
    incidents: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = incidents.read_bytes()
    kept = _incident("inc-kept", "2026-03-20", 45.60, 39.35, review="kept")
    unreviewed = _incident("inc-unreviewed", "2026-03-05", 46.0, 40.0, review="draft")
    draft = tmp_path / "draft.geojson"
    draft.write_text(dumps(_collection(kept, unreviewed)), encoding="utf-8")

    assert main(["merge", str(draft), "--into", str(incidents)]) == 1

    err = capsys.readouterr().err
    assert "inc-unreviewed" in err and "nothing was merged" in err
    assert "Traceback" not in err
    assert incidents.read_bytes() == original

    assert main(["merge", str(draft), "--into", str(incidents), "--skip-drafts"]) == 0
    ids = [f["id"] for f in json.loads(incidents.read_text(encoding="utf-8"))["features"]]
    assert "inc-kept" in ids and "inc-unreviewed" not in ids


def test_merging_the_same_draft_twice_changes_nothing_the_second_time(
    incidents: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = _incident("inc-2026-03-20-test-new", "2026-03-20", 45.60, 39.35, review="kept")
    draft = tmp_path / "draft.geojson"
    draft.write_text(dumps(_collection(new)), encoding="utf-8")
    assert main(["merge", str(draft), "--into", str(incidents)]) == 0
    once = incidents.read_bytes()
    capsys.readouterr()

    assert main(["merge", str(draft), "--into", str(incidents)]) == 0

    assert incidents.read_bytes() == once
    assert "nothing to change" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (b"{not json", 2, "draft.geojson:1:"),
        (b"\xff\xfe broken", 2, "not UTF-8"),
        (b'{"type": "FeatureCollection", "features": [{"type": "Feature"}]}', 1, "error"),
    ],
)
def test_a_bad_draft_gets_a_message_and_changes_nothing(
    incidents: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    code: int,
    words: str,
) -> None:
    original = incidents.read_bytes()
    draft = tmp_path / "draft.geojson"
    draft.write_bytes(content)

    assert main(["merge", str(draft), "--into", str(incidents)]) == code

    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert incidents.read_bytes() == original


def test_same_incident_needs_overlapping_dates_and_nearby_places() -> None:
    base = _incident("a", "2026-03-05", 45.0, 39.0)
    assert same_incident(base, _incident("b", "2026-03-05", 45.2, 39.1), 25)
    assert not same_incident(base, _incident("b", "2026-03-06", 45.0, 39.0), 25)
    assert not same_incident(base, _incident("b", "2026-03-05", 45.5, 39.0), 25)  # ~43 km
    # A week-precision report covers the day (2026-03-05 is in the ISO week of 03-02..08).
    assert same_incident(base, _incident("b", "2026-03-02", 45.0, 39.0, precision=2), 25)
    assert not same_incident(base, _incident("b", "2026-03-09", 45.0, 39.0, precision=2), 25)


def test_merge_documents_is_pure_and_refuses_drafts() -> None:
    target = _collection(_incident("a", "2026-03-05", 45.0, 39.0))
    snapshot = copy.deepcopy(target)
    draft = _collection(_incident("b", "2026-03-05", 45.0, 39.0, review="draft"))
    with pytest.raises(DraftsLeft) as refused:
        merge_documents(target, draft)
    assert refused.value.feature_ids == ["b"]
    kept = _collection(_incident("a", "2026-04-01", 10.0, 10.0, review="kept"))
    _, report = merge_documents(target, kept)
    assert target == snapshot
    assert report.added == ["a-2"]  # an id the file already uses gets a suffix


def test_a_repeat_with_a_report_adds_that_report_and_no_feature(
    incidents: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = json.loads(incidents.read_text(encoding="utf-8"))
    existing = _first_incident(before)
    repeat = _repeat_of(existing)
    report = {
        "source": OTHER_SOURCE,
        "stance": "relays",
        "claimant": "Azerbaijan MoD",
        "figures": {"drones": 4, "shot_down": 1},
    }
    repeat["properties"]["reports"] = [report]
    draft = tmp_path / "draft.geojson"
    draft.write_text(dumps(_collection(repeat)), encoding="utf-8")

    assert main(["merge", str(draft), "--into", str(incidents)]) == 0

    after = json.loads(incidents.read_text(encoding="utf-8"))
    assert len(after["features"]) == len(before["features"])
    merged = next(f for f in after["features"] if f["id"] == existing["id"])
    assert merged["properties"]["reports"] == [report]
    assert OTHER_SOURCE in merged["properties"]["sources"]
    assert "added report(s) jamestown-2026-03-12 (relays Azerbaijan MoD)" in capsys.readouterr().out


def test_same_place_and_day_but_another_event_is_a_near_miss_not_a_fold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """../shared/cases/merge-different-event: a protest in Nakhchivan city on the day of the
    airport strike 5 km away is another incident; its source must not join the strike."""
    case = shared_path("cases")
    folder = tmp_path / "data"
    folder.mkdir()
    # the shipped registry plus the rows the case cites (its `acled` row)
    shipped = list(csv.DictReader((paths.SOURCES).open(encoding="utf-8")))
    known = {row["id"] for row in shipped}
    extra = [r for r in csv.DictReader((case / "sources.csv").open(encoding="utf-8"))]
    with (folder / "sources.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(shipped[0]), restval="")
        writer.writeheader()
        writer.writerows([*shipped, *(r for r in extra if r["id"] not in known)])
    shutil.copy(paths.INCIDENTS, folder / "incidents.geojson")
    before = json.loads((folder / "incidents.geojson").read_text(encoding="utf-8"))
    draft = case / "merge-different-event" / "protest.geojson"

    assert main(["merge", str(draft), "--into", str(folder / "incidents.geojson")]) == 0

    after = json.loads((folder / "incidents.geojson").read_text(encoding="utf-8"))
    ids = [f["id"] for f in after["features"]]
    assert ids == [*(f["id"] for f in before["features"]), "inc-2026-03-05-nakhchivan-protest"]
    for old, new in zip(before["features"], after["features"], strict=False):
        assert old == new  # nothing folded into the strike or anything else
    out = capsys.readouterr().out
    assert "near miss" in out and "inc-2026-03-05-nakhchivan-airport" in out
    assert "'Protests' vs" in out or "vs 'Protests'" in out


def test_actors_that_disagree_make_another_incident() -> None:
    strike = _incident("a", "2026-03-05", 45.4584, 39.1888, actor1="Military Forces of Iran")
    same = _incident("b", "2026-03-05", 45.46, 39.19, actor1="Iran (as Azerbaijan says)")
    other = _incident("c", "2026-03-05", 45.46, 39.19, actor1="Military Forces of Armenia")
    assert same_incident(strike, same, 25)
    assert not same_incident(strike, other, 25)


def test_a_repeat_with_another_version_of_a_known_report_is_told_not_dropped(
    incidents: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = {
        "source": OTHER_SOURCE,
        "stance": "relays",
        "claimant": "MoD",
        "figures": {"drones": 4},
    }
    existing = _first_incident(json.loads(incidents.read_text(encoding="utf-8")))
    for figures in ({"drones": 4}, {"drones": 5}):
        repeat = _repeat_of(existing)
        repeat["properties"]["reports"] = [{**report, "figures": figures}]
        draft = tmp_path / "draft.geojson"
        draft.write_text(dumps(_collection(repeat)), encoding="utf-8")
        assert main(["merge", str(draft), "--into", str(incidents)]) == 0
    out = capsys.readouterr().out
    assert "another version of the report(s) jamestown-2026-03-12 (MoD)" in out
    after = json.loads(incidents.read_text(encoding="utf-8"))
    merged = next(f for f in after["features"] if f["id"] == existing["id"])
    assert merged["properties"]["reports"] == [report]


def test_an_extracted_draft_carries_its_report_and_merge_adds_it(
    tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """extract → keep the airport proposal → merge: the strike gains the article's report
    (its figures and evidence), not a second feature."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(paths.SOURCES, folder / "sources.csv")
    shutil.copy(paths.INCIDENTS, folder / "incidents.geojson")
    article = seeds_dir / "002_4fd4b21db6d95b8a.txt"
    draft = folder / "draft.geojson"
    assert main(["extract", str(article), "--source", OTHER_SOURCE, "--out", str(draft)]) == 0
    document = json.loads(draft.read_text(encoding="utf-8"))
    airport = next(f for f in document["features"] if "airport" in f["id"])
    (report,) = airport["properties"]["reports"]
    assert report["source"] == OTHER_SOURCE and report["figures"] == {"drones": 4}
    assert report["evidence"] == airport["properties"]["evidence"]
    airport["properties"]["review"] = "kept"
    draft.write_text(dumps(_collection(airport)), encoding="utf-8")
    before = json.loads((folder / "incidents.geojson").read_text(encoding="utf-8"))
    capsys.readouterr()

    assert main(["merge", str(draft), "--into", str(folder / "incidents.geojson")]) == 0

    after = json.loads((folder / "incidents.geojson").read_text(encoding="utf-8"))
    assert len(after["features"]) == len(before["features"])
    strike = next(f for f in after["features"] if f["id"] == "inc-2026-03-05-nakhchivan-airport")
    assert report in strike["properties"]["reports"]
    assert (
        "added report(s) jamestown-2026-03-12 (relays Azerbaijan's Ministry of Defense)"
        in capsys.readouterr().out
    )


def test_the_shipped_file_merged_into_a_copy_of_itself_changes_nothing() -> None:
    """Two of its incidents agree on place, time and what happened (the airport strike and the
    school strike, 5 km apart on one day): each still meets itself, never the other."""
    document = json.loads(paths.INCIDENTS.read_text(encoding="utf-8"))
    merged, report = merge_documents(document, copy.deepcopy(document))
    assert merged == document
    assert not report.added and not report.reported and not report.sourced


def test_among_several_matches_the_one_with_the_drafts_name_then_the_nearest() -> None:
    airport = _incident("airport", "2026-03-05", 45.4584, 39.1888, name="strike at the airport")
    school = _incident("school", "2026-03-05", 45.41, 39.21, name="strike near a school")
    near_school = _incident("draft-1", "2026-03-05", 45.411, 39.211, name="another name")
    named = _incident("draft-2", "2026-03-05", 45.411, 39.211, name="Strike at the airport")
    for draft, expected in ((near_school, "school"), (named, "airport")):
        draft["properties"]["sources"] = ["new-source"]
        merged, report = merge_documents(_collection(airport, school), _collection(draft))
        assert [existing for existing, _draft, _added in report.sourced] == [expected]
        assert len(merged["features"]) == 2
