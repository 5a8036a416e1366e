"""`python -m geo fmt [--check] PATH...`: rewrite GeoJSON files in the canonical layout.

Exit 0 when every file is (now) canonical, 1 when `--check` found one that is not, 2 when a file
cannot be read or parsed (it is then left untouched).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.canonical import dumps
from geo.problems import Problem
from geo.update import update_file

UNREADABLE = 2

BOM = "\ufeff"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fmt",
        help="rewrite GeoJSON files in the canonical layout",
        description="Rewrite GeoJSON files in the canonical layout (stable key order, "
        "2-space indentation, coordinates rounded to 6 decimals). Exit 0 when canonical, "
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
    return max(format_file(path, check=args.check) for path in args.paths)


def format_file(path: Path, *, check: bool) -> int:
    """Format (or, with check, compare) one file; print what happened; return its exit code."""
    raw, document, problem = _read(path)
    if problem is not None:
        print(problem.format(), file=sys.stderr)
        return UNREADABLE
    try:
        canonical = dumps(document)
    except (ValueError, RecursionError) as error:
        print(f"{path}: error: cannot format: {error}", file=sys.stderr)
        return UNREADABLE
    return update_file(
        path,
        raw.decode("utf-8"),
        canonical,
        check=check,
        made_by="formatted",
        stale=f"not in canonical form; run: python -m geo fmt {path}",
        written="formatted",
    )


def _read(path: Path) -> tuple[bytes, object, Problem | None]:
    """The file's bytes and parsed JSON (by the validator's strict parser), or a problem saying
    where it stops being JSON. A byte-order mark is dropped: formatting removes it."""
    # Imported here: the validator loads its geometry checks, which the other verbs and
    # `fmt --help` have no use for.
    from geo.validate import read_text
    from geo.validate.jsonpos import JSONSyntaxError, SourceMap, parse

    shown = str(path)
    text, problems = read_text(path)
    if text is None:
        return b"", None, problems[0]
    raw = text.encode("utf-8")  # the file's bytes: it has just decoded strictly from them
    text = text.removeprefix(BOM)
    try:
        parsed = parse(text)
    except JSONSyntaxError as error:
        return raw, None, Problem(shown, error.line, error.column, "error", error.message)
    if parsed.duplicates:
        # Formatting would keep one value of a repeated key and silently drop the others.
        duplicate = parsed.duplicates[0]
        source_map = SourceMap(text)
        line, column = source_map.position(
            source_map.key_offsets(duplicate.pointer, duplicate.key)[-1]
        )
        message = (
            f'key "{duplicate.key}" appears twice in one object; formatting would drop one of '
            "its values, so remove one by hand first"
        )
        return raw, None, Problem(shown, line, column, "error", message)
    return raw, parsed.document, None
