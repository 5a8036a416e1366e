"""`python -m geo extract`'s sources registry (geo/cli/extract.py): the shared `--sources`
option, and the registry the draft is checked against when it is not given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.cli import main

HEADER = "id,outlet,title,author,published,published_precision,url,seed_file,affiliation,notes\n"
ARTICLE = "Drones struck Tabriz in Iran on Thursday.\n"


def _registry(folder: Path, source_id: str, published: str = "2026-03-09") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sources.csv"
    path.write_text(
        f"{HEADER}{source_id},An Outlet,A title,,{published},1,,note.txt,,\n", encoding="utf-8"
    )
    return path


def _article(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "note.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _incident(draft: Path) -> dict:
    document = json.loads(draft.read_text(encoding="utf-8"))
    return next(f for f in document["features"] if f["properties"]["layer"] == "incident")


def test_the_registry_nearest_the_draft_is_read(tmp_path, capsys):
    """The draft's ids must resolve where it is validated and merged: the nearest sources.csv
    above the draft wins over one beside the article."""
    registry = _registry(tmp_path / "project" / "data", "near-the-draft")
    _registry(tmp_path / "articles", "near-the-article", published="2020-01-01")
    article = _article(tmp_path / "articles")
    draft = tmp_path / "project" / "data" / "drafts" / "note.geojson"
    draft.parent.mkdir()
    assert main(["extract", str(article), "--out", str(draft)]) == 0
    assert f"sources registry: {registry}" in capsys.readouterr().err
    properties = _incident(draft)["properties"]
    assert properties["sources"] == ["near-the-draft"]
    assert properties["event_date"] == "2026-03-05"  # the Thursday before 9 March 2026


@pytest.mark.parametrize("option", ["--sources", "--sources-csv"])
def test_sources_names_the_registry_and_the_old_spelling_still_works(tmp_path, option):
    registry = _registry(tmp_path / "elsewhere", "given")
    article = _article(tmp_path / "articles")
    draft = tmp_path / "draft.geojson"
    assert main(["extract", str(article), option, str(registry), "--out", str(draft)]) == 0
    assert _incident(draft)["properties"]["sources"] == ["given"]


def test_without_out_the_registry_is_the_one_above_the_article(tmp_path, capsys):
    _registry(tmp_path, "beside")
    article = _article(tmp_path / "articles")
    assert main(["extract", str(article)]) == 0
    captured = capsys.readouterr()
    incident = next(
        f for f in json.loads(captured.out)["features"] if f["properties"]["layer"] == "incident"
    )
    assert incident["properties"]["sources"] == ["beside"]


@pytest.mark.parametrize(
    ("registry", "args", "status", "words"),
    [
        # without a row the drafts are written, citing nothing; the registry is not made
        ("missing.csv", [], 0, "missing.csv for this article, so the drafts cite no source"),
        ("sources.csv", ["--source", "besid"], 1, "no source with id 'besid'; did you mean"),
    ],
)
def test_a_registry_or_source_that_is_not_there(tmp_path, capsys, registry, args, status, words):
    _registry(tmp_path, "beside")
    article = _article(tmp_path / "articles")
    argv = ["extract", str(article), "--sources", str(tmp_path / registry), *args]
    assert main(argv) == status
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not (tmp_path / "missing.csv").exists()


def test_a_draft_a_reviewer_may_have_edited_is_not_replaced_without_force(tmp_path, capsys):
    _registry(tmp_path, "beside")
    article = _article(tmp_path)
    draft = tmp_path / "draft.geojson"
    draft.write_text('{"type": "FeatureCollection", "features": []}\n', encoding="utf-8")
    before = draft.read_bytes()
    assert main(["extract", str(article), "--out", str(draft)]) == 1
    err = capsys.readouterr().err
    assert f"{draft}: error: the file exists and would be replaced whole" in err, err
    assert "--force" in err and draft.read_bytes() == before
    assert main(["extract", str(article), "--out", str(draft), "--force"]) == 0
    assert _incident(draft)["properties"]["sources"] == ["beside"]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf \r\n\n"])
def test_an_empty_article_is_said_to_be_empty_and_no_draft_is_written(tmp_path, capsys, content):
    _registry(tmp_path, "beside")
    article = tmp_path / "note.txt"
    article.write_bytes(content)
    draft = tmp_path / "draft.geojson"
    assert main(["extract", str(article), "--out", str(draft)]) == 1
    assert f"{article}: error: the article is empty" in capsys.readouterr().err
    assert not draft.exists()
