"""Which sources registry an incident file is checked against: the nearest `sources.csv` in its
folder or a parent folder (so drafts in data/drafts/ use data/sources.csv)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.sources import registry_for
from geo.validate import check_file

REGISTRY = (
    "id,outlet,title,author,published,published_precision,url,seed_file,affiliation,notes\n"
    "src-known,Known Outlet,A title,,2026-03-06,1,,,,\n"
)


def write_draft(path: Path, source: str) -> Path:
    feature = {
        "type": "Feature",
        "id": "draft-site-port",
        "geometry": {"type": "Point", "coordinates": [46.4, 38.2]},
        "properties": {
            "layer": "site",
            "name": "A port",
            "kind": "port",
            "country": "Iran",
            "geo_precision": 1,
            "sources": [source],
            "review": "draft",
            "evidence": ["40-46"],
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"type": "FeatureCollection", "features": [feature]}
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return path


def test_a_draft_in_a_subfolder_is_checked_against_the_registry_above(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sources.csv").write_text(REGISTRY, encoding="utf-8")
    good = write_draft(tmp_path / "data" / "drafts" / "good.geojson", "src-known")
    bad = write_draft(tmp_path / "data" / "drafts" / "bad.geojson", "src-unknown")
    assert registry_for(good) == tmp_path / "data" / "sources.csv"
    assert check_file(good)[1] == []
    problems = check_file(bad)[1]
    assert [(p.severity, p.feature_id, p.property) for p in problems] == [
        ("error", "draft-site-port", "sources")
    ]
    assert 'unknown source "src-unknown"' in problems[0].message


def test_a_registry_beside_the_file_wins_and_a_missing_one_is_named_beside_it(
    tmp_path, monkeypatch
):
    (tmp_path / "data" / "drafts").mkdir(parents=True)
    (tmp_path / "data" / "sources.csv").write_text(REGISTRY, encoding="utf-8")
    (tmp_path / "data" / "drafts" / "sources.csv").write_text(REGISTRY, encoding="utf-8")
    draft = tmp_path / "data" / "drafts" / "x.geojson"
    assert registry_for(draft) == tmp_path / "data" / "drafts" / "sources.csv"
    # Relative in, relative out: messages read as the user typed the path.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data" / "drafts" / "sources.csv").unlink()
    assert registry_for(Path("data/drafts/x.geojson")) == Path("data/sources.csv")
    assert registry_for(Path("data/drafts/../drafts/x.geojson")) == Path("data/sources.csv")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(depth=st.integers(0, 4), registries=st.sets(st.integers(0, 4)))
def test_the_nearest_registry_is_chosen(tmp_path_factory, depth, registries):
    root = tmp_path_factory.mktemp("lookup")
    folders = [root]
    for level in range(depth):
        folders.append(folders[-1] / f"level{level}")
    folders[-1].mkdir(parents=True, exist_ok=True)
    placed = sorted(r for r in registries if r <= depth)
    for level in placed:
        (folders[level] / "sources.csv").write_text(REGISTRY, encoding="utf-8")
    found = registry_for(folders[-1] / "x.geojson")
    if placed:
        assert found == folders[max(placed)] / "sources.csv"
    elif not any((p / "sources.csv").is_file() for p in root.parents):
        assert found == folders[-1] / "sources.csv"


@pytest.mark.parametrize("name", ["x.geojson", "sub/x.geojson"])
def test_plain_names_resolve_from_the_working_folder(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sources.csv").write_text(REGISTRY, encoding="utf-8")
    assert registry_for(Path(name)) == Path("sources.csv")
