"""Country names: how a cell lists several, and which names stand for one country.

A feature across several countries lists them in one `country` cell separated by ";" (written
"; "). A country has its name in data/borders/countries.geojson (Natural Earth's, e.g.
"Türkiye") and alternative names (`name_alt`, e.g. "Turkey", as ACLED spells it); `resolve`
turns any of them into the name. Which country or province holds a point is
geo.borders.countries_of / provinces_of, with its one tolerance (geo.borders.COAST_TOLERANCE_KM).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

SEPARATOR = ";"


def split_names(cell: object) -> list[str]:
    """The country names a `country` cell lists, trimmed, blanks left out ([] for no value)."""
    if not isinstance(cell, str):
        return []
    return [name.strip() for name in cell.split(SEPARATOR) if name.strip()]


def join_names(names: Iterable[str]) -> str:
    """One `country` cell for several names, as the data writes it ("Iran; Iraq")."""
    return f"{SEPARATOR} ".join(names)


@cache
def aliases() -> dict[str, str]:
    """Every name and alternative name of a country in the shipped borders, case-folded, to
    its name; {} when the borders cannot be read (names in the data still work)."""
    from geo.borders import ALT_SEPARATOR, read_countries

    try:
        countries = read_countries()
    except OSError:
        return {}
    found: dict[str, str] = {}
    for name, alternatives in zip(countries["name"], countries["name_alt"].fillna(""), strict=True):
        for alias in [name, *str(alternatives).split(ALT_SEPARATOR)]:
            if alias.strip():
                found.setdefault(alias.strip().casefold(), str(name))
    return found


def resolve(name: str) -> str:
    """The borders' name of a country named `name` or by one of its alternative names
    ("Turkey" → "Türkiye"); `name` unchanged when no country has it."""
    return aliases().get(name.strip().casefold(), name)
