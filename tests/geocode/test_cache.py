"""The on-disk index cache (geo.geocoders.cache): its key covers the code and the words that
decide what an index holds, so a moved module or an edited language file builds a fresh one."""

from __future__ import annotations

from pathlib import Path

from geo.geocoders import cache


def test_every_file_the_key_names_exists() -> None:
    """A file that moved away would hash as missing and leave a stale index in use (the name
    helpers moved to geo/words/ once and the geonames index stopped seeing their changes)."""
    missing = [str(path) for path in cache.CODE if not path.exists()]
    assert not missing
    assert any(path.suffix == ".toml" for path in cache.CODE)  # every language's words


def test_an_edited_input_changes_the_key(tmp_path: Path) -> None:
    words = tmp_path / "xx.toml"
    words.write_text('[places]\nstop = ["a"]\n', encoding="utf-8")
    before = cache.digest([words, *cache.CODE])
    words.write_text('[places]\nstop = ["a", "b"]\n', encoding="utf-8")
    assert cache.digest([words, *cache.CODE]) != before
