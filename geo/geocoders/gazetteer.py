"""What every offline source of places shares: the `Place` record, a name index over normalized
and folded spellings, and a geopy `Geocoder` that answers from them.

A source (sites, borders, GeoNames) only says how to read its places; matching, the answer's
shape and `reverse()` live here, once.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

import numpy as np
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.problems import Problem
from geo.words.normalize import fold, normalize

USER_AGENT = "geo-incidents/0.1 (offline incident-mapping tool for OSINT analysts)"

# How a query met a place, strongest first; the value is the factor its score is multiplied by.
MATCH_QUALITY: dict[str, float] = {
    "name": 1.0,  # the place's own name
    "alternate": 0.9,  # a listed alternative spelling (GeoNames, borders, sites.csv aliases)
    "alias": 0.95,  # data/gazetteer/aliases.csv
    "folded": 0.8,  # only the transliteration skeleton agrees
    "inflected": 0.9,  # an inflected form of a name (geo/words/inflection.py)
    "adjective": 0.9,  # an adjective or demonym made from a name
    "romanised": 0.8,  # a non-Latin name's Latin transliteration meets the place's key
    "skeleton": 0.7,  # only the consonants of an abjad's spelling meet (geo.words.skeleton)
    "partial": 0.85,  # a site's words and the query's overlap (times the share in common)
}


class Place(NamedTuple):
    """One entry of a gazetteer. `source` is what `geo_source` records (`geonames:147429`).
    `country_codes` are ISO 3166-1 alpha-2 codes (several for a sea or a range);
    `country`/`admin1` are names when the source gives them, else empty and filled on output.
    """

    source: str
    name: str
    kind: str
    lat: float
    lon: float
    country_codes: tuple[str, ...] = ()
    country: str = ""
    admin1: str = ""
    population: int = 0
    is_area: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    """A place a query met, with the key it met it by and how."""

    place: Place
    key: str
    how: str

    @property
    def quality(self) -> float:
        return MATCH_QUALITY[self.how]


_HOWS = ("name", "alternate", "alias", "adjective")
SHORT_KEY = 3  # keys this long or shorter also remember their spellings' case (US vs us)


class NameIndex:
    """Normalized spelling -> places, and folded spelling -> places, for one source.

    Stored as plain tuples and ints (a pickle of 70 000 places loads in a fraction of a
    second): an exact entry is `position * 4 + how`."""

    def __init__(self) -> None:
        self.places: list[Place] = []
        self.exact: dict[str, tuple[int, ...]] = {}
        self.folded: dict[str, tuple[int, ...]] = {}
        self.short_spellings: dict[str, tuple[str, ...]] = {}
        self.by_source: dict[str, int] = {}
        self._sorted_keys: list[str] | None = None

    def __getstate__(self) -> tuple[Any, ...]:
        rows = [tuple(place) for place in self.places]
        return rows, self.exact, self.folded, self.short_spellings, self.sorted_keys

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        rows, self.exact, self.folded, self.short_spellings, self._sorted_keys = state
        self.places = [Place._make(row) for row in rows]
        self.by_source = {place.source: i for i, place in enumerate(self.places)}

    @property
    def sorted_keys(self) -> list[str]:
        """The one-word keys in order, for finding the names a stem begins (kept in the
        on-disk cache: sorting them takes longer than reading them)."""
        if self._sorted_keys is None:
            self._sorted_keys = sorted(key for key in self.exact if " " not in key)
        return self._sorted_keys

    def add_place(self, place: Place, alternates: Iterable[str] = ()) -> int:
        position = len(self.places)
        self.places.append(place)
        self.by_source[place.source] = position
        self.add_spelling(position, place.name, "name")
        for spelling in alternates:
            self.add_spelling(position, spelling, "alternate")
        return position

    def add_spelling(self, position: int, spelling: str, how: str) -> None:
        key = normalize(spelling)
        if not key:
            return
        if len(key) <= SHORT_KEY:
            known = self.short_spellings.get(key, ())
            if spelling not in known:
                self.short_spellings[key] = (*known, spelling)
        entries = self.exact.get(key, ())
        if any(entry >> 2 == position for entry in entries):
            return
        if not entries and self._sorted_keys is not None and " " not in key:
            insort(self._sorted_keys, key)
        self.exact[key] = (*entries, position * 4 + _HOWS.index(how))
        folded_key = fold(key)
        positions = self.folded.get(folded_key, ())
        if position not in positions:
            self.folded[folded_key] = (*positions, position)

    def inflected_matches(
        self, word: str, language: str, *, adjectives_only: bool = False
    ) -> list[Match]:
        """Places one of whose one-word names `word` is an inflected form or an adjective of,
        in `language` (see `geo.words.inflection`); match "inflected" or "adjective"."""
        from geo.words.inflection import ENDINGS, forms, meets

        found: dict[int, Match] = {}
        head, _, last = normalize(word).rpartition(" ")
        if head:
            # A name of several words inflects its last ("შიდა ქართლში", Shida Kartli): each
            # form of that word, as it is or with an ending of the language put back.
            for form, adjective in forms(last, language):
                if adjective:
                    continue
                for ending in ("", *ENDINGS.get(language, ())):
                    for entry in self.exact.get(f"{head} {form}{normalize(ending)}", ()):
                        key = f"{head} {form}{normalize(ending)}"
                        found.setdefault(
                            entry >> 2, Match(self.places[entry >> 2], key, "inflected")
                        )
                if found:
                    break
            return list(found.values())
        keys = self.sorted_keys
        for form, adjective in forms(word, language):
            if adjectives_only and not adjective:
                continue
            how = "adjective" if adjective else "inflected"
            at = bisect_left(keys, form)
            while at < len(keys) and keys[at].startswith(form):
                key = keys[at]
                at += 1
                if not meets(key, form, language, adjective=adjective):
                    continue
                for entry in self.exact[key]:
                    found.setdefault(entry >> 2, Match(self.places[entry >> 2], key, how))
            if found:
                break
        return list(found.values())

    def matches(self, key: str, *, fuzzy: bool = True) -> list[Match]:
        """Places whose spelling normalizes to `key`; with `fuzzy`, also those whose spelling
        only folds to the same skeleton (marked `folded`)."""
        entries = self.exact.get(key, ())
        found = [Match(self.places[entry >> 2], key, _HOWS[entry & 3]) for entry in entries]
        if fuzzy:
            seen = {entry >> 2 for entry in entries}
            found.extend(
                Match(self.places[position], key, "folded")
                for position in self.folded.get(fold(key), ())
                if position not in seen
            )
        return found


def location_of(place: Place, raw: dict[str, Any]) -> Location:
    parts = [place.name, raw.get("admin1") or "", raw.get("country") or ""]
    address = ", ".join(dict.fromkeys(part for part in parts if part))
    # A Point, not a pair: geopy checks a Point's numbers once, a pair's through its
    # sequence protocol first (a third of the time of building an answer).
    return Location(address, Point(place.lat, place.lon), raw)


def raw_of(place: Place, *, score: float, match: Match | None = None) -> dict[str, Any]:
    """The `raw` dict every offline Location carries (keys agreed in the team brief)."""
    raw: dict[str, Any] = {
        "name": place.name,
        "kind": place.kind,
        "country": place.country,
        "country_codes": list(place.country_codes),
        "admin1": place.admin1,
        "source": place.source,
        "score": round(score, 4),
        "population": place.population,
    }
    if match is not None:
        raw["match"] = match.how
    return raw


EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lats: Any, lons: Any) -> Any:
    """Great-circle distance in km from one point to one or many (numpy arrays)."""
    phi1, phi2 = math.radians(lat1), np.radians(lats)
    dphi = phi2 - phi1
    dlam = np.radians(lons) - math.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + math.cos(phi1) * np.cos(phi2) * np.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


class GazetteerGeocoder(Geocoder, ABC):
    """A geopy Geocoder over one offline source of places. Subclasses implement
    `_build_index()`; the index is built on first use."""

    prefix: ClassVar[str]

    def __init__(self) -> None:
        super().__init__(user_agent=USER_AGENT)
        self._index: NameIndex | None = None
        self._coordinates: tuple[Any, Any] | None = None
        self.problems: list[Problem] = []

    @abstractmethod
    def _build_index(self) -> NameIndex:
        """Read the source and index its places."""

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            self._index = self._build_index()
        return self._index

    def places(self) -> Iterator[Place]:
        return iter(self.index.places)

    def get(self, source: str) -> Place | None:
        """The place whose `source` is e.g. `geonames:147429`, or None."""
        position = self.index.by_source.get(source)
        return None if position is None else self.index.places[position]

    def add_alias(self, source: str, spelling: str) -> bool:
        """Teach the index one more spelling of an existing place; False if there is none."""
        position = self.index.by_source.get(source)
        if position is None:
            return False
        self.index.add_spelling(position, spelling, "alias")
        return True

    def matches(self, query: str, *, fuzzy: bool = True) -> list[Match]:
        return self.index.matches(normalize(query), fuzzy=fuzzy)

    def score(self, match: Match) -> float:
        """How good an answer `match` is on its own (0..1): match quality times kind weight."""
        return match.quality

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        fuzzy: bool = True,
    ) -> Location | list[Location] | None:
        """Places of this source named `query`, best first (geopy's contract: one Location or
        None with `exactly_one`, else a list or None). `timeout` is accepted for geopy's
        interface and unused: nothing here waits."""
        ranked = sorted(
            ((self.score(match), match) for match in self.matches(query, fuzzy=fuzzy)),
            key=lambda pair: -pair[0],
        )
        locations = [
            location_of(match.place, raw_of(match.place, score=score, match=match))
            for score, match in ranked
        ]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def nearest(self, lat: float, lon: float, count: int = 1) -> list[tuple[float, Place]]:
        """The `count` places nearest to (lat, lon) with their distances in km."""
        if self._coordinates is None:
            places = self.index.places
            self._coordinates = (
                np.array([place.lat for place in places], dtype=float),
                np.array([place.lon for place in places], dtype=float),
            )
        lats, lons = self._coordinates
        if len(lats) == 0:
            return []
        distances = haversine_km(lat, lon, lats, lons)
        order = np.argsort(distances)[:count]
        return [(float(distances[i]), self.index.places[int(i)]) for i in order]

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
    ) -> Location | list[Location] | None:
        """The place of this source nearest to `query` (a geopy Point, "lat, lon" or a pair);
        `raw["distance_km"]` says how far it is."""
        point = Point(query)
        found = self.nearest(point.latitude, point.longitude, 1 if exactly_one else 10)
        locations = []
        for distance, place in found:
            raw = raw_of(place, score=1.0)
            raw["distance_km"] = round(distance, 3)
            locations.append(location_of(place, raw))
        if not locations:
            return None
        return locations[0] if exactly_one else locations
