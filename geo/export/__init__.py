"""Exports of a selection for reports and other tools: one module per format, one entry point.

    export(fmt, gdf, sources, view, options) -> Exported(data, notes)
    export_bytes(fmt, gdf, sources, view, options) -> bytes

`notes` are what the user must be told about the file (features left out or not drawn, text
a format cannot carry); the CLI prints them and the app shows them.

`gdf` is the loaded incident file (geo.load), `sources` its registry (geo.sources), `view`
the selection: the view is applied here with geo.view.filter_features (so passing an already
filtered frame is fine: filtering twice selects the same rows). Raises ExportError with a
message for the user when the selection is empty or cannot be written in `fmt`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo.export.errors import ExportError
from geo.export.options import ExportOptions

if TYPE_CHECKING:  # geopandas stays unimported until an export runs: `python -m geo` starts fast
    import geopandas as gpd
    import pandas as pd

    from geo.view import View


@dataclass(frozen=True)
class Format:
    suffix: str
    mime: str
    description: str


FORMATS: dict[str, Format] = {
    "png": Format(".png", "image/png", "static map, raster"),
    "svg": Format(".svg", "image/svg+xml", "static map, vector (text stays text)"),
    "pdf": Format(".pdf", "application/pdf", "static map, vector"),
    "html": Format(".html", "text/html", "interactive map, one self-contained file"),
    "geojson": Format(".geojson", "application/geo+json", "features in the project's schema"),
    "csv": Format(".csv", "text/csv", "incidents with ACLED's columns"),
    "kml": Format(".kml", "application/vnd.google-earth.kml+xml", "Google Earth, GIS tools"),
}


def format_for_suffix(suffix: str) -> str | None:
    """The format whose file suffix is `suffix` (case-insensitive), if any."""
    wanted = suffix.lower()
    return next((name for name, spec in FORMATS.items() if spec.suffix == wanted), None)


def select(gdf: gpd.GeoDataFrame, view: View) -> gpd.GeoDataFrame:
    """The features the view selects; ExportError naming what hid them when none is left."""
    from geo.view import filter_features, hidden_counts

    selection = filter_features(gdf, view)
    if selection.empty:
        if gdf.empty:
            raise ExportError("the incident file holds no features")
        raise nothing_matches(len(gdf), hidden_counts(gdf, view))
    return selection


@dataclass(frozen=True)
class Exported:
    data: bytes
    notes: tuple[str, ...] = ()


# What each format does with a feature that has no position (None: it is written as such).
UNPLACED: dict[str, str | None] = {
    "png": "",
    "svg": "",
    "pdf": "",
    "html": "",
    "kml": "kept as a placemark without geometry",
    "geojson": None,  # a null geometry (RFC 7946 §3.2)
    "csv": None,  # empty latitude and longitude
}


def nothing_matches(total: int, hidden: dict[str, int]) -> ExportError:
    """The error for an empty selection of a file holding `total` features, naming how many
    each filter hid (geo.view.hidden_counts, or a store's)."""
    from geo.criteria import nothing_matches_text

    return ExportError(f"{nothing_matches_text(total, hidden)}; widen the filters")


def export_bytes(
    fmt: str,
    gdf: gpd.GeoDataFrame,
    sources: pd.DataFrame,
    view: View,
    options: ExportOptions | None = None,
) -> bytes:
    """The selection of `gdf` by `view` in format `fmt` (a key of FORMATS); see `export`."""
    return export(fmt, gdf, sources, view, options).data


def export(
    fmt: str,
    gdf: gpd.GeoDataFrame,
    sources: pd.DataFrame,
    view: View,
    options: ExportOptions | None = None,
) -> Exported:
    """The selection of `gdf` by `view` in format `fmt` (a key of FORMATS), and the notes the
    user must read: how many features have no position and are not drawn, how many the
    format leaves out, what text it could not carry."""
    from geo.export.captions import has_position, no_incident, no_incident_text, unplaced_text

    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    selection = select(gdf, view)
    options = options or ExportOptions()
    notes: list[str] = []
    if no_incident(selection, view):
        notes.append(no_incident_text(selection))
    placed = has_position(selection).to_numpy()
    unplaced = int((~placed).sum())
    kept = UNPLACED[fmt]
    if unplaced and kept is not None:
        notes.append(unplaced_text(len(selection), unplaced, kept))
    if fmt == "html":
        # The page carries the selection only (a March export holds March's incidents); its
        # timeline opens on the view's window.
        from geo.export.captions import (
            counts_text,
            filters_text,
            period_text,
            source_lines,
            title,
        )
        from geo.export.html import About, html_bytes

        window = (view.date_from, view.date_to)
        # As a map's caption: the period and counts are those of what is drawn; what has no
        # position is said (its date is no part of the map's period).
        drawn = selection[placed]
        shown = counts_text(drawn) or "nothing"
        if unplaced:
            shown += f"; {unplaced_text(len(selection), unplaced)}"
        about = About(
            title=options.title or title(selection, view),
            period=period_text(drawn, view),
            filters=filters_text(view),
            shown=shown,
            sources=tuple(source_lines(selection, sources)),
        )
        page = html_bytes(
            selection, sources, window=window, basemap_file=options.basemap_file, about=about
        )
        return Exported(page, tuple(notes))
    data, more = _write(fmt, selection, sources, view, options)
    return Exported(data, (*notes, *more))


def _write(
    fmt: str,
    selection: gpd.GeoDataFrame,
    sources: pd.DataFrame,
    view: View,
    options: ExportOptions,
) -> tuple[bytes, list[str]]:
    if fmt in ("png", "svg", "pdf"):
        from geo.export.static_map import static_map_bytes
        from geo.export.text import Glyphs, replaced_text

        glyphs = Glyphs()
        data = static_map_bytes(fmt, selection, sources, view, options, glyphs=glyphs)
        return data, [replaced_text(glyphs.replaced)] if glyphs.replaced else []
    if fmt == "geojson":
        from geo.export.geojson import geojson_bytes

        return geojson_bytes(selection, sources), []
    if fmt == "csv":
        from geo.acled.writer import acled_csv_bytes

        incidents = int((selection["layer"].astype(str) == "incident").sum())
        left = len(selection) - incidents
        notes = (
            [
                f"{left} of {len(selection)} features are not incidents and are left out of the "
                "ACLED CSV (use geojson or kml for sites, routes and areas)"
            ]
            if left and incidents
            else []
        )
        return acled_csv_bytes(selection, sources), notes
    from geo.export.kml import kml_document

    return kml_document(selection, sources)
