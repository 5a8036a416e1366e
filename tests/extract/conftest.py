"""Fixtures of the extract tests: the gold lists (the offline geocoder is tests/conftest.py's)."""

from __future__ import annotations

from pathlib import Path

from geo.extract.evaluate import Gold, load_gold

GOLD_DIR = Path(__file__).parent / "gold"


def gold_lists() -> list[Gold]:
    return [load_gold(path) for path in sorted(GOLD_DIR.glob("*.json"))]
