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
    assert frame["seed_file"].map(bool).all()


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
        ("one,Outlet,T,,2026-02-30,1,,a.txt,,", 15, "published", "not a date"),
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
