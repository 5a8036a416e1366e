"""geo.files: the one atomic writer and the one checked reader."""

from __future__ import annotations

import math
import stat
from pathlib import Path

import pytest

from geo import files
from geo.canonical import dumps
from geo.files import FileError, write_atomic

# --- atomic write ---------------------------------------------------------------------------


def test_write_atomic_replaces_content_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "incidents.geojson"
    target.write_text("old\n")
    target.chmod(0o640)
    write_atomic(target, "new ü\n")
    assert target.read_text(encoding="utf-8") == "new ü\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(tmp_path.iterdir()) == [target]


def test_write_atomic_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.geojson"
    real.write_text("old\n")
    link = tmp_path / "link.geojson"
    link.symlink_to(real)
    write_atomic(link, "new\n")
    assert link.is_symlink()
    assert real.read_text() == "new\n"


def test_write_atomic_creates_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "new.geojson"
    write_atomic(target, "x\n")
    assert target.read_text() == "x\n"


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    """The rename of an atomic write would replace a read-only file (even for its owner, and
    for root), so its write bit is read first."""
    target = tmp_path / "incidents.geojson"
    target.write_text("protected\n")
    target.chmod(0o444)
    for attempt in (lambda: write_atomic(target, "new\n"), lambda: files.check_writable(target)):
        with pytest.raises(
            FileError, match="cannot write: permission denied: the file is read-only"
        ):
            attempt()
    assert target.read_text() == "protected\n"
    assert sorted(tmp_path.iterdir()) == [target]


def test_failed_serialisation_leaves_the_original_intact(tmp_path: Path) -> None:
    target = tmp_path / "incidents.geojson"
    target.write_text("original\n")
    with pytest.raises(ValueError):
        write_atomic(target, dumps({"type": "Point", "coordinates": [math.nan, 0]}))
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "lone \ud800 surrogate")
    assert target.read_text() == "original\n"
    assert sorted(tmp_path.iterdir()) == [target]


def test_failed_rename_leaves_the_original_intact_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "incidents.geojson"
    target.write_text("original\n")

    def refuse(source: str, destination: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(FileError, match="disk full"):
        write_atomic(target, "new\n")
    assert target.read_text() == "original\n"
    assert sorted(tmp_path.iterdir()) == [target]


def _zip(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}), "Excel workbook"),
        (_zip({"mimetype": b"x", "content.xml": b"<x/>"}), "OpenDocument"),
        (_zip({"doc.kml": b"<kml/>"}), "KMZ"),
        (_zip({"acled.csv": b"a,b\n"}), "a ZIP archive holding acled.csv"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "Excel 97-2003"),
        (b"\x1f\x8b\x08\x00" + bytes(20), "gzip"),
        (b"PAR1" + bytes(20), "Parquet"),
        (b"PK\x03\x04 damaged", "damaged"),
    ],
)
def test_a_file_that_is_not_text_is_named_for_what_it_is(tmp_path, data, words):
    """Every reader starts with files.decode: a workbook or an archive given for a CSV or a
    GeoJSON is said to be one, not reported as a byte that is not UTF-8."""
    path = tmp_path / "input.csv"
    path.write_bytes(data)
    with pytest.raises(FileError) as raised:
        files.read_text(path)
    [problem] = raised.value.problems
    assert problem.path == str(path) and words in problem.message
    assert raised.value.status == 2
