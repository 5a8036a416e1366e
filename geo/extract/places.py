"""Place mentions in an article: every span of text the offline geocoder knows as a place.

How a span becomes a mention:
1. Candidate spans are runs of capitalised words (a name may hold "of", "and", "the":
   "Republic of Azerbaijan"); a possessive ("Iran's", "Azerbaijan’s") ends a name.
2. At each word the longest span the geocoder knows wins, so "Nakhchivan International
   Airport" is the airport and not the town, and "Nakhchivan Autonomous Republic" the province.
   Only exact matches after `normalize` count (case, diacritics, apostrophes, punctuation
   folded); the geocoder's looser transliteration match is accepted for one word that is not
   an English word and only when it names a site, province or country ("Nakhichevan").
3. Readings that are most likely not places are dropped: month and weekday names, titles;
   a name only the geocoder's loose (non-strict) reading knows, outside the article's countries
   or, for a town, smaller than `LOOSE_TOWN_POPULATION`; a town too small for the news
   (`TOWN_POPULATION_FLOOR`) unless it lies in a country the article names; a town written
   right next to another capitalised word that is not a place word ("Tehran Times", "Leon
   Trotsky", "Vladimir Lenin"): that is an outlet's or a person's name. Outside English, where
   capitals mark offices and German nouns too, only a neighbour that is no word of the
   language's dictionary (simplemma) and no place rules a town out ("Wladimir Putin",
   "Ahmad Vahidi"), nor a town's name between a title and one surname ("Президент России
   Владимир Путин"); a name right after a word of a news outlet ("صحيفة", "la chaîne") is the
   outlet's. A frequent word of the language is the word (`common_word`) when no capital
   marks it, and, for a place in a country neither the article nor the language names, with
   a smaller margin whatever its capital ("Plaza de la Libertad").
4. Strays: a town (not a capital) or province in a country the article never names, farther
   than `STRAY_KM` from every other place it names and never written as a place (locative,
   settlement or province word), is a word that met a name by chance (`_without_strays`).
5. Homonyms: a candidate in a country the article names (unambiguously) beats one elsewhere;
   then the geocoder's own ranking decides.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from geo.extract.language import Languages, calendar_words
from geo.words import skeleton
from geo.words.inflection import without_suffix
from geo.words.lexicon import (
    DESIGNATION_LINKS,
    FACILITY_STEMS,
    LANGUAGES,
    SETTLEMENT_STEMS,
    all_stems,
    alternation,
    designation,
    entry,
    stem_pattern,
    union,
    words,
)
from geo.words.names import capital_keys
from geo.words.normalize import is_lower_case, normalize

MAX_NAME_WORDS = 6
VILLAGE_POPULATION = 5000
MIN_ADJECTIVE = 5  # letters: shorter lower-case words are not read as a name's adjective
SHORT_CODE = 4  # capital letters: "OTS", "IRGC" are codes; they name only curated sites
TOWN_POPULATION_FLOOR = 50_000
LOOSE_TOWN_POPULATION = 500_000  # for a town whose name is also an English word
# A city this big is read in its inflected forms ("בטהרן", in Tehran) whatever the article's
# countries: a chance meeting of a word's form with its name is rare, its news frequent.
INFLECTED_CITY_POPULATION = 1_000_000
# a town elsewhere needs this many people to be read as a place
AREA_KINDS = frozenset({"country", "province", "autonomous_republic", "sea", "region"})
# How specific a place is: an incident is placed at the most specific place of its sentence.
SPECIFICITY: dict[str, int] = {
    "country": 0,
    "region": 1,
    "sea": 1,
    "province": 2,
    "autonomous_republic": 2,
    "city": 3,
}
ADMIN1_KINDS = frozenset({"province", "autonomous_republic"})
SITE_SPECIFICITY = 4  # every site kind (airport, embassy, ...)
# A facility word names the only site of its kind within this distance of its town:
FACILITY_RADIUS_KM = 30.0
PROVINCE_RADIUS_KM = 300.0
FACILITY_BEFORE_WORDS = 3  # "the airport of", "den Flughafen von", "aerodrom u"
FACILITY_AFTER_WORDS = 2  # "hava limanı", "International Airport"
_CLAUSE_END = re.compile(r"[,.;:!?()\"«»“”،؛]")

# Small words that may stand inside a name ("Republic of Azerbaijan"); words that are never a
# place (titles, months: "President", "Ministry"); words that may follow a place's name
# without making it an outlet's or a person's name ("Airport", "Province"); words after a
# possessive place that make it the place meant ("Azerbaijan's territory"), not an actor
# ("Iran's General Staff"). All from the languages' data files (geo.words.lexicon).
CONNECTORS = frozenset(w.casefold() for w in union("places.connectors"))
NOT_PLACES = frozenset(normalize(word) for word in union("places.not_places"))
PLACE_HEADS = frozenset(normalize(word) for word in union("places.place_heads"))
LOCATIVE_AFTER_POSSESSIVE = frozenset(union("places.locative_after_possessive"))

# A word starts with a letter after a non-word character ("1K" holds no word "K"); dots
# inside it keep initials together ("U.S.").
# Combining marks (Arabic harakat, the ezafe hamza), the zero-width non-joiner of Persian and
# the invisible characters pasted web text carries inside words (zero-width joiner, soft
# hyphen, word joiner) belong to the word they are written in.
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d\u00ad\u2060"
_WORD = re.compile(rf"(?<!\w)[^\W\d_](?:[^\W_]|[{_MARKS}]|['’](?=\w)|\.(?=\w))*['’.]?")
# News abbreviations of countries: gazetteers keep two- and three-letter codes out of their
# name index ("IN", "IS" and "AM" would match ordinary words), so they are expanded here.
ABBREVIATIONS: dict[str, str] = {
    key: name
    for code in LANGUAGES
    for key, name in (entry(code, "places.abbreviations") or {}).items()
}
_POSSESSIVE = re.compile(r"['’]s?$")
# An elided article or preposition of French and Italian before a capitalised name.
_ELISION = re.compile(rf"(?i:{alternation(union('places.elisions'))})['’](?=[^\W\d_])")
# How a geocoder's answer met the text that running text accepts ("partial" is for lookups).
READ_MATCHES = frozenset(
    {"name", "alternate", "alias", "folded", "inflected", "adjective", "romanised", "skeleton"}
)
_WORDS_ONLY = re.compile(r"[\w \t'’]*")  # words, blanks and an elision ("province d'")


class Geocoder(Protocol):
    """What is asked of the geocoder: `geo.geocoders.OfflineGeocoder`'s `geocode`, where
    `strict=True` drops readings of ordinary words and case-folded short names."""

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = ...,
        strict: bool = ...,
        language: str | None = ...,
    ) -> Any: ...

    def sites_near(
        self, lat: float, lon: float, kinds: Collection[str], radius_km: float
    ) -> list[Any]: ...

    def reverse(self, query: Any) -> Any: ...

    def sounding(self, query: str, language: str, countries: Collection[str]) -> list[Any]: ...


@dataclass(frozen=True)
class Candidate:
    """One reading of a span: a place the geocoder returned."""

    source: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str
    admin1: str
    population: int
    score: float
    folded: bool
    own_name: bool = False  # the query is the place's own name, not an alternate spelling
    inflected: bool = False  # an inflected form or an adjective of one of its names
    adjective: bool = False  # an adjective or demonym made from its name ("иранский", "Iraqi")
    loose: bool = False  # found only without the geocoder's strict filter for running text
    romanised: bool = False  # a non-Latin name met in Latin letters ("Ардебиль": Ardabil)
    # met by its consonants among the countries of the article's places (geo.words.skeleton)
    sounded: bool = False
    geometry: Any = field(default=None, compare=False, hash=False)

    @property
    def specificity(self) -> int:
        return SPECIFICITY.get(self.kind, SITE_SPECIFICITY)

    @property
    def is_area(self) -> bool:
        return self.kind in AREA_KINDS


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Candidate
    possessive: bool

    @property
    def span(self) -> str:
        return f"{self.start}-{self.end}"


class _Token:
    """One word of the text, with what the name scan asks of it computed once: the scan
    visits each word several times (two scans, each span ending at it)."""

    __slots__ = ("capitalised", "caseless", "end", "possessive", "start", "suffixed", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        apostrophe = "'" in text or "’" in text
        self.possessive = apostrophe and _POSSESSIVE.search(text) is not None
        # A case suffix joined by an apostrophe ("Nahçıvan'a"): the name ends here.
        self.suffixed = apostrophe and not self.possessive and without_suffix(text) is not None
        first = text[:1]
        # A capital, or a letter of a script that has no capitals (Arabic, Persian,
        # Georgian): there any word may begin a name. (Most words are small Latin or
        # Cyrillic letters: `is_lower_case` is asked only of the others.)
        if first.isupper():
            self.capitalised, self.caseless = True, False
        elif first.islower() and (first < "\u10a0" or is_lower_case(first)):
            self.capitalised = self.caseless = False
        else:
            self.capitalised = self.caseless = first.isalpha()


@lru_cache(maxsize=4)
def _tokens(text: str) -> tuple[_Token, ...]:
    """The words of `text` (remembered for the last few texts: the place and unplaced-name
    scans of one article read the same words)."""
    tokens = []
    for match in _WORD.finditer(text):
        word = match.group()
        if word.endswith(".") and not re.fullmatch(r"(?:\w\.)+", word):
            word = word[:-1]  # a full stop, not an initial's dot
        if word.endswith(("'", "’")) and not word.endswith(("s'", "s’")):
            word = word[:-1]
        start = match.start()
        elided = _ELISION.match(word)
        if elided and word[elided.end()].isupper():  # "d'Ordubad", "dell'Iran": the name
            start, word = start + elided.end(), word[elided.end() :]
        tokens.append(_Token(start, start + len(word), word))
    return tuple(tokens)


class _SpanSet:
    """Offsets covered by any of some (start, end) spans, end exclusive: `offset in spans`
    in logarithmic time (an article has hundreds of words and dozens of spans)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def __contains__(self, offset: int) -> bool:
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]


