"""`import-acled --out STORE.parquet`: stream an ACLED CSV of any size into a store.

Every row passes the checks of the GeoJSON importer (geo.acled.reader.read_row: one
definition of a valid row). Under a plain ACLED header the file is cut into blocks of bytes
that pyarrow's CSV reader splits (when every line of a block is a plain record; from the first
block that is not, Python's csv module reads the rest row by row), and geo.store.checks decides
the plainly valid rows column-wise, asking read_row once per distinct combination of the cells
its rules read; every other row is read by read_row itself, which reports it. Blocks and
batches are checked by a pool of processes, each staging its rows in Parquet files by year of
their date windows, so memory stays flat whatever the file's size and only problems pass back
through the pool. DuckDB (embedded, spilling to disk past its memory limit) then finds
duplicate ids and writes the store sorted by date window a year at a time, with the
GeoParquet metadata. A refused row is reported (file, line, column, event id, field),
counted, and copied whole into a side file (`STORE.rejected.csv`) with its line number and
problems: nothing is dropped silently.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import multiprocessing
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import shapely

from geo import files
from geo.acled.reader import KNOWN_COLUMNS, duplicate_id, read_header, read_row
from geo.escape import spreadsheet_cell_read, spreadsheet_cells
from geo.periods import windows
from geo.problems import Problem
from geo.schema import PROPERTIES
from geo.store import checks, layout

BATCH_ROWS = 20_000
# Bytes per block read by pyarrow's CSV reader (about 16,000 ACLED rows).
BLOCK_BYTES = 8 << 20
# DuckDB's share of memory for the final sort; it spills to a temporary folder beyond it.
SORT_MEMORY = "500MB"
LINE = "csv_line"  # the row's first line in the CSV, kept until duplicates are found

ProblemSink = Callable[[Problem], None]


@dataclass
class ImportReport:
    """What an import did. `fatal` problems (an unreadable file or header) mean nothing was
    written; otherwise `stored + refused` is every non-blank data row of the CSV."""

    stored: int = 0
    refused: int = 0
    fatal: list[Problem] = field(default_factory=list)
    rejected_file: Path | None = None


def rejected_path(store: Path) -> Path:
    """The side file listing the refused rows of `store`: `NAME.rejected.csv` beside it."""
    store = Path(store)
    stem = store.name[: -len(".parquet")] if store.suffix == ".parquet" else store.name
    return store.with_name(f"{stem}.rejected.csv")


def import_acled_store(
    csv_path: Path,
    out: Path,
    *,
    source_id: str,
    country_names: dict[str, str],
    on_problem: ProblemSink,
    sources: list[dict[str, str]] | None = None,
    workers: int | None = None,
    columnar: bool = True,
) -> ImportReport:
    """Write the valid rows of the ACLED CSV `csv_path` to the store file `out` (replaced
    atomically) and the refused ones to `rejected_path(out)`; every problem goes to
    `on_problem` as it is found. `sources`, the registry rows of `source_id`
    (geo.sources.registry_rows), are kept in the store's footer (layout.SOURCES_KEY).
    `workers` processes check rows (default: one per core). `columnar=False` reads every
    row with read_row instead of deciding plain rows column-wise (geo.store.checks): the
    same store, slower; for tests.

    The store's lock (geo.files.locked) is held throughout: a second import of the same store
    waits. What a killed import left beside the store (its staging folder, a half-written
    store, a store moved aside) is removed, or put back, first (`recover`)."""
    with files.locked(out):
        recover(Path(out))
        return _import(
            csv_path,
            Path(out),
            source_id=source_id,
            country_names=country_names,
            on_problem=on_problem,
            sources=sources,
            workers=workers,
            columnar=columnar,
        )


def _import(
    csv_path: Path,
    out: Path,
    *,
    source_id: str,
    country_names: dict[str, str],
    on_problem: ProblemSink,
    sources: list[dict[str, str]] | None,
    workers: int | None,
    columnar: bool,
) -> ImportReport:
    report = ImportReport()
    path = str(csv_path)
    if not replaceable(out):
        message = (
            "exists and is not a store folder (an import replaces it whole): give a new folder, "
            "or a file ending in .parquet"
        )
        report.fatal.append(Problem(str(out), 1, 1, "error", message))
        return report
    try:
        files.check_text_prefix(csv_path)  # a workbook, UTF-16 or Windows-1252, said so at once
        handle = open(csv_path, encoding="utf-8-sig", newline="")  # noqa: SIM115
    except files.FileError as error:
        report.fatal.extend(error.problems)
        return report
    except OSError as error:
        report.fatal.append(Problem(path, 1, 1, "error", f"cannot read: {error.strerror}"))
        return report
    staging = tempfile.TemporaryDirectory(prefix=_staging_prefix(out), dir=out.parent)
    with handle, staging as work:
        reader = csv.reader(handle, strict=True)
        try:
            header_cells = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as error:
            report.fatal.append(Problem(path, 1, 1, "error", f"not a valid CSV header: {error}"))
            return report
        if header_cells is None:
            report.fatal.append(Problem(path, 1, 1, "error", "empty file: expected a header"))
            return report
        # The `'` the exporter put before a cell a spreadsheet would run (geo.escape) is
        # taken off, as the GeoJSON importer does; the side file keeps the header as written.
        header, report.fatal = read_header([spreadsheet_cell_read(c) for c in header_cells], path)
        if report.fatal:
            return report
        extra = [name for name in dict.fromkeys(header) if name not in KNOWN_COLUMNS]
        # A store's column needs a printable name (pyarrow refused a batch whose column was
        # named "" or "\x00"; fuzzing found both).
        unnamed = [name for name in extra if not name.strip() or not name.isprintable()]
        if unnamed:
            column = header.index(unnamed[0]) + 1
            message = (
                f"column {column} of the header has no name or one with a control character "
                f"({unnamed[0]!r}): name it or remove it"
            )
            report.fatal.append(Problem(path, 1, column, "error", message))
            return report
        schema = layout.store_schema(extra).append(pa.field(LINE, pa.int64()))
        side = _SideFile(rejected_path(out), header_cells)
        staged: dict[int, list[Path]] = {}
        shape = _Shape()
        context = (path, header, source_id, country_names, schema, columnar, Path(work))
        blocks = columnar and checks.plain_header(header)
        source = _Source(csv_path, path, report, reader, reader.line_num if blocks else None)
        with side, source:
            for done in _checked(source, context, workers):
                for year, part in done.files.items():
                    staged.setdefault(year, []).append(part)
                shape.merge(done.shape)
                report.stored += done.stored
                for line, cells, problems in done.rejected:
                    side.write(line, cells, problems)
                for problem in done.found:
                    on_problem(problem)
            report.refused += len(side.lines)
            for problem in report.fatal:  # a row the CSV reader could not split
                on_problem(problem)
                report.refused += 1
            report.fatal = []
            duplicates = _finish(staged, schema, Path(out), Path(work), shape, sources)
            if duplicates:
                _refuse_duplicates(csv_path, path, header, duplicates, side, on_problem)
                report.stored -= len(duplicates)
                report.refused += len(duplicates)
        report.rejected_file = side.path if side.lines else None
    return report


class _Source:
    """Where the rows come from. Past the header, whole blocks of bytes (cut at line ends) are
    handed to the workers, which read a block with pyarrow's CSV reader when every line of
    it is a plain record (see `_check_block`); from the first block that is not, the rest of
    the file is read by Python's csv module (strict), row by row, in batches."""

    def __init__(
        self, csv_path: Path, path: str, report: ImportReport, reader: Any, header_lines: int | None
    ) -> None:
        self.csv_path, self.path, self.report, self.reader = csv_path, path, report, reader
        self._raw: Any = None
        self._text: Any = None
        if header_lines is not None:
            self._raw = open(csv_path, "rb")  # noqa: SIM115
            head = b"".join(self._raw.readline() for _ in range(header_lines))
            if head.count(b"\r") != head.count(b"\r\n"):  # csv's lines are not readline's
                self._raw.close()
                self._raw = None

    def __enter__(self) -> _Source:
        return self

    def __exit__(self, *exc: object) -> None:
        for handle in (self._raw, self._text):
            if handle is not None:
                handle.close()

    def blocks(self) -> Iterator[tuple[int, int, int]]:
        """(byte offset, first line, size in bytes) of each block, BLOCK_BYTES or so each,
        cut at a line end; none when the file is read row by row from the start. The
        workers read the blocks' bytes themselves (from the page cache), so they do not
        pass through the pool's pipes."""
        if self._raw is None:
            return
        offset, line, carry = self._raw.tell(), self.reader.line_num + 1, b""
        while True:
            data = self._raw.read(BLOCK_BYTES)
            if not data:
                if carry:
                    yield offset, line, len(carry)
                return
            data = carry + data
            cut = data.rfind(b"\n") + 1
            if cut == 0:  # one line longer than a block
                carry = data
                continue
            yield offset, line, cut
            line += data.count(b"\n", 0, cut)
            offset, carry = offset + cut, data[cut:]

    def batches(self, start: tuple[int, int] | None) -> Iterator[list[tuple[int, list]]]:
        """The rows from byte offset and line `start` (from the header's end when None) as
        `_batches` gives them."""
        if start is None:
            if self._raw is None:
                yield from _batches(self.reader, self.path, self.report, 0)
            return
        offset, line = start
        raw = open(self.csv_path, "rb")  # noqa: SIM115
        raw.seek(offset)
        self._text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        reader = csv.reader(self._text, strict=True)
        yield from _batches(reader, self.path, self.report, line - 1)


