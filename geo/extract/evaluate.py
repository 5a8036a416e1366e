"""How well `geo extract` did on an article, against a list a person made by reading it.

A gold list (tests/extract/gold/<seed-file-stem>.json) holds the places the article names,
the date expressions it uses with their resolved dates, and the dated events it reports.

Matching rules (written so that proposing everything scores badly):

- Every comparison is one-to-one: a gold entry is matched by at most one proposal and a
  proposal matches at most one gold entry (a maximum bipartite matching). Recall = matched gold
  entries / gold entries; precision = matched proposals / proposals. Five drafts of the same
  place or event therefore count once as right and four times as wrong.
- A proposed place (a draft site or area) matches a gold place when their names agree after
  `normalize` (the proposal's `name` or its `location`, i.e. the spelling in the text, against
  the gold name or an alias), or when the proposal's point lies within `PLACE_TOLERANCE_KM`
  of where the geocoder puts the gold name.
- A proposed incident matches a gold event when their date windows overlap (a date with
  precision 2 stands for its ISO week, 3 for its month: `geo.periods.windows`) and the
  incident's place matches one of the places the gold event may be told at, by the rule above.
- A gold date expression is resolved correctly when every occurrence of its text in the
  article lies inside an extracted date whose window equals the gold window.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from geo.extract.dates import DateMention
from geo.extract.places import Geocoder
from geo.periods import windows
from geo.words.normalize import normalize

PLACE_TOLERANCE_KM = 15.0

# A gold name -> (lat, lon) or None: how the evaluation finds where a gold place lies.
Locate = Callable[[str], "tuple[float, float] | None"]


@dataclass(frozen=True)
class GoldPlace:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()

    def keys(self) -> set[str]:
        return {normalize(n) for n in (self.name, *self.aliases)}


@dataclass(frozen=True)
class GoldDate:
    text: str
    day: date
    precision: int


@dataclass(frozen=True)
class GoldEvent:
    day: date
    precision: int
    places: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class Gold:
    seed_file: str
    published: date
    published_precision: int
    places: tuple[GoldPlace, ...]
    dates: tuple[GoldDate, ...]
    events: tuple[GoldEvent, ...]


def load_gold(path: Path) -> Gold:
    """Read a gold list; a malformed one raises ValueError naming the file."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        places = tuple(
            GoldPlace(p["name"], p["kind"], tuple(p.get("aliases", ()))) for p in raw["places"]
        )
        dates = tuple(
            GoldDate(d["text"], date.fromisoformat(d["date"]), int(d["precision"]))
            for d in raw["dates"]
        )
        events = tuple(
            GoldEvent(
                date.fromisoformat(e["date"]), int(e["precision"]), tuple(e["places"]), e["label"]
            )
            for e in raw["events"]
        )
        return Gold(
            raw["seed_file"],
            date.fromisoformat(raw["published"]),
            int(raw["published_precision"]),
            places,
            dates,
            events,
        )
    except (OSError, KeyError, TypeError, ValueError) as error:
        raise ValueError(f"{path}: not a usable gold list: {error!r}") from None


@dataclass(frozen=True)
class Score:
    """Counts behind recall and precision. An empty side scores 1.0 (nothing to miss, or
    nothing proposed wrongly)."""

    gold: int
    found: int
    matched: int

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(self.gold + other.gold, self.found + other.found, self.matched + other.matched)


def max_matching(edges: Sequence[Sequence[int]], right_count: int) -> int:
    """Size of a maximum matching of a bipartite graph; `edges[i]` lists the right-hand
    vertices left vertex i may be paired with (Kuhn's augmenting paths: the sets are small)."""
    owner: list[int | None] = [None] * right_count

    def augment(left: int, seen: set[int]) -> bool:
        for right in edges[left]:
            if right in seen:
                continue
            seen.add(right)
            current = owner[right]
            if current is None or augment(current, seen):
                owner[right] = left
                return True
        return False

    return sum(augment(left, set()) for left in range(len(edges)))


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    from geopy.distance import great_circle

    return float(great_circle(a, b).km)


def _point(feature: dict[str, Any]) -> tuple[float, float] | None:
    geometry = feature.get("geometry") or {}
    if geometry.get("type") != "Point":
        return None
    lon, lat = geometry["coordinates"][:2]
    return (lat, lon)


