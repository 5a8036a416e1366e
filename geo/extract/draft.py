"""One article in, one draft FeatureCollection out: the places it names (sites and areas) and
the incidents it proposes, every feature marked `review: "draft"` with its evidence offsets."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from shapely.geometry import mapping

from geo.extract.coordinates import position_mentions
from geo.extract.dates import DateMention, find_dates
from geo.extract.language import languages_of
from geo.extract.places import (
    Geocoder,
    PlaceMention,
    after_locative,
    border_area,
    find_places,
    find_unplaced,
    owner_word_beside,
)
from geo.extract.proposals import Proposal, dateline_spans, propose
from geo.extract.text import Sentence, split_sentences
from geo.ledger import derive_claim_status
from geo.schema import KINDS
from geo.words.lexicon import FACILITY_STEMS, all_stems, stem_pattern
from geo.words.normalize import normalize

# Polygons of areas are simplified to about this share of their size: a draft is for looking,
# and a country at full Natural Earth detail would bury the incidents in the file.
SIMPLIFY_SHARE = 0.005
_MARKDOWN_LINK_TEXT = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
# A web address, bare or as a link's target (Markdown "(...)", HTML href="..."): its words
# ("https://example.org/Baku") are a file's path, never a place of the story.
_WEB_ADDRESS = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"'()\[\]]+", re.IGNORECASE)


@dataclass(frozen=True)
class Extraction:
    text: str
    published: date | None
    published_precision: int
    source_id: str | None
    sentences: list[Sentence]
    places: list[PlaceMention]
    dates: list[DateMention]
    proposals: list[Proposal]
    unplaced: list[tuple[int, int, str]] = field(default_factory=list)


def citation_spans(text: str) -> list[tuple[int, int]]:
    """Link texts of Markdown links: in news copy they name the source being cited
    ("[Turkish Ministry of Foreign Affairs](#)"), not a place of the story; and web
    addresses, bare or as links' targets (`_WEB_ADDRESS`). (start, end) character offsets."""
    links = [(m.start(1), m.end(1)) for m in _MARKDOWN_LINK_TEXT.finditer(text)]
    return sorted([*links, *((m.start(), m.end()) for m in _WEB_ADDRESS.finditer(text))])


def extract_article(
    text: str,
    geocoder: Geocoder,
    *,
    published: date | None,
    published_precision: int = 1,
    source_id: str | None = None,
) -> Extraction:
    sentences = split_sentences(text)
    languages = languages_of(text)
    positions = position_mentions(text)  # written coordinates: no name to look up in them
    places = find_places(
        text, geocoder, [*citation_spans(text), *((p.start, p.end) for p in positions)], languages
    )
    places = sorted([*places, *positions], key=lambda mention: mention.start)
    dates = find_dates(text, published, published_precision)
    # A date's words are no place, whatever a settlement word beside them ("4 Mart'ta").
    unplaced = find_unplaced(
        text, places, [*citation_spans(text), *((d.start, d.end) for d in dates)]
    )
    proposals = propose(
        text,
        sentences,
        places,
        dates,
        published=published,
        languages=languages,
        border=lambda side, other: border_area(geocoder, side, other, [m.place for m in places]),
    )
    return Extraction(
        text,
        published,
        published_precision,
        source_id,
        sentences,
        places,
        dates,
        proposals,
        unplaced,
    )


def slug(name: str) -> str:
    """A draft id's part for a name: normalized, blanks as hyphens ("Nakhchivan Airport" ->
    "nakhchivan-airport"); "place" when nothing is left. geo import's drafts use it too."""
    return normalize(name).replace(" ", "-") or "place"


def unique_id(wanted: str, taken: set[str]) -> str:
    """`wanted`, or with -2, -3, … when `taken` has it; the one returned is added to `taken`."""
    candidate, suffix = wanted, 2
    while candidate in taken:
        candidate, suffix = f"{wanted}-{suffix}", suffix + 1
    taken.add(candidate)
    return candidate


def _country_of(mention: PlaceMention) -> str:
    return mention.place.name if mention.place.kind == "country" else mention.place.country


# Simplified outlines by gazetteer entry and geometry object: the same countries come back in
# article after article, and simplifying a country's outline is the costliest step of a draft.
# (Not keyed by the geometry itself: hashing a shapely geometry serialises it.) At most one
# entry per area the borders hold.
_SIMPLIFIED: dict[tuple[str, int], dict[str, Any] | None] = {}


def _area_geometry(mention: PlaceMention) -> dict[str, Any] | None:
    geometry = mention.place.geometry
    if geometry is None or geometry.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    key = (mention.place.source, id(geometry))
    if key not in _SIMPLIFIED:
        _SIMPLIFIED[key] = _simplified(geometry)
    outline = _SIMPLIFIED[key]
    return None if outline is None else dict(outline)  # its coordinates are tuples


