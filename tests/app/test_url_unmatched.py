"""A link whose filter values match no feature (`?type=Protests&type=Battles` on data without
either) is said the same way for every list parameter as a country the data does not name:
the values are left out and named in the page's warning, never a silent "0 of 27"."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from geo import paths

pytestmark = pytest.mark.slow  # every test runs the whole app (Streamlit's AppTest)

APP = str(paths.ROOT / "app.py")


def _page(params: dict[str, str | list[str]]) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def _matching(app: AppTest) -> tuple[int, int]:
    text = next(
        m.value for m in app.markdown if re.search(r"\*\*\d+ of \d+ features match", m.value)
    )
    shown, total = re.search(r"\*\*(\d+) of (\d+) features match", text).groups()
    return int(shown), int(total)


def _warning(app: AppTest) -> str:
    return " ".join(w.value for w in app.warning).replace("\\", "")  # Markdown's escapes read


# (parameter, values the hand-made data set has no feature of, one it has): every kind of
# list value, from a fixed list (type, claim status, layer, stance) or from the data.
ABSENT = [
    ("type", ["Protests", "Riots"], "Battles"),
    ("stance", ["asserts", "disputes"], "denies"),
    ("country", ["Atlantis", "Georgia"], "Iran"),
    ("source", ["src-nowhere", "src-elsewhere"], "src-beta"),
    ("claimant", ["Nobody", "No one"], "Iran"),
]


@pytest.mark.parametrize(("key", "absent", "present"), ABSENT, ids=[a[0] for a in ABSENT])
def test_values_no_feature_has_are_left_out_and_named(
    dataset_path, monkeypatch, key, absent, present
):
    monkeypatch.setenv("GEO_INCIDENTS", str(dataset_path))
    everything = _matching(_page({}))
    alone = _page({key: absent})  # repeated, as forms write a list
    assert _matching(alone) == everything  # nothing left to filter by: the whole data
    assert alone.session_state[f"pick_{key}"] == []
    joined = "~".join(sorted(absent))
    said = f"{key}={joined}: not in the data (no feature matches them), left out"
    assert said in _warning(alone)
    mixed = _page({key: f"{absent[0]}~{present}"})
    assert mixed.session_state[f"pick_{key}"] == [present]
    assert f"{key}={absent[0]}: not in the data (no feature matches it), left out" in (
        _warning(mixed)
    )
    assert _matching(mixed) == _matching(_page({key: present}))


def test_the_shipped_data_says_which_event_types_no_incident_has(monkeypatch):
    """The new user's link on the shipped data: valid ACLED types none of its incidents has."""
    monkeypatch.delenv("GEO_INCIDENTS", raising=False)
    app = _page({"type": ["Protests", "Battles"]})
    shown, total = _matching(app)
    assert shown == total  # not "0 of 27" without a word
    assert "type=Battles~Protests: not in the data (no feature matches them), left out" in (
        _warning(app)
    )
