"""`python -m geo import FILE [--out DRAFT] [--source ID] [--sources PATH] [--force]`: read a
file from another mapping tool (KML/KMZ, GeoPackage, Shapefile, GPX, CSV, GeoParquet: see
geo.import_drafts) into a draft FeatureCollection for review, never into the data.

The draft goes to --out, else to `drafts/STEM.geojson` beside the current project's incident
file (geo.review.loop.find_project: where the app and the review desk list drafts); an
existing draft is refused without --force. Every feature not mapped whole (no date, no
position, fields kept in notes) is listed. Exit 0 when written (the validator's findings on
the draft are printed: a draft without --source does not validate until its features cite a
source), 1 for a usage problem (an unknown --source, nothing to import, an existing --out, no
project and no --out), 2 when the file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.canonical import dumps
from geo.cli._options import add_sources
from geo.files import check_not_replacing, write_atomic
from geo.problems import ExitStatus, UserError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    from geo.import_drafts import FORMATS

    parser = subparsers.add_parser(
        "import",
        help="read a KML/KMZ, GeoPackage, Shapefile, GPX, CSV or GeoParquet file into a draft",
        description="Read the features of a file from another tool into a draft for review "
        "(review 'draft'), as `geo extract` does for an article: names, descriptions, dates "
        "and extended data become draft incidents or sites; what could not be mapped is "
        "listed. Reads: " + "; ".join(sorted(set(FORMATS.values()))) + ".",
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DRAFT",
        help="where to write the draft (default: the current project's drafts/FILE-STEM.geojson, "
        "e.g. data/drafts/); an existing "
        "file is refused without --force, since a reviewer may have edited it",
    )
    parser.add_argument(
        "--source",
        metavar="ID",
        help="the file's id in the sources registry (its features cite it)",
    )
    add_sources(parser)
    parser.add_argument(
        "--force", action="store_true", help="replace an existing --out file (its edits are lost)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.draft_files import drafts_folder
    from geo.import_drafts import import_file
    from geo.review.loop import find_project, no_project_message
    from geo.sources import read_sources, registry_or_default
    from geo.validate import check_text

    out: Path | None = args.out
    if out is None:  # the current project's drafts, where the app and the review desk look
        project = find_project()
        if project is None:
            raise UserError(f"{no_project_message()}: pass --out DRAFT")
        out = drafts_folder(project.incidents) / f"{args.file.stem}.geojson"
    check_not_replacing(out, force=args.force, advice="write the new draft elsewhere and compare")
    registry_path = registry_or_default(out, args.sources)
    if args.source is not None and args.source not in read_sources(registry_path).index:
        raise UserError(
            f"{registry_path}: error: no source with id {args.source!r}; add its row first"
        )
    imported = import_file(args.file, args.source)
    features = imported.collection["features"]
    if not features:
        raise UserError(f"{args.file}: error: no feature in any layer; nothing was written")
    for line in imported.unmapped:
        print(line, file=sys.stderr)
    uncited = sum(not feature["properties"].get("sources") for feature in features)
    if args.source is None and uncited:  # geo export's KML keeps its features' sources
        print(
            f"warning: no --source: {uncited} of the draft's {len(features)} features cite no "
            f"source and will not validate; add the file's row to {registry_path} and pass "
            "--source ID",
            file=sys.stderr,
        )
    text = dumps(imported.collection)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, text)
    incidents = sum(f["properties"]["layer"] == "incident" for f in features)
    layers = ", ".join(f"{name!r}: {count}" for name, count in imported.layers.items())
    print(
        f"{args.file}: {len(features)} feature(s) ({layers}) -> {out}: {incidents} draft "
        f"incident(s), {len(features) - incidents} draft site(s), route(s) or area(s); "
        "review them, then "
        f"`python -m geo merge {out}`",
        file=sys.stderr,
    )
    _, problems = check_text(text, str(out), sources_path=registry_path)
    if problems:
        # The import did its work (exit 0): what follows is the review's to-do, not a failure.
        print(
            f"{out}: what the draft still needs before it validates (the review's to-do; "
            "the import itself succeeded):",
            file=sys.stderr,
        )
    for problem in problems:
        print(f"  {problem.format()}", file=sys.stderr)
    return ExitStatus.OK
