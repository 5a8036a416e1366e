"""What a file's text shows it is, told before its reader trips over it: a file given to the
wrong verb (`format_mismatch`: XML or JSON where CSV is wanted, a table where JSON is), a CSV
saved with another separator (`separator_problem`, `DECIMAL_COMMA`), a header naming a column
twice (`repeated_columns`). Each answer is one sentence or one `Problem` naming the file, line
and column. Ground floor: imports nothing of the project but geo.problems."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence

from geo.problems import Problem

BOM = "\ufeff"  # a byte-order mark, as a decoded text starts with it
# The way in for the files of other mapping tools (KML/KMZ, GPX, GeoPackage, Shapefile,
# GeoParquet) when a verb that reads GeoJSON or CSV is given one.
IMPORT_HINT = "`python -m geo import FILE` reads it into a draft for review"


def format_mismatch(text: str, expected: str) -> str | None:
    """What a text is when its start shows a format other than `expected` ("JSON" or "CSV"),
    as a file given to the wrong verb or saved under the wrong name is: "an XML document (KML?
    GPX?)", "a JSON document (GeoJSON?)", "a CSV table (its first line is a row of separated
    names)"; None when it may well be `expected` (its own reader then says what is wrong)."""
    start = text.lstrip(BOM + " \t\r\n")
    if start.startswith("<"):
        return f"an XML document (KML? GPX? a web page?; a KML or GPX file: {IMPORT_HINT})"
    if expected != "JSON" and start[:1] in ("{", "["):
        return "a JSON document (GeoJSON?)"
    first_line = start.split("\n", 1)[0]
    cells = max(first_line.count(separator) for separator in (",", ";", "\t")) + 1
    if expected != "CSV" and start[:1] not in ("{", "[") and cells >= 3:
        return "a CSV table (its first line is a row of separated names)"
    return None


# --- CSV files ------------------------------------------------------------------------------

RESAVE_AS_CSV = (
    "re-save it with commas between cells and points in numbers (LibreOffice: Save As › Text "
    "CSV, field delimiter ','; Excel: File › Save As › CSV UTF-8 with the system list "
    "separator set to ',')"
)
# Separators spreadsheets write instead of a comma (a semicolon where the decimal separator is
# a comma), and what to call such a file.
OTHER_SEPARATORS: dict[str, tuple[str, str]] = {
    ";": ("a semicolon-separated CSV", "';'"),
    "\t": ("a tab-separated file (a spreadsheet's 'Text (Tab delimited)')", "tabs"),
    "|": ("a pipe-separated file", "'|'"),
}
DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


def repeated_columns(
    names: Sequence[str], path: str, columns: Sequence[int] | None = None
) -> list[Problem]:
    """One problem per header cell whose name (as the reader matches names) an earlier cell
    already has: a reader keeps one of the two values of each row and drops the other without
    a word, so the file cannot be read unambiguously, the same fault as a JSON key written
    twice (exit status 2 from every verb). `columns`: the 1-based column each cell starts at
    (default: its cell number)."""
    first: dict[str, int] = {}
    problems = []
    for index, name in enumerate(names):
        # `columns` may be short: a cell holding a form feed or another break that
        # str.splitlines ends a line at (fuzzing found an IndexError here).
        column = columns[index] if columns is not None and index < len(columns) else index + 1
        if name not in first:
            first[name] = column
            continue
        message = (
            f"column {name!r} appears twice in the header (first at column {first[name]}); a "
            "reader keeps only one of the two values in each row: remove or rename one by hand"
        )
        problems.append(Problem(path, 1, column, "error", message, property=name, unreadable=True))
    return problems


def separator_problem(
    cells: Sequence[str],
    required: Sequence[str],
    path: str,
    first_row: str = "",
    *,
    numbers: Sequence[str] = (),
    normalize: Callable[[str], str] = str.strip,
) -> Problem | None:
    """The problem of a CSV header, read with ',', whose cells hold the `required` column names
    separated by another character (OTHER_SEPARATORS): the file said to be what it is, with how
    to re-save it, instead of one "missing column" per name. `first_row` (the line after the
    header) lets the message name the decimal commas of the `numbers` columns; `normalize`
    turns a header cell into the name it is matched by. None for any other header."""
    joined = ",".join(cells)
    for separator, (kind, shown) in OTHER_SEPARATORS.items():
        names = [normalize(name) for name in joined.split(separator)]
        if separator not in joined or not all(name in names for name in required):
            continue
        column = len(cells[0]) + 1 if separator not in cells[0] else joined.index(separator) + 1
        # csv, not str.split: a quoted cell (an actor list "A; B") holds the separator too.
        row = next(csv.reader([first_row], delimiter=separator), [])
        values = dict(zip(names, row, strict=False))
        commas = [
            f"{name} {values[name].strip()!r}"
            for name in numbers
            if DECIMAL_COMMA.fullmatch(values.get(name, "").strip())
        ]
        decimal = f"; its numbers use decimal commas ({', '.join(commas)})" if commas else ""
        return Problem(
            path,
            1,
            column,
            "error",
            f"{kind}: the header holds {len(names)} column names separated by {shown} where "
            f"this CSV uses ','{decimal}; {RESAVE_AS_CSV}",
        )
    return None
