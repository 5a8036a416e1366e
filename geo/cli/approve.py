"""`python -m geo approve [TOKEN] [--refuse --reason WHY] [--into PATH]`: the second pair of
eyes. With the project's sign-off setting on (team.toml, geo.review.team), `geo merge` and the
review desk log an accepted draft feature as pending; a different person approves it here,
which merges it into the incident file (through the validator and the logged save), or
refuses it with a reason.

Without TOKEN, lists what awaits the current person (acceptances by others). TOKEN is the
pending token `geo merge` printed, or the feature's id. Exit 0 when done, 1 when refused by
the rules (the same person, nothing pending under TOKEN, a result that would not validate).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.cli._options import add_sources
from geo.problems import ExitStatus


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "approve",
        help="approve (or refuse) a draft another person accepted (two-person sign-off)",
        description="List the accepted drafts that await your approval, approve one (it is "
        "merged into the incident file), or refuse it with a reason. The person who accepted "
        "a draft cannot approve it.",
    )
    parser.add_argument("token", nargs="?", metavar="TOKEN", help="pending token or feature id")
    parser.add_argument("--refuse", action="store_true", help="refuse it instead (needs --reason)")
    parser.add_argument("--reason", default="", help="why: written to the history log")
    parser.add_argument(
        "--into",
        type=Path,
        default=None,
        metavar="PATH",
        help="incident file (default: the current project's)",
    )
    add_sources(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.cli.merge import target_of
    from geo.review import loop
    from geo.review.people import local_user

    path = target_of(args.into)
    loop.read_target(path)  # a file that cannot be read is said so, as by every verb
    who = local_user(path.parent)
    if args.token is None:
        waiting = loop.awaiting(path, who)
        for item in waiting:
            name = (item.feature.get("properties") or {}).get("name")
            print(
                f"{item.token}  {item.feature.get('id')}  {name!r}  accepted by "
                f"{item.accepted_by} at {item.time}" + (f": {item.reason}" if item.reason else "")
            )
        print(f"{len(waiting)} awaiting approval by {who}", file=sys.stderr)
        return ExitStatus.OK
    if args.refuse:
        loop.refuse(path, args.token, who=who, reason=args.reason)
        print(f"{args.token}: refused by {who}")
        return ExitStatus.OK
    outcome = loop.approve(path, args.token, who=who, reason=args.reason, sources=args.sources)
    if outcome.problems:
        for problem in outcome.problems:
            print(problem.format(), file=sys.stderr)
        print("the result would not validate; nothing was merged", file=sys.stderr)
        return ExitStatus.FAILED
    for feature_id in outcome.report.added:
        print(f"{feature_id}: approved by {who} and added")
    for existing, _draft, added in outcome.report.reported:
        print(f"{existing}: approved by {who}; added report(s) {'; '.join(added)}")
    if not outcome.written:
        print(f"{args.token}: approved by {who}; the file already had it")
    return ExitStatus.OK
