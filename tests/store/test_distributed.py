"""The aggregation on a Dask cluster (two worker processes on 127.0.0.1) gives the cells the
embedded DuckDB path gives, for the same store and View."""

from __future__ import annotations

from datetime import date

import pytest
from dask.distributed import Client, LocalCluster

from geo.store.distributed import cells, events
from geo.store.importer import import_acled_store
from geo.store.query import Store
from geo.view import View
from tests.store.conftest import acled_csv, acled_rows

pytestmark = pytest.mark.slow  # starts a two-worker Dask cluster

VIEWS = [
    View(),
    View(date_from=date(2024, 3, 1), date_to=date(2024, 9, 30)),
    View(event_types=frozenset({"Battles", "Protests"}), countries=frozenset({"Iran"})),
    View(bbox=(44.0, 33.0, 47.0, 41.0), claim_statuses=frozenset({"unverified"})),
    View(sources=frozenset({"nobody"})),
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cluster")
    (folder / "a.csv").write_text(acled_csv(acled_rows(3000, seed=9)), encoding="utf-8")
    for out in ("a.parquet", "a"):  # a file store and a folder store (one file per year)
        import_acled_store(
            folder / "a.csv",
            folder / out,
            source_id="acled",
            country_names={},
            on_problem=print,
            workers=1,
        )
    return folder / "a.parquet"


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    with cluster, Client(cluster) as connected:
        yield connected


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("zoom", [3, 7])
@pytest.mark.parametrize("folder", [False, True])
def test_the_cluster_counts_the_cells_the_embedded_store_counts(
    store_path, client, view, zoom, folder
):
    assert len(client.scheduler_info()["workers"]) == 2
    store_path = store_path.with_suffix("") if folder else store_path
    embedded = Store(store_path).cells(view, zoom)
    on_cluster = cells(store_path, view, zoom)
    assert on_cluster.to_dict("list") == embedded.to_dict("list")
    assert on_cluster["count"].sum() == Store(store_path).count(view)


@pytest.mark.parametrize("name", ["a.parquet", "a"])
def test_the_cluster_reads_only_the_row_groups_and_years_a_date_range_reaches(store_path, name):
    store = store_path.parent / name
    every = events(store, View()).npartitions
    month = events(store, View(date_from=date(2024, 3, 1), date_to=date(2024, 3, 31)))
    assert every >= 3 and month.npartitions < every / 2
    assert len(month.compute()) >= Store(store).count(
        View(date_from=date(2024, 3, 1), date_to=date(2024, 3, 31))
    )
