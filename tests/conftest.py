"""Fixtures every test area shares: where things are, and a headless Chromium."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo import paths
from geo.sources import REGISTRY_NAME
from tests.harness import CHROMIUM, CHROMIUM_ARGS
from tests.shared import shared_path

ARTIFACTS = paths.ROOT / "tests" / "artifacts"  # screenshots, kept for a person to look at


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop at once, saying why, when a sources.csv lies in a folder above the tests' scratch
    folders: a file there without a registry of its own would be checked against it
    (geo.sources.registry_for looks upward), and dozens of tests would fail far from the
    cause."""
    given = session.config.option.basetemp  # --basetemp, else pytest's folders are in tmp
    scratch = Path(os.path.abspath(given or tempfile.gettempdir()))
    for folder in (scratch, *scratch.parents):
        stray = folder / REGISTRY_NAME
        if stray.is_file():
            pytest.exit(
                f"{stray}: a stray sources registry where the tests' scratch folders lie "
                f"({scratch}); move it away (every file written there would be checked against it)",
                returncode=4,
            )


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """../shared/seeds/ (the seed articles); a test asking for it skips when it is absent."""
    return shared_path("seeds")


@pytest.fixture(scope="session")
def conformance_dir() -> Path:
    """../shared/geojson-conformance/; a test asking for it skips when it is absent."""
    return shared_path("geojson-conformance")


@pytest.fixture(scope="session")
def geocoder() -> object:
    """One offline geocoder (geo.geocoders.OfflineGeocoder) for the whole run: building it is
    the slow part."""
    from geo.geocoders import OfflineGeocoder

    return OfflineGeocoder()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of data/ (incidents, sources, borders, gazetteer) to mutate."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target)
    return target


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright. Skips with a reason when Chromium is missing,
    except under CI, where a missing browser is a failure."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {CHROMIUM} is missing; .ci/run should install it")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives the browser (through the `browser` fixture, however indirectly)
    carries the `browser` marker, so `-m "not browser"` leaves out all of them, not only those
    whose module remembered to say so."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
