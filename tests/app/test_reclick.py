"""Every click on the map selects, also the same feature clicked again after Close (the map
component reports each click with a count: a new count is a new click)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo import paths

pytestmark = pytest.mark.slow  # runs the whole app (Streamlit's AppTest)

APP = str(paths.ROOT / "app.py")


def _details(app: AppTest) -> str:
    return " ".join(m.value for m in app.markdown if "geo-popup" in m.value)


@pytest.mark.parametrize(
    ("feature_id", "name"),
    [
        ("inc-2026-03-18-village", "Shelling near a village"),
        ("route-pipeline", "Pipeline"),
        ("area-province", "A province"),
    ],
)
def test_the_same_feature_clicked_again_after_close_is_selected_again(
    dataset_path, monkeypatch, feature_id, name
):
    monkeypatch.setenv("GEO_INCIDENTS", str(dataset_path))
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    for count in (1, 2, 3):
        state = {"last_object_clicked_tooltip": feature_id, "last_object_clicked_count": count}
        app.session_state["map"] = state
        app.run()
        assert name in _details(app), f"click {count}"
        app.button(key="close_details").click().run()
        assert not _details(app)
        app.run()  # a rerun that is no click leaves it closed
        assert not _details(app)
