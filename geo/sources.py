"""The sources registry (`data/sources.csv`): one row per article, read into a DataFrame.

Every problem names the CSV file, the 1-based line where the row starts, the character column
of the cell, the row's id and the column's name, so a hand edit that breaks the file can be
found without a traceback.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from geo.problems import InvalidDataError, Problem, has_errors
from geo.schema import SOURCE_COLUMNS

REQUIRED_COLUMNS: tuple[str, ...] = ("id", "outlet")  # a row without these says nothing
PRECISIONS: tuple[str, ...] = ("1", "2", "3")  # as time_precision: day, week, month
URL_SCHEMES: tuple[str, ...] = ("http", "https")
REGISTRY_NAME = "sources.csv"


def registry_for(data_file: Path | str) -> Path:
    """The sources registry an incident file cites: the nearest `sources.csv` in the file's
    folder or one of its parent folders, so that `data/drafts/x.geojson` uses
    `data/sources.csv`. When there is none, the path beside the file (where the message about
    the missing registry should point). Relative when the file's path is and the registry lies
    under the working folder, so messages read as the user typed them."""
    folder = Path(data_file).parent
    absolute = Path(os.path.abspath(folder))  # abspath folds "..", which Path.parents does not
    for candidate in (absolute, *absolute.parents):
        registry = candidate / REGISTRY_NAME
        if registry.is_file():
            if folder.is_absolute():
                return registry
            try:
                return registry.relative_to(Path.cwd())
            except ValueError:
                return registry
    return folder / REGISTRY_NAME


def read_sources(path: Path) -> pd.DataFrame:
    """The registry indexed by id; raises InvalidDataError carrying every error.

    Columns: SOURCE_COLUMNS without `id`, then any extra columns in file order. Text cells are
    `str` ("" when empty), `published` is datetime64 (NaT when unknown) and
    `published_precision` is Int64.
    """
    frame, problems = check_sources(path)
    if frame is None or has_errors(problems):
        raise InvalidDataError(problems)
    return frame


def check_sources(path: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The registry (None when the file cannot be read as a table) and every problem in it."""
    shown = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        return None, [Problem(shown, 1, 1, "error", f"cannot read: {error.strerror or error}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(shown, line, column, "error", "not UTF-8 text")]
    return _parse(text, shown)


def _parse(text: str, shown: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    lines = text.splitlines(keepends=True)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    records: list[tuple[int, list[str]]] = []  # (first line of the row, cells)
    try:
        header = next(reader, None)
        if header is None:
            return None, [Problem(shown, 1, 1, "error", "empty file: expected a header row")]
        while True:
            start = reader.line_num + 1
            row = next(reader, None)
            if row is None:
                break
            if any(cell.strip() for cell in row):
                records.append((start, row))
    except csv.Error as error:
        line = reader.line_num or 1
        return None, [Problem(shown, line, 1, "error", f"not a valid CSV row: {error}")]

    header = [name.strip() for name in header]
    missing = [name for name in SOURCE_COLUMNS if name not in header]
    for name in missing:
        problems.append(Problem(shown, 1, 1, "error", f"missing column {name!r}", property=name))
    for position, name in enumerate(header):
        if header.index(name) != position:
            column = _cell_columns(lines[0])[position]
            problems.append(
                Problem(shown, 1, column, "error", f"column {name!r} appears twice", property=name)
            )
    if "id" in missing or problems:
        return None, problems

    extra = [name for name in header if name not in SOURCE_COLUMNS]
    rows: dict[str, dict[str, str]] = {}
    first_line: dict[str, int] = {}
    for line, cells in records:
        columns = _cell_columns("".join(lines[line - 1 : line - 1 + _physical_lines(cells)]))
        cell = dict(zip(header, cells, strict=False))
        source_id = cell.get("id", "").strip()
        shown_id = source_id or None

        report = partial(_report, problems, shown, header, line, columns, shown_id)
        if len(cells) != len(header):
            report("id", f"row has {len(cells)} cells; the header has {len(header)}")
            continue
        for name in REQUIRED_COLUMNS:
            if not cell[name].strip():
                report(name, f"{name} is empty")
        if source_id in first_line:
            report("id", f"duplicate id {source_id!r}: first used on line {first_line[source_id]}")
            continue
        if source_id:
            first_line[source_id] = line
        _check_cells(cell, report)
        if source_id:
            rows[source_id] = {name: cell[name].strip() for name in header}
    return _frame(list(rows.values()), extra), problems


def _report(
    problems: list[Problem],
    shown: str,
    header: list[str],
    line: int,
    columns: list[int],
    source_id: str | None,
    name: str,
    message: str,
) -> None:
    """Add an error about the cell of column `name` in the row that starts on `line`."""
    index = header.index(name) if name in header else 0
    column = columns[index] if index < len(columns) else 1
    problems.append(Problem(shown, line, column, "error", message, source_id, name))


def _check_cells(cell: dict[str, str], report: Callable[[str, str], None]) -> None:
    published = cell["published"].strip()
    precision = cell["published_precision"].strip()
    if published:
        try:
            date.fromisoformat(published)
            if len(published) != len("YYYY-MM-DD"):
                raise ValueError
        except ValueError:
            report("published", f"{published!r} is not a date written YYYY-MM-DD")
        if not precision:
            report("published_precision", "published is given, so its precision (1-3) is needed")
    if precision and precision not in PRECISIONS:
        report(
            "published_precision",
            f"{precision!r} is not a precision: 1 day, 2 week, 3 month",
        )
    if precision and not published:
        report("published_precision", "a precision without a published date")
    url = cell["url"].strip()
    if url:
        parts = urlsplit(url)
        if parts.scheme.lower() not in URL_SCHEMES or not parts.netloc or " " in url:
            report("url", f"{url!r} is not an http(s) URL")


def _frame(rows: list[dict[str, str]], extra: list[str]) -> pd.DataFrame:
    columns = [*SOURCE_COLUMNS, *extra]
    frame = pd.DataFrame(rows, columns=columns, dtype=object).fillna("")
    frame["published"] = pd.to_datetime(
        frame["published"].replace("", None), format="%Y-%m-%d", errors="coerce"
    )
    frame["published_precision"] = pd.to_numeric(
        frame["published_precision"].replace("", None), errors="coerce"
    ).astype("Int64")
    return frame.set_index("id")


def _physical_lines(cells: list[str]) -> int:
    """How many lines of the file a parsed row spans (quoted cells may hold line breaks)."""
    return 1 + sum(cell.count("\n") for cell in cells)


def _cell_columns(raw: str) -> list[int]:
    """1-based character column where each cell of one CSV row starts (quotes respected)."""
    columns = [1]
    quoted = False
    for offset, char in enumerate(raw):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            columns.append(offset + 2)
        elif char in "\r\n" and not quoted:
            break
    return columns