def _batches(
    reader: Any, path: str, report: ImportReport, skipped: int
) -> Iterator[list[tuple[int, list]]]:
    """The non-blank rows as (first line, cells), BATCH_ROWS at a time; `skipped` lines of the
    file come before the reader's first. A row the CSV reader cannot split ends the reading,
    with its problem put in `report.fatal`."""
    batch: list[tuple[int, list]] = []
    while True:
        start = skipped + reader.line_num + 1
        try:
            cells = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as error:
            unreadable = isinstance(error, UnicodeDecodeError)
            what = f"not UTF-8 text; {files.RESAVE_HINT}" if unreadable else str(error)
            message = f"not a valid CSV row ({what}); the rest of the file was not read"
            line = skipped + reader.line_num + 1
            report.fatal.append(Problem(path, line, 1, "error", message, unreadable=unreadable))
            break
        if cells is None:
            break
        if "".join(cells).strip():  # not a blank row (any cell with a character)
            batch.append((start, cells))
            if len(batch) == BATCH_ROWS:
                yield batch
                batch = []
    if batch:
        yield batch


Checked = tuple[pa.Table, list[tuple[int, list, list[Problem]]], list[Problem]]


class _Now:
    """A finished call, used like a Future when no pool is used."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value

    def cancel(self) -> bool:
        return True


def _checked(source: _Source, context: tuple, workers: int | None) -> Iterator[_Staged]:
    """Each block, then each batch of rows, checked, in order; by a pool of processes unless
    one worker is asked for. At most two jobs per worker are in flight, so memory does not
    grow with the file. The garbage collector is off meanwhile: rows hold no cycles, and its
    passes over millions of cells cost more than reading them."""
    workers = workers or os.cpu_count() or 1
    collecting = gc.isenabled()
    gc.disable()
    pool = None
    if workers == 1:
        _set_context(*context)

        def submit(function: Callable[..., Any], *args: Any) -> Any:
            return _Now(function(*args))
    else:
        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_set_context,
            initargs=context,
        )
        submit = pool.submit
    try:
        pending: deque[tuple[int, int, Any]] = deque()
        fallback: tuple[int, int] | None = None

        def done_blocks(keep: int) -> Iterator[_Staged]:
            """The results of the oldest blocks until `keep` are in flight; the first block
            that is not plain stops them and becomes `fallback`, read row by row after."""
            nonlocal fallback
            while fallback is None and len(pending) > keep:
                offset, line, job = pending.popleft()
                result = job.result()
                if result is None:
                    fallback = (offset, line)
                    return
                yield result

        for offset, line, size in source.blocks():
            pending.append((offset, line, submit(_block_job, offset, size, line)))
            yield from done_blocks(2 * workers - 1)
            if fallback is not None:
                break
        yield from done_blocks(0)
        for *_, job in pending:  # blocks after the one read row by row
            job.cancel()
        pending.clear()
        rows: deque[Any] = deque()
        for batch in source.batches(fallback):
            rows.append(submit(_batch_job, batch))
            if len(rows) >= 2 * workers:
                yield rows.popleft().result()
        while rows:
            yield rows.popleft().result()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if collecting:
            gc.enable()


_CONTEXT: dict[str, Any] = {}


def _set_context(
    path: str,
    header: list[str],
    source_id: str,
    names: dict[str, str],
    schema: pa.Schema,
    columnar: bool,
    work: Path,
) -> None:
    _die_with_parent()
    checker = (
        checks.Checker(header, source_id, names)
        if columnar and checks.plain_header(header)
        else None
    )
    cell = r'(?:"(?:[^"\r\n]|"")*"|[^",\r\n]*)'
    _CONTEXT.update(
        path=path,
        header=header,
        source_id=source_id,
        names=names,
        schema=schema,
        checker=checker,
        work=work,
        record=f"^{cell}(?:,{cell}){{{len(header) - 1}}}$",
    )


@dataclass
class _Staged:
    """What a worker did with a block or batch: the Parquet file it staged per year of the
    rows' date windows, how many rows, their shape, the refused rows and every problem."""

    files: dict[int, Path]
    stored: int
    shape: _Shape
    rejected: list[tuple[int, list, list[Problem]]]
    found: list[Problem]


