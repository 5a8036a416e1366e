"""An exported GeoJSON carries the registry rows of the sources it cites (the `sources`
member), so it validates, loads and opens in the app on its own, outside the project."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from geo import paths
from geo.cli import main
from geo.load import load_incidents
from geo.sources import EMBEDDED_MEMBER, read_sources, sources_for


@pytest.fixture
def exported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped data exported as GeoJSON into an empty folder outside the project."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    out = folder / "export.geojson"
    assert (
        main(["export", "--in", str(paths.INCIDENTS), "--format", "geojson", "--out", str(out)])
        == 0
    )
    assert [p.name for p in folder.iterdir()] == ["export.geojson"]
    monkeypatch.chdir(folder)
    return out


def test_the_export_carries_the_rows_of_the_sources_it_cites(exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    cited = {s for f in document["features"] for s in f["properties"].get("sources", [])}
    rows = document[EMBEDDED_MEMBER]
    assert {row["id"] for row in rows} == cited
    registry = read_sources(paths.SOURCES)
    for row in rows:
        assert row["outlet"] == registry.at[row["id"], "outlet"]
        assert all(isinstance(value, str) and value for value in row.values())


def test_it_validates_on_its_own_and_says_which_registry(exported, capsys):
    assert main(["validate", str(exported)]) == 0
    assert f"sources registry: the 'sources' member of {exported}" in capsys.readouterr().err


def test_it_loads_on_its_own(exported):
    gdf = load_incidents(exported)
    assert len(gdf) == len(load_incidents(paths.INCIDENTS))
    sources = sources_for(exported)
    assert set(sources.index) == {s for cell in gdf["sources"] for s in cell}


def test_it_opens_in_the_app(exported, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("GEO_INCIDENTS", str(exported))
    app = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=90)
    app.run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    assert any("features match" in element.value for element in app.markdown)


def test_without_any_registry_validate_says_where_it_looked(exported, capsys):
    """(A stray sources.csv in a folder above would be found: skip where one exists.)"""
    document = json.loads(exported.read_text(encoding="utf-8"))
    del document[EMBEDDED_MEMBER]
    bare = exported.parent / "bare" / "bare.geojson"
    bare.parent.mkdir()
    if any((folder / "sources.csv").exists() for folder in bare.parent.parents):
        pytest.skip("a sources.csv lies in a folder above the test's temporary folder")
    bare.write_text(json.dumps(document), encoding="utf-8")
    assert main(["validate", str(bare)]) == 1
    out = capsys.readouterr()
    assert f"no sources registry: no sources.csv in {bare.parent}" in out.out
    assert "--sources PATH" in out.out


def test_sources_option_names_the_registry_to_use(exported, capsys):
    registry = exported.with_name("mine.csv")
    shutil.copy(paths.SOURCES, registry)
    assert main(["validate", "--sources", str(registry), str(exported)]) == 0
    assert f"sources registry: {registry}" in capsys.readouterr().err
