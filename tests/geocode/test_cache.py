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


def test_a_missing_index_is_built_once_while_another_process_waits_for_it(
    tmp_path: Path, monkeypatch
) -> None:
    """Two test workers (or two commands) started on a cold cache: one builds, the other
    waits under the file's lock and reads what it wrote, instead of building it again."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.setattr(cache, "CACHE_DIR", tmp_path)
    readers: set[str] = set()
    read = cache._read

    def counted(path: Path) -> object:
        readers.add(threading.current_thread().name)
        return read(path)

    monkeypatch.setattr(cache, "_read", counted)
    builds: list[str] = []

    def build() -> dict[str, int]:
        builds.append(threading.current_thread().name)
        deadline = time.monotonic() + 10
        while len(readers) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)  # the other one has looked for the index too: it is missing
        return {"places": 1}

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: cache.cached("index", ["inputs"], build), range(2)))
    assert len(builds) == 1
    assert results == [{"places": 1}, {"places": 1}]
    assert len(list(tmp_path.glob("index-*.pickle"))) == 1
