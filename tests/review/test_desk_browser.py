"""The review desk in a real browser (Chromium, nothing off the machine): an article added
through the desk becomes an incident on the map with its report and history; two reviewers
saving at once lose nothing; a second person's sign-off works, and the first person's own
acceptance never waits for their own approval."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from geo import paths
from geo.canonical import dumps
from geo.files import write_atomic
from geo.review import history, loop
from tests.app.test_browser import open_map, open_popup, streamlit_server

pytestmark = pytest.mark.browser

# Invented for the test (no real article's sentence): two incidents, one to keep, one not.
ARTICLE = (
    "A drone struck a school in Ordubad on 5 March 2026, the Azerbaijani Ministry of Defence "
    "said.\n\nOn 6 March 2026 hundreds of people protested in Tabriz, residents said.\n"
)


def _identity(folder: Path, name: str) -> dict[str, str]:
    """The environment of a server whose local person is `name` (git's user.name)."""
    config = folder / f"gitconfig-{name}"
    config.write_text(f"[user]\n\tname = {name}\n", encoding="utf-8")
    return {"GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1"}


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    """A copy of the shipped data (incidents, sources, borders) to change."""
    folder = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, folder, ignore=shutil.ignore_patterns("archive", "*.jsonl"))
    for draft in (folder / "drafts").glob("*.geojson"):
        draft.unlink()
    return folder / "incidents.geojson"


@pytest.fixture()
def page_of(browser) -> Iterator[object]:
    """page_of() -> a new page (its own context: its own Streamlit session)."""
    contexts = []

    def new_page():
        context = browser.new_context(viewport={"width": 1400, "height": 2200})
        contexts.append(context)
        page = context.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                else route.abort()
            ),
        )
        return page

    yield new_page
    for context in contexts:
        context.close()


def _draft_of_article(incidents: Path, name: str = "test-wire") -> str:
    """An article registered and drafted as the desk does (for the tests that start there)."""
    registry = incidents.parent / "sources.csv"
    row = loop.SourceRow("Test Wire", None, f"https://example.org/{name}", "Test article")
    registered = loop.register_article(registry, ARTICLE, row=row)
    from datetime import date

    draft, _ = loop.draft_of(ARTICLE, registered.source_id, date(2026, 3, 7))
    target = incidents.parent / "drafts" / f"{registered.source_id}.geojson"
    write_atomic(target, dumps(draft))
    return registered.source_id


def _open_desk(page, url: str) -> None:
    page.goto(f"{url}/desk")
    page.get_by_text("Features of").wait_for(timeout=120_000)


def _choose(page, label: str, left: int) -> None:
    """Choose a draft feature once the page shows `left` features to decide (so that no
    element of the run before is clicked)."""
    page.get_by_text(f"({left} to decide)").wait_for(timeout=120_000)
    page.get_by_text(label, exact=False).first.click()
    page.wait_for_timeout(3000)
    page.get_by_role("button", name="Reject").wait_for(timeout=60_000)


def _act(page, button: str, outcome: str, left: int) -> None:
    """Click `button` until `outcome` shows: a click that lands while Streamlit is rerunning
    the page can be lost. Clicked again only while the draft still has `left` features to
    decide (so a late first click never makes a second decision)."""
    for _ in range(3):
        page.get_by_role("button", name=button).first.click()
        try:
            page.get_by_text(outcome, exact=False).first.wait_for(timeout=30_000)
            return
        except Exception:
            if page.get_by_text(f"({left} to decide)").count() == 0:
                break
    _wait_for(page, outcome)


def _wait_for(page, text: str) -> None:
    try:
        page.get_by_text(text, exact=False).first.wait_for(timeout=120_000)
    except Exception:
        page.screenshot(path=str(paths.ROOT / "tests" / "artifacts" / "desk-failed.png"))
        raise


