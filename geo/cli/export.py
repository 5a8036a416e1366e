"""`python -m geo export --format FMT --out FILE [filters] [--title --dpi --size]`: write the
selected features as a report map (png, svg, pdf), an offline interactive map (html) or data
(geojson, csv with ACLED's columns, kml). The filters build the same View as the app's widgets.
Exit 0 written (a selection holding no incident, only sites, routes or areas, is written with
a note saying so), 1 for a bad option, bad data or an empty selection, 2 for a file that
cannot be read or written."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from geo import paths
from geo.cli._options import add_sources, iso_date
from geo.criteria import CRITERIA, BadValue
from geo.problems import ExitStatus, UserError

OK, FAILED = ExitStatus.OK, ExitStatus.FAILED


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    from geo.export.options import DEFAULT_DPI, DEFAULT_SIZE

    parser = subparsers.add_parser(
        "export",
        help="write the selection as PNG/SVG/PDF map, offline HTML map, GeoJSON, CSV or KML",
        description="Write the features selected by the filters. A filter given twice keeps "
        "a feature matching either value; different filters must all match.",
    )
    parser.add_argument(
        "--format",
        choices=("png", "svg", "pdf", "html", "geojson", "csv", "kml", "gif"),
        help="output format (default: from the --out suffix); gif is an animation of --every",
    )
    parser.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="FILE",
        help="file to write; an existing file is replaced atomically. With --every and png, "
        "svg or pdf: a folder, made if missing, that receives one file per period",
    )
    parser.add_argument(
        "--in",
        dest="incidents",
        type=Path,
        default=paths.INCIDENTS,
        metavar="PATH",
        help="incident file (default: data/incidents.geojson)",
    )
    add_sources(parser)
    add_criteria_options(parser)
    parser.add_argument("--title", help="map title (default: from the countries shown)")
    parser.add_argument(
        "--dpi",
        type=int,
        default=DEFAULT_DPI,
        help=f"resolution of static maps (default {DEFAULT_DPI})",
    )
    parser.add_argument(
        "--size",
        default=DEFAULT_SIZE,
        metavar="WxH[px|in|cm|mm]",
        help=f"page size of static maps (default {DEFAULT_SIZE} px)",
    )
    parser.add_argument(
        "--basemap",
        type=Path,
        metavar="FILE",
        help="with --format html: a raster PMTiles or MBTiles file inlined as the basemap",
    )
    parser.add_argument(
        "--every",
        choices=("day", "week", "month"),
        help="a series: one static map per day, ISO week or month of the selection's dates, "
        "the period named in each caption (png, svg, pdf into the --out folder, or one gif)",
    )
    parser.add_argument(
        "--cumulative",
        action="store_true",
        help="with --every: each frame shows everything from the first period to its own",
    )
    parser.add_argument(
        "--frame-ms",
        type=int,
        default=800,
        metavar="MS",
        help="with --format gif: how long each frame shows (default 800)",
    )
    parser.set_defaults(func=run)


class UsageError(UserError):
    """A bad option; the message names it."""

    def __init__(self, message: str) -> None:
        super().__init__(f"export: {message}")


def run(args: argparse.Namespace) -> int:
    from geo.export import FORMATS, ExportError, export, format_for_suffix
    from geo.export.options import OptionError, make_options
    from geo.files import check_writable, write_atomic

    fmt = args.format or ("gif" if args.out.suffix.lower() == ".gif" else None)
    fmt = fmt or format_for_suffix(args.out.suffix)
    if args.every or fmt == "gif" or args.cumulative:
        return _run_series(args, fmt)
    if fmt is None:
        raise UsageError(
            f"cannot tell the format from {str(args.out)!r}; add --format ({', '.join(FORMATS)})"
        )
    check_writable(args.out)
    try:
        options = make_options(args.title, args.size, args.dpi)
    except OptionError as error:
        raise UsageError(str(error)) from error
    if args.basemap is not None:
        if fmt != "html":
            raise UsageError("--basemap is for --format html (the static maps draw borders)")
        if not args.basemap.is_file():
            raise UsageError(f"--basemap {str(args.basemap)!r}: no such file")
        options = replace(options, basemap_file=args.basemap)

    loaded = _open(args)
    if loaded is None:
        return FAILED
    data_values, sources, selected = loaded
    view = build_view(args, data_values, sources)
    try:
        gdf = selected(view)
        exported = export(fmt, gdf, sources, view, options)
    except ExportError as error:
        print(f"{args.incidents}: error: {error}", file=sys.stderr)
        return FAILED
    write_atomic(args.out, exported.data)
    print(f"wrote {args.out} ({fmt}, {len(exported.data):,} bytes)", file=sys.stderr)
    for note in exported.notes:
        print(f"export: note: {note}", file=sys.stderr)
    return OK


SERIES_FORMATS = ("png", "svg", "pdf", "gif")


def _run_series(args: argparse.Namespace, fmt: str | None) -> int:
    """`--every`: one static map per period into a folder, or an animated GIF of them."""
    from geo.export import ExportError
    from geo.export.options import OptionError, make_options
    from geo.export.series import gif_bytes, static_frames
    from geo.export.text import Glyphs, replaced_text
    from geo.files import check_writable, write_atomic

    if not args.every:
        raise UsageError(f"{'--format gif' if fmt == 'gif' else '--cumulative'} needs --every")
    if fmt not in SERIES_FORMATS:
        raise UsageError("--every makes static maps: add --format png, svg, pdf or gif")
    if not 20 <= args.frame_ms <= 60_000:
        raise UsageError(f"--frame-ms {args.frame_ms}: must lie between 20 and 60000")
    folder = args.out
    if fmt == "gif":
        check_writable(args.out)
    elif folder.exists() and not folder.is_dir():
        raise UsageError(f"--out {str(folder)!r} is a file; --every writes its frames to a folder")
    elif not folder.parent.is_dir():
        raise UsageError(f"--out {str(folder)!r}: folder {str(folder.parent)!r} does not exist")
    try:
        options = make_options(args.title, args.size, args.dpi)
    except OptionError as error:
        raise UsageError(str(error)) from error
    loaded = _open(args)
    if loaded is None:
        return FAILED
    data_values, sources, selected = loaded
    view = build_view(args, data_values, sources)
    frame_format = "png" if fmt == "gif" else fmt
    written = []
    glyphs = Glyphs()
    try:
        gdf = selected(view)
        for name, data in static_frames(
            frame_format, gdf, sources, view, options, args.every, args.cumulative, glyphs=glyphs
        ):
            if fmt == "gif":
                written.append(data)
                continue
            folder.mkdir(exist_ok=True)
            write_atomic(folder / name, data)
            written.append(name)
            print(f"wrote {folder / name} ({len(data):,} bytes)", file=sys.stderr)
        if fmt == "gif":
            animation = gif_bytes(written, args.frame_ms)
    except ExportError as error:
        print(f"{args.incidents}: error: {error}", file=sys.stderr)
        return FAILED
    if fmt == "gif":
        write_atomic(args.out, animation)
        print(
            f"wrote {args.out} (gif, {len(written)} frames per {args.every}, "
            f"{len(animation):,} bytes)",
            file=sys.stderr,
        )
    else:
        print(f"wrote {len(written)} frames, one per {args.every}, to {folder}", file=sys.stderr)
    if glyphs.replaced:
        # The same note as a single map's: a replaced character is said, never silent tofu.
        note = replaced_text(glyphs.replaced, (glyphs.replaced_in, len(written)))
        print(f"export: note: {note}", file=sys.stderr)
    return OK


def _open(args: argparse.Namespace) -> tuple[object, object, object] | None:
    """What `--in` names, as (the frame whose `sources` and `country` the options are checked
    against, the sources registry, a function from a View to the frame to export from);
    None after printing every problem. A store (geo.store) is queried, a file read whole."""
    from geo.store.layout import is_store

    if is_store(args.incidents):
        return _load_store(args.incidents, args.sources)
    gdf, sources = _load(args.incidents, args.sources)
    return gdf, sources, lambda view: gdf


def _load(path: Path, registry: Path | None) -> tuple[object, object]:
    """The incident file and its sources registry. Raises UserError with every problem, and
    the exit status they mean (geo.problems.exit_status), when it cannot be exported."""
    from geo.load import load_incidents
    from geo.problems import InvalidDataError
    from geo.sources import sources_for

    try:
        gdf = load_incidents(path, registry)
        sources = sources_for(path, registry)
        from geo.ledger import Registry, with_registry

        with_registry(gdf, Registry.of(sources))  # origins count republications once
    except InvalidDataError as error:
        raise UserError(
            "export: fix the errors above (python -m geo validate) and export again",
            problems=error.problems,
            status=error.status,
        ) from None
    return gdf, sources


def _load_store(path: Path, registry: Path | None) -> tuple[object, object, object] | None:
    """A bulk store (geo.store) as `_load` gives a file: its distinct source ids and countries
    (what the options are checked against), its sources registry, and the SQL query of a View."""
    import duckdb

    from geo.export import nothing_matches
    from geo.problems import InvalidDataError
    from geo.sources import EMBEDDED_MEMBER, sources_for
    from geo.store.layout import carried_sources
    from geo.store.query import Store
    from geo.view import View

    try:
        store = Store(path)
        carried = carried_sources(path)  # the registry rows the import kept, as an export's
        document = {} if carried is None else {EMBEDDED_MEMBER: carried}
        sources = sources_for(path, registry, document=document)
        store.use_registry(sources)
        values = store.distinct_values()
    except InvalidDataError as error:
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
        print("export: fix the errors above and export again", file=sys.stderr)
        return None
    except (OSError, duckdb.Error) as error:
        print(f"{path}:1:1: error: not a readable store: {error}", file=sys.stderr)
        return None

    def selected(view: View) -> object:
        frame = store.select(view)
        if frame.empty:
            raise nothing_matches(store.count(View()), store.hidden_counts(view))
        return frame

    return values, sources, selected


def add_criteria_options(parser: argparse.ArgumentParser) -> None:
    """The filters: each criterion's options as its row in geo.criteria describes them."""
    types = {"text": None, "date": iso_date, "int": int}
    for criterion in CRITERIA:
        for option, field in zip(criterion.options, criterion.fields, strict=True):
            parser.add_argument(
                option.flag,
                dest=f"view_{field}",  # apart from the other options (`sources`: --sources)
                type=types[option.kind],
                action="append" if option.repeat else "store",
                metavar=option.metavar,
                help=option.help,
            )


