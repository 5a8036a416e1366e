"""`python -m geo merge DRAFT [--into PATH]`: add the features a reviewer kept to an incident
file; an incident the file already has gains the draft's source instead of a duplicate.

Exit 0 when merged (or nothing to do), 1 when something must be fixed first (features still
marked draft, a draft or result that does not validate), 2 when a file cannot be read.
Nothing is written unless the merged file validates; the write is atomic and canonical.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from geo import paths
from geo.canonical import dumps
from geo.cli._options import add_sources
from geo.files import locked, read_json, write_atomic
from geo.merge import DEFAULT_TOLERANCE_KM, DraftsLeft, merge_documents
from geo.problems import ExitStatus, InvalidDataError, Problem, exit_status, has_errors
from geo.sources import choose_registry
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
        "canonical form, only if it validates.",
    )
    parser.add_argument("draft", type=Path, metavar="DRAFT")
    parser.add_argument(
        "--into",
        type=Path,
        default=paths.INCIDENTS,
        metavar="PATH",
        help="incident file to merge into (default: data/incidents.geojson)",
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
    add_sources(parser)
    parser.set_defaults(func=run)


def _print(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem.format(), file=sys.stderr)


def _read_checked(path: Path, sources: Path) -> tuple[dict | None, int, str]:
    """The validated document (or None and the exit status after printing why) and the file's
    token (geo.files). Raises FileError (geo.files.read_json) for a file that cannot be read
    safely, InvalidDataError for JSON that is not an object."""
    read = read_json(path)
    document, problems = check_text(read.text, str(path), sources_path=sources)
    if document is None:  # JSON but not an object: data to fix, as validate says (exit 1)
        raise InvalidDataError(problems)
    if has_errors(problems):
        _print([p for p in problems if p.severity == "error"])
        print(f"{path}: fix the errors above first; nothing was merged", file=sys.stderr)
        return None, max(exit_status(problems), ExitStatus.FAILED), read.token
    return document, ExitStatus.OK, read.token


def run(args: argparse.Namespace) -> int:
    # The file's lock is held from its read to its write: a merge running at the same time
    # waits, then reads this one's result instead of overwriting it (geo.files.locked).
    with contextlib.nullcontext() if args.dry_run else locked(args.into):
        return _merge(args)


def _merge(args: argparse.Namespace) -> int:
    target_path: Path = args.into
    choice = choose_registry(target_path, args.sources)
    print(f"{target_path}: {choice.describe(target_path)}", file=sys.stderr)
    sources = choice.path
    target, code, token = _read_checked(target_path, sources)
    if target is None:
        return code
    draft, code, _ = _read_checked(args.draft, sources)
    if draft is None:
        return code
    try:
        merged, report = merge_documents(
            target, draft, tolerance_km=args.tolerance_km, skip_drafts=args.skip_drafts
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
    for existing, draft_id, added in report.reported:
        print(f"{existing}: already there (draft {draft_id}); added report(s) {'; '.join(added)}")
    for existing, draft_id, added in report.sourced:
        print(f"{existing}: already there (draft {draft_id}); added source(s) {', '.join(added)}")
    for existing, draft_id in report.unchanged:
        print(f"{existing}: already there with the same sources (draft {draft_id})")
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
        return ExitStatus.OK
    text = dumps(merged)
    _, problems = check_text(text, str(target_path), sources_path=sources)
    if has_errors(problems):
        _print([p for p in problems if p.severity == "error"])
        print(
            f"{target_path}: the merged file would not validate; nothing was written",
            file=sys.stderr,
        )
        return ExitStatus.FAILED
    if args.dry_run:
        print(f"{target_path}: dry run, nothing written")
        return ExitStatus.OK
    write_atomic(target_path, text, expect=token)
    return ExitStatus.OK
