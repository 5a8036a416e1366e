"""Positions an article writes as coordinates (`39°33′N 44°59′E`), as place mentions that
`geo extract` proposes like any named place: `geo_source` "manual", the written text as the
draft's `location` (which `geo geocode` reads back to the same point). Reading the notation is
geo.positions' work; this module only dresses what it finds for the extractor."""

from __future__ import annotations

from geo.extract.places import Candidate, PlaceMention
from geo.positions import find_positions

POSITION_KIND = "position"  # not a gazetteer kind: a draft site of kind "other"


def position_mentions(text: str) -> list[PlaceMention]:
    """One mention per position written in `text`, in text order; its country and province
    (names, empty at sea or outside the shipped borders) are those that hold the point."""
    found = find_positions(text)
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
