"""geo.export.records.column_texts, the columnar twin of iter_properties + as_text: the same
cell for every row of every column, whatever the values (the CSV writer relies on it)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.export.records import as_text, column_texts, iter_properties, property_names
from geo.load import incidents_frame

SEPARATOR = "; "
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    texts,
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner),
    max_leaves=6,
)
schema_values = st.fixed_dictionaries(
    {},
    optional={
        "event_date": st.sampled_from(["2026-03-05", "1999-12-31"]),
        "fatalities": st.integers(0, 10**6),
        "uncertainty_km": st.floats(0, 1000),
        "sources": st.lists(texts, max_size=3),
        "reports": st.just([{"source": "alpha", "stance": "asserts"}]),
        "notes": texts,
        "time_precision": st.sampled_from([1, 2, 3]),
    },
)


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(schema_values, st.dictionaries(st.sampled_from("abc"), values))))
def test_column_texts_is_as_text_of_iter_properties_row_by_row(rows):
    features = [
        {
            "type": "Feature",
            "id": f"f{index}",
            "geometry": None,
            "properties": {"layer": "incident", "name": "n", **schema, **extra},
        }
        for index, (schema, extra) in enumerate(rows)
    ]
    gdf = incidents_frame({"type": "FeatureCollection", "features": features})
    expected: dict[str, list[str]] = {name: [] for name in property_names(gdf)}
    for _, properties in iter_properties(gdf):
        for name, cells in expected.items():
            cells.append(_text(properties.get(name)))
    for name, cells in expected.items():
        if name in gdf.columns:
            assert column_texts(gdf, name, SEPARATOR) == cells, name


def _text(value: Any) -> str:
    text = as_text(value, SEPARATOR)
    return "" if text is None else text