def _place_agrees(
    feature: dict[str, Any], gold_names: Sequence[str], gold_keys: set[str], locate: Locate
) -> bool:
    props = feature.get("properties") or {}
    keys = {normalize(str(props.get(k) or "")) for k in ("name", "location")} - {""}
    if keys & gold_keys:
        return True
    point = _point(feature)
    if point is None:
        return False
    for name in gold_names:
        where = locate(name)
        if where is not None and _distance_km(point, where) <= PLACE_TOLERANCE_KM:
            return True
    return False


def score_places(
    gold: Sequence[GoldPlace], features: Sequence[dict[str, Any]], locate: Locate
) -> Score:
    """Proposed places (draft features that are not incidents) against the gold places."""
    places = [f for f in features if (f.get("properties") or {}).get("layer") != "incident"]
    edges = [
        [j for j, g in enumerate(gold) if _place_agrees(f, [g.name], g.keys(), locate)]
        for f in places
    ]
    return Score(len(gold), len(places), max_matching(edges, len(gold)))


def _windows(days: Sequence[date], precisions: Sequence[int]) -> list[tuple[date, date]]:
    frame = pd.DataFrame(
        {"event_date": [d.isoformat() for d in days], "time_precision": list(precisions)}
    )
    if frame.empty:
        return []
    starts, ends = windows(frame)
    return [(s.date(), e.date()) for s, e in zip(starts, ends, strict=True)]


def score_events(
    gold: Sequence[GoldEvent],
    features: Sequence[dict[str, Any]],
    gold_places: Sequence[GoldPlace],
    locate: Locate,
) -> Score:
    """Proposed incidents against the gold events."""
    incidents = [f for f in features if (f.get("properties") or {}).get("layer") == "incident"]
    found_windows = _windows(
        [date.fromisoformat(f["properties"]["event_date"]) for f in incidents],
        [int(f["properties"]["time_precision"]) for f in incidents],
    )
    gold_windows = _windows([g.day for g in gold], [g.precision for g in gold])
    aliases = {p.name: p for p in gold_places}
    edges: list[list[int]] = []
    for feature, (start, end) in zip(incidents, found_windows, strict=True):
        row = []
        for j, (event, (gold_start, gold_end)) in enumerate(zip(gold, gold_windows, strict=True)):
            if start > gold_end or gold_start > end:
                continue
            keys: set[str] = set()
            for name in event.places:
                keys |= aliases[name].keys() if name in aliases else {normalize(name)}
            if _place_agrees(feature, event.places, keys, locate):
                row.append(j)
        edges.append(row)
    return Score(len(gold), len(incidents), max_matching(edges, len(gold)))


def score_dates(text: str, gold: Sequence[GoldDate], mentions: Sequence[DateMention]) -> Score:
    """Occurrences of the gold date expressions in the article: `found` counts those inside
    some extracted date, `matched` those inside one resolved to the gold window. So recall is
    the share found and resolved right, precision the share right among those found."""
    gold_windows = _windows([g.day for g in gold], [g.precision for g in gold])
    resolved = [m for m in mentions if m.day is not None]
    mention_windows = _windows([m.day for m in resolved if m.day], [m.precision for m in resolved])
    total = found = correct = 0
    for entry, window in zip(gold, gold_windows, strict=True):
        for match in re.finditer(rf"(?<!\w){re.escape(entry.text)}(?!\w)", text):
            total += 1
            covering = [
                mention_window
                for m, mention_window in zip(resolved, mention_windows, strict=True)
                if m.start <= match.start() and match.end() <= m.end
            ]
            found += bool(covering)
            correct += window in covering
    return Score(total, found, correct)


@dataclass(frozen=True)
class ArticleScores:
    seed_file: str
    places: Score
    events: Score
    dates: Score


def geocoder_locate(geocoder: Any) -> Locate:
    """A `Locate` over the offline geocoder: where its best reading of a name lies."""
    cache: dict[str, tuple[float, float] | None] = {}

    def locate(name: str) -> tuple[float, float] | None:
        if name not in cache:
            found = geocoder.geocode(name)
            cache[name] = None if found is None else (found.latitude, found.longitude)
        return cache[name]

    return locate


