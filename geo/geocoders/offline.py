"""The offline geocoder: one geopy `Geocoder` that asks the curated sites, the borders and
GeoNames, adds the hand-written aliases, and ranks what they answer.

Ranking (a score in 0..1, shown by `geo lookup --all`):

- the source and kind: a curated site (0.9) before a country of the mapped region (0.8), a
  country elsewhere (0.75) or a province (0.7), before a GeoNames town (0.4, up to 0.6 for
  ten million inhabitants);
- times how the name matched: its own name 1.0, a listed alternate or alias 0.95, only the
  transliteration skeleton (`normalize.fold`) 0.8;
- a town or site that lies inside an area also named by the query ranks just above that area
  ("Ardabil" is the city, inside the province of the same name): the more specific answer;
- "Rasht, Gilan": the parts after the first comma are context. Candidates inside a context
  area, in a context country or within 25 km of a context town gain 0.1; the others are
  halved. `country_bias="AZ"` halves candidates outside that country.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Collection
from pathlib import Path
from typing import Any

import shapely
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point
from shapely import Point as ShapelyPoint

from geo import paths
from geo.countries import split_names
from geo.geocoders.airports import AirportsGeocoder
from geo.geocoders.areas import COAST_TOLERANCE_DEGREES, AreasGeocoder
from geo.geocoders.gazetteer import (
    SHORT_KEY,
    USER_AGENT,
    GazetteerGeocoder,
    Match,
    Place,
    haversine_km,
    location_of,
    raw_of,
)
from geo.geocoders.geonames import GeoNamesGeocoder
from geo.geocoders.local import LocalGazetteer
from geo.geocoders.sites import SitesGeocoder
from geo.problems import Problem
from geo.words.normalize import (
    ORTHOGRAPHIES,
    is_common_word,
    is_lower_case,
    normalize,
    romanisable,
    romanised,
)

ALIASES = paths.GAZETTEER_DIR / "aliases.csv"
ALIAS_COLUMNS = ("alias", "target")
CONTEXT_RADIUS_KM = 25.0
# Site kinds OurAirports knows (geo.geocoders.airports); an aerodrome this close to a curated
# site of its kind is that site; one that serves a town lies at most this far from it.
AERODROME_KINDS = frozenset({"airport", "air_base"})
SAME_SITE_KM = 3.0
TOWN_AERODROME_KM = 60.0
# Two answers this close in score, this far apart, and neither inside the other: ambiguous.
AMBIGUOUS_RATIO = 0.9
AMBIGUOUS_KM = 25.0
# A first or last word that says what kind of place the rest names ("Gilan province"):
# dropped for the lookup, and it keeps only answers of that kind when there are some.
AREA_WORDS = frozenset(
    {"province", "region", "district", "county", "governorate", "oblast", "ostan", "rayon"}
)
SPOT_WORDS = frozenset({"city", "town", "village"})
# In running text, a town whose name is also an ordinary word ("March", "Bar", "Van") is read
# as the word, unless the town is this big (Baku, also a rare English noun, is a capital).
COMMON_WORD_EXEMPT_POPULATION = 1_000_000
MEMO_SIZE = 50_000  # names whose matches (and ranked answers) are remembered (a few MB)
ANSWERS_SIZE = 10_000  # Locations remembered (about a kilobyte each, with their raw dict)


def _town_weight(population: int) -> float:
    return 0.4 + 0.2 * min(1.0, math.log10(population + 1) / 7)


def geo_precision_of(place: Place) -> int:
    """ACLED geo_precision of a position taken from `place`: 1 for a spot (a site or a
    town), 3 for the representative point of an area (country, province, sea, range)."""
    return 3 if place.is_area else 1


class OfflineGeocoder(Geocoder):
    """Offline geocoding and reverse geocoding with geopy's interface. Locations carry
    `raw` with name, kind, country, admin1, source, score, population, match ("name",
    "alternate", "alias" or "folded"), geo_precision, and for areas of data/borders their
    polygon as `geometry` (a shapely geometry)."""

    def __init__(
        self,
        *,
        sites_path: Path = paths.SITES,
        aliases_path: Path = ALIASES,
        countries_path: Path = paths.COUNTRIES,
        provinces_path: Path = paths.PROVINCES,
        geonames: GeoNamesGeocoder | None = None,
        local: LocalGazetteer | None = None,
    ) -> None:
        super().__init__(user_agent=USER_AGENT)
        self.sites = SitesGeocoder(sites_path)
        self.borders = AreasGeocoder(countries_path, provinces_path)
        self.geonames = geonames or GeoNamesGeocoder()
        self.local = local or LocalGazetteer()
        self.sources: tuple[GazetteerGeocoder, ...] = (self.sites, self.borders, self.geonames)
        # Asked by sites_near and get() only: a name lookup would read its table each run.
        self.airports = AirportsGeocoder()
        self.aliases_path = Path(aliases_path)
        self._alias_problems: list[Problem] | None = None
        self._country_names: dict[str, str] | None = None
        self._country_codes: dict[str, str] | None = None
        # consonant skeletons of each country's names per language, the places of each country
        self._sounds: dict[tuple[str, str], dict[str, list[tuple[str, Place]]]] = {}
        self._by_country: dict[str, dict[str, tuple[Place, list[str]]]] | None = None
        self._mapped: set[str] | None = None
        self._described: dict[str, tuple[str, str]] = {}
        self._memo: dict[tuple[str, int], tuple[tuple[bool, Match], ...]] = {}
        self._answers: dict[tuple[str, float, str | None], Location] = {}
        self._rankings: dict[tuple[Any, ...], tuple[tuple[float, Match], ...]] = {}

    # --- set-up ---------------------------------------------------------------------------

    @property
    def problems(self) -> list[Problem]:
        """What could not be read in sites.csv and aliases.csv (rows skipped)."""
        self._load_aliases()
        return [*self.sites.problems, *(self._alias_problems or [])]

    def _load_aliases(self) -> None:
        if self._alias_problems is not None:
            return
        self._alias_problems = []
        if not self.aliases_path.exists():
            return
        path = str(self.aliases_path)
        try:
            text = self.aliases_path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            self._alias_problems.append(Problem(path, 1, 1, "warning", f"cannot read: {error}"))
            return
        reader = csv.DictReader(text.splitlines())
        if any(column not in (reader.fieldnames or []) for column in ALIAS_COLUMNS):
            message = f"needs the columns {', '.join(ALIAS_COLUMNS)}"
            self._alias_problems.append(Problem(path, 1, 1, "warning", message))
            return
        for row in reader:
            alias, target = (row.get("alias") or "").strip(), (row.get("target") or "").strip()
            source = self._source_of(target)
            added = bool(alias) and source is not None and source.add_alias(target, alias)
            if not added and alias and source is self.geonames:
                # A village or district centre of the local gazetteer (seats.csv's
                # Heydarabad): it joins the in-memory towns with the alias.
                place = self.local.get(target)
                if place is not None:
                    position = self.geonames.index.add_place(place)
                    self.geonames.index.add_spelling(position, alias, "alias")
                    added = True
            if not added:
                message = f"alias {alias!r}: target {target!r} is not in the gazetteers"
                self._alias_problems.append(Problem(path, reader.line_num, 1, "warning", message))

    def _source_of(self, source: str) -> GazetteerGeocoder | None:
        prefix = source.partition(":")[0]
        return next((s for s in (*self.sources, self.airports) if s.prefix == prefix), None)

    def get(self, source: str) -> Place | None:
        """The gazetteer entry named by a `geo_source` value (`sites:...`, `geonames:...`,
        `borders:...`), or None."""
        self._load_aliases()
        gazetteer = self._source_of(source)
        place = None if gazetteer is None else gazetteer.get(source)
        if place is None and gazetteer is self.geonames:
            place = self.local.get(source)
        return place

    def _countries(self) -> tuple[dict[str, str], dict[str, str]]:
        """ISO code -> country name (borders first, then GeoNames), and the reverse for every
        normalized name and alternate of a borders country."""
        if self._country_names is None or self._country_codes is None:
            names: dict[str, str] = {}
            codes: dict[str, str] = {}
            for place in self.geonames.places():
                if place.kind == "country" and place.country_codes:
                    names[place.country_codes[0]] = place.name
                    codes[normalize(place.name)] = place.country_codes[0]
            for place in self.borders.places():
                if place.kind == "country" and place.country_codes:
                    names[place.country_codes[0]] = place.name
                    codes[normalize(place.name)] = place.country_codes[0]
            for key, entries in self.borders.index.exact.items():
                for entry in entries:
                    place = self.borders.index.places[entry >> 2]
                    if place.kind == "country" and place.country_codes:
                        codes.setdefault(key, place.country_codes[0])
            self._country_names, self._country_codes = names, codes
        return self._country_names, self._country_codes

    def country_codes(self, place: Place) -> tuple[str, ...]:
        if place.country_codes:
            return place.country_codes
        codes = self._countries()[1]
        names = [normalize(name) for name in split_names(place.country)]
        return tuple(codes[name] for name in names if name in codes)

    def describe(self, place: Place) -> tuple[str, str]:
        """(country, admin1) of a place: as its source gives them, else from the borders
        (remembered per place: running text asks again and again)."""
        known = self._described.get(place.source)
        if known is not None:
            return known
        country, admin1 = place.country, place.admin1
        if not country and place.country_codes:
            country = self._countries()[0].get(place.country_codes[0], "")
        if not admin1 and not place.is_area:
            code = place.country_codes[0] if place.country_codes else None
            province = self.borders.containing(place.lat, place.lon, "province", code)
            admin1 = province.name if province is not None else ""
        self._described[place.source] = (country, admin1)
        return country, admin1

    def forget(self) -> None:
        """Forget the remembered matches of names (`bench/extract_bench.py` times each round
        from a cold start, so that reading the same articles again is not counted as speed)."""
        self._memo.clear()
        self._answers.clear()
        self._rankings.clear()

    # --- geocoding ------------------------------------------------------------------------

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        country_bias: str | None = None,
        fuzzy: bool = True,
        strict: bool = False,
        language: str | None = None,
        country: str | None = None,
        admin1: str | None = None,
    ) -> Location | list[Location] | None:
        """Places named `query`, best first: one Location (or None) with `exactly_one`, else
        every candidate with its `raw["score"]` (or None).

        `country_bias`: an ISO 3166-1 alpha-2 code whose places are preferred. `fuzzy=False`
        drops matches by transliteration skeleton only. `strict=True` is for names found in
        running text: it drops readings of ordinary English words ("March", "Bar") from
        GeoNames and provinces and folded matches of short names, and a name of three letters
        or fewer must match with its case ("US", not "us"). `timeout` is accepted for geopy's
        interface and unused: nothing here waits.

        `language` (ISO 639-1) is the language of the text the name was read in: when the
        name itself is not known, its form before an apostrophe suffix ("İran'dan") and, for
        one word, the names it is an inflected form or an adjective of ("Ирана", "иранский";
        match "inflected") are tried. A lower-case word (outside English) is read only as
        such a form: "iráni" is Iran's adjective, not the village of Irani. A name in
        Cyrillic, Greek, Georgian or Armenian letters that nothing knows in its own script
        is tried in Latin letters ("Ардебиль" is Ardabil; match "romanised").

        `country` and `admin1` (names, as a feature's properties give them) constrain the
        answers: only places in that country (and province: by name, or lying in the
        province of that name) are returned; None when the name is known only elsewhere."""
        self._load_aliases()
        memo_key = (query, fuzzy, strict, language, country_bias, country, admin1)
        memo_key += (self.local.revision,)  # an import into the local gazetteer forgets them
        ranked = self._rankings.get(memo_key)
        if ranked is None:
            ranked = self._ranked(
                query,
                fuzzy=fuzzy,
                strict=strict,
                language=language,
                country_bias=country_bias,
                country=country,
                admin1=admin1,
            )
            if len(self._rankings) >= MEMO_SIZE:
                self._rankings.clear()
            self._rankings[memo_key] = ranked
        locations = [self._location(match, score) for score, match in ranked]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def _ranked(
        self,
        query: str,
        *,
        fuzzy: bool,
        strict: bool,
        language: str | None,
        country_bias: str | None,
        country: str | None,
        admin1: str | None,
    ) -> tuple[tuple[float, Match], ...]:
        """`geocode`'s answers as (score, match), best first (remembered: running text asks
        for the same names article after article)."""
        if language and language != "en" and is_lower_case(query[:1]):
            # A lower-case word of a cased script is no name; it may be a name's adjective.
            scored = self._inflected(query, language, strict=strict, adjectives_only=True)
            if not scored and fuzzy and language in ORTHOGRAPHIES:
                # the adjective of a name in the language's spelling ("nahicseváni")
                scored = self._romanised(query, language, strict=strict, adjectives_only=True)
        else:
            scored = self._scored(query, fuzzy=fuzzy, strict=strict)
            if language and all(match.how == "folded" for _, match in scored):
                # Only the transliteration skeleton agrees ("Գյումրիի" with Gyumri, one letter
                # longer): the language's own forms say better ("Գյումրիի" is its genitive).
                scored = self._inflected(query, language, strict=strict) or scored
            if (
                (not scored or language in ORTHOGRAPHIES)
                and fuzzy
                and romanisable(query, language)
                and (language or not strict)
            ):
                # In running text, only with the language known: its stemmer tells a case
                # ending ("Ирана") from the name's own letters. A Latin orthography's
                # spelling may also read as another name's inflected form ("Hataj" as
                # Hātā): both readings are offered, the article's context chooses.
                scored = scored + self._romanised(query, language, strict=strict)
        if not scored and not strict:
            scored = self._designated(query, fuzzy=fuzzy)
        if not scored and "," in query:
            head, *context = (part.strip() for part in query.split(","))
            head_scored = self._scored(head, fuzzy=fuzzy, strict=strict)
            if not head_scored and not strict:
                head_scored = self._designated(head, fuzzy=fuzzy)
            scored = self._with_context(head_scored, context, fuzzy=fuzzy)
        if country_bias:
            bias = country_bias.strip().upper()
            scored = [
                (score if bias in self.country_codes(m.place) else score * 0.5, m)
                for score, m in scored
            ]
        if country or admin1:
            scored = [(score, m) for score, m in scored if self._within(m.place, country, admin1)]
        scored = self._promote_contained(scored)
        scored.sort(key=lambda pair: (-pair[0], -pair[1].place.population, pair[1].place.source))
        return tuple(scored)

    def _scored(self, query: str, *, fuzzy: bool, strict: bool) -> list[tuple[float, Match]]:
        key = normalize(query)
        if not key:
            return []
        if strict and len(key) <= SHORT_KEY:
            fuzzy = False
        return [
            (self._weight(match.place) * match.quality, match)
            for match in self._matches(key, fuzzy=fuzzy, local_fuzzy=fuzzy and not strict)
            if not strict or self._plausible_in_text(query, match)
        ]

    def _matches(self, key: str, *, fuzzy: bool, local_fuzzy: bool) -> list[Match]:
        """Every source's matches of a normalized key (folded ones with `fuzzy`, and for the
        local gazetteer with `local_fuzzy`), GeoNames' countries left to the borders (which
        answer with the polygon) and the local gazetteer's places that are already in memory
        left out."""
        return [
            match
            for local, match in self._all_matches(key)
            if match.how != "folded" or (local_fuzzy if local else fuzzy)
        ]

    def _all_matches(self, key: str) -> tuple[tuple[bool, Match], ...]:
        """(from the local gazetteer, match) for every match of `key`, folded ones included.
        Remembered (up to `MEMO_SIZE` keys): running text asks for one name strictly, then
        loosely, and for the same names article after article; an import into the local
        gazetteer forgets them."""
        memo_key = (key, self.local.revision)
        found = self._memo.get(memo_key)
        if found is not None:
            return found
        matches: list[tuple[bool, Match]] = []
        mapped = self._countries_with_borders()
        for gazetteer in self.sources:
            for match in gazetteer.index.matches(key, fuzzy=True):
                place = match.place
                if (
                    place.kind == "country"
                    and gazetteer is self.geonames
                    and (mapped.intersection(place.country_codes))
                ):
                    continue  # data/borders answers for it, with its polygon
                matches.append((False, match))
        in_memory = self.geonames.index.by_source
        matches.extend(
            (True, match)
            for match in self.local.matches(key, fuzzy=True)
            if match.place.source not in in_memory
        )
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()
        self._memo[memo_key] = found = tuple(matches)
        return found

    def _inflected(
        self, query: str, language: str, *, strict: bool, adjectives_only: bool = False
    ) -> list[tuple[float, Match]]:
        from geo.words.inflection import without_suffix

        bare = without_suffix(query)
        if bare is not None:
            scored = self._scored(bare, fuzzy=False, strict=strict)
            if scored:
                return scored
            query = bare
        if language == "en" or len(normalize(query)) < 4:
            return []
        mapped = self._countries_with_borders()
        scored = []
        for gazetteer in self.sources:
            for match in gazetteer.index.inflected_matches(
                query, language, adjectives_only=adjectives_only
            ):
                place = match.place
                if (
                    place.kind == "country"
                    and gazetteer is self.geonames
                    and (mapped.intersection(place.country_codes))
                ):
                    continue
                scored.append((self._weight(place) * match.quality, match))
        return scored

    def _romanised(
        self, query: str, language: str | None, *, strict: bool, adjectives_only: bool = False
    ) -> list[tuple[float, Match]]:
        """Matches of a Cyrillic, Greek, Georgian or Armenian name through its Latin
        spellings (`normalize.romanised`; also a Polish or Hungarian name through its
        orthography), as written and, for one word in a known language, its stem and the
        name an adjective is made of ("Ардебиля" -> "ардебил" -> "ardebil", which folds
        like Ardabil; "Nachiczewańskiej" -> "nachiczewan" -> "nakhichevan"): match
        "romanised". A romanised key must have `MIN_ROMANISED` letters, and in running text
        must not be an ordinary English word. `adjectives_only` (a lower-case word) reads
        only the names its adjective forms are made of, as match "adjective"."""
        spellings = [] if adjectives_only else [query]
        if language:
            from geo.words.inflection import forms

            # of a name of several words, its last inflects ("შიდა ქართლში": Shida Kartli)
            head, _, last = query.strip().rpartition(" ")
            # the form that cut least from the word first: a stemmer may cut into a name
            # ("Gandzsába" stems to "gandzs", a case ending gives "gandzsa", Ganja)
            cut = sorted(
                (
                    form
                    for form, adjective in forms(last, language)
                    if not (head and adjective) and (adjective or not adjectives_only)
                ),
                key=len,
                reverse=True,
            )
            spellings.extend(f"{head} {form}".strip() for form in cut)
        found: dict[str, tuple[float, Match]] = {}
        for spelling in spellings:  # the most direct spelling that meets a place
            for key in romanised(spelling, language):
                if strict and is_common_word(key):
                    continue
                for match in self._matches(key, fuzzy=True, local_fuzzy=True):
                    if adjectives_only and match.how == "folded" and not match.place.is_area:
                        continue  # a lower-case word's loose reading: a town's, a guess
                    if match.how == "folded" and match.place.kind == "country":
                        # every language's name of a country is known (CLDR): one met only
                        # loosely through a respelling is a common word ("Süden", Sudan)
                        continue
                    how = "adjective" if adjectives_only else "romanised"
                    romanised_match = Match(match.place, key, how)
                    score = self._weight(match.place) * romanised_match.quality
                    if score > found.get(match.place.source, (0.0,))[0]:
                        found[match.place.source] = (score, romanised_match)
            if found:
                break
        return list(found.values())

    def sounding(self, query: str, language: str, countries: Collection[str]) -> list[Location]:
        """Places of `countries` (names) one of whose Latin names has the consonant skeleton
        of the one word `query`, written in an abjad of `language` (`geo.words.skeleton`:
        Hebrew "נחצ'יבאן" is Nakhchivan), or of the word without a joined prefix (Arabic
        و, ب, ال); match "skeleton". Only places with no name of their own in that script
        (a name GeoNames lists would have been met as written), only skeletons of
        `MIN_CONSONANTS` classes or more, and only when one name has the skeleton (two
        villages of different names sharing it are a chance meeting): else []."""
        from geo.words import skeleton

        if " " in query.strip() or not skeleton.writes(query, language):
            return []  # two words' consonants run together meet names by chance
        codes = self._countries()[1]
        wanted = sorted({codes[key] for c in countries if (key := normalize(c)) in codes})
        spellings = [query] + [
            query[len(prefix) :]
            for prefix in skeleton.prefixes(language)
            if query.startswith(prefix)
        ]
        for spelling in spellings:
            sound = skeleton.of_script(spelling, language)
            if len(sound) < skeleton.MIN_CONSONANTS:
                continue
            met = [
                (key, place)
                for code in wanted
                for key, place in self._skeletons(language, code).get(sound, ())
            ]
            keys: dict[str, set[str]] = {}
            for key, place in met:
                keys.setdefault(place.source, set()).add(key)
            anchor = max(keys.values(), key=len, default=set())
            if met and all(anchor & other for other in keys.values()):
                # one name: every place met shares a spelling with the best-met one (the
                # town and the province of Nakhchivan), not two names of one skeleton
                matches = {place.source: Match(place, key, "skeleton") for key, place in met}
                return [
                    self._location(m, self._weight(m.place) * m.quality) for m in matches.values()
                ]
        return []

    def _skeletons(self, language: str, code: str) -> dict[str, list[tuple[str, Place]]]:
        """Consonant skeleton -> (Latin key, place) of the towns, provinces and sites of one
        country (an ISO code) that have no name in `language`'s script (remembered)."""
        remembered = self._sounds.get((language, code))
        if remembered is not None:
            return remembered
        from geo.words import skeleton

        found: dict[str, list[tuple[str, Place]]] = {}
        for place, keys in self._places_of(code):
            if place.kind == "country" or any(skeleton.writes(k, language) for k in keys):
                continue
            for key in keys:
                sound = skeleton.of_latin(key, language)
                if len(sound) >= skeleton.MIN_CONSONANTS:
                    found.setdefault(sound, []).append((key, place))
        self._sounds[language, code] = found
        return found

    def _places_of(self, code: str) -> list[tuple[Place, list[str]]]:
        """(place, its normalized keys) of every gazetteer entry in one country."""
        if self._by_country is None:
            by_country: dict[str, dict[str, tuple[Place, list[str]]]] = {}
            for gazetteer in self.sources:
                index = gazetteer.index
                for key, entries in index.exact.items():
                    for entry in entries:
                        place = index.places[entry >> 2]
                        for country in self.country_codes(place):
                            places = by_country.setdefault(country, {})
                            places.setdefault(place.source, (place, []))[1].append(key)
            self._by_country = by_country
        places = dict(self._by_country.get(code, {}))
        for place, keys in self.local.places_of(code):
            places.setdefault(place.source, (place, keys))
        return list(places.values())

    def _designated(self, query: str, *, fuzzy: bool) -> list[tuple[float, Match]]:
        """Matches of a query with a kind word first or last ("Gilan province", "city of
        Rasht"), of that kind where there are some; failing that, curated sites sharing the
        query's words (see SitesGeocoder.partial_matches)."""
        words = normalize(query).split()
        for designator, rest in ((words[:1], words[1:]), (words[-1:], words[:-1])):
            if not designator or not rest or designator[0] not in AREA_WORDS | SPOT_WORDS:
                continue
            rest_words = [w for w in rest if w != "of"]
            scored = self._scored(" ".join(rest_words), fuzzy=fuzzy, strict=False)
            wanted = designator[0] in AREA_WORDS
            kept = [(score, m) for score, m in scored if m.place.is_area == wanted]
            if kept:
                return [(score + (0.2 if wanted else 0.0), m) for score, m in kept]
            if scored:
                return scored
        return [
            (self._weight(match.place) * match.quality * share, match)
            for share, match in self.sites.partial_matches(query)
        ]

    def _within(self, place: Place, country: str | None, admin1: str | None) -> bool:
        """Whether `place` lies in the country and province named (either may be None)."""
        if country:
            codes = self._countries()[1]
            wanted = {codes.get(normalize(name)) for name in split_names(country)} - {None}
            if wanted and not wanted.intersection(self.country_codes(place)):
                return False
        if admin1:
            if place.is_area:
                return normalize(place.admin1 or place.name) == normalize(admin1)
            own = self.describe(place)[1]
            if normalize(own) == normalize(admin1):
                return True
            provinces = [
                m.place
                for m in self.borders.index.matches(normalize(admin1), fuzzy=False)
                if m.place.kind != "country"
            ]
            if provinces and not any(
                self._in_area(place, p, self.borders.geometry(p.source)) for p in provinces
            ):
                return False
        return True

    def _countries_with_borders(self) -> set[str]:
        if self._mapped is None:
            self._mapped = {
                code
                for place in self.borders.places()
                if place.kind == "country"
                for code in place.country_codes
            }
        return self._mapped

    def _plausible_in_text(self, query: str, match: Match) -> bool:
        place, key = match.place, match.key
        curated = place.source.startswith("sites:") or match.how == "alias"
        if (
            not curated
            and place.kind != "country"
            and place.population < COMMON_WORD_EXEMPT_POPULATION
            and (place.kind == "city" or " " not in key)
            and is_common_word(key)
        ):
            return False
        if len(key) <= SHORT_KEY:
            index = self._source_of(place.source)
            spellings = index.index.short_spellings.get(key, ()) if index else ()
            bare = query.replace(".", "").strip()
            return any(bare == spelling.replace(".", "") for spelling in spellings)
        return not (match.how == "folded" and len(key) < 5)

    def _weight(self, place: Place) -> float:
        if place.source.startswith("sites:"):
            return 0.9
        if place.kind == "country":
            return 0.8 if place.source.startswith("borders:") else 0.75
        if place.source.startswith("borders:"):
            return 0.7
        return _town_weight(place.population)

    def _with_context(
        self, scored: list[tuple[float, Match]], context: list[str], *, fuzzy: bool
    ) -> list[tuple[float, Match]]:
        areas: list[tuple[Place, Any]] = []
        countries: set[str] = set()
        towns: list[Place] = []
        for part in context:
            for _, match in self._scored(part, fuzzy=fuzzy, strict=False):
                place = match.place
                if place.kind == "country":
                    countries.update(self.country_codes(place))
                geometry = self.borders.geometry(place.source)
                if geometry is not None:
                    areas.append((place, geometry))
                elif not place.is_area:
                    towns.append(place)
        result = []
        for score, match in scored:
            place = match.place
            inside = (
                any(self._in_area(place, area, geometry) for area, geometry in areas)
                or bool(countries.intersection(self.country_codes(place)))
                or any(
                    float(haversine_km(place.lat, place.lon, town.lat, town.lon))
                    <= CONTEXT_RADIUS_KM
                    for town in towns
                )
            )
            result.append((min(1.0, score + 0.1) if inside else score * 0.5, match))
        return result

    def _in_area(self, place: Place, area: Place, geometry: Any) -> bool:
        """Whether `place` lies in `area`: within about 5 km of its polygon (a town on a
        border river, a simplified shoreline), and in the same country when both say."""
        codes = set(self.country_codes(place))
        if codes and area.country_codes and not codes.intersection(area.country_codes):
            return False
        point = ShapelyPoint(place.lon, place.lat)
        return bool(shapely.dwithin(geometry, point, COAST_TOLERANCE_DEGREES))

    def _promote_contained(self, scored: list[tuple[float, Match]]) -> list[tuple[float, Match]]:
        areas = [
            (score, match.place, self.borders.geometry(match.place.source))
            for score, match in scored
            if match.place.source.startswith("borders:")
        ]
        if not areas:
            return scored
        promoted = []
        in_memory = self.geonames.index.by_source
        for score, match in scored:
            place = match.place
            # A village of the local gazetteer does not outrank a province of its name.
            local = place.source.startswith("geonames:") and place.source not in in_memory
            if not place.is_area and not local:
                for area_score, area, geometry in areas:
                    if area_score > score and self._in_area(place, area, geometry):
                        score = min(1.0, area_score + 0.001)
            promoted.append((score, match))
        return promoted

    def _location(self, match: Match | None, score: float, place: Place | None = None) -> Location:
        """A new Location (its `raw` is the caller's to change) of `place` (else the match's).
        Running text asks for the same places again and again; what they are built from (the
        province around them, their outline, geopy's checked Point) is remembered."""
        place = place or match.place  # type: ignore[union-attr]
        key = (place.source, score, match.how if match is not None else None)
        built = self._answers.get(key)
        if built is None:
            if len(self._answers) >= ANSWERS_SIZE:
                self._answers.clear()
            built = self._answers[key] = self._built_location(match, score, place)
        raw = dict(built.raw)
        raw["country_codes"] = list(raw["country_codes"])
        return Location(built.address, built.point, raw)

    def _built_location(self, match: Match | None, score: float, place: Place) -> Location:
        raw = raw_of(place, score=score, match=match)
        raw["country"], raw["admin1"] = self.describe(place)
        raw["country_codes"] = list(self.country_codes(place))
        raw["geo_precision"] = geo_precision_of(place)
        geometry = self.borders.geometry(place.source)
        if geometry is not None:
            raw["geometry"] = geometry
        return location_of(place, raw)

    def location_of_source(self, source: str) -> Location | None:
        """The Location of one gazetteer entry, by its `geo_source` value."""
        place = self.get(source)
        return None if place is None else self._location(None, 1.0, place)

    def sites_near(
        self,
        lat: float,
        lon: float,
        kinds: Collection[str],
        radius_km: float,
        town: str = "",
    ) -> list[Location]:
        """Sites of one of `kinds` (sites.csv `kind`) within `radius_km` of a point, nearest
        first: the airport of a town a text names with its facility word ("l'aéroport de
        Nakhitchevan"). Curated sites first; then, for airports and air bases, those of
        OurAirports (geo.geocoders.airports) that no curated site of the kind stands within
        `SAME_SITE_KM` of. Given the `town`'s name, the aerodromes that OurAirports says
        serve it are the only ones kept when there are some (Tehran: Mehrabad and Imam
        Khomeini, the second 35 km out), whatever their distance. `raw["match"]` is
        "name"."""
        self._load_aliases()
        found = []
        for place in self.sites.places():
            if place.kind in kinds:
                distance = float(haversine_km(lat, lon, place.lat, place.lon))
                if distance <= radius_km:
                    found.append((distance, place.source, place))
        if AERODROME_KINDS.intersection(kinds):
            found += self._aerodromes_near(lat, lon, kinds, radius_km, town, found)
        return [
            self._location(Match(place, normalize(place.name), "name"), self._weight(place))
            for _, _, place in sorted(found)
        ]

    def _aerodromes_near(
        self,
        lat: float,
        lon: float,
        kinds: Collection[str],
        radius_km: float,
        town: str,
        curated: list[tuple[float, str, Place]],
    ) -> list[tuple[float, str, Place]]:
        """OurAirports' aerodromes for `sites_near` (see there)."""
        key = normalize(town)
        found, serving = [], []
        for place in self.airports.places():
            if place.kind not in kinds:
                continue
            distance = float(haversine_km(lat, lon, place.lat, place.lon))
            serves = bool(key) and self.airports.city_of(place.source) == key
            if distance > radius_km and not (serves and distance <= TOWN_AERODROME_KM):
                continue
            if any(
                c.kind == place.kind
                and float(haversine_km(c.lat, c.lon, place.lat, place.lon)) <= SAME_SITE_KM
                for _, _, c in curated
            ):
                continue
            (serving if serves else found).append((distance, place.source, place))
        return serving or found

    # --- reverse --------------------------------------------------------------------------

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        count: int = 5,
    ) -> Location | list[Location] | None:
        """The named place (site or town) nearest to `query` ("lat, lon", a pair or a geopy
        Point), with the province and country that hold the queried point itself in
        `raw["admin1"]` / `raw["country"]` (empty at sea) and the distance in
        `raw["distance_km"]`. `exactly_one=False` gives the `count` nearest."""
        point = Point(query)
        lat, lon = point.latitude, point.longitude
        nearby: list[tuple[float, Place]] = []
        for gazetteer in (self.sites, self.geonames):
            nearby.extend(
                (distance, place)
                for distance, place in gazetteer.nearest(lat, lon, count + 1)
                if not place.is_area
            )
        nearby.sort(key=lambda pair: pair[0])
        province = self.borders.containing(lat, lon, "province")
        country = self.borders.containing(lat, lon, "country")
        locations = []
        for distance, place in nearby[:count]:
            location = self._location(None, 1.0, place)
            location.raw["distance_km"] = round(distance, 3)
            location.raw["admin1"] = province.name if province else ""
            location.raw["admin1_source"] = province.source if province else ""
            location.raw["country"] = country.name if country else ""
            location.raw["country_source"] = country.source if country else ""
            locations.append(location)
        if not locations:
            return None
        return locations[0] if exactly_one else locations


