"""`python -m geo validate [PATH ...] [--plain] [--format text|json]`: print every problem of
each file, one per line (or a JSON list), and exit 0 when all are valid (warnings allowed), 1
when any has an error, 2 when any cannot be read unambiguously (not JSON, a key written
twice)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geo import paths
from geo.cli._options import add_sources
from geo.problems import ExitStatus, Problem, exit_status


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check GeoJSON files: structure, incident schema, meaning",
        description="Check GeoJSON files. Exit 0 valid (warnings allowed), 1 invalid, "
        "2 unreadable.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help=f"files to check (default: {paths.INCIDENTS.relative_to(paths.ROOT)})",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="check GeoJSON structure only (RFC 7946), for files that are not incident files",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_sources(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.sources import choose_registry
    from geo.validate import check_text, read_text  # heavy imports only when validating

    problems: list[Problem] = []
    code = ExitStatus.OK
    for path in args.paths or [paths.INCIDENTS]:
        text, unreadable = read_text(path)
        if text is None:
            problems += unreadable
            code = max(code, exit_status(unreadable))
            continue
        document, found = check_text(text, str(path), plain=args.plain, sources_path=args.sources)
        problems += found
        if not args.plain and document is not None:
            choice = choose_registry(path, args.sources, document)
            print(f"{path}: {choice.describe(path)}", file=sys.stderr)
        code = max(code, exit_status(found))
    if args.format == "json":
        json.dump([p.as_dict() for p in problems], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for problem in problems:
            print(problem.format())
    return code