def _block_job(offset: int, size: int, first_line: int) -> _Staged | None:
    """`_check_block` on the block of the CSV at `offset`, staged; None as it gives None."""
    with open(_CONTEXT["path"], "rb") as handle:
        handle.seek(offset)
        block = handle.read(size)
    checked = _check_block(block, first_line)
    return None if checked is None else _stage(checked, first_line)


def _batch_job(batch: list[tuple[int, list]]) -> _Staged:
    return _stage(_check_batch(batch), batch[0][0])


def _stage(checked: Checked, first_line: int) -> _Staged:
    """The checked rows written to the work folder, one file per year of their windows
    (named by the job's first line, so that no two jobs share a file)."""
    table, rejected, found = checked
    shape = _Shape()
    files: dict[int, Path] = {}
    if table.num_rows:
        shape.add(table)
        years = pc.year(table[layout.WINDOW_START])
        for year in pc.unique(years).to_pylist():
            files[year] = _CONTEXT["work"] / f"staged-{year:04d}-{first_line:012d}.parquet"
            part = table.filter(pc.equal(years, year))
            pq.write_table(part, files[year], compression="zstd")
    return _Staged(files, table.num_rows, shape, rejected, found)


def _check_batch(batch: list[tuple[int, list]]) -> Checked:
    """The valid rows of a batch as a table of the store's schema, the refused rows with their
    problems, and every problem in line order. Under a plain ACLED header (geo.store.checks)
    the rows are decided column-wise and only the undecided ones are read by read_row."""
    header = _CONTEXT["header"]
    batch = [
        (line, [spreadsheet_cell_read(c) if c[:1] == "'" else c for c in cells])
        for line, cells in batch
    ]
    tables: list[pa.Table] = []
    if _CONTEXT["checker"] is not None:
        whole = [row for row in batch if len(row[1]) == len(header)]
        if whole:
            cells = list(zip(*(row[1] for row in whole), strict=True))
            arrays = [pa.array(column, pa.string()) for column in cells]
            lines = np.array([row[0] for row in whole], dtype=np.int64)
            table, decided = _decide(dict(zip(header, arrays, strict=True)), lines)
            tables.append(table)
            batch = [row for row in batch if row[0] not in decided]
    return _read_rows(batch, tables)


