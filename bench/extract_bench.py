"""How fast `geo extract` reads articles, and how well it does on the five seed articles.

    .venv/bin/python bench/extract_bench.py [--rounds N]

Prints the geocoder's start-up time, articles per second (the five seeds, N rounds, after one
warm-up round; the geocoder forgets the names it looked up before each round; with the CPU
seconds spent and the load average, since the machine may be shared) and, per
article and overall, the recall and precision of places and dated events against
tests/extract/gold, and how many gold date expressions were resolved right;
then, on every article of ../shared/news/articles.json (15 real excerpts in seven languages),
place recall for English and for the other languages, event recall and articles per second.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo import paths  # noqa: E402
from geo.extract.draft import draft_collection, extract_article  # noqa: E402
from geo.extract.evaluate import Score, evaluate_article, load_gold, score_news  # noqa: E402
from geo.extract.text import read_article  # noqa: E402
from geo.sources import read_sources  # noqa: E402

GOLD_DIR = ROOT / "tests" / "extract" / "gold"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    if not (paths.SHARED / "seeds").is_dir():
        sys.exit(f"{paths.SHARED / 'seeds'} is absent: this bench reads the seed articles there")

    started = time.perf_counter()
    from geo.geocoders import OfflineGeocoder

    geocoder = OfflineGeocoder()
    geocoder.geocode("Tabriz")  # builds the indexes
    print(f"geocoder start-up: {time.perf_counter() - started:.2f} s")

    registry = read_sources(paths.SOURCES)
    golds = [load_gold(p) for p in sorted(GOLD_DIR.glob("*.json"))]
    articles = []
    for gold in golds:
        row = registry[registry["seed_file"] == gold.seed_file].iloc[0]
        articles.append(
            (
                gold,
                read_article(paths.SHARED / "seeds" / gold.seed_file),
                row["published"].date(),
                int(row["published_precision"]),
                str(row.name),
            )
        )

    def one_round() -> None:
        geocoder.forget()  # each round from cold: the same articles again are no speed
        for _gold, text, published, precision, source_id in articles:
            draft_collection(
                extract_article(
                    text,
                    geocoder,
                    published=published,
                    published_precision=precision,
                    source_id=source_id,
                )
            )

    one_round()
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        one_round()
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    count = rounds * len(articles)
    characters = rounds * sum(len(a[1]) for a in articles)
    # CPU seconds of this process (all its threads) too: on a shared machine the wall-clock
    # rate says as much about the other processes as about this one.
    print(
        f"extract: {count / elapsed:.1f} articles/s "
        f"({characters / elapsed / 1000:.0f} k characters/s; {count} articles in {elapsed:.2f} s; "
        f"{cpu:.2f} CPU-s, load average {os.getloadavg()[0]:.2f} at the end)"
    )

    totals = {"places": Score(0, 0, 0), "events": Score(0, 0, 0), "dates": Score(0, 0, 0)}
    print(f"{'article':28} {'places R/P':>12} {'events R/P':>12} {'dates right':>12}")
    for gold, text, published, precision, source_id in articles:
        scores = evaluate_article(
            gold,
            text,
            geocoder,
            published=published,
            published_precision=precision,
            source_id=source_id,
        )
        totals["places"] += scores.places
        totals["events"] += scores.events
        totals["dates"] += scores.dates
        print(
            f"{gold.seed_file:28} "
            f"{scores.places.recall:5.2f}/{scores.places.precision:<5.2f} "
            f"{scores.events.recall:6.2f}/{scores.events.precision:<5.2f} "
            f"{scores.dates.matched:>7}/{scores.dates.gold}"
        )
    print(
        f"{'overall':28} "
        f"{totals['places'].recall:5.2f}/{totals['places'].precision:<5.2f} "
        f"{totals['events'].recall:6.2f}/{totals['events'].precision:<5.2f} "
        f"{totals['dates'].matched:>7}/{totals['dates'].gold}"
    )

    news_path = paths.SHARED / "news" / "articles.json"
    if news_path.exists():
        import json

        news = json.loads(news_path.read_text(encoding="utf-8"))["articles"]
        score_news(news[:2], geocoder)  # warm-up: language models, stemmers
        geocoder.forget()
        started = time.perf_counter()
        score = score_news(news, geocoder)
        elapsed = time.perf_counter() - started
        found_en, total_en = score.places.get("en", [0, 0])
        found_other, total_other = score.places.get("other", [0, 0])
        print(
            f"news ({len(news)} articles, {len(news) / elapsed:.1f} articles/s): place recall "
            f"en {score.recall('en'):.2f} ({found_en}/{total_en}), other languages "
            f"{score.recall('other'):.2f} ({found_other}/{total_other}); event recall "
            f"{score.event_recall:.2f} ({score.events[0]}/{score.events[1]})"
        )
        for miss in score.misses:
            print(f"  missed: {miss}")


if __name__ == "__main__":
    main()