def _tokens_outside(text: str, excluded: Iterable[tuple[int, int]]) -> list[_Token]:
    spans = _SpanSet(excluded)
    return [token for token in _tokens(text) if token.start not in spans]


def _candidates(geocoder: Geocoder, query: str, language: str) -> list[Candidate]:
    """Readings of `query`: the geocoder's strict answers for running text; failing those,
    its plain answers marked `loose` ("Baku" and "West Bank" are also English words, and
    only the article's context can admit them)."""
    key = normalize(query)
    if key in ABBREVIATIONS and query.replace(".", "").isupper():
        query = ABBREVIATIONS[key]
    loose = False
    found = geocoder.geocode(query, exactly_one=False, strict=True, language=language)
    if not found:
        found, loose = geocoder.geocode(query, exactly_one=False, language=language) or [], True
    # a "partial" match ("Foreign Ministry") is for interactive lookups
    return [
        _candidate(location, query, loose)
        for location in found
        if location.raw.get("match") in READ_MATCHES
    ]


def _candidate(location: Any, query: str, loose: bool = False) -> Candidate:
    raw = location.raw
    return Candidate(
        source=str(raw.get("source", "")),
        name=str(raw.get("name", query)),
        kind=str(raw.get("kind", "other")),
        lat=float(location.latitude),
        lon=float(location.longitude),
        country=str(raw.get("country") or ""),
        admin1=str(raw.get("admin1") or ""),
        population=int(raw.get("population") or 0),
        score=float(raw.get("score") or 0.0),
        folded=raw.get("match") == "folded",
        own_name=raw.get("match") == "name",
        inflected=raw.get("match") in ("inflected", "adjective"),
        adjective=raw.get("match") == "adjective",
        loose=loose,
        # a consonant skeleton's match is a transliteration too, and weighed as one
        romanised=raw.get("match") in ("romanised", "skeleton"),
        sounded=raw.get("match") == "skeleton",
        geometry=raw.get("geometry"),
    )


_NAME_GAP = re.compile(r"[ \t]?[-–]?[ \t]?")


def _gap_is_name(text: str, left: _Token, right: _Token) -> bool:
    """True when two words may belong to one name: separated by a space, a hyphen or an en
    dash only, and never across a sentence's full stop or a comma."""
    return _NAME_GAP.fullmatch(text, left.end, right.start) is not None


def _spans(text: str, tokens: list[_Token], at: int, language: str) -> Iterable[int]:
    """End indexes (exclusive) of the candidate names starting at token `at`, longest first.
    Outside English a lower-case word is a candidate on its own: an adjective of a name
    ("иранский", "iráni")."""
    if not tokens[at].capitalised:
        return [at + 1] if language != "en" and len(tokens[at].text) >= MIN_ADJECTIVE else []
    ends = [at + 1]
    index = at
    while (
        not tokens[index].possessive
        and not tokens[index].suffixed
        and index + 1 < len(tokens)
        and len(ends) < MAX_NAME_WORDS
        and _gap_is_name(text, tokens[index], tokens[index + 1])
    ):
        index += 1
        word = tokens[index]
        if word.capitalised:
            ends.append(index + 1)
        elif word.text.lower() not in CONNECTORS:
            break
    return reversed(ends)