def _check_block(block: bytes, first_line: int) -> Checked | None:
    """`_check_batch` for a block of the CSV's bytes whose first line is `first_line`, read
    by pyarrow's CSV reader; None (to be read row by row) unless every line is a plain
    record, one that Python's csv module and pyarrow's split alike: `header`'s number of
    cells, each unquoted without quotes or quoted with doubled quotes inside, no line break
    in any cell, no lone carriage return, UTF-8, not blank."""
    header = _CONTEXT["header"]
    text = block.replace(b"\r\n", b"\n") if b"\r" in block else block
    if b"\r" in text:
        return None
    lines = text.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    try:
        array = pa.array(lines, pa.binary()).cast(pa.string())
    except pa.ArrowInvalid:  # not UTF-8: Python's reader says where
        return None
    plain = pc.match_substring_regex(array, _CONTEXT["record"])
    blank = pc.match_substring_regex(array, r'^[\pZ\pC,"]*$')
    if not pc.all(plain).as_py() or pc.any(blank).as_py():
        return None
    names = [f"c{index}" for index in range(len(header))]
    table = pacsv.read_csv(
        io.BytesIO(text),
        read_options=pacsv.ReadOptions(column_names=names),
        parse_options=pacsv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
        convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string())),
    )
    if table.num_rows != len(lines):
        return None
    columns = {
        name: _guard_off(table[column].combine_chunks())
        for name, column in zip(header, names, strict=True)
    }
    numbers = np.arange(first_line, first_line + len(lines), dtype=np.int64)
    decided_table, decided = _decide(columns, numbers)
    undecided = np.flatnonzero(~np.isin(numbers, np.fromiter(decided, np.int64)))
    rest = [
        (int(numbers[row]), list(cells.values()))
        for row, cells in zip(undecided, pa.table(columns).take(undecided).to_pylist(), strict=True)
    ]
    return _read_rows(rest, [decided_table])


