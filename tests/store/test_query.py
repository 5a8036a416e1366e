"""The View on a store (SQL through DuckDB) selects exactly what it selects on the curated
file (geo.view masks), for random views: one meaning per criterion."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.acled.columns import ACLED_COLUMNS
from geo.acled.reader import read_acled_text
from geo.criteria import BY_NAME
from geo.load import incidents_frame
from geo.schema import CLAIM_STATUS, EVENT_TYPES, LAYERS, PROPERTIES
from geo.store.importer import import_acled_store
from geo.store.query import Store
from geo.view import View, filter_features, hidden_counts, masks, sql_conditions
from tests.store.conftest import acled_rows

NAMES = {"turkey": "Türkiye"}
SOURCES = ("acled", "alpha", "beta")
COUNTRIES = ("Türkiye", "Iran", "Azerbaijan", "Armenia", "Iraq")
PROJECT_COLUMNS = ("id", "geometry_wkt", "layer", "kind", "end_date", "sources", "claim_status")


def mixed_csv() -> str:
    """ACLED rows, then rows in the project's own CSV form: sites and areas, several sources
    and countries per row, end dates, claim statuses, shapes given as WKT, an unplaced row."""
    rows = acled_rows(120, seed=11)
    extra = [
        {
            "id": "site-1",
            "layer": "site",
            "kind": "airport",
            "event_type": "",
            "sub_event_type": "",
            "country": "Iran",
        },
        {
            "id": "area-1",
            "layer": "area",
            "kind": "region",
            "event_type": "",
            "sub_event_type": "",
            "latitude": "",
            "longitude": "",
            "country": "Iran; Iraq",
            "geometry_wkt": "POLYGON ((44.5 35.5, 46 35.5, 46 37, 44.5 37, 44.5 35.5))",
        },
        {
            "id": "inc-a",
            "sources": "alpha; beta",
            "claim_status": "disputed",
            "country": "Azerbaijan; Armenia",
            "end_date": "2024-03-20",
        },
        {"id": "inc-b", "sources": "beta", "claim_status": "claimed", "time_precision": "3"},
        {
            "id": "inc-c",
            "sources": "alpha",
            "claim_status": "confirmed",
            "latitude": "",
            "longitude": "",
            "location": "Tabriz",
        },
    ]
    for index, changes in enumerate(extra):
        rows.append({**rows[index], "event_id_cnty": "", **changes})
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=[*ACLED_COLUMNS, *PROJECT_COLUMNS], lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> tuple[Store, object]:
    folder: Path = tmp_path_factory.mktemp("store")
    text = mixed_csv()
    (folder / "mixed.csv").write_text(text, encoding="utf-8")
    found: list = []
    report = import_acled_store(
        folder / "mixed.csv",
        folder / "mixed.parquet",
        source_id="acled",
        country_names=NAMES,
        on_problem=found.append,
        workers=1,
    )
    document, problems = read_acled_text(text, "mixed.csv", country_names=NAMES)
    assert found == problems == [] and report.stored == 125
    return Store(folder / "mixed.parquet"), incidents_frame(document)


def subsets(values) -> st.SearchStrategy:
    return st.none() | st.frozensets(st.sampled_from(list(values)))


edges = st.integers(300, 520).map(lambda v: v / 10) | st.floats(30, 52, allow_nan=False)


@st.composite
def views(draw) -> View:
    first = draw(st.none() | st.dates(date(2022, 10, 1), date(2026, 3, 1)))
    last = draw(st.none() | st.dates(first or date(2022, 10, 1), date(2026, 3, 1)))
    bbox = None
    if draw(st.booleans()):
        x = sorted(draw(st.lists(edges, min_size=2, max_size=2, unique=True)))
        y = sorted(
            draw(
                st.lists(edges.map(lambda v: round(v - 12, 1)), min_size=2, max_size=2, unique=True)
            )
        )
        bbox = (x[0], y[0], x[1], y[1])
    return View(
        date_from=first,
        date_to=last,
        sources=draw(subsets(SOURCES)),
        event_types=draw(subsets(EVENT_TYPES)),
        countries=draw(subsets(COUNTRIES)),
        claim_statuses=draw(subsets(CLAIM_STATUS)),
        layers=draw(subsets(LAYERS)),
        bbox=bbox,
        min_origins=draw(st.none() | st.integers(0, 2)),
        claimants=draw(st.none() | st.frozensets(st.sampled_from(["Iran", "Azerbaijan MFA"]))),
        stances=draw(st.none() | st.frozensets(st.sampled_from(["asserts", "denies"]))),
    )


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(view=views())
def test_the_store_and_the_curated_file_select_the_same_features(both, view):
    store, curated = both
    expected = filter_features(curated, view)
    selected = store.select(view)
    assert sorted(selected["id"]) == sorted(expected["id"])
    assert store.hidden_counts(view) == hidden_counts(curated, view)


def test_every_criterion_has_its_sql_twin(both):
    every = View(
        date_from=date(2024, 1, 1),
        date_to=date(2024, 2, 1),
        sources=frozenset(),
        event_types=frozenset(),
        countries=frozenset(),
        claim_statuses=frozenset(),
        layers=frozenset(),
        bbox=(0, 0, 1, 1),
        min_origins=1,
        claimants=frozenset(),
        stances=frozenset(),
    )
    assert set(sql_conditions(every)) == set(masks(both[1], every)) == set(BY_NAME)
    assert len(sql_conditions(every)) == len(View.__dataclass_fields__) - 2  # two pairs of fields


def test_selected_rows_come_in_the_loaders_frame(both):
    store, curated = both
    selected = store.select(View(sources=frozenset({"alpha"})))
    known = ["id", *(spec.name for spec in PROPERTIES)]
    assert list(selected.columns[: len(known)]) == list(curated.columns[: len(known)]) == known
    assert set(selected.columns) <= set(curated.columns) and selected.columns[-1] == "geometry"
    for name in ("event_date", "fatalities", "claim_status", "time_precision"):
        assert selected[name].dtype == curated[name].dtype, name
    assert selected.crs == curated.crs