def _acceptable(
    candidate: Candidate,
    key: str,
    named_countries: set[str],
    *,
    neighbours_are_names: bool,
    is_code: bool,
    caseless: bool = False,
    home: frozenset[str] = frozenset(),
    located: bool = False,
) -> bool:
    """Whether a reading may stand for the name `key` in running text (see the module's
    docstring, 3): `located` when the name is written capitalised right after a locative
    preposition ("in Ganja")."""
    if candidate.kind == "country":
        return not candidate.folded
    if candidate.loose and (candidate.folded or is_code):
        return False
    if candidate.loose and " " not in key:
        # An English word names a place only in one of the article's countries ("Eastern",
        # a Saudi province, is not) and, for a town, a big one ("Baku"; not "Media", PA);
        # or, written where a place is written ("in Ganja", capitalised after a locative),
        # a town of the news's size under its own name, wherever it lies.
        if located and candidate.kind == "city" and candidate.own_name:
            if candidate.population < TOWN_POPULATION_FLOOR:
                return False
        elif candidate.country not in named_countries or (
            candidate.kind == "city"
            and (candidate.population < LOOSE_TOWN_POPULATION or not candidate.own_name)
        ):
            return False
    if is_code and candidate.specificity != SITE_SPECIFICITY:
        return False  # "OTS" is an organisation here, not a town's airport code
    short = len(key) < 3 or (
        len(key) == 3
        and not candidate.own_name
        # a script without capitals writes towns in three letters (خوی, Khoy; یزد, Yazd):
        # one of the article's countries, or of the language's own, is read so
        and not (
            caseless
            and candidate.population >= TOWN_POPULATION_FLOOR
            and (candidate.country in named_countries or normalize(candidate.country) in home)
        )
    )
    if short or neighbours_are_names:
        return False  # "She" (an alternate of Shenyang), "Qasem" (Soleimani), "Tehran" (Times)
    if candidate.folded and (" " in key or candidate.kind == "city"):
        return False
    if (
        candidate.inflected
        and (candidate.kind == "city" or (candidate.adjective and candidate.kind != "country"))
        and candidate.country not in named_countries
        and normalize(candidate.country) not in home
        and not (candidate.kind == "city" and candidate.population >= INFLECTED_CITY_POPULATION)
    ):
        # "Gárda" is no inflected Ghardaïa, "russische" no Ruse: a town's forms and a
        # province's adjective count in the article's countries and in those whose
        # language the text is in (`home_countries`: "თბილისში" is Tbilisi in Georgian)
        return False
    if (
        candidate.romanised
        and not candidate.sounded
        and candidate.country not in named_countries
        and " " not in key
    ):
        # A transliteration is weak evidence: only in the article's countries, unless the
        # name has several words ("შიდა ქართლში", Shida Kartli: no chance meeting).
        return False
    if candidate.kind != "city":
        return True
    # A small town counts in the article's countries, and, in a script whose capital letters
    # mark names, in the countries of the text's language ("Գորիսի": Goris, in Armenian);
    # where any word may be a name (Persian, Arabic), a small town of the language's country
    # is as often one of its words.
    return (
        candidate.population >= TOWN_POPULATION_FLOOR
        or candidate.country in named_countries
        or (not caseless and normalize(candidate.country) in home)
    )


HOME_SHARE = 50  # per cent of a country's people who speak its official language


@lru_cache(maxsize=64)
def home_countries(language: str) -> frozenset[str]:
    """The countries (normalized English names, CLDR through `babel`) where `language` is
    official and spoken by at least `HOME_SHARE` per cent: Georgian's Georgia, Persian's
    Iran and Afghanistan. A text in the language is read with them as its context."""
    from babel import Locale
    from babel.core import get_global

    names = Locale("en").territories
    return frozenset(
        normalize(names[territory])
        for territory, spoken in get_global("territory_languages").items()
        if territory in names
        and (info := spoken.get(language)) is not None
        and info.get("official_status") in ("official", "de_facto_official")
        and info.get("population_percent", 0) >= HOME_SHARE
    )


def _best(readings: list[Candidate], key: str, named_countries: set[str]) -> Candidate:
    """The reading meant: a country outright; else a site; else a town over the province of
    the same name (news say "Tabriz" for the city); else the geocoder's ranking, with places
    in the article's countries first."""
    for kind_test in (
        lambda r: r.kind == "country",
        lambda r: r.specificity == SITE_SPECIFICITY and not r.folded,
    ):
        chosen = [r for r in readings if kind_test(r)]
        if chosen:
            return max(chosen, key=lambda r: (r.country in named_countries, r.score))
    # (also when the text writes the name in another script or case: "Ардебиля" reads as
    # Ardabīl the town and Ardabil the province alike)
    areas = {normalize(r.name) for r in readings if r.is_area}
    towns = [r for r in readings if r.kind == "city" and normalize(r.name) in areas]
    if towns:
        return max(towns, key=lambda r: (r.country in named_countries, r.population))
    return max(
        readings,
        key=lambda r: (r.country in named_countries, not r.folded, r.score, r.population),
    )


# A town this close to a province's outline (or inside it) that bears the province's name is
# its seat: simplified outlines put a seat on the line a few kilometres out (Laçın, 2.5 km).
SEAT_KM = 10.0


def _town_of_the_same_name(
    province: Candidate, lookup: Callable[[str, str], list[Candidate]]
) -> Candidate | None:
    """The town that gives a province or district its name ("Ardabil"), when the text's
    spelling of the name met only the province ("Ардебиля": Natural Earth's Russian name of
    the province, while GeoNames lists none for the town) or the town was too small to be
    read alone (Laçın, the seat of Lachin district: 2,300 people): as `_best` does, the town
    is meant unless a province or district word says otherwise. The town is one GeoNames
    lists under the province's name (its own name or an alternate, not a folded spelling:
    "Lachin" is Laçın's) inside the province or within `SEAT_KM` of its outline."""
    towns = [
        r
        for r in lookup(province.name, "en")
        if r.kind == "city"
        and not r.folded
        and not r.loose
        and (r.admin1 == province.name or _km_to(r, province) <= SEAT_KM)
    ]
    return max(towns, key=lambda r: r.population) if towns else None


def _neighbours_are_names(text: str, tokens: list[_Token], first: int, last: int) -> bool:
    """True when a capitalised word that is not a place word sits right before or after the
    span (a person's or an outlet's name around a town's name)."""
    before = tokens[first - 1] if first > 0 else None
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    if (
        after is not None
        and not tokens[last].possessive
        and after.capitalised
        and text[tokens[last].end : after.start] == " "
        and normalize(after.text) not in PLACE_HEADS
    ):
        return True
    return (
        before is not None
        and before.capitalised
        and not before.possessive
        and text[before.end : tokens[first].start] == " "
        and normalize(before.text) not in NOT_PLACES | {"the"}
        and not _sentence_start(text, before.start)
    )


_OUTLET = stem_pattern(union("places.outlets"))
_OUTLET_GAP = re.compile(r"[\s\"'«»“”„‘’]*")


def _outlet_name(text: str, tokens: list[_Token], first: int) -> bool:
    """Whether the name follows a word that names a news outlet ("newspaper", "agency",
    "صحيفة", "газета"), blanks or an opening quote between: the outlet's name ("صحيفة
    "ديلي صباح"" is no Dili, "агентство Баку-Пресс" no Baku)."""
    if first == 0:
        return False
    before = tokens[first - 1]
    return (
        _OUTLET_GAP.fullmatch(text, before.end, tokens[first].start) is not None
        and _OUTLET.match(before.text) is not None
    )


# Curated sites of a kind every country has (a foreign ministry): a generic name of one
# ("Dışişleri Bakanlığı") is another country's when that country is named beside it.
INSTITUTION_KINDS = frozenset({"government"})


def _another_country_beside(
    text: str,
    tokens: list[_Token],
    first: int,
    last: int,
    country: str,
    lookup: Callable[[str, str], list[Candidate]],
    language_at: Callable[[int], str],
) -> bool:
    """Whether the word right before the span (a blank or a possessive between:
    "Azerbaycan Dışişleri Bakanlığı", "Iran's Foreign Ministry") or right after it ("МИД
    Азербайджана") names a country other than `country`."""
    neighbours = []
    if first > 0 and text[tokens[first - 1].end : tokens[first].start].isspace():
        neighbours.append(tokens[first - 1])
    if last + 1 < len(tokens) and text[tokens[last].end : tokens[last + 1].start].isspace():
        neighbours.append(tokens[last + 1])
    for token in neighbours:
        word = _POSSESSIVE.sub("", token.text)
        named = {r.name for r in lookup(word, language_at(token.start)) if r.kind == "country"}
        if named and country not in named:
            return True
    return False