def build_view(args: argparse.Namespace, data: object, sources: object) -> object:
    """The View the options describe, every value checked against what it can match (the
    `sources` and `country` cells of `data`, and the sources registry) by its criterion's row."""
    from geo.view import View

    values: dict[str, object] = {}
    try:
        for criterion in CRITERIA:
            read = [
                option.read(getattr(args, f"view_{field}"), data, sources)
                for option, field in zip(criterion.options, criterion.fields, strict=True)
            ]
            problem = criterion.check(*read) if criterion.check else None
            if problem is not None:
                raise BadValue(problem)
            values |= dict(zip(criterion.fields, read, strict=True))
    except BadValue as error:
        raise UsageError(str(error)) from None
    view = View(**values)
    if hasattr(data, "geometry"):  # an incident file, whole (a store's `data` is its values)
        _say_unmatched(data, view)
    return view


def _say_unmatched(gdf: object, view: object) -> None:
    """A note per option whose values match no feature (an event type no incident has: "…
    'Protests': not in the data (no feature matches it)"), in the words of the app's link
    warning (geo.criteria.unmatched_text): such a value narrowed the export without a word."""
    from geo.criteria import list_fields, unmatched, unmatched_text

    fields = list_fields()
    for field, values in unmatched(gdf, view).items():
        criterion, place = fields[field]
        given = f"{criterion.options[place].flag} " + ", ".join(repr(v) for v in values)
        print(f"export: note: {unmatched_text(given, len(values))}", file=sys.stderr)
