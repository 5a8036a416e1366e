"""The sources registry (`data/sources.csv`): one row per article, read into a DataFrame.

Every problem names the CSV file, the 1-based line where the row starts, the character column
of the cell, the row's id and the column's name, so a hand edit that breaks the file can be
found without a traceback.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from geo import files, paths, sniff
from geo.periods import date_problem
from geo.problems import InvalidDataError, Problem, has_errors
from geo.schema import OPTIONAL_SOURCE_COLUMNS, SOURCE_COLUMNS, SOURCE_SCALES

REQUIRED_COLUMNS: tuple[str, ...] = ("id", "outlet")  # a row without these says nothing
PRECISIONS: tuple[str, ...] = ("1", "2", "3")  # as time_precision: day, week, month
URL_SCHEMES: tuple[str, ...] = ("http", "https")
REGISTRY_NAME = "sources.csv"
ARCHIVE_FOLDER = "archive"  # beside the registry; git-ignored (texts are not ours to publish)
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")  # BCP 47, as used in practice
SHA256_FORM = re.compile(r"[0-9a-f]{64}")


def archive_path(registry: Path, source_id: str) -> Path:
    """Where `geo archive` keeps the text of one source: archive/ID.txt beside the registry."""
    return Path(registry).parent / ARCHIVE_FOLDER / f"{source_id}.txt"


def archived_lengths(registry: Path) -> dict[str, int]:
    """Length in characters of each archived text beside `registry` (by source id), so that
    evidence offsets can be checked against it; empty when there is no archive."""
    folder = Path(registry).parent / ARCHIVE_FOLDER
    lengths = {}
    for stored in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        try:
            lengths[stored.stem] = len(stored.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue  # a broken archive file is reported by the hash check, not here
    return lengths


def text_sha256(data: bytes) -> str:
    """SHA-256 (hex) of a text exactly as retrieved (bytes, no re-encoding)."""
    return hashlib.sha256(data).hexdigest()


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


# The foreign member (RFC 7946 §6.1) of a FeatureCollection that carries the registry rows of
# the sources its features cite, so that an exported file validates and opens on its own.
EMBEDDED_MEMBER = "sources"


@dataclass(frozen=True)
class RegistryChoice:
    """Which registry an incident file is checked against: `path` (given with --sources, or
    the nearest sources.csv), or the file's own `sources` member (`embedded`), or none (then
    `looked` lists where a sources.csv was looked for)."""

    path: Path | None
    embedded: bool = False
    looked: tuple[Path, ...] = ()

    def describe(self, data_file: Path | str) -> str:
        if self.path is not None:
            return f"sources registry: {self.path}"
        if self.embedded:
            return f"sources registry: the {EMBEDDED_MEMBER!r} member of {data_file}"
        folders = ", ".join(str(folder) for folder in self.looked)
        return f"no sources registry: no {REGISTRY_NAME} in {folders}"


def choose_registry(
    data_file: Path | str, explicit: Path | None = None, document: object = None
) -> RegistryChoice:
    """The registry for `data_file`: `explicit` when given; else the `sources` member the
    document carries (an export made self-contained: its own rows win over whatever
    sources.csv happens to lie in a folder above wherever it was copied); else the nearest
    sources.csv in its folder or a parent folder (registry_for); else none, with the folders
    looked in."""
    if explicit is not None:
        return RegistryChoice(Path(explicit))
    if isinstance(document, dict) and EMBEDDED_MEMBER in document:
        return RegistryChoice(None, embedded=True)
    nearest = registry_for(data_file)
    if nearest.is_file():
        return RegistryChoice(nearest)
    folder = Path(os.path.abspath(Path(data_file).parent))
    return RegistryChoice(None, looked=(folder, *folder.parents))


def registry_or_default(path: Path | str, explicit: Path | None = None) -> Path:
    """The registry a file with no `sources` member of its own refers to (an article being
    extracted or archived, a draft): `explicit` when given, else the nearest sources.csv in
    its folder or a parent folder (`choose_registry`), else the shipped `data/sources.csv`."""
    choice = choose_registry(path, explicit)
    return choice.path if choice.path is not None else paths.SOURCES


def check_registry(
    choice: RegistryChoice, data_file: Path | str, document: object = None
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The chosen registry read and checked (check_sources); when there is none, one error
    saying where a sources.csv was looked for and how to name one."""
    if choice.path is not None:
        return check_sources(choice.path)
    if choice.embedded and isinstance(document, dict):
        return check_embedded(document, str(data_file))
    message = f"{choice.describe(data_file)}; pass --sources PATH, or export the file again "
    message += f"(exports carry the rows of the sources they cite in {EMBEDDED_MEMBER!r})"
    return None, [Problem(str(data_file), 1, 1, "error", message)]


