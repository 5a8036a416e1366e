"""Any property value survives every export: read back, each format gives what it can hold.
GeoJSON keeps the value itself; CSV and KML keep text (a string as itself, a list of plain
strings joined by '; ', anything else as JSON text); KML replaces the characters XML 1.0 cannot
carry by U+FFFD (and says so). Every XML output (KML, SVG) parses."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any
from xml.etree import ElementTree

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geo.escape import spreadsheet_cell, spreadsheet_cell_read
from geo.export import export
from geo.export.options import ExportOptions
from geo.export.records import joins_as_list
from geo.load import incidents_frame
from geo.view import View

KML = "{http://www.opengis.net/kml/2.2}"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
NOT_XML = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]")
SEPARATOR = "; "

texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    texts,
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)),
    max_leaves=10,
)
# Property names as people write them (letters, digits, underscores), not schema names.
names = st.from_regex(r"x_[a-z0-9_]{1,12}", fullmatch=True)

SOURCES = pd.DataFrame(
    {
        "outlet": ["Alpha Wire"],
        "title": ["A title"],
        "published": [pd.Timestamp("2026-03-06")],
        "published_precision": pd.array([1], dtype="Int64"),
    },
    index=pd.Index(["alpha"], name="id"),
)


def _document(extra: dict[str, Any], name: str) -> dict[str, Any]:
    properties = {
        "layer": "incident",
        "name": name or "unnamed",
        "event_date": "2026-03-05",
        "time_precision": 1,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "country": "Azerbaijan",
        "claim_status": "unverified",
        "sources": ["alpha"],
        **extra,
    }
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "inc-x",
                "properties": properties,
                "geometry": {"type": "Point", "coordinates": [45.4, 39.2]},
            }
        ],
    }


def _numbers_equal(a: Any, b: Any) -> bool:
    """Equal as JSON values: 1 and 1.0 are one number; dict order is content but not here."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(_numbers_equal, a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_numbers_equal(a[k], b[k]) for k in a)
    return a == b


def _absent(value: Any) -> bool:
    return value is None or value == ""


def _from_text(text: str | None, original: Any) -> Any:
    """A text cell read back as the kind of value the original was."""
    if text is None or text == "":
        return None
    if isinstance(original, str):
        return text
    if joins_as_list(original, SEPARATOR):
        return text.split(SEPARATOR)
    return json.loads(text)


def _check(read: dict[str, Any], extra: dict[str, Any], carry=lambda v: v) -> None:
    for key, value in extra.items():
        if _absent(value):
            assert _absent(read.get(key)), key
        else:
            assert _numbers_equal(read.get(key), carry(value)), (key, value, read.get(key))


def _xml_safe(value: Any) -> Any:
    """What KML keeps of a value: text XML cannot carry becomes U+FFFD in plain strings and
    joined lists; a value written as JSON text keeps it (JSON escapes control characters)."""
    if isinstance(value, str):
        return NOT_XML.sub("\ufffd", value)
    if joins_as_list(value, SEPARATOR):
        return [_xml_safe(v) for v in value]
    return value


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(names, values, min_size=1, max_size=3), texts)
@example({"x_cdata": "]]>", "x_cr": "a\r\nb\rc <&>", "x_list": ["a]]>", "b\r"]}, "x]]>\r")
@example({"x_ctl": "bell\x07", "x_obj": {"by": "x", "n": [1, 2.5, True, None]}}, "\x00")
@example({"x_big": 10**25, "x_empty": [], "x_space": " trailing "}, " ")
@example({"x_f": '=HYPERLINK("http://h")', "x_n": -3.5, "x_s": "-x", "x_q": "'=1"}, "@a")
@example({"x_tab": "\tcmd", "x_cr": "\r=1", "x_plus": "+1", "x_neg": "-12"}, "+x")
def test_every_data_export_keeps_what_its_format_can_hold(extra, name):
    gdf = incidents_frame(_document(extra, name))
    view = View()

    geojson = json.loads(export("geojson", gdf, SOURCES, view).data)
    _check(geojson["features"][0]["properties"], extra)

    table = list(
        csv.reader(io.StringIO(export("csv", gdf, SOURCES, view).data.decode(), newline=""))
    )
    for cell in (cell for row in table for cell in row):  # a spreadsheet runs none of them
        assert cell[:1] not in FORMULA_STARTS or NUMBER.fullmatch(cell), cell
    # What the project's reader does (geo.acled.reader): the "'" before each one taken off.
    header = [spreadsheet_cell_read(cell) for cell in table[0]]
    row = dict(zip(header, (spreadsheet_cell_read(cell) for cell in table[1]), strict=True))
    _check({k: _from_text(row.get(k), extra[k]) for k in extra}, extra)

    kml = export("kml", gdf, SOURCES, view)
    root = ElementTree.fromstring(kml.data)  # well-formed whatever the text
    cells = {d.get("name"): d.text for d in root.iter(f"{KML}SimpleData")}
    placemark_name = next(root.iter(f"{KML}Placemark")).find(f"{KML}name")
    assert (placemark_name.text or "") == _xml_safe(name or "unnamed")
    safe = {k: _xml_safe(v) for k, v in extra.items()}
    _check({k: _from_text(cells.get(k), extra[k]) for k in extra}, safe)


@given(st.text())
def test_a_spreadsheet_cell_reads_back_as_written(text):
    """The exporter's "'" is taken off exactly: any text survives, numbers stay numbers."""
    written = spreadsheet_cell(text)
    assert spreadsheet_cell_read(written) == text
    assert written[:1] not in FORMULA_STARTS or NUMBER.fullmatch(written)


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, texts)
def test_the_report_map_svg_parses_whatever_the_names(name, notes):
    gdf = incidents_frame(_document({"notes": notes}, name))
    options = ExportOptions(width_in=4, height_in=3, dpi=50)
    ElementTree.fromstring(export("svg", gdf, SOURCES, View(), options).data)
