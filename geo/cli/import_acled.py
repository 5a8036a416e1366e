"""`python -m geo import-acled FILE.csv [--out PATH] [--source-id ID]`: read an ACLED CSV export
(or this project's `export --format csv`) into an incident file of the project's schema, or,
with `--out STORE.parquet` or `--out FOLDER`, into a bulk store (geo.store).
Every bad cell is reported as FILE:LINE:COLUMN with the event id and field. An incident file is
then not written; a store is written without the refused rows, which go to its side file
`STORE.rejected.csv`. Exit 0 written with every row, 1 bad input, 2 a file that cannot be read
or written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo import countries
from geo.problems import ExitStatus, Problem, exit_status, has_errors

OK, FAILED = ExitStatus.OK, ExitStatus.FAILED


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    from geo.acled.columns import DEFAULT_SOURCE_ID

    parser = subparsers.add_parser(
        "import-acled",
        help="read an ACLED CSV export into an incident GeoJSON file",
        description="Read an ACLED CSV export into features of the project's schema. ACLED "
        "columns the project lacks are kept as acled_* properties.",
    )
    parser.add_argument("csv", type=Path, metavar="FILE.csv")
    parser.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        help="GeoJSON file to write (replaced atomically), or a bulk store (GeoParquet, any "
        "size, constant memory): one file ending in .parquet, or a folder of one file per "
        "year, year=YYYY/part-0.parquet (a new name without a suffix, or a store folder to "
        "replace); default: GeoJSON on stdout",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace an existing GeoJSON --out file (by default import-acled refuses, so a "
        "curated file is never overwritten by mistake: import to a new file and `geo merge` it)",
    )
    parser.add_argument(
        "--source-id",
        default=DEFAULT_SOURCE_ID,
        metavar="ID",
        help="sources.csv id that ACLED rows cite (default: %(default)s); "
        "add a row for it to the sources.csv nearest --out",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.out is not None and is_store_path(args.out):
        return run_store(args)
    from geo.acled.reader import read_acled_text
    from geo.canonical import dumps
    from geo.files import check_not_replacing, read_text, write_atomic

    if args.out is not None:  # a curated file given by mistake would lose every hand edit
        check_not_replacing(
            args.out, force=args.force, advice="import to a new file and `geo merge` it"
        )
    text = read_text(args.csv)
    document, problems = read_acled_text(
        text, str(args.csv), source_id=args.source_id, country_names=countries.aliases()
    )
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if document is None or has_errors(problems):
        print(
            f"import-acled: nothing written; fix the {sum(p.severity == 'error' for p in problems)}"
            " error(s) above",
            file=sys.stderr,
        )
        return max(exit_status(problems), FAILED)
    output = dumps(document)
    if args.out is None:
        sys.stdout.write(output)
        return OK
    write_atomic(args.out, output)
    count = len(document["features"])
    print(f"wrote {args.out} ({count} incident{'s' if count != 1 else ''})", file=sys.stderr)
    cited = any(args.source_id in f["properties"].get("sources", []) for f in document["features"])
    if cited and not _registry_rows(args.out, args.source_id):
        _note_unlisted(args.out, args.source_id)
    return OK


def _registry_rows(out: Path, source_id: str) -> list[dict[str, str]]:
    """The row of `source_id` in the registry nearest `out` (a list of it, or empty)."""
    from geo.sources import registry_for, rows_in

    return rows_in(registry_for(out), [source_id])


def _note_unlisted(out: Path, source_id: str) -> None:
    from geo.sources import registry_for

    print(
        f"import-acled: note: the features cite source {source_id!r}, which "
        f"{registry_for(out)} does not list yet; add a row for the ACLED export you used "
        "(outlet ACLED, its title and download date) before validating",
        file=sys.stderr,
    )


# A bulk file may have millions of bad rows: the first ones are printed, all are in the side file.
PRINTED_PROBLEMS = 100


def is_store_path(out: Path) -> bool:
    """A store is written to a name ending in .parquet (one file) or to a folder of one
    GeoParquet file per year: a new name without a suffix, or a folder an import wrote
    before (any other folder is refused as an output, as for every verb)."""
    from geo.store.layout import is_store

    if out.suffix.casefold() == ".parquet":
        return True
    if out.is_dir():
        return is_store(out)
    return not out.exists() and not out.suffix


def run_store(args: argparse.Namespace) -> int:
    """`--out STORE.parquet` or `--out FOLDER`: stream the CSV into a store."""
    from geo.files import check_writable
    from geo.store.importer import import_acled_store, rejected_path

    if not args.out.is_dir():
        check_writable(args.out)
    printed = 0

    def show(problem: Problem) -> None:
        nonlocal printed
        printed += 1
        if printed <= PRINTED_PROBLEMS:
            print(problem.format(), file=sys.stderr)

    rows = _registry_rows(args.out, args.source_id)  # kept in the store: exports need no registry
    report = import_acled_store(
        args.csv,
        args.out,
        source_id=args.source_id,
        country_names=countries.aliases(),
        on_problem=show,
        sources=rows,
    )
    for problem in report.fatal:
        print(problem.format(), file=sys.stderr)
    if report.fatal:
        print("import-acled: nothing written", file=sys.stderr)
        return max(exit_status(report.fatal), FAILED)
    if printed > PRINTED_PROBLEMS:
        print(f"import-acled: … {printed - PRINTED_PROBLEMS} more problem(s)", file=sys.stderr)
    print(
        f"wrote {args.out} ({report.stored:,} event{'s' if report.stored != 1 else ''})",
        file=sys.stderr,
    )
    if not rows:
        _note_unlisted(args.out, args.source_id)
    if report.refused:
        print(
            f"import-acled: {report.refused:,} row(s) refused and not stored; they are listed "
            f"with their problems in {rejected_path(args.out)}",
            file=sys.stderr,
        )
        return FAILED
    return OK
