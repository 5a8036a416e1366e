"""Static maps for reports (PNG, SVG, PDF) with geopandas and matplotlib, without tiles.

The page: title and caption (period, filters, counts) on top; the map (Natural Earth country
and province borders in a regional projection, features styled by geo.style, uncertainty
rings as in the app, labelled key places, scale bar) with the legend beside it, so the legend
never hides a marker; the sources shown and the data attributions at the foot.

Output is deterministic: no dates or version strings in the files' metadata, a fixed SVG id
salt, fixed fonts (DejaVu Sans, shipped with matplotlib), label placement with a fixed seed and
iteration count. The same data and options give the same bytes.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, replace

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from matplotlib_scalebar.scalebar import ScaleBar
from pyproj import Geod
from shapely.geometry import Polygon, box

from geo import style as geo_style
from geo.export import captions
from geo.export.errors import ExportError
from geo.export.labels import Groups, label_candidates, place_labels
from geo.export.options import ExportOptions
from geo.export.projection import MapFrame, lonlat_bounds, map_frame
from geo.export.spread import spread
from geo.export.symbols import (
    HALO_MIN_RADIUS,
    HALO_UNKNOWN_RADIUS,
    draw_fixed_halos,
    draw_markers,
    halo_kwargs,
    line_kwargs,
    points,
    polygon_kwargs,
)
from geo.export.text import Glyphs, wrap
from geo.geometry import members
from geo.view import View

STATIC_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")

# matplotlib settings of every static export; fixed so output does not depend on the
# user's matplotlibrc.
STATIC_RC: dict[str, object] = {
    "font.family": "DejaVu Sans",
    "font.size": 8.0,
    "svg.fonttype": "none",  # text stays text in SVG (searchable, editable)
    "svg.hashsalt": "geo-export",
    "pdf.fonttype": 42,  # TrueType: text stays text in PDF
    "lines.scale_dashes": False,  # geo.style's dashes are absolute lengths
    "path.simplify": True,
    "axes.unicode_minus": True,
}
METADATA: dict[str, dict[str, object]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}

LAND = "#f4f1ea"
SEA = "#dbe8f1"
GRATICULE = "#c9d6df"
INK = "#222222"
MUTED = "#555555"
COUNTRY_LABEL = "#8c8c8c"

MARGIN_IN = 0.25
GAP_IN = 0.15
LEGEND_WIDTH_IN = 2.5
TITLE_PT = 15.0
CAPTION_PT = 8.5
FOOTER_PT = 6.5
LABELS_PER_SQUARE_INCH = 0.5
LEGEND_PT = 7.5
LEGEND_MARKER_MAX_PX = 16.0
LINE_SPACING = 1.3
CHAR_WIDTH_EM = 0.56  # mean advance of DejaVu Sans, for wrapping text to a width
MAX_FOOTER_SHARE = 0.28  # of the page's height; more sources are summarised in one line
CIRCLE_VERTICES = 72
LEADER_DOT_PT = 2.2  # the dot on the true position of markers drawn in a ring

_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Basemap:
    countries: gpd.GeoDataFrame  # EPSG:4326, with a `name` column
    provinces: gpd.GeoDataFrame  # EPSG:4326


def natural_earth_basemap() -> Basemap:
    from geo.borders import read_countries, read_provinces

    return Basemap(read_countries(), read_provinces())


@dataclass(frozen=True)
class SeriesFrame:
    """What the frames of a series (geo.export.series) share, so that they line up: the map's
    extent (west, south, east, north in degrees) and legend (from every frame's features), and
    this frame's period, named in its caption. A frame may draw nothing."""

    extent: tuple[float, float, float, float]
    legend: gpd.GeoDataFrame
    period: str


def static_map_bytes(
    fmt: str,
    gdf: gpd.GeoDataFrame,
    sources: pd.DataFrame,
    view: View,
    options: ExportOptions,
    basemap: Basemap | None = None,
    series: SeriesFrame | None = None,
    glyphs: Glyphs | None = None,
) -> bytes:
    """The selection drawn as a report map in `fmt` (png, svg or pdf); `series` makes it one
    frame of a series. Characters the font cannot draw are replaced in PNG and PDF, and
    counted in `glyphs` when given (geo.export.text.Glyphs); an SVG keeps them as text."""
    if fmt not in STATIC_FORMATS:
        raise ExportError(f"not a static map format: {fmt!r} (use {', '.join(STATIC_FORMATS)})")
    placed = gdf[captions.has_position(gdf).to_numpy()]
    if placed.empty and series is None:
        raise ExportError("none of the selected features has a position to draw")
    glyphs = glyphs or Glyphs()
    glyphs.replace = fmt != "svg"
    with matplotlib.rc_context(STATIC_RC), warnings.catch_warnings():
        # Laying out measures text with DejaVu Sans; a character it lacks is replaced below
        # before anything is drawn (PNG, PDF), or drawn by the SVG viewer's own fonts.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font")
        figure = _compose(
            placed, gdf, sources, view, options, basemap or natural_earth_basemap(), series
        )
        for text in figure.findobj(Text):
            text.set_text(glyphs(text.get_text(), bold=text.get_fontweight() in ("bold", 700)))
        if fmt == "png":
            # matplotlib truncates inches x dpi to whole pixels; a hundredth of a pixel more
            # makes the PNG exactly the asked size whatever the rounding of the inches.
            pixels_w, pixels_h = options.pixels
            figure.set_size_inches((pixels_w + 0.01) / options.dpi, (pixels_h + 0.01) / options.dpi)
        buffer = io.BytesIO()
        figure.savefig(buffer, format=fmt, dpi=options.dpi, metadata=METADATA[fmt])
    return buffer.getvalue()


# --- page layout -----------------------------------------------------------------------------


def _wrap(text: str, width_in: float, size_pt: float) -> list[str]:
    chars = max(20, int(width_in * 72 / (size_pt * CHAR_WIDTH_EM)))
    return wrap(text, chars)


def _footer_lines(
    gdf: gpd.GeoDataFrame, sources: pd.DataFrame, width_in: float, height_in: float
) -> list[str]:
    """Sources shown, one per line (wrapped), then the attributions; cut to fit the page."""
    line_in = FOOTER_PT * LINE_SPACING / 72
    room = max(3, int(height_in * MAX_FOOTER_SHARE / line_in))
    entries = captions.source_lines(gdf, sources)
    attribution = _wrap(captions.ATTRIBUTION, width_in, FOOTER_PT)
    lines = [f"Sources shown ({len(entries)}):"]
    for shown, entry in enumerate(entries):
        wrapped = _wrap(f"[{shown + 1}] {entry}", width_in, FOOTER_PT)
        if len(lines) + len(wrapped) + len(attribution) + 1 > room:
            lines.append(
                f"… and {len(entries) - shown} more; every source is listed in the data "
                "exports (GeoJSON, CSV)."
            )
            break
        lines.extend(wrapped)
    return lines + attribution


def _compose(
    placed: gpd.GeoDataFrame,
    selection: gpd.GeoDataFrame,
    sources: pd.DataFrame,
    view: View,
    options: ExportOptions,
    basemap: Basemap,
    series: SeriesFrame | None = None,
) -> Figure:
    width, height = options.width_in, options.height_in
    figure = Figure(figsize=(width, height), dpi=options.dpi, facecolor="white")
    text_width = width - 2 * MARGIN_IN

    # Title, caption and sources speak of what is drawn; the caption counts what is not.
    title = options.title or captions.title(placed, view)
    title_lines = _wrap(title, text_width, TITLE_PT)
    period = series.period if series is not None else None
    caption = captions.caption(placed, view, len(selection), period)
    caption_lines = _wrap(caption, text_width, CAPTION_PT)
    footer_lines = _footer_lines(placed, sources, text_width, height)

    top = height - MARGIN_IN
    for line in title_lines:
        top -= TITLE_PT * 1.2 / 72
        figure.text(
            MARGIN_IN / width,
            top / height,
            line,
            fontsize=TITLE_PT,
            fontweight="bold",
            color=INK,
            va="baseline",
        )
    top -= 0.06
    for line in caption_lines:
        top -= CAPTION_PT * LINE_SPACING / 72
        figure.text(
            MARGIN_IN / width, top / height, line, fontsize=CAPTION_PT, color=MUTED, va="baseline"
        )
    map_top = top - GAP_IN

    bottom = MARGIN_IN
    for line in reversed(footer_lines):
        figure.text(
            MARGIN_IN / width, bottom / height, line, fontsize=FOOTER_PT, color=MUTED, va="baseline"
        )
        bottom += FOOTER_PT * LINE_SPACING / 72
    map_bottom = bottom + GAP_IN

    legend_width = min(LEGEND_WIDTH_IN, 0.32 * text_width)
    map_width = text_width - legend_width - GAP_IN
    map_height = map_top - map_bottom
    if map_height < 1.0 or map_width < 1.0:
        raise ExportError(
            f"the page ({width:.1f} x {height:.1f} in) leaves no room for the map next to "
            "the title, legend and sources; use a larger --size"
        )
    map_ax = figure.add_axes(
        (MARGIN_IN / width, map_bottom / height, map_width / width, map_height / height)
    )
    legend_ax = figure.add_axes(
        (
            (MARGIN_IN + map_width + GAP_IN) / width,
            map_bottom / height,
            legend_width / width,
            map_height / height,
        )
    )
    if series is not None:
        bounds = series.extent
    else:
        bounds = tuple(view.bbox) if view.bbox is not None else tuple(placed.total_bounds)
    frame = map_frame(bounds, map_width / map_height)  # type: ignore[arg-type]
    placement = _draw_map(map_ax, figure, frame, placed, basemap)
    legend = placed if series is None else series.legend
    _draw_legend(legend_ax, legend, legend_width, map_height, placement)
    return figure


# --- the map ---------------------------------------------------------------------------------


def _draw_map(
    ax: Axes, figure: Figure, frame: MapFrame, gdf: gpd.GeoDataFrame, basemap: Basemap
) -> Placement:
    min_x, min_y, max_x, max_y = frame.bounds
    ax.set_xlim(min_x, max_x)
    ax.set_ylim(min_y, max_y)
    ax.set_aspect("equal")
    ax.apply_aspect()  # the final axes box, before anything is measured in display space
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#777777")
        spine.set_linewidth(0.6)

    window = box(*lonlat_bounds(frame)).buffer(1.0)
    countries = _clipped(basemap.countries, window, frame)
    provinces = _clipped(basemap.provinces, window, frame)
    country_line = geo_style.COUNTRY_BORDER
    province_line = geo_style.PROVINCE_BORDER
    if not countries.empty:
        countries.plot(ax=ax, facecolor=LAND, edgecolor="none", zorder=1)
    _graticule(ax, frame)
    if not provinces.empty:
        provinces.boundary.plot(ax=ax, zorder=3, **line_kwargs(province_line))
    if not countries.empty:
        countries.boundary.plot(ax=ax, zorder=4, **line_kwargs(country_line))
        country_boxes = _country_labels(ax, countries, frame)
    else:
        country_boxes = []

    gdf = _by_member(gdf)
    projected = gdf.to_crs(frame.crs)
    layer = gdf["layer"].astype(str).to_numpy()
    codes, styles = geo_style.style_codes(gdf)
    geometry_types = projected.geometry.geom_type.to_numpy()
    is_point = np.isin(geometry_types, ("Point", "MultiPoint"))

    for code, feature_style in enumerate(styles):
        chosen = codes == code
        polygons = projected[
            chosen & ~is_point & np.isin(geometry_types, ("Polygon", "MultiPolygon"))
        ]
        if not polygons.empty:
            polygons.plot(ax=ax, zorder=5, **polygon_kwargs(feature_style))
        lines = projected[chosen & np.isin(geometry_types, ("LineString", "MultiLineString"))]
        if not lines.empty:
            lines.plot(ax=ax, zorder=6, **line_kwargs(feature_style))
            if feature_style.arrows:
                _arrowheads(ax, lines, feature_style)

    anchors = projected.geometry.representative_point()
    xs, ys = anchors.x.to_numpy(), anchors.y.to_numpy()
    marker_pt = np.array([points(styles[code].size) for code in codes]) if len(codes) else codes
    # Markers that would hide each other are drawn in a ring around their place (or as one
    # count glyph), each joined to its true position: every incident counted is seen.
    pt_per_unit = ax.get_position().width * figure.get_figwidth() * 72 / (max_x - min_x)
    spread_out = spread(
        (xs[is_point] - min_x) * pt_per_unit,
        (ys[is_point] - min_y) * pt_per_unit,
        marker_pt[is_point],
    )
    drawn_x, drawn_y = xs.copy(), ys.copy()
    drawn_x[is_point] = min_x + spread_out.x / pt_per_unit
    drawn_y[is_point] = min_y + spread_out.y / pt_per_unit
    group = np.full(len(gdf), -1)
    group[is_point] = spread_out.group
    hidden = np.zeros(len(gdf), dtype=bool)  # drawn inside a count glyph
    hidden[is_point] = spread_out.counted[spread_out.group]
    moved = np.zeros(len(gdf), dtype=bool)
    moved[is_point] = spread_out.moved & ~hidden[is_point]
    _draw_halos(ax, gdf, codes, styles, is_point & ~hidden, frame, drawn_x, drawn_y)
    _leaders(ax, xs[moved], ys[moved], drawn_x[moved], drawn_y[moved])
    # Incidents above sites: an incident at an air base must not vanish under the base's icon.
    shown = is_point & ~hidden
    for z, wanted_layer in ((8, "site"), (9, "incident")):
        for code, feature_style in enumerate(styles):
            chosen = (codes == code) & shown & (layer == wanted_layer)
            if chosen.any():
                gid = f"markers-{wanted_layer}-{code}"
                draw_markers(ax, drawn_x[chosen], drawn_y[chosen], feature_style, z, gid)
    others = shown & ~np.isin(layer, ("incident", "site"))
    for code, feature_style in enumerate(styles):
        chosen = (codes == code) & others
        if chosen.any():
            draw_markers(ax, drawn_x[chosen], drawn_y[chosen], feature_style, 8)
    centre_x = min_x + spread_out.centre_x / pt_per_unit
    centre_y = min_y + spread_out.centre_y / pt_per_unit
    glyphs_at = np.flatnonzero(spread_out.counted)
    _count_glyphs(
        ax,
        centre_x[glyphs_at],
        centre_y[glyphs_at],
        spread_out.members[glyphs_at],
        spread_out.reach[glyphs_at] * 2,
    )

    scale_bar = ScaleBar(
        frame.metres_per_unit,
        units="m",
        location="lower left",
        length_fraction=0.22,
        box_alpha=0.75,
        font_properties={"size": 7},
        scale_loc="top",
        border_pad=0.6,
    )
    ax.add_artist(scale_bar)
    ax.set_xlabel("")  # geopandas names the CRS axes; a report map does not need them
    ax.set_ylabel("")
    renderer = _measuring_renderer(figure)
    reserved = [scale_bar.get_window_extent(renderer), *country_boxes]
    position = ax.get_position()
    area_in2 = position.width * figure.get_figwidth() * position.height * figure.get_figheight()
    limit = int(np.clip(area_in2 * LABELS_PER_SQUARE_INCH, 6, 40))
    # A count glyph stands for a cell of the map, not a place: it is not named.
    candidates = label_candidates(gdf, np.where(hidden, -1, group))
    glyph_size = np.where(spread_out.counted, spread_out.reach * 2, 0.0)
    groups = Groups(
        np.concatenate([drawn_x[shown], centre_x[spread_out.counted]]),
        np.concatenate([drawn_y[shown], centre_y[spread_out.counted]]),
        np.concatenate([marker_pt[shown], glyph_size[spread_out.counted]]),
        np.concatenate([group[shown], np.flatnonzero(spread_out.counted)]),
        centre_x,
        centre_y,
        spread_out.reach,
    )
    place_labels(ax, renderer, candidates, groups, reserved, limit)
    return Placement(rings=bool(moved.any()), glyphs=bool(spread_out.counted.any()))


@dataclass(frozen=True)
class Placement:
    """What the map drew that the legend must explain besides the styles: markers moved
    into rings (joined to their place) and count glyphs."""

    rings: bool = False
    glyphs: bool = False


PLACEMENT_TEXT = {
    "ring": "Several at one place: drawn around it, joined to it by a line",
    "glyph": "Too many to draw apart: their number in this part of the map",
}


def _leaders(
    ax: Axes, xs: np.ndarray, ys: np.ndarray, drawn_x: np.ndarray, drawn_y: np.ndarray
) -> None:
    """Thin lines from each true position to its marker drawn in a ring, and a dot on the
    true position (one dot where several markers stand at one spot)."""
    if not len(xs):
        return
    segments = np.stack([np.column_stack([xs, ys]), np.column_stack([drawn_x, drawn_y])], axis=1)
    ax.add_collection(LineCollection(segments, colors=MUTED, linewidths=0.5, zorder=7.5))
    ax.scatter(xs, ys, s=LEADER_DOT_PT**2, c=INK, marker="o", linewidths=0, zorder=9.5)


def _count_glyphs(
    ax: Axes, xs: np.ndarray, ys: np.ndarray, counts: np.ndarray, sizes_pt: np.ndarray
) -> None:
    """Discs with the number of markers each stands for (groups too crowded for a ring)."""
    if not len(xs):
        return
    ax.scatter(xs, ys, s=sizes_pt**2, c="white", edgecolors=INK, linewidths=1.0, zorder=9.6)
    for x, y, count, size_pt in zip(xs, ys, counts, sizes_pt, strict=True):
        ax.text(
            x,
            y,
            str(count),
            fontsize=max(5.0, size_pt * (0.38 if count < 100 else 0.3)),
            fontweight="bold",
            color=INK,
            ha="center",
            va="center_baseline",
            zorder=9.7,
        )


def _by_member(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per Point, LineString and Polygon member of each feature (geo.geometry), with
    the feature's properties: every geometry type is drawn with a Point's rules (each point of
    a MultiPoint or GeometryCollection a marker in the feature's style, each line and polygon
    a path). Captions count features, from the frame before this."""
    parts = members(gdf.geometry.to_numpy())
    if len(parts.rows) == len(gdf) and (parts.rows == np.arange(len(gdf))).all():
        return gdf  # one member per feature: nothing to take apart
    rows = gdf.iloc[parts.rows].reset_index(drop=True)
    return rows.set_geometry(gpd.GeoSeries(parts.shapes, crs=gdf.crs))


def _measuring_renderer(figure: Figure) -> RendererAgg:
    """A renderer to measure text with while laying out. The figure keeps its drawing-free
    base canvas until it is saved: with a real canvas every geopandas plot call would redraw
    the whole figure."""
    width, height = figure.get_size_inches() * figure.dpi
    return RendererAgg(int(width), int(height), figure.dpi)


def _clipped(frame: gpd.GeoDataFrame, window: Polygon, map_frame_: MapFrame) -> gpd.GeoDataFrame:
    if frame.empty:
        return frame
    inside = frame[frame.intersects(window)]
    if inside.empty:
        return inside
    return gpd.clip(inside, window).to_crs(map_frame_.crs)


def _graticule(ax: Axes, frame: MapFrame) -> None:
    """Light parallels and meridians, so readers see the projection's curve."""
    west, south, east, north = lonlat_bounds(frame)
    span = max(east - west, north - south)
    step = next(s for s in (1, 2, 5, 10, 15, 30) if span / s <= 12)
    lines = []
    for lon in np.arange(np.ceil(west / step) * step, east + 1e-9, step):
        lines.append([(lon, lat) for lat in np.linspace(south, north, 50)])
    for lat in np.arange(np.ceil(south / step) * step, north + 1e-9, step):
        lines.append([(lon, lat) for lon in np.linspace(west, east, 50)])
    from shapely.geometry import LineString

    graticule = gpd.GeoSeries([LineString(line) for line in lines], crs="EPSG:4326")
    graticule.to_crs(frame.crs).plot(ax=ax, color=GRATICULE, linewidth=0.4, zorder=2)


def _country_labels(ax: Axes, countries: gpd.GeoDataFrame, frame: MapFrame) -> list[Bbox]:
    """Country names in grey capitals; returns their boxes (display units) for the labeller."""
    renderer = _measuring_renderer(ax.figure)
    boxes = []
    min_x, min_y, max_x, max_y = frame.bounds
    view_box = box(min_x, min_y, max_x, max_y)
    area = view_box.area
    for name, shape in zip(countries["name"], countries.geometry, strict=True):
        visible = shape.intersection(view_box)
        if visible.is_empty or visible.area < area * 0.02:
            continue  # too small a sliver to name without crowding the map
        point = visible.representative_point()
        text = ax.text(
            point.x,
            point.y,
            str(name).upper(),
            fontsize=9,
            color=COUNTRY_LABEL,
            ha="center",
            va="center",
            zorder=4.5,
            fontweight="bold",
            alpha=0.8,
        )
        boxes.append(text.get_window_extent(renderer))
    return boxes


def _arrowheads(ax: Axes, lines: gpd.GeoDataFrame, feature_style: geo_style.FeatureStyle) -> None:
    """One arrowhead at the end of each reported flight path, pointing the way it was flown."""
    for geometry in lines.geometry:
        parts = getattr(geometry, "geoms", [geometry])
        coords = np.asarray(parts[-1].coords)
        if len(coords) < 2:
            continue
        end = coords[-1]
        before = coords[-2]
        ax.add_patch(
            FancyArrowPatch(
                tuple(before[:2]),
                tuple(end[:2]),
                arrowstyle="-|>",
                mutation_scale=points(feature_style.stroke_width) * 6,
                color=feature_style.color,
                linewidth=0,
                zorder=6.5,
            )
        )


def _draw_halos(
    ax: Axes,
    gdf: gpd.GeoDataFrame,
    codes: np.ndarray,
    styles: list[geo_style.FeatureStyle],
    is_point: np.ndarray,
    frame: MapFrame,
    drawn_x: np.ndarray,
    drawn_y: np.ndarray,
) -> None:
    """Uncertainty rings: geodesic circles of `uncertainty_km` where known and large enough to
    see (around the true position), else a ring of fixed size on the page around the marker
    as drawn (`drawn_x, drawn_y`, map units), as the app draws them."""
    if "uncertainty_km" in gdf:
        radius_km = pd.to_numeric(gdf["uncertainty_km"], errors="coerce").to_numpy(dtype=float)
    else:
        radius_km = np.full(len(gdf), np.nan)
    anchors_ll = gdf.geometry.representative_point()
    map_width_m = (frame.bounds[2] - frame.bounds[0]) * frame.metres_per_unit
    axes_width_pt = ax.get_position().width * ax.figure.get_figwidth() * 72
    metres_per_pt = map_width_m / axes_width_pt
    for code, feature_style in enumerate(styles):
        if not feature_style.halo:
            continue
        chosen = (codes == code) & is_point
        if not chosen.any():
            continue
        size_pt = points(feature_style.size)
        radius_pt = radius_km[chosen] * 1000 / metres_per_pt
        sized = np.nan_to_num(radius_pt, nan=0.0) > HALO_MIN_RADIUS * size_pt
        unknown = np.isnan(radius_km[chosen])
        xs = drawn_x[chosen]
        ys = drawn_y[chosen]
        if (~sized & unknown).any():
            draw_fixed_halos(
                ax,
                xs[~sized & unknown],
                ys[~sized & unknown],
                feature_style,
                HALO_UNKNOWN_RADIUS,
                7,
            )
        if (~sized & ~unknown).any():
            draw_fixed_halos(
                ax, xs[~sized & ~unknown], ys[~sized & ~unknown], feature_style, HALO_MIN_RADIUS, 7
            )
        if sized.any():
            lons = anchors_ll.x.to_numpy()[chosen][sized]
            lats = anchors_ll.y.to_numpy()[chosen][sized]
            circles = _geodesic_circles(lons, lats, radius_km[chosen][sized] * 1000)
            circles.to_crs(frame.crs).plot(ax=ax, zorder=7, **halo_kwargs(feature_style))


def _geodesic_circles(lons: np.ndarray, lats: np.ndarray, radii_m: np.ndarray) -> gpd.GeoSeries:
    azimuths = np.linspace(0.0, 360.0, CIRCLE_VERTICES, endpoint=False)
    count = len(lons)
    ring_lons, ring_lats, _ = _GEOD.fwd(
        np.repeat(lons, CIRCLE_VERTICES),
        np.repeat(lats, CIRCLE_VERTICES),
        np.tile(azimuths, count),
        np.repeat(radii_m, CIRCLE_VERTICES),
    )
    ring_lons = np.asarray(ring_lons).reshape(count, CIRCLE_VERTICES)
    ring_lats = np.asarray(ring_lats).reshape(count, CIRCLE_VERTICES)
    shapes = [Polygon(zip(x, y, strict=True)) for x, y in zip(ring_lons, ring_lats, strict=True)]
    return gpd.GeoSeries(shapes, crs="EPSG:4326")


# --- the legend ------------------------------------------------------------------------------


def _draw_legend(
    ax: Axes,
    gdf: gpd.GeoDataFrame,
    width_in: float,
    height_in: float,
    placement: Placement | None = None,
) -> None:
    """The legend panel, drawn with the map's own symbol code, in points (1 unit = 1 pt),
    then how markers were placed when some were moved (`placement`). When the entries do not
    fit, text and swatches shrink together."""
    width_pt, height_pt = width_in * 72, height_in * 72
    ax.set_xlim(0, width_pt)
    ax.set_ylim(0, height_pt)
    ax.set_axis_off()
    swatch_x, text_x = 12.0, 28.0
    chars = max(12, int((width_pt - text_x) / (LEGEND_PT * CHAR_WIDTH_EM)))
    rows: list[tuple[str, geo_style.LegendEntry | None, list[str]]] = [
        ("heading", None, ["Legend"])
    ]
    group = None
    for entry in geo_style.legend_entries(gdf):
        if entry.group != group:
            rows.append(("group", None, [entry.group]))
            group = entry.group
        rows.append(("entry", entry, wrap(entry.label, chars)))
    placement = placement or Placement()
    if placement.rings or placement.glyphs:
        rows.append(("group", None, ["Placement"]))
    for kind, shown in (("ring", placement.rings), ("glyph", placement.glyphs)):
        if shown:
            rows.append((kind, None, wrap(PLACEMENT_TEXT[kind], chars)))

    def height_of(kind: str, entry: geo_style.LegendEntry | None, lines: list[str]) -> float:
        if kind == "heading":
            return 16.0
        if kind == "group":
            return 19.0
        if kind in ("ring", "glyph"):
            return max(len(lines) * LEGEND_PT * 1.2 + 3, 22.0)
        swatch = _legend_style(entry).size * 0.75 + 4  # type: ignore[arg-type]
        if entry is not None and entry.style.halo:
            swatch = swatch * 1.5
        return max(len(lines) * LEGEND_PT * 1.2 + 3, swatch)

    needed = sum(height_of(*row) for row in rows)
    scale = min(1.0, (height_pt - 4) / needed) if needed else 1.0
    y = height_pt - 2
    for kind, entry, lines in rows:
        row_height = height_of(kind, entry, lines) * scale
        if kind in ("entry", "ring", "glyph"):
            centre = y - row_height / 2
            if kind == "entry":
                _swatch(ax, entry, swatch_x, centre, scale)  # type: ignore[arg-type]
            else:
                _placement_swatch(ax, kind, swatch_x, centre, scale)
            ax.text(
                text_x,
                centre,
                "\n".join(lines),
                fontsize=LEGEND_PT * scale,
                color=INK,
                va="center",
                linespacing=1.1,
            )
        else:
            size = (10.0 if kind == "heading" else 8.0) * scale
            ax.text(
                0,
                y - row_height + 4 * scale,
                lines[0],
                fontsize=size,
                fontweight="bold",
                color=INK,
                va="baseline",
            )
        y -= row_height


def _placement_swatch(ax: Axes, kind: str, x: float, y: float, scale: float) -> None:
    """Three small circles around a dot, joined to it (a ring), or a count glyph."""
    if kind == "glyph":
        _count_glyphs(ax, np.array([x]), np.array([y]), np.array([12]), np.array([18.0 * scale]))
        return
    angles = np.pi / 2 - 2 * np.pi * np.arange(3) / 3
    ring_x, ring_y = x + 7 * scale * np.cos(angles), y + 7 * scale * np.sin(angles)
    _leaders(ax, np.full(3, x), np.full(3, y), ring_x, ring_y)
    ax.scatter(
        ring_x, ring_y, s=(5.5 * scale) ** 2, c="white", edgecolors=MUTED, linewidths=0.8, zorder=3
    )


def _legend_style(entry: geo_style.LegendEntry) -> geo_style.FeatureStyle:
    """Swatches no larger than an incident marker, so a long legend stays compact."""
    return replace(entry.style, size=min(entry.style.size, LEGEND_MARKER_MAX_PX))


def _swatch(ax: Axes, entry: geo_style.LegendEntry, x: float, y: float, scale: float) -> None:
    feature_style = _legend_style(entry)
    feature_style = replace(feature_style, size=feature_style.size * scale)
    if entry.layer == "route":
        ax.plot([x - 11, x + 11], [y, y], solid_capstyle="butt", **line_kwargs(feature_style))
        return
    if entry.layer == "area":
        ax.add_patch(
            Rectangle((x - 10, y - 5 * scale), 20, 10 * scale, **polygon_kwargs(feature_style))
        )
        return
    if feature_style.halo:
        draw_fixed_halos(ax, np.array([x]), np.array([y]), feature_style, HALO_UNKNOWN_RADIUS, 1)
    draw_markers(ax, np.array([x]), np.array([y]), feature_style, 2)
