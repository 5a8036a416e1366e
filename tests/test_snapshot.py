"""geo.snapshot: the last valid data round-trips through disk; a damaged snapshot is ignored."""

from __future__ import annotations

from geo import snapshot
from geo.load import load_incidents
from geo.sources import read_sources
from tests.app import fixtures


def test_round_trip_and_damage(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path / "cache"))
    path = fixtures.write_dataset(tmp_path / "data")
    gdf, sources = load_incidents(path), read_sources(path.parent / "sources.csv")
    assert snapshot.load(path) is None
    assert snapshot.save(path, gdf, sources)
    kept_gdf, kept_sources = snapshot.load(path)
    assert kept_gdf.equals(gdf) and kept_sources.equals(sources)
    assert snapshot.snapshot_path(path).parent == tmp_path / "cache" / "last-valid"
    snapshot.snapshot_path(path).write_bytes(b"not a pickle")
    assert snapshot.load(path) is None


def test_an_unwritable_cache_is_reported_not_raised(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("GEO_CACHE_DIR", str(blocker))  # a file where a folder should be
    path = fixtures.write_dataset(tmp_path / "data")
    gdf, sources = load_incidents(path), read_sources(path.parent / "sources.csv")
    assert snapshot.save(path, gdf, sources) is False