_TITLE = stem_pattern(union("places.titles"))
TITLE_WORDS_BEFORE = 2  # words a title may stand before the name: "Президент России Владимир"


def _titled_name(
    text: str,
    tokens: list[_Token],
    at: int,
    lookup: Callable[[str, str], list[Candidate]],
    language_at: Callable[[int], str],
) -> bool:
    """Whether the word at `at` is a given name: a title word ("президент", "Devlet
    Başkanı", "der Präsident,") among the `TITLE_WORDS_BEFORE` words before it in its
    clause, no "of" between ("the mayor of Kharkiv Ihor Terekhov" names the town), and one
    capitalised word that is no place right after it (the surname, however famous: the
    Russian dictionary knows "Путин"); two after it are more likely the official of the
    town named."""
    if at + 1 >= len(tokens) or text[tokens[at].end : tokens[at + 1].start] != " ":
        return False
    after = tokens[at + 1]
    if not after.capitalised or after.caseless or after.text.isupper():
        return False
    if (
        at + 2 < len(tokens)
        and tokens[at + 2].capitalised
        and text[after.end : tokens[at + 2].start] == " "
    ):
        return False  # two names after it: the town's official ("мэр Гянджи Ниязи Байрамов")
    for back in range(1, TITLE_WORDS_BEFORE + 1):
        if at - back < 0:
            return False
        before = tokens[at - back]
        gap = text[before.end : tokens[at - back + 1].start]
        if gap not in (" ", ", ") or (gap == ", " and back > 1):
            return False
        if before.text.casefold() in DESIGNATION_LINKS:
            return False
        if _TITLE.match(before.text):
            word = _POSSESSIVE.sub("", after.text)
            return not _names_a_place(word, language_at(after.start), lookup)
    return False


def _names_a_place(word: str, language: str, lookup: Callable[[str, str], list[Candidate]]) -> bool:
    """Whether the gazetteer reads `word` as a place in its own right: a country, a
    province or a town big enough for the news, by one of its names (not by a loose match,
    an inflection or a transliteration: "Путин" meets a Texan Poteet only so)."""
    return any(
        not r.loose
        and not r.inflected
        and not r.romanised
        and (r.kind != "city" or r.population >= TOWN_POPULATION_FLOOR)
        for r in lookup(word, language)
    )


def _beside_personal_name(
    text: str,
    tokens: list[_Token],
    first: int,
    last: int,
    lookup: Callable[[str, str], list[Candidate]],
    language_at: Callable[[int], str],
) -> bool:
    """Whether a word of a person's name stands right before or after the span, a blank
    between (`_personal_name_word`): "Wladimir Putin", "Mohammad Sadegh Motamedian"."""
    before = tokens[first - 1] if first > 0 else None
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    return (
        after is not None
        and not tokens[last].possessive
        and text[tokens[last].end : after.start] == " "
        and _personal_name_word(after, language_at(after.start), lookup)
    ) or (
        before is not None
        and not before.possessive
        and text[before.end : tokens[first].start] == " "
        and _personal_name_word(before, language_at(before.start), lookup)
    )


def _personal_name_word(
    token: _Token, language: str, lookup: Callable[[str, str], list[Candidate]]
) -> bool:
    """Whether a word is most likely part of a person's name: capitalised in a script that
    has capitals (an acronym is not), no word of its language (`known_word`: German nouns
    are capitalised too) and no place the gazetteer knows ("Putin", "Vahidi")."""
    word = _POSSESSIVE.sub("", token.text)
    key = normalize(word)
    if (
        not token.capitalised
        or token.caseless
        or len(key) < 2
        or word.isupper()
        or key in NOT_PLACES
        or key in PLACE_HEADS
        or key in calendar_words()
    ):
        return False
    if known_word(word, language) is not False:
        return False  # a word of the language, or nothing tells
    return not _names_a_place(word, language, lookup)


@lru_cache(maxsize=1 << 14)
def known_word(word: str, language: str) -> bool | None:
    """Whether `word` is in the dictionary of `language` by `simplemma` (which lists nouns
    and verbs, but few people's names: "Truppen" and "Büyükelçisi" are, "Putin" and
    "Vahidi" are not; the file's `inflection.simplemma` names its dictionary when the code
    differs), None for a language simplemma has no dictionary of."""
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    code = entry(language, "inflection.simplemma") or language
    if code not in SUPPORTED_LANGUAGES:
        return None
    import simplemma

    return bool(simplemma.is_known(word, lang=code))


def _form_of_another_word(
    word: str, language: str, reading: Candidate, lookup: Callable[[str, str], list[Candidate]]
) -> bool:
    """Whether `word`, read as `reading` through an inflection, is by the language's
    dictionary (`simplemma`) a form of a word that is not that place: "Данных" (of data)
    is a form of "данные", not of "Дания" (Denmark), whose stem it shares, while "Ирана"
    is a form of "Иран". A country is checked so: a town's frequent forms are already
    told by their frequency (`common_word`), a country's never are."""
    if not reading.inflected or reading.adjective or reading.kind != "country":
        return False
    lower = word.casefold()  # unmarked: the dictionary reads a sentence's first word so
    if not known_word(lower, language):
        return False
    import simplemma

    code = entry(language, "inflection.simplemma") or language
    found = simplemma.lemmatize(lower, lang=code)
    if found.casefold() == lower:
        return False
    return not any(r.source == reading.source and not r.inflected for r in lookup(found, language))


def _sentence_start(text: str, position: int) -> bool:
    """Whether `position` opens a sentence: only blanks between it and the text's start or
    a sentence's end (looked for backwards: copying the text before it was quadratic)."""
    end = position
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end == 0 or text[end - 1] in '.!?\n:“"('


