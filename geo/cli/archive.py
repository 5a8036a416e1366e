"""`python -m geo archive ARTICLE.txt --source ID`: keep the text of an article as retrieved
in the local archive (`archive/ID.txt` beside the sources registry, git-ignored) and record its
SHA-256 and retrieval date in the source's row, so that `validate` can later show the text is
unchanged (the chain of custody the Berkeley Protocol asks for).

Exit 0 when archived, 1 when the registry or the request is wrong, 2 when the article cannot
be read.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from geo.cli._options import add_sources, iso_date
from geo.problems import ExitStatus

MUST_FIX = ExitStatus.FAILED


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "archive",
        help="keep an article's text in the local archive and record its SHA-256",
        description="Copy ARTICLE into archive/ID.txt beside the sources registry and write "
        "its SHA-256 and the retrieval date into the row ID of sources.csv.",
    )
    parser.add_argument("article", type=Path, metavar="ARTICLE")
    parser.add_argument("--source", required=True, metavar="ID", help="the row's id")
    add_sources(
        parser,
        help="sources registry (default: the nearest sources.csv in the article's folder or "
        "above, else data/sources.csv)",
    )
    parser.add_argument(
        "--retrieved",
        type=iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="when the text was retrieved (default: today)",
    )
    parser.add_argument("--url", default="", help="the article's URL, when it gives one")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.files import check_readable, current_token, locked, read_bytes, write_atomic
    from geo.sources import ArchiveError, archive_path, archive_text, registry_or_default

    data = read_bytes(args.article)
    registry = registry_or_default(args.article, args.sources)
    check_readable(registry)
    # The registry's lock is held from its read to its write: another archive or an app save
    # at the same time waits instead of losing its row (geo.files.locked).
    with locked(registry):
        token = current_token(registry)
        try:
            registry_text, text = archive_text(
                registry, args.source, data, args.retrieved or date.today(), args.url
            )
        except ArchiveError as error:
            print(f"{args.article}: error: {error}", file=sys.stderr)
            return MUST_FIX
        stored = archive_path(registry, args.source)
        stored.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(stored, text)
        write_atomic(registry, registry_text, expect=token)
    print(f"{args.source}: archived as {stored}; SHA-256 recorded in {registry}")
    return ExitStatus.OK
