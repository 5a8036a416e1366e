"""`python -m geo geocode [PATH] [--online] [--dry-run]` fills the empty geometries of an
incident file from each feature's `location`; `--check` says which gazetteer-derived
positions lie more than 1 km from their gazetteer entry.

Filling: a feature with a null geometry and a `location` written as a position (`39°33′N
44°59′E`, `39.55, 44.98`: the notations of geo.positions) gets that point with `geo_source`
"manual"; one with a place name gets the best match's point (an area
feature of layer "area" gets the area's polygon when data/borders has one), `geo_source` (the
entry, e.g. `geonames:147429`) and, when it has none, `geo_precision` (1 for a site or town, 3
for an area's representative point). Names that match nothing, or two far-apart places equally
well ("Julfa": one in Azerbaijan, one in Iran), are listed with their candidates and left
alone; add context ("Julfa, Nakhchivan") or an alias. Nothing else in the file changes; the
file is written atomically in the canonical form of `geo fmt`.

Exit codes: 0 all done (or all positions agree), 1 something left unresolved (or a position
disagrees, or the online service failed), 2 the file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from geo import paths
from geo.problems import ExitStatus, Problem, UserError

UNRESOLVED = ExitStatus.FAILED


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "geocode",
        help="fill empty geometries from `location`, or --check stored positions",
        description="Fill the null geometries of an incident file from each feature's "
        "`location`: a place name (offline gazetteers; --online adds Nominatim) or a position "
        "as written (39°33′N 44°59′E, 39.55N 44.98E), or with --check list "
        "the features more than 1 km from the gazetteer entry named by their geo_source.",
    )
    parser.add_argument("path", nargs="?", type=Path, default=paths.INCIDENTS, metavar="PATH")
    parser.add_argument(
        "--online", action="store_true", help="ask Nominatim for names no gazetteer knows"
    )
    parser.add_argument("--dry-run", action="store_true", help="print what would change only")
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; report positions more than 1 km from their gazetteer entry",
    )
    parser.add_argument(
        "--nominatim-cache",
        type=Path,
        default=None,
        metavar="PATH",
        help="Nominatim cache file (default data/gazetteer/nominatim-cache.json)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import contextlib

    from geo.files import locked

    # The file's lock is held from its read to its write (geo.files.locked): a merge or fmt
    # at the same time waits instead of being overwritten by this file's older content.
    writes = not (args.dry_run or args.check)
    with locked(args.path) if writes else contextlib.nullcontext():
        return _geocode(args)


def _geocode(args: argparse.Namespace) -> int:
    raw_text, document, lines, token = _read(args.path)
    from geo.canonical import dumps, line_ending, with_line_ending
    from geo.geocode import check_positions, fill
    from geo.geocoders import OfflineGeocoder
    from geo.geocoders.nominatim import OnlineGeocodingError
    from geo.review.history import tool_write

    geocoder = OfflineGeocoder()
    for problem in geocoder.problems:
        print(problem.format(), file=sys.stderr)
    online = _online(args) if args.online or args.check else None
    if args.check:
        problems, checked = check_positions(args.path, document, lines, geocoder, online)
        for problem in problems:
            print(problem.format())
        print(
            f"{args.path}: {checked} gazetteer-derived position(s) checked, "
            f"{len(problems)} problem(s)",
            file=sys.stderr,
        )
        return UNRESOLVED if problems else ExitStatus.OK
    try:
        report = fill(str(args.path), document, lines, geocoder, online)
    except OnlineGeocodingError as error:
        print(f"error: {error}", file=sys.stderr)
        return UNRESOLVED
    for message in report.filled:
        print(message)
    for message in report.left:
        print(message, file=sys.stderr)
    if report.filled and not args.dry_run:
        text = with_line_ending(dumps(document), line_ending(raw_text))
        if text != raw_text:
            tool_write(args.path, text, action="geocode", expect=token)
    count = len(report.filled)
    print(
        f"{args.path}: {'would fill' if args.dry_run else 'filled'} {count} "
        f"geometr{'y' if count == 1 else 'ies'}; {len(report.left)} left unresolved",
        file=sys.stderr,
    )
    return UNRESOLVED if report.left else ExitStatus.OK


def _online(args: argparse.Namespace) -> Any:
    from geo.geocoders.nominatim import CACHE, CachedNominatim

    return CachedNominatim(cache_path=args.nominatim_cache or CACHE)


def _read(path: Path) -> tuple[str, dict[str, Any], list[int], str]:
    """The text, the parsed FeatureCollection, per feature the line of its geometry, and the
    file's token (geo.files.write_atomic's `expect`).
    Raises FileError (geo.files.read_json) before anything is changed, e.g. for a key that
    appears twice in one object, whose second value a rewrite would silently keep."""
    from geo.files import BOM, read_json
    from geo.geocode import feature_lines

    read = read_json(path)
    document = read.document
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):  # JSON, readable: data to fix (exit 1), as validate says
        message = "an incident file must be a FeatureCollection with a features list"
        raise UserError(problems=[Problem(str(path), 1, 1, "error", message)])
    source_map = read.source_map()
    lines = feature_lines(source_map, features)
    return (BOM if read.bom else "") + read.text, document, lines, read.token
