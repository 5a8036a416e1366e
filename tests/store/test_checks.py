"""geo.store.checks decides rows column-wise exactly as read_row does: a row it decides is one
read_row accepts, with the same values; and a whole import (pyarrow's blocks, column-wise
checks) writes the same store, problems and side file as reading every row with read_row."""

from __future__ import annotations

import csv
import io

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.acled.columns import ACLED_COLUMNS
from geo.acled.reader import read_row
from geo.schema import EVENT_TYPES
from geo.store import checks, importer, layout
from geo.store.importer import import_acled_store, rejected_path
from tests.store.conftest import acled_csv, acled_rows

NAMES = {"turkey": "Türkiye"}
ODD = "\n\r\t \x00\x1f\x85\xa0\u200b\u2028\u3000\"',;ıİßé"
odd_text = st.text(alphabet=st.sampled_from("aZ09-. " + ODD), max_size=6)


def one_of(*values: str) -> st.SearchStrategy[str]:
    """Mostly the first value (a valid one), else one of the others or odd text."""
    return st.integers(0, 39).flatmap(
        lambda i: st.just(values[0]) if i < 37 else st.sampled_from(values) if i < 39 else odd_text
    )


PAIRS = [(t, s) for t, subs in EVENT_TYPES.items() for s in subs]
CELLS: dict[str, st.SearchStrategy[str]] = {
    "event_id_cnty": one_of("TUR1", "IRN22", "", "irn 3", "A-B_c", "ırn4", "--", "TUR1"),
    "event_date": one_of("2024-03-05", "05 March 2024", "2024-02-30", "1899-12-30", ""),
    "year": one_of("2024", "", "2023"),
    "time_precision": one_of("1", "2", "3", "4", "", "1.0", "x"),
    "country": one_of("Turkey", "Iran", "turkey", "", "Türkiye"),
    "latitude": one_of("39.9", "-0", "90", "91", "north", "", "1e1", "39,9", "٣٩", "1_0"),
    "longitude": one_of("32.85", "-180", "180.5", "", "45", "0045.10"),
    "fatalities": one_of("0", "3", "", "-1", "2.5", "1e2", "x"),
    "geo_precision": one_of("1", "2", "3", "4", ""),
    "location": one_of("Tabriz", "", "Place 1"),
    "admin1": one_of("Ankara", ""),
    "notes": one_of("A note, with a comma", ""),
    "my_column": one_of("mine", ""),
}


@st.composite
def rows(draw: st.DrawFn) -> dict[str, str]:
    row = {name: draw(strategy) for name, strategy in CELLS.items()}
    event_type, sub_type = draw(st.sampled_from([*PAIRS, ("Riot", "Looting"), ("", "")]))
    row["event_type"] = event_type
    row["sub_event_type"] = draw(one_of(sub_type, "", "Looting"))
    row["source"] = draw(one_of("APA", ""))
    row["tags"] = draw(one_of("", "crowd size=no report"))
    return row


HEADER = [*ACLED_COLUMNS, "my_column"]


def as_csv(table_rows: list[dict[str, str]], ending: str = "\n") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, restval="", lineterminator=ending)
    writer.writeheader()
    writer.writerows(table_rows)
    return buffer.getvalue()


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rows(), min_size=1, max_size=30))
def test_a_decided_row_is_read_rows_with_the_same_values(table_rows):
    header = HEADER
    schema = layout.store_schema(["my_column"]).append(pa.field(importer.LINE, pa.int64()))
    checker = checks.Checker(header, "acled", NAMES)
    columns = {name: pa.array([row.get(name, "") for row in table_rows]) for name in header}
    decided = checker.decide(columns)
    features = []
    for position in decided.rows:
        cells = [table_rows[position].get(name, "") for name in header]
        problems: list = []
        feature = read_row("f.csv", 2 + int(position), header, cells, problems, "acled", NAMES)
        assert feature is not None, problems  # nothing read_row refuses is decided
        features.append(feature)
    lines = (2 + decided.rows).astype(np.int64)
    ours = importer._decided_table(decided, lines, schema)
    theirs = importer._table(features, lines.tolist(), schema)
    assert ours.equals(theirs)


def store_of(tmp_path, text: str, columnar: bool, name: str):
    source = tmp_path / "acled.csv"
    source.write_bytes(text.encode("utf-8"))
    out = tmp_path / f"{name}.parquet"
    found: list = []
    report = import_acled_store(
        source,
        out,
        source_id="acled",
        country_names=NAMES,
        on_problem=found.append,
        workers=1,
        columnar=columnar,
    )
    table = pq.read_table(out).sort_by("id") if out.exists() else None
    side = rejected_path(out)
    return (
        (report.stored, report.refused, report.fatal),
        found,
        table,
        side.read_text(encoding="utf-8") if side.exists() else None,
    )


def same_store(tmp_path, text: str, monkeypatch=None) -> None:
    fast = store_of(tmp_path, text, True, "fast")
    slow = store_of(tmp_path, text, False, "slow")
    assert fast[0] == slow[0]
    assert fast[1] == slow[1]  # the same problems, in the same order
    assert fast[3] == slow[3]  # the same side file
    assert (fast[2] is None) == (slow[2] is None)
    if fast[2] is not None:
        assert fast[2].equals(slow[2])


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(rows(), min_size=1, max_size=40),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["", "\n", "\n\n", " ,\n"]),
)
def test_an_import_writes_what_reading_every_row_with_read_row_writes(
    tmp_path_factory, table_rows, ending, tail
):
    same_store(tmp_path_factory.mktemp("import"), as_csv(table_rows, ending) + tail)


def test_blocks_then_rows_from_the_first_block_that_is_not_plain(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "BLOCK_BYTES", 2000)  # many blocks
    plain = acled_rows(120, seed=9)
    plain[70]["notes"] = "two\nlines"  # a cell over two lines: read row by row from here
    plain[90]["latitude"] = "north"
    plain[100]["event_id_cnty"] = plain[3]["event_id_cnty"]
    text = "\ufeff" + acled_csv(plain)
    same_store(tmp_path, text)
    _, found, table, _ = store_of(tmp_path, text, True, "fast")
    assert [p.line for p in found] == [93, 103]  # line 72 holds two lines
    assert table.num_rows == 118
