"""Positions an article writes as coordinates (`39°33′N 44°59′E`), as place mentions that
`geo extract` proposes like any named place: `geo_source` "manual", the written text as the
draft's `location` (which `geo geocode` reads back to the same point). Reading the notation is
geo.positions' work; this module only dresses what it finds for the extractor, and decides
when a bare decimal pair ("39.5500, 44.9833", "39.55 44.98"), which geo.positions never takes
from running text, is a position: when both numbers have a fraction long enough for a GPS
reading (BARE_DECIMALS), or a word for coordinates of any language's file
(`places.coordinates`: "coordinates", "koordinat", "координаты") comes shortly before a pair
with a shorter one (WORDED_DECIMALS). Figures never pass ("1.5, 2.0", "12.03, 14.03" alone,
"0.0012, 0.0034", "3.25, 4.75 km", a list of three numbers)."""

from __future__ import annotations

import re

from geo.extract.places import Candidate, PlaceMention
from geo.positions import Position, PositionError, find_positions, parse_position
from geo.words import lexicon

POSITION_KIND = "position"  # not a gazetteer kind: a draft site of kind "other"
# Decimals each number of a bare pair needs: 4 alone (about 10 m, what a phone or GPS unit
# writes), 2 after a word for coordinates (about 1 km; a figure "12.5, 13.75" has fewer).
BARE_DECIMALS = 4
WORDED_DECIMALS = 2
WORD_BEFORE = 60  # characters before a pair in which its word for coordinates is looked for

_NUMBER = r"[-−]?\d{1,3}\.(\d+)"
# Two plain numbers with a fraction, apart by a blank or a separator; not inside a longer
# number, a date (12.03.2026), a version (1.2.3) or a time.
_BARE_PAIR = re.compile(
    rf"(?<![\w.,:/°º˚′″'\"+−-]){_NUMBER}(?:\s?[,;/]\s?|\s)(?!-\s){_NUMBER}"
    r"(?![\w°º˚′″'\"%‰]|[.,]\d)"
)
# A pair in a list of figures ("1.2345, 2.3456, 3.4567"), or a figure's unit after it.
_NUMBER_BEFORE = re.compile(r"\d\s?[,;/]?\s?$")
_AFTER = re.compile(r"\s?(?:[,;/]\s?[-−]?\d|(?:%|‰|km|mi|m|kg|t|mm|cm|ha|°[CF])(?!\w))")
_SENTENCE_END = re.compile(r"[.!?؟。]\s")


def position_mentions(text: str) -> list[PlaceMention]:
    """One mention per position written in `text`, in text order: those geo.positions finds
    (a hemisphere or a degree mark on each half) and the bare decimal pairs that are
    positions (see the module's docstring); its country and province (names, empty at sea or
    outside the shipped borders) are those that hold the point."""
    found = find_positions(text)
    found = sorted([*found, *_bare_pairs(text, [(start, end) for start, end, _ in found])])
    if not found:
        return []
    from geo.borders import country_containing, province_containing

    mentions = []
    for start, end, position in found:
        lon, lat = position.coordinates
        province = province_containing(lon, lat)
        written = " ".join(text[start:end].split())
        candidate = Candidate(
            source="manual",
            name=written,
            kind=POSITION_KIND,
            lat=lat,
            lon=lon,
            country=country_containing(lon, lat) or "",
            admin1="" if province is None else str(province["name"]),
            population=0,
            score=1.0,
            folded=False,
            own_name=True,
        )
        mentions.append(PlaceMention(start, end, text[start:end], candidate, possessive=False))
    return mentions


def _bare_pairs(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, Position]]:
    """(start, end, position) of each bare decimal pair of `text` that is a position, outside
    the spans `taken` (positions written with marks)."""
    found = []
    for match in _BARE_PAIR.finditer(text):
        start, end = match.span()
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        if _NUMBER_BEFORE.search(text[max(0, start - 4) : start]) or _AFTER.match(text, end):
            continue  # a list of figures, or a figure with its unit
        decimals = min(len(match[1]), len(match[2]))
        if decimals < BARE_DECIMALS and not (decimals >= WORDED_DECIMALS and _worded(text, start)):
            continue
        try:
            position = parse_position(match.group())
        except PositionError:  # latitude 95: no position, whatever the decimals
            continue
        if position is None or (abs(position.lat) < 1 and abs(position.lon) < 1):
            continue  # two fractions below one are ratios, not a place off West Africa
        found.append((start, end, position))
    return found


def _worded(text: str, start: int) -> bool:
    """Whether a word for coordinates of any language's file comes in the WORD_BEFORE
    characters before `start`, in the same sentence."""
    before = text[max(0, start - WORD_BEFORE) : start]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    return bool(lexicon.stem_pattern(lexicon.union("places.coordinates")).search(before))