def find_places(
    text: str,
    geocoder: Geocoder,
    excluded: Iterable[tuple[int, int]] = (),
    languages: Languages | None = None,
) -> list[PlaceMention]:
    """Place mentions in text order. Spans in `excluded` (source citations, link text) are
    not read; `languages` says which language each paragraph is in (English by default).

    Two scans: the first finds the countries the article names (and those of the sites and
    provinces it names) without guessing; the second reads every name with that context."""
    tokens = _tokens_outside(text, excluded)
    cache: dict[tuple[str, str], list[Candidate]] = {}

    def language_at(offset: int) -> str:
        return languages.at(offset) if languages is not None else "en"

    def lookup(query: str, language: str) -> list[Candidate]:
        if (query, language) not in cache:
            cache[query, language] = _candidates(geocoder, query, language)
        return cache[query, language]

    def context_reading(
        key: str, readings: list[Candidate], first: int, *_: int
    ) -> Candidate | None:
        sure = [
            r
            for r in readings
            if not r.loose
            and not r.folded
            and not r.romanised
            and r.kind != "city"
            # a lower-case word read as a province's adjective is a guess ("russische" is
            # no Ruse, Bulgaria); a country's adjective is not ("iráni")
            and (tokens[first].capitalised or r.kind == "country")
        ]
        return max(sure, key=lambda r: r.score) if sure else None

    # which places name each country: a province's reading names its own country, which
    # is no evidence for that very reading ("Centre": Central, a district of Israel)
    naming: dict[str, set[str]] = {}
    for m in _scan(text, tokens, lookup, context_reading, language_at):
        country = m.place.name if m.place.kind == "country" else m.place.country
        if country:
            naming.setdefault(country, set()).add(m.place.source)
    named_countries = set(naming)

    def named_elsewhere(place: Candidate) -> bool:
        """Whether a place other than `place` names its country."""
        return bool(naming.get(place.country, set()) - {place.source})

    others_institutions: set[str] = set()  # sites read as another country's (below)

    def full_reading(
        key: str, readings: list[Candidate], first_index: int, last_index: int
    ) -> Candidate | None:
        first = tokens[first_index]
        english = language_at(first.start) == "en"
        neighbours = not first.caseless and _neighbours_are_names(
            text, tokens, first_index, last_index
        )
        if not english and neighbours:
            # Outside English the checks of person and outlet names are English words; a
            # capitalised neighbour then only rules out a small town's reading.
            readings = [r for r in readings if r.kind != "city" or r.population >= 100_000]
            neighbours = False
        if (
            not english
            and not first.caseless
            and _beside_personal_name(text, tokens, first_index, last_index, lookup, language_at)
        ):
            # "Wladimir Putin", "Ahmad Vahidi": a given name, not Vladimir or Al Ahmadi
            readings = [r for r in readings if r.kind != "city"]
        if (
            first_index == last_index
            and not first.caseless
            and _titled_name(text, tokens, first_index, lookup, language_at)
        ):
            # "Президент России Владимир Путин": a title, a given name, a surname (a
            # capital stays: "мэр Тбилиси Каха Каладзе" names the town)
            readings = [
                r
                for r in readings
                if r.kind != "city" or r.inflected or normalize(r.name) in capital_keys()
            ]
        letters = text[first.start : tokens[last_index].end].replace(".", "")
        is_code = len(letters) <= SHORT_CODE and letters.isupper()
        designated = _beside_settlement_word(
            text, tokens, first_index, last_index
        ) or _beside_crossing_word(text, tokens, first_index, last_index)
        designated_kind = _designation(text, tokens, first_index, last_index)
        language = language_at(first.start)
        home = home_countries(language)
        if (
            first_index == last_index
            and not designated
            and designated_kind is None
            and not after_locative(text, first.start)
        ):
            # No capital letter marks the word as a name (a script without capitals, a
            # sentence's first word, German's nouns): a frequent word of the language
            # is the word, unless the place is written as often as the word is. Abroad (a
            # country neither the article nor the language names) a capital marks no name
            # either ("Plaza de la Libertad"), and a smaller margin tells the word.
            unmarked = (
                first.caseless
                or _sentence_start(text, first.start)
                or bool(entry(language, "nouns_capitalised"))
            )
            readings = [
                r
                for r in readings
                if not (
                    (
                        unmarked
                        and (
                            common_word(first.text, language, r)
                            or _form_of_another_word(first.text, language, r, lookup)
                        )
                    )
                    or (
                        not named_elsewhere(r)
                        and normalize(r.country) not in home
                        and common_word(first.text, language, r, FOREIGN_ZIPF_MARGIN)
                    )
                )
            ]
        if _outlet_name(text, tokens, first_index):
            # "صحيفة ديلي صباح", "the newspaper Tehran Times": an outlet's name
            readings = [r for r in readings if r.kind == "country"]
        usable = [
            r
            for r in readings
            if _acceptable(
                r,
                key,
                named_countries,
                neighbours_are_names=neighbours,
                is_code=is_code,
                caseless=first.caseless,
                home=home,
                located=first.capitalised
                and not first.caseless
                and after_locative(text, first.start),
            )
            and (first.capitalised or _adjective_reading(r))
            and (designated or not _village(r))
        ]
        usable = _of_designated_kind(usable, designated_kind)
        if any(r.own_name and r.kind == "city" for r in readings) and not any(
            r.own_name and r.kind == "city" for r in usable
        ):
            # The name is the own name of towns the context rules out: a town outside the
            # article's countries that holds it only as an alternate spelling is not meant
            # either ("Julfa": the small towns of the name on either side of the Araz, never
            # Ras al-Khaimah, once called Julfar).
            usable = [
                r for r in usable if r.own_name or r.kind != "city" or r.country in named_countries
            ]
        if not usable:
            return None
        best = _best(usable, key, named_countries)
        if best.kind in INSTITUTION_KINDS and _another_country_beside(
            text, tokens, first_index, last_index, best.country, lookup, language_at
        ):
            others_institutions.add(best.source)
            return None  # "Azerbaycan Dışişleri Bakanlığı" is not Türkiye's ministry
        if designated_kind is None and best.kind in ADMIN1_KINDS:
            return _town_of_the_same_name(best, lookup) or best
        return best

    # the countries a name written in an abjad is sounded out in (geo.words.skeleton): the
    # article's, and those of the towns the scan found ("Baku" names Azerbaijan)
    sounding_countries = set(named_countries)
    unsounded: list[str] = []  # abjad words no gazetteer knows

    def sounded(query: str, language: str) -> list[Candidate]:
        """The readings of a word, or failing those (a name written in an abjad that no
        gazetteer spells so, not a frequent word of the language), its consonant
        skeleton's place among the article's countries."""
        readings = lookup(query, language)
        if readings or " " in query or not skeleton.writes(query, language):
            return readings
        if (zipf(query, language) or 0.0) >= SOUNDED_MAX_ZIPF:
            return []
        unsounded.append(query)
        found = geocoder.sounding(query, language, sounding_countries)
        return [_candidate(location, query) for location in found]

    mentions = _scan(text, tokens, sounded, full_reading, language_at)
    found_countries = {m.place.country for m in mentions if m.place.country}
    if unsounded and not found_countries <= sounding_countries:
        sounding_countries |= found_countries
        mentions = _scan(text, tokens, sounded, full_reading, language_at)
    # once written as another country's, the generic name means it all through the article
    mentions = [m for m in mentions if m.place.source not in others_institutions]
    mentions = _without_strays(text, tokens, mentions, named_elsewhere)
    mentions = _with_border_areas(text, mentions, geocoder)
    return [found for mention in mentions for found in _at_facility(text, mention, geocoder)]


_BORDER_WORD = stem_pattern(union("places.border"))
# Words a country may stand from the border word it qualifies, in its clause: "the Iran–Türkiye
# border", "الحدود الإيرانية التركية", "la frontière entre l'Arménie et l'Azerbaïdjan" (an elided
# article counts as a word).
BORDER_PHRASE_WORDS = 5


