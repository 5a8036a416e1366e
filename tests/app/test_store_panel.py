"""The store on the app page (Streamlit's AppTest): GEO_STORE opens it as its own layer, the
caption counts what is in view, the filters apply to it, and the sidebar can drop it."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import paths
from geo.store.importer import import_acled_store
from tests.app import fixtures
from tests.store.conftest import acled_csv, acled_rows

pytestmark = pytest.mark.slow  # runs the whole app on an imported store (AppTest)

APP = str(paths.ROOT / "app.py")


@pytest.fixture(params=["acled.parquet"])
def app(tmp_path, monkeypatch, request) -> AppTest:
    """The app with GEO_STORE naming a store under data/ (`request.param`: a file, or a
    folder store such as stores/acled)."""
    dataset = fixtures.write_dataset(tmp_path / "data")
    (tmp_path / "a.csv").write_text(acled_csv(acled_rows(200, seed=2)), encoding="utf-8")
    store = tmp_path / "data" / request.param
    store.parent.mkdir(parents=True, exist_ok=True)
    import_acled_store(
        tmp_path / "a.csv",
        store,
        source_id="acled",
        country_names={"turkey": "Türkiye"},
        on_problem=print,
        workers=1,
    )
    monkeypatch.setenv("GEO_INCIDENTS", str(dataset))
    monkeypatch.setenv("GEO_STORE", str(store))
    page = AppTest.from_file(APP, default_timeout=90)
    page.run()
    assert not page.exception, page.exception
    return page


def store_caption(page: AppTest) -> str:
    return next(c.value for c in page.caption if c.value.startswith("Bulk store:"))


@pytest.mark.parametrize("app", ["acled.parquet", "stores/acled"], indirect=True)
def test_the_store_is_drawn_as_its_own_layer_under_the_filters(app):
    assert Path(app.sidebar.selectbox(key="pick_store").value).stem == "acled"
    assert store_caption(app).startswith("Bulk store: 200 events in view, counted in")
    assert any("events per cell" in m.value for m in app.markdown)
    assert any("Timeline of the store" in s.value for s in app.subheader)
    app.session_state["list_type"] = True  # the list opened: its boxes are drawn
    app.run()
    app.sidebar.checkbox(key="pick_type::Battles").check().run()
    battles = sum(row["event_type"] == "Battles" for row in acled_rows(200, seed=2))
    assert store_caption(app).startswith(f"Bulk store: {battles} events in view")


def test_the_sidebar_can_leave_the_store_off(app):
    app.sidebar.selectbox(key="pick_store").set_value("(none)").run()
    assert not any(c.value.startswith("Bulk store:") for c in app.caption)


def test_a_foreign_geoparquet_is_a_sidebar_warning_not_a_traceback(tmp_path, monkeypatch):
    """GEO_STORE naming GeoParquet written by geopandas (not by import-acled)."""
    import geopandas as gpd
    from shapely.geometry import Point

    dataset = fixtures.write_dataset(tmp_path / "data")
    foreign = tmp_path / "shared.parquet"
    gpd.GeoDataFrame(
        {"event_date": ["2026-03-05"], "location": ["Nakhchivan"]},
        geometry=[Point(45.41, 39.21)],
        crs="EPSG:4326",
    ).to_parquet(foreign)
    monkeypatch.setenv("GEO_INCIDENTS", str(dataset))
    monkeypatch.setenv("GEO_STORE", str(foreign))
    page = AppTest.from_file(APP, default_timeout=90)
    page.run()
    assert not page.exception, page.exception
    [escaped] = [w.value for w in page.sidebar.warning if "shared.parquet" in w.value]
    warning = escaped.replace("\\", "")  # as shown: Markdown's escapes (geo.escape) read
    assert str(tmp_path) not in warning  # no server path shown to a visitor
    assert "GeoParquet file that `python -m geo import-acled` did not write" in warning
    assert "python -m geo import" in warning
    assert not any("shared.parquet" in w.value for w in page.main.warning)


@pytest.mark.parametrize("store", ["missing.parquet", "corrupt.parquet"])
@pytest.mark.parametrize("shipped", [True, False], ids=["shipped data", "own incident file"])
def test_an_unreadable_store_says_which_data_the_map_shows(tmp_path, monkeypatch, store, shipped):
    """GEO_STORE naming a missing or corrupt store: a sidebar warning that names the variable,
    says why, and says the map shows the incident file alone: the shipped data when
    GEO_INCIDENTS names none (a visitor took it for the store's events), else that file."""
    (tmp_path / "corrupt.parquet").write_text("not Parquet\n", encoding="utf-8")
    monkeypatch.setenv("GEO_STORE", str(tmp_path / store))
    if shipped:
        monkeypatch.delenv("GEO_INCIDENTS", raising=False)
    else:
        monkeypatch.setenv("GEO_INCIDENTS", str(fixtures.write_dataset(tmp_path / "data")))
    page = AppTest.from_file(APP, default_timeout=90)
    page.run()
    assert not page.exception, page.exception
    [escaped] = [w.value for w in page.sidebar.warning if store in w.value]
    warning = escaped.replace("\\", "")  # as shown: Markdown's escapes (geo.escape) read
    assert warning.startswith(f"GEO_STORE names a store that cannot be read: {store}: ")
    assert warning.count(store) == 1 and str(tmp_path) not in warning
    if shipped:
        assert "The map shows only the data that ships with the project" in warning
        assert "(data/incidents.geojson, the default incident file)" in warning
    else:
        assert "The map shows only the incident file incidents.geojson" in warning
    assert not any(c.value.startswith("Bulk store:") for c in page.caption)