def _guard_off(column: pa.Array) -> pa.Array:
    """`column` with the exporter's `'` taken off each cell that has it
    (geo.escape.spreadsheet_cell_read on the few cells that start with one)."""
    quoted = pc.fill_null(pc.starts_with(column, "'"), False)
    if not pc.any(quoted).as_py():
        return column
    values = column.to_pylist()
    for row in np.flatnonzero(quoted.to_numpy(zero_copy_only=False)):
        values[row] = spreadsheet_cell_read(values[row])
    return pa.array(values, pa.string())


def _decide(columns: dict[str, pa.Array], lines: np.ndarray) -> tuple[pa.Table, set[int]]:
    """The rows geo.store.checks decides as a table, and their lines."""
    decided = _CONTEXT["checker"].decide(columns)
    lines = lines[decided.rows]
    return _decided_table(decided, lines, _CONTEXT["schema"]), set(lines.tolist())


def _read_rows(batch: list[tuple[int, list]], tables: list[pa.Table]) -> Checked:
    """The rows of `batch` read by read_row, added to `tables`: `_check_batch`'s result."""
    path, header, source_id, names = (_CONTEXT[k] for k in ("path", "header", "source_id", "names"))
    features: list[dict[str, Any]] = []
    kept: list[int] = []
    rejected: list[tuple[int, list, list[Problem]]] = []
    found: list[Problem] = []
    for line, cells in batch:
        problems: list[Problem] = []
        feature = read_row(path, line, header, cells, problems, source_id, names)
        found += problems
        if feature is None:
            rejected.append((line, cells, problems))
        else:
            features.append(feature)
            kept.append(line)
    if features or not tables:
        tables.append(_table(features, kept, _CONTEXT["schema"]))
    return pa.concat_tables(tables), rejected, found


def _table(features: list[dict[str, Any]], lines: list[int], schema: pa.Schema) -> pa.Table:
    """Features (valid GeoJSON dicts) as columns of `schema`."""
    properties = [feature["properties"] for feature in features]
    unknown = set().union(*properties) - set(schema.names)
    if unknown:  # the importer grew a property the store does not hold: never drop it quietly
        raise ValueError(f"the store has no column for {sorted(unknown)}")
    columns: dict[str, pa.Array] = {
        layout.ID_COLUMN_NAME: pa.array([f["id"] for f in features], pa.string())
    }
    names = [c.name for c in schema if c.name not in columns and c.name not in _COMPUTED]
    # pandas reads the dicts in C: many times faster than a Python loop per column
    frame = pd.DataFrame(properties, columns=names, dtype=object)
    for name in names:
        kind = schema.field(name).type
        values = frame[name].to_numpy()
        if name in _JSON_COLUMNS:
            values = np.array([_json_text(v) for v in values], dtype=object)
        if pa.types.is_date32(kind):
            columns[name] = pa.array(values, pa.string(), from_pandas=True).cast(pa.date32())
        else:
            columns[name] = pa.array(values, kind, from_pandas=True)
    geometries = _geometries([feature["geometry"] for feature in features])
    return _placed(columns, frame[list(layout.DATE_INPUTS)], geometries, lines, schema)


