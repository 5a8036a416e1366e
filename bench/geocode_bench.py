"""Offline geocoder figures: start-up (index built from scratch, and read from the .cache/
index), lookups per second for names that exist, n-grams of running text (mostly misses,
the way `geo extract` asks), and reverse geocodes per second.

    .venv/bin/python bench/geocode_bench.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NAMES = [
    "Nakhchivan", "Nakhichevan", "Naxçıvan", "Ardebil", "Guilan", "Resht", "Türkiye", "Turkey",
    "Tiflis", "Baku", "Tehran", "Incirlik", "Caspian Sea", "Rasht, Gilan", "Julfa", "Qazvin",
]  # fmt: skip


def startup(cold: bool) -> float:
    """Seconds for a fresh process to import, build or load the index and answer one query."""
    env = {**os.environ, **({"GEO_NO_INDEX_CACHE": "1"} if cold else {})}
    code = "from geo.geocoders import OfflineGeocoder; OfflineGeocoder().geocode('Baku')"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - start


def per_second(function, items: list, minimum_seconds: float = 2.0) -> float:
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < minimum_seconds:
        for item in items:
            function(item)
        count += len(items)
    return count / (time.perf_counter() - start)


def main() -> None:
    from geo.geocoders import OfflineGeocoder
    from geo.paths import SHARED
    from geo.words.normalize import fold, normalize

    if not (SHARED / "seeds").is_dir():
        sys.exit(f"{SHARED / 'seeds'} is absent: this bench reads the seed articles there")
    print(f"start-up, index built from scratch: {startup(cold=True):.1f} s")
    startup(cold=False)  # make sure the cached index exists
    print(f"start-up, index read from .cache/:  {startup(cold=False):.2f} s")

    geocoder = OfflineGeocoder()
    geocoder.geocode("Baku")
    words = re.findall(r"\w+", " ".join(p.read_text() for p in (SHARED / "seeds").glob("*.txt")))
    ngrams = [" ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)]
    found = per_second(lambda name: geocoder.geocode(name, exactly_one=False), NAMES)
    print(f"geocode, known names (all candidates): {found:,.0f} lookups/s")
    normalize.cache_clear()
    fold.cache_clear()
    strict = per_second(lambda gram: geocoder.geocode(gram, strict=True), ngrams)
    print(f"geocode strict, article n-grams ({len(ngrams):,}): {strict:,.0f} lookups/s")
    points = [(38.0 + i * 0.01, 45.0 + i * 0.02) for i in range(50)]
    print(f"reverse: {per_second(geocoder.reverse, points):,.0f} lookups/s")


if __name__ == "__main__":
    main()
