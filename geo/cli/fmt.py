"""`python -m geo fmt [--check] PATH...`: rewrite GeoJSON files in the canonical layout.

Exit 0 when every file is (now) canonical, 1 when `--check` found one that is not, 2 when a file
cannot be read or parsed (it is then left untouched).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from geo.canonical import dumps, line_ending, with_line_ending
from geo.cli._update import update_file
from geo.files import BOM, FileError, locked, read_json
from geo.problems import ExitStatus


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fmt",
        help="rewrite GeoJSON files in the canonical layout",
        description="Rewrite GeoJSON files in the canonical layout (stable key order, "
        "2-space indentation, coordinates rounded to 6 decimals); a file's line endings "
        "(LF, or CRLF from a Windows checkout) are kept. Exit 0 when canonical, "
        "1 when --check finds a file that is not, 2 when a file cannot be read.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; print a diff and exit 1 for each file that is not canonical",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    status = ExitStatus.OK
    for path in args.paths:  # every file, even after one fails
        try:
            status = max(status, format_file(path, check=args.check))
        except FileError as error:
            for line in error.lines():
                print(line, file=sys.stderr)
            status = max(status, error.status)
    return status


def format_file(path: Path, *, check: bool) -> ExitStatus:
    """Format (or, with check, compare) one file; print what happened; return its status.
    Raises FileError when the file cannot be read, is not JSON, repeats a key, or cannot be
    written; it is then left untouched. Holds the file's lock from the read to the write, so
    no other writer's change falls in between (geo.files.locked)."""
    with contextlib.nullcontext() if check else locked(path):
        read = read_json(path)
        try:
            # A file's line endings are its checkout's (or editor's) business, not its layout's.
            canonical = with_line_ending(dumps(read.document), line_ending(read.text))
        except (ValueError, RecursionError) as error:
            raise FileError(f"{path}: error: cannot format: {error}") from None
        return update_file(
            path,
            BOM + read.text if read.bom else read.text,
            canonical,
            check=check,
            made_by="formatted",
            stale=f"not in canonical form; run: python -m geo fmt {path}",
            written="removed the byte-order mark and formatted" if read.bom else "formatted",
            expect=read.token,
            logged="fmt",
        )