def _decided_table(decided: checks.Decided, lines: np.ndarray, schema: pa.Schema) -> pa.Table:
    """The rows geo.store.checks decided as columns of `schema` (the values read_row gives)."""
    properties = decided.properties
    unknown = set(properties) - set(schema.names)
    if unknown:
        raise ValueError(f"the store has no column for {sorted(unknown)}")
    length = len(decided.rows)
    columns: dict[str, pa.Array] = {layout.ID_COLUMN_NAME: decided.ids.cast(pa.string())}
    for column in schema:
        if column.name in columns or column.name in _COMPUTED:
            continue
        values = properties.get(column.name)
        columns[column.name] = (
            pa.nulls(length, column.type) if values is None else values.cast(column.type)
        )
    dates = pd.DataFrame(
        {
            name: properties[name].to_pandas() if name in properties else None
            for name in layout.DATE_INPUTS
        },
        index=pd.RangeIndex(length),
    )
    geometries = shapely.points(decided.longitude, decided.latitude)
    return _placed(columns, dates, geometries, lines, schema)


_COMPUTED = frozenset({layout.WINDOW_START, layout.WINDOW_END, layout.GEOMETRY, layout.BBOX, LINE})


def _placed(
    columns: dict[str, pa.Array],
    dates: pd.DataFrame,
    geometries: np.ndarray,
    lines: Any,
    schema: pa.Schema,
) -> pa.Table:
    """The table of `columns` with the computed ones: date window (from `dates`, a frame of
    layout.DATE_INPUTS), geometry as WKB, its bbox, and the CSV line."""
    windows_of = zip((layout.WINDOW_START, layout.WINDOW_END), windows(dates), strict=True)
    for (name, window), unbounded in zip(windows_of, layout.UNDATED_WINDOW, strict=True):
        days = window.to_numpy(dtype="datetime64[D]")
        days[np.isnat(days)] = np.datetime64(unbounded)  # undated: not time-bound
        columns[name] = pa.array(days, pa.date32())
    columns[layout.GEOMETRY] = pa.array(shapely.to_wkb(geometries), pa.binary())
    bounds = shapely.bounds(geometries)
    columns[layout.BBOX] = pa.StructArray.from_arrays(
        [pa.array(bounds[:, i]) for i in range(4)],
        fields=list(layout.BBOX_TYPE),
        mask=pa.array(shapely.is_missing(geometries)),
    )
    columns[LINE] = pa.array(lines, pa.int64())
    return pa.table(columns, schema=schema)


_JSON_COLUMNS = frozenset(spec.name for spec in PROPERTIES if spec.type in layout.JSON_TYPES)


def _json_text(value: Any) -> str | None:
    """A list of objects as JSON text; text as it is; missing (None, pandas' NaN) as None."""
    if isinstance(value, str):
        return value
    return orjson.dumps(value).decode() if isinstance(value, list | dict) else None


def _geometries(geometries: list[dict[str, Any] | None]) -> np.ndarray:
    """Shapely geometries: points in one vectorised call, the rest (WKT shapes of the
    project's own CSV) through GeoJSON."""
    result = np.full(len(geometries), None, dtype=object)
    points = [i for i, g in enumerate(geometries) if g is not None and g["type"] == "Point"]
    if points:
        result[points] = shapely.points([geometries[i]["coordinates"] for i in points])
    others = [i for i, g in enumerate(geometries) if g is not None and g["type"] != "Point"]
    if others:
        result[others] = shapely.from_geojson([orjson.dumps(geometries[i]) for i in others])
    return result


class _Shape:
    """The geometry types and bounds of everything written, for the GeoParquet metadata."""

    def __init__(self) -> None:
        self.types: set[str] = set()
        self.bounds: list[float] | None = None

    def add(self, table: pa.Table) -> None:
        geometries = shapely.from_wkb(table[layout.GEOMETRY].to_numpy(zero_copy_only=False))
        present = geometries[~shapely.is_missing(geometries)]
        if not len(present):
            return
        self.types |= {str(kind) for kind in np.unique(shapely.get_type_id(present))}
        box = list(shapely.total_bounds(present))
        if self.bounds is not None:
            box = [*np.minimum(box[:2], self.bounds[:2]), *np.maximum(box[2:], self.bounds[2:])]
        self.bounds = [float(value) for value in box]

    def merge(self, other: _Shape) -> None:
        self.types |= other.types
        if other.bounds is None:
            return
        box = other.bounds
        if self.bounds is not None:
            box = [*np.minimum(box[:2], self.bounds[:2]), *np.maximum(box[2:], self.bounds[2:])]
        self.bounds = [float(value) for value in box]

    def metadata(self) -> str:
        names = [_TYPE_NAMES[int(kind)] for kind in self.types]
        return layout.geo_metadata(names, self.bounds)


