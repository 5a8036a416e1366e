"""The sources registry reader: typed frame, and every bad row named by line, id and column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import paths
from geo.problems import InvalidDataError
from geo.schema import SOURCE_COLUMNS
from geo.sources import check_sources, read_sources

HEADER = ",".join(SOURCE_COLUMNS)
GOOD_ROW = 'one,Outlet,"Title, with a comma",Au Thor,2026-03-05,1,https://example.org/a,a.txt,,'


def _csv(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "sources.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_shipped_registry_reads_cleanly() -> None:
    frame = read_sources(paths.SOURCES)
    assert frame.index.is_unique
    assert frame.index.name == "id"
    assert list(frame.columns[: len(SOURCE_COLUMNS) - 1]) == list(SOURCE_COLUMNS[1:])
    # a seed article has its file; a news excerpt (no file here) has its URL
    assert ((frame["seed_file"] != "") | (frame["url"] != "")).all()


def test_typed_columns(tmp_path: Path) -> None:
    frame = read_sources(_csv(tmp_path, GOOD_ROW, "two,Other,T,,,,,b.txt,,"))
    assert list(frame.index) == ["one", "two"]
    assert frame.loc["one", "title"] == "Title, with a comma"
    assert frame.loc["one", "published"] == pd.Timestamp("2026-03-05")
    assert pd.isna(frame.loc["two", "published"])
    assert str(frame["published_precision"].dtype) == "Int64"
    assert frame.loc["two", "url"] == ""  # empty text stays "", so `if row.url:` works


def test_extra_columns_are_kept_and_a_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "sources.csv"
    path.write_text(f"\ufeff{HEADER},language\n{GOOD_ROW},en\n", encoding="utf-8")
    frame = read_sources(path)
    assert frame.loc["one", "language"] == "en"


@pytest.mark.parametrize(
    ("row", "column", "property_", "words"),
    [
        ("one,Outlet,T,,2026-02-30,1,,a.txt,,", 15, "published", "not a real date"),
        ("one,Outlet,T,,5 March 2026,1,,a.txt,,", 15, "published", "not a date"),
        ("one,Outlet,T,,2026-03-05,day,,a.txt,,", 26, "published_precision", "not a precision"),
        ("one,Outlet,T,,2026-03-05,,,a.txt,,", 26, "published_precision", "needed"),
        ("one,Outlet,T,,,2,,a.txt,,", 16, "published_precision", "without a published date"),
        ("one,Outlet,T,,,,ftp://example.org/x,a.txt,,", 17, "url", "not an http(s) URL"),
        ("one,Outlet,T,,,,example.org,a.txt,,", 17, "url", "not an http(s) URL"),
        ("one,,T,,,,,a.txt,,", 5, "outlet", "empty"),
        ("one,Outlet,T", 1, "id", "3 cells"),
    ],
)
def test_bad_cells_are_named_by_line_column_id_and_property(
    tmp_path: Path, row: str, column: int, property_: str, words: str
) -> None:
    path = _csv(tmp_path, GOOD_ROW.replace("one,", "first,", 1), row)
    with pytest.raises(InvalidDataError) as raised:
        read_sources(path)
    [problem] = raised.value.problems
    assert (problem.path, problem.line, problem.column) == (str(path), 3, column)
    assert (problem.feature_id, problem.property) == ("one", property_)
    assert words in problem.message


def test_duplicate_id_names_both_lines(tmp_path: Path) -> None:
    path = _csv(tmp_path, GOOD_ROW, "two,O,T,,,,,b.txt,,", GOOD_ROW)
    [problem] = check_sources(path)[1]
    assert (problem.line, problem.feature_id, problem.property) == (4, "one", "id")
    assert "first used on line 2" in problem.message


def test_lines_count_quoted_line_breaks(tmp_path: Path) -> None:
    path = _csv(tmp_path, 'first,O,T,,,,,a.txt,,"two\nline note"', "bad,O,T,,2026-99-01,1,,b.txt,,")
    [problem] = check_sources(path)[1]
    assert (problem.line, problem.feature_id) == (4, "bad")


def test_missing_and_repeated_columns(tmp_path: Path) -> None:
    header = HEADER.replace(",url", "").replace("outlet", "title")
    problems = check_sources(_csv(tmp_path, header=header))[1]
    assert {(p.line, p.property) for p in problems} == {(1, "url"), (1, "outlet"), (1, "title")}
    assert all(p.severity == "error" for p in problems)


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "empty file"), (b'id,"outlet\n', "not a valid CSV"), (b"id\xff\n", "not UTF-8")],
)
def test_unreadable_files(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "sources.csv"
    path.write_bytes(content)
    frame, problems = check_sources(path)
    assert frame is None
    assert words in problems[0].message
    with pytest.raises(InvalidDataError):
        read_sources(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidDataError, match="cannot read"):
        read_sources(tmp_path / "absent.csv")


cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=15)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(cell, min_size=1, max_size=12), max_size=5))
def test_any_table_gives_a_frame_or_problems_never_an_exception(
    tmp_path: Path, rows: list[list[str]]
) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([list(SOURCE_COLUMNS), *rows])
    path = tmp_path / "sources.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    frame, problems = check_sources(path)
    assert frame is not None or problems
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True),
            cell.filter(lambda s: s.strip() == s and s),
            cell,
        ),
        max_size=6,
        unique_by=lambda row: row[0],
    )
)
def test_well_formed_rows_read_back_as_written(
    tmp_path: Path, rows: list[tuple[str, str, str]]
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(SOURCE_COLUMNS)
    for source_id, outlet, notes in rows:
        writer.writerow([source_id, outlet, "", "", "", "", "", "", "", notes])
    path = tmp_path / "sources.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    frame = read_sources(path)
    assert list(frame.index) == [row[0] for row in rows]
    assert list(frame["outlet"]) == [row[1] for row in rows]
    assert list(frame["notes"]) == [row[2].strip() for row in rows]


# --- ledger columns and the archive -----------------------------------------------------------


def _registry_with(tmp_path: Path, **cells: str) -> Path:
    """data/sources.csv with extra cells set on the row star-2026-03-05."""
    import shutil

    path = tmp_path / "sources.csv"
    shutil.copy(paths.SOURCES, path)
    if cells:
        rows = list(csv.reader(path.open(encoding="utf-8")))
        for row in rows[1:]:
            if row[0] == "star-2026-03-05":
                for name, value in cells.items():
                    row[rows[0].index(name)] = value
        with path.open("w", encoding="utf-8", newline="") as stream:
            csv.writer(stream, lineterminator="\n").writerows(rows)
    return path


@pytest.mark.parametrize(
    ("cells", "column", "words"),
    [
        ({"language": "Turkish"}, "language", "not a language tag"),
        ({"source_scale": "Global"}, "source_scale", "not an ACLED source scale"),
        ({"republished_from": "nobody"}, "republished_from", "no source has the id"),
        ({"republished_from": "star-2026-03-05"}, "republished_from", "cannot republish itself"),
        ({"sha256": "abc"}, "sha256", "64 lowercase hex"),
        ({"retrieved": "2026-3-5"}, "retrieved", "not a date"),
    ],
)
def test_ledger_columns_are_checked(
    tmp_path: Path, cells: dict[str, str], column: str, words: str
) -> None:
    _, problems = check_sources(_registry_with(tmp_path, **cells))
    (problem,) = problems
    assert problem.property == column and problem.feature_id == "star-2026-03-05"
    assert words in problem.message and problem.line == 7


def test_a_republication_loop_is_an_error(tmp_path: Path) -> None:
    path = _registry_with(tmp_path, republished_from="yildirim-2026-03-05")
    rows = list(csv.reader(path.open(encoding="utf-8")))
    for row in rows[1:]:
        if row[0] == "yildirim-2026-03-05":
            row[rows[0].index("republished_from")] = "star-2026-03-05"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows(rows)
    _, problems = check_sources(path)
    assert len(problems) == 2 and all("loop back" in p.message for p in problems)


def test_a_registry_without_the_ledger_columns_still_reads(tmp_path: Path) -> None:
    # the registry the field cases cite (tests/cases/), written before the ledger's columns
    case = paths.ROOT / "tests" / "cases" / "sources.csv"
    frame, problems = check_sources(case)
    assert problems == [] and frame is not None
    assert (frame["language"] == "").all() and (frame["republished_from"] == "").all()


def test_archive_records_the_hash_and_validate_checks_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from geo.cli import main
    from geo.sources import archive_path, text_sha256

    registry = _registry_with(tmp_path)
    article = tmp_path / "star.txt"
    article.write_text("Nahçıvan havalimanı\nmetin\n", encoding="utf-8")
    args = ["archive", str(article), "--source", "star-2026-03-05", "--sources", str(registry)]

    assert main([*args, "--retrieved", "2026-03-06"]) == 0

    frame = read_sources(registry)
    assert frame.at["star-2026-03-05", "sha256"] == text_sha256(article.read_bytes())
    assert frame.at["star-2026-03-05", "retrieved"] == "2026-03-06"
    stored = archive_path(registry, "star-2026-03-05")
    assert stored.read_bytes() == article.read_bytes()
    assert check_sources(registry)[1] == []

    article.write_text("another text\n", encoding="utf-8")
    assert main(args) == 1  # a second, different text for the same row is refused
    assert "new source row" in capsys.readouterr().err

    stored.write_text("tampered\n", encoding="utf-8")
    (problem,) = check_sources(registry)[1]
    assert problem.feature_id == "star-2026-03-05" and problem.property == "sha256"
    assert "changed since" in problem.message and problem.line == 7


def test_archive_without_sources_uses_the_nearest_registry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As every other verb: the sources.csv of the article's folder or a folder above, not the
    shipped data/sources.csv (which must not change)."""
    from geo.cli import main

    registry = _registry_with(tmp_path)
    shipped = paths.SOURCES.read_bytes()
    article = tmp_path / "inbox" / "star.txt"
    article.parent.mkdir()
    article.write_text("Nahçıvan havalimanı\n", encoding="utf-8")
    assert main(["archive", str(article), "--source", "star-2026-03-05"]) == 0
    assert str(registry) in capsys.readouterr().out
    assert read_sources(registry).at["star-2026-03-05", "sha256"] != ""
    assert paths.SOURCES.read_bytes() == shipped


def test_archive_names_an_unknown_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from geo.cli import main

    article = tmp_path / "a.txt"
    article.write_text("x\n", encoding="utf-8")
    registry = _registry_with(tmp_path)
    assert main(["archive", str(article), "--source", "nope", "--sources", str(registry)]) == 1
    assert "no source has the id 'nope'" in capsys.readouterr().err


@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_registry_re_saved_with_another_separator_is_named_as_such(tmp_path, separator):
    """The same kind of fault as an ACLED export re-saved by a spreadsheet (geo.files
    .separator_problem): one message saying what the file is, not a missing column per name."""
    rows = list(csv.reader(paths.SOURCES.open(encoding="utf-8")))
    path = tmp_path / "sources.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=separator).writerows(rows)
    with pytest.raises(InvalidDataError) as raised:
        read_sources(path)
    [problem] = raised.value.problems
    assert problem.path == str(path) and problem.line == 1
    assert "-separated" in problem.message and "re-save" in problem.message