def sources_for(
    data_file: Path | str, explicit: Path | None = None, document: object = None
) -> pd.DataFrame:
    """read_sources of the registry choose_registry picks (`data_file` is read for its
    `sources` member when `document` is not given); InvalidDataError otherwise."""
    choice = choose_registry(data_file, explicit, document)
    if explicit is None and document is None:
        from geo.jsonpos import JSONSyntaxError, parse

        try:
            document = parse(files.read_text(data_file)).document
        except (files.FileError, JSONSyntaxError):
            document = None
        choice = choose_registry(data_file, explicit, document)
    frame, problems = check_registry(choice, data_file, document)
    if frame is None or has_errors(problems):
        raise InvalidDataError(problems)
    return frame


def cited_source_ids(gdf: pd.DataFrame) -> list[str]:
    """Every source id the features cite, each once, in first-cited order."""
    seen: dict[str, None] = {}
    for cell in gdf["sources"]:
        if isinstance(cell, list | tuple):
            for source_id in cell:
                seen.setdefault(str(source_id), None)
    return list(seen)


def registry_rows(frame: pd.DataFrame, ids: Iterable[str]) -> list[dict[str, str]]:
    """The rows of `ids` that the registry has, in that order, each {column: cell text} as
    sources.csv writes it (id first; empty cells left out): what EMBEDDED_MEMBER holds."""
    rows = []
    for source_id in dict.fromkeys(ids):
        if source_id not in frame.index:
            continue
        row = {"id": str(source_id)}
        for column, value in frame.loc[source_id].items():
            text = _cell_text(value)
            if text:
                row[str(column)] = text
        rows.append(row)
    return rows


def rows_in(registry: Path, ids: Iterable[str]) -> list[dict[str, str]]:
    """registry_rows of `ids` in the registry file `registry`; [] when it is missing or has
    errors (the validator says why, in detail, when the data is checked)."""
    try:
        return registry_rows(read_sources(registry), ids)
    except InvalidDataError:
        return []


def _cell_text(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return str(value)


def check_embedded(document: dict, shown: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """check_sources of the rows a document carries in EMBEDDED_MEMBER (a list of objects of
    text cells); problems point at the member, naming the row."""
    rows = document.get(EMBEDDED_MEMBER)
    where = f"{EMBEDDED_MEMBER!r} member"
    if not isinstance(rows, list) or not all(
        isinstance(row, dict) and all(isinstance(v, str) for v in row.values()) for row in rows
    ):
        message = f"the {where} must be a list of objects of text cells (sources.csv rows)"
        return None, [Problem(shown, 1, 1, "error", message)]
    columns = list(dict.fromkeys(["id", *SOURCE_COLUMNS, *(k for row in rows for k in row)]))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[row.get(column, "") for column in columns] for row in rows])
    frame, problems = _parse(buffer.getvalue(), shown)
    located = [
        Problem(
            shown,
            1,
            1,
            p.severity,
            f"{where}, row {p.line - 1}: {p.message}",
            p.feature_id,
            p.property,
        )
        for p in problems
    ]
    return frame, located


