"""`python -m geo extract ARTICLE [--source ID | --outlet NAME --published DATE --url URL
--title TITLE] [--out DRAFT]`: propose the places, dates and incidents of a news article as a
draft FeatureCollection for review (an `.html` file is read as the text it shows).

Every draft cites its article: the row given by --source, else the row whose seed_file is
the article's file name, else a new row made from --outlet (with --published, --url, --title,
--author), else, at a terminal, a row made from what the person types when asked. The
article's text is then archived beside the registry (archive/ID.txt) with its SHA-256 in the
row (geo.review.loop.register_article, as `geo archive`). Without any of these (and no
terminal) the drafts are written citing no source, nothing else is written, and one line
says how to give the source (`geo merge DRAFT --source ID`, or --outlet).

The registry is --sources (created when it does not exist and a row is to be added), else the
nearest sources.csv in the draft's folder (--out; the article's without it) or a parent
folder, which is the one the draft is validated and merged against; else the current
project's (geo.review.loop.find_project); else a new sources.csv in the working folder. The
publication date ("on Thursday", "last week" count from it) is the row's; --published
overrides it. Exit 0 on success, 1 for a usage problem (unknown source, bad date),
2 when the article or the registry cannot be read.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from geo.canonical import dumps
from geo.cli._options import add_sources, iso_date
from geo.files import check_not_replacing, check_writable, write_atomic
from geo.problems import ExitStatus, UserError
from geo.sources import REGISTRY_NAME

NEW_ROW_OPTIONS = "--outlet NAME (with --published YYYY-MM-DD, --url URL, --title TITLE)"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="propose places, dates and incidents of an article as a draft for review",
        description="Read an article (UTF-8 text or an HTML page) and write a draft "
        "FeatureCollection: the places it names and the incidents it reports, each marked "
        "review 'draft' with character offsets into the article as evidence. The article gets "
        "a row in the sources registry (--source, or a new one from --outlet ...) and its "
        "text is archived with its SHA-256. Review the draft on the map (the app's review "
        "desk), or set 'review' to 'kept' on what is right, then `python -m geo merge`.",
    )
    parser.add_argument("article", type=Path, metavar="ARTICLE")
    parser.add_argument(
        "--published",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="publication date (default: the article's row in the sources registry)",
    )
    parser.add_argument("--source", metavar="ID", help="the article's id in the sources registry")
    parser.add_argument("--outlet", help="add a row for the article: the outlet's name")
    parser.add_argument("--url", default="", help="with --outlet: the article's URL")
    parser.add_argument("--title", default="", help="with --outlet: the article's headline")
    parser.add_argument("--author", default="", help="with --outlet: the byline")
    add_sources(
        parser,
        aliases=("--sources-csv",),
        help="sources registry (sources.csv) to read the article's row from or add it to "
        "(default: the nearest sources.csv in the draft's folder, or the article's without "
        "--out, or a parent folder; else the current project's; else ./sources.csv); "
        "--sources-csv is its older spelling",
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


def choose_registry_path(args: argparse.Namespace) -> Path:
    """The registry (see the module): --sources, the nearest to the draft or article, the
    current project's, else ./sources.csv."""
    from geo.review.loop import find_project
    from geo.sources import choose_registry

    if args.sources is not None:
        return args.sources
    nearest = choose_registry(args.out or args.article).path
    if nearest is not None:
        return nearest
    project = find_project()
    return project.sources if project is not None else Path(REGISTRY_NAME)


def _known_row(args: argparse.Namespace, registry_path: Path) -> str | None:
    """The id of the article's existing row: --source (UserError when unknown), else the row
    whose seed_file is the article's name; None when neither. InvalidDataError for a registry
    that cannot be read or has errors."""
    from geo.sources import read_sources

    if args.source is None and not registry_path.exists():
        return None  # a new registry: its first row is being made
    registry = read_sources(registry_path)
    if args.source:
        if args.source not in registry.index:
            close = difflib.get_close_matches(args.source, [str(i) for i in registry.index], n=1)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            raise UserError(f"{registry_path}: error: no source with id {args.source!r}{hint}")
        return str(args.source)
    rows = registry[registry["seed_file"] == args.article.name]
    return None if rows.empty else str(rows.index[0])