_TYPE_NAMES = {
    0: "Point",
    1: "LineString",
    3: "Polygon",
    4: "MultiPoint",
    5: "MultiLineString",
    6: "MultiPolygon",
    7: "GeometryCollection",
}


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _parquet(files: list[Path]) -> str:
    """DuckDB's reader of these Parquet files."""
    return "read_parquet([" + ", ".join(_sql_text(str(f)) for f in files) + "])"


def _finish(
    staged: dict[int, list[Path]],
    schema: pa.Schema,
    out: Path,
    work: Path,
    shape: _Shape,
    sources: list[dict[str, str]] | None,
) -> list[tuple[str, int, int]]:
    """Write the store from the staged rows (by year), sorted by date window, without the
    rows whose id an earlier row has; return those rows as (id, line, first line). Every
    file's footer holds the GeoParquet metadata and the `sources` rows, if any. `out`
    ending in `.parquet` is one file; anything else is a folder of one file per year,
    `year=YYYY/part-0.parquet` (hive-style; `year=undated` for undated events). Either is
    replaced whole, atomically for a file."""
    import duckdb

    connection = duckdb.connect(
        config={
            "memory_limit": SORT_MEMORY,
            "temp_directory": str(work),
            "preserve_insertion_order": False,
        }
    )
    years = sorted(staged)
    every = _parquet([part for year in years for part in staged[year]])
    with connection:
        duplicates = (
            connection.execute(
                f"SELECT id, {LINE}, first FROM (SELECT id, {LINE}, "
                f"min({LINE}) OVER (PARTITION BY id) AS first FROM {every} "
                f"WHERE id IN (SELECT id FROM {every} GROUP BY id HAVING count(*) > 1)) "
                f"WHERE {LINE} <> first ORDER BY {LINE}"
            ).fetchall()
            if years
            else []
        )
        keep = ""
        if duplicates:
            connection.execute(
                f"CREATE TEMP TABLE refused AS SELECT unnest(?) AS {LINE}",
                [[line for _, line, _ in duplicates]],
            )
            keep = f"WHERE {LINE} NOT IN (SELECT {LINE} FROM refused)"
        schema = schema.remove(schema.get_field_index(LINE))
        metadata: dict[str, str | bytes] = {"geo": shape.metadata()}
        if sources:
            metadata[layout.SOURCES_KEY] = orjson.dumps(sources)
        schema = schema.with_metadata(metadata)
        folder = not is_file_store(out)
        temporary = out.with_name(f".{out.name}.tmp")
        _remove(temporary)
        if folder:
            temporary.mkdir()
        single = None if folder else pq.ParquetWriter(temporary, schema, compression="zstd")
        try:
            for year in years:
                part = temporary / f"year={_year_label(year)}" / "part-0.parquet"
                if folder:
                    part.parent.mkdir()
                writer = single or pq.ParquetWriter(part, schema, compression="zstd")
                try:
                    rows = connection.sql(
                        f"SELECT * EXCLUDE ({LINE}) FROM "
                        f"{_parquet(staged[year])} {keep} "
                        f"ORDER BY {layout.WINDOW_START}, id"
                    ).to_arrow_reader(layout.ROW_GROUP_SIZE)
                    for batch in rows:
                        writer.write_batch(batch.cast(schema), row_group_size=layout.ROW_GROUP_SIZE)
                finally:
                    if writer is not single:
                        writer.close()
        finally:
            if single is not None:
                single.close()
    _replace(temporary, out)
    return [(str(i), int(line), int(first)) for i, line, first in duplicates]


def is_file_store(out: Path) -> bool:
    """Whether `out` names a one-file store (`.parquet`) rather than a folder."""
    return Path(out).suffix.casefold() == ".parquet"


def replaceable(out: Path) -> bool:
    """Whether an import may write `out`: a new path, a file store, or a folder holding only
    what an import writes there (`year=…/part-0.parquet`): never a folder of other files."""
    out = Path(out)
    if is_file_store(out) or not out.exists():
        return True
    if not out.is_dir():
        return False
    return all(
        (path.is_dir() and path.name.startswith("year=")) or path.name == "part-0.parquet"
        for path in out.rglob("*")
    )


