"""Every verb that reads a user's file, fed mutated files: it answers with a message and exit 1
or 2, or succeeds, never with a traceback, and a verb that failed wrote nothing. The causes
the issue's fuzzing found (issue 20) are examples of their own; the default run tries a few
hundred inputs per reader, `GEO_FUZZ_EXAMPLES=10000` runs the long search (bench/fuzz_bench.py
runs each reader and each verb on its own and prints the counts)."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo import urlstate
from geo.cli import main

CASES = Path(__file__).parent / "cases"
EXAMPLES = int(os.environ.get("GEO_FUZZ_EXAMPLES", "100"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
INCIDENTS = (CASES / "unplaced-feature-exports" / "incidents.geojson").read_text()
ACLED = (CASES / "acled-source-roundtrip" / "acled.csv").read_text()
REGISTRY = (CASES / "sources.csv").read_text()

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
VALUES = st.one_of(
    TEXT,
    st.integers(),
    st.floats(),
    st.sampled_from(
        [
            "9" * 4301,  # past Python's limit for turning digits into an int
            "1" * 30,
            "inf",
            "-inf",
            "nan",
            "1e999",
            "1" * 23,
            "",
            "\n",
            '"',
            "\r",
            "=1+1",
        ]
    ),
)


def _run(folder: Path, argv: list[str], written: list[Path]) -> int:
    """Run a verb in `folder`; assert it ends in 0, 1 or 2 and, when not 0, left `written`
    as they were."""
    before = {path: path.read_bytes() if path.exists() else None for path in written}
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        status = main(argv)
    finally:
        os.chdir(cwd)
    assert status in (0, 1, 2), status
    if status != 0:
        for path, data in before.items():
            assert (path.read_bytes() if path.exists() else None) == data, path
    return status


@pytest.fixture()
def folder(tmp_path: Path) -> Callable[[], Path]:
    """A new folder with the registry for each example (hypothesis runs many per test)."""

    def fresh() -> Path:
        made = Path(tempfile.mkdtemp(dir=tmp_path))
        (made / "sources.csv").write_text(REGISTRY, encoding="utf-8")
        return made

    return fresh


# --- GeoJSON --------------------------------------------------------------------------------


def _mutated_geojson(path: tuple[str, ...], value: object, raw: str | None) -> str:
    document = json.loads(INCIDENTS)
    feature = document["features"][0]
    target = feature
    for key in path[:-1]:
        target = target.setdefault(key, {}) if isinstance(target, dict) else target
    if isinstance(target, dict):
        target[path[-1]] = "@@VALUE@@"
    text = json.dumps(document)  # a lone surrogate as JSON writes it: "\ud800"
    return text.replace('"@@VALUE@@"', raw if raw is not None else json.dumps(value))


GEOJSON_PATHS = st.sampled_from(
    [
        ("properties", "fatalities"),
        ("properties", "event_date"),
        ("properties", "time_precision"),
        ("properties", "name"),
        ("properties", "sources"),
        ("properties", "reports"),
        ("geometry", "coordinates"),
        ("geometry",),
        ("id",),
        ("properties", "\ud800"),
    ]
)
RAW_JSON = st.sampled_from(
    [
        None,
        "9" * 4301,  # an integer of more than 4,300 digits
        '{"\\ud800": 1}',  # a lone surrogate in a key
        '"\\udfff"',
        "1e400",
        "-0",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    ]
)
VERBS: dict[str, Callable[[str], list[str]]] = {
    "validate": lambda name: ["validate", name],
    "fmt": lambda name: ["fmt", name],
    "merge-draft": lambda name: ["merge", name, "--into", "target.geojson"],
    "merge-into": lambda name: ["merge", "draft.geojson", "--into", name],
    "export": lambda name: ["export", "--in", name, "--format", "csv", "--out", "out.csv"],
}


@SETTINGS
@given(verb=st.sampled_from(sorted(VERBS)), path=GEOJSON_PATHS, value=VALUES, raw=RAW_JSON)
@example(verb="validate", path=("properties", "fatalities"), value=0, raw="9" * 4301)
@example(verb="validate", path=("properties", "fatalities"), value="9" * 4301, raw=None)
@example(verb="fmt", path=("properties", "name"), value=0, raw='{"\\ud800": 1}')
@example(verb="merge-into", path=("properties", "fatalities"), value=0, raw="9" * 4301)
@example(verb="merge-draft", path=("properties", "\ud800"), value=1, raw=None)
@example(verb="export", path=("properties", "\ud800"), value=1, raw=None)
def test_geojson_readers_never_raise(folder, verb, path, value, raw):
    geojson_case(folder(), verb, path, value, raw)


def geojson_case(folder: Path, verb: str, path: tuple[str, ...], value: object, raw: str | None):
    """`verb` (a key of VERBS) run on the incident file mutated at `path` (see _run)."""
    name = "input.geojson"
    (folder / name).write_text(_mutated_geojson(path, value, raw), encoding="utf-8")
    (folder / "target.geojson").write_text(INCIDENTS, encoding="utf-8")
    draft = json.loads(INCIDENTS)
    draft["features"] = [dict(draft["features"][0], id="new-one")]
    draft["features"][0]["properties"] = dict(draft["features"][0]["properties"], review="kept")
    (folder / "draft.geojson").write_text(json.dumps(draft), encoding="utf-8")
    written = [folder / name, folder / "target.geojson", folder / "out.csv"]
    _run(folder, VERBS[verb](name), written)


# --- CSV: ACLED and the sources registry ----------------------------------------------------


def _mutated_csv(text: str, row: int, column: int, cell: str) -> str:
    table = list(csv.reader(io.StringIO(text, newline="")))
    row %= len(table)
    column %= len(table[row])
    table[row][column] = cell
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(table)
    return buffer.getvalue()


CELLS = st.one_of(TEXT, VALUES.map(str), st.sampled_from(["line\nbreak", "", "x,y", '"']))


@SETTINGS
@given(row=st.integers(0, 5), column=st.integers(0, 60), cell=CELLS)
@example(row=0, column=3, cell="event\ntype")  # a header cell with a line break
@example(row=0, column=5, cell="")  # an empty header cell
@example(row=1, column=25, cell="1" * 30)  # a 30-digit figure
def test_acled_import_never_raises(folder, row, column, cell):
    acled_case(folder(), row, column, cell, "out.geojson")


def acled_case(folder: Path, row: int, column: int, cell: str, out: str) -> None:
    """import-acled of the ACLED CSV with one cell replaced, into `out` (a GeoJSON file, or
    a store when it ends in .parquet): see _run. A store import that refuses rows exits 1
    and still writes the rows it kept, so no write is compared for a store."""
    (folder / "acled.csv").write_text(_mutated_csv(ACLED, row, column, cell), encoding="utf-8")
    written = [] if out.endswith(".parquet") else [folder / out]
    _run(folder, ["import-acled", "acled.csv", "--out", out], written)


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
@settings(SETTINGS, max_examples=max(10, EXAMPLES // 6))
@given(row=st.integers(0, 5), column=st.integers(0, 60), cell=CELLS)
@example(row=1, column=25, cell="1" * 30)  # a 30-digit figure into a store
@example(row=1, column=28, cell="9.223372036854776e+18")  # fatalities 2**63: no int64
def test_acled_import_into_a_store_never_raises(folder, row, column, cell):
    acled_case(folder(), row, column, cell, "store.parquet")


REGISTRY_HEADER = next(csv.reader(io.StringIO(REGISTRY)))


@SETTINGS
@given(row=st.integers(0, 8), column=st.integers(0, 12), cell=CELLS)
@example(row=1, column=REGISTRY_HEADER.index("published_precision"), cell="inf")
@example(row=1, column=REGISTRY_HEADER.index("published_precision"), cell="1" * 23)
@example(row=0, column=2, cell="")
@example(row=0, column=0, cell="\x0c")  # a form feed: str.splitlines ends a line there
def test_readers_of_the_registry_never_raise(folder, row, column, cell):
    registry_case(folder(), row, column, cell)


def registry_case(folder: Path, row: int, column: int, cell: str) -> None:
    """validate of a good incident file against the registry with one cell replaced."""
    (folder / "sources.csv").write_text(_mutated_csv(REGISTRY, row, column, cell), encoding="utf-8")
    (folder / "in.geojson").write_text(INCIDENTS, encoding="utf-8")
    _run(folder, ["validate", "in.geojson", "--sources", "sources.csv"], [])


# --- The page's URL -------------------------------------------------------------------------


URL_PARAMS = st.dictionaries(
    st.sampled_from(["from", "to", "origins", "lat", "lon", "zoom", "basemap", "source"]),
    st.one_of(VALUES.map(str), st.lists(VALUES.map(str), max_size=3)),
)


@SETTINGS
@given(URL_PARAMS)
def test_any_url_gives_a_page_state(params):
    url_case(params)


def url_case(params: dict[str, str | list[str]]) -> None:
    """The page's state for a link's parameters: always one it can draw."""
    state = urlstate.from_params(params)
    assert state.basemap in urlstate.BASEMAPS
    if state.map_view is not None:
        assert -90 <= state.map_view.lat <= 90 and -180 <= state.map_view.lon <= 180
    assert state.view.min_origins is None or state.view.min_origins >= 1