def _with_border_areas(
    text: str, mentions: list[PlaceMention], geocoder: Geocoder
) -> list[PlaceMention]:
    """The mentions and, for each border word whose phrase names two countries that share a
    border, by their names or adjectives ("the Iran–Türkiye border area", "منطقة الحدود
    الإيرانية التركية", "la frontière entre l'Arménie et l'Azerbaïdjan"), that border as a
    place at the border word (`border_area`: the point of their shared border nearest the
    article's other places in the two countries), in text order. A border word with one
    country only ("near the Azerbaijani border") is left to the events (geo.extract.proposals,
    which takes the other side from the sentence)."""
    countries = [m for m in mentions if m.place.kind == "country"]
    if len(countries) < 2:
        return mentions
    found: list[PlaceMention] = []
    for word in _BORDER_WORD.finditer(text):
        sides: dict[str, PlaceMention] = {}
        for mention in countries:
            if _in_phrase(text, word.start(), word.end(), mention):
                sides.setdefault(mention.place.source, mention)
        if len(sides) != 2:
            continue
        side, other = sorted(sides.values(), key=lambda m: m.start)
        near = [m.place for m in mentions if m.place.kind != "country"]
        area = border_area(geocoder, side.place, other.place, near)
        if area is not None:
            found.append(PlaceMention(word.start(), word.end(), word.group(), area, False))
    return sorted([*mentions, *found], key=lambda m: m.start) if found else mentions


def _in_phrase(text: str, start: int, end: int, mention: PlaceMention) -> bool:
    """Whether `mention` lies within `BORDER_PHRASE_WORDS` words of the span start..end,
    before or after it, with no clause's end between."""
    if mention.end <= start:
        gap = text[mention.end : start]
    elif mention.start >= end:
        gap = text[end : mention.start]
    else:
        return False
    return _CLAUSE_END.search(gap) is None and len(_WORD.findall(gap)) < BORDER_PHRASE_WORDS


# A town or province farther than this from every other place the article names, in a
# country the article never names, is a stray: a word that met a name by chance.
STRAY_KM = 1000.0


def _without_strays(
    text: str,
    tokens: list[_Token],
    mentions: list[PlaceMention],
    named_elsewhere: Callable[[Candidate], bool],
) -> list[PlaceMention]:
    """The mentions less the strays: a town (not a capital) or a province (not a country,
    not a curated site) in a country no other place of the article names (the language's
    own countries too: an Arabic text is written in twenty), farther than `STRAY_KM` from
    every other place the article names, and never written as a place (a locative
    preposition, a settlement or province word beside it). Arabic سلطات ("authorities") is
    no Settat in Morocco, Azerbaijani Asiya ("Asia") no Ashiya in Japan, Spanish "Plaza de
    la Libertad" no Libertad in the Philippines; "in Genf", "في جنيف" and a country's
    capital ("Baku lehnte ab") stay."""
    index_of = {token.start: at for at, token in enumerate(tokens)}
    by_place: dict[str, list[PlaceMention]] = {}
    for mention in mentions:
        by_place.setdefault(mention.place.source or mention.place.name, []).append(mention)
    strays: set[str] = set()
    for key, group in by_place.items():
        place = group[0].place
        if (
            place.kind == "country"
            or place.specificity == SITE_SPECIFICITY
            or not place.country
            or named_elsewhere(place)
            or (place.kind == "city" and normalize(place.name) in capital_keys())
        ):
            continue
        others = [m.place for k, g in by_place.items() if k != key for m in g[:1]]
        if not others or any(_km_to(place, other) <= STRAY_KM for other in others):
            continue
        if any(_written_as_place(text, tokens, index_of, m) for m in group):
            continue
        strays.add(key)
    return [m for m in mentions if (m.place.source or m.place.name) not in strays]


def _written_as_place(
    text: str, tokens: list[_Token], index_of: dict[int, int], mention: PlaceMention
) -> bool:
    """Whether a locative preposition, a settlement word or a province word stands beside
    the mention ("in Genf", "the village of X", "X province")."""
    if after_locative(text, mention.start):
        return True
    first = index_of.get(mention.start)
    if first is None:
        return False
    last = first
    while last + 1 < len(tokens) and tokens[last + 1].start < mention.end:
        last += 1
    return (
        _designation(text, tokens, first, last) is not None
        or _beside_settlement_word(text, tokens, first, last)
        or _beside_crossing_word(text, tokens, first, last)
    )


def _km_to(place: Candidate, other: Candidate) -> float:
    """Kilometres from `place` to `other`: to its outline when it has one (a country: 0
    inside it), else to its point (great circle)."""
    geometry = other.geometry
    if geometry is not None and getattr(geometry, "geom_type", "") in (
        "Polygon",
        "MultiPolygon",
    ):
        import shapely

        degrees = shapely.distance(geometry, shapely.Point(place.lon, place.lat))
        return float(degrees) * 111.0
    return _great_circle_km(place.lat, place.lon, other.lat, other.lon)


def _great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    half = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(half))


def _facility_word(text: str, mention: PlaceMention) -> tuple[str, int, int] | None:
    """(site kind, start, end) of a facility word written with the name: among the
    `FACILITY_BEFORE_WORDS` words before it ("den Flughafen von X", "مطار X") or the
    `FACILITY_AFTER_WORDS` after it ("X hava limanına", "X-ის აეროპორტს"), in its clause."""
    before = _CLAUSE_END.split(text[max(0, mention.start - 60) : mention.start])[-1]
    words = list(_WORD.finditer(before))[-FACILITY_BEFORE_WORDS:]
    before_at = mention.start - len(before) + (words[0].start() if words else len(before))
    after = _CLAUSE_END.split(text[mention.end : mention.end + 60], maxsplit=1)[0]
    words = list(_WORD.finditer(after))[:FACILITY_AFTER_WORDS]
    after_end = mention.end + (words[-1].end() if words else 0)
    for kind, stems in FACILITY_STEMS.items():
        pattern = stem_pattern(all_stems(stems))
        found = pattern.search(text, before_at, mention.start)
        if found is None:
            found = pattern.search(text, mention.end, after_end)
        if found is not None:
            return kind, found.start(), found.end()
    return None


def _at_facility(text: str, mention: PlaceMention, geocoder: Geocoder) -> list[PlaceMention]:
    """A town or province named with a facility word also names that place's curated site
    of the word's kind ("aeroporto di Nakhchivan": Nakhchivan International Airport, and the
    town): the only one within `FACILITY_RADIUS_KM` of a town, or the only one of a province.
    Without one (or with several: "the embassy in Baku" of which country?) only the town."""
    place = mention.place
    if place.kind not in ("city", "province", "autonomous_republic") or place.adjective:
        return [mention]
    facility = _facility_word(text, mention)
    if facility is None:
        return [mention]
    kind, start, end = facility
    if place.kind == "city":
        sites = geocoder.sites_near(
            place.lat, place.lon, {kind}, FACILITY_RADIUS_KM, town=place.name
        )
    else:
        sites = [
            s
            for s in geocoder.sites_near(place.lat, place.lon, {kind}, PROVINCE_RADIUS_KM)
            if normalize(str(s.raw.get("admin1") or "")) == normalize(place.name)
        ]
    if len(sites) != 1:
        return [mention]
    first, last = min(start, mention.start), max(end, mention.end)
    site = PlaceMention(first, last, text[first:last], _candidate(sites[0], place.name), False)
    return [site, mention]


