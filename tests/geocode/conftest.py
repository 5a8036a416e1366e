"""One offline geocoder for the whole geocoding test area: building it is the slow part."""

from __future__ import annotations

import pytest

from geo.geocoders import OfflineGeocoder


@pytest.fixture(scope="session")
def geocoder() -> OfflineGeocoder:
    return OfflineGeocoder()
