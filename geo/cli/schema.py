"""`python -m geo schema [--check]`: write (or compare) data/incidents.schema.json, the JSON
Schema editors use, generated from geo/schema.py."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from geo import paths
from geo.canonical import dumps, write_atomic

OUT_OF_DATE = 1
UNWRITABLE = 2


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
    try:
        current = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        current = ""
    except (OSError, UnicodeDecodeError) as error:
        print(f"{target}: error: cannot read: {error}", file=sys.stderr)
        return UNWRITABLE
    if current == wanted:
        return 0
    if args.check:
        diff = difflib.unified_diff(
            current.splitlines(keepends=True),
            wanted.splitlines(keepends=True),
            str(target),
            f"{target} (generated)",
        )
        sys.stdout.writelines(diff)
        print(f"{target}: out of date; run: python -m geo schema", file=sys.stderr)
        return OUT_OF_DATE
    try:
        write_atomic(target, wanted)
    except OSError as error:
        print(f"{target}: error: cannot write: {error.strerror or error}", file=sys.stderr)
        return UNWRITABLE
    print(f"wrote {target}", file=sys.stderr)
    return 0
