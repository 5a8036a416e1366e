"""The curated gazetteer: `data/gazetteer/sites.csv`, one site a row, with its aliases.

Columns: id, name, aliases ("|"-separated), kind, lat, lon, country ("; " between several),
admin1, reference, notes. A row that cannot be read is skipped and reported as a Problem
naming the file and line; the other rows still answer.
"""

from __future__ import annotations

import csv
import dataclasses
import math
from pathlib import Path

from geo import paths
from geo.geocoders.gazetteer import GazetteerGeocoder, Match, NameIndex, Place
from geo.problems import Problem
from geo.sniff import separator_problem
from geo.words.normalize import normalize

SITE_COLUMNS = ("id", "name", "aliases", "kind", "lat", "lon", "country", "admin1")
# Kinds that stand for an extent, not a spot: a point for one is only a representative point.
AREA_KINDS = frozenset({"sea", "mountain_range", "region"})
# Words that carry no name: left out when comparing the words of a query and a site.
FILLER_WORDS = frozenset({"of", "the", "in", "at", "near", "a", "an", "and", "to", "for"})
PARTIAL_MIN_WORDS = 2


def content_words(key: str) -> frozenset[str]:
    return frozenset(key.split()) - FILLER_WORDS


class SitesGeocoder(GazetteerGeocoder):
    """Sites named in the articles (airports, bases, terminals, embassies, seas): preferred over
    every other source because a person chose each position and wrote down its reference."""

    prefix = "sites"

    def __init__(self, path: Path = paths.SITES) -> None:
        super().__init__()
        self.path = Path(path)
        self._by_word: tuple[int, dict[str, list[str]]] | None = None

    def _build_index(self) -> NameIndex:
        index = NameIndex()
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            self.problems.append(self._problem(1, f"cannot read the sites file: {error}"))
            return index
        reader = csv.DictReader(text.splitlines())
        lines = text.splitlines()
        separated = separator_problem(
            reader.fieldnames or [],
            SITE_COLUMNS,
            str(self.path),
            lines[1] if len(lines) > 1 else "",
            numbers=("lat", "lon"),
        )
        if separated is not None:  # a warning, as every problem of this file: geocoding goes on
            self.problems.append(dataclasses.replace(separated, severity="warning"))
            return index
        missing = [c for c in SITE_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            self.problems.append(self._problem(1, f"missing column(s): {', '.join(missing)}"))
            return index
        for row in reader:
            line = reader.line_num
            place = self._place(row, line)
            if place is None:
                continue
            if place.source in index.by_source:
                self.problems.append(self._problem(line, f"duplicate id {row['id']!r}"))
                continue
            aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
            index.add_place(place, aliases)
        return index

    def partial_matches(self, query: str) -> list[tuple[float, Match]]:
        """Sites one of whose spellings shares all its words with the query or holds all the
        query's words ("Embassy of Israel" in "Embassy of Israel in Baku"; "Nakhchivan
        International Airport" in "the school near Nakhchivan International Airport"), at
        least two words each. The float is the share of words in common (0..1); the best
        spelling of each site counts."""
        words = content_words(normalize(query))
        if len(words) < PARTIAL_MIN_WORDS:
            return []
        by_word = self._keys_by_word()
        sharing = {key for word in words for key in by_word.get(word, ())}
        best: dict[int, float] = {}
        for key in sorted(sharing):
            spelling = content_words(key)
            if not (spelling <= words or words <= spelling):
                continue
            share = len(words & spelling) / len(words | spelling)
            for entry in self.index.exact[key]:
                best[entry >> 2] = max(best.get(entry >> 2, 0.0), share)
        return [
            (share, Match(self.index.places[position], normalize(query), "partial"))
            for position, share in best.items()
        ]

    def _keys_by_word(self) -> dict[str, list[str]]:
        """Content word -> the spellings of two content words or more that hold it (kept
        until a spelling is added: running text asks for every capitalised run of words)."""
        if self._by_word is None or self._by_word[0] != len(self.index.exact):
            by_word: dict[str, list[str]] = {}
            for key in self.index.exact:
                words = content_words(key)
                if len(words) >= PARTIAL_MIN_WORDS:
                    for word in words:
                        by_word.setdefault(word, []).append(key)
            self._by_word = (len(self.index.exact), by_word)
        return self._by_word[1]

    def _place(self, row: dict[str, str], line: int) -> Place | None:
        site_id = (row.get("id") or "").strip()
        name = (row.get("name") or "").strip()
        if not site_id or not name:
            self.problems.append(self._problem(line, "a site needs an id and a name"))
            return None
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (TypeError, ValueError):
            self.problems.append(
                self._problem(line, f"site {site_id!r}: lat/lon are not numbers", site_id)
            )
            return None
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90):
            self.problems.append(
                self._problem(line, f"site {site_id!r}: lat/lon out of range", site_id)
            )
            return None
        kind = (row.get("kind") or "other").strip() or "other"
        return Place(
            source=f"{self.prefix}:{site_id}",
            name=name,
            kind=kind,
            lat=lat,
            lon=lon,
            country=(row.get("country") or "").strip(),
            admin1=(row.get("admin1") or "").strip(),
            is_area=kind in AREA_KINDS,
        )

    def _problem(self, line: int, message: str, site_id: str | None = None) -> Problem:
        return Problem(str(self.path), line, 1, "warning", message, feature_id=site_id)
