"""Options several verbs share, declared once so that they read and behave alike."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from geo import paths
from geo.periods import date_problem

SOURCES_HELP = (
    "sources registry (sources.csv) to check source ids against (default: the nearest "
    "sources.csv in the incident file's folder or a parent folder, else the registry the file "
    "carries in its 'sources' member)"
)


def add_sources(
    parser: argparse.ArgumentParser, *, aliases: tuple[str, ...] = (), help: str = SOURCES_HELP
) -> None:
    """`--sources PATH` (args.sources, None unless given): the sources registry the `sources`
    ids refer to; geo.sources.choose_registry finds it when not given. `aliases` are older
    spellings a verb still accepts."""
    parser.add_argument(
        "--sources", *aliases, dest="sources", type=Path, default=None, metavar="PATH", help=help
    )


def add_out(parser: argparse.ArgumentParser, *, required: bool, help: str) -> None:
    """`--out FILE`: where to write; replaced atomically, so a failure leaves the old file."""
    parser.add_argument(
        "--out",
        type=Path,
        required=required,
        metavar="FILE",
        help=f"{help}; an existing file is replaced atomically",
    )


def incidents_default() -> str:
    """How help texts name the default incident file."""
    return str(paths.INCIDENTS.relative_to(paths.ROOT))


def iso_date(text: str) -> date:
    """argparse `type` for a date option: the date a YYYY-MM-DD text names; anything else is
    refused with geo.periods.date_problem's words ("05/03/2026": both readings offered)."""
    problem = date_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return date.fromisoformat(text)
