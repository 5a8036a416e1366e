"""`python -m geo history [ID] [--file PATH]`: who changed a feature, when, how and why, from
the history log beside the incident file (geo.review.history), checked against the file.

Without ID, every record of the log, one line each. Exit 0 when the log and the file agree,
1 when the file was changed outside the tools since the last save (a hand edit: shown, never
an error of the log), 2 when a file cannot be read.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from geo.problems import ExitStatus

MAX_VALUE_CHARS = 80


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


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def describe(record: dict[str, Any]) -> list[str]:
    """A record as lines: "TIME WHO ACTION FEATURE: reason", then what changed."""
    head = f"{record.get('time')}  {record.get('who')}  {record.get('action')}"
    if record.get("feature") is not None:
        head += f"  {record.get('feature')}"
    for key in ("pending", "approves", "refuses", "accepted_by", "source", "attach"):
        if record.get(key):
            head += f"  ({key.replace('_', ' ')} {record[key]})"
    if record.get("reason"):
        head += f": {record['reason']}"
    lines = [head]
    before, after = record.get("before"), record.get("after")
    if before is None and after is not None and record.get("action") not in ("accept",):
        lines.append("    added")
    elif after is None and before is not None:
        lines.append("    removed" if record.get("action") != "reject" else "    rejected draft")
    elif isinstance(before, dict) and isinstance(after, dict):
        props_a, props_b = before.get("properties") or {}, after.get("properties") or {}
        for name in {**props_a, **props_b}:
            lines.append(f"    {name}: {_short(props_a.get(name))} -> {_short(props_b.get(name))}")
        if before.get("geometry") != after.get("geometry"):
            lines.append(
                f"    geometry: {_short(before.get('geometry'))} -> {_short(after.get('geometry'))}"
            )
    return lines


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
        print("\n".join(describe(record)))
    for note in audit.notes:
        print(f"{path}: note: {note}")
    return ExitStatus.OK if audit.consistent else ExitStatus.FAILED