def evaluate_article(
    gold: Gold,
    text: str,
    geocoder: Any,
    *,
    published: date | None,
    published_precision: int,
    source_id: str | None,
) -> ArticleScores:
    """Run `geo extract` on the article and score its draft against the gold list."""
    from geo.extract.draft import draft_collection, extract_article

    extraction = extract_article(
        text,
        geocoder,
        published=published,
        published_precision=published_precision,
        source_id=source_id,
    )
    features = draft_collection(extraction)["features"]
    locate = geocoder_locate(geocoder)
    return ArticleScores(
        gold.seed_file,
        score_places(gold.places, features, locate),
        score_events(gold.events, features, gold.places, locate),
        score_dates(text, gold.dates, extraction.dates),
    )


# --- Real news in several languages (../shared/news/articles.json) -----------------------


@dataclass
class NewsScore:
    """Recall on news excerpts, by the judge's rules (../shared/tools/news_score.py): a gold
    place is found when a draft feature lies within its tolerance (a polygon holding it, or
    whose representative point is within the tolerance); a gold event when an incident is
    near it so and its date window, widened by its precision and a day either side, holds
    the gold date. Places are counted for English and for the other languages apart."""

    places: dict[str, list[int]]  # "en" / "other" -> [found, total]
    events: list[int]  # [found, total]
    misses: list[str]

    def recall(self, group: str) -> float:
        found, total = self.places.get(group, [0, 0])
        return found / total if total else float("nan")

    @property
    def event_recall(self) -> float:
        return self.events[0] / self.events[1] if self.events[1] else float("nan")


def _near(geometry: dict[str, Any] | None, lat: float, lon: float, tolerance_km: float) -> bool:
    from shapely.geometry import Point, shape

    from geo.geocoders.gazetteer import haversine_km

    if not geometry:
        return False
    if geometry.get("type") in ("Polygon", "MultiPolygon"):
        area = shape(geometry)
        if area.contains(Point(lon, lat)):
            return True
        inside = area.representative_point()
        return float(haversine_km(lat, lon, inside.y, inside.x)) <= tolerance_km
    if geometry.get("type") == "Point":
        x, y = geometry["coordinates"][:2]
        return float(haversine_km(lat, lon, y, x)) <= tolerance_km
    return False


def _window(properties: dict[str, Any]) -> tuple[date, date] | None:
    from datetime import timedelta

    from geo.periods import period

    if not properties.get("event_date"):
        return None
    end = properties.get("end_date")
    span = period(
        date.fromisoformat(properties["event_date"][:10]),
        properties.get("time_precision") or 1,
        date.fromisoformat(end[:10]) if end else None,
    )
    return span.start - timedelta(days=1), span.end + timedelta(days=1)


def score_news(articles: Sequence[dict[str, Any]], geocoder: Geocoder) -> NewsScore:
    """Run extract on every article (`text`, `published`, `language`, gold `places` as
    [label, lat, lon, tolerance_km] and `events` as [what, date, lat, lon, tolerance_km])."""
    from geo.extract.draft import draft_collection, extract_article

    score = NewsScore({}, [0, 0], [])
    for article in articles:
        draft = draft_collection(
            extract_article(
                article["text"] + "\n",
                geocoder,
                published=date.fromisoformat(article["published"]),
            )
        )
        features = draft["features"]
        tally = score.places.setdefault("en" if article["language"] == "en" else "other", [0, 0])
        for label, lat, lon, tolerance in article["places"]:
            hit = any(_near(f.get("geometry"), lat, lon, tolerance) for f in features)
            tally[0] += hit
            tally[1] += 1
            if not hit:
                score.misses.append(f"{article['id']}: place {label}")
        incidents = [f for f in features if f["properties"].get("layer") == "incident"]
        for what, day, lat, lon, tolerance in article["events"]:
            gold_day = date.fromisoformat(day)
            hit = any(
                (window := _window(f["properties"])) is not None
                and window[0] <= gold_day <= window[1]
                and _near(f.get("geometry"), lat, lon, tolerance)
                for f in incidents
            )
            score.events[0] += hit
            score.events[1] += 1
            if not hit:
                score.misses.append(f"{article['id']}: event {what} {day}")
    return score
