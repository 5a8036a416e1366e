"""The review loop's command-line tour, from a folder of one's own (geo/review/loop.py,
geo/cli/extract.py, merge.py, approve.py, history.py): extract asks for or makes the source
row and archives the text; merge writes only the file it is told or the current project's;
merged features are data (final ids and names); validate has nothing to say; with sign-off
on, a second person approves and the first cannot."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from geo import paths
from geo.cli import main
from geo.review import history

# Invented for the test (no real article's sentence).
ARTICLE = (
    "Drones struck Nakhchivan International Airport in Azerbaijan on 5 March 2026, the "
    "Azerbaijani Ministry of Defence said.\n"
)
ROW = ["--outlet", "Test Outlet", "--published", "2026-03-06", "--url", "https://example.org/a"]


def _as(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str) -> None:
    """Make `name` the local person (git's user.name, as geo.review.people reads it)."""
    config = tmp_path / f"gitconfig-{name}"
    config.write_text(f"[user]\n\tname = {name}\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.fixture()
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(folder)
    _as(monkeypatch, tmp_path, "Ada")
    return folder


def _keep_incidents(draft: Path) -> list[str]:
    document = json.loads(draft.read_text(encoding="utf-8"))
    kept = [f for f in document["features"] if f["properties"]["layer"] == "incident"]
    for feature in kept:
        feature["properties"]["review"] = "kept"
    draft.write_text(json.dumps({**document, "features": kept}), encoding="utf-8")
    return [f["id"] for f in kept]


@pytest.mark.parametrize("out", [["--out", "drafts/a.geojson"], []])
def test_extract_without_a_source_row_writes_its_drafts_and_says_what_merge_needs(
    desk: Path, capsys, out: list[str]
) -> None:
    """No row and nobody to ask (no terminal): the drafts are written all the same (standard
    output or --out), citing nothing, and one line says how to give the source; nothing else
    is written (no registry, no archive)."""
    assert main(["extract", "article.txt", "--published", "2026-03-06", *out]) == 0
    captured = capsys.readouterr()
    said = [line for line in captured.err.splitlines() if "cite no source" in line]
    assert len(said) == 1 and "--source ID" in said[0] and "--outlet NAME" in said[0]
    text = (desk / "drafts" / "a.geojson").read_text(encoding="utf-8") if out else captured.out
    features = json.loads(text)["features"]
    assert features and all(f["properties"]["sources"] == [] for f in features)
    incident = next(f for f in features if f["properties"]["layer"] == "incident")
    assert incident["properties"]["event_date"] == "2026-03-05"
    assert all("source" not in r for r in incident["properties"]["reports"])
    assert sorted(p.name for p in desk.iterdir()) == ["article.txt", *(["drafts"] if out else [])]


def test_merge_of_a_draft_citing_nothing_gives_one_message_or_takes_source(
    desk: Path, capsys
) -> None:
    """The dead end of issue 23: a draft extracted without a row is refused in ONE message
    naming the fix, not one error per feature; `merge --source ID` cites the row (each
    report too) and merges; an unknown ID is named with the closest one."""
    assert main(["extract", "article.txt", "--out", "drafts/a.geojson"]) == 0
    kept = _keep_incidents(desk / "drafts" / "a.geojson")
    capsys.readouterr()
    into = ["--into", "incidents.geojson"]
    assert main(["merge", "drafts/a.geojson", *into]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert len(errors) == 1 and f"{len(kept)} feature(s) cite no source" in errors[0]
    assert "--source ID" in errors[0] and not (desk / "incidents.geojson").exists()
    # the row, added by extracting the same article with --outlet
    assert main(["extract", "article.txt", *ROW, "--out", "drafts/b.geojson"]) == 0
    capsys.readouterr()
    assert main(["merge", "drafts/a.geojson", *into, "--source", "test-outlet-2026-03-0"]) == 1
    assert 'did you mean "test-outlet-2026-03-06"' in capsys.readouterr().err
    source = ["--source", "test-outlet-2026-03-06"]
    assert main(["merge", "drafts/a.geojson", *into, *source]) == 0, capsys.readouterr().err
    merged = json.loads((desk / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    assert len(merged) == len(kept)
    for feature in merged:
        props = feature["properties"]
        assert props["sources"] == ["test-outlet-2026-03-06"]
        assert {r["source"] for r in props["reports"]} == {"test-outlet-2026-03-06"}
    assert main(["validate", "incidents.geojson", "--sources", "sources.csv"]) == 0


def test_the_tour_from_a_folder_of_ones_own(desk: Path, capsys, monkeypatch) -> None:
    shipped = paths.INCIDENTS.read_bytes()
    assert main(["extract", "article.txt", *ROW, "--out", "drafts/a.geojson"]) == 0
    row = (desk / "sources.csv").read_text(encoding="utf-8").splitlines()
    assert len(row) == 2 and row[1].startswith("test-outlet-2026-03-06,Test Outlet,")
    archived = desk / "archive" / "test-outlet-2026-03-06.txt"
    assert hashlib.sha256(archived.read_bytes()).hexdigest() in row[1]
    assert ",en," in row[1]  # the language, detected
    draft = desk / "drafts" / "a.geojson"
    document = json.loads(draft.read_text(encoding="utf-8"))
    assert all(
        f["properties"]["sources"] == ["test-outlet-2026-03-06"] for f in document["features"]
    )
    capsys.readouterr()
    assert main(["validate", str(draft)]) == 0
    assert "claim_status" not in capsys.readouterr().out  # extract's status is the reports'

    ids = _keep_incidents(draft)
    assert ids and all(i.startswith("draft-inc-") for i in ids)
    elsewhere = desk.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # no project here: the clone's data file is never the default
    assert main(["merge", str(draft)]) == 1
    assert "no project here or above" in capsys.readouterr().err
    assert paths.INCIDENTS.read_bytes() == shipped

    monkeypatch.chdir(desk)
    assert main(["merge", "drafts/a.geojson", "--reason", "read it twice"]) == 0
    merged = json.loads((desk / "incidents.geojson").read_text(encoding="utf-8"))
    for feature in merged["features"]:
        assert not feature["id"].startswith("draft-")
        assert "(proposed)" not in feature["properties"]["name"]
        assert "review" not in feature["properties"]
    capsys.readouterr()
    assert main(["validate", "incidents.geojson"]) == 0
    out = capsys.readouterr()
    assert "warning" not in out.out + out.err and "error" not in out.out
    assert paths.INCIDENTS.read_bytes() == shipped

    final = merged["features"][0]["id"]
    assert main(["history", final]) == 0
    out = capsys.readouterr().out
    assert f"Ada  merge  {final}: read it twice" in out and "added" in out


def test_sign_off_needs_a_second_person(desk: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    (desk / "team.toml").write_text("sign_off = true\n", encoding="utf-8")
    assert main(["extract", "article.txt", *ROW, "--out", "drafts/a.geojson"]) == 0
    _keep_incidents(desk / "drafts" / "a.geojson")
    capsys.readouterr()
    assert main(["merge", "drafts/a.geojson"]) == 0
    token = capsys.readouterr().out.split(":", 1)[0]
    assert not (desk / "incidents.geojson").exists()  # nothing reaches the data yet
    assert main(["merge", "drafts/a.geojson"]) == 0  # accepting again queues nothing new
    assert capsys.readouterr().out.split(":", 1)[0] == token

    assert main(["approve"]) == 0
    assert token not in capsys.readouterr().out  # Ada's own acceptance does not await her
    assert main(["approve", token]) == 1
    assert "a different person must approve it" in capsys.readouterr().err
    assert not (desk / "incidents.geojson").exists()

    _as(monkeypatch, tmp_path, "Ben")
    assert main(["approve"]) == 0
    assert token in capsys.readouterr().out
    assert main(["approve", token, "--reason", "checked the source"]) == 0
    merged = json.loads((desk / "incidents.geojson").read_text(encoding="utf-8"))
    final = merged["features"][0]["id"]
    assert main(["approve"]) == 0 and token not in capsys.readouterr().out
    assert main(["history", final]) == 0
    out = capsys.readouterr().out
    assert "Ben  approve" in out and "accepted by Ada" in out
    assert os.path.exists(history.log_path(desk / "incidents.geojson"))


def test_refusing_needs_a_reason_and_closes_the_acceptance(
    desk: Path, tmp_path, capsys, monkeypatch
):
    (desk / "team.toml").write_text("sign_off = true\n", encoding="utf-8")
    assert main(["extract", "article.txt", *ROW, "--out", "drafts/a.geojson"]) == 0
    _keep_incidents(desk / "drafts" / "a.geojson")
    assert main(["merge", "drafts/a.geojson"]) == 0
    token = capsys.readouterr().out.split(":", 1)[0]
    _as(monkeypatch, tmp_path, "Ben")
    assert main(["approve", token, "--refuse"]) == 1
    assert main(["approve", token, "--refuse", "--reason", "the date is the report's"]) == 0
    capsys.readouterr()
    assert main(["approve"]) == 0 and token not in capsys.readouterr().out
    assert not (desk / "incidents.geojson").exists()
