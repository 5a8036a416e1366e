"""`geo extract` on the five seed articles against the hand-made gold lists.

Thresholds (issue 6): place recall >= 0.9 and precision >= 0.8, dated-event recall >= 0.8,
every gold date expression (weekdays, "last week", "on the same day", ...) resolved right.
The publication date of each article is the one data/sources.csv gives."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from geo import paths
from geo.extract.evaluate import (
    ArticleScores,
    Gold,
    GoldPlace,
    Score,
    evaluate_article,
    score_places,
)
from geo.extract.text import read_article
from geo.sources import read_sources
from tests.extract.conftest import gold_lists
from tests.shared import shared_path

GOLD = {gold.seed_file: gold for gold in gold_lists()}


@pytest.fixture(scope="session")
def registry() -> object:
    return read_sources(paths.SOURCES)


@pytest.fixture(scope="session")
def scores(geocoder: object, registry, seeds_dir: Path) -> dict[str, ArticleScores]:
    result = {}
    for seed_file, gold in GOLD.items():
        row = registry[registry["seed_file"] == seed_file].iloc[0]
        result[seed_file] = evaluate_article(
            gold,
            read_article(seeds_dir / seed_file),
            geocoder,
            published=row["published"].date(),
            published_precision=int(row["published_precision"]),
            source_id=str(row.name),
        )
    return result


def test_there_is_a_gold_list_for_every_seed_article(seeds_dir: Path) -> None:
    assert sorted(GOLD) == sorted(p.name for p in seeds_dir.glob("*.txt"))


@pytest.mark.parametrize("seed_file", sorted(GOLD))
def test_published_dates_are_those_of_data_sources(registry, seed_file: str) -> None:
    row = registry[registry["seed_file"] == seed_file].iloc[0]
    gold = GOLD[seed_file]
    assert row["published"].date() == gold.published
    assert int(row["published_precision"]) == gold.published_precision


@pytest.mark.parametrize("seed_file", sorted(GOLD))
def test_place_recall_and_precision(scores: dict[str, ArticleScores], seed_file: str) -> None:
    places = scores[seed_file].places
    print(f"{seed_file}: places recall {places.recall:.2f} precision {places.precision:.2f}")
    assert places.recall >= 0.9
    assert places.precision >= 0.8


@pytest.mark.parametrize("seed_file", sorted(GOLD))
def test_dated_event_recall_and_dates(scores: dict[str, ArticleScores], seed_file: str) -> None:
    article = scores[seed_file]
    print(
        f"{seed_file}: events recall {article.events.recall:.2f} precision "
        f"{article.events.precision:.2f}; dates right {article.dates.matched}/{article.dates.gold}"
    )
    assert article.events.recall >= 0.8
    assert article.dates.recall == 1.0  # every gold date expression found and resolved right


def test_overall(scores: dict[str, ArticleScores]) -> None:
    places = sum((s.places for s in scores.values()), Score(0, 0, 0))
    events = sum((s.events for s in scores.values()), Score(0, 0, 0))
    print(
        f"overall: places R {places.recall:.2f} P {places.precision:.2f}; "
        f"events R {events.recall:.2f} P {events.precision:.2f}"
    )
    assert places.recall >= 0.9 and places.precision >= 0.8
    assert events.recall >= 0.8
    assert events.precision >= 0.5  # a floor that proposing every dated sentence would fail


def _site(name: str, lon: float = 0.0, lat: float = 0.0) -> dict[str, object]:
    return {
        "type": "Feature",
        "properties": {"layer": "site", "name": name},
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
    }


def test_repeating_right_answers_does_not_pay() -> None:
    gold = [GoldPlace("Baku", "city"), GoldPlace("Tabriz", "city")]
    features = [_site("Baku"), _site("Baku"), _site("Baku"), _site("Tabriz")]
    score = score_places(gold, features, lambda name: None)
    assert (score.recall, score.precision) == (1.0, 0.5)


def test_places_match_by_position_within_15_km_only() -> None:
    gold = [GoldPlace("Nakhchivan Airport", "airport")]
    where = {"Nakhchivan Airport": (39.1888, 45.4584)}
    near = _site("Naxcivan town", lon=45.4122, lat=39.2089)  # about 4.6 km away
    far = _site("Julfa", lon=45.6283, lat=38.9583)  # about 30 km away
    assert score_places(gold, [near], where.get).matched == 1
    assert score_places(gold, [far], where.get).matched == 0


def test_gold_lists_are_well_formed() -> None:
    for gold in GOLD.values():
        assert isinstance(gold, Gold)
        names = {p.name for p in gold.places}
        for event in gold.events:
            assert set(event.places) <= names, event.label
            assert event.day <= gold.published + datetime.timedelta(days=7)


@pytest.mark.slow  # measured: among the slowest of the quick run (docs/performance.md)
def test_real_news_in_several_languages(geocoder: object) -> None:
    """../shared/news/articles.json (39 excerpts since it grew from 15), by the judge's rules:
    floors just under what is measured today (en 1.00, other languages 0.88, events 0.58), so a
    change that reads less fails here. Issue 19's targets (events >= 0.80 on unseen news) are
    above them and measured on the held-out half (bench/news_split.py, docs/languages.md)."""
    import json

    from geo.extract.evaluate import score_news

    articles = json.loads(shared_path("news", "articles.json").read_text(encoding="utf-8"))
    score = score_news(articles["articles"], geocoder)  # type: ignore[arg-type]
    print(score.misses)
    assert score.recall("en") >= 0.95
    assert score.recall("other") >= 0.85
    assert score.event_recall >= 0.55
