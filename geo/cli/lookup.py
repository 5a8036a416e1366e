"""`python -m geo lookup NAME [--country CC] [--all] [--json] [--online]`: where the
geocoder puts a name, and where that answer comes from.

A NAME written as a position ("39°33′N 44°59′E", "39.55N 44.98E": geo.positions), also with
words around it ("39°33′N 44°59′E (near Sharur)": the words kept as a note), is answered as
itself (`source` manual), with the named place nearest to it. A pair without hemispheres is
read latitude first; when the other way round lies in another country ("44.983333 39.55":
Russia, or Azerbaijan's Sharur), a note on stderr says so with `geo geocode`'s swap hint, and
with --country, when that country does not hold the position.

A name GeoNames holds for several populated places far apart or across a border ("Astara":
a town in Azerbaijan and one in Iran) is said to be so on stderr, and the others are listed
after the best answer (in JSON, as its `namesakes`), though the best ranks first by far.

Exit 0 with the best match (or every candidate with --all), 1 with a message when nothing
matches or NAME is written as coordinates that are no position (75 minutes, latitude 95).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from geo.problems import ExitStatus

NOT_FOUND = ExitStatus.FAILED


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lookup",
        help="find a place name in the gazetteers",
        description="Find a place name in the offline gazetteers (curated sites, borders, "
        "GeoNames) and print where it is and which entry answered. Exit 1 when nothing "
        "matches.",
    )
    parser.add_argument(
        "name",
        help='a place name, e.g. "Nakhichevan" or "Rasht, Gilan", or a position as written, '
        'e.g. "39°33′N 44°59′E"',
    )
    parser.add_argument(
        "--country",
        metavar="CC",
        help="prefer places in this country (ISO code, e.g. AZ); a position it does not hold "
        "is said so",
    )
    parser.add_argument("--all", action="store_true", help="print every candidate, ranked")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--online",
        action="store_true",
        help="when the offline gazetteers do not know the name, ask OpenStreetMap Nominatim "
        "(cached in data/gazetteer/nominatim-cache.json)",
    )
    parser.set_defaults(func=run)


def as_record(location: Any) -> dict[str, Any]:
    """The JSON object of one answer: name, lat, lon, kind, country, source and the rest."""
    raw = location.raw
    record = {
        "name": raw.get("name"),
        "lat": round(location.latitude, 6),
        "lon": round(location.longitude, 6),
        "kind": raw.get("kind"),
        "country": raw.get("country"),
        "admin1": raw.get("admin1"),
        "source": raw.get("source"),
        "score": raw.get("score"),
        "match": raw.get("match"),
        "population": raw.get("population"),
        "geo_precision": raw.get("geo_precision"),
    }
    return {key: value for key, value in record.items() if value not in (None, "")}


def run(args: argparse.Namespace) -> int:
    from geo.geocoders import OfflineGeocoder
    from geo.positions import PositionError, position_with_words

    try:
        read = position_with_words(args.name)
    except PositionError as error:
        print(f"error: written as coordinates but no position: {error}", file=sys.stderr)
        return NOT_FOUND
    geocoder = OfflineGeocoder()
    for problem in geocoder.problems:
        print(problem.format(), file=sys.stderr)
    if read is not None:
        return _answer_position(args, *read, geocoder)
    found = geocoder.geocode(args.name, exactly_one=False, country_bias=args.country)
    if not found and args.online:
        from geo.geocoders.nominatim import CachedNominatim, OnlineGeocodingError

        try:
            found = CachedNominatim().geocode(
                args.name, exactly_one=False, country_codes=args.country
            )
        except OnlineGeocodingError as error:
            print(f"error: {error}", file=sys.stderr)
            return NOT_FOUND
    if not found:
        where = f" in {args.country.upper()}" if args.country else ""
        hint = "" if args.online else "; try another spelling, or --online"
        print(f"no place named {args.name!r}{where} is known{hint}", file=sys.stderr)
        return NOT_FOUND
    from geo.geocoders import is_ambiguous, namesakes

    ambiguous = is_ambiguous(found)
    others = [] if ambiguous else namesakes(found)
    if ambiguous:
        print(
            f"{args.name!r} is ambiguous: {len(found)} places bear the name and the best two "
            "score alike; the candidates follow (narrow with --country)",
            file=sys.stderr,
        )
    elif others:
        print(
            f"{args.name!r} is the name of {len(others) + 1} populated places in GeoNames: "
            f"the best answer first, then {_places(others)} (narrow with --country)",
            file=sys.stderr,
        )
    shown = found if args.all or ambiguous else [found[0], *others]
    if args.json:
        records = [as_record(location) for location in shown]
        if not args.all and others:
            records[0]["namesakes"] = records[1:]
        print(json.dumps(records if args.all else records[0], ensure_ascii=False, indent=2))
        return ExitStatus.OK
    for location in shown:
        record = as_record(location)
        where = ", ".join(part for part in (record.get("admin1"), record.get("country")) if part)
        print(
            f"{record['name']} ({record['kind']}{', ' + where if where else ''}): "
            f"{record['lat']:.5f}, {record['lon']:.5f}  [{record['source']}, "
            f"score {record.get('score', '-')}, match {record.get('match', '-')}]"
        )
    return ExitStatus.OK


NAMESAKES_NAMED = 5  # in the one-line warning; every one is listed below it


def _places(locations: list[Any]) -> str:
    """ "Āstārā (Gilan, Iran)" for each, the first NAMESAKES_NAMED of them."""
    named = []
    for location in locations[:NAMESAKES_NAMED]:
        raw = location.raw
        where = ", ".join(part for part in (raw.get("admin1"), raw.get("country")) if part)
        named.append(f"{raw.get('name')} ({where})")
    more = len(locations) - NAMESAKES_NAMED
    return "; ".join(named) + (f" and {more} more" if more > 0 else "")


def _answer_position(args: argparse.Namespace, written: Any, words: str, geocoder: Any) -> int:
    """A position written as one (geo.positions), with or without words around it
    ("39°33′N 44°59′E (near Sharur)"): itself, as `geo geocode` would fill it (`geo_source`
    manual), with the named place nearest to it and the province and country that hold it,
    so a reviewer sees where it lies; the words are kept as a note."""
    lat, lon = written.coordinates[1], written.coordinates[0]
    swap = _swap_note(written, args.country)
    if swap:
        print(f"note: {args.name.strip()!r} {swap}", file=sys.stderr)
    nearest = geocoder.reverse((lat, lon))
    record: dict[str, Any] = {
        "name": args.name.strip(),
        "lat": lat,
        "lon": lon,
        "kind": "position",
        "notation": written.notation,
        "note": words or None,
        "source": "manual",
        "geo_precision": 1,
        "warning": swap or None,  # the swap hint travels with the JSON answer too
    }
    if nearest is not None:
        raw = nearest.raw
        record.update(
            country=raw.get("country") or None,
            admin1=raw.get("admin1") or None,
            nearest={
                "name": raw.get("name"),
                "source": raw.get("source"),
                "distance_km": raw.get("distance_km"),
            },
        )
    record = {key: value for key, value in record.items() if value is not None}
    if args.json:
        print(json.dumps([record] if args.all else record, ensure_ascii=False, indent=2))
        return ExitStatus.OK
    where = ", ".join(part for part in (record.get("admin1"), record.get("country")) if part)
    near = record.get("nearest")
    print(
        f"{record['name']} (a position, read as {written.notation}"
        f"{', ' + where if where else ''}): {lat:.6f}, {lon:.6f}  [manual]"
        + (f"; the words {words!r} kept as a note" if words else "")
        + (
            f"; nearest named place: {near['name']} [{near['source']}], "
            f"{near['distance_km']:.1f} km"
            if near
            else ""
        )
    )
    return ExitStatus.OK


def _swap_note(written: Any, country: str | None) -> str | None:
    """The swap hint `geo geocode` gives a feature's `location` (geo.geocode): with --country,
    when that country does not hold the position; without, when no hemisphere or label orders
    the pair and the other way round lies in another country ("44.983333 39.55", read as
    Russia, is Azerbaijan's Sharur longitude first)."""
    from geo.geocode import outside_country, unordered_swap

    if country:
        from geo.borders import read_countries

        countries = read_countries()
        by_code = countries[countries["iso_a2"].str.casefold() == country.strip().casefold()]
        named = by_code["name"].iloc[0] if len(by_code) else country
        return outside_country(written, named, whose=f"--country {country}")
    return unordered_swap(written)
