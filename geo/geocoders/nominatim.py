"""OpenStreetMap's Nominatim through geopy, online and opt-in (`--online`), with a cache on
disk so that an answer fetched once is reproducible offline later.

- One request a second at most (geopy's RateLimiter), as Nominatim's usage policy asks, and a
  user agent naming this project.
- The cache is `data/gazetteer/nominatim-cache.json`, inside the project rather than under
  ~/.cache: a position in data/incidents.geojson whose geo_source is `nominatim:...` must be
  checkable (`geo geocode --check`) and reproducible by every analyst who clones the data, on
  a machine with no network, and the file is reviewed in git like the rest of the gazetteer.
  It maps a normalized query (and country filter) to the answers Nominatim gave, verbatim.
- A failure (time-out, HTTP error, no route) raises `OnlineGeocodingError` with a message for
  people; nothing is written to the cache then.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from geopy.exc import GeocoderTimedOut, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from geo import paths
from geo.files import write_atomic
from geo.geocoders.gazetteer import USER_AGENT
from geo.words.normalize import normalize

CACHE = paths.GAZETTEER_DIR / "nominatim-cache.json"
PUBLIC_DOMAIN = "nominatim.openstreetmap.org"
DEFAULT_TIMEOUT = 10.0
RESULTS_PER_QUERY = 5
# OSM classes whose answers are areas (a point for them is only representative).
AREA_CLASSES = frozenset({"boundary", "place:state", "place:country", "place:region"})


class OnlineGeocodingError(Exception):
    """The online service could not answer; the message says which and why."""


class CachedNominatim(Geocoder):
    """geopy's Nominatim behind a rate limiter and a JSON cache file."""

    def __init__(
        self,
        *,
        cache_path: Path = CACHE,
        domain: str = PUBLIC_DOMAIN,
        scheme: str = "https",
        timeout: float = DEFAULT_TIMEOUT,
        min_delay_seconds: float = 1.0,
    ) -> None:
        super().__init__(user_agent=USER_AGENT)
        self.cache_path = Path(cache_path)
        self.service = f"{scheme}://{domain}"
        self.timeout = timeout
        self.nominatim = Nominatim(
            user_agent=USER_AGENT, domain=domain, scheme=scheme, timeout=timeout
        )
        self._search = RateLimiter(
            self.nominatim.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=0,
            swallow_exceptions=False,
        )
        self.requests = 0  # sent to the service by this instance (the cache answers the rest)

    def read_cache(self) -> dict[str, Any]:
        try:
            cache = json.loads(self.cache_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise OnlineGeocodingError(
                f"{self.cache_path}: cannot read the cache: {error}"
            ) from error
        return cache if isinstance(cache, dict) else {}

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        country_codes: str | None = None,
    ) -> Location | list[Location] | None:
        """Nominatim's answers for `query` (from the cache when asked before)."""
        codes = (country_codes or "").lower()
        key = f"{normalize(query)}|{codes}"
        cache = self.read_cache()
        if key not in cache:
            found = self._fetch(query, codes)
            cache[key] = {"query": query, "results": [location.raw for location in found]}
            text = json.dumps(cache, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.cache_path, text)
        locations = [location_from_nominatim(raw) for raw in cache[key]["results"]]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def _fetch(self, query: str, codes: str) -> list[Location]:
        self.requests += 1
        try:
            found = self._search(
                query,
                exactly_one=False,
                limit=RESULTS_PER_QUERY,
                addressdetails=True,
                country_codes=codes or None,
                timeout=self.timeout,
            )
        except GeopyError as error:
            text = str(error)
            if isinstance(error, GeocoderTimedOut) or "timed out" in text.lower():
                reason = f"no answer within {self.timeout:g} s"
            else:
                reason = f"{type(error).__name__}: {text or 'no details'}"
            raise OnlineGeocodingError(
                f"Nominatim at {self.service} did not answer for {query!r} ({reason}); "
                "nothing was changed"
            ) from error
        return list(found or [])

    def cached_entry(self, source: str) -> Location | None:
        """The cached answer whose geo_source is `source` (`nominatim:way/123`), or None."""
        for entry in self.read_cache().values():
            for raw in entry.get("results", []):
                if source_of(raw) == source:
                    return location_from_nominatim(raw)
        return None


def source_of(raw: dict[str, Any]) -> str:
    return f"nominatim:{raw.get('osm_type', 'unknown')}/{raw.get('osm_id', raw.get('place_id'))}"


def location_from_nominatim(raw: dict[str, Any]) -> Location:
    """A Location whose `raw` has the same keys as the offline geocoder's answers; the
    service's own answer is kept under `raw["nominatim"]`."""
    address = raw.get("address") or {}
    display = str(raw.get("display_name") or "")
    osm_class = str(raw.get("class") or raw.get("category") or "")
    kind = str(raw.get("type") or osm_class or "other")
    is_area = osm_class in AREA_CLASSES or f"{osm_class}:{kind}" in AREA_CLASSES
    mine = {
        "name": raw.get("name") or display.split(",")[0],
        "kind": kind,
        "country": address.get("country", ""),
        "admin1": address.get("state") or address.get("province") or address.get("region", ""),
        "source": source_of(raw),
        "score": round(float(raw.get("importance") or 0.0), 4),
        "population": 0,
        "match": "online",
        "geo_precision": 3 if is_area else 1,
        "nominatim": raw,
    }
    return Location(display, (float(raw["lat"]), float(raw["lon"])), mine)