def _asked_row(args: argparse.Namespace, registry_path: Path, title: str):
    """The new row from the options, or asked at a terminal; None when neither (no terminal
    to ask at); UserError when the person at the terminal gives no outlet."""
    from geo.review.loop import SourceRow

    if args.outlet:
        return SourceRow(args.outlet, args.published, args.url, args.title or title, args.author)
    new = "" if registry_path.exists() else " (a new file)"
    if not sys.stdin.isatty():  # a script or a pipe: the drafts are written, citing nothing
        return None
    print(f"{args.article} has no row in {registry_path}{new}; describe it:", file=sys.stderr)
    outlet = input("  outlet (publisher's name): ").strip()
    if not outlet:
        raise UserError("error: no outlet given; nothing was written")
    published = args.published
    while published is None:
        typed = input("  published (YYYY-MM-DD, empty if unknown): ").strip()
        if not typed:
            break
        try:
            published = iso_date(typed)
        except argparse.ArgumentTypeError as error:
            print(f"  {error}", file=sys.stderr)
    url = input("  URL (empty if none): ").strip()
    typed_title = input(f"  title [{title}]: ").strip() if title else input("  title: ").strip()
    return SourceRow(outlet, published, url, typed_title or title)


def run(args: argparse.Namespace) -> int:
    from geo.files import read_bytes
    from geo.review.loop import article_text, draft_of, html_text, register_article, registry_row

    if args.out is not None:  # a draft is edited by hand during review (README: review loop)
        check_not_replacing(
            args.out, force=args.force, advice="write the new draft elsewhere and compare"
        )
    raw = read_bytes(args.article)
    text = article_text(raw, str(args.article))
    if not text.strip():  # a failed save or copy: an empty draft would say "nothing found"
        raise UserError(
            f"{args.article}: error: the article is empty: nothing to extract; nothing was written"
        )
    registry_path = choose_registry_path(args)
    print(f"{args.article}: sources registry: {registry_path}", file=sys.stderr)
    source_id = _known_row(args, registry_path)
    row = None
    if source_id is None:
        title = html_text(text)[0] if args.article.suffix.lower() in (".html", ".htm") else ""
        row = _asked_row(args, registry_path, title)
    from geo.review.people import local_user

    if args.out is not None:  # before a row is added for a draft that cannot be written
        if not args.out.parent.exists():
            args.out.parent.mkdir(parents=True)  # drafts/ of a new project
        check_writable(args.out)

    if source_id is None and row is None:
        # No row and nobody to ask: the drafts are still written (a reviewer may only want to
        # look), and the one line says what merge will need.
        print(
            f"{args.article}: note: no row in {registry_path} for this article, so the drafts "
            f"cite no source; merge them with `geo merge DRAFT --source ID` (ID: its row), or "
            f"re-run with {NEW_ROW_OPTIONS} to add the row now",
            file=sys.stderr,
        )
        published, precision = args.published, 1
    else:
        registered = register_article(
            registry_path,
            text,
            source_id=source_id,
            row=row,
            who=local_user(registry_path.parent),
        )
        source_id = registered.source_id
        print(
            f"{args.article}: source {source_id}"
            + (" (new row)" if registered.created else "")
            + f"; text archived as {registered.archived} (SHA-256 {registered.sha256[:12]}…)",
            file=sys.stderr,
        )
        published, precision = registry_row(registry_path, source_id)
        if args.published is not None:
            published, precision = args.published, 1
    if published is None:
        print(
            "warning: no publication date: relative dates ('on Thursday', 'last week') are "
            "left out; pass --published YYYY-MM-DD",
            file=sys.stderr,
        )
    draft, extraction = draft_of(text, source_id, published, precision)
    output = dumps(draft)
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