def test_an_article_through_the_desk_to_the_map(data, page_of, tmp_path, artifacts_dir):
    with streamlit_server(data, _identity(tmp_path, "Ada")) as url:
        page = page_of()
        page.goto(f"{url}/desk")
        page.get_by_label("Paste the article's text").fill(ARTICLE, timeout=120_000)
        page.get_by_label("Outlet (who published it)").fill("Test Wire")
        page.get_by_label("URL").fill("https://example.org/wire")
        for part, value in (("year", "2026"), ("month", "03"), ("day", "07")):
            page.get_by_role("spinbutton", name=f"{part}, Published").click()
            page.keyboard.type(value)
        page.keyboard.press("Escape")
        page.get_by_role("button", name="Read the article").click()
        page.get_by_text("Features of").wait_for(timeout=180_000)
        page.screenshot(path=str(artifacts_dir / "desk-added.png"))

        # move the Ordubad strike to Julfa, picked among the gazetteer's candidates (the
        # other way, a click on the desk's map, is the same call: geo.review.desk.moved)
        _choose(page, "Air/drone strike: Ordubad", 5)
        page.get_by_role("tab", name="Move").click()
        lookup = page.get_by_role("textbox", name="Look up a place").first
        lookup.fill("Julfa")
        lookup.press("Enter")
        place = page.get_by_role("button", name="Place it there")
        fields = page.locator("input[aria-label=location]")  # the form shows the move

        def moved() -> bool:
            return "Julfa" in fields.evaluate_all("inputs => inputs.map(i => i.value)")

        for _ in range(3):  # a click landing during a rerun can be lost: click until moved
            page.wait_for_timeout(5000)  # the candidates of the name typed
            place.first.click(timeout=60_000)
            for _ in range(20):
                page.wait_for_timeout(1000)
                if moved():
                    break
            if moved():
                break
        assert moved()
        _act(page, "Accept", "Added inc-2026-03-05-ordubad", 5)

        _choose(page, "Peaceful protest: Tabriz", 4)
        reason = page.get_by_label("Reason (recorded in the history; needed to reject)")
        for _ in range(60):  # until the run before has left the page (no stale copy)
            if reason.count() == 1:
                break
            page.wait_for_timeout(500)
        reason.fill("a protest, not a strike: outside this map's scope")
        _act(page, "Reject", "Rejected draft-inc-2026-03-06-tabriz", 4)
        page.screenshot(path=str(artifacts_dir / "desk-decided.png"))

        document = json.loads(data.read_text(encoding="utf-8"))
        added = next(f for f in document["features"] if f["id"] == "inc-2026-03-05-ordubad")
        lon, lat = added["geometry"]["coordinates"]
        assert added["properties"]["geo_source"] == "geonames:148251"  # Julfa, Azerbaijan
        assert (round(lon, 2), round(lat, 2)) == (45.63, 38.95)  # not where extract put it
        assert added["properties"]["name"] == "Air/drone strike: Ordubad"
        assert "review" not in added["properties"]
        actions = [(r["who"], r["action"], r["feature"]) for r in history.audit(data).records]
        assert ("Ada", "merge", "inc-2026-03-05-ordubad") in actions
        rejected = [r for r in history.audit(data).records if r["action"] == "reject"]
        assert rejected[0]["reason"].startswith("a protest") and rejected[0]["who"] == "Ada"

        page.set_viewport_size({"width": 1400, "height": 1000})
        frame = open_map(page, url)
        open_popup(page, frame, lat, lon, "Air/drone strike: Ordubad")
        page.screenshot(path=str(artifacts_dir / "desk-on-the-map.png"))


def test_two_reviewers_saving_at_once_lose_nothing(data, page_of, tmp_path, artifacts_dir):
    _draft_of_article(data)
    with ExitStack() as servers:
        ada = servers.enter_context(streamlit_server(data, _identity(tmp_path, "Ada")))
        ben = servers.enter_context(streamlit_server(data, _identity(tmp_path, "Ben")))
        first, second = page_of(), page_of()
        _open_desk(first, ada)
        _open_desk(second, ben)  # both read the file before either saves
        _choose(first, "Air/drone strike: Ordubad", 5)
        _choose(second, "Peaceful protest: Tabriz", 5)
        _act(first, "Accept", "Added inc-2026-03-05-ordubad", 5)
        _act(second, "Accept", "changed on disk since you read it: nothing was written", 5)
        _wait_for(second, "inc-2026-03-05-ordubad: changed by Ada")
        second.screenshot(path=str(artifacts_dir / "desk-conflict.png"))
        ids = [f["id"] for f in json.loads(data.read_text(encoding="utf-8"))["features"]]
        assert "inc-2026-03-05-ordubad" in ids and "inc-2026-03-06-tabriz" not in ids

        second.get_by_role("button", name="Reload the file and decide again").click()
        _choose(second, "Peaceful protest: Tabriz", 4)  # Ada's decision left the draft
        _act(second, "Accept", "Added inc-2026-03-06-tabriz", 4)
        ids = [f["id"] for f in json.loads(data.read_text(encoding="utf-8"))["features"]]
        assert "inc-2026-03-05-ordubad" in ids and "inc-2026-03-06-tabriz" in ids
        audit = history.audit(data)
        assert audit.consistent and audit.notes == []


def test_sign_off_by_a_second_person(data, page_of, tmp_path, artifacts_dir):
    (data.parent / "team.toml").write_text("sign_off = true\n", encoding="utf-8")
    _draft_of_article(data)
    before = data.read_bytes()
    with ExitStack() as servers:
        ada = servers.enter_context(streamlit_server(data, _identity(tmp_path, "Ada")))
        ben = servers.enter_context(streamlit_server(data, _identity(tmp_path, "Ben")))
        first = page_of()
        _open_desk(first, ada)
        _choose(first, "Air/drone strike: Ordubad", 5)
        _act(first, "Accept (awaits", "it awaits approval by another person", 5)
        assert data.read_bytes() == before  # not in the data yet
        first.reload()
        _wait_for(first, "Awaiting your approval (0)")  # not her own
        _wait_for(first, "Your acceptances waiting for someone else")
        assert first.get_by_role("button", name="Approve").count() == 0
        with pytest.raises(loop.SignOffRefused):  # and the server refuses it
            (token,) = [p.token for p in loop.pending(data)]
            loop.approve(data, token, who="Ada")

        second = page_of()
        second.goto(f"{ben}/desk")
        _wait_for(second, "Awaiting your approval (1)")
        second.screenshot(path=str(artifacts_dir / "desk-sign-off.png"))
        second.get_by_role("button", name="Approve").click()
        _wait_for(second, "Approved: inc-2026-03-05-ordubad")  # its list empties: no retry
        ids = [f["id"] for f in json.loads(data.read_text(encoding="utf-8"))["features"]]
        assert "inc-2026-03-05-ordubad" in ids
        approve = [r for r in history.audit(data).records if r["action"] == "approve"]
        assert approve and approve[0]["who"] == "Ben" and approve[0]["accepted_by"] == "Ada"
    assert os.path.exists(history.log_path(data))
