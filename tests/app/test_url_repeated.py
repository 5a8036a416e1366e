"""A link that repeats a parameter (`?country=Iran&country=Azerbaijan`, as HTML forms and
`urlencode(doseq=True)` write lists) gets every value applied, for every list parameter; a
repeated single-valued parameter names the values it left out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import paths, urlstate
from geo.countries import split_names
from geo.ledger import claimant_names
from geo.load import load_incidents
from geo.schema import CLAIM_STATUS, EVENT_TYPES, LAYERS, STANCES

pytestmark = pytest.mark.slow  # every test runs the whole app (Streamlit's AppTest)

APP = str(paths.ROOT / "app.py")


@pytest.mark.parametrize(("key", "field"), list(urlstate.LIST_PARAMS.items()))
def test_every_value_of_a_repeated_list_parameter_is_applied(key, field):
    values = ["a", "b~c", "d"]
    repeated = urlstate.from_params({key: values})
    joined = urlstate.from_params({key: "a~b~c~d"})
    assert getattr(repeated.view, field) == frozenset("abcd") == getattr(joined.view, field)
    assert repeated == joined and not repeated.problems
    assert urlstate.to_params(repeated)[key] == "a~b~c~d"


@pytest.mark.parametrize(
    ("key", "values", "used"),
    [
        ("from", ["2026-03-01", "2026-03-05"], "2026-03-05"),
        ("origins", ["2", "3"], "3"),
        ("basemap", ["osm", "none"], "none"),
    ],
)
def test_a_repeated_single_value_names_what_it_left_out(key, values, used):
    state = urlstate.from_params({key: values})
    assert urlstate.to_params(state).get(key, "none") == used
    [problem] = state.problems
    assert f"{key}={values[0]} left out" in problem and f"{key}={used} used" in problem


def test_a_value_repeated_alike_is_no_problem():
    assert not urlstate.from_params({"from": ["2026-03-05", "2026-03-05"]}).problems


def _two_values(dataset_path: Path) -> dict[str, list[str]]:
    """Two values of each list parameter that the hand-made data set offers."""
    gdf = load_incidents(dataset_path)
    countries = sorted({n for cell in gdf["country"] for n in split_names(cell)})
    sources = sorted(set(gdf["sources"].explode().dropna()))
    claimants = claimant_names(gdf) or ["nobody", "no one"]
    found = {
        "source": sources[:2],
        "type": list(EVENT_TYPES)[:2],
        "country": countries[:2],
        "claim": list(CLAIM_STATUS)[:2],
        "layer": list(LAYERS)[:2],
        "claimant": claimants[:2],
        "stance": list(STANCES)[:2],
    }
    assert set(found) == set(urlstate.LIST_PARAMS)
    return found


def _page(dataset_path: Path, key: str, value: str | list[str]) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def _count(app: AppTest) -> str:
    return next(
        m.value for m in app.markdown if re.search(r"\*\*\d+ of \d+ features match", m.value)
    )


@pytest.mark.parametrize("key", list(urlstate.LIST_PARAMS))
def test_the_page_applies_a_repeated_parameter_as_its_tilde_form(dataset_path, monkeypatch, key):
    monkeypatch.setenv("GEO_INCIDENTS", str(dataset_path))
    values = _two_values(dataset_path)[key]
    repeated = _page(dataset_path, key, values)
    joined = _page(dataset_path, key, "~".join(values))
    assert set(repeated.session_state[f"pick_{key}"]) == set(joined.session_state[f"pick_{key}"])
    assert _count(repeated) == _count(joined)
    assert [w.value for w in repeated.warning] == [w.value for w in joined.warning]