def _designation(text: str, tokens: list[_Token], first: int, last: int) -> str | None:
    """What a word beside the name says it is (`lexicon.designation`): the word right after
    it ("Ardabil province", "Germi ilçesi"), else the word before it, past "of" / "the"
    ("the province of Ardabil", "провинции Ардебиль", "استان اردبیل"), or a word of the name
    itself ("استان اردبیل" as one name, "Gilan Eyaleti")."""
    for inside in (tokens[first], tokens[last]) if last > first else ():
        found = designation(inside.text)
        if found is not None:
            return found
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    if after is not None and _gap_is_name(text, tokens[last], after):
        found = designation(after.text, "after")
        if found is not None:
            return found
    at = first - 1
    while at >= 0 and first - at <= 2 and tokens[at].text.lower() in DESIGNATION_LINKS:
        at -= 1
    if at < 0 or not _WORDS_ONLY.fullmatch(text, tokens[at].end, tokens[first].start):
        return None  # nothing before, or a comma or a full stop between
    return designation(tokens[at].text, "before")


def _of_designated_kind(readings: list[Candidate], designated: str | None) -> list[Candidate]:
    """The readings of the kind a designation word asks for, when there are some: a
    province for a province word, a town or district for a district word; none for a
    street word (a street named after a town is no town)."""
    if designated == "street":
        return []
    if designated == "admin1":
        wanted = [r for r in readings if r.kind in ADMIN1_KINDS]
    elif designated == "district":
        wanted = [r for r in readings if not r.is_area]
    else:
        return readings
    return wanted or readings


# A word at least this frequent in its language (wordfreq's Zipf scale: 6 is once per
# thousand words, 3 once per million) is one of its ordinary words ...
COMMON_ZIPF = 4.5
# ... unless it is a place that news write about as often: a town of P people is written
# about log10(P) - 1 on that scale (Tabriz, 1.6 million: 5.2; Khoy, 200,000: 4.1); a word
# this much more frequent than its town is the word (Arabic بأنه, "that it", over Baneh).
NAME_ZIPF_MARGIN = 1.0
# ... or this much, for a place in a country neither the article nor the text's language
# names (Arabic قوله, "his saying", over Kavála in Greece; "Libertad" over a Philippine town;
# French "Centre" over Israel's Central District, written as often as a town of a million).
FOREIGN_ZIPF_MARGIN = 0.3
# A word at least this frequent is never read by its consonants alone (geo.words.skeleton):
# an abjad's ordinary words share their skeletons with many names.
SOUNDED_MAX_ZIPF = 3.0
_LOCATIVE_BEFORE = re.compile(
    rf"(?<!\w)(?:{alternation(w.casefold() for w in union('places.locative'))})\s+$",
    re.IGNORECASE,
)


_CLAUSE_MARK = re.compile(r"[,.;:!?()\"«»“”،؛\n]")
_CLAUSE_WORD = re.compile(r"[^\W\d_][\w'’]*")
_CASE_SUFFIX = re.compile(r"^['’]\w*")


def owner_word_beside(text: str, mention: PlaceMention, words: re.Pattern[str], after: int) -> bool:
    """Whether a word `words` matches names what `mention` owns, in its clause: right before
    the name, past a link word ("of", lexicon `places.designation_links`: "the embassy of
    Israel", "سلطات باكو"), or within `after` words after it, past a possessive or case
    suffix ("Israel's embassy", "İran'ın hükümeti", "Izrael bakui nagykövetsége"). The one
    reading of "X's body" for embassies (draft) and state bodies (proposals) alike."""
    following = _CLAUSE_MARK.split(text[mention.end : mention.end + 80], maxsplit=1)[0]
    following = _CASE_SUFFIX.sub("", following)
    if any(words.match(w) for w in _CLAUSE_WORD.findall(following)[:after]):
        return True
    clause = _CLAUSE_MARK.split(text[max(0, mention.start - 60) : mention.start])[-1]
    before = _CLAUSE_WORD.findall(clause)
    if before and before[-1].casefold() in DESIGNATION_LINKS:
        before = before[:-1]
    return bool(before) and words.match(before[-1]) is not None


def after_locative(text: str, start: int) -> bool:
    """Whether a locative preposition stands right before the word ("в", "در", "in")."""
    return _LOCATIVE_BEFORE.search(text, max(0, start - 12), start) is not None


@lru_cache(maxsize=1)
def _wordfreq_languages() -> frozenset[str]:
    import wordfreq

    return frozenset(wordfreq.available_languages("small"))


@lru_cache(maxsize=1 << 14)
def zipf(word: str, language: str) -> float | None:
    """How frequent `word` is in `language` (`wordfreq`, Zipf scale; the list named by the
    file's `inflection.wordfreq` when it differs from the code), None when wordfreq has no
    list for the language (Azerbaijani, Armenian, Georgian: their files' `stop_words`)."""
    code = entry(language, "inflection.wordfreq") or language
    if code not in _wordfreq_languages():
        return None
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, code, wordlist="small"))


def common_word(
    word: str, language: str, candidate: Candidate, margin: float = NAME_ZIPF_MARGIN
) -> bool:
    """Whether `word`, unmarked by a capital letter, is an ordinary word of `language` rather
    than `candidate`'s name: one of the file's `stop_words`, or a word wordfreq finds
    `NAME_ZIPF_MARGIN` more frequent than a place of the candidate's size would be (a
    country never is)."""
    if candidate.kind == "country":
        return False
    if word.casefold() in _stop_words(language):
        return True
    found = zipf(word, language)
    if found is None or found < COMMON_ZIPF:
        return False
    if candidate.inflected:
        return True  # a frequent word read as another's inflection is itself ("قناة", Qina)
    population = candidate.population or (1_000_000 if candidate.is_area else 1_000)
    return found - (math.log10(max(population, 10)) - 1) >= margin


@lru_cache(maxsize=64)
def _stop_words(language: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in words(language, "places.stop_words"))


def _village(candidate: Candidate) -> bool:
    """A settlement smaller than GeoNames' cities5000 (from the local gazetteer): read only
    beside a word that makes it one ("the village of ..."), for villages share their names
    with everything. A district's centre is no village, however few people GeoNames counts
    there (data/gazetteer/seats.csv: Shahbuz, 4,600)."""
    return (
        candidate.kind in ("city", "district")
        and candidate.population < VILLAGE_POPULATION
        and candidate.source not in district_seats()
    )