def is_ambiguous(locations: list[Location]) -> bool:
    """Whether the two best answers are too close in score to choose between: far apart
    (over 25 km) or in different countries (twin towns across a border), and neither inside
    the other's area."""
    if len(locations) < 2:
        return False
    best, second = locations[0], locations[1]
    if second.raw["score"] < AMBIGUOUS_RATIO * best.raw["score"]:
        return False
    # One place twice, unless a border runs between (the two Julfas); an area and a spot
    # within the coast tolerance of it (a port, Batumi in Adjara, may fall just outside its
    # province's simplified shore) are one place too.
    return _distinct_places(best, second)


def _distinct_places(best: Location, other: Location) -> bool:
    """Whether two answers are two places, not one twice: over AMBIGUOUS_KM apart or with a
    border between them (the two Astaras, 3 km apart), and neither inside the other's area."""
    distance = float(haversine_km(best.latitude, best.longitude, other.latitude, other.longitude))
    countries = set(best.raw.get("country_codes") or ()), set(other.raw.get("country_codes") or ())
    if distance <= AMBIGUOUS_KM and not (all(countries) and countries[0].isdisjoint(countries[1])):
        return False
    for area, spot in ((best, other), (other, best)):
        geometry = area.raw.get("geometry")
        spot_point = ShapelyPoint(spot.longitude, spot.latitude)
        if geometry is not None and shapely.dwithin(geometry, spot_point, COAST_TOLERANCE_DEGREES):
            return False
    return True


def namesakes(locations: list[Location]) -> list[Location]:
    """The other populated places (GeoNames towns and villages) that bear the best answer's
    name as their own, whatever their score: "Astara" is a town in Azerbaijan and one in Iran
    across the border, though Azerbaijan's ranks first by far. A place inside the best
    answer's area, or the same place twice, is none."""
    if not locations:
        return []
    best = locations[0]
    return [
        other
        for other in locations[1:]
        if other.raw.get("kind") == "city"
        and other.raw.get("match") == "name"
        and str(other.raw.get("source", "")).startswith("geonames:")
        and _distinct_places(best, other)
    ]
