"""`python -m geo history [ID] [--file PATH]`: who changed a feature, when, how and why, from
the history log beside the incident file (geo.review.history), checked against the file.

Without ID, every record of the log, one line each. Exit 0 when the log and the file agree,
1 when the file was changed outside the tools since the last save (a hand edit: shown, never
an error of the log), 2 when a file cannot be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from geo.problems import ExitStatus


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "history",
        help="who changed a feature, when and why (the log beside the incident file)",
        description="Print the history of one feature (or of the whole file without ID) "
        "from the append-only log beside the incident file, and check the log against the "
        "file: a hand edit made outside the tools is shown as such.",
    )
    parser.add_argument("feature", nargs="?", metavar="ID", help="a feature's id")
    parser.add_argument(
        "--file",
        type=Path,
        default=None,
        metavar="PATH",
        help="incident file (default: the current project's, found from the working folder)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.cli.merge import target_of
    from geo.review import history
    from geo.review.loop import read_target

    path = target_of(args.file)
    read_target(path)  # a file that cannot be read is said so, as by every verb
    audit = history.audit(path)
    records = audit.records
    if args.feature is not None:
        records = [r for r in records if r.get("feature") == args.feature]
        if not records:
            print(f"{args.feature}: no record in {history.log_path(path)}")
    for record in records:
        print("\n".join(history.record_lines(record)))
    for note in audit.notes:
        print(f"{path}: note: {note}")
    return ExitStatus.OK if audit.consistent else ExitStatus.FAILED
