"""`python -m geo gazetteer import FILE...`: add a GeoNames country dump (AZ.zip, IR.txt, ...,
from https://download.geonames.org/export/dump/) to the local gazetteer that `lookup`,
`geocode` and `extract` read (see geo.geocoders.local)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from geo.problems import ExitStatus


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "gazetteer",
        help="add GeoNames country dumps to the local gazetteer",
        description="Add the populated places and districts of GeoNames country dumps "
        "(the standard tab-separated .txt, or the .zip GeoNames serves) to the local "
        "gazetteer under .cache/gazetteer/ (ignored by git), which lookup, geocode and "
        "extract read.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    importer = actions.add_parser("import", help="import one or more GeoNames dumps")
    importer.add_argument("files", nargs="+", type=Path, metavar="FILE")
    importer.add_argument(
        "--database", type=Path, default=None, help=argparse.SUPPRESS
    )  # tests: a scratch database
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sqlite3

    from geo.files import FileError
    from geo.geocoders.local import DATABASE, DumpError, LocalGazetteer

    database = args.database or DATABASE
    status = ExitStatus.OK
    for path in args.files:
        try:
            result = LocalGazetteer(database).import_dump(path)
        except sqlite3.Error as error:  # the database cannot be opened or written
            raise FileError(
                f"{database}: error: cannot write the local gazetteer: {error}"
            ) from None
        except DumpError as error:
            print(f"error: {error}", file=sys.stderr)
            status = ExitStatus.FAILED
            continue
        skipped = f"; {result.skipped} unreadable line(s) skipped" if result.skipped else ""
        print(f"{path}: {result.places} place(s) imported into {database}{skipped}")
    return status