def _simplified(geometry: Any) -> dict[str, Any] | None:
    west, south, east, north = geometry.bounds
    simplified = geometry.simplify(max(east - west, north - south) * SIMPLIFY_SHARE)
    if simplified.is_empty or not simplified.is_valid:
        simplified = simplified.buffer(0)
    if simplified.is_empty or simplified.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    return mapping(simplified)


def _point(lat: float, lon: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [lon, lat]}


def _place_feature(
    mentions: list[PlaceMention], sources: list[str], taken: set[str]
) -> dict[str, Any]:
    first = mentions[0]
    place = first.place
    # as the article spells it, its blanks (a tab, a line break inside a name) one space
    spelling = Counter(" ".join(m.text.split()) for m in mentions).most_common(1)[0][0]
    area = _area_geometry(first) if place.is_area else None
    props: dict[str, Any] = {"name": place.name}
    if area is not None:
        props.update(layer="area", kind=place.kind if place.kind in KINDS["area"] else "region")
        geometry = area
    else:
        kind = place.kind if place.kind in KINDS["site"] else "other"
        props.update(layer="site", kind=kind, geo_precision=1 if not place.is_area else 3)
        geometry = _point(place.lat, place.lon)
    props.update(
        country=_country_of(first),
        admin1=place.admin1 or None,
        location=spelling,
        geo_source=place.source or None,
        sources=sources,
        notes=f"Named {len(mentions)} time(s) in the article; read as {place.kind} ({place.name}).",
        review="draft",
        evidence=[m.span for m in mentions],
    )
    props = {k: v for k, v in props.items() if v is not None}
    layer = props["layer"]
    return {
        "type": "Feature",
        "id": unique_id(f"draft-{layer}-{slug(place.name)}", taken),
        "properties": schema_ordered(props),
        "geometry": geometry,
    }


def _incident_feature(proposal: Proposal, sources: list[str], taken: set[str]) -> dict[str, Any]:
    place = proposal.place.place
    # Without a source (no row yet) the reports are written without one: `geo merge --source
    # ID` gives them the row (geo.review.loop.cite), keeping what the article said.
    reports = _reports(proposal, sources[0] if sources else None)
    # The status its reports support (geo.ledger), which is what validate checks it against:
    # "claimed" needs a named claimant; a claim whose speaker the sentence does not name is
    # as sure as a bare report ("unverified").
    status = "disputed" if proposal.denied else proposal.claim_status
    if reports:
        status = derive_claim_status(reports, {}) or status
    props: dict[str, Any] = {
        "layer": "incident",
        "name": f"{proposal.sub_event_type}: {place.name} (proposed)",
        "event_date": proposal.day.isoformat(),
        "end_date": proposal.end.isoformat() if proposal.end else None,
        "time_precision": proposal.precision,
        "event_type": proposal.event_type,
        "sub_event_type": proposal.sub_event_type,
        "country": _country_of(proposal.place),
        "admin1": place.admin1 or None,
        "location": place.name,
        "geo_precision": proposal.geo_precision,
        "geo_source": place.source or None,
        "fatalities": None,
        "claim_status": status,
        "claimed_by": proposal.claimed_by or None,
        "denied_by": proposal.denied_by or None,
        "sources": sources,
        "notes": "Proposed by geo extract; event type guessed from the words: "
        + "; ".join(proposal.how)
        + ".",
        "reports": reports,
        "review": "draft",
        "evidence": [f"{start}-{end}" for start, end in proposal.evidence],
    }
    props = {k: v for k, v in props.items() if v is not None or k == "fatalities"}
    return {
        "type": "Feature",
        "id": unique_id(f"draft-inc-{proposal.day.isoformat()}-{slug(place.name)}", taken),
        "properties": props,
        "geometry": _point(place.lat, place.lon),
    }


def _reports(proposal: Proposal, source_id: str | None) -> list[dict[str, Any]]:
    """The article's reports: what it says happened (`_report`) and, when it tells a denial,
    the denial ("denies", with who denies when named; geo.ledger makes the status disputed)."""
    reports = [_report(proposal, source_id)]
    if proposal.denied:
        denial: dict[str, Any] = {**_cites(source_id), "stance": "denies"}
        if proposal.denied_by:
            denial["claimant"] = proposal.denied_by
        reports.append(denial)
    return reports


def _cites(source_id: str | None) -> dict[str, str]:
    """A report's `source` field; none without a source (the article has no row yet)."""
    return {} if source_id is None else {"source": source_id}


def _report(proposal: Proposal, source_id: str | None) -> dict[str, Any]:
    """The article's report (geo.ledger) on the proposed incident: it relays the speaker
    when the sentence attributes the event, else asserts it; each figure as the article first
    gives it; the evidence offsets. `geo merge` adds this report to an incident already in
    the file."""
    figures: dict[str, Any] = {}
    for figure in proposal.figures:
        value = figure.value
        figures.setdefault(figure.name, list(value) if isinstance(value, tuple) else value)
    report: dict[str, Any] = {
        **_cites(source_id),
        "stance": "relays" if proposal.claim_status == "claimed" else "asserts",
    }
    if proposal.claimed_by:
        report["claimant"] = proposal.claimed_by
    if figures:
        report["figures"] = figures
    report["evidence"] = [f"{start}-{end}" for start, end in proposal.evidence]
    return report


