"""A folder store is replaced so that its path always holds the old store or the new one, and
what a killed import left beside it is put back or removed by the next import
(bench/kill_bench.py kills imports at random moments and prints what it found)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.store import importer


def _store(folder: Path, marker: str) -> Path:
    (folder / "year=2026").mkdir(parents=True)
    (folder / "year=2026" / "part-0.parquet").write_text(marker)
    return folder


def test_a_folder_store_is_exchanged_in_one_step(tmp_path, monkeypatch):
    """The old store is never moved aside: the two folders are exchanged (renameat2), so no
    moment leaves the path empty; the old one is then removed."""
    out = _store(tmp_path / "store", "old")
    new = _store(tmp_path / ".store.tmp", "new")
    moved_aside = []
    real_replace = importer.os.replace

    def replace(source, destination):
        moved_aside.append((Path(source).name, Path(destination).name))
        real_replace(source, destination)

    monkeypatch.setattr(importer.os, "replace", replace)
    (tmp_path / "probe-a").mkdir()
    (tmp_path / "probe-b").mkdir()
    if not importer._exchange(tmp_path / "probe-a", tmp_path / "probe-b"):
        pytest.skip("this system cannot exchange two folders in one step")
    importer._replace(new, out)
    assert (out / "year=2026" / "part-0.parquet").read_text() == "new"
    assert moved_aside == [] and not new.exists()


def test_a_store_moved_aside_by_a_killed_import_is_put_back(tmp_path):
    """Where folders cannot be exchanged the old store is moved aside first: an import killed
    before the new one was renamed in left nothing at the path; the next one puts it back."""
    out = tmp_path / "store"
    _store(tmp_path / ".store.old", "old")
    _store(tmp_path / ".store.tmp", "half")
    (tmp_path / ".store.import-abc123").mkdir()
    (tmp_path / ".other.import-abc123").mkdir()
    touched = importer.recover(out)
    assert (out / "year=2026" / "part-0.parquet").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.import-abc123", "store"]
    assert out in touched


def test_leftovers_beside_a_present_store_are_removed(tmp_path):
    out = _store(tmp_path / "store", "current")
    _store(tmp_path / ".store.old", "older")
    (tmp_path / ".store.import-x").mkdir()
    importer.recover(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]
    assert (out / "year=2026" / "part-0.parquet").read_text() == "current"
