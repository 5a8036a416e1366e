"""`python -m geo extract ARTICLE.txt [--published DATE] [--source ID] [--sources PATH]
[--out DRAFT]`: propose the places, dates and incidents of a news article as a draft
FeatureCollection for review.

The publication date (which "on Thursday" and "last week" count from) comes from the sources
registry: the row given by --source, else the row whose seed_file is the article's file name;
--published overrides it. The registry is --sources, else the nearest sources.csv in the
draft's folder (--out; the article's without it) or a parent folder, which is the one the
draft is validated and merged against (geo.sources.choose_registry), else data/sources.csv.
Exit 0 on success, 1 for a usage problem (unknown source, bad date), 2 when the article or
the registry cannot be read.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from datetime import date
from pathlib import Path

from geo.canonical import dumps
from geo.cli._options import add_sources, iso_date
from geo.files import check_not_replacing, write_atomic
from geo.problems import ExitStatus, UserError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="propose places, dates and incidents of an article as a draft for review",
        description="Read a plain-text article (UTF-8) and write a draft FeatureCollection: "
        "the places it names and the incidents it reports, each marked review 'draft' with "
        "character offsets into the article as evidence. Review it on the map, set 'review' "
        "to 'kept' on what is right, then `python -m geo merge`.",
    )
    parser.add_argument("article", type=Path, metavar="ARTICLE")
    parser.add_argument(
        "--published",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="publication date (default: the article's row in the sources registry)",
    )
    parser.add_argument("--source", metavar="ID", help="the article's id in the sources registry")
    add_sources(
        parser,
        aliases=("--sources-csv",),
        help="sources registry (sources.csv) to read the article's row from (default: the "
        "nearest sources.csv in the draft's folder, or the article's without --out, or a "
        "parent folder; else data/sources.csv); --sources-csv is its older spelling",
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DRAFT",
        help="write here (default: standard output); an existing file is refused without "
        "--force, since a reviewer may have edited it",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace an existing --out file (its edits are lost)"
    )
    parser.set_defaults(func=run)


def _registry_row(
    args: argparse.Namespace, registry_path: Path
) -> tuple[str | None, date | None, int]:
    """Source id, published date and its precision from the registry. Raises InvalidDataError
    for a registry that cannot be read or has errors, UserError for an unknown --source."""
    from geo.sources import read_sources

    registry = read_sources(registry_path)
    if args.source:
        if args.source not in registry.index:
            close = difflib.get_close_matches(args.source, [str(i) for i in registry.index], n=1)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            raise UserError(f"{registry_path}: error: no source with id {args.source!r}{hint}")
        row = registry.loc[args.source]
        source_id = args.source
    else:
        rows = registry[registry["seed_file"] == args.article.name]
        if rows.empty:
            return None, None, 1
        row, source_id = rows.iloc[0], str(rows.index[0])
    published = (
        None
        if row["published"] is None or str(row["published"]) == "NaT"
        else (row["published"].date())
    )
    precision = row["published_precision"]
    return source_id, published, 1 if str(precision) == "<NA>" else int(precision)


def run(args: argparse.Namespace) -> int:
    # Imported here so that other verbs do not pay for the geocoder's start-up.
    from geo.extract.draft import draft_collection, extract_article
    from geo.extract.text import read_article

    if args.out is not None:  # a draft is edited by hand during review (README: review loop)
        check_not_replacing(
            args.out, force=args.force, advice="write the new draft elsewhere and compare"
        )
    text = read_article(args.article)
    if not text.strip():  # a failed save or copy: an empty draft would say "nothing found"
        raise UserError(
            f"{args.article}: error: the article is empty: nothing to extract; nothing was written"
        )
    from geo.sources import registry_or_default

    # the registry the draft's source ids will be checked against (see the module's words)
    registry_path = registry_or_default(args.out or args.article, args.sources)
    print(f"{args.article}: sources registry: {registry_path}", file=sys.stderr)
    source_id, published, precision = _registry_row(args, registry_path)
    if args.published is not None:
        published, precision = args.published, 1
    if source_id is None:
        print(
            f"warning: {args.article.name} is not in {registry_path}: add a row and pass "
            "--source ID, or the draft's features have no source and will not validate",
            file=sys.stderr,
        )
    if published is None:
        print(
            "warning: no publication date: relative dates ('on Thursday', 'last week') are "
            "left out; pass --published YYYY-MM-DD",
            file=sys.stderr,
        )
    from geo.geocoders import OfflineGeocoder

    extraction = extract_article(
        text,
        OfflineGeocoder(),
        published=published,
        published_precision=precision,
        source_id=source_id,
    )
    output = dumps(draft_collection(extraction))
    if args.out is None:
        sys.stdout.write(output)
    else:
        write_atomic(args.out, output)
    incidents = len(extraction.proposals)
    places = len({(m.place.source, m.place.lat, m.place.lon) for m in extraction.places})
    print(
        f"{args.article}: {places} place(s), {incidents} proposed incident(s), "
        f"{sum(d.day is not None for d in extraction.dates)} dated expression(s)",
        file=sys.stderr,
    )
    return ExitStatus.OK
