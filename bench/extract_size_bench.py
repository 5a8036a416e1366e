"""How `geo extract`'s work grows with its input: one-line articles and single long words at
sizes 10x apart. Linear work takes 10x the time at 10x the size.

The one-line article is the five seed articles (../shared/seeds) with their line breaks
replaced by spaces, repeated to the size; the long word is `--word-letter` repeated beside a
figure ("12 killed"), the shape that once took quadratic time. Each is run once through what
`geo extract` runs (extraction and the draft, as geo.review.loop.draft_of) with one geocoder,
after a warm-up on the seeds that loads its indexes (which takes seconds once per process);
prints seconds, CPU seconds (the steadier figure on a shared machine) and what was found.

    nice -n 10 .venv/bin/python bench/extract_size_bench.py [--sizes 10000 100000 1000000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo import paths  # noqa: E402
from geo.extract.draft import draft_collection, extract_article  # noqa: E402
from geo.geocoders import OfflineGeocoder  # noqa: E402

GEOCODER = OfflineGeocoder()


def _run(label: str, text: str) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    extraction = extract_article(text, GEOCODER, published=date(2026, 3, 9))
    draft = draft_collection(extraction)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"{label:>32} {len(text):>9,} characters: {seconds:7.2f} s ({cpu:.2f} CPU-s; "
        f"{len(extraction.places):,} places, {len(extraction.proposals):,} proposals, "
        f"{len(draft['features']):,} draft features)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--word-letter", default="ب")
    args = parser.parse_args()
    seeds = sorted((paths.SHARED / "seeds").glob("*.txt"))
    if not seeds:
        sys.exit(f"{paths.SHARED / 'seeds'} has no articles: this bench reads the seeds there")
    one_line = " ".join(p.read_text(encoding="utf-8") for p in seeds).replace("\n", " ")
    _run("warm-up (geocoder loaded)", one_line)
    for size in args.sizes:
        _run("one-line article", (one_line * (size // len(one_line) + 1))[:size])
    for size in args.sizes:
        _run("one word beside a number", "12 killed " + args.word_letter * size)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