def schema_ordered(props: dict[str, Any]) -> dict[str, Any]:
    """The properties in geo.schema's order, as every draft writes them."""
    from geo.schema import PROPERTY_BY_NAME

    order = list(PROPERTY_BY_NAME)
    return dict(sorted(props.items(), key=lambda item: order.index(item[0])))


def draft_collection(extraction: Extraction) -> dict[str, Any]:
    """The draft FeatureCollection: incidents first (what a reviewer decides on), then the
    places in the order the article first names them (a country named only by its
    adjective or as an embassy's owner is none: `_only_whose`; nor a place named only in a
    dateline, "ANKARA (AA) – ", "2020.10.11 | 10:39 Damascus": where the story was filed)."""
    sources = [extraction.source_id] if extraction.source_id else []
    taken: set[str] = set()
    features = [_incident_feature(p, sources, taken) for p in extraction.proposals]
    filed = dateline_spans(
        extraction.text, extraction.sentences, extraction.places, extraction.dates
    )
    by_place: dict[tuple[str, float, float], list[PlaceMention]] = {}
    for mention in extraction.places:
        if any(start <= mention.start < end for start, end in filed):
            continue
        # by entry; written positions all have the source "manual", so by point too
        key = (mention.place.source or mention.place.name, mention.place.lat, mention.place.lon)
        by_place.setdefault(key, []).append(mention)
    features += [
        _place_feature(m, sources, taken)
        for m in by_place.values()
        if not all(_only_whose(extraction.text, mention) for mention in m)
    ]
    features += _unplaced_features(extraction.unplaced, extraction.places, sources, taken)
    return {"type": "FeatureCollection", "features": features}


def _only_whose(text: str, mention: PlaceMention) -> bool:
    """A country named as whose, not where: by its adjective or demonym ("Israeli embassy",
    "Turkish foreign minister", "French journalists") or as the owner of an embassy or a
    consulate ("ambasadzie Izraela", "Izrael bakui nagykövetsége", "the Embassy of Israel").
    A country the article names only so is no place of the draft: of the seven such on the
    dev set's build half and the seed articles, one was a gold place (a Hungarian case form,
    "Georgián", read as the demonym)."""
    place = mention.place
    if place.kind != "country":
        return False
    return place.adjective or _embassy_owner(text, mention)


_EMBASSY = stem_pattern(
    all_stems(FACILITY_STEMS["embassy"]) + all_stems(FACILITY_STEMS["consulate"])
)
OWNER_WORDS = 2  # words an embassy word may stand after its owner: "Izrael bakui nagykövetsége"


def _embassy_owner(text: str, mention: PlaceMention) -> bool:
    """Whether an embassy or consulate word stands right before the country (past "of":
    "Embassy of Israel", "سفارة إسرائيل", "ambasadzie Izraela") or within `OWNER_WORDS`
    words after it ("Israel's embassy", "Izrael bakui nagykövetsége") in its clause, and no
    locative preposition before it ("the embassy in Israel" is where)."""
    if after_locative(text, mention.start):
        return False
    return owner_word_beside(text, mention, _EMBASSY, OWNER_WORDS)


def _unplaced_features(
    unplaced: list[tuple[int, int, str]],
    places: list[PlaceMention],
    sources: list[str],
    taken: set[str],
) -> list[dict[str, Any]]:
    """One feature without a position per name nothing could place ("the village of X"):
    its `location` is the name as written, for `geocode --online` or a reviewer; its
    `country` that of the place named nearest to it (which `geocode` then keeps to)."""
    by_name: dict[str, list[tuple[int, int, str]]] = {}
    for entry in unplaced:
        by_name.setdefault(normalize(entry[2]), []).append(entry)
    features = []
    for entries in by_name.values():
        name = entries[0][2]
        nearest = min(
            (m for m in places if not m.place.adjective),
            key=lambda m: abs(m.start - entries[0][0]),
            default=None,
        )
        props = {
            "layer": "site",
            "name": name,
            "kind": "other",
            "country": _country_of(nearest) if nearest is not None else None,
            "location": name,
            "sources": sources,
            "notes": "Named as a settlement or district in the article; no offline gazetteer "
            "knows it: place it by hand, import its country's GeoNames dump, or run "
            "geocode --online.",
            "review": "draft",
            "evidence": [f"{start}-{end}" for start, end, _ in entries],
        }
        props = {k: v for k, v in props.items() if v is not None}
        features.append(
            {
                "type": "Feature",
                "id": unique_id(f"draft-site-{slug(name)}", taken),
                "properties": schema_ordered(props),
                "geometry": None,
            }
        )
    return features
