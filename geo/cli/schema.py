"""`python -m geo schema [--check]`: write (or compare) data/incidents.schema.json, the JSON
Schema editors use, generated from geo/schema.py."""

from __future__ import annotations

import argparse
from pathlib import Path

from geo import paths
from geo.canonical import dumps
from geo.cli._update import update_file
from geo.files import read_text


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="write the JSON Schema for editors (data/incidents.schema.json)",
        description="Generate the JSON Schema of incident files from geo/schema.py and write "
        "it to data/incidents.schema.json. With --check, change nothing: print a diff and "
        "exit 1 when the file is out of date.",
    )
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument(
        "--output", type=Path, default=paths.INCIDENTS_SCHEMA, help=argparse.SUPPRESS
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: it reads the validator's rules, whose import the other verbs need not pay.
    from geo.jsonschema import incidents_schema

    target: Path = args.output
    wanted = dumps(incidents_schema())
    current = read_text(target) if target.exists() else ""
    return update_file(
        target,
        current,
        wanted,
        check=args.check,
        made_by="generated",
        stale="out of date; run: python -m geo schema",
        written="wrote",
    )