@lru_cache(maxsize=1)
def district_seats() -> frozenset[str]:
    """The `source` of every row of data/gazetteer/seats.csv: district centres that GeoNames
    counts under VILLAGE_POPULATION people, read as towns in running text (none when the file
    cannot be read: the villages rule then holds for them, as before the file)."""
    import csv

    from geo import paths

    try:
        with (paths.GAZETTEER_DIR / "seats.csv").open(encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
    except (OSError, UnicodeDecodeError, csv.Error):
        return frozenset()
    return frozenset(str(row.get("source") or "").strip() for row in rows) - {""}


def _beside_settlement_word(text: str, tokens: list[_Token], first: int, last: int) -> bool:
    """Whether a settlement word ("village", "köyü", "село", "روستای") stands just before
    the name (allowing "of" / "the") or right after it."""
    pattern = stem_pattern(SETTLEMENT_STEMS)
    at = first - 1
    if at >= 1 and tokens[at].text.lower() in CONNECTORS:
        at -= 1  # "the village of X"
    if at >= 0 and pattern.fullmatch(tokens[at].text):
        return True
    return last + 1 < len(tokens) and pattern.fullmatch(tokens[last + 1].text) is not None


_CROSSING = stem_pattern(union("places.crossing"))
_CROSSING_BEFORE = re.compile(rf"(?:{_CROSSING.pattern})\s+$", re.IGNORECASE)
_BLANKS = re.compile(r"\s+")
_DASH = re.compile(r"\s?[-–]\s?")


def _beside_crossing_word(text: str, tokens: list[_Token], first: int, last: int) -> bool:
    """Whether a word of a border crossing, a checkpoint or a corridor (`places.crossing`:
    "checkpoint", "sınır kapısı", "sərhəd keçid məntəqəsi", "անցակետ", "معبر") stands right
    after the name, or after the next name joined to it by a dash (a crossing named by the
    villages of its two sides: "the Akhurik–Akyaka crossing"), or right before it ("КПП
    Верхний Ларс", "معبر رفح"): the name is a place, however small, as after a settlement
    word."""
    ends = [tokens[last].end]
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    if (
        following is not None
        and following.capitalised
        and _DASH.fullmatch(text, tokens[last].end, following.start)
    ):
        ends.append(following.end)
    for end in ends:
        blanks = _BLANKS.match(text, end)
        if blanks is not None and _CROSSING.match(text, blanks.end()) is not None:
            return True
    start = tokens[first].start
    return _CROSSING_BEFORE.search(text[max(0, start - 40) : start]) is not None


def find_unplaced(
    text: str,
    mentions: list[PlaceMention],
    excluded: Iterable[tuple[int, int]] = (),
) -> list[tuple[int, int, str]]:
    """Names beside a settlement word that no gazetteer placed ("the village of
    Shekarabad", "Şakarabad köyündeki", "в селе Шекерабад"): (start, end, name). The draft
    keeps them as features without a position, for a reviewer or `geocode --online`."""
    tokens = _tokens_outside(text, excluded)
    placed = _SpanSet([(m.start, m.end) for m in mentions])
    found: list[tuple[int, int, str]] = []
    pattern = stem_pattern(SETTLEMENT_STEMS)
    for index, token in enumerate(tokens):
        if not token.capitalised or len(token.text) < 4 or pattern.fullmatch(token.text):
            continue
        if token.start in placed:
            continue
        name = without_suffix(token.text) or token.text  # "Mart'ta" is "Mart" + a suffix
        key = normalize(name)
        if key in NOT_PLACES or key in calendar_words():
            continue
        if _sentence_start(text, token.start) and not token.caseless:
            continue
        if _beside_settlement_word(text, tokens, index, index):
            found.append((token.start, token.start + len(name), name))
    return found


def _adjective_reading(candidate: Candidate) -> bool:
    """A lower-case word names a place only as the adjective of a country, a province or a
    city big enough for the news ("иранский", "bakui")."""
    return candidate.inflected and (
        candidate.is_area or candidate.population >= TOWN_POPULATION_FLOOR
    )


def _scan(
    text: str,
    tokens: list[_Token],
    lookup: Callable[[str, str], list[Candidate]],
    choose: Callable[[str, list[Candidate], int, int], Candidate | None],
    language_at: Callable[[int], str],
) -> list[PlaceMention]:
    """Longest first: at each word, the longest name that `choose` accepts a reading of."""
    mentions: list[PlaceMention] = []
    settlement = stem_pattern(SETTLEMENT_STEMS)
    index = 0
    while index < len(tokens):
        language = language_at(tokens[index].start)
        for end in _spans(text, tokens, index, language):
            first, last = tokens[index], tokens[end - 1]
            query = text[first.start : last.end]
            key = normalize(query)
            if not key or key in NOT_PLACES or key in calendar_words():
                continue
            # In a script without capitals every word may start a name: a settlement word
            # alone ("مدينة", city, is how GeoNames spells Medina) is the word, not a place.
            if end == index + 1 and first.caseless and settlement.fullmatch(first.text):
                continue
            readings = lookup(query, language)
            best = choose(key, readings, index, end - 1) if readings else None
            if best is None:
                continue
            surface = query
            if last.possessive:
                surface = _POSSESSIVE.sub("", query)
            elif last.suffixed:
                surface = without_suffix(query) or query
            mentions.append(
                PlaceMention(
                    first.start, first.start + len(surface), surface, best, last.possessive
                )
            )
            index = end - 1
            break
        index += 1
    return mentions


def focus_country(mentions: list[PlaceMention]) -> PlaceMention | None:
    """The country the article names most often (first mention of it), if it names any; its
    adjective ("Iranian drones") does not count: that names an actor more often than a place."""
    counts = Counter(
        m.place.source for m in mentions if m.place.kind == "country" and not m.place.adjective
    )
    if not counts:
        return None
    source, _ = counts.most_common(1)[0]
    return next(m for m in mentions if m.place.source == source)


def border_area(
    geocoder: Any, side: Candidate, other: Candidate, near: Iterable[Candidate] = ()
) -> Candidate | None:
    """Where a place or an event "at the border" of `side` with `other` (two countries) is:
    the point of the border the two outlines share nearest the middle of the places of
    `near` that lie in either country (towns, provinces, sites the article names: "the
    Iran–Türkiye border" of a story about Van is the stretch east of Van), else the middle
    of the longest stretch they share; in `side`'s province that holds it ("drills near the
    Azerbaijani border" in Iran: the Aras stretch, in Ardabil), not the country's centroid.
    A region (its draft's `geo_precision` 3: approximate). None when the outlines share no
    border (or are unknown)."""
    import shapely
    from shapely.ops import nearest_points

    if side.geometry is None or other.geometry is None:
        return None
    shared = shapely.intersection(
        shapely.boundary(side.geometry), shapely.buffer(other.geometry, BORDER_SNAP_DEGREES)
    )
    parts = [g for g in getattr(shared, "geoms", [shared]) if g.length > 0]
    if not parts:
        return None
    countries = {side.name, other.name}
    around = [p for p in near if p.kind != "country" and p.country in countries]
    if around:
        centre = shapely.Point(
            sum(p.lon for p in around) / len(around), sum(p.lat for p in around) / len(around)
        )
        middle = nearest_points(shapely.union_all(parts), centre)[0]
    else:
        longest = max(parts, key=lambda g: g.length)
        middle = longest.interpolate(0.5, normalized=True)
    found = geocoder.reverse((middle.y, middle.x))
    # the province named is the side's own (the line's middle may fall on the other side)
    admin1 = (
        str(found.raw.get("admin1") or "")
        if found is not None and normalize(str(found.raw.get("country"))) == normalize(side.name)
        else ""
    )
    return Candidate(
        source=f"derived:border:{normalize(side.name)}:{normalize(other.name)}",
        name=f"{side.name}–{other.name} border" + (f" ({admin1})" if admin1 else ""),
        kind="region",
        lat=float(middle.y),
        lon=float(middle.x),
        country=side.name,
        admin1=admin1,
        population=0,
        score=side.score,
        folded=False,
    )


# Simplified outlines of neighbours do not meet exactly: a border is where one country's
# outline runs within this many degrees (about 5 km) of the other's.
BORDER_SNAP_DEGREES = 0.05
