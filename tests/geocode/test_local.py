"""The local gazetteer: a GeoNames country dump imported, then a village only it holds
resolved by lookup, geocode and extract (geo.geocoders.local, `geo gazetteer import`)."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from geo.cli import main
from geo.geocoders import OfflineGeocoder
from geo.geocoders.local import LocalGazetteer

# Two rows in the GeoNames dump format (19 tab-separated columns): an invented village that
# no shipped gazetteer holds, and a mountain (class T), which is not kept.
ROWS = [
    [
        "99000001", "Zorbulaqkend", "Zorbulaqkend", "Zorbulaqkənd,Зорбулагкенд,زوربولاق‌کند",
        "39.25", "45.40", "P", "PPL", "AZ", "", "35", "", "", "", "812", "", "900",
        "Asia/Baku", "2024-01-01",
    ],
    [
        "99000002", "Qwzxq Dagh", "Qwzxq Dagh", "", "39.3", "45.5", "T", "MT", "AZ", "",
        "35", "", "", "", "0", "", "2500", "Asia/Baku", "2024-01-01",
    ],
]  # fmt: skip


def _dump(folder: Path, zipped: bool) -> Path:
    text = "".join("\t".join(row) + "\n" for row in ROWS)
    if not zipped:
        path = folder / "AZ.txt"
        path.write_text(text, encoding="utf-8")
        return path
    path = folder / "AZ.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "GeoNames")
        archive.writestr("AZ.txt", text)
    return path


@pytest.fixture
def local(tmp_path: Path) -> LocalGazetteer:
    # A scratch database without cities500 (loading it takes a minute; it is not needed).
    return LocalGazetteer(tmp_path / "places.sqlite", cities500=tmp_path / "none.json")


@pytest.mark.parametrize("zipped", [False, True])
def test_import_then_resolve_a_village_only_the_dump_holds(
    tmp_path: Path, local: LocalGazetteer, zipped: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    before = OfflineGeocoder(local=local)
    assert before.geocode("Zorbulaqkend") is None
    path = _dump(tmp_path, zipped)
    assert main(["gazetteer", "import", str(path), "--database", str(local.database)]) == 0
    assert "1 place(s) imported" in capsys.readouterr().out
    geocoder = OfflineGeocoder(local=LocalGazetteer(local.database, cities500=local.cities500))
    for spelling in ("Zorbulaqkend", "Zorbulaqkənd", "Зорбулагкенд"):
        found = geocoder.geocode(spelling)
        assert found is not None and found.raw["source"] == "geonames:99000001", spelling
        assert found.raw["country"] == "Azerbaijan"
    assert geocoder.geocode("Qwzxq Dagh") is None  # not a populated place
    assert geocoder.get("geonames:99000001") is not None


def test_extract_reads_an_imported_village_beside_a_settlement_word(
    tmp_path: Path, local: LocalGazetteer
) -> None:
    from geo.extract.draft import extract_article

    local.import_dump(_dump(tmp_path, zipped=False))
    geocoder = OfflineGeocoder(local=local)
    text = "A drone fell near a school in the village of Zorbulaqkend in Azerbaijan's Nakhchivan."
    extraction = extract_article(text, geocoder, published=date(2026, 3, 5))
    assert "Zorbulaqkend" in {m.place.name for m in extraction.places}
    assert extraction.unplaced == []


def test_a_name_nothing_knows_is_kept_unplaced(local: LocalGazetteer) -> None:
    from geo.extract.draft import draft_collection, extract_article

    text = "Bir İHA Nahçıvan havalimanına isabet ederken, diğeri Şakarabad köyündeki okula düştü."
    draft = draft_collection(
        extract_article(text, OfflineGeocoder(local=local), published=date(2026, 3, 5))
    )
    (unplaced,) = [f for f in draft["features"] if f["geometry"] is None]
    assert unplaced["properties"]["location"] == "Şakarabad"
    assert unplaced["properties"]["country"] == "Azerbaijan"


def test_a_file_that_is_no_dump_is_refused(
    tmp_path: Path, local: LocalGazetteer, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some text\n", encoding="utf-8")
    assert main(["gazetteer", "import", str(path), "--database", str(local.database)]) == 1
    assert "a GeoNames dump has 19" in capsys.readouterr().err


def test_an_import_is_seen_by_a_geocoder_that_asked_before(
    tmp_path: Path, local: LocalGazetteer
) -> None:
    # The geocoder remembers the matches of the names it was asked; an import must not be
    # hidden behind a remembered "nothing".
    geocoder = OfflineGeocoder(local=local)
    assert geocoder.geocode("Zorbulaqkend") is None
    local.import_dump(_dump(tmp_path, zipped=False))
    found = geocoder.geocode("Zorbulaqkend")
    assert found is not None and found.raw["source"] == "geonames:99000001"


@pytest.mark.parametrize(
    "spelling",
    [
        "Караханбейли",  # Ukrainian / Russian
        "ყარახანბეილი",  # Georgian
    ],
)
def test_a_name_in_another_script_meets_a_place_known_only_in_latin_letters(
    tmp_path: Path, local: LocalGazetteer, spelling: str
) -> None:
    row = [
        "99000003", "Qaraxanbeyli", "Qaraxanbeyli", "", "39.62", "47.11", "P", "PPL", "AZ",
        "", "21", "", "", "", "640", "", "300", "Asia/Baku", "2024-01-01",
    ]  # fmt: skip
    path = tmp_path / "AZ.txt"
    path.write_text("\t".join(row) + "\n", encoding="utf-8")
    local.import_dump(path)
    found = OfflineGeocoder(local=local).geocode(spelling)
    assert found is not None and found.raw["source"] == "geonames:99000003"
    assert found.raw["match"] == "romanised"


def test_stored_keys_are_refolded_when_the_fold_changes(
    tmp_path: Path, local: LocalGazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from geo.geocoders import local as local_module

    local.import_dump(_dump(tmp_path, zipped=False))
    local.connection.close()
    # As if written by an older `fold`: a stale skeleton and an older version number.
    with sqlite3.connect(local.database) as connection:
        connection.execute("UPDATE names SET folded = 'stale'")
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('keys', '0')")
    reopened = LocalGazetteer(local.database, cities500=local.cities500)
    # "Zorbulaqkand" differs from every stored spelling: only its folded key can meet it.
    assert [m.place.source for m in reopened.matches("zorbulaqkand")] == ["geonames:99000001"]
    with sqlite3.connect(local.database) as connection:
        version = connection.execute("SELECT value FROM meta WHERE name = 'keys'").fetchone()
    assert version == (str(local_module.KEYS_VERSION),)
