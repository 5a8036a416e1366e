"""`python -m geo merge DRAFT [--into PATH] [--source ID]`: add the features a reviewer kept
to an incident file; an incident the file already has gains the draft's reports instead of a
duplicate.

The incident file is --into, else the current project's (geo.review.loop.find_project: the
nearest folder, the working one or above, with data/incidents.geojson or incidents.geojson),
never the clone's own from elsewhere. A draft extracted from an article that had no registry
row cites no source: --source ID makes its features cite that row (geo.review.loop.cite);
without it the draft is refused in one message naming that fix. Merged features become data
(final ids and names); the change is logged with who made it (geo.review.history). With the
project's sign-off setting on (team.toml), nothing is merged: the acceptance waits for `geo
approve` by someone else.

Exit 0 when merged (or nothing to do), 1 when something must be fixed first (features still
marked draft, a draft or result that does not validate, no project), 2 when a file cannot be
read. Nothing is written unless the merged file validates; the write is atomic and canonical.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from geo.cli._options import add_sources
from geo.files import locked, read_json
from geo.merge import DEFAULT_TOLERANCE_KM, DraftsLeft
from geo.problems import ExitStatus, InvalidDataError, UserError, exit_status
from geo.validate import check_text


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "merge",
        help="add reviewed features of a draft (from `geo extract`) to an incident file",
        description="Add the features of DRAFT whose review is 'kept' to the incident file. "
        "An incident already there (same place within the tolerance, overlapping dates, same "
        "event type, sub-type and actors) gains the draft's reports and sources instead of a "
        "duplicate; one that agrees on place and time only is listed as a near miss. "
        "Features still marked 'draft' are refused. The file is rewritten atomically in "
        "canonical form, only if it validates, and the change is logged beside it.",
    )
    parser.add_argument("draft", type=Path, metavar="DRAFT")
    parser.add_argument(
        "--into",
        type=Path,
        default=None,
        metavar="PATH",
        help="incident file to merge into (default: the current project's, found from the "
        "working folder; a new file is created)",
    )
    parser.add_argument(
        "--tolerance-km",
        type=float,
        default=DEFAULT_TOLERANCE_KM,
        help=f"how far apart two reports of one incident may be placed "
        f"(default {DEFAULT_TOLERANCE_KM:g} km)",
    )
    parser.add_argument(
        "--skip-drafts",
        action="store_true",
        help="merge the kept features and leave out those still marked draft",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would change; write nothing"
    )
    parser.add_argument("--reason", default="", help="why: written to the history log")
    parser.add_argument(
        "--source",
        metavar="ID",
        help="the registry row of the article the draft came from, for a draft `geo extract` "
        "wrote without one: every feature citing no source cites ID",
    )
    add_sources(parser)
    parser.set_defaults(func=run)


def target_of(into: Path | None) -> Path:
    """--into, else the current project's incident file; UserError without a project."""
    from geo.review.loop import find_project, no_project_message

    if into is not None:
        return into
    project = find_project()
    if project is None:
        raise UserError(f"{no_project_message()}: pass --into PATH (a new file is created)")
    return project.incidents


def run(args: argparse.Namespace) -> int:
    target_path = target_of(args.into)
    # The file's lock is held from its read to its write: a merge running at the same time
    # waits, then reads this one's result instead of overwriting it (geo.files.locked).
    with contextlib.nullcontext() if args.dry_run else locked(target_path):
        return _merge(args, target_path)


def _merge(args: argparse.Namespace, target_path: Path) -> int:
    from geo.review import history
    from geo.review.loop import cite, merge_into, uncited
    from geo.review.people import local_user
    from geo.review.team import read_team
    from geo.sources import choose_registry

    choice = choose_registry(target_path, args.sources)
    print(f"{target_path}: {choice.describe(target_path)}", file=sys.stderr)
    read = read_json(args.draft)
    document, problems = check_text(read.text, str(args.draft), sources_path=choice.path)
    if document is None:  # JSON but not an object: data to fix, as validate says (exit 1)
        raise InvalidDataError(problems)
    if args.source:
        document = cite(document, args.source, choice.path)
    elif uncited(document):  # extract ran without a row: one message, not one per feature
        print(
            f"{args.draft}: error: {len(uncited(document))} feature(s) cite no source (the "
            "article had no row in the sources registry when it was extracted); pass --source "
            f"ID, the article's row in {choice.path}, or re-run `geo extract` with --source ID "
            "or --outlet NAME; nothing was merged",
            file=sys.stderr,
        )
        return ExitStatus.FAILED
    team = read_team(target_path)
    try:
        outcome = merge_into(
            target_path,
            document,
            who=local_user(target_path.parent),
            reason=args.reason,
            sources=choice.path,
            draft_name=str(args.draft),
            tolerance_km=args.tolerance_km,
            skip_drafts=args.skip_drafts,
            dry_run=args.dry_run,
            sign_off=team.sign_off,
        )
    except DraftsLeft as left:
        print(
            f"{args.draft}: error: {len(left.feature_ids)} feature(s) still marked "
            f'review "draft": {", ".join(left.feature_ids)}. Set "review": "kept" on those to '
            "merge, delete the others from the draft (or use --skip-drafts); nothing was "
            "merged",
            file=sys.stderr,
        )
        return ExitStatus.FAILED
    if outcome.problems:
        for problem in outcome.problems:
            print(problem.format(), file=sys.stderr)
        print("fix the errors above first; nothing was merged", file=sys.stderr)
        return max(exit_status(outcome.problems), ExitStatus.FAILED)
    report = outcome.report
    if team.sign_off:
        for token in outcome.pending:
            print(f"{token}: accepted; awaits approval by another person (geo approve {token})")
        if not outcome.pending:
            print(f"{target_path}: nothing to accept")
        return ExitStatus.OK
    for existing, draft_id, added in report.reported:
        print(f"{existing}: already there (draft {draft_id}); added report(s) {'; '.join(added)}")
    for existing, draft_id, added in report.sourced:
        print(f"{existing}: already there (draft {draft_id}); added source(s) {', '.join(added)}")
    for existing, draft_id in report.unchanged:
        print(f"{existing}: already there with the same sources (draft {draft_id})")
    for existing, old, new in report.restated:
        print(f"{existing}: claim_status {old!r} -> {new!r}, as its reports now support")
    for feature_id in report.added:
        print(f"{feature_id}: added")
    for feature_id in report.skipped:
        print(f"{feature_id}: left out (still a draft)")
    for existing, draft_id, which in report.differing:
        print(
            f"{existing}: warning: the draft {draft_id} has another version of the report(s) "
            f"{'; '.join(which)}; the file's version is kept: compare them by hand"
        )
    for feature_id, existing, differs in report.near_misses:
        print(
            f"{feature_id}: near miss, review it: same place and time as {existing} but "
            f"{'; '.join(differs)}; added as a feature of its own (if it is the same incident, "
            f"move its report into {existing} by hand)"
        )
    if not report.added and not report.sourced and not report.reported:
        print(f"{target_path}: nothing to change")
    elif args.dry_run:
        print(f"{target_path}: dry run, nothing written")
    elif outcome.written:
        print(f"{target_path}: written; logged in {history.log_path(target_path)}")
    return ExitStatus.OK