def _year_label(year: int) -> str:
    """The partition name of a year of window starts (year 1: UNDATED_WINDOW's start)."""
    undated = int(layout.UNDATED_WINDOW[0][:4])
    return "undated" if year == undated else f"{year:04d}"


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _staging_prefix(out: Path) -> str:
    """The name start of an import's staging folder beside `out` (one per store, so that the
    next import of that store, holding its lock, knows a leftover one is no live import's)."""
    return f".{out.name}.import-"


def recover(out: Path) -> list[Path]:
    """Undo what a killed import of `out` left (call with the store's lock held): a store
    moved aside and not replaced (`.NAME.old` with nothing at `out`, from the two renames on a
    system that cannot exchange two folders) is put back; the half-written store
    (`.NAME.tmp`), a store moved aside and staging folders are removed. Returns what it
    removed or put back."""
    touched = []
    old = out.with_name(f".{out.name}.old")
    if old.exists() and not out.exists() and not out.is_symlink():
        os.replace(old, out)
        touched.append(out)
    leftovers = [out.with_name(f".{out.name}.tmp"), old]
    leftovers += out.parent.glob(files.glob_escape(_staging_prefix(out)) + "*")
    for leftover in leftovers:
        if leftover.exists() or leftover.is_symlink():
            _remove(leftover)
            touched.append(leftover)
    return touched


def _replace(temporary: Path, out: Path) -> None:
    """Put the written store in place of `out` so that a reader finds the old store or the
    new one there at every moment, never nothing: a file by one rename; a folder by
    exchanging the two folders in one step (Linux's renameat2 RENAME_EXCHANGE) and removing
    the old one. Where the system cannot exchange, the old folder is moved aside and the new
    one renamed in; a kill between the two is undone by the next import (`recover`)."""
    if temporary.is_file() or not out.exists():
        os.replace(temporary, out)
        return
    if _exchange(temporary, out):
        _remove(temporary)  # the old store, now at the temporary name
        return
    old = out.with_name(f".{out.name}.old")
    _remove(old)
    os.replace(out, old)
    os.replace(temporary, out)
    _remove(old)


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (renameat2 with RENAME_EXCHANGE); False where the system,
    its C library or the file system cannot."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return result == 0


def _die_with_parent() -> None:
    """Make this worker process end when the import that started it ends, killed included
    (Linux's PR_SET_PDEATHSIG): a killed import left its workers running for 30 s and more.
    Elsewhere the workers end when they next find their queue closed."""
    parent = os.getppid()
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the call above
        os._exit(1)


def _refuse_duplicates(
    csv_path: Path,
    path: str,
    header: list[str],
    duplicates: list[tuple[str, int, int]],
    side: _SideFile,
    on_problem: ProblemSink,
) -> None:
    """Report each row with an id seen before, and copy it into the side file (read again
    from the CSV: only the few duplicates are kept in memory)."""
    wanted = {line: (feature_id, first) for feature_id, line, first in duplicates}
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        next(reader)
        while wanted:
            start = reader.line_num + 1
            cells = next(reader, None)
            if cells is None:
                break
            if start in wanted:
                feature_id, first = wanted.pop(start)
                problem = duplicate_id(path, start, header, feature_id, first)
                on_problem(problem)
                side.write(start, [spreadsheet_cell_read(cell) for cell in cells], [problem])


class _SideFile:
    """The refused rows as CSV: `line`, `problems`, then the row's cells under the original
    header, so they can be fixed and imported again. Created on the first refused row; an
    old one is removed when no row is refused."""

    def __init__(self, path: Path, header_cells: list[str]) -> None:
        self.path, self.header = path, header_cells
        self.lines: list[int] = []
        self._handle: Any = None
        self._writer: Any = None

    def __enter__(self) -> _SideFile:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        return self

    def write(self, line: int, cells: list[str], problems: list[Problem]) -> None:
        if self._writer is None:
            self._handle = open(self.path, "w", encoding="utf-8", newline="")  # noqa: SIM115
            self._writer = csv.writer(self._handle, lineterminator="\n")
            self._writer.writerow(["line", "problems", *self.header])
        described = " | ".join(f"{p.property or ''}: {p.message}" for p in problems)
        # A file for people: a cell a spreadsheet would run is written as text (geo.escape).
        self._writer.writerow([line, *spreadsheet_cells([described, *cells])])
        self.lines.append(line)

    def __exit__(self, *exc: object) -> None:
        if self._handle is not None:
            self._handle.close()
