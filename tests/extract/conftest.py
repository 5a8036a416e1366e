"""Fixtures of the extract tests: one offline geocoder for the whole session (its indexes take
seconds to build) and the gold lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.extract.evaluate import Gold, load_gold

GOLD_DIR = Path(__file__).parent / "gold"


@pytest.fixture(scope="session")
def geocoder() -> object:
    from geo.geocoders import OfflineGeocoder

    return OfflineGeocoder()


def gold_lists() -> list[Gold]:
    return [load_gold(path) for path in sorted(GOLD_DIR.glob("*.json"))]
