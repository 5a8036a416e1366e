"""`python -m geo reports ID [--in PATH] [--sources PATH] [--json]`: who says what about one
feature, with which figures, and how independent the confirmation is (geo.ledger.ledger).

Exit 0 when printed, 1 when no feature has that id or the file has errors, 2 when a file
cannot be read.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

from geo import paths
from geo.cli._options import add_sources
from geo.problems import ExitStatus, InvalidDataError, exit_status, has_errors


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "reports",
        help="print an incident's reports, figure ranges and corroboration",
        description="Print each source's report on one feature (stance, claimant, figures), "
        "the range of each figure with who gives which value, the claimants for and against, "
        "the claim status the reports support, and how many outlets and independent origins "
        "there are.",
    )
    parser.add_argument("feature_id", metavar="ID")
    parser.add_argument(
        "--in",
        dest="path",
        type=Path,
        default=paths.INCIDENTS,
        metavar="PATH",
        help="incident file (default: data/incidents.geojson)",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    add_sources(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.ledger import Registry, ledger
    from geo.sources import sources_for
    from geo.validate import check_file

    document, problems = check_file(args.path, sources_path=args.sources)
    if document is None or has_errors(problems):
        for problem in problems:
            if problem.severity == "error":
                print(problem.format(), file=sys.stderr)
        return exit_status(problems)
    try:
        registry = Registry.of(sources_for(args.path, args.sources, document))
    except InvalidDataError as error:
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
        return error.status
    features = [f for f in document.get("features", []) if isinstance(f, dict)]
    feature = next((f for f in features if f.get("id") == args.feature_id), None)
    if feature is None:
        ids = [str(f.get("id")) for f in features]
        close = difflib.get_close_matches(args.feature_id, ids, n=1)
        hint = f'; did you mean "{close[0]}"?' if close else ""
        print(
            f'{args.path}: error: no feature has the id "{args.feature_id}"{hint}', file=sys.stderr
        )
        return ExitStatus.FAILED
    result = ledger(feature, registry)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(_text(result))
    return ExitStatus.OK


def _text(result: dict) -> str:
    lines = [f"{result['id']}: {result['name']}"]
    status = result["claim_status"] or "—"
    derived = result["derived_claim_status"]
    lines.append(
        f"claim status: {status}"
        + (f" (the reports support {derived})" if derived and derived != status else "")
    )
    lines.append(
        f"corroboration: {result['outlets']} outlet(s), "
        f"{result['independent_origins']} independent origin(s)"
    )
    if result["claimants_for"]:
        lines.append(f"claimed by: {'; '.join(result['claimants_for'])}")
    if result["claimants_against"]:
        lines.append(f"denied or disputed by: {'; '.join(result['claimants_against'])}")
    if result["figure_ranges"]:
        lines.append("figures:")
        for name, span in result["figure_ranges"].items():
            low, high = span["low"], span["high"]
            shown = str(low) if low == high else f"{low}–{high}"
            by = "; ".join(f"{_value(b['value'])} by {', '.join(b['sources'])}" for b in span["by"])
            lines.append(f"  {name}: {shown} ({by})")
    lines.append(f"reports ({len(result['reports'])}):")
    for report in result["reports"]:
        figures = ", ".join(f"{k} {_value(v)}" for k, v in report["figures"].items())
        who = f" {report['claimant']}" if report["claimant"] else " (own voice)"
        lines.append(
            f"  {report['published'] or '????-??-??'}  {report['source']} "
            f"[{report['outlet']}]  {report['stance']}{who}" + (f": {figures}" if figures else "")
        )
    return "\n".join(lines)


def _value(value: object) -> str:
    return f"{value[0]}–{value[1]}" if isinstance(value, list) else str(value)