def read_sources(path: Path) -> pd.DataFrame:
    """The registry indexed by id; raises InvalidDataError carrying every error.

    Columns: SOURCE_COLUMNS without `id`, OPTIONAL_SOURCE_COLUMNS ("" when the file lacks
    them), then any extra columns in file order. Text cells are
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
        text = files.read_text(path)
    except files.FileError as error:
        return None, error.problems
    frame, problems = _parse(text, shown)
    if frame is not None:
        problems += check_archive(Path(path), frame)
    return frame, problems


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

    other = sniff.format_mismatch(text, "CSV")
    if other is not None:
        message = f"the file is {other}, not a sources registry (CSV)"
        return None, [Problem(shown, 1, 1, "error", message, unreadable=True)]
    separated = sniff.separator_problem(
        header, SOURCE_COLUMNS, shown, lines[1] if len(lines) > 1 else ""
    )
    if separated is not None:
        return None, [separated]
    header = [name.strip() for name in header]
    missing = [name for name in SOURCE_COLUMNS if name not in header]
    for name in missing:
        problems.append(Problem(shown, 1, 1, "error", f"missing column {name!r}", property=name))
    problems += sniff.repeated_columns(header, shown, _cell_columns(lines[0]))
    if "id" in missing or problems:
        return None, problems

    extra = [
        name
        for name in header
        if name not in SOURCE_COLUMNS and name not in OPTIONAL_SOURCE_COLUMNS
    ]
    rows: dict[str, dict[str, str]] = {}
    first_line: dict[str, int] = {}
    starts: dict[str, tuple[int, Callable[[str, str], None]]] = {}
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
            starts[source_id] = (line, report)
    for source_id, (_, report) in starts.items():
        _check_republication(source_id, rows, report)
    frame = _frame(list(rows.values()), extra)
    frame.attrs["lines"] = first_line  # where each row starts, for later messages
    return frame, problems


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
    if published and (problem := date_problem(published)) is not None:
        report("published", problem)
    if published and not precision:
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
    language = cell.get("language", "").strip()
    if language and not LANGUAGE_TAG.fullmatch(language):
        report("language", f"{language!r} is not a language tag such as az, tr, fa, ru, en")
    scale = cell.get("source_scale", "").strip()
    if scale and any(part not in SOURCE_SCALES for part in scale.split("-")):
        report(
            "source_scale",
            f"{scale!r} is not an ACLED source scale (one of {', '.join(SOURCE_SCALES)}, "
            "or two joined by '-')",
        )
    digest = cell.get("sha256", "").strip()
    if digest and not SHA256_FORM.fullmatch(digest):
        report("sha256", f"{digest!r} is not a SHA-256: 64 lowercase hex digits")
    retrieved = cell.get("retrieved", "").strip()
    if retrieved and (problem := date_problem(retrieved)) is not None:
        report("retrieved", problem)


def _check_republication(
    source_id: str, rows: dict[str, dict[str, str]], report: Callable[[str, str], None]
) -> None:
    """`republished_from` names another row, and following it never comes back."""
    parent = rows[source_id].get("republished_from", "")
    if not parent:
        return
    if parent == source_id:
        report("republished_from", "a source cannot republish itself")
    elif parent not in rows:
        report("republished_from", f"no source has the id {parent!r}")
    else:
        seen = {source_id}
        while parent and parent in rows and parent not in seen:
            seen.add(parent)
            parent = rows[parent].get("republished_from", "")
        if parent in seen:
            report("republished_from", f"republications loop back to {source_id!r}")


def check_archive(path: Path, frame: pd.DataFrame) -> list[Problem]:
    """Each archived text against the SHA-256 its row records: a changed text is an error (the
    chain of custody is broken); a row whose text is not in this machine's archive is left
    alone, since the archive is local."""
    problems = []
    lines = frame.attrs.get("lines", {})
    for source_id, digest in frame["sha256"].items():
        stored = archive_path(path, str(source_id))
        if not digest or not stored.is_file():
            continue
        actual = text_sha256(stored.read_bytes())
        if actual != digest:
            problems.append(
                Problem(
                    str(path),
                    lines.get(source_id, 1),
                    1,
                    "error",
                    f"the archived text {stored} has SHA-256 {actual}, not the {digest} "
                    "recorded when it was retrieved: it changed since",
                    str(source_id),
                    "sha256",
                )
            )
    return problems


def _frame(rows: list[dict[str, str]], extra: list[str]) -> pd.DataFrame:
    columns = [*SOURCE_COLUMNS, *OPTIONAL_SOURCE_COLUMNS, *extra]
    frame = pd.DataFrame(rows, columns=columns, dtype=object).fillna("")
    frame["published"] = pd.to_datetime(
        frame["published"].replace("", None), format="%Y-%m-%d", errors="coerce"
    )
    precision = pd.to_numeric(
        frame["published_precision"].replace("", None), errors="coerce"
    ).astype("float64")
    # Only a whole number an integer column holds: "inf" or 23 digits ended in a traceback
    # (the row's check names what is wrong with the cell).
    whole = precision.abs().lt(2**53) & precision.eq(precision.round())
    frame["published_precision"] = precision.where(whole).astype("Int64")
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


class ArchiveError(Exception):
    """Why a text cannot be archived for a source (the message says what to do)."""


def archive_text(
    registry: Path, source_id: str, data: bytes, retrieved: date, url: str = ""
) -> tuple[str, str]:
    """The registry's text with the row `source_id` carrying the archive record of `data`
    (sha256, retrieved; url when given and the row has none), and the text to store at
    `archive_path(registry, source_id)`. Pure: the caller writes both.

    Raises InvalidDataError when the registry has errors (exit status 2 when it cannot be read
    unambiguously, as from every verb); ArchiveError when it has no such row, already records
    another text for it (a new retrieval is a new source row: the chain of custody keeps the
    first), names another URL, or when `data` is not UTF-8."""
    frame, problems = check_sources(registry)
    if frame is None or has_errors(problems):
        raise InvalidDataError([p for p in problems if p.severity == "error"])
    if source_id not in frame.index:
        raise ArchiveError(f"{registry}: no source has the id {source_id!r}; add its row first")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ArchiveError(f"line {line}: not UTF-8 text; save the article as UTF-8") from None
    digest = text_sha256(data)
    row = frame.loc[source_id]
    if row["sha256"] and row["sha256"] != digest:
        raise ArchiveError(
            f"{source_id} already records another text (SHA-256 {row['sha256']}); a new "
            "retrieval of an article is a new source row"
        )
    if url and row["url"] and row["url"] != url:
        raise ArchiveError(f"{source_id} already has the URL {row['url']}, not {url}")
    raw = Path(registry).read_text(encoding="utf-8-sig")
    reader = csv.reader(io.StringIO(raw, newline=""))
    rows = [cells for cells in reader]
    header = [name.strip() for name in rows[0]]
    for name in OPTIONAL_SOURCE_COLUMNS:
        if name not in header:
            header.append(name)
            for cells in rows[1:]:
                cells.append("")
    values = {"sha256": digest, "retrieved": retrieved.isoformat()}
    if url and not row["url"]:
        values["url"] = url
    for cells in rows[1:]:
        if cells and cells[0].strip() == source_id:
            for name, value in values.items():
                cells[header.index(name)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows[1:]])
    return out.getvalue(), text
